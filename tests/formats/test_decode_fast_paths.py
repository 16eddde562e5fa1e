"""The SD-JWT decoder's inlined base64url, digest and JSON steps give exactly what the
standard library's layered calls give (the ones they replace), for good and hostile input."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import random

import pytest

from wallet_app.formats.sd_jwt import _json, sd_digest
from wallet_app.formats.view import b64url_decode


def _reference_b64url(text: str) -> bytes | str:
    import re

    if not re.fullmatch(r"[A-Za-z0-9_-]*={0,2}", text):
        return "error"
    try:
        return base64.urlsafe_b64decode(text.rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))
    except binascii.Error:
        return "error"


def _ours_b64url(text: str) -> bytes | str:
    try:
        return b64url_decode(text)
    except ValueError:
        return "error"


def _texts() -> list[str]:
    rng = random.Random(9)
    texts = ["", "=", "==", "===", "A", "AB", "ABC", "ABCD", "AB==", "ABC=", "A===", "-_-_"]
    texts += ["a+b/", "ab cd", "äöü", "AB\n", "ABCD=A", "SGVsbG8", "SGVsbG8=", "SGVsbG8=="]
    for _ in range(400):
        raw = rng.randbytes(rng.randrange(0, 40))
        encoded = base64.urlsafe_b64encode(raw).decode("ascii")
        texts += [encoded, encoded.rstrip("="), encoded.rstrip("=")[:-1] or "x"]
    return texts


def test_b64url_decode_matches_urlsafe_b64decode() -> None:
    for text in _texts():
        assert _ours_b64url(text) == _reference_b64url(text), text


def test_sd_digest_matches_hashlib_and_urlsafe_b64encode() -> None:
    for text in _texts():
        if not text.isascii():
            continue
        for alg, name in (("sha-256", "sha256"), ("sha-384", "sha384"), ("sha3-512", "sha3_512")):
            digest = hashlib.new(name, text.encode("ascii")).digest()
            expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
            assert sd_digest(text, alg) == expected
    with pytest.raises(ValueError):
        sd_digest("abc", "md5")


@pytest.mark.parametrize(
    "data",
    [
        b'["salt", "name", "value"]',
        b'["s", "n", {"nested": [1, 2.5, null, true]}]',
        '["sälz", "名前", "ü"]'.encode(),
        '["a", "b"]'.encode("utf-16"),
        '["a", "b"]'.encode("utf-16-le"),
        '["a", "b"]'.encode("utf-16-be"),
        '["a", "b"]'.encode("utf-32"),
        '["a", "b"]'.encode("utf-8-sig"),
        b'["\xed\xa0\x80", "lone surrogate"]',
        b'["\xff\xfe", "bad utf-8"]',
        b"[",
        b"[\x00",
        b"",
        b'{"not": "an array"}',
        b'["trailing" "garbage"] x',
    ],
)
def test_disclosure_json_matches_json_loads_of_the_bytes(data: bytes) -> None:
    """As json.loads of the bytes, except that a lone surrogate is shown as U+FFFD (issue
    11: such a credential is refused on receipt; the decoder only shows what was stored)."""

    def outcome(load: object) -> object:
        try:
            return ("ok", load(data))  # type: ignore[operator]
        except ValueError as exc:
            return ("error", type(exc).__name__)

    def reference(raw: bytes) -> object:
        return json.loads(json.dumps(json.loads(raw)).replace("\\ud800", "\\ufffd"))

    assert outcome(_json) == outcome(reference)
