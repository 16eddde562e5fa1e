"""SD-JWT VC decoding: disclosure resolution, digest checks, signature with embedded keys."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from formats_builders import (
    b64url,
    certificate,
    disclosure,
    issue_sd_jwt,
    response_credential,
    sign_jws,
)
from joserfc.jwk import ECKey, OctKey

from wallet_app.errors import FormatError
from wallet_app.formats import sd_jwt
from wallet_app.formats.sd_jwt import decode_sd_jwt, sd_digest

EMPTY_JWS = f"{b64url(b'{}')}.{b64url(b'{}')}.c2ln"
NAME_NOT_STRING = b'["s", 2, 3]'
EXPECTED_CLAIMS = {
    "sub": "user-42",
    "nationalities": ["DE", "FR", "plain"],
    "age": 41,
    "given_name": "Erika",
    "family_name": "Mustermann",
    "address": {"locality": "Köln", "country": "DE", "street_address": "Heidestr. 17"},
}


def _plain_jws(payload: dict[str, object], header: dict[str, object] | None = None) -> str:
    header = header or {"alg": "ES256", "typ": "dc+sd-jwt"}
    return ".".join(
        [b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()), "c2ln"]
    )


def test_resolves_nested_and_array_disclosures() -> None:
    issued = issue_sd_jwt()
    view = decode_sd_jwt(issued.serialize())

    assert view.claims == EXPECTED_CLAIMS
    assert list(view.claims)[:3] == ["sub", "nationalities", "age"]
    assert view.format == "dc+sd-jwt"
    assert view.type == "https://issuer.example.com/pid"
    assert view.issuer == "https://issuer.example.com"
    assert view.issued_at == datetime.fromtimestamp(1_700_000_000, tz=UTC)
    assert view.valid_from == view.issued_at
    assert view.expires_at == datetime.fromtimestamp(1_900_000_000, tz=UTC)
    assert view.holder_key == issued.holder_jwk
    assert view.status == {"status_list": {"idx": 7, "uri": "https://issuer.example.com/status"}}
    assert view.header["typ"] == "dc+sd-jwt"
    assert "_sd" in view.payload and view.payload["_sd_alg"] == "sha-256"
    assert [d.name for d in view.disclosures] == [
        "given_name",
        "family_name",
        "street_address",
        "address",
        None,
        None,
    ]
    assert view.disclosures[4].value == "DE"
    assert view.disclosures[0].raw == issued.disclosures[0]
    assert view.disclosures[0].digest == sd_digest(issued.disclosures[0])
    assert view.digests_verified is True
    assert view.signature_verified is True
    assert view.warnings == ()


@pytest.mark.parametrize("alg", ["sha-384", "sha-512"])
def test_other_digest_algorithms(alg: str) -> None:
    view = decode_sd_jwt(issue_sd_jwt(sd_alg=alg).serialize())
    assert view.claims == EXPECTED_CLAIMS
    assert view.digests_verified is True


def test_only_presented_disclosures_are_shown() -> None:
    issued = issue_sd_jwt()
    view = decode_sd_jwt(issued.serialize([issued.disclosures[0]]))
    assert view.claims == {
        "sub": "user-42",
        "nationalities": ["plain"],
        "age": 41,
        "given_name": "Erika",
    }
    assert view.digests_verified is True


def test_changed_disclosure_gives_digest_mismatch_warning() -> None:
    issued = issue_sd_jwt()
    forged, _ = disclosure("salt-given", "given_name", "Mallory")
    view = decode_sd_jwt(issued.serialize([forged, *issued.disclosures[1:]]))
    assert "given_name" not in view.claims
    assert view.digests_verified is False
    assert "1 disclosure(s) have no matching digest." in view.warnings
    assert view.signature_verified is True  # the JWS itself is untouched


def test_duplicate_disclosure() -> None:
    issued = issue_sd_jwt()
    view = decode_sd_jwt(issued.serialize([*issued.disclosures, issued.disclosures[0]]))
    assert view.claims == EXPECTED_CLAIMS
    assert view.digests_verified is False
    assert any("included twice" in w for w in view.warnings)


def test_digest_referenced_twice_and_non_string_digest() -> None:
    given, digest = disclosure("s", "given_name", "Erika")
    token = _plain_jws({"_sd": [digest, 5], "inner": {"_sd": [digest]}})
    view = decode_sd_jwt(f"{token}~{given}~")
    assert view.claims == {"inner": {"given_name": "Erika"}}  # first use wins
    assert view.digests_verified is False
    assert any("more than once" in w for w in view.warnings)
    assert "A digest in the credential is not a string." in view.warnings


def test_disclosure_colliding_with_plain_claim() -> None:
    given, digest = disclosure("s", "given_name", "Mallory")
    view = decode_sd_jwt(f"{_plain_jws({'given_name': 'Erika', '_sd': [digest]})}~{given}~")
    assert view.claims == {"given_name": "Erika"}
    assert view.digests_verified is False
    assert any("collides" in w for w in view.warnings)


def test_disclosure_kind_mismatches_and_reserved_names() -> None:
    element, d_element = disclosure("s1", "DE")
    member, d_member = disclosure("s2", "name", "x")
    reserved, d_reserved = disclosure("s3", "_sd", ["x"])
    dots, d_dots = disclosure("s4", "...", "x")
    payload = {"_sd": [d_element, d_reserved, d_dots], "list": [{"...": d_member}, {"k": 1}, [2]]}
    view = decode_sd_jwt(f"{_plain_jws(payload)}~{element}~{member}~{reserved}~{dots}~")
    assert view.claims == {"list": [{"k": 1}, [2]]}
    assert view.digests_verified is False
    assert any("used as a claim" in w for w in view.warnings)
    assert any("used as an array element" in w for w in view.warnings)
    assert sum("reserved claim name" in w for w in view.warnings) == 2


def test_sd_member_that_is_not_an_array() -> None:
    view = decode_sd_jwt(f"{_plain_jws({'_sd': 'oops', 'a': 1})}~")
    assert view.claims == {"a": 1}
    assert view.warnings == ("An _sd member is not an array.",)
    assert view.digests_verified is False


def test_unsupported_sd_alg_discloses_nothing() -> None:
    given, digest = disclosure("s", "given_name", "Erika")
    view = decode_sd_jwt(f"{_plain_jws({'_sd_alg': 'md5', '_sd': [digest], 'a': 1})}~{given}~")
    assert view.claims == {"a": 1}
    assert view.disclosures[0].digest == ""
    assert view.digests_verified is False
    assert any("'md5' is not supported" in w for w in view.warnings)
    with pytest.raises(ValueError, match="unsupported"):
        sd_digest(given, "md5")


def test_key_binding_jwt_is_ignored() -> None:
    issued = issue_sd_jwt()
    kb_jwt = _plain_jws({"nonce": "n"}, {"alg": "ES256", "typ": "kb+jwt"})
    view = decode_sd_jwt(issued.serialize() + kb_jwt)
    assert view.claims == EXPECTED_CLAIMS
    assert len(view.disclosures) == len(issued.disclosures)
    assert view.warnings == ()


def test_missing_trailing_tilde_is_tolerated() -> None:
    given, digest = disclosure("s", "given_name", "Erika")
    view = decode_sd_jwt(f"{_plain_jws({'_sd': [digest]})}~{given}")
    assert view.claims == {"given_name": "Erika"}
    assert view.warnings == ("The SD-JWT does not end with '~'.",)
    assert view.digests_verified is True


def test_jws_without_disclosures() -> None:
    view = decode_sd_jwt(_plain_jws({"vct": "x", "a": 1}))
    assert view.claims == {"a": 1}
    assert view.disclosures == ()
    assert view.signature_verified is None
    assert view.issuer is None and view.holder_key is None and view.status is None


def test_private_members_of_cnf_jwk_are_dropped() -> None:
    key = ECKey.generate_key("P-256").as_dict(private=True)
    view = decode_sd_jwt(_plain_jws({"cnf": {"jwk": key}}) + "~")
    assert view.holder_key is not None and "d" not in view.holder_key
    assert view.holder_key["x"] == key["x"]


@pytest.mark.parametrize(
    ("credential", "detail"),
    [
        ("a.b~", "JWS has 2 parts"),
        ("onlyone~", "JWS has 1 parts"),
        (f"{b64url(b'not json')}.{b64url(b'{}')}.c2ln~", "JWS header is not base64url JSON"),
        (f"{b64url(b'{}')}.{b64url(b'[1]')}.c2ln~", "JWS payload is not a JSON object"),
        (f"{b64url(b'{}')}.{b64url(b'{}')}.s!g~", "JWS signature is not base64url"),
        (f"{EMPTY_JWS}~%%~", "not base64url JSON"),
        (f"{EMPTY_JWS}~{b64url(b'[1]')}~", "not an array of 2 or 3"),
        (f"{EMPTY_JWS}~{b64url(b'[1, 2]')}~", "non-string salt"),
        (f"{EMPTY_JWS}~{b64url(NAME_NOT_STRING)}~", "non-string"),
        (f"{EMPTY_JWS}~~", "empty disclosure"),
    ],
)
def test_malformed_input_raises_format_error(credential: str, detail: str) -> None:
    with pytest.raises(FormatError) as caught:
        decode_sd_jwt(credential)
    assert caught.value.detail is not None and detail in caught.value.detail
    assert caught.value.user_message == "The issuer sent a credential that the wallet cannot read."


def test_signature_with_header_jwk() -> None:
    assert decode_sd_jwt(issue_sd_jwt(header_key="jwk").serialize()).signature_verified is True


def test_signature_not_checked_without_embedded_key() -> None:
    assert decode_sd_jwt(issue_sd_jwt(header_key="kid").serialize()).signature_verified is None


def test_tampered_payload_fails_signature() -> None:
    issued = issue_sd_jwt()
    header, _, signature = issued.issuer_jws.split(".")
    payload = b64url(json.dumps({"iss": "https://evil.example", "_sd": []}).encode())
    view = decode_sd_jwt(f"{header}.{payload}.{signature}~")
    assert view.signature_verified is False
    assert view.issuer == "https://evil.example"
    assert "The issuer's signature does not match the credential." in view.warnings


def test_x5c_subject_is_issuer_fallback() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    x5c = [base64.b64encode(certificate(key).public_bytes(Encoding.DER)).decode()]
    token = sign_jws({"alg": "ES256", "x5c": x5c}, {"a": 1}, ECKey.import_key(key))
    view = decode_sd_jwt(token + "~")
    assert view.issuer == "CN=Test Issuer,C=DE"
    assert view.signature_verified is True


@pytest.mark.parametrize(
    ("header", "warning"),
    [
        ({"alg": "ES256", "x5c": ["@@@"]}, "could not be read"),
        ({"alg": "ES256", "x5c": "nope"}, "could not be read"),
        ({"alg": "ES256", "x5c": [base64.b64encode(b"junk").decode()]}, "could not be read"),
        ({"alg": "ES256", "jwk": {"no": "kty"}}, "could not be read"),
        ({"alg": "HS256", "jwk": {"kty": "oct", "k": "c2VjcmV0"}}, "'HS256' is not accepted"),
        ({"alg": "none", "x5c": []}, "'none' is not accepted"),
    ],
)
def test_unusable_embedded_keys(header: dict[str, object], warning: str) -> None:
    view = decode_sd_jwt(_plain_jws({"a": 1}, header) + "~")
    assert view.signature_verified is False
    assert any(warning in w for w in view.warnings)


def test_x5c_in_base64url_and_key_type_mismatch() -> None:
    """An RS256 header with an EC certificate cannot verify."""
    key = ec.generate_private_key(ec.SECP256R1())
    x5c = [b64url(certificate(key).public_bytes(Encoding.DER))]
    good = sign_jws({"alg": "ES256", "x5c": x5c}, {"a": 1}, ECKey.import_key(key))
    assert decode_sd_jwt(good + "~").signature_verified is True
    _, payload, signature = good.split(".")
    rs_header = b64url(json.dumps({"alg": "RS256", "x5c": x5c}).encode())
    view = decode_sd_jwt(f"{rs_header}.{payload}.{signature}~")
    assert view.signature_verified is False


def test_hmac_signed_token_with_jwk_is_refused() -> None:
    key = OctKey.generate_key(256)
    token = sign_jws({"alg": "HS256", "jwk": dict(key.as_dict())}, {"a": 1}, key)
    assert decode_sd_jwt(token + "~").signature_verified is False


def test_spec_example_credential_response() -> None:
    credential = response_credential("credential_response_sd_jwt_vc.txt")
    assert isinstance(credential, str)
    view = decode_sd_jwt(credential)
    assert view.claims == {
        "is_over_18": True,
        "is_over_21": True,
        "is_over_65": True,
        "address": {
            "street_address": "123 Main St",
            "locality": "Anytown",
            "region": "Anystate",
            "country": "US",
        },
        "email": "johndoe@example.com",
        "phone_number": "+1-202-555-0101",
        "family_name": "Doe",
        "birthdate": "1940-01-01",
        "given_name": "John",
    }
    assert view.type == "https://credentials.example.com/identity_credential"
    assert view.issuer == "https://example.com/issuer"
    assert view.holder_key == {
        "kty": "EC",
        "crv": "P-256",
        "x": "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc",
        "y": "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ",
    }
    assert view.digests_verified is True
    assert view.signature_verified is None  # only a kid: no embedded key
    assert len(view.disclosures) == 9


def test_technical_claims_constant() -> None:
    assert {"iss", "iat", "exp", "nbf", "vct", "cnf", "status"} <= sd_jwt.TECHNICAL_CLAIMS
    assert "sub" not in sd_jwt.TECHNICAL_CLAIMS
