"""Format dispatch and sniffing, claims path pointers, and W3C VC (jwt_vc_json / ldp_vc)."""

from __future__ import annotations

import base64
import json
import warnings
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.utils import CryptographyDeprecationWarning
from formats_builders import (
    MDL,
    b64url,
    certificate,
    encode_mdoc,
    issue_sd_jwt,
    issuer_signed,
    response_credential,
    sign_jws,
)
from joserfc.jwk import ECKey, Key, OKPKey, RSAKey

import wallet_app.formats as formats
from wallet_app.errors import FormatError
from wallet_app.formats import claim_value, decode_credential
from wallet_app.formats.jwt_vc import numeric_date
from wallet_app.formats.view import b64url_decode

APPENDIX_C = {
    "name": "Arthur Dent",
    "address": {
        "street_address": "42 Market Street",
        "locality": "Milliways",
        "postal_code": "12345",
    },
    "degrees": [
        {"type": "Bachelor of Science", "university": "University of Betelgeuse"},
        {"type": "Master of Science", "university": "University of Betelgeuse"},
    ],
    "nationalities": ["British", "Betelgeusian"],
}


def test_public_names() -> None:
    assert set(formats.__all__) == {
        "BinaryData",
        "ClaimPath",
        "ClaimRow",
        "CredentialView",
        "Disclosure",
        "binary_claim",
        "claim_descriptions",
        "claim_value",
        "credential_display",
        "decode_credential",
        "describe_binary",
        "label_claims",
        "pick_locale",
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (["name"], ["Arthur Dent"]),
        (["address"], [APPENDIX_C["address"]]),
        (["address", "street_address"], ["42 Market Street"]),
        (["degrees", None, "type"], ["Bachelor of Science", "Master of Science"]),
        (["nationalities", 1], ["Betelgeusian"]),
        (["nationalities", None], ["British", "Betelgeusian"]),
        (["nationalities", 5], []),
        (["missing"], []),
        (["degrees", None, "missing"], []),
        ([], []),
        (["name", "x"], []),  # string into a non-object
        (["name", None], []),  # null into a non-array
        (["address", 0], []),  # index into a non-array
        (["nationalities", -1], []),
        (["nationalities", True], []),
        ([1.5], []),
    ],
)
def test_claim_value_appendix_c(path: list[object], expected: list[object]) -> None:
    assert claim_value(APPENDIX_C, path) == expected  # type: ignore[arg-type]


def test_b64url_decode_tolerates_padding() -> None:
    assert b64url_decode("YWI") == b"ab" == b64url_decode("YWI=")
    with pytest.raises(ValueError, match="not base64url"):
        b64url_decode("a+b/")
    with pytest.raises(ValueError):
        b64url_decode("a")


def test_numeric_date() -> None:
    assert numeric_date(0) == datetime(1970, 1, 1, tzinfo=UTC)
    assert numeric_date(True) is None and numeric_date("1") is None
    assert numeric_date(1e20) is None


def test_sd_jwt_dispatch_keeps_declared_alias() -> None:
    credential = issue_sd_jwt().serialize()
    assert decode_credential("vc+sd-jwt", credential).format == "vc+sd-jwt"
    view = decode_credential("dc+sd-jwt", "  " + credential + "\n")
    assert view.format == "dc+sd-jwt" and view.warnings == ()


def test_sd_jwt_sniffed_when_metadata_lied() -> None:
    view = decode_credential("jwt_vc_json", issue_sd_jwt().serialize())
    assert view.format == "dc+sd-jwt"
    assert view.warnings[0] == "The issuer announced jwt_vc_json but sent dc+sd-jwt."
    assert view.claims["given_name"] == "Erika"


def test_jws_typ_sniffs_sd_jwt_without_tilde() -> None:
    key = ECKey.generate_key("P-256")
    token = sign_jws({"alg": "ES256", "typ": "vc+sd-jwt"}, {"vct": "t", "a": 1}, key)
    view = decode_credential("something_else", token)
    assert view.format == "vc+sd-jwt"
    assert view.type == "t" and view.claims == {"a": 1}


