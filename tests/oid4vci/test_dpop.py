from __future__ import annotations

import pytest
from joserfc import jwt
from joserfc.errors import SecurityWarning
from joserfc.jwk import ECKey

from wallet_app.errors import MetadataError, StorageError
from wallet_app.oid4vci.dpop import (
    DPoPKey,
    access_token_hash,
    choose_dpop_alg,
    jwk_thumbprint,
    origin,
)
from wallet_app.oid4vci.proof import public_jwk

# RFC 7638 §3.1
RFC7638_KEY: dict[str, object] = {
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
    "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
    "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4"
    "vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}
# RFC 9449 §4.1 example key; its thumbprint appears as `cnf.jkt` in §6.1
RFC9449_KEY: dict[str, object] = {
    "kty": "EC",
    "x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs",
    "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA",
    "crv": "P-256",
}


def test_rfc7638_thumbprint() -> None:
    assert jwk_thumbprint(RFC7638_KEY) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_rfc9449_thumbprint() -> None:
    assert jwk_thumbprint(RFC9449_KEY) == "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"


@pytest.mark.parametrize("jwk", [{"kty": "oct", "k": "x"}, {"kty": "EC", "x": "a"}, {}])
def test_thumbprint_rejects_malformed(jwk: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="public JWK"):
        jwk_thumbprint(jwk)


def test_rfc9449_ath() -> None:
    token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
    assert access_token_hash(token) == "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"


def test_key_thumbprint_matches_joserfc() -> None:
    key = DPoPKey.generate()
    assert key.alg == "ES256"
    assert key.thumbprint() == key.key.thumbprint()
    assert key.public_jwk() == public_jwk(key.key)
    assert "d" not in key.public_jwk() and "d" in key.private_jwk()
    assert "d'" not in repr(key) and str(key.private_jwk()["d"]) not in repr(key)


def test_round_trip_through_storage() -> None:
    key = DPoPKey.generate("ES384")
    loaded = DPoPKey.from_jwk(key.private_jwk(), "ES384")
    assert loaded.thumbprint() == key.thumbprint()
    assert loaded.alg == "ES384"


def test_from_jwk_requires_private_key() -> None:
    with pytest.raises(StorageError):
        DPoPKey.from_jwk(RFC9449_KEY, "ES256")
    with pytest.raises(StorageError):
        DPoPKey.from_jwk({"kty": "oct", "k": "AAAA"}, "ES256")


def test_generate_unsupported() -> None:
    with pytest.raises(MetadataError):
        DPoPKey.generate("HS256")


def test_proof_claims_and_signature() -> None:
    key = DPoPKey.generate()
    token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
    proof = key.proof(
        "get",
        "https://resource.example.org/protectedresource?x=1#frag",
        access_token=token,
        nonce="eyJ7S_zG.eyJH0-Z.HX4w-7v",
        issued_at=1562262616,
        jti="e1j3V_bKic8-LAEB",
    )
    decoded = jwt.decode(proof, ECKey.import_key(key.public_jwk()), algorithms=["ES256"])  # type: ignore[arg-type]
    assert decoded.header == {"typ": "dpop+jwt", "alg": "ES256", "jwk": key.public_jwk()}
    assert decoded.claims == {
        "jti": "e1j3V_bKic8-LAEB",
        "htm": "GET",
        "htu": "https://resource.example.org/protectedresource",
        "iat": 1562262616,
        "ath": "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
        "nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v",
    }


def test_proof_minimal_and_fresh_jti() -> None:
    key = DPoPKey.generate()
    first = jwt.decode(
        key.proof("POST", "https://server.example.com/token", issued_at=1), key.key
    ).claims
    second = jwt.decode(
        key.proof("POST", "https://server.example.com/token", issued_at=1), key.key
    ).claims
    assert set(first) == {"jti", "htm", "htu", "iat"}
    assert first["htu"] == "https://server.example.com/token"
    assert isinstance(first["jti"], str) and len(first["jti"]) >= 16
    assert first["jti"] != second["jti"]


def test_eddsa_proof() -> None:
    key = DPoPKey.generate("EdDSA")
    proof = key.proof("POST", "https://as.example/par", issued_at=3)
    with pytest.warns(SecurityWarning):
        decoded = jwt.decode(proof, key.key, algorithms=["EdDSA"])
    assert decoded.header["alg"] == "EdDSA"
    assert decoded.claims["htm"] == "POST"


@pytest.mark.parametrize(
    ("supported", "chosen"),
    [
        (["RS256", "ES256"], "ES256"),
        (["ES512", "ES384"], "ES384"),
        (["ES512"], "ES512"),
        (["EdDSA", "RS256"], "EdDSA"),
        (["Ed25519"], "Ed25519"),
        (["RS256", "PS256"], None),
        ([], None),
    ],
)
def test_choose_dpop_alg(supported: list[str], chosen: str | None) -> None:
    assert choose_dpop_alg(supported) == chosen


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Server.Example.COM/token?x=1", "https://server.example.com"),
        ("https://server.example.com:443/a", "https://server.example.com"),
        ("https://server.example.com:8443/a", "https://server.example.com:8443"),
        ("http://127.0.0.1:80/", "http://127.0.0.1"),
        ("http://127.0.0.1:5000/cb", "http://127.0.0.1:5000"),
        ("http://[::1]:8080/x", "http://[::1]:8080"),
        ("https://user@host.example/x", "https://host.example"),
    ],
)
def test_origin(url: str, expected: str) -> None:
    assert origin(url) == expected
