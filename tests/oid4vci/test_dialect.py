"""The drafts' dialects: detection from metadata and offers (protocol-notes §2.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wallet_app.oid4vci.authorize import authorization_details_for
from wallet_app.oid4vci.dialect import Dialect, Draft, detect_draft, format_parameters
from wallet_app.oid4vci.metadata import parse_credential_configuration, parse_issuer_metadata
from wallet_app.oid4vci.models import CredentialConfiguration, IssuerMetadata
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


# --- request bodies compared with the drafts' own examples (tests/fixtures/drafts) ---------

DRAFTS_DIR = Path(__file__).parent.parent / "fixtures" / "drafts"


def _example(draft: str, name: str) -> dict[str, object]:
    data = json.loads((DRAFTS_DIR / draft / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _conf(draft: str, metadata: str, config_id: str) -> CredentialConfiguration:
    configs = _example(draft, metadata)["credential_configurations_supported"]
    assert isinstance(configs, dict)
    return parse_credential_configuration(config_id, configs[config_id])


def _without_claims(body: dict[str, object]) -> dict[str, object]:
    """The example minus the optional claims selection (the wallet asks for all claims)."""
    out = {k: v for k, v in body.items() if k != "claims"}
    definition = out.get("credential_definition")
    if isinstance(definition, dict):
        out["credential_definition"] = {
            k: v for k, v in definition.items() if k != "credentialSubject"
        }
    return out


def _proof_of(body: dict[str, object]) -> str:
    proof = body["proof"]
    assert isinstance(proof, dict)
    value = proof[proof["proof_type"]]
    assert isinstance(value, str)
    return value


@pytest.mark.parametrize("draft", ["13", "14"])
@pytest.mark.parametrize(
    ("metadata", "config_id", "request_example"),
    [
        (
            "credential_metadata_sd_jwt_vc.json",
            "SD_JWT_VC_example_in_OpenID4VCI",
            "credential_request_sd_jwt_vc.json",
        ),
        (
            "credential_metadata_mso_mdoc.json",
            "org.iso.18013.5.1.mDL",
            "credential_request_iso_mdl_with_claims.json",
        ),
        (
            "credential_metadata_jwt_vc_json.json",
            "UniversityDegreeCredential",
            "credential_request_jwt_vc_json_with_claims.json",
        ),
    ],
)
def test_format_requests_match_the_draft_examples(
    draft: str, metadata: str, config_id: str, request_example: str
) -> None:
    """Drafts 13/14 name the credential by format + vct / doctype / credential_definition
    and carry one ``proof``: the body equals the draft's example (its claims selection,
    which the wallet does not use, aside)."""
    conf = _conf(draft, metadata, config_id)
    expected = _without_claims(_example(draft, request_example))
    body = Dialect(draft).credential_request(  # type: ignore[arg-type]
        conf, identifier=None, proofs=[_proof_of(expected)]
    )
    assert body == expected


@pytest.mark.parametrize("draft", ["13", "14"])
def test_mdoc_example_in_the_text(draft: str) -> None:
    """The spec text's own mdoc request (draft 13 shows a cwt proof, draft 14 a jwt one)."""
    expected = _example(draft, "credential_request_mdoc_inline.json")
    conf = _conf(draft, "credential_metadata_mso_mdoc.json", "org.iso.18013.5.1.mDL")
    proof = expected["proof"]
    assert isinstance(proof, dict)
    body = Dialect(draft).credential_request(  # type: ignore[arg-type]
        conf, identifier=None, proofs=[_proof_of(expected)], proof_type=proof["proof_type"]
    )
    assert body == expected


def test_draft13_identifier_request() -> None:
    expected = _example("13", "credential_request_identifier.json")
    conf = _conf("13", "credential_metadata_sd_jwt_vc.json", "SD_JWT_VC_example_in_OpenID4VCI")
    body = Dialect("13").credential_request(
        conf, identifier="CivilEngineeringDegree-2023", proofs=[_proof_of(expected)]
    )
    assert body == expected


def test_draft13_refuses_several_proofs_in_one_request() -> None:
    conf = _conf("13", "credential_metadata_sd_jwt_vc.json", "SD_JWT_VC_example_in_OpenID4VCI")
    with pytest.raises(ValueError, match="one proof"):
        Dialect("13").credential_request(conf, identifier=None, proofs=["a", "b"])


@pytest.mark.parametrize("draft", ["14", "15"])
def test_identifier_with_two_proofs(draft: str) -> None:
    """Drafts 14 and 15: two instances, one request, ``proofs.jwt`` (the examples)."""
    expected = _example(draft, "credential_request_identifier.json")
    proofs = expected["proofs"]
    assert isinstance(proofs, dict)
    conf = _conf(draft, "credential_metadata_sd_jwt_vc.json", "SD_JWT_VC_example_in_OpenID4VCI")
    body = Dialect(draft).credential_request(  # type: ignore[arg-type]
        conf, identifier="CivilEngineeringDegree-2023", proofs=proofs["jwt"]
    )
    assert body == expected


def test_draft15_configuration_id_request() -> None:
    """Draft 15's example: configuration id + one ``proof``; ``proofs`` only for an issuer
    with ``batch_credential_issuance`` (its §11.2.3), so one proof goes as ``proof``."""
    expected = _example("15", "credential_request_config_id.json")
    conf = _conf("15", "credential_metadata_mso_mdoc.json", "org.iso.18013.5.1.mDL")
    body = Dialect("15").credential_request(conf, identifier=None, proofs=[_proof_of(expected)])
    assert body == expected


