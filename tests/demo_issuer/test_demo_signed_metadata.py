"""Signed Credential Issuer Metadata (OID4VCI 1.0 §12.2.3) from the demo issuer."""

from __future__ import annotations

import time

import pytest
from cryptography import x509
from demo_issuer_kit import BASE, client_for, verify_with_leaf, x5c_certificates

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.demo_issuer.metadata import prefers_jwt

ASK_JWT = {"Accept": "application/jwt, application/json;q=0.9"}


@pytest.mark.parametrize("issuer_path", ["", "/demo"])
def test_signed_metadata_is_a_jwt_of_the_same_parameters(issuer_path: str) -> None:
    issuer = DemoIssuer(BASE, DemoConfig(issuer_path=issuer_path, signed_metadata=True))
    url = f"/.well-known/openid-credential-issuer{issuer_path}"
    with client_for(issuer) as client:
        signed = client.get(url, headers=ASK_JWT)
        plain = client.get(url, headers={"Accept": "application/json"})
    assert signed.status_code == 200
    assert signed.headers["content-type"] == "application/jwt"
    assert signed.headers["vary"] == plain.headers["vary"] == "Accept"
    assert plain.headers["content-type"] == "application/json"

    header, claims = verify_with_leaf(signed.text)
    assert header["typ"] == "openidvci-issuer-metadata+jwt"
    assert header["alg"] == "ES256"
    leaf, issuing = x5c_certificates(signed.text)
    leaf.verify_directly_issued_by(issuing)
    issuing.verify_directly_issued_by(x509.load_der_x509_certificate(issuer.root_certificate_der()))
    credential_issuer = f"{BASE}{issuer_path}"
    assert claims["sub"] == claims["iss"] == credential_issuer
    iat, exp = claims["iat"], claims["exp"]
    assert isinstance(iat, int) and isinstance(exp, int)
    assert abs(iat - time.time()) < 5 and exp == iat + 86400
    metadata = {k: v for k, v in claims.items() if k not in ("iss", "sub", "iat", "exp")}
    assert metadata == plain.json()
    assert metadata["credential_issuer"] == credential_issuer


def test_signed_metadata_only_when_configured(issuer: DemoIssuer) -> None:
    with client_for(issuer) as client:
        response = client.get("/.well-known/openid-credential-issuer", headers=ASK_JWT)
    assert response.headers["content-type"] == "application/json"
    assert "vary" not in response.headers


@pytest.mark.parametrize(
    ("accept", "jwt"),
    [
        ("application/jwt", True),
        ("application/jwt, application/json;q=0.9", True),
        ("application/json, application/jwt", True),
        ("application/json, application/jwt;q=0.5", False),
        ("application/jwt;q=0", False),
        ("application/json", False),
        ("*/*", False),
        ("", False),
        ("application/*;q=0.2, application/jwt;q=0.8", True),
    ],
)
def test_accept_negotiation(accept: str, jwt: bool) -> None:
    assert prefers_jwt(accept) is jwt
