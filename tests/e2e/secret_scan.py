"""The secret scan run after every end-to-end test (tests/e2e/conftest.py).

Secrets of a flow come from the demo issuer's own state (what it handed out and what the
wallet sent it): pre-authorized codes, tx_codes, authorization codes, access and refresh
tokens, PKCE verifiers, and every credential it issued. They are looked for, in clear,
percent-encoded, base64url and base64 form (at each of the three base64 alignments, so also
inside a longer encoded blob), in every file the wallet wrote (data, config and log dirs) and
in everything the CLI printed. Private keys are looked for by shape (a JWK ``d``, a PEM
block). A hit means a secret reached disk or output unencrypted.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote

from wallet_app.demo_issuer.state import DemoState

__all__ = ["flow_secrets", "scan"]

#: draft 11's deferred request authorizes with the acceptance_token alone: a secret on disk
#: and in output (the CLI names a deferred entry by its local id only)
ACCEPTANCE_TOKEN = "draft-11 acceptance_token"
#: shorter needles would match by chance in sealed (random) bytes
MIN_NEEDLE = 12
_PRIVATE_KEY = re.compile(rb'"d"\s*:\s*"[A-Za-z0-9_-]{32,}"|-----BEGIN [A-Z ]*PRIVATE KEY-----')
_REQUEST_SECRETS = (
    "pre-authorized_code",
    "tx_code",
    "user_pin",
    "code",
    "code_verifier",
    "refresh_token",
)


def flow_secrets(state: DemoState) -> dict[str, str]:
    """value → what it is, for everything secret the demo issuer knows about its flows."""
    found: dict[str, str] = {}
    with state.lock:
        for code, grant in state.pre_auth.items():
            found[code] = "pre-authorized code"
            if grant.tx_code:
                found[grant.tx_code] = "tx_code"
        for code in (*state.codes, *state.spent_codes):
            found[code] = "authorization code"
        for token in state.tokens:
            found[token] = "access token"
        for request in state.requests:
            body = request.body or {}
            for name in _REQUEST_SECRETS:
                value = body.get(name)
                if isinstance(value, str) and value:
                    found[value] = name
            auth = request.headers.get("authorization", "")
            if " " in auth:
                bearer = auth.split(" ", 1)[1]
                found.setdefault(bearer, "access token")
                if request.path.endswith("/deferred") and not body:
                    found[bearer] = ACCEPTANCE_TOKEN  # draft 11: the bearer is the tx id
        for i, credential in enumerate(state.issued_credentials):
            found[credential] = f"issued credential {i}"
    return found


def _b64_forms(data: bytes) -> list[bytes]:
    """``data`` base64url- and base64-encoded at the three alignments, trimmed to the part
    that does not depend on neighbouring bytes."""
    forms = []
    for shift in range(3):
        for encode in (base64.urlsafe_b64encode, base64.b64encode):
            encoded = encode(b"\0" * shift + data).rstrip(b"=")
            start = (shift * 4 + 2) // 3 + (1 if shift else 0)
            core = encoded[start : len(encoded) - 3]
            if len(core) >= MIN_NEEDLE:
                forms.append(core)
    return forms


def _credential_parts(credential: str) -> list[str]:
    """Distinctive parts of a credential: the whole, its JWS payload and signature, and its
    disclosures (a JWS header is no secret: many JWTs share one)."""
    parts = [credential]
    for piece in credential.split("~"):
        segments = piece.split(".")
        parts += segments[1:] if len(segments) == 3 else [piece]
    return [part for part in parts if len(part) >= 20]


def _needles(value: str, what: str) -> list[tuple[bytes, str]]:
    texts = _credential_parts(value) if what.startswith("issued credential") else [value]
    needles: list[tuple[bytes, str]] = []
    for text in texts:
        raw = text.encode("utf-8", "surrogatepass")
        forms = {raw, quote(text, safe="").encode(), *_b64_forms(raw)}
        if what.startswith("issued credential") and re.fullmatch(r"[A-Za-z0-9_-]+", text):
            try:  # a base64url credential (mdoc) stored as its bytes
                decoded = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
                forms.add(decoded)
                forms.update(_b64_forms(decoded))
            except ValueError:
                pass
        needles += [(form, what) for form in forms]
    return needles


def _leaks(blob: bytes, needles: Iterable[tuple[bytes, str]]) -> list[str]:
    hits = []
    for needle, what in needles:
        if len(needle) >= MIN_NEEDLE:
            if needle in blob:
                hits.append(what)
        elif re.search(rb"(?<![0-9A-Za-z])" + re.escape(needle) + rb"(?![0-9A-Za-z])", blob):
            hits.append(what)  # a short one (a tx_code) only as a word of its own
    if _PRIVATE_KEY.search(blob):
        hits.append("a private key")
    return hits


def scan(
    secrets: Mapping[str, str], files: Iterable[Path], outputs: Mapping[str, str]
) -> list[str]:
    """Where each secret appears unencrypted: ``files`` (paths) and ``outputs`` (name →
    captured text). Empty when nothing leaked."""
    needles = [n for value, what in secrets.items() if value for n in _needles(value, what)]
    findings = []
    for path in files:
        if path.is_file():
            findings += [
                f"{what} in {path}" for what in sorted(set(_leaks(path.read_bytes(), needles)))
            ]
    for name, text in outputs.items():
        blob = text.encode("utf-8", "surrogatepass")
        findings += [f"{what} in {name}" for what in sorted(set(_leaks(blob, needles)))]
    return findings
