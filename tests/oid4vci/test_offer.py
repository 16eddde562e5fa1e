from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest

from wallet_app.errors import OfferError
from wallet_app.oid4vci.models import CredentialOffer, OfferReference, TxCode
from wallet_app.oid4vci.offer import (
    PRE_AUTHORIZED_GRANT,
    is_allowed_url,
    offer_uri_host,
    parse_offer,
    parse_offer_json,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "oid4vci-1.0"
ISSUER = "https://credential-issuer.example.com"


def _fixture(name: str) -> dict[str, object]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if name.endswith(".txt"):  # an HTTP response: headers, blank line, body
        text = text.split("\n\n", 1)[1]
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def _offer(**fields: object) -> dict[str, object]:
    offer: dict[str, object] = {"credential_issuer": ISSUER, "credential_configuration_ids": ["a"]}
    offer.update(fields)
    return offer


def _pre(grant: dict[str, object]) -> dict[str, object]:
    return _offer(grants={PRE_AUTHORIZED_GRANT: grant})


def _error(obj: object) -> OfferError:
    with pytest.raises(OfferError) as info:
        parse_offer_json(obj)
    return info.value


# --- spec examples ------------------------------------------------------------------------


def test_spec_authorization_code_offer() -> None:
    offer = parse_offer_json(_fixture("credential_offer_authz_code.txt"))
    assert offer.credential_issuer == ISSUER
    assert offer.credential_configuration_ids == ("UniversityDegreeCredential",)
    assert offer.authorization_code is not None
    assert offer.authorization_code.issuer_state == "eyJhbGciOiJSU0Et...FYUaBy"
    assert offer.authorization_code.authorization_server is None
    assert offer.pre_authorized_code is None
    assert not offer.legacy


def test_spec_pre_authorized_offer_with_empty_tx_code() -> None:
    offer = parse_offer_json(_fixture("credential_offer_by_reference.json"))
    grant = offer.pre_authorized_code
    assert grant is not None
    assert grant.pre_authorized_code == "adhjhdjajkdkhjhdj"
    assert grant.tx_code == TxCode()  # `{}` still means: a code is required
    assert offer.authorization_code is None


def test_spec_multiple_credentials_offer() -> None:
    offer = parse_offer_json(_fixture("credential_offer_multiple_credentials.json"))
    assert offer.credential_configuration_ids == (
        "UniversityDegreeCredential",
        "org.iso.18013.5.1.mDL",
    )
    assert offer.pre_authorized_code is not None
    assert offer.pre_authorized_code.tx_code == TxCode(
        input_mode="numeric",
        length=4,
        description="Please provide the one-time code that was sent via e-mail",
    )


def test_spec_pre_authorized_offer_with_description() -> None:
    offer = parse_offer_json(_fixture("credential_offer_pre-authz_code.json"))
    assert offer.pre_authorized_code is not None
    tx = offer.pre_authorized_code.tx_code
    assert tx is not None
    assert tx.input_mode == "numeric"
    assert tx.description is not None and tx.description.endswith("via SMS")
    assert offer.raw["credential_issuer"] == ISSUER


# --- offers by URI -----------------------------------------------------------------------


SPEC_OFFER = _fixture("credential_offer_multiple_credentials.json")


@pytest.mark.parametrize(
    "prefix",
    [
        "openid-credential-offer://?",
        "openid-credential-offer://credential_offer?",
        "haip-vci://?",
        "haip://?",
        "https://wallet.example/offer?x=1&",
        "?",
    ],
)
def test_offer_by_value_in_every_scheme(prefix: str) -> None:
    text = f"  {prefix}credential_offer={quote(json.dumps(SPEC_OFFER))}\n"
    offer = parse_offer(text)
    assert isinstance(offer, CredentialOffer)
    assert offer.credential_configuration_ids[1] == "org.iso.18013.5.1.mDL"


def test_offer_by_value_in_fragment() -> None:
    offer = parse_offer("https://wallet.example/#credential_offer=" + quote(json.dumps(SPEC_OFFER)))
    assert isinstance(offer, CredentialOffer)


def test_offer_by_value_double_encoded() -> None:
    text = "openid-credential-offer://?credential_offer=" + quote(quote(json.dumps(SPEC_OFFER)))
    offer = parse_offer(text)
    assert isinstance(offer, CredentialOffer)
    assert offer.credential_issuer == ISSUER


def test_raw_json_offer() -> None:
    offer = parse_offer("\n" + json.dumps(SPEC_OFFER) + "  ")
    assert isinstance(offer, CredentialOffer)


@pytest.mark.parametrize(
    "uri",
    [
        "https://server.example.com/credential-offer/GkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM",
        "http://127.0.0.1:8123/offer/1",
        "http://127.8.0.1/offer",
        "http://localhost:9000/offer",
        "http://[::1]:9000/offer",
    ],
)
def test_offer_by_reference(uri: str) -> None:
    text = "openid-credential-offer://?credential_offer_uri=" + quote(uri, safe="")
    assert parse_offer(text) == OfferReference(uri=uri)


@pytest.mark.parametrize(
    "uri",
    [
        "http://server.example.com/offer",
        "ftp://server.example.com/offer",
        "https:///no-host",
        "https://server.example.com:99999/offer",
        "not a url",
        "",
    ],
)
def test_offer_reference_must_be_https_or_loopback(uri: str) -> None:
    text = "openid-credential-offer://?credential_offer_uri=" + quote(uri, safe="")
    with pytest.raises(OfferError, match="not secure") as info:
        parse_offer(text)
    assert info.value.detail is not None and "credential_offer_uri" in info.value.detail


def test_both_parameters_are_rejected() -> None:
    text = (
        "openid-credential-offer://?credential_offer="
        + quote(json.dumps(SPEC_OFFER))
        + "&credential_offer_uri="
        + quote("https://server.example.com/o", safe="")
    )
    with pytest.raises(OfferError, match="more than one"):
        parse_offer(text)


def test_repeated_parameter_is_rejected() -> None:
    uri = quote("https://server.example.com/o", safe="")
    with pytest.raises(OfferError, match="more than one"):
        parse_offer(f"haip-vci://?credential_offer_uri={uri}#credential_offer_uri={uri}")


@pytest.mark.parametrize(
    "text",
    [
        "https://issuer.example.com/",
        "openid-credential-offer://?foo=bar",
        "hello world",
    ],
)
def test_neither_parameter(text: str) -> None:
    with pytest.raises(OfferError, match="no credential offer in it"):
        parse_offer(text)


def test_draft8_initiate_issuance_is_explained() -> None:
    text = "openid-initiate-issuance://?issuer=https%3A%2F%2Fi.example&credential_type=Degree"
    with pytest.raises(OfferError, match="old draft format"):
        parse_offer(text)


def test_empty_text() -> None:
    with pytest.raises(OfferError, match="empty"):
        parse_offer("   \n")


@pytest.mark.parametrize(
    "text",
    ["{not json", "openid-credential-offer://?credential_offer=%7Bnot%20json"],
)
def test_bad_json(text: str) -> None:
    with pytest.raises(OfferError, match="not valid JSON") as info:
        parse_offer(text)
    assert info.value.detail is not None and info.value.detail.startswith("JSON error")


def test_unparseable_uri() -> None:
    with pytest.raises(OfferError, match="not a valid link"):
        parse_offer("https://[::1/?credential_offer=x")


# --- parse_offer_json validation ------------------------------------------------------------


def test_offer_must_be_object() -> None:
    assert "not a JSON object" in _error(["x"]).user_message


@pytest.mark.parametrize(
    "issuer",
    [
        None,
        42,
        "http://issuer.example",
        "https://issuer.example?x=1",
        "https://issuer.example/#frag",
        "issuer.example",
    ],
)
def test_invalid_credential_issuer(issuer: object) -> None:
    err = _error(_offer(credential_issuer=issuer))
    assert "issuer address" in err.user_message


def test_loopback_issuer_allowed() -> None:
    offer = parse_offer_json(_offer(credential_issuer="http://127.0.0.1:5000/tenant"))
    assert offer.credential_issuer == "http://127.0.0.1:5000/tenant"


@pytest.mark.parametrize("ids", [None, []])
def test_offer_names_no_credentials(ids: object) -> None:
    offer = _offer()
    if ids is None:
        del offer["credential_configuration_ids"]
    else:
        offer["credential_configuration_ids"] = ids
    assert _error(offer).user_message == "The offer names no credentials."


@pytest.mark.parametrize("ids", ["a", [1], [""], {"a": 1}])
def test_malformed_ids(ids: object) -> None:
    assert "malformed" in _error(_offer(credential_configuration_ids=ids)).user_message


def test_duplicate_ids() -> None:
    err = _error(_offer(credential_configuration_ids=["a", "b", "a"]))
    assert "same credential twice" in err.user_message


def test_unknown_parameters_and_grants_are_ignored() -> None:
    offer = parse_offer_json(_offer(extra=1, grants={"urn:example:grant": {"x": 1}}))
    assert offer.authorization_code is None and offer.pre_authorized_code is None


def test_null_grants() -> None:
    assert parse_offer_json(_offer(grants=None)).pre_authorized_code is None


@pytest.mark.parametrize(
    "grants",
    [
        [],
        {"authorization_code": "x"},
        {"authorization_code": {"issuer_state": 5}},
        {PRE_AUTHORIZED_GRANT: "code"},
        {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "c", "authorization_server": ["x"]}},
        {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "c", "tx_code": "1234"}},
    ],
)
def test_malformed_grants(grants: object) -> None:
    assert "malformed" in _error(_offer(grants=grants)).user_message


