from __future__ import annotations

import base64
import json

import pytest
from joserfc import jwt
from joserfc.errors import BadSignatureError, SecurityWarning
from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.jws import JWSRegistry

from wallet_app.errors import MetadataError, StorageError
from wallet_app.oid4vci.models import CredentialConfiguration, ProofTypeSupport
from wallet_app.oid4vci.proof import (
    PREFERRED_ALGS,
    choose_proof_alg,
    generate_key,
    key_from_jwk,
    make_proof_jwt,
    private_jwk,
    public_jwk,
    sign_jwt,
)

ISSUER = "https://credential-issuer.example.com"


def _config(
    proof_types: dict[str, ProofTypeSupport], binding: tuple[str, ...] = ("jwk",)
) -> CredentialConfiguration:
    return CredentialConfiguration(
        id="cfg",
        format="dc+sd-jwt",
        scope=None,
        binding_methods=binding,
        signing_algs=("ES256",),
        proof_types=proof_types,
        display=(),
        claims=(),
        vct="urn:x",
        doctype=None,
        raw={},
    )


def _segment(token: str, index: int) -> dict[str, object]:
    part = token.split(".")[index]
    data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert isinstance(data, dict)
    return data


# --- choosing the alg -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "chosen"),
    [
        (("ES256",), "ES256"),
        (("RS256", "ES384"), "ES384"),
        (("RS256", "PS256"), "PS256"),
        (("EdDSA", "ES512"), "ES512"),
        (("Ed25519",), "Ed25519"),
        ((), "ES256"),
    ],
)
def test_choose_proof_alg(listed: tuple[str, ...], chosen: str) -> None:
    config = _config({"jwt": ProofTypeSupport(signing_algs=listed)})
    assert choose_proof_alg(config) == chosen


def test_choose_proof_alg_without_proof_types() -> None:
    assert choose_proof_alg(_config({})) == "ES256"


def test_choose_proof_alg_nothing_matches() -> None:
    config = _config({"jwt": ProofTypeSupport(signing_algs=("ES256K", "HS256"))})
    with pytest.raises(MetadataError, match="key type this wallet does not support") as info:
        choose_proof_alg(config)
    assert "ES256K" in str(info.value.detail)


def test_choose_proof_alg_leaves_key_attestation_to_the_provider() -> None:
    # App. D: the wallet provider attests the keys (make_proofs); the alg is chosen as usual
    config = _config({"jwt": ProofTypeSupport(("ES256",), key_attestations_required=True)})
    assert choose_proof_alg(config) == "ES256"


def test_choose_proof_alg_attestation_proof_type_only() -> None:
    config = _config({"attestation": ProofTypeSupport(("ES384",), key_attestations_required=True)})
    assert choose_proof_alg(config) == "ES384"


def test_choose_proof_alg_unsupported_proof_type() -> None:
    config = _config({"di_vp": ProofTypeSupport(("Ed25519Signature2020",))})
    with pytest.raises(MetadataError, match="kind of key proof") as info:
        choose_proof_alg(config)
    assert "di_vp" in str(info.value.detail)


# --- keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alg", "kty", "crv"),
    [
        ("ES256", "EC", "P-256"),
        ("ES384", "EC", "P-384"),
        ("ES512", "EC", "P-521"),
        ("EdDSA", "OKP", "Ed25519"),
        ("Ed25519", "OKP", "Ed25519"),
    ],
)
def test_generate_key_and_round_trip(alg: str, kty: str, crv: str) -> None:
    key = generate_key(alg)
    pub = public_jwk(key)
    assert pub["kty"] == kty and pub["crv"] == crv
    assert "d" not in pub and "kid" not in pub
    full = private_jwk(key)
    assert "d" in full
    loaded = key_from_jwk(full)
    assert public_jwk(loaded) == pub
    assert loaded.is_private


