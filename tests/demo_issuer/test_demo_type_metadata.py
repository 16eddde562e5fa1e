"""The diploma's SD-JWT VC Type Metadata: served at its vct URL, pinned by vct#integrity."""

from __future__ import annotations

import base64
import hashlib

import httpx
import pytest
from demo_issuer_kit import BASE, Holder, client_for, issue_credential, verify_with_leaf

from wallet_app.demo_issuer import DemoConfig, DemoIssuer


def _sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


@pytest.mark.parametrize("issuer_path", ["", "/demo"])
def test_diploma_type_metadata_chain_matches_its_integrity(issuer_path: str) -> None:
    issuer = DemoIssuer(BASE, DemoConfig(issuer_path=issuer_path))
    vct = f"{BASE}{issuer_path}/vct/university-diploma"
    with client_for(issuer) as client:
        metadata = client.get(f"/.well-known/openid-credential-issuer{issuer_path}").json()
        configs = metadata["credential_configurations_supported"]
        assert configs["diploma_sd_jwt"]["vct"] == vct
        assert configs["pid_sd_jwt"]["vct"] == "urn:eudi:pid:1"

        _, claims = verify_with_leaf(issue_credential(client, issuer, Holder(), "diploma_sd_jwt"))
        assert claims["vct"] == vct
        child_response = client.get(vct)
        assert child_response.status_code == 200
        assert child_response.headers["content-type"] == "application/json"
        assert claims["vct#integrity"] == _sri(child_response.content)
        child = child_response.json()
        assert child["vct"] == vct
        base_vct = f"{BASE}{issuer_path}/vct/diploma-base"
        assert child["extends"] == base_vct
        base_response = client.get(base_vct)
        assert child["extends#integrity"] == _sri(base_response.content)
        base = base_response.json()
        assert base["vct"] == base_vct and "extends" not in base

        assert [d["locale"] for d in child["display"]] == ["en", "de"]
        for display in child["display"]:
            simple = display["rendering"]["simple"]
            assert (simple["background_color"], simple["text_color"]) == ("#7c2d12", "#fff7ed")
            logo = client.get(simple["logo"]["uri"])
            assert logo.headers["content-type"] == "image/svg+xml"
            assert simple["logo"]["uri#integrity"] == _sri(logo.content)
            assert simple["logo"]["alt_text"]
        assert child["display"][1]["name"] == "Hochschulzeugnis"

        labels = {
            tuple(c["path"]): {d["locale"]: d["label"] for d in c["display"]}
            for doc in (base, child)
            for c in doc["claims"]
        }
        assert labels[("degree",)] == {"en": "Degree", "de": "Abschluss"}
        assert labels[("grade",)] == {"en": "Grade", "de": "Note"}
        assert set(labels) == {
            ("given_name",),
            ("family_name",),
            ("degree",),
            ("field_of_study",),
            ("grade",),
            ("university",),
            ("graduation_date",),
        }


def test_pid_keeps_its_urn_vct_without_integrity(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    _, claims = verify_with_leaf(issue_credential(client, issuer, holder, "pid_sd_jwt"))
    assert claims["vct"] == "urn:eudi:pid:1"
    assert "vct#integrity" not in claims
