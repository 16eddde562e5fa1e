"""The demo issuer's draft modes (DemoConfig.draft) against the drafts' own examples
(tests/fixtures/drafts, taken from openid/OpenID4VCI): requests built from the examples are
accepted, and the metadata, offers, token, credential and deferred responses have the examples'
members and shapes."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path

import httpx
import pytest
from demo_issuer_kit import BASE, PRE_AUTH, Holder, b64url_decode, client_for, fresh_nonce

from wallet_app.demo_issuer import DemoConfig, DemoFaults, DemoIssuer
from wallet_app.formats.jwt_vc import decode_jwt_vc

DRAFTS = Path(__file__).resolve().parents[1] / "fixtures" / "drafts"
JWT_VC_TYPES = ["VerifiableCredential", "UniversityDegreeCredential"]
NONCE_IN_RESPONSES = ("11", "13", "14")


def example(draft: str, name: str) -> dict[str, object]:
    value = json.loads((DRAFTS / draft / name).read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def make(draft: str, **config: object) -> tuple[DemoIssuer, DemoFaults]:
    faults = DemoFaults()
    return DemoIssuer(BASE, DemoConfig(draft=draft, **config), faults), faults  # type: ignore[arg-type]


def shape(value: object) -> object:
    """The members and value kinds of a JSON value (arrays by their first element)."""
    if isinstance(value, Mapping):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


# --- metadata and offers ------------------------------------------------------------------


def test_draft_11_metadata_is_a_credentials_supported_array() -> None:
    issuer, _ = make("11")
    with client_for(issuer) as client:
        meta = client.get("/.well-known/openid-credential-issuer").json()
    assert "credential_configurations_supported" not in meta
    assert "nonce_endpoint" not in meta and "batch_credential_issuance" not in meta
    entries = meta["credentials_supported"]
    assert isinstance(entries, list)
    assert [e["id"] for e in entries] == ["mdl_mdoc", "degree_jwt_vc"]  # no SD-JWT VC in d11
    ex = {e["format"]: e for e in example("11", "issuer_metadata.json")["credentials_supported"]}
    jwt_vc = next(e for e in entries if e["format"] == "jwt_vc_json")
    allowed = set(ex["jwt_vc_json"]) | {"id"}  # id: OPTIONAL in d11 §10.2.3.1
    assert set(jwt_vc) <= allowed, set(jwt_vc) - allowed
    assert jwt_vc["types"] == JWT_VC_TYPES
    assert jwt_vc["credentialSubject"]["given_name"]["display"][0]["name"] == "Given name"
    assert set(jwt_vc["display"][0]["logo"]) == {"url", "alt_text"}
    mdoc = next(e for e in entries if e["format"] == "mso_mdoc")
    assert mdoc["doctype"] == "org.iso.18013.5.1.mDL"
    assert isinstance(mdoc["claims"]["org.iso.18013.5.1"]["family_name"], dict)
    assert mdoc["cryptographic_suites_supported"] == ["ES256"]


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_configuration_maps_have_the_draft_shapes(draft: str) -> None:
    issuer, _ = make(draft)
    with client_for(issuer) as client:
        meta = client.get("/.well-known/openid-credential-issuer").json()
    configs = meta["credential_configurations_supported"]
    assert set(configs) == {"pid_sd_jwt", "diploma_sd_jwt", "mdl_mdoc", "degree_jwt_vc"}
    assert ("nonce_endpoint" in meta) == (draft == "15")
    assert ("batch_credential_issuance" in meta) == (draft != "13")
    examples = {
        "sd_jwt_vc": configs["pid_sd_jwt"],
        "mso_mdoc": configs["mdl_mdoc"],
        "jwt_vc_json": configs["degree_jwt_vc"],
    }
    for name, ours in examples.items():
        [theirs] = example(draft, f"credential_metadata_{name}.json")[
            "credential_configurations_supported"
        ].values()
        allowed = set(theirs) | {"proof_types_supported", "scope"}
        assert set(ours) <= allowed, (name, set(ours) - allowed)
        assert "credential_metadata" not in ours and "display" in ours
        assert ours["format"] == theirs["format"]
        if "claims" in theirs:
            assert type(ours["claims"]) is type(theirs["claims"])
    jwt_vc = configs["degree_jwt_vc"]
    assert jwt_vc["credential_definition"]["type"] == JWT_VC_TYPES
    assert ("credentialSubject" in jwt_vc["credential_definition"]) == (draft != "15")


def test_draft_11_offer_lists_credentials_and_user_pin_required() -> None:
    issuer, _ = make("11")
    offer = issuer.create_offer(["degree_jwt_vc", "mdl_mdoc"], grant="both", tx_code=True)
    theirs = example("11", "credential_offer_multiple_credentials.json")
    assert shape(offer.offer).keys() == shape(theirs).keys()  # type: ignore[attr-defined]
    assert offer.offer["credentials"] == ["degree_jwt_vc", "mdl_mdoc"]
    grants = offer.offer["grants"]
    assert isinstance(grants, dict)
    assert set(grants[PRE_AUTH]) == set(theirs["grants"][PRE_AUTH])  # type: ignore[index]
    assert grants[PRE_AUTH]["user_pin_required"] is True
    assert offer.tx_code is not None and offer.tx_code.isdigit()


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_draft_13_to_15_offers_keep_configuration_ids(draft: str) -> None:
    issuer, _ = make(draft)
    offer = issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    theirs = example(draft, "credential_offer_pre-authz_code.json")
    assert set(offer.offer) == set(theirs)
    assert offer.offer["credential_configuration_ids"] == ["pid_sd_jwt"]


# --- pre-authorized issuance, request by request ------------------------------------------

_REQUESTS = {
    ("11", "degree_jwt_vc"): "credential_request_jwt_vc_json.json",
    ("11", "mdl_mdoc"): "credential_request_iso_mdl.json",
    **{(d, "pid_sd_jwt"): "credential_request_sd_jwt_vc.json" for d in ("13", "14")},
    **{(d, "mdl_mdoc"): "credential_request_iso_mdl_with_claims.json" for d in ("13", "14")},
    **{
        (d, "degree_jwt_vc"): "credential_request_jwt_vc_json_with_claims.json"
        for d in ("13", "14")
    },
    **{
        ("15", c): "credential_request_config_id.json"
        for c in ("pid_sd_jwt", "mdl_mdoc", "degree_jwt_vc")
    },
}
_RESPONSES = {
    "11": "credential_response_jwt_vc_json.json",
    "13": "credential_response.json",
    "14": "credential_response.json",
    "15": "credential_response.json",
}


def request_from_example(
    draft: str, config_id: str, proof: str, config: Mapping[str, object]
) -> dict[str, object]:
    """The draft's example request with our type parameters and our key proof in it."""
    body = copy.deepcopy(example(draft, _REQUESTS[(draft, config_id)]))
    if "vct" in body:
        body["vct"] = config["vct"]
    if "types" in body:
        body["types"] = JWT_VC_TYPES
    if isinstance(body.get("credential_definition"), dict):
        body["credential_definition"]["type"] = JWT_VC_TYPES  # type: ignore[index]
    if "credential_configuration_id" in body:
        body["credential_configuration_id"] = config_id
    body["proof"] = {"proof_type": "jwt", "jwt": proof}
    return body