def test_plain_jwt_declared_as_mdoc() -> None:
    key = ECKey.generate_key("P-256")
    token = sign_jws({"alg": "ES256"}, {"vc": {"credentialSubject": {"a": 1}}}, key)
    view = decode_credential("mso_mdoc", token)
    assert view.format == "jwt_vc_json"
    assert view.claims == {"a": 1}
    assert view.warnings == ("The issuer announced mso_mdoc but sent jwt_vc_json.",)


def test_mdoc_dispatch_and_sniffing() -> None:
    credential = encode_mdoc(issuer_signed({MDL: {"given_name": "Erika"}}))
    assert decode_credential("mso_mdoc", credential).claims == {MDL: {"given_name": "Erika"}}
    sniffed = decode_credential("x-unknown", credential)
    assert sniffed.format == "mso_mdoc"
    assert sniffed.warnings == ("The issuer announced x-unknown but sent mso_mdoc.",)


def test_unknown_format_is_kept_raw() -> None:
    view = decode_credential("x-unknown", "opaque-value")
    assert view.format == "x-unknown"
    assert view.claims == {} and view.payload == {} and view.disclosures == ()
    assert view.digests_verified is False and view.signature_verified is None
    assert view.warnings == ("The wallet cannot show x-unknown credentials.",)
    mapping = decode_credential("x-unknown", {"some": "thing"})
    assert mapping.payload == {"some": "thing"} and mapping.claims == {}


def test_header_that_is_not_json_is_not_sniffed() -> None:
    token = f"{b64url(b'nope')}.{b64url(b'{}')}.c2ln"
    assert decode_credential("x-unknown", token).claims == {}
    with pytest.raises(FormatError):
        decode_credential("jwt_vc_json", token)


@pytest.mark.parametrize("format", ["dc+sd-jwt", "vc+sd-jwt", "jwt_vc_json", "mso_mdoc"])
def test_garbage_of_known_format_raises(format: str) -> None:
    with pytest.raises(FormatError) as caught:
        decode_credential(format, "definitely not a credential")
    assert caught.value.user_message == "The issuer sent a credential that the wallet cannot read."


def test_empty_credential_raises() -> None:
    with pytest.raises(FormatError, match="empty credential"):
        decode_credential("dc+sd-jwt", "  ")


def test_spec_example_mdoc_is_format_error() -> None:
    credential = response_credential("credential_response_mso_mdoc.txt")
    assert isinstance(credential, str)
    with pytest.raises(FormatError):
        decode_credential("mso_mdoc", credential)


def test_spec_example_jwt_vc_json() -> None:
    credential = response_credential("credential_response_jwt_vc_json.txt")
    assert isinstance(credential, str)
    view = decode_credential("jwt_vc_json", credential)
    assert view.type == "UniversityDegreeCredential"
    assert view.issuer == "https://credential-issuer.example.com"
    assert view.issued_at == datetime(2025, 1, 1, tzinfo=UTC)
    assert view.valid_from == datetime(2025, 1, 1, tzinfo=UTC)
    assert view.expires_at is None
    assert view.claims["degree"] == {
        "type": "BachelorDegree",
        "name": "Bachelor of Science and Arts",
    }
    # The holder is a did:jwk subject: its key is the holder binding.
    assert view.holder_key is not None and view.holder_key["crv"] == "P-256"
    assert view.holder_key["x"] == "MdC-OKq4AQJfVCX5zpQoL8j4VEfvPX98tU9hxcNXGro"
    assert view.signature_verified is None and view.digests_verified is True
    assert view.header["alg"] == "ES256" and "vc" in view.payload


def test_spec_example_ldp_vc() -> None:
    credential = response_credential("credential_response_ldp_vc.txt")
    assert isinstance(credential, dict)
    view = decode_credential("ldp_vc", credential)
    assert view.format == "ldp_vc"
    assert view.type == "UniversityDegreeCredential"
    assert view.issuer == "https://example.edu/issuers/565049"
    assert view.issued_at == datetime(2010, 1, 1, tzinfo=UTC)
    assert view.claims["id"] == "did:example:ebfeb1f712ebc6f1c276e12ec21"
    assert view.signature_verified is None and view.holder_key is None
    assert view.payload["proof"]["type"] == "Ed25519Signature2020"  # type: ignore[index]


