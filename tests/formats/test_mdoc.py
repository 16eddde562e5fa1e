"""mdoc decoding: IssuerSigned items, MSO digests, COSE_Sign1 signature with x5chain."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from formats_builders import (
    MDL,
    NOW,
    b64url,
    encode_mdoc,
    issuer_signed,
    response_credential,
)

from wallet_app.errors import FormatError
from wallet_app.formats.mdoc import cose_key_to_jwk, decode_mdoc, json_safe

ELEMENTS: dict[str, dict[str, object]] = {
    MDL: {
        "family_name": "Mustermann",
        "given_name": "Erika",
        "birth_date": cbor2.CBORTag(1004, "1964-08-12"),
        "portrait": b"\xff\xd8\xff\xe0",
        "age_over_18": True,
        "driving_privileges": [
            {"vehicle_category_code": "B", "issue_date": date(2020, 1, 2)},
        ],
    },
    "org.iso.18013.5.1.aamva": {"organ_donor": 1},
}


def test_decodes_signed_issuer_signed() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    structure = issuer_signed(ELEMENTS, key=key)
    view = decode_mdoc(encode_mdoc(structure))

    assert view.format == "mso_mdoc"
    assert view.type == "org.iso.18013.5.1.mDL"
    assert view.issuer == "CN=mDL Issuer,C=DE"
    assert view.claims == {
        MDL: {
            "family_name": "Mustermann",
            "given_name": "Erika",
            "birth_date": "1964-08-12",
            "portrait": {"$bytes": b64url(b"\xff\xd8\xff\xe0"), "length": 4},
            "age_over_18": True,
            "driving_privileges": [{"vehicle_category_code": "B", "issue_date": "2020-01-02"}],
        },
        "org.iso.18013.5.1.aamva": {"organ_donor": 1},
    }
    assert view.issued_at == NOW and view.valid_from == NOW
    assert view.expires_at == NOW + timedelta(days=365)
    device_key = structure_device_key(structure)
    assert view.holder_key == {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(device_key[-2]),
        "y": b64url(device_key[-3]),
    }
    assert view.header == {"1": -7}
    assert view.payload["docType"] == "org.iso.18013.5.1.mDL"
    assert view.payload["validityInfo"] == {
        "signed": "2025-06-01T12:00:00Z",
        "validFrom": "2025-06-01T12:00:00Z",
        "validUntil": "2026-06-01T12:00:00Z",
    }
    assert view.digests_verified is True
    assert view.signature_verified is True
    assert view.disclosures == () and view.status is None
    assert view.warnings == ()


def structure_device_key(structure: dict[str, object]) -> dict[int, bytes]:
    auth = structure["issuerAuth"]
    assert isinstance(auth, list)
    mso = cbor2.loads(cbor2.loads(auth[2]).value)
    key = mso["deviceKeyInfo"]["deviceKey"]
    assert isinstance(key, dict)
    return key


def test_changed_element_value_fails_digest() -> None:
    structure = issuer_signed(ELEMENTS)
    items = structure["nameSpaces"][MDL]  # type: ignore[index]
    item = cbor2.loads(items[1].value)
    item["elementValue"] = "Mallory"
    items[1] = cbor2.CBORTag(24, cbor2.dumps(item))
    view = decode_mdoc(encode_mdoc(structure))
    assert view.claims[MDL]["given_name"] == "Mallory"  # type: ignore[index]
    assert view.digests_verified is False
    assert view.signature_verified is True
    assert "1 data element(s) do not match the issuer's digests." in view.warnings


def test_changed_signature_fails() -> None:
    structure = issuer_signed(ELEMENTS)
    auth = structure["issuerAuth"]
    assert isinstance(auth, list)
    auth[3] = bytes(64)
    view = decode_mdoc(encode_mdoc(structure))
    assert view.signature_verified is False
    assert view.warnings == ("The issuer's signature does not match the mdoc.",)


def test_unknown_namespace_digests_fail() -> None:
    structure = issuer_signed(ELEMENTS)
    structure["nameSpaces"]["other.ns"] = structure["nameSpaces"][MDL][:1]  # type: ignore[index]
    view = decode_mdoc(encode_mdoc(structure))
    assert view.digests_verified is False


@pytest.mark.parametrize(
    ("key", "alg", "digest_algorithm"),
    [
        (ec.generate_private_key(ec.SECP384R1()), -35, "SHA-384"),
        (ec.generate_private_key(ec.SECP521R1()), -36, "SHA-512"),
        (ed25519.Ed25519PrivateKey.generate(), -8, "SHA-256"),
    ],
)
def test_other_algorithms(
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey, alg: int, digest_algorithm: str
) -> None:
    structure = issuer_signed(ELEMENTS, key=key, alg=alg, digest_algorithm=digest_algorithm)
    view = decode_mdoc(encode_mdoc(structure))
    assert view.digests_verified is True
    assert view.signature_verified is True


def test_alg_not_matching_key_fails() -> None:
    structure = issuer_signed(ELEMENTS)
    auth = structure["issuerAuth"]
    assert isinstance(auth, list)
    auth[0] = cbor2.dumps({1: -8})
    assert decode_mdoc(encode_mdoc(structure)).signature_verified is False


def test_wrong_signature_length_fails() -> None:
    structure = issuer_signed(ELEMENTS)
    auth = structure["issuerAuth"]
    assert isinstance(auth, list)
    auth[3] = auth[3][:-1]
    assert decode_mdoc(encode_mdoc(structure)).signature_verified is False


def test_no_x5chain_leaves_signature_unchecked_and_list_x5chain_works() -> None:
    assert (
        decode_mdoc(encode_mdoc(issuer_signed(ELEMENTS, x5chain="none"))).signature_verified is None
    )
    view = decode_mdoc(encode_mdoc(issuer_signed(ELEMENTS, x5chain="list")))
    assert view.signature_verified is True
    assert view.issuer == "CN=mDL Issuer,C=DE"


@pytest.mark.parametrize("chain", [b"junk", "text", []])
def test_unreadable_x5chain(chain: object) -> None:
    structure = issuer_signed(ELEMENTS)
    structure["issuerAuth"][1][33] = chain  # type: ignore[index]
    view = decode_mdoc(encode_mdoc(structure))
    assert view.signature_verified is False
    assert view.issuer is None
    assert any("could not be read" in w for w in view.warnings)


def test_unsupported_digest_algorithm() -> None:
    structure = issuer_signed(ELEMENTS, mso_extra={"digestAlgorithm": "MD5", "valueDigests": 3})
    view = decode_mdoc(encode_mdoc(structure))
    assert view.digests_verified is False
    assert "The digest algorithm 'MD5' is not supported." in view.warnings


def test_tolerates_decoded_items_tagged_sign1_and_wrappers() -> None:
    structure = issuer_signed(ELEMENTS)
    items = structure["nameSpaces"][MDL]  # type: ignore[index]
    items[0] = cbor2.loads(items[0].value)  # an already decoded IssuerSignedItem
    structure["issuerAuth"] = cbor2.CBORTag(18, structure["issuerAuth"])
    for wrapped in (
        structure,
        {"docType": "org.iso.18013.5.1.mDL", "issuerSigned": structure},
        {"version": "1.0", "documents": [{"issuerSigned": structure}], "status": 0},
    ):
        view = decode_mdoc(encode_mdoc(wrapped))
        assert view.claims[MDL]["family_name"] == "Mustermann"  # type: ignore[index]
        assert view.digests_verified is True
        assert view.signature_verified is True


def test_padded_base64url_and_untagged_mso_and_string_dates() -> None:
    structure = issuer_signed(
        ELEMENTS,
        x5chain="none",
        mso_extra={
            "validityInfo": {"signed": "2025-06-01T12:00:00Z", "validFrom": "nonsense"},
            "status": {"status_list": {"idx": 1, "uri": "https://s.example"}},
        },
    )
    auth = structure["issuerAuth"]
    assert isinstance(auth, list)
    auth[2] = cbor2.dumps(cbor2.loads(cbor2.loads(auth[2]).value))  # MSO not wrapped in Tag 24
    padded = base64.urlsafe_b64encode(cbor2.dumps(structure)).decode()
    view = decode_mdoc(padded + "\n")
    assert view.issued_at == datetime(2025, 6, 1, 12, tzinfo=UTC)
    assert view.valid_from is None and view.expires_at is None
    assert view.status == {"status_list": {"idx": 1, "uri": "https://s.example"}}
    assert view.digests_verified is True


def test_naive_validity_dates_are_utc() -> None:
    naive = datetime(2025, 1, 1, 8)
    structure = issuer_signed(
        ELEMENTS, mso_extra={"validityInfo": {"validUntil": "2030-01-01T00:00:00"}}
    )
    view = decode_mdoc(encode_mdoc(structure))
    assert view.expires_at == datetime(2030, 1, 1, tzinfo=UTC)
    assert json_safe(naive) == "2025-01-01T08:00:00Z"


def test_unsupported_device_key() -> None:
    structure = issuer_signed(ELEMENTS, device_key={1: 3, -1: b"rsa"})
    view = decode_mdoc(encode_mdoc(structure))
    assert view.holder_key is None
    assert "The holder's device key has an unsupported type." in view.warnings


def test_cose_key_to_jwk() -> None:
    assert cose_key_to_jwk({1: 1, -1: 6, -2: b"\x01\x02"}) == {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": "AQI",
    }
    assert cose_key_to_jwk({1: 2, -1: 2, -2: b"\x01", -3: b"\x02"}) == {
        "kty": "EC",
        "crv": "P-384",
        "x": "AQ",
        "y": "Ag",
    }
    assert cose_key_to_jwk({1: 2, -1: 1, -2: b"\x01"}) is None
    assert cose_key_to_jwk("nope") is None


def test_json_safe_exotic_values() -> None:
    assert json_safe(cbor2.CBORTag(37, b"\x00")) == {
        "$tag": 37,
        "value": {"$bytes": "AA", "length": 1},
    }
    assert json_safe(cbor2.undefined) == "undefined"
    assert json_safe((1, 2.5, None, {3: "x"})) == [1, 2.5, None, {"3": "x"}]


@pytest.mark.parametrize(
    ("credential", "detail"),
    [
        ("not base64!", "not base64url"),
        (b64url(b"\xff\xff"), "not valid CBOR"),
        (encode_mdoc({"nameSpaces": {}}), "no issuerAuth"),
        (encode_mdoc([1, 2]), "no issuerAuth"),
        (encode_mdoc({"issuerAuth": [1, 2, 3]}), "not a COSE_Sign1 array of 4"),
        (encode_mdoc({"issuerAuth": ["a", {}, b"", b""]}), "wrong types"),
        (
            encode_mdoc({"issuerAuth": [cbor2.dumps([1]), {}, b"", b""]}),
            "protected header is not a map",
        ),
        (encode_mdoc({"issuerAuth": [b"", {}, b"\xff", b""]}), "MSO is not valid CBOR"),
        (
            encode_mdoc({"issuerAuth": [b"", {}, cbor2.dumps(cbor2.CBORTag(24, 1)), b""]}),
            "MSO is not a byte",
        ),
        (
            encode_mdoc({"issuerAuth": [b"", {}, cbor2.dumps(5), b""]}),
            "Mobile Security Object is not a map",
        ),
    ],
)
def test_malformed_input_raises_format_error(credential: str, detail: str) -> None:
    with pytest.raises(FormatError) as caught:
        decode_mdoc(credential)
    assert caught.value.detail is not None and detail in caught.value.detail


def test_malformed_item_raises_format_error() -> None:
    structure = issuer_signed(ELEMENTS)
    structure["nameSpaces"][MDL].append(cbor2.CBORTag(24, cbor2.dumps({"digestID": 99})))  # type: ignore[index]
    with pytest.raises(FormatError, match="cannot read") as caught:
        decode_mdoc(encode_mdoc(structure))
    assert caught.value.detail == f"malformed IssuerSignedItem in {MDL}"


def test_spec_example_is_abbreviated_and_rejected() -> None:
    credential = response_credential("credential_response_mso_mdoc.txt")
    assert isinstance(credential, str) and "..." in credential
    with pytest.raises(FormatError):
        decode_mdoc(credential)
