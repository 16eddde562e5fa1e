"""Deferred polls and late notifications land in the trace of the flow they belong to
(issue 8, P7 and P15): the inspector shows one flow, deferred → issued, with its polls and its
notification requests, not a second unlinked flow."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore, FlowRecord

BASE = "https://issuer.test"


@dataclass
class Env:
    issuer: DemoIssuer
    store: CredentialStore
    wallet: Wallet
    offset: list[float]

    def receive(self, *ids: str) -> str:
        offer = self.issuer.create_offer(list(ids))
        flow = self.wallet.new_flow("pre-authorized_code")
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        return self.wallet.receive_pre_authorized(resolved, flow=flow).flow_id


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    issuer = DemoIssuer(BASE, config=DemoConfig(batch_size=None, deferred_interval=5))
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    offset = [0.0]
    wallet = Wallet(store, http, clock=lambda: time.time() + offset[0])
    try:
        yield Env(issuer, store, wallet, offset)
    finally:
        wallet.close()
        store.close()
        http.close()


def _steps(store: CredentialStore, flow_id: str) -> list[str]:
    return [str(e["step"]) for e in store.get_trace(flow_id)]


def test_the_notification_is_in_the_stored_trace(env: Env) -> None:
    flow_id = env.receive("pid_sd_jwt")
    env.wallet.wait_for_notifications(5)
    assert env.issuer.received_notifications()[0]["event"] == "credential_accepted"
    steps = _steps(env.store, flow_id)
    # after the credential (stored): the notification and the status list (either first)
    assert steps.count("notification") == 1 and steps.count("status list") == 1
    assert set(steps[-2:]) == {"notification", "status list"}
    [notification] = [e for e in env.store.get_trace(flow_id) if e["step"] == "notification"]
    assert notification["status"] == 204
    assert "[redacted" in str(notification["request_headers"])  # the access token


def test_polls_and_completion_stay_in_the_deferred_flow(env: Env) -> None:
    env.issuer.faults.deferred_pending_polls = 1
    flow_id = env.receive("pid_sd_jwt")
    [entry] = env.store.list_history()
    assert (entry.flow_id, entry.outcome) == (flow_id, "deferred")
    before = len(env.store.get_trace(flow_id))
    original = env.store.list_history()[0].at

    env.offset[0] = 6
    [(_, outcome, _)] = env.wallet.poll_deferred()
    assert outcome == "pending"
    [entry] = env.store.list_history()  # no second flow
    assert (entry.flow_id, entry.outcome) == (flow_id, "deferred")
    assert _steps(env.store, flow_id)[before:] == ["deferred credential"]

    env.offset[0] = 12
    [(credential_id, outcome, _)] = env.wallet.poll_deferred()
    assert outcome == "issued"
    env.wallet.wait_for_notifications(5)
    [entry] = env.store.list_history()
    assert (entry.flow_id, entry.outcome, entry.kind) == (flow_id, "issued", "pre-authorized_code")
    assert entry.at == original
    assert "Personal ID" in entry.summary
    steps = _steps(env.store, flow_id)
    assert "credential" in steps[:before] and "token" in steps[:before]
    # after the credential is stored: its status list (fetched to verify its status) and the
    # notification, side by side, in the same flow
    assert steps[before : before + 2] == ["deferred credential", "deferred credential"]
    assert sorted(steps[before + 2 :]) == ["notification", "status list"]
    assert env.store.get_credential(credential_id).stored.status == "issued"


def test_a_failed_poll_is_kept_in_the_flow_and_reported_on_its_own(env: Env) -> None:
    env.issuer.faults.deferred_pending_polls = 3
    flow_id = env.receive("pid_sd_jwt")
    env.offset[0] = 6
    env.issuer.faults.fail_next("deferred", 500, "server_error")
    [(_, outcome, _)] = env.wallet.poll_deferred()
    assert outcome == "failed"
    history = {e.flow_id: e for e in env.store.list_history()}
    assert history[flow_id].outcome == "deferred"  # still pending
    failed_poll = env.store.get_trace(flow_id)[-1]
    assert failed_poll["step"] == "deferred credential" and failed_poll["status"] == 500
    # the failure's reason is in the history as before
    assert [e.outcome for e in history.values()].count("failed") == 1


def test_recording_a_flow_again_adds_to_it(env: Env) -> None:
    """The store merges: a second record of a flow keeps its time, kind and earlier exchanges."""
    first = {"step": "token", "method": "POST", "url": f"{BASE}/token", "started_at": 1.0}
    later = {"step": "notification", "method": "POST", "url": f"{BASE}/n", "started_at": 2.0}
    env.store.record_flow(FlowRecord("f1", "authorization_code", BASE, "failed", "x", [first]))
    at = env.store.list_history()[0].at
    env.store.record_flow(FlowRecord("f1", "deferred", BASE, "cancelled", "y", [first, later]))
    [entry] = env.store.list_history()
    assert (entry.kind, entry.outcome, entry.summary, entry.at) == (
        "authorization_code",
        "cancelled",
        "y",
        at,
    )
    assert env.store.get_trace("f1") == [first, later]
    assert env.store.append_trace("f1", [later, first]) is True
    assert env.store.get_trace("f1") == [first, later]  # nothing twice
    assert env.store.append_trace("unknown", [first]) is False
