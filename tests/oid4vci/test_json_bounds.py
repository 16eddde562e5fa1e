"""Protocol JSON the core parses is read within depth bounds: a 100,000-deep document in an
error response, an encrypted credential response (20,000 deep: what fits in a JWE) or a JWT
ends in a clean answer (None, or
an IssuerError with a sentence), never RecursionError."""

from __future__ import annotations

import base64
import json

from joserfc import jwe
from joserfc.jwk import ECKey

from wallet_app.errors import IssuerError
from wallet_app.oid4vci.attestation import jwt_parts
from wallet_app.oid4vci.encryption import ResponseEncryption, decrypt_response
from wallet_app.oid4vci.error_response import error_fields, issuer_error
from wallet_app.oid4vci.http import HttpResponse

DEEP = b"[" * 100_000 + b"]" * 100_000
URL = "https://issuer.test/credential"


def _response(body: bytes, status: int = 400) -> HttpResponse:
    return HttpResponse(status, {"content-type": "application/json"}, body, URL)


def test_a_deep_error_body_is_read_as_no_error_fields() -> None:
    resp = _response(b'{"error": ' + DEEP + b"}")
    assert error_fields(resp) == (None, None)
    error = issuer_error(resp, what="credential request")
    assert isinstance(error, IssuerError) and error.user_message


def test_an_error_body_with_a_lone_surrogate_is_read_as_no_error_fields() -> None:
    assert error_fields(_response(b'{"error": "invalid_proof\\ud800"}')) == (None, None)


def test_a_deep_encrypted_credential_response_is_a_clean_issuer_error() -> None:
    key = ECKey.generate_key("P-256", private=True)
    plan = ResponseEncryption(alg="ECDH-ES", enc="A128GCM", key=key)
    deep = b"[" * 20_000 + b"]" * 20_000  # joserfc takes JWEs up to 64 KiB
    token = jwe.encrypt_compact({"alg": "ECDH-ES", "enc": "A128GCM"}, deep, key)
    try:
        decrypt_response(token.encode(), plan, url=URL)
    except IssuerError as exc:
        assert "nested too deeply" in exc.user_message
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("a 100,000-deep payload was accepted")


def test_a_jwt_with_a_deep_payload_is_not_a_jwt() -> None:
    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = part(json.dumps({"alg": "ES256"}).encode())
    assert jwt_parts(f"{header}.{part(DEEP)}.sig") is None
    assert jwt_parts(f"{part(DEEP)}.{header}.sig") is None
