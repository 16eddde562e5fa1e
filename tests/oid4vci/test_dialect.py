"""The drafts' dialects: detection from metadata and offers (protocol-notes §2.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wallet_app.oid4vci.dialect import detect_draft
from wallet_app.oid4vci.metadata import parse_issuer_metadata
from wallet_app.oid4vci.models import IssuerMetadata
from wallet_app.oid4vci.offer import parse_offer_json

ISSUER = "https://issuer.example.com"
SPEC_1_0 = Path(__file__).parent.parent / "fixtures" / "oid4vci-1.0"


def _meta(configs: dict[str, object], **fields: object) -> IssuerMetadata:
    doc: dict[str, object] = {
        "credential_issuer": ISSUER,
        "credential_endpoint": ISSUER + "/credential",
        "credential_configurations_supported": configs,
    }
    doc.update(fields)
    return parse_issuer_metadata(doc, expected_issuer=ISSUER)


SD13 = {"format": "vc+sd-jwt", "vct": "urn:pid", "claims": {"given_name": {}}}
SD15 = {"format": "dc+sd-jwt", "vct": "urn:pid", "claims": [{"path": ["given_name"]}]}
JWT_PLAIN = {"format": "jwt_vc_json", "credential_definition": {"type": ["VerifiableCredential"]}}


@pytest.mark.parametrize(
    ("meta", "draft"),
    [
        (_meta({"a": SD13}), "13"),
        (_meta({"a": SD13}, batch_credential_issuance={"batch_size": 3}), "14"),
        (_meta({"a": JWT_PLAIN}, credential_identifiers_supported=True), "13"),
        (_meta({"a": {**JWT_PLAIN, "display": [{"name": "Diploma"}]}}), "13"),
        (_meta({"a": SD15}), "15"),
        (_meta({"a": JWT_PLAIN}, nonce_endpoint=ISSUER + "/nonce"), "15"),
        (
            _meta({"a": {**SD13, "credential_metadata": {"display": []}}}),
            "1.0",
        ),
        (
            _meta(
                {
                    "a": {
                        "format": "mso_mdoc",
                        "doctype": "d",
                        "credential_signing_alg_values_supported": [-7],
                    }
                }
            ),
            "1.0",
        ),
        # no marker either way: what the wallet always spoke
        (_meta({"a": JWT_PLAIN}), "1.0"),
    ],
)
def test_detect_draft_from_metadata(meta: IssuerMetadata, draft: str) -> None:
    assert detect_draft(meta) == draft


def test_detect_draft_11_from_credentials_supported() -> None:
    doc = {
        "credential_issuer": ISSUER,
        "credential_endpoint": ISSUER + "/credential",
        "credentials_supported": [{"id": "UniversityDegree", **JWT_PLAIN}],
    }
    assert detect_draft(parse_issuer_metadata(doc, expected_issuer=ISSUER)) == "11"


def test_detect_draft_11_from_the_offer() -> None:
    offer = parse_offer_json(
        {
            "credential_issuer": ISSUER,
            "credentials": ["a"],
            "grants": {
                "urn:ietf:params:oauth:grant-type:pre-authorized_code": {
                    "pre-authorized_code": "x",
                    "user_pin_required": True,
                }
            },
        }
    )
    meta = _meta({"a": JWT_PLAIN}, nonce_endpoint=ISSUER + "/nonce")
    assert detect_draft(meta) == "15"
    assert detect_draft(meta, offer) == "11"


def test_detect_draft_spec_1_0_metadata() -> None:
    doc = json.loads((SPEC_1_0 / "credential_issuer_metadata_sd_jwt_long.json").read_text())
    meta = parse_issuer_metadata(doc, expected_issuer=doc["credential_issuer"])
    assert detect_draft(meta) == "1.0"
