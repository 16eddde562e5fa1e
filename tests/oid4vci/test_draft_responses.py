"""Each draft's own response examples (tests/fixtures/drafts) parsed by the wallet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wallet_app.oid4vci.credential import Deferred, Issued, parse_credential_response
from wallet_app.oid4vci.offer import parse_offer_json
from wallet_app.oid4vci.token import parse_token_response

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
