"""Pre-authorized code flow end to end: the real CLI against the demo issuer on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def _claims_by_path(doc: dict[str, object]) -> dict[tuple[object, ...], dict[str, object]]:
    rows = doc["claims"]
    assert isinstance(rows, list)
    return {tuple(r["path"]): r for r in rows}


def test_by_value_with_tx_code_then_list_and_show_in_new_processes(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], tx_code=True)
    assert offer.tx_code
    res = wallet_env.run_ok("receive", offer.uri, "--tx-code", offer.tx_code, "--json")
    received = res.json()
    assert isinstance(received, dict)
    creds = received["credentials"]
    assert {c["credential_configuration_id"] for c in creds} == {"pid_sd_jwt", "mdl_mdoc"}
    assert {c["format"] for c in creds} == {"dc+sd-jwt", "mso_mdoc"}
    assert all(c["issuer"] == issuer.base_url for c in creds)
    assert received["deferred"] == []

    listed = wallet_env.run_ok("list", "--json").json()
    assert isinstance(listed, list)
    assert {c["id"] for c in listed} == {c["id"] for c in creds}
    for item in listed:
        assert item["status"] == "issued"
        assert set(item) == {
            "id",
            "credential_configuration_id",
            "format",
            "issuer",
            "name",
            "received_at",
            "status",
            "verdict",
        }
        assert item["name"] in ("Personal ID", "Driving Licence")

    pid = next(c for c in creds if c["credential_configuration_id"] == "pid_sd_jwt")
    shown = wallet_env.run_ok("show", pid["id"], "--json", "--lang", "de").json()
    assert isinstance(shown, dict)
    rows = _claims_by_path(shown)
    assert rows[("given_name",)]["label"] == "Vorname"
    assert rows[("given_name",)]["value"] == "Erika"
    assert shown["holder_key"] == shown["credential_holder_key"]
    assert shown["holder_key"]["kty"] == "EC" and "d" not in shown["holder_key"]
    assert "raw" not in shown
    assert shown["validity"]["expires_at"]

    mdl = next(c for c in creds if c["credential_configuration_id"] == "mdl_mdoc")
    shown_mdl = wallet_env.run_ok("show", mdl["id"], "--json").json()
    assert isinstance(shown_mdl, dict)
    rows = _claims_by_path(shown_mdl)
    assert rows[("org.iso.18013.5.1", "family_name")]["label"] == "Family name"
    assert shown_mdl["holder_key"] == shown_mdl["credential_holder_key"]
    # the issuer heard that both credentials were stored
    events = [n["event"] for n in issuer.issuer.received_notifications()]
    assert events.count("credential_accepted") == 2


def test_by_reference_without_tx_code(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    assert "credential_offer_uri" in offer.uri
    res = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(res, dict)
    assert len(res["credentials"]) == 1
    sent = [r for r in issuer.issuer.received_requests() if r.path.endswith("/token")]
    assert len(sent) == 1 and sent[0].body is not None
    assert "tx_code" not in sent[0].body
    # anonymous access is advertised, so no client_id was sent
    assert "client_id" not in sent[0].body


def test_text_output_and_tx_code_required(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    missing = wallet_env.run("receive", offer.uri, "--json")
    assert missing.returncode == 1
    err = missing.json()
    assert isinstance(err, dict) and err["error"]["code"] == "tx_code_required"
    assert "Traceback" not in missing.stderr
    wrong = wallet_env.run(
        "receive", offer.uri, "--tx-code", "000000" if offer.tx_code != "000000" else "111111"
    )
    assert wrong.returncode == 1
    assert "transaction code" in wrong.stderr.lower() or "code" in wrong.stderr.lower()
    ok = wallet_env.run_ok("receive", offer.uri, "--tx-code", str(offer.tx_code))
    assert "Received Personal ID" in ok.stdout
    listed = wallet_env.run_ok("list", "--json").json()
    assert isinstance(listed, list) and len(listed) == 1


def test_batch_gives_one_key_per_instance(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(batch_size=3))
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    cred = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(cred, dict)
    cid = cred["credentials"][0]["id"]
    shown = wallet_env.run_ok("show", cid, "--json", "--raw").json()
    assert isinstance(shown, dict)
    assert shown["instances"] == 3
    raw = shown["raw"]
    assert isinstance(raw, list) and len(set(raw)) == 3
    requests = [r for r in issuer.issuer.received_requests() if r.path.endswith("/credential")]
    assert len(requests) == 1
    body = requests[0].body
    assert body is not None
    proofs = body["proofs"]
    assert isinstance(proofs, dict) and len(proofs["jwt"]) == 3


def test_invalid_nonce_once_is_retried(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    issuer.issuer.faults.invalid_nonce_once = True
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    wallet_env.run_ok("receive", offer.uri, "--json")
    paths = [r.path for r in issuer.issuer.received_requests()]
    assert sum(p.endswith("/credential") for p in paths) == 2
    assert sum(p.endswith("/nonce") for p in paths) == 2


def test_dpop_with_nonce_challenges(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(dpop=True, dpop_nonce=True))
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    wallet_env.run_ok("receive", offer.uri, "--json")
    reqs = issuer.issuer.received_requests()
    token_reqs = [r for r in reqs if r.path.endswith("/token")]
    cred_reqs = [r for r in reqs if r.path.endswith("/credential")]
    assert all("dpop" in r.headers for r in token_reqs + cred_reqs)
    assert all(r.headers["authorization"].startswith("DPoP ") for r in cred_reqs)
    assert len(token_reqs) >= 1 and len(cred_reqs) >= 1
    # every DPoP proof after the first challenge carries the server's nonce
    events = [n["event"] for n in issuer.issuer.received_notifications()]
    assert events == ["credential_accepted"]


def test_deferred_with_two_pending_polls_and_restarts(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(deferred_interval=1))
    issuer.issuer.faults.deferred_pending_polls = 2
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    first = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(first, dict)
    assert first["credentials"] == []
    (pending,) = first["deferred"]
    assert set(pending) == {"id", "credential_configuration_id"}  # no issuer handle
    listed = wallet_env.run_ok("list", "--json").json()
    assert isinstance(listed, list) and listed[0]["status"] == "deferred"
    # each poll is a new process (a restart); each waits for the issuer's interval
    for _ in range(2):
        polled = wallet_env.run_ok("deferred", "--poll", "--json").json()
        assert isinstance(polled, dict)
        assert [d["id"] for d in polled["deferred"]] == [pending["id"]]
    done = wallet_env.run_ok("deferred", "--poll", "--json").json()
    assert isinstance(done, dict)
    assert done["deferred"] == []
    assert done["completed"][0]["status"] == "issued"
    listed = wallet_env.run_ok("list", "--json").json()
    assert isinstance(listed, list)
    assert listed[0]["id"] == pending["id"] and listed[0]["status"] == "issued"
    shown = wallet_env.run_ok("show", pending["id"], "--json").json()
    assert isinstance(shown, dict)
    assert shown["holder_key"] == shown["credential_holder_key"]
    deferred_calls = [r for r in issuer.issuer.received_requests() if r.path.endswith("/deferred")]
    assert len(deferred_calls) == 3
    assert [n["event"] for n in issuer.issuer.received_notifications()] == ["credential_accepted"]


def test_encrypted_requests_and_responses(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(encryption=True, deferred_interval=1))
    offer = issuer.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"])
    doc = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(doc, dict) and len(doc["credentials"]) == 2
    cred_reqs = [r for r in issuer.issuer.received_requests() if r.path.endswith("/credential")]
    assert cred_reqs and all(
        r.headers["content-type"].startswith("application/jwt") for r in cred_reqs
    )
    # deferred polling is encrypted too
    issuer.issuer.faults.deferred_pending_polls = 1
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    pending = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(pending, dict) and len(pending["deferred"]) == 1
    wallet_env.run_ok("deferred", "--poll")
    done = wallet_env.run_ok("deferred", "--poll", "--json").json()
    assert isinstance(done, dict) and done["deferred"] == []
    shown = wallet_env.run_ok("show", pending["deferred"][0]["id"], "--json").json()
    assert isinstance(shown, dict) and shown["holder_key"] == shown["credential_holder_key"]
