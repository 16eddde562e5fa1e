"""The structural floor (issue 11): every credential that RFC 9901 §7.1-7.2, the SD-JWT VC
draft, JWS/JWT or ISO/IEC 18013-5 say MUST abort is refused with InvalidCredential and a
sentence naming the violation; never a RecursionError. The credentials are the demo
issuer's own, minted and then broken by its ``malformed`` modes (signed again where the
break is under the signature)."""

from __future__ import annotations

import contextlib
import json
import time

import cbor2
import pytest
from joserfc import jws
from joserfc.jwk import ECKey

from wallet_app.demo_issuer.minting import (
    IssuerKeys,
    b64url,
    b64url_decode,
    mint_jwt_vc,
    mint_mdoc,
    mint_sd_jwt,
)
from wallet_app.demo_issuer.tampering import MALFORMED_MODES, break_credential, resign_jws
from wallet_app.errors import FormatError, InvalidCredential
from wallet_app.formats import decode_credential
from wallet_app.formats.validate import validate_credential

NOW = time.time()
KEYS = IssuerKeys.self_signed("https://issuer.example", NOW)
HOLDER = ECKey.generate_key("P-256").as_dict(private=False)
CLAIMS = {"given_name": "Erika", "family_name": "Mustermann", "address": {"locality": "Köln"}}


def sd_jwt() -> str:
    return mint_sd_jwt(
        KEYS,
        issuer="https://issuer.example",
        vct="urn:eudi:pid:1",
        claims=CLAIMS,
        holder_jwk=HOLDER,
        now=NOW,
        extra={"plain": {"kept": 1}},
    )


def jwt_vc() -> str:
    return mint_jwt_vc(
        KEYS,
        issuer="https://issuer.example",
        types=["VerifiableCredential", "UniversityDegreeCredential"],
        claims={"name": "Erika"},
        holder_jwk=HOLDER,
        now=NOW,
    )


def mdoc() -> str:
    return mint_mdoc(
        KEYS,
        doctype="org.iso.18013.5.1.mDL",
        namespace="org.iso.18013.5.1",
        elements={"given_name": "Erika", "family_name": "Mustermann", "age_over_18": True},
        holder_jwk=HOLDER,
        now=NOW,
    )


def refused(format: str, credential: object) -> InvalidCredential:
    with pytest.raises(InvalidCredential) as info:
        validate_credential(format, credential, now=NOW)
    err = info.value
    assert err.code == "credential_rejected" and err.detail
    assert err.user_message.endswith("Nothing was stored."), err.user_message
    return err


@pytest.mark.parametrize("format", ["dc+sd-jwt", "vc+sd-jwt", "jwt_vc_json", "mso_mdoc"])
def test_what_the_demo_mints_passes(format: str) -> None:
    credential = mdoc() if format == "mso_mdoc" else jwt_vc() if "jwt_vc" in format else sd_jwt()
    validate_credential(format, credential, now=NOW)


SD_JWT_CASES = {
    "alg_none": "not signed (alg none)",
    "alg_hs256": "algorithm that is not allowed (HS256)",
    "bad_signature": "does not verify with its certificate",
    "digest_mismatch": "no digest signed by the issuer refers to (digest mismatch)",
    "unreferenced_disclosure": "(digest mismatch)",
    "duplicate_digest": "A digest appears more than once",
    "duplicate_disclosure": "the same disclosure twice",
    "collision": "The disclosed claim iss collides with another claim",
    "reserved_name": "reserved claim name _sd",
    "bad_disclosure": "not an array of 2 or 3 elements",
    "unknown_sd_alg": "digest algorithm the wallet does not know (md5)",
    "kb_from_issuer": "key binding JWT",
    "expired": "has already expired",
    "not_yet_valid": "is not valid yet",
    "lone_surrogate": "not valid Unicode",
    "deep": "nested more than 64 levels deep",
    "deep_valid": "nested more than 64 levels deep",
}


@pytest.mark.parametrize("mode", sorted(SD_JWT_CASES))
def test_an_sd_jwt_that_must_be_aborted_is_refused(mode: str) -> None:
    broken = break_credential(mode, sd_jwt(), "dc+sd-jwt", KEYS, NOW)
    err = refused("dc+sd-jwt", broken)
    assert SD_JWT_CASES[mode] in err.user_message, err.user_message
    with contextlib.suppress(FormatError):  # the decoder never meets RecursionError either
        decode_credential("dc+sd-jwt", broken)


JWT_VC_CASES = {
    "alg_none": "not signed (alg none)",
    "alg_hs256": "not allowed (HS256)",
    "bad_signature": "does not verify with its certificate",
    "expired": "has already expired",
    "not_yet_valid": "is not valid yet",
    "lone_surrogate": "not valid Unicode",
}


@pytest.mark.parametrize("mode", sorted(JWT_VC_CASES))
def test_a_jwt_vc_that_must_be_aborted_is_refused(mode: str) -> None:
    broken = break_credential(mode, jwt_vc(), "jwt_vc_json", KEYS, NOW)
    err = refused("jwt_vc_json", broken)
    assert JWT_VC_CASES[mode] in err.user_message, err.user_message