def test_vcdm2_jwt_with_x5c_and_cnf() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    x5c = [base64.b64encode(certificate(key).public_bytes(Encoding.DER)).decode()]
    holder = dict(ECKey.generate_key("P-256").as_dict(private=False))
    payload = {
        "type": "ExampleCredential",
        "issuer": {"id": "https://issuer.example", "name": "Example"},
        "validFrom": "2025-01-01T00:00:00+01:00",
        "validUntil": "2030-01-01T00:00:00",
        "credentialSubject": [{"a": 1}, {"b": 2}],
        "credentialStatus": {"type": "BitstringStatusListEntry"},
        "cnf": {"jwk": holder},
        "exp": 1_900_000_000,
    }
    token = sign_jws({"alg": "ES256", "x5c": x5c}, payload, ECKey.import_key(key))
    view = decode_credential("jwt_vc_json", token)
    assert view.type == "ExampleCredential"
    assert view.issuer == "https://issuer.example"
    assert view.issued_at == datetime(2024, 12, 31, 23, tzinfo=UTC)
    assert view.expires_at == datetime.fromtimestamp(1_900_000_000, tz=UTC)
    assert view.claims == {"a": 1}
    assert view.holder_key == holder
    assert view.status == {"type": "BitstringStatusListEntry"}
    assert view.signature_verified is True
    assert view.warnings == ("Only the first of 2 credential subjects is shown.",)


def test_vc_document_without_subject_and_bad_did_jwk() -> None:
    view = decode_credential("ldp_vc", {"type": [], "validUntil": "2030-01-01", "issuanceDate": 5})
    assert view.claims == {} and view.type is None and view.issued_at is None
    assert view.expires_at == datetime(2030, 1, 1, tzinfo=UTC)
    assert view.warnings == ("The ldp_vc credential has no credentialSubject.",)
    bad = decode_credential("ldp_vc", {"credentialSubject": {"id": "did:jwk:!!"}, "issuer": 3})
    assert bad.holder_key is None and bad.issuer is None
    assert bad.warnings == ("The holder's did:jwk could not be read.",)
    sniffed = decode_credential("x-json", {"credentialSubject": {"a": 1}})
    assert sniffed.claims == {"a": 1}


def test_jwt_vc_payload_not_object() -> None:
    token = f"{b64url(json.dumps({'alg': 'ES256'}).encode())}.{b64url(b'[]')}.c2ln"
    with pytest.raises(FormatError) as caught:
        decode_credential("jwt_vc_json", token)
    assert caught.value.detail == "JWS payload is not a JSON object"


MDL_ELEMENTS = {MDL: {"family_name": "Mustermann", "age_over_18": True}}


def _dsa_key() -> dsa.DSAPrivateKey:
    # cryptography 51 deprecates DSA: touching its dsa module (as making a key does) warns. Only
    # the test makes a DSA key; the wallet never touches that module, so the decoding in
    # test_x5c_key_types runs with warnings as errors and shows that a DSA certificate from an
    # issuer is read without a warning.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "DSA is deprecated", CryptographyDeprecationWarning)
        return dsa.generate_private_key(key_size=1024)


def _unknown_key_certificate() -> bytes:
    """A certificate whose key algorithm cryptography does not know (OID 1.3.101.99)."""
    der = certificate(ed25519.Ed25519PrivateKey.generate()).public_bytes(Encoding.DER)
    return der.replace(bytes.fromhex("06032b6570"), bytes.fromhex("06032b6563"))


