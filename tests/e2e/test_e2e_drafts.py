"""Every draft mode of the demo issuer, end to end: the real CLI in a subprocess receives
SD-JWT VC (where the draft has it), mdoc and jwt_vc_json over loopback with the pre-authorized
code and with the authorization code (loopback redirect), and the requests the demo recorded
have the members and shapes of the draft's own examples (tests/fixtures/drafts, taken from
openid/OpenID4VCI)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RecordedRequest, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

DRAFTS = Path(__file__).resolve().parents[1] / "fixtures" / "drafts"
# what each mode issues (1.0 with its jwt_vc_json degree switched on); draft 11 has no SD-JWT VC
CONFIGURATIONS = {
    "1.0": ("pid_sd_jwt", "mdl_mdoc", "degree_jwt_vc"),
    "15": ("pid_sd_jwt", "mdl_mdoc", "degree_jwt_vc"),
    "14": ("pid_sd_jwt", "mdl_mdoc", "degree_jwt_vc"),
    "13": ("pid_sd_jwt", "mdl_mdoc", "degree_jwt_vc"),
    "11": ("mdl_mdoc", "degree_jwt_vc"),
}
SD_JWT_FORMAT = {"1.0": "dc+sd-jwt", "15": "dc+sd-jwt", "14": "vc+sd-jwt", "13": "vc+sd-jwt"}
# the draft's example credential request for each configuration (the selector members)
EXAMPLE_REQUESTS = {
    "11": {
        "degree_jwt_vc": "credential_request_jwt_vc_json.json",
        "mdl_mdoc": "credential_request_iso_mdl.json",
    },
    **{
        draft: {
            "pid_sd_jwt": "credential_request_sd_jwt_vc.json",
            "mdl_mdoc": "credential_request_mdoc_inline.json",
            "degree_jwt_vc": "credential_request_jwt_vc_json_with_claims.json",
        }
        for draft in ("13", "14")
    },
    "15": dict.fromkeys(CONFIGURATIONS["15"], "credential_request_config_id.json"),
    "1.0": dict.fromkeys(CONFIGURATIONS["1.0"], "credential_request_config_id.json"),
}
# where the batch form (proofs) of the draft is shown
PROOFS_EXAMPLE = {
    "14": "credential_request_identifier.json",
    "15": "credential_request_identifier.json",
}


def example(draft: str, name: str) -> dict[str, object]:
    folder = DRAFTS / ("15" if draft == "1.0" else draft)  # 1.0 kept d15's request members
    value = json.loads((folder / name).read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def shape(value: object) -> object:
    """The members and value kinds of a JSON value (arrays by their first element)."""
    if isinstance(value, Mapping):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def configuration_of(draft: str, body: Mapping[str, object]) -> str:
    """Which of the mode's configurations a recorded credential request asks for."""
    if "credential_configuration_id" in body:
        return str(body["credential_configuration_id"])
    fmt = body["format"]
    if fmt == "mso_mdoc":
        return "mdl_mdoc"
    if fmt == "jwt_vc_json":
        return "degree_jwt_vc"
    assert fmt == SD_JWT_FORMAT[draft], body
    return "pid_sd_jwt"


def assert_like_the_drafts_example(draft: str, body: Mapping[str, object]) -> str:
    """The recorded request has the example's members; its key proof is the draft's single
    ``proof {proof_type, jwt}`` or, where the draft has it, ``proofs {jwt: [...]}``."""
    config_id = configuration_of(draft, body)
    theirs = example(draft, EXAMPLE_REQUESTS[draft][config_id])
    proof_members = {"proof", "proofs"}
    assert set(body) - proof_members == set(theirs) - proof_members, (config_id, body)
    if draft == "11" and config_id == "degree_jwt_vc":
        assert (
            body["types"]
            == theirs["types"]
            == ["VerifiableCredential", "UniversityDegreeCredential"]
        )
    if "credential_definition" in theirs:
        definition = body["credential_definition"]
        assert isinstance(definition, Mapping) and isinstance(definition["type"], list)
    if "proof" in body:
        assert "proofs" not in body
        assert shape(body["proof"]) == {"proof_type": "str", "jwt": "str"}
        assert body["proof"]["proof_type"] == "jwt"  # type: ignore[index]
    else:
        assert draft in PROOFS_EXAMPLE or draft == "1.0", f"draft {draft} has no proofs"
        theirs_proofs = example(
            "15", PROOFS_EXAMPLE.get(draft, "credential_request_identifier.json")
        )
        assert shape(body["proofs"]) == shape(theirs_proofs["proofs"])
    return config_id


def credential_requests(issuer: RunningIssuer) -> list[RecordedRequest]:
    return [r for r in issuer.issuer.received_requests() if r.path.endswith("/credential")]


def received_formats(doc: Mapping[str, object]) -> dict[str, str]:
    creds = doc["credentials"]
    assert isinstance(creds, list)
    return {str(c["credential_configuration_id"]): str(c["format"]) for c in creds}