MDOC_CASES = {
    "alg_none": "an mdoc that is not signed (no algorithm)",
    "bad_signature": "signature does not verify with its certificate",
    "digest_mismatch": "did not sign (digest mismatch)",
    "duplicate_digest_id": "same digest ID twice",
    "unknown_digest_alg": "digest algorithm the wallet does not know (MD5)",
    "expired": "has already expired",
    "not_yet_valid": "is not valid yet",
    "no_issuer_auth": "cannot be verified (mdoc has no issuerAuth)",
}


@pytest.mark.parametrize("mode", sorted(MDOC_CASES))
def test_an_mdoc_that_cannot_be_verified_is_refused(mode: str) -> None:
    broken = break_credential(mode, mdoc(), "mso_mdoc", KEYS, NOW)
    err = refused("mso_mdoc", broken)
    assert MDOC_CASES[mode] in err.user_message, err.user_message


def test_every_mode_is_tested() -> None:
    assert set(MALFORMED_MODES) == set(SD_JWT_CASES) | set(MDOC_CASES)


def test_an_mdoc_that_is_no_cbor_is_refused() -> None:
    err = refused("mso_mdoc", b64url(b"\xff\x00 not cbor"))
    assert "cannot be verified" in err.user_message


def test_a_100000_deep_mdoc_is_refused_without_recursion_error() -> None:
    deep = b"\x81" * 100_000 + b"\x00"
    refused("mso_mdoc", b64url(deep))
    with pytest.raises(FormatError):
        decode_credential("mso_mdoc", b64url(deep))


def test_a_300_deep_mdoc_element_is_refused_and_decoded_without_recursion_error() -> None:
    issuer_signed = cbor2.loads(b64url_decode(mdoc()))
    items = next(iter(issuer_signed["nameSpaces"].values()))
    item = cbor2.loads(items[0].value)
    value: object = 1
    for _ in range(300):
        value = [value]
    item["elementValue"] = value
    items[0] = cbor2.CBORTag(24, cbor2.dumps(item))
    deep = b64url(cbor2.dumps(issuer_signed))
    refused("mso_mdoc", deep)
    with pytest.raises(FormatError):
        decode_credential("mso_mdoc", deep)


def test_a_100000_deep_jwt_payload_is_refused_without_recursion_error() -> None:
    text = '{"iss":"x","deep":' + "[" * 100_000 + "]" * 100_000 + "}"
    broken = resign_jws(jwt_vc(), KEYS, payload_text=text)
    err = refused("jwt_vc_json", broken)
    assert "nested more than 64 levels deep" in err.user_message
    with pytest.raises(FormatError):
        decode_credential("jwt_vc_json", broken)


def test_a_lone_surrogate_in_the_credential_text_is_refused() -> None:
    err = refused("dc+sd-jwt", sd_jwt() + "\ud800~")
    assert "not valid Unicode" in err.user_message


def test_a_lone_surrogate_in_a_disclosure_is_refused() -> None:
    encoded = b64url(b'["salt","name","\\udc00"]')
    credential = sd_jwt() + encoded + "~"
    err = refused("dc+sd-jwt", credential)
    assert "not valid Unicode" in err.user_message


def test_a_jwt_without_signature_segment_is_refused_as_unsigned() -> None:
    head, body, _ = jwt_vc().split(".")
    err = refused("jwt_vc_json", f"{head}.{body}.")
    assert "not signed (alg none)" in err.user_message


def test_an_unsigned_jwt_vc_announced_as_another_format_is_refused() -> None:
    broken = break_credential("alg_none", jwt_vc(), "jwt_vc_json", KEYS, NOW)
    refused("jwt_vc_json-ld", broken)
    refused("some_future_format", broken)


def test_an_sd_jwt_signed_by_another_key_than_its_x5c_is_refused() -> None:
    other = IssuerKeys.self_signed("https://other.example", NOW)
    jws_text, rest = sd_jwt().split("~", 1)
    head = json.loads(b64url_decode(jws_text.split(".")[0]))  # x5c of KEYS
    body = b64url_decode(jws_text.split(".")[1])
    forged = jws.serialize_compact(head, body, other.jwk)
    err = refused("dc+sd-jwt", f"{forged}~{rest}")
    assert "does not verify with its certificate" in err.user_message


def test_decoys_and_array_elements_pass() -> None:
    credential = mint_sd_jwt(
        KEYS,
        issuer="https://issuer.example",
        vct="urn:x",
        claims={"nationalities": ["DE", "FR"], "n": {"a": [{"b": 1}]}},
        holder_jwk=HOLDER,
        now=NOW,
    )
    jws_text, rest = credential.split("~", 1)

    def decoy(payload: dict[str, object]) -> None:
        payload["_sd"] = [*payload["_sd"], "decoy-digest-1"]  # type: ignore[misc]

    validate_credential("dc+sd-jwt", f"{resign_jws(jws_text, KEYS, decoy)}~{rest}", now=NOW)