def pre_authorized(
    client: httpx.Client, issuer: DemoIssuer, draft: str, config_id: str
) -> dict[str, object]:
    offer = issuer.create_offer([config_id], tx_code=True)
    pin = "user_pin" if draft == "11" else "tx_code"
    form = {"grant_type": PRE_AUTH, "pre-authorized_code": str(offer.pre_authorized_code)}
    response = client.post("/token", data={**form, pin: str(offer.tx_code)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, dict)
    return body


def metadata_config(client: httpx.Client, config_id: str) -> Mapping[str, object]:
    meta = client.get("/.well-known/openid-credential-issuer").json()
    if "credentials_supported" in meta:
        return next(e for e in meta["credentials_supported"] if e["id"] == config_id)
    return meta["credential_configurations_supported"][config_id]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("draft", "config_id"), sorted(_REQUESTS))
def test_pre_authorized_issuance_with_the_drafts_example_request(
    draft: str, config_id: str
) -> None:
    issuer, _ = make(draft)
    holder = Holder()
    with client_for(issuer) as client:
        token = pre_authorized(client, issuer, draft, config_id)
        expected_token = set(example(draft, "token_response.json")) - {"authorization_details"}
        assert set(token) == expected_token
        nonce = token["c_nonce"] if draft in NONCE_IN_RESPONSES else fresh_nonce(client)
        config = metadata_config(client, config_id)
        proof = holder.proof(issuer.credential_issuer, str(nonce))
        body = request_from_example(draft, config_id, proof, config)
        response = client.post(
            "/credential", json=body, headers={"Authorization": f"Bearer {token['access_token']}"}
        )
    assert response.status_code == 200, response.text
    answer = response.json()
    theirs = example(draft, _RESPONSES[draft])
    assert set(answer) - {"notification_id"} == set(theirs)
    assert shape({k: v for k, v in answer.items() if k != "notification_id"}) == shape(theirs)
    credential = answer["credentials"][0]["credential"] if draft == "15" else answer["credential"]
    if config_id == "degree_jwt_vc":
        view = decode_jwt_vc(credential)
        assert view.signature_verified is True
        assert view.claims["given_name"] == "Erika"
        assert view.holder_key == holder.public_jwk
    elif config_id == "pid_sd_jwt":
        header = json.loads(b64url_decode(credential.split(".")[0]))
        assert header["typ"] == ("vc+sd-jwt" if draft in ("13", "14") else "dc+sd-jwt")