def test_rsa_key() -> None:
    key = generate_key("PS256")
    assert isinstance(key, RSAKey)
    assert set(public_jwk(key)) == {"kty", "n", "e"}
    assert isinstance(generate_key("RS256"), RSAKey)


def test_generate_key_unsupported() -> None:
    with pytest.raises(MetadataError, match="does not support"):
        generate_key("HS256")


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "oct", "k": "AAAA"},
        {"kty": "EC", "crv": "P-256"},
        {},
        {"kty": "OKP", "crv": "Ed25519", "x": "!!"},
    ],
)
def test_key_from_jwk_rejects(jwk: dict[str, object]) -> None:
    with pytest.raises(StorageError, match="could not be read"):
        key_from_jwk(jwk)


def test_public_key_from_jwk() -> None:
    pub = public_jwk(generate_key("ES256"))
    key = key_from_jwk(pub)
    assert isinstance(key, ECKey) and not key.is_private


# --- proof JWT ---------------------------------------------------------------------------


@pytest.mark.parametrize("alg", PREFERRED_ALGS)
def test_make_proof_jwt_verifies(alg: str) -> None:
    key = generate_key(alg)
    token = make_proof_jwt(
        key,
        alg=alg,
        audience=ISSUER,
        nonce="c-nonce-1",
        client_id="wallet-app",
        issued_at=1700000000,
    )
    header = _segment(token, 0)
    assert header == {"typ": "openid4vci-proof+jwt", "alg": alg, "jwk": public_jwk(key)}
    verifier = key_from_jwk(header["jwk"])  # type: ignore[arg-type]
    registry = JWSRegistry(algorithms=[alg])
    registry.max_header_length = 2048  # an RSA 2048 `jwk` header exceeds joserfc's 512 default
    if alg == "EdDSA":
        with pytest.warns(SecurityWarning, match="RFC 9864"):
            decoded = jwt.decode(token, verifier, registry=registry)
    else:
        decoded = jwt.decode(token, verifier, registry=registry)
    assert decoded.claims == {
        "aud": ISSUER,
        "iat": 1700000000,
        "nonce": "c-nonce-1",
        "iss": "wallet-app",
    }


def test_proof_without_client_id_and_nonce() -> None:
    key = generate_key("ES256")
    token = make_proof_jwt(
        key, alg="ES256", audience=ISSUER, nonce=None, client_id=None, issued_at=5
    )
    claims = jwt.decode(token, key, algorithms=["ES256"]).claims
    assert claims == {"aud": ISSUER, "iat": 5}
    assert "iss" not in _segment(token, 1)


def test_signature_is_checked() -> None:
    key = generate_key("ES256")
    other = generate_key("ES256")
    token = make_proof_jwt(
        key, alg="ES256", audience=ISSUER, nonce=None, client_id=None, issued_at=1
    )
    with pytest.raises(BadSignatureError):
        jwt.decode(token, other, algorithms=["ES256"])


@pytest.mark.parametrize(
    ("alg", "key"),
    [
        ("ES384", ECKey.generate_key("P-256")),
        ("ES256", OKPKey.generate_key("Ed25519")),
        ("RS256", ECKey.generate_key("P-256")),
        ("HS256", ECKey.generate_key("P-256")),
        ("EdDSA", OKPKey.generate_key("Ed448")),
    ],
)
def test_alg_must_fit_key(alg: str, key: ECKey | OKPKey) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        sign_jwt({"alg": alg}, {}, key)


def test_sign_jwt_with_public_key_fails() -> None:
    public = key_from_jwk(public_jwk(generate_key("ES256")))
    with pytest.raises(ValueError, match="cannot sign"):
        sign_jwt({"alg": "ES256"}, {}, public)


def test_sign_jwt_keeps_header_exact() -> None:
    key = generate_key("ES256")
    token = sign_jwt({"alg": "ES256", "typ": "x+jwt"}, {"a": "ü"}, key)
    assert _segment(token, 0) == {"alg": "ES256", "typ": "x+jwt"}
    assert _segment(token, 1) == {"a": "ü"}