def test_1_0_request_is_unchanged() -> None:
    conf = _conf("15", "credential_metadata_mso_mdoc.json", "org.iso.18013.5.1.mDL")
    assert Dialect("1.0").credential_request(conf, identifier=None, proofs=["p"]) == {
        "credential_configuration_id": "org.iso.18013.5.1.mDL",
        "proofs": {"jwt": ["p"]},
    }
    assert Dialect("1.0").credential_request(conf, identifier="i", proofs=[]) == {
        "credential_identifier": "i"
    }


def _d11_configuration(fmt: str) -> CredentialConfiguration:
    entries = _example("11", "issuer_metadata.json")["credentials_supported"]
    assert isinstance(entries, list)
    entry = next(e for e in entries if e["format"] == fmt)
    return parse_credential_configuration(entry.get("id", fmt), entry)


@pytest.mark.parametrize(
    ("fmt", "request_example"),
    [
        ("jwt_vc_json", "credential_request_jwt_vc_json.json"),
        ("ldp_vc", "credential_request_ldp_vc.json"),
    ],
)
def test_draft11_requests_match_the_examples(fmt: str, request_example: str) -> None:
    """Draft 11: ``format`` + ``types`` (top level for jwt_vc_json, inside
    ``credential_definition`` with ``@context`` for ldp_vc) + one ``proof``."""
    expected = _without_claims(_example("11", request_example))
    body = Dialect("11").credential_request(
        _d11_configuration(fmt), identifier=None, proofs=[_proof_of(expected)]
    )
    assert body == expected


def test_draft11_mdoc_request_from_an_offer_object() -> None:
    """The draft-11 mdoc offer names ``format`` + ``doctype``; the request does the same."""
    offer = _example("11", "credential_offer_mso_doc.json")
    entry = offer["credentials"][0]  # type: ignore[index]
    expected = _example("11", "credential_request_iso_mdl.json")
    conf = parse_credential_configuration("mdl", entry)
    body = Dialect("11").credential_request(conf, identifier=None, proofs=[_proof_of(expected)])
    assert body == expected


def test_draft11_has_no_credential_identifier() -> None:
    body = Dialect("11").credential_request(
        _d11_configuration("jwt_vc_json"), identifier="ignored", proofs=["p"]
    )
    assert "credential_identifier" not in body
    assert body["format"] == "jwt_vc_json"


# --- the other per-draft switches ------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "batch", "nonce", "pin"),
    [
        ("1.0", True, False, "tx_code"),
        ("15", True, False, "tx_code"),
        ("14", True, True, "tx_code"),
        ("13", False, True, "tx_code"),
        ("11", False, True, "user_pin"),
    ],
)
def test_switches(draft: Draft, batch: bool, nonce: bool, pin: str) -> None:
    dialect = Dialect(draft)
    assert dialect.batch_proofs is batch
    assert dialect.nonce_in_responses is nonce
    assert dialect.pin_param == pin


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_deferred_request_matches_the_examples(draft: Draft) -> None:
    expected = _example(draft, "deferred_request.json")
    body, bearer = Dialect(draft).deferred_request("8xLOxBtZp8")
    assert (body, bearer) == (expected, None)


def test_draft11_deferred_request_sends_the_acceptance_token_as_bearer() -> None:
    """Draft 11 §8.1: ``Authorization: BEARER <acceptance_token>`` and no parameters."""
    deferred = _example("11", "credential_response_deferred.json")
    token = deferred["acceptance_token"]
    assert Dialect("11").deferred_request(str(token)) == ({}, token)


# --- authorization_details per draft ---------------------------------------------------------


def _issuer_with(conf: CredentialConfiguration) -> IssuerMetadata:
    return _meta({conf.id: dict(conf.raw)})


@pytest.mark.parametrize(
    ("fmt", "example"),
    [
        ("jwt_vc_json", "authorization_details.json"),
        ("ldp_vc", "authorization_details_ldp_vc.json"),
    ],
)
def test_draft11_authorization_details_match_the_examples(fmt: str, example: str) -> None:
    """Draft 11 names format + types in authorization_details (no configuration ids)."""
    expected = [_without_claims(e) for e in json.loads((DRAFTS_DIR / "11" / example).read_text())]
    conf = _d11_configuration(fmt)
    assert authorization_details_for([conf], _issuer_with(conf), "11") == expected


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_authorization_details_by_configuration_id(draft: Draft) -> None:
    """Drafts 13-15 allow the configuration id or format + type; the wallet names the id (the
    drafts' authorization_details.json), so the token response's credential_identifiers come
    back under that id. The format form of the drafts' sd-jwt example names the same thing."""
    expected = json.loads((DRAFTS_DIR / draft / "authorization_details.json").read_text())
    conf = _conf(draft, "credential_metadata_jwt_vc_json.json", "UniversityDegreeCredential")
    assert authorization_details_for([conf], _issuer_with(conf), draft) == expected
    by_format = json.loads(
        (DRAFTS_DIR / draft / "authorization_details_sd_jwt_vc.json").read_text()
    )
    sd = _conf(draft, "credential_metadata_sd_jwt_vc.json", "SD_JWT_VC_example_in_OpenID4VCI")
    assert by_format == [
        {"type": "openid_credential", "format": sd.format, **format_parameters(sd, draft)}
    ]