@pytest.mark.parametrize("code", [None, "", 123])
def test_pre_authorized_code_required(code: object) -> None:
    grant: dict[str, object] = {} if code is None else {"pre-authorized_code": code}
    assert "pre-authorized code is missing" in _error(_pre(grant)).user_message


def test_authorization_code_grant_with_server() -> None:
    offer = parse_offer_json(
        _offer(grants={"authorization_code": {"authorization_server": "https://as.example"}})
    )
    assert offer.authorization_code is not None
    assert offer.authorization_code.authorization_server == "https://as.example"
    assert offer.authorization_code.issuer_state is None


def test_pre_authorized_without_tx_code() -> None:
    offer = parse_offer_json(
        _pre({"pre-authorized_code": "c", "authorization_server": "https://as.example"})
    )
    grant = offer.pre_authorized_code
    assert grant is not None
    assert grant.tx_code is None
    assert grant.authorization_server == "https://as.example"


@pytest.mark.parametrize(
    ("tx_code", "expected"),
    [
        (None, None),
        ({}, TxCode()),
        ({"input_mode": "text", "length": 6}, TxCode(input_mode="text", length=6)),
        ({"input_mode": "alphanumeric"}, TxCode(input_mode="text")),
        ({"input_mode": 7}, TxCode(input_mode="text")),
        ({"length": 0}, TxCode()),
        ({"length": -3}, TxCode()),
        ({"length": True}, TxCode()),
        ({"length": "4"}, TxCode()),
        ({"description": 5}, TxCode()),
        ({"description": "x" * 301}, TxCode(description="x" * 300)),
        ({"description": "y" * 300}, TxCode(description="y" * 300)),
    ],
)
def test_tx_code_variants(tx_code: object, expected: TxCode | None) -> None:
    grant: dict[str, object] = {"pre-authorized_code": "c", "tx_code": tx_code}
    offer = parse_offer_json(_pre(grant))
    assert offer.pre_authorized_code is not None
    assert offer.pre_authorized_code.tx_code == expected


