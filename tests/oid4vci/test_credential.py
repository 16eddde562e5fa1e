"""Credential/notification request bodies and the tolerant response parser."""

from __future__ import annotations

import json

import pytest

from wallet_app.errors import IssuerError
from wallet_app.oid4vci.credential import (
    Deferred,
    Issued,
    build_credential_request,
    build_notification,
    interval_seconds,
    parse_credential_response,
)

LDP_VC = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "credentialSubject": {"name": "Erika"},
    "proof": {"type": "DataIntegrityProof"},
}


# -- requests ----------------------------------------------------------------------------------


def test_request_by_configuration_id_with_proofs() -> None:
    body = build_credential_request(
        credential_configuration_id="pid", credential_identifier=None, proofs=["p1", "p2"]
    )
    assert body == {"credential_configuration_id": "pid", "proofs": {"jwt": ["p1", "p2"]}}


def test_request_by_identifier_without_proofs_and_other_proof_type() -> None:
    body = build_credential_request(
        credential_configuration_id=None, credential_identifier="pid-1", proofs=[]
    )
    assert body == {"credential_identifier": "pid-1"}
    body2 = build_credential_request(
        credential_configuration_id=None,
        credential_identifier="pid-1",
        proofs=("att",),
        proof_type="attestation",
    )
    assert body2["proofs"] == {"attestation": ["att"]}
    assert "proof" not in body2  # the draft-13 singular member is never sent


@pytest.mark.parametrize(("conf", "ident"), [("pid", "pid-1"), (None, None)])
def test_request_needs_exactly_one_selector(conf: str | None, ident: str | None) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        build_credential_request(
            credential_configuration_id=conf, credential_identifier=ident, proofs=[]
        )


def test_notification_body() -> None:
    assert build_notification("n1", "credential_accepted") == {
        "notification_id": "n1",
        "event": "credential_accepted",
    }
    assert build_notification("n1", "credential_deleted", "") == {
        "notification_id": "n1",
        "event": "credential_deleted",
    }


def test_notification_description_is_printable_ascii_without_quotes() -> None:
    body = build_notification("n1", "credential_failure", 'Bad "key"\\ ü\n\tok' + "x" * 600)
    desc = body["event_description"]
    assert isinstance(desc, str)
    assert desc.startswith("Bad key okx")
    assert len(desc) == 500
    assert all(0x20 <= ord(c) <= 0x7E and c not in '"\\' for c in desc)


# -- responses ---------------------------------------------------------------------------------


def test_parse_1_0_credentials_objects() -> None:
    result = parse_credential_response(
        200,
        {
            "credentials": [{"credential": "sd-jwt-1~"}, {"credential": "sd-jwt-2~"}],
            "notification_id": "note-1",
            "unknown": 1,
        },
    )
    assert result == Issued(credentials=("sd-jwt-1~", "sd-jwt-2~"), notification_id="note-1")
    assert "sd-jwt-1" not in repr(result)


def test_parse_draft14_raw_list() -> None:
    result = parse_credential_response(200, {"credentials": ["a", "b"], "notification_id": 5})
    assert result == Issued(credentials=("a", "b"), notification_id=None)


def test_parse_draft13_single_credential_with_c_nonce() -> None:
    result = parse_credential_response(
        200, {"credential": "mdoc-b64", "c_nonce": "n", "format": "mso_mdoc"}
    )
    assert result == Issued(credentials=("mdoc-b64",), c_nonce="n")


@pytest.mark.parametrize(
    "doc",
    [
        {"credentials": [{"credential": LDP_VC}]},  # 1.0 wrapper
        {"credentials": [LDP_VC]},  # draft 14 raw object
        {"credential": LDP_VC},  # draft 13
    ],
)
def test_parse_ldp_vc_objects_are_kept_as_canonical_json(doc: dict[str, object]) -> None:
    result = parse_credential_response(200, doc)
    assert isinstance(result, Issued)
    [value] = result.credentials
    assert json.loads(value) == LDP_VC
    assert value == json.dumps(LDP_VC, separators=(",", ":"), sort_keys=True)


@pytest.mark.parametrize(
    "doc",
    [
        {"credentials": [{"credential": ""}]},
        {"credentials": [{"credential": 5}]},
        {"credentials": ["ok", None]},
        {"credentials": [""]},
        {"credential": ""},
        {"credential": None},
        {"credential": ["a"]},
    ],
)
def test_parse_rejects_empty_entries(doc: dict[str, object]) -> None:
    with pytest.raises(IssuerError) as info:
        parse_credential_response(200, doc, url="https://issuer.test/credential")
    assert info.value.code == "invalid_credential_response"
    assert info.value.status == 200
    assert info.value.url == "https://issuer.test/credential"


def test_parse_202_transaction_id() -> None:
    assert parse_credential_response(202, {"transaction_id": "tx", "interval": 7}) == Deferred(
        "tx", 7
    )


def test_parse_transaction_id_with_200_and_empty_credentials() -> None:
    assert parse_credential_response(200, {"credentials": [], "transaction_id": "tx"}) == (
        Deferred("tx", 5)
    )


def test_parse_acceptance_token_draft11() -> None:
    assert parse_credential_response(200, {"acceptance_token": "acc", "c_nonce": "n"}) == (
        Deferred("acc", 5, c_nonce="n")
    )


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        (None, 5),
        (0, 5),
        (-3, 5),
        ("10", 5),
        (True, 5),
        (float("inf"), 5),
        (float("nan"), 5),
        (2.5, 3),
        (0.2, 1),
        (30, 30),
    ],
)
def test_parse_interval_defaults_and_rounding(interval: object, expected: int) -> None:
    doc: dict[str, object] = {"transaction_id": "tx"}
    if interval is not None:
        doc["interval"] = interval
    result = parse_credential_response(202, doc)
    assert result == Deferred("tx", expected)
    assert interval_seconds(interval) == expected


def test_interval_seconds_custom_default() -> None:
    assert interval_seconds(None, 0) == 0
    assert interval_seconds(60, 0) == 60


@pytest.mark.parametrize(
    "doc",
    [{}, {"transaction_id": ""}, {"transaction_id": 5}, {"credentials": "x"}, {"c_nonce": "n"}],
)
def test_parse_neither_credentials_nor_transaction(doc: dict[str, object]) -> None:
    with pytest.raises(IssuerError) as info:
        parse_credential_response(202, doc, url="u")
    assert info.value.code == "invalid_credential_response"
    assert info.value.status == 202


def test_interval_seconds_of_a_huge_integer_is_the_longest_interval() -> None:
    assert interval_seconds(10**5000) == interval_seconds(10**9)
    assert interval_seconds(-(10**5000)) == interval_seconds(None)