def expected_formats(draft: str, configs: tuple[str, ...]) -> dict[str, str]:
    formats = {"mdl_mdoc": "mso_mdoc", "degree_jwt_vc": "jwt_vc_json"}
    if draft in SD_JWT_FORMAT:
        formats["pid_sd_jwt"] = SD_JWT_FORMAT[draft]
    return {c: formats[c] for c in configs}


@pytest.mark.parametrize("draft", list(CONFIGURATIONS))
def test_pre_authorized_code_in_every_draft(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], draft: str
) -> None:
    issuer = demo(DemoConfig(draft=draft, jwt_vc_json=True))
    configs = CONFIGURATIONS[draft]
    offer = issuer.issuer.create_offer(list(configs), tx_code=True)
    assert offer.tx_code
    result = wallet_env.run("receive", offer.uri, "--tx-code", offer.tx_code, "--json")
    assert result.returncode == 0, result.stderr
    doc = result.json()
    assert isinstance(doc, dict)
    assert received_formats(doc) == expected_formats(draft, configs)
    assert doc["deferred"] == []

    [token] = [r for r in issuer.issuer.received_requests() if r.path.endswith("/token")]
    assert token.body is not None
    pin = "user_pin" if draft == "11" else "tx_code"
    assert token.body[pin] == offer.tx_code
    assert ("tx_code" if draft == "11" else "user_pin") not in token.body
    asked = {
        assert_like_the_drafts_example(draft, r.body or {}) for r in credential_requests(issuer)
    }
    assert asked == set(configs)
    # drafts before 15 have no Nonce Endpoint: the c_nonce came with the token and responses
    nonce_calls = [r for r in issuer.issuer.received_requests() if r.path.endswith("/nonce")]
    assert (nonce_calls == []) == (draft in ("14", "13", "11"))


@pytest.mark.parametrize("draft", list(CONFIGURATIONS))
def test_authorization_code_in_every_draft(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], draft: str
) -> None:
    issuer = demo(DemoConfig(draft=draft, jwt_vc_json=True))
    configs = CONFIGURATIONS[draft]
    offer = issuer.issuer.create_offer(list(configs), grant="authorization_code")
    result = wallet_env.run("receive", offer.uri, "--json", "--redirect", "loopback")
    log = wallet_env.browser_log.read_text() if wallet_env.browser_log.exists() else ""
    assert result.returncode == 0, f"{result.stderr}\nbrowser log:\n{log}"
    doc = result.json()
    assert isinstance(doc, dict)
    assert received_formats(doc) == expected_formats(draft, configs)

    requests = issuer.issuer.received_requests()
    [token] = [r for r in requests if r.path.endswith("/token")]
    assert token.body is not None and token.body["grant_type"] == "authorization_code"
    assert str(token.body["redirect_uri"]).startswith("http://127.0.0.1:")
    authorize = next(r for r in requests if r.path.endswith(("/authorize", "/par")))
    params = dict(authorize.query) | dict(authorize.body or {})
    if draft == "11":  # no scopes in draft 11 metadata: format + types authorization details
        details = json.loads(str(params["authorization_details"]))
        assert {d["format"] for d in details} == {"mso_mdoc", "jwt_vc_json"}
        assert all("credential_configuration_id" not in d for d in details)
    asked = {
        assert_like_the_drafts_example(draft, r.body or {}) for r in credential_requests(issuer)
    }
    assert asked == set(configs)


def test_draft_14_without_batch_sends_one_proof(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(draft="14", batch_size=None))
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    result = wallet_env.run("receive", offer.uri, "--json")
    assert result.returncode == 0, result.stderr
    [request] = credential_requests(issuer)
    assert request.body is not None and "proof" in request.body and "proofs" not in request.body
    assert_like_the_drafts_example("14", request.body)


@pytest.mark.parametrize("draft", ["11", "13", "14", "15"])
def test_deferred_in_every_draft(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], draft: str
) -> None:
    """d11: the acceptance_token is the Bearer token of the deferred request; d13–d15: the
    transaction_id, still pending answered 400 issuance_pending."""
    issuer = demo(DemoConfig(draft=draft, deferred_interval=1))
    issuer.issuer.faults.deferred_pending_polls = 1
    offer = issuer.issuer.create_offer(["mdl_mdoc"])
    first = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(first, dict)
    assert first["credentials"] == []
    (pending,) = first["deferred"]
    polled = wallet_env.run_ok("deferred", "--poll", "--json").json()
    assert isinstance(polled, dict)
    assert [d["id"] for d in polled["deferred"]] == [pending["id"]]
    done = wallet_env.run_ok("deferred", "--poll", "--json").json()
    assert isinstance(done, dict)
    assert done["deferred"] == [] and done["completed"][0]["status"] == "issued"
    calls = [r for r in issuer.issuer.received_requests() if r.path.endswith("/deferred")]
    assert len(calls) == 2
    for call in calls:
        if draft == "11":
            assert not call.body  # no parameters: the acceptance_token goes as the Bearer
            assert call.headers["authorization"].split()[0].lower() == "bearer"
        else:
            assert call.body is not None
            assert set(call.body) == set(example(draft, "deferred_request.json"))
