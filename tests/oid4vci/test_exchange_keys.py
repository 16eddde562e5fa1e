"""Proof JWTs in a trace: readable header and payload, keys as thumbprints, no signature."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qsl

from wallet_app.oid4vci.dpop import DPoPKey, jwk_thumbprint
from wallet_app.oid4vci.exchange import redact_body, redact_headers, redact_jwt
from wallet_app.oid4vci.proof import generate_key, make_proof_jwt, public_jwk, sign_jwt


def _part(segment: str) -> dict[str, object]:
    doc = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    assert isinstance(doc, dict)
    return doc


def _parts(jwt: str) -> tuple[dict[str, object], dict[str, object], str]:
    head, payload, signature = jwt.split(".")
    return _part(head), _part(payload), signature


def test_a_key_proof_keeps_its_header_and_claims_with_the_key_as_thumbprint() -> None:
    key = generate_key("ES256")
    jwk = public_jwk(key)
    proof = make_proof_jwt(
        key, alg="ES256", audience="https://issuer.test", nonce="n-1", client_id=None, issued_at=7
    )
    redacted = redact_jwt(proof)
    header, claims, signature = _parts(redacted)
    assert signature == ""
    assert header == {
        "typ": "openid4vci-proof+jwt",
        "alg": "ES256",
        "jwk": {
            "kty": "EC",
            "crv": "P-256",
            "thumbprint": jwk_thumbprint(jwk),
            "redacted": "public key",
        },
    }
    assert claims == {"aud": "https://issuer.test", "iat": 7, "nonce": "n-1"}
    assert proof.split(".")[1] == redacted.split(".")[1]  # the payload is left as sent
    for member in ("x", "y"):
        assert str(jwk[member]) not in json.dumps(header)
    assert redact_jwt(redacted) == redacted  # storing twice changes nothing


def test_a_key_attestation_inside_a_proof_header_loses_its_attested_keys() -> None:
    holder, attester = generate_key("ES256"), generate_key("ES256")
    holder_jwk, other_jwk = public_jwk(holder), public_jwk(generate_key("ES256"))
    attestation = sign_jwt(
        {"typ": "key-attestation+jwt", "alg": "ES256", "kid": "wp-1"},
        {"iat": 1, "attested_keys": [holder_jwk, other_jwk], "key_storage": ["iso_18045_high"]},
        attester,
    )
    proof = make_proof_jwt(
        holder,
        alg="ES256",
        audience="https://issuer.test",
        nonce=None,
        client_id="wallet",
        issued_at=1,
        key_attestation=attestation,
    )
    body = json.dumps({"proofs": {"jwt": [proof]}, "credential_configuration_id": "pid"})
    out = redact_body(body, "application/json")
    assert out is not None
    [stored] = json.loads(out)["proofs"]["jwt"]
    header, _claims, signature = _parts(stored)
    assert signature == ""
    inner_header, inner_claims, inner_signature = _parts(str(header["key_attestation"]))
    assert inner_signature == "" and inner_header["kid"] == "wp-1"
    assert inner_claims["key_storage"] == ["iso_18045_high"]
    assert [k["thumbprint"] for k in inner_claims["attested_keys"]] == [  # type: ignore[union-attr,index]
        jwk_thumbprint(holder_jwk),
        jwk_thumbprint(other_jwk),
    ]
    text = json.dumps([header, inner_header, inner_claims])
    for jwk in (holder_jwk, other_jwk):
        assert str(jwk["x"]) not in text and str(jwk["y"]) not in text


def test_a_dpop_header_loses_its_key_and_signature_other_headers_stay() -> None:
    dpop = DPoPKey.generate("ES256")
    proof = dpop.proof("POST", "https://issuer.test/token", nonce="dn", issued_at=3, jti="j-1")
    out = redact_headers({"DPoP": proof, "Content-Type": "application/json", "X-Id": "eyJ-x"})
    header, claims, signature = _parts(out["DPoP"])
    assert signature == "" and header["typ"] == "dpop+jwt"
    assert header["jwk"] == {
        "kty": "EC",
        "crv": "P-256",
        "thumbprint": dpop.thumbprint(),
        "redacted": "public key",
    }
    assert claims["htu"] == "https://issuer.test/token" and claims["jti"] == "j-1"
    assert out["Content-Type"] == "application/json" and out["X-Id"] == "eyJ-x"


def test_a_jwt_without_a_key_stays_whole_a_form_assertion_with_one_does_not() -> None:
    issuer_key = generate_key("ES256")
    signed_metadata = sign_jwt({"alg": "ES256", "kid": "k"}, {"iss": "https://i.test"}, issuer_key)
    assert redact_jwt(signed_metadata) == signed_metadata
    out = redact_body(json.dumps({"signed_metadata": signed_metadata}), "application/json")
    assert out is not None and json.loads(out)["signed_metadata"] == signed_metadata
    assert redact_jwt("eyJhbGciOi.not.json") == "eyJhbGciOi.not.json"

    client = generate_key("ES256")
    assertion = sign_jwt(
        {"alg": "ES256", "typ": "oauth-client-attestation+jwt"},
        {"sub": "wallet", "cnf": {"jwk": public_jwk(client)}},
        issuer_key,
    )
    form = redact_body(
        f"grant_type=x&client_assertion={assertion}", "application/x-www-form-urlencoded"
    )
    assert form is not None
    kept = dict(parse_qsl(form))["client_assertion"]
    _header, claims, signature = _parts(kept)
    assert signature == "" and claims["sub"] == "wallet"
    assert claims["cnf"] == {
        "jwk": {
            "kty": "EC",
            "crv": "P-256",
            "thumbprint": jwk_thumbprint(public_jwk(client)),
            "redacted": "public key",
        }
    }
