"""The secret scan itself finds secrets in every form it claims to, and nothing in sealed bytes."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from urllib.parse import quote

from tests.e2e.secret_scan import ACCEPTANCE_TOKEN, scan

TOKEN = "Xy7_kQ2-access-token-9f8e7d6c5b4a"
CREDENTIAL = (
    "eyJhbGciOiJFUzI1NiJ9.eyJnaXZlbl9uYW1lIjoiRXJpa2EiLCJmYW1pbHkiOiJNdXN0ZXJtYW5uIn0"
    ".c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl~WyJzYWx0IiwiZ2l2ZW5fbmFtZSIsIkVyaWthIl0~"
)
SECRETS = {TOKEN: "access token", CREDENTIAL: "issued credential 0", "493817": "tx_code"}


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_finds_each_form_and_not_sealed_bytes(tmp_path: Path) -> None:
    blob = base64.b64encode(b'{"log": "token ' + TOKEN.encode() + b'"}')
    files = [
        _file(tmp_path, "clear", f"Authorization: DPoP {TOKEN}\n".encode()),
        _file(tmp_path, "percent", f"code={quote(TOKEN + '/+')}".encode()),
        _file(tmp_path, "b64", b"xx" + blob + b"yy"),
        _file(tmp_path, "disclosure", CREDENTIAL.split("~")[1].encode()),
        _file(tmp_path, "txcode", b"entered 493817 as the code"),
        _file(tmp_path, "jwk", json.dumps({"kty": "EC", "d": "A" * 43}).encode()),
        _file(tmp_path, "sealed", os.urandom(200_000)),
        _file(tmp_path, "digits", b"port 14938171 at 2026-12-07"),
    ]
    found = scan(SECRETS, files, {"stdout": f"Received: {CREDENTIAL}"})
    where = {line.rsplit(" in ", 1)[1].rsplit("/", 1)[-1]: line for line in found}
    assert set(where) == {"clear", "percent", "b64", "disclosure", "txcode", "jwk", "stdout"}
    assert where["jwk"].startswith("a private key")


def test_a_draft_11_acceptance_token_is_a_secret_on_disk_and_in_output(tmp_path: Path) -> None:
    secrets = {"tx-acceptance-token-123456": ACCEPTANCE_TOKEN}
    disk = _file(tmp_path, "store", b"tx-acceptance-token-123456")
    found = scan(secrets, [disk], {"stdout": "transaction_id tx-acceptance-token-123456"})
    assert found == [f"{ACCEPTANCE_TOKEN} in {disk}", f"{ACCEPTANCE_TOKEN} in stdout"]