# --- what each draft refuses, and its nonces ----------------------------------------------


def test_draft_13_refuses_the_1_0_request_like_deployed_draft_13_libraries() -> None:
    issuer, _ = make("13")
    with client_for(issuer) as client:
        token = pre_authorized(client, issuer, "13", "pid_sd_jwt")
        proof = Holder().proof(issuer.credential_issuer, str(token["c_nonce"]))
        body = {"credential_configuration_id": "pid_sd_jwt", "proofs": {"jwt": [proof]}}
        response = client.post(
            "/credential", json=body, headers={"Authorization": f"Bearer {token['access_token']}"}
        )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credential_request"
    assert "credential_identifier or format and type" in response.json()["error_description"]


@pytest.mark.parametrize("draft", ["11", "13", "14"])
def test_unbound_proof_is_answered_with_a_fresh_c_nonce_that_then_works(draft: str) -> None:
    config_id = "mdl_mdoc"
    issuer, _ = make(draft)
    holder = Holder()
    with client_for(issuer) as client:
        token = pre_authorized(client, issuer, draft, config_id)
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        config = metadata_config(client, config_id)
        stale = holder.proof(issuer.credential_issuer, "not-a-nonce-we-issued")
        refused = client.post(
            "/credential", json=request_from_example(draft, config_id, stale, config), headers=auth
        )
        assert refused.status_code == 400
        error = refused.json()
        assert error["error"] == ("invalid_or_missing_proof" if draft == "11" else "invalid_proof")
        if draft == "11":
            assert set(error) == set(example("11", "credential_error_invalid_proof.json"))
        fresh = holder.proof(issuer.credential_issuer, error["c_nonce"])
        accepted = client.post(
            "/credential", json=request_from_example(draft, config_id, fresh, config), headers=auth
        )
        assert accepted.status_code == 200, accepted.text
        # the response's c_nonce is good for the next request (drafts before 15)
        again = holder.proof(issuer.credential_issuer, accepted.json()["c_nonce"])
        second = client.post(
            "/credential", json=request_from_example(draft, config_id, again, config), headers=auth
        )
        assert second.status_code == 200, second.text


def test_draft_14_batch_answers_credentials_as_a_plain_array() -> None:
    issuer, _ = make("14")
    holders = [Holder(), Holder()]
    with client_for(issuer) as client:
        token = pre_authorized(client, issuer, "14", "pid_sd_jwt")
        proofs = [h.proof(issuer.credential_issuer, str(token["c_nonce"])) for h in holders]
        body = {
            "format": "vc+sd-jwt",
            "vct": "urn:eudi:pid:1",
            "proofs": {"jwt": proofs},
        }
        response = client.post(
            "/credential", json=body, headers={"Authorization": f"Bearer {token['access_token']}"}
        )
    assert response.status_code == 200, response.text
    answer = response.json()
    theirs = example("14", "credential_response_multiple.json")
    assert shape({k: v for k, v in answer.items() if k != "notification_id"}) == shape(theirs)
    assert len(answer["credentials"]) == 2


# --- deferred ------------------------------------------------------------------------------