# --- legacy (draft 11/12) -----------------------------------------------------------------

D11_OFFER: dict[str, object] = {
    "credential_issuer": "https://launchpad.vii.electron.mattrlabs.io",
    "credentials": ["OpenBadgeCredential"],
    "grants": {
        PRE_AUTHORIZED_GRANT: {
            "pre-authorized_code": "adhjhdjajkdkhjhdj",
            "user_pin_required": True,
        }
    },
}


def test_legacy_draft11_offer() -> None:
    offer = parse_offer_json(D11_OFFER)
    assert offer.legacy
    assert offer.credential_configuration_ids == ("OpenBadgeCredential",)
    assert offer.pre_authorized_code is not None
    assert offer.pre_authorized_code.tx_code == TxCode(input_mode="text")


def test_legacy_user_pin_not_required() -> None:
    offer = parse_offer_json(_pre({"pre-authorized_code": "c", "user_pin_required": False}))
    assert offer.legacy
    assert offer.pre_authorized_code is not None
    assert offer.pre_authorized_code.tx_code is None


def test_tx_code_wins_over_user_pin_required() -> None:
    grant: dict[str, object] = {
        "pre-authorized_code": "c",
        "user_pin_required": True,
        "tx_code": {"length": 4},
    }
    offer = parse_offer_json(_pre(grant))
    assert not offer.legacy
    assert offer.pre_authorized_code is not None
    assert offer.pre_authorized_code.tx_code == TxCode(length=4)


def test_legacy_credential_objects_are_named_by_format_and_type() -> None:
    offer = parse_offer_json(
        {
            "credential_issuer": ISSUER,
            "credentials": [
                {"format": "jwt_vc_json", "types": ["VerifiableCredential", "X"]},
                {"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL"},
                "AnId",
            ],
        }
    )
    assert offer.legacy
    assert offer.credential_configuration_ids == (
        "jwt_vc_json:VerifiableCredential,X",
        "mso_mdoc:org.iso.18013.5.1.mDL",
        "AnId",
    )


@pytest.mark.parametrize("entry", [{"types": ["X"]}, {"format": ""}, 3, ""])
def test_legacy_credential_entries_without_format_or_id(entry: object) -> None:
    offer = {"credential_issuer": ISSUER, "credentials": [entry]}
    assert "old draft format" in _error(offer).user_message


@pytest.mark.parametrize("credentials", [[], "x", None])
def test_legacy_without_credentials(credentials: object) -> None:
    err = _error({"credential_issuer": ISSUER, "credentials": credentials})
    assert err.user_message == "The offer names no credentials."


def test_legacy_duplicates() -> None:
    err = _error({"credential_issuer": ISSUER, "credentials": ["a", "a"]})
    assert "twice" in err.user_message


# --- helpers ------------------------------------------------------------------------------


def test_offer_uri_host() -> None:
    ref = "openid-credential-offer://?credential_offer_uri=" + quote(
        "https://Offers.Example.org:8443/o/1", safe=""
    )
    assert offer_uri_host(ref) == "offers.example.org"
    assert offer_uri_host(json.dumps(SPEC_OFFER)) == "credential-issuer.example.com"
    assert offer_uri_host("nothing here") is None


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://a.example/x", True),
        ("http://a.example/x", False),
        ("http://127.0.0.1/", True),
        ("http://localhost/", True),
        ("http://[::1]/", True),
        ("http://[fe80::1]/", False),
        ("https://", False),
        ("https://a.example:abc/", False),
    ],
)
def test_is_allowed_url(url: str, allowed: bool) -> None:
    assert is_allowed_url(url) is allowed