def test_an_expired_credential_within_the_clock_skew_passes() -> None:
    def almost(payload: dict[str, object]) -> None:
        payload["exp"] = int(NOW) - 30

    jws_text, rest = sd_jwt().split("~", 1)
    validate_credential("dc+sd-jwt", f"{resign_jws(jws_text, KEYS, almost)}~{rest}", now=NOW)


def test_a_json_credential_is_checked_for_depth_and_text() -> None:
    validate_credential("ldp_vc", {"credentialSubject": {"name": "x"}}, now=NOW)
    deep: object = 1
    for _ in range(100):
        deep = [deep]
    refused("ldp_vc", {"credentialSubject": {"deep": deep}})
    refused("ldp_vc", {"credentialSubject": {"name": "\ud800"}})


@pytest.mark.parametrize("exp", ["tomorrow", True, 10**400, None])
def test_a_date_that_is_no_number_is_refused(exp: object) -> None:
    text = json.dumps({"iss": "x", "exp": exp}) if exp is not None else '{"exp": Infinity}'
    if exp == 10**400:
        text = '{"iss": "x", "exp": 1' + "0" * 400 + "}"
    broken = resign_jws(jwt_vc(), KEYS, payload_text=text)
    err = refused("jwt_vc_json", broken)
    assert "exp is not a date" in err.user_message


def test_a_far_future_nbf_is_refused_with_a_readable_sentence() -> None:
    broken = resign_jws(jwt_vc(), KEYS, payload_text='{"iss": "x", "nbf": 1e300}')
    assert "not valid yet" in refused("jwt_vc_json", broken).user_message


def test_a_jwt_announced_as_mdoc_is_checked_as_the_jwt_it_is() -> None:
    validate_credential("mso_mdoc", jwt_vc(), now=NOW)  # read as a JWT VC (with a warning)
    refused("mso_mdoc", break_credential("alg_none", jwt_vc(), "jwt_vc_json", KEYS, NOW))


def test_what_no_format_reads_is_left_to_the_raw_view() -> None:
    validate_credential("some_future_format", "opaque.text.with-dots", now=NOW)
    validate_credential("some_future_format", "opaque", now=NOW)
    validate_credential("some_future_format", mdoc(), now=NOW)
    refused("some_future_format", break_credential("expired", mdoc(), "mso_mdoc", KEYS, NOW))


def _with_header(credential: str, **members: object) -> str:
    jws_text, rest = credential.split("~", 1)
    head, body, _ = jws_text.split(".")
    header = json.loads(b64url_decode(head)) | members
    header = {k: v for k, v in header.items() if v is not None}
    signed = jws.serialize_compact(header, b64url_decode(body), KEYS.jwk)
    return f"{signed}~{rest}"


@pytest.mark.parametrize("typ", ["JWT", "example+sd-jwt", None])
def test_an_sd_jwt_vc_whose_typ_is_not_dc_sd_jwt_is_refused(typ: str | None) -> None:
    err = refused("dc+sd-jwt", _with_header(sd_jwt(), typ=typ))
    assert "type header (typ)" in err.user_message


@pytest.mark.parametrize("typ", ["dc+sd-jwt", "vc+sd-jwt", "application/dc+sd-jwt", "DC+SD-JWT"])
def test_the_sd_jwt_vc_media_types_pass(typ: str) -> None:
    validate_credential("dc+sd-jwt", _with_header(sd_jwt(), typ=typ), now=NOW)


def test_an_mdoc_of_another_doctype_than_offered_is_refused() -> None:
    validate_credential("mso_mdoc", mdoc(), now=NOW, doctype="org.iso.18013.5.1.mDL")
    with pytest.raises(InvalidCredential) as info:
        validate_credential("mso_mdoc", mdoc(), now=NOW, doctype="org.example.other.1")
    assert "document type org.iso.18013.5.1.mDL is not the one" in info.value.user_message


@pytest.mark.parametrize(
    "raw",
    [b'["salt", "name", "\xed\xa0\x80"]', '["salt", "name", "x"]'.encode("utf-16")],
    ids=["utf8-encoded-surrogate", "utf-16"],
)
def test_a_disclosure_that_is_not_utf8_is_refused(raw: bytes) -> None:
    err = refused("dc+sd-jwt", sd_jwt() + b64url(raw) + "~")
    assert "not valid UTF-8" in err.user_message


def test_the_decoder_shows_an_encoded_surrogate_as_a_replacement_character() -> None:
    from wallet_app.formats.sd_jwt import _json

    assert _json(b'["s", "n", "\xed\xa0\x80"]') == ["s", "n", "\ufffd"]


def test_an_mdoc_maced_with_hmac_is_refused() -> None:
    issuer_signed = cbor2.loads(b64url_decode(mdoc()))
    issuer_signed["issuerAuth"][0] = cbor2.dumps({1: 5})  # HMAC 256/256 (RFC 9053 §3.1)
    err = refused("mso_mdoc", b64url(cbor2.dumps(issuer_signed)))
    assert "algorithm that is not allowed (5)" in err.user_message
