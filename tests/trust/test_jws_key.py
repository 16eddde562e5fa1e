"""verify_parsed (a token already parsed, checked without parsing it again) decides exactly
as verify_with_key (joserfc's deserialize_compact) for good and hostile tokens alike."""

from __future__ import annotations

import json

import pytest
from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.jws import JWSRegistry

from tests.formats.formats_builders import b64url
from wallet_app.formats.jwt_vc import parse_jws
from wallet_app.trust.jws_key import verify_parsed, verify_with_key

PAYLOAD = b'{"iss": "https://issuer.example.com", "vct": "pid"}'


def _sign(header: dict[str, object], key: object, alg: str) -> str:
    """A compact JWS signed by ``key`` whatever its header says (joserfc's serializer would
    refuse the hostile headers, so its algorithm signs the input directly)."""
    head = b64url(json.dumps({"alg": alg, **header}).encode())
    signing_input = f"{head}.{b64url(PAYLOAD)}"
    signature = JWSRegistry.algorithms[alg].sign(signing_input.encode("ascii"), key)
    return f"{signing_input}.{b64url(signature)}"


def _public(key: ECKey | RSAKey | OKPKey, **params: object) -> ECKey | RSAKey | OKPKey:
    public = {**key.as_dict(private=False), **params}
    imported = type(key).import_key(public)  # type: ignore[arg-type]
    assert isinstance(imported, ECKey | RSAKey | OKPKey)
    return imported


def _flip_signature(token: str) -> str:
    head, payload, signature = token.split(".")
    return f"{head}.{payload}.{('A' if signature[0] != 'A' else 'B') + signature[1:]}"


P256 = ECKey.generate_key("P-256")
P384 = ECKey.generate_key("P-384")
RSA = RSAKey.generate_key(2048)
ED = OKPKey.generate_key("Ed25519")
CASES = {
    "es256": (_sign({"typ": "dc+sd-jwt", "x5c": ["AAAA"]}, P256, "ES256"), _public(P256), "ES256"),
    "es384": (_sign({}, P384, "ES384"), _public(P384), "ES384"),
    "rs256": (_sign({"kid": "k1"}, RSA, "RS256"), _public(RSA), "RS256"),
    "ps256": (_sign({}, RSA, "PS256"), _public(RSA), "PS256"),
    "eddsa": (_sign({}, ED, "Ed25519"), _public(ED), "Ed25519"),
    "tampered": (_flip_signature(_sign({}, P256, "ES256")), _public(P256), "ES256"),
    "other key": (_sign({}, ECKey.generate_key("P-256"), "ES256"), _public(P256), "ES256"),
    "alg is not the header's": (_sign({}, P256, "ES256"), _public(P256), "ES384"),
    "curve not the alg's": (_sign({}, P384, "ES384"), _public(P384), "ES256"),
    "hmac asked": (_sign({}, P256, "ES256"), _public(P256), "HS256"),
    "unknown crit": (_sign({"crit": ["exp"], "exp": 1}, P256, "ES256"), _public(P256), "ES256"),
    "kid not a string": (_sign({"kid": 5}, P256, "ES256"), _public(P256), "ES256"),
    "x5c not strings": (_sign({"x5c": [1]}, P256, "ES256"), _public(P256), "ES256"),
    "key for encryption": (_sign({}, P256, "ES256"), _public(P256, use="enc"), "ES256"),
    "key for another alg": (_sign({}, P256, "ES256"), _public(P256, alg="ES384"), "ES256"),
    "key_ops without verify": (
        _sign({}, P256, "ES256"),
        _public(P256, key_ops=["encrypt"]),
        "ES256",
    ),
    "rsa key for es256": (_sign({}, P256, "ES256"), _public(RSA), "ES256"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_verify_parsed_decides_as_joserfc(case: str) -> None:
    token, key, alg = CASES[case]
    expected = verify_with_key(token, key, alg)
    assert verify_parsed(parse_jws(token), key, alg) is expected
    assert expected is (case in {"es256", "es384", "rs256", "ps256", "eddsa"})


def test_an_unencoded_payload_takes_joserfcs_whole_way() -> None:
    # RFC 7797 b64=false: the signing input is the raw payload; parse_jws cannot read it as
    # JSON unless it happens to be base64url, so only the header matters here
    header = b64url(b'{"alg":"ES256","b64":false,"crit":["b64"]}')
    token = parse_jws(f"{header}.{b64url(PAYLOAD)}.{b64url(b'x' * 64)}")
    assert verify_parsed(token, _public(P256), "ES256") is False
    assert verify_with_key(token.compact, _public(P256), "ES256") is False