@pytest.mark.parametrize("kind", ["rsa", "ed25519", "dsa", "unknown"])
def test_x5c_key_types(kind: str) -> None:
    key: rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey | dsa.DSAPrivateKey
    jose_key: Key
    if kind == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        alg, jose_key = "RS256", RSAKey.import_key(key)
    elif kind == "ed25519":
        key = ed25519.Ed25519PrivateKey.generate()
        alg, jose_key = "Ed25519", OKPKey.import_key(key)
    else:
        key = _dsa_key() if kind == "dsa" else ed25519.Ed25519PrivateKey.generate()
        alg, jose_key = "ES256", ECKey.generate_key("P-256")
    der = (
        _unknown_key_certificate()
        if kind == "unknown"
        else certificate(key).public_bytes(Encoding.DER)
    )
    x5c = [base64.b64encode(der).decode()]
    payload = {"vc": {"credentialSubject": [{"a": 1}], "validFrom": "yesterday"}}
    token = sign_jws({"alg": alg, "x5c": x5c}, payload, jose_key)
    view = decode_credential("jwt_vc_json", token)
    assert view.claims == {"a": 1} and view.valid_from is None
    assert view.issuer == "CN=Test Issuer,C=DE"
    assert view.signature_verified is (kind in ("rsa", "ed25519"))
    if kind in ("dsa", "unknown"):
        assert len(view.warnings) == 1
        assert view.warnings[0].startswith("The key embedded in the credential could not be read")


@pytest.mark.parametrize("kind", ["dsa", "unknown"])
def test_mdoc_issuer_certificate_with_unusable_key(kind: str) -> None:
    # The COSE signature is made with an EC key; the x5chain leaf carries a key the wallet cannot
    # use: the signature is reported as not verified, the claims are still shown.
    structure = issuer_signed(MDL_ELEMENTS)
    leaf = certificate(_dsa_key()).public_bytes(Encoding.DER) if kind == "dsa" else None
    structure["issuerAuth"][1][33] = leaf or _unknown_key_certificate()  # type: ignore[index]
    view = decode_credential("mso_mdoc", encode_mdoc(structure))
    assert view.claims == MDL_ELEMENTS
    assert view.digests_verified is True
    assert view.signature_verified is False
    assert view.issuer == "CN=Test Issuer,C=DE"
    if kind == "dsa":  # readable, but not a key type an mdoc may be signed with
        assert view.warnings == ("The issuer's signature does not match the mdoc.",)
    else:
        assert len(view.warnings) == 1
        assert view.warnings[0].startswith("The issuer certificate's key could not be read")


def _eddsa_token(key: ed25519.Ed25519PrivateKey, header: dict[str, object]) -> str:
    signing_input = ".".join(b64url(json.dumps(p).encode()) for p in (header, {"a": 1}))
    return f"{signing_input}.{b64url(key.sign(signing_input.encode()))}"


def test_polymorphic_eddsa_is_verified_without_joserfc_warning() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    jwk = dict(OKPKey.import_key(key.public_key()).as_dict())
    good = _eddsa_token(key, {"alg": "EdDSA", "jwk": jwk})
    assert decode_credential("jwt_vc_json", good).signature_verified is True
    forged = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    assert decode_credential("jwt_vc_json", forged).signature_verified is False
    ec_jwk = dict(ECKey.generate_key("P-256").as_dict(private=False))
    wrong_key = _eddsa_token(key, {"alg": "EdDSA", "jwk": ec_jwk})
    assert decode_credential("jwt_vc_json", wrong_key).signature_verified is False


def test_tilde_with_non_json_header_is_not_sniffed() -> None:
    token = f"{b64url(b'nope')}.{b64url(b'{}')}.c2ln~"
    assert decode_credential("x-unknown", token).claims == {}


def test_sd_jwt_typ_names_the_sniffed_format() -> None:
    key = ECKey.generate_key("P-256")
    token = sign_jws({"alg": "ES256", "typ": "vc+sd-jwt"}, {"a": 1}, key)
    view = decode_credential("jwt_vc_json", token + "~")
    assert view.format == "vc+sd-jwt"
    assert view.warnings == ("The issuer announced jwt_vc_json but sent vc+sd-jwt.",)
