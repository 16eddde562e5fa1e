"""Each draft's own response examples (tests/fixtures/drafts) parsed by the wallet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wallet_app.oid4vci.credential import Deferred, Issued, parse_credential_response
from wallet_app.oid4vci.dialect import detect_draft
from wallet_app.oid4vci.error_response import issuer_error
from wallet_app.oid4vci.http import HttpResponse
from wallet_app.oid4vci.metadata import parse_issuer_metadata
from wallet_app.oid4vci.metadata_legacy import offer_configurations
from wallet_app.oid4vci.offer import parse_offer_json
from wallet_app.oid4vci.token import parse_token_response
from wallet_app.wallet.nonce import error_c_nonce

DRAFTS_DIR = Path(__file__).parent.parent / "fixtures" / "drafts"


def _example(draft: str, name: str) -> dict[str, object]:
    data = json.loads((DRAFTS_DIR / draft / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("draft", "name", "count", "nonce"),
    [
        ("11", "credential_response_jwt_vc_json.json", 1, "fGFF7UkhLa"),
        ("13", "credential_response.json", 1, "fGFF7UkhLa"),
        ("14", "credential_response.json", 1, "fGFF7UkhLa"),
        ("14", "credential_response_multiple.json", 2, "fGFF7UkhLa"),
        ("15", "credential_response.json", 1, None),
        ("15", "credential_response_multiple.json", 2, None),
        ("15", "deferred_response.json", 2, None),
    ],
)
def test_issued_examples(draft: str, name: str, count: int, nonce: str | None) -> None:
    """``credential`` (11, 13, 14), raw ``credentials`` (14), ``[{credential}]`` (15)."""
    doc = _example(draft, name)
    result = parse_credential_response(200, doc)
    assert isinstance(result, Issued)
    assert len(result.credentials) == count
    assert result.credentials[0] == "LUpixVCWJk0eOt4CXQe1NXK....WZwmhmn9OQp6YxX0a2L" or (
        draft == "11" and result.credentials[0].startswith("eyJhbGciOiJFUzI1NiIs")
    )
    assert result.c_nonce == nonce
    assert result.notification_id == doc.get("notification_id")


@pytest.mark.parametrize(
    ("draft", "status", "nonce"),
    [
        ("11", 200, "wlbQc6pCJp"),
        ("13", 202, "wlbQc6pCJp"),
        ("14", 202, "wlbQc6pCJp"),
        ("15", 202, None),
    ],
)
def test_deferred_examples(draft: str, status: int, nonce: str | None) -> None:
    """``acceptance_token`` (11, with 200) and ``transaction_id`` (13+, 202)."""
    result = parse_credential_response(status, _example(draft, "credential_response_deferred.json"))
    assert result == Deferred(transaction_id="8xLOxBtZp8", interval=5, c_nonce=nonce)


@pytest.mark.parametrize(
    ("draft", "nonce", "lifetime", "identifiers"),
    [
        ("11", "tZignsnFbp", 86400, ()),
        (
            "13",
            "tZignsnFbp",
            86400,
            ("CivilEngineeringDegree-2023", "ElectricalEngineeringDegree-2023"),
        ),
        (
            "14",
            "tZignsnFbp",
            86400,
            ("CivilEngineeringDegree-2023", "ElectricalEngineeringDegree-2023"),
        ),
        ("15", None, None, ("CivilEngineeringDegree-2023", "ElectricalEngineeringDegree-2023")),
    ],
)
def test_token_examples(
    draft: str, nonce: str | None, lifetime: int | None, identifiers: tuple[str, ...]
) -> None:
    token = parse_token_response(_example(draft, "token_response.json"))
    assert token.token_type == "Bearer"
    assert token.c_nonce == nonce
    assert token.c_nonce_expires_in == lifetime
    assert token.identifiers_for("UniversityDegreeCredential") == identifiers


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_offer_examples(draft: str) -> None:
    offer = parse_offer_json(_example(draft, "credential_offer_multiple_credentials.json"))
    assert offer.credential_configuration_ids == (
        "UniversityDegreeCredential",
        "org.iso.18013.5.1.mDL",
    )
    assert not offer.legacy
    pre = parse_offer_json(_example(draft, "credential_offer_pre-authz_code.json"))
    assert pre.pre_authorized_code is not None
    assert pre.pre_authorized_code.tx_code is not None
    assert pre.pre_authorized_code.tx_code.description == (
        "Please provide the one-time code which was sent to your mobile phone via SMS"
    )


def test_draft11_offers_find_the_draft11_metadata() -> None:
    """Draft 11's example offers name credentials by id and by format + types / doctype; its
    example metadata has an entry with an id and entries without: each offer finds its
    configurations, user_pin_required becomes a text code, and the draft is 11."""
    doc = _example("11", "issuer_metadata.json")
    # the example's credential_issuer holds the issuer's display objects (draft-11 typo)
    doc["credential_issuer"] = "https://credential-issuer.example.com"
    issuer = parse_issuer_metadata(doc, expected_issuer="https://credential-issuer.example.com")
    assert set(issuer.configurations) == {
        "UniversityDegree_LDP",
        "jwt_vc_json:UniversityDegreeCredential,VerifiableCredential",
        "mso_mdoc:org.iso.18013.5.1.mDL",
    }
    pre = parse_offer_json(_example("11", "credential_offer_pre-authz_code.json"))
    assert pre.pre_authorized_code is not None and pre.pre_authorized_code.tx_code is not None
    assert pre.pre_authorized_code.tx_code.input_mode == "text"
    known, unknown = offer_configurations(pre, issuer)
    assert [c.format for c in known] == ["jwt_vc_json"] and unknown == []
    mdoc = parse_offer_json(_example("11", "credential_offer_mso_doc.json"))
    known, unknown = offer_configurations(mdoc, issuer)
    assert [c.doctype for c in known] == ["org.iso.18013.5.1.mDL"] and unknown == []
    multiple = parse_offer_json(_example("11", "credential_offer_multiple_credentials.json"))
    known, unknown = offer_configurations(multiple, issuer)
    assert [c.format for c in known] == ["mso_mdoc"]
    assert unknown == ["UniversityDegree_JWT"]  # an id the example metadata does not have
    assert detect_draft(issuer, multiple) == "11"


def test_draft11_offer_object_finds_a_configuration_with_its_own_id() -> None:
    """A Mattr-style issuer gives ids, its offer names format + types: they still meet."""
    issuer = parse_issuer_metadata(
        {
            "credential_issuer": "https://issuer.example.com",
            "credential_endpoint": "https://issuer.example.com/credential",
            "credentials_supported": [
                {"id": "Badge", "format": "jwt_vc_json", "types": ["VerifiableCredential", "Badge"]}
            ],
        },
        expected_issuer="https://issuer.example.com",
    )
    offer = parse_offer_json(
        {
            "credential_issuer": "https://issuer.example.com",
            "credentials": [{"format": "jwt_vc_json", "types": ["Badge", "VerifiableCredential"]}],
        }
    )
    known, unknown = offer_configurations(offer, issuer)
    assert [c.id for c in known] == ["Badge"] and unknown == []


@pytest.mark.parametrize(
    ("error", "same_as"),
    [
        ("invalid_or_missing_proof", "invalid_proof"),
        ("unsupported_credential_type", "unknown_credential_configuration"),
        ("unsupported_credential_format", "unknown_credential_configuration"),
    ],
)
def test_draft_error_codes_read_like_their_successors(error: str, same_as: str) -> None:
    """The error codes of drafts 11-14 get the sentence of the 1.0 code that replaced them."""

    def message(code: str) -> str:
        resp = HttpResponse(400, {}, json.dumps({"error": code}).encode(), "https://i.test/c")
        return issuer_error(resp, what="credential request").user_message

    assert message(error) == message(same_as)
    assert message(error) != message("some_unknown_code")


@pytest.mark.parametrize(
    ("draft", "error"),
    [("11", "invalid_or_missing_proof"), ("13", "invalid_proof"), ("14", "invalid_proof")],
)
def test_proof_error_examples(draft: str, error: str) -> None:
    """The drafts' own proof errors: the code and the fresh c_nonce the wallet retries with."""
    doc = _example(draft, "credential_error_invalid_proof.json")
    resp = HttpResponse(400, {}, json.dumps(doc).encode(), "https://i.test/c")
    err = issuer_error(resp, what="credential request")
    assert err.error == error
    assert err.user_message == "The issuer did not accept the wallet's key proof."
    assert error_c_nonce(err) == "8YE9hCnyV2"


def test_draft11_display_example() -> None:
    """Draft 11 wrote ``logo.url`` and ``logo.alternative_text`` (1.0: ``uri``, ``alt_text``)."""
    doc = _example("11", "issuer_metadata.json")
    doc["credential_issuer"] = "https://credential-issuer.example.com"
    issuer = parse_issuer_metadata(doc, expected_issuer="https://credential-issuer.example.com")
    display = issuer.configurations["UniversityDegree_LDP"].display[0]
    assert display.name == "University Credential"
    assert display.logo is not None
    assert display.logo.uri == "https://exampleuniversity.com/public/logo.png"
    assert display.logo.alt_text == "a square logo of a university"