def test_draft_11_deferred_uses_the_acceptance_token_as_bearer() -> None:
    issuer, faults = make("11")
    holder = Holder()
    with client_for(issuer) as client:
        token = pre_authorized(client, issuer, "11", "mdl_mdoc")
        config = metadata_config(client, "mdl_mdoc")
        proof = holder.proof(issuer.credential_issuer, str(token["c_nonce"]))
        faults.deferred_pending_polls = 1
        first = client.post(
            "/credential",
            json=request_from_example("11", "mdl_mdoc", proof, config),
            headers={"Authorization": f"Bearer {token['access_token']}"},
        )
        assert first.status_code == 200
        assert set(first.json()) == set(example("11", "credential_response_deferred.json"))
        acceptance = first.json()["acceptance_token"]
        bearer = {"Authorization": f"BEARER {acceptance}"}
        pending = client.post("/deferred", headers=bearer)
        assert pending.status_code == 400 and pending.json()["error"] == "issuance_pending"
        done = client.post("/deferred", headers=bearer)
        refused = client.post(
            "/deferred", headers={"Authorization": f"Bearer {token['access_token']}"}
        )
    assert done.status_code == 200, done.text
    assert done.json()["format"] == "mso_mdoc" and isinstance(done.json()["credential"], str)
    assert refused.status_code == 401  # the access token is not an acceptance token
    assert refused.json()["error"] == "invalid_token"


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_deferred_is_pending_as_400_issuance_pending_then_issued(draft: str) -> None:
    issuer, faults = make(draft)
    holder = Holder()
    with client_for(issuer) as client:
        token = pre_authorized(client, issuer, draft, "mdl_mdoc")
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        nonce = token["c_nonce"] if draft in NONCE_IN_RESPONSES else fresh_nonce(client)
        config = metadata_config(client, "mdl_mdoc")
        proof = holder.proof(issuer.credential_issuer, str(nonce))
        faults.deferred_pending_polls = 1
        first = client.post(
            "/credential",
            json=request_from_example(draft, "mdl_mdoc", proof, config),
            headers=auth,
        )
        assert first.status_code == 202, first.text
        assert set(first.json()) == set(example(draft, "credential_response_deferred.json"))
        body = example(draft, "deferred_request.json")
        body["transaction_id"] = first.json()["transaction_id"]
        pending = client.post("/deferred", json=body, headers=auth)
        done = client.post("/deferred", json=body, headers=auth)
    assert pending.status_code == 400
    assert pending.json()["error"] == "issuance_pending" and pending.json()["interval"] == 1
    assert done.status_code == 200, done.text
    if draft == "15":
        assert (
            shape(done.json())["credentials"]
            == shape(  # type: ignore[index]
                example("15", "deferred_response.json")
            )["credentials"]
        )  # type: ignore[index]
    else:
        assert isinstance(done.json()["credential"], str)


# --- authorization code: format-based authorization details --------------------------------


@pytest.mark.parametrize("draft", ["11", "13"])
def test_format_based_authorization_details_name_a_configuration(draft: str) -> None:
    from wallet_app.demo_issuer.authorize import parse_authorization_details

    issuer, _ = make(draft)
    state = issuer._state
    if draft == "11":
        detail = {"type": "openid_credential", "format": "jwt_vc_json", "types": JWT_VC_TYPES}
        expected = "degree_jwt_vc"
    else:
        path = DRAFTS / "13" / "authorization_details_sd_jwt_vc.json"
        [detail] = json.loads(path.read_text(encoding="utf-8"))
        detail["vct"] = "urn:eudi:pid:1"
        expected = "pid_sd_jwt"
    assert parse_authorization_details(state, json.dumps([detail])) == (expected,)


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_signed_metadata_is_a_member_before_1_0(draft: str) -> None:
    issuer, _ = make(draft, signed_metadata=True)
    with client_for(issuer) as client:
        response = client.get(
            "/.well-known/openid-credential-issuer", headers={"Accept": "application/jwt"}
        )
    assert response.headers["content-type"].startswith("application/json")
    meta = response.json()
    payload = json.loads(b64url_decode(meta["signed_metadata"].split(".")[1]))
    assert payload["sub"] == payload["iss"] == issuer.credential_issuer
    assert "signed_metadata" not in payload and isinstance(payload["iat"], int)
    assert (
        payload["credential_configurations_supported"]
        == meta["credential_configurations_supported"]
    )


def test_draft_11_has_no_signed_metadata() -> None:
    issuer, _ = make("11", signed_metadata=True)
    with client_for(issuer) as client:
        meta = client.get(
            "/.well-known/openid-credential-issuer", headers={"Accept": "application/jwt"}
        ).json()
    assert "signed_metadata" not in meta and "credentials_supported" in meta


def test_index_page_shows_what_the_draft_mode_serves() -> None:
    issuer, _ = make("11")
    with client_for(issuer) as client:
        page = client.get("/").text
    assert "University Degree (JWT VC)" in page and "Driving Licence" in page
    assert "Personal ID" not in page  # no SD-JWT VC in draft 11
