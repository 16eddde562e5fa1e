"""The wallet's activity in plain language (wallet_app.wallet.history, issue 8): built from the
real store's history after real issuance from the in-process demo issuer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import IssuerError, Sentence
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.history import activity_entries, load_activity
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore, FlowRecord, StoredCredential

BASE = "https://issuer.test"
T0 = 1_796_601_600.0  # 2026-12-07T00:00:00Z


@dataclass
class Env:
    issuer: DemoIssuer
    store: CredentialStore
    wallet: Wallet
    now: list[float]

    def receive(self, *ids: str) -> list[StoredCredential]:
        self.now[0] += 60  # a minute between flows, as a person receives them
        offer = self.issuer.create_offer(list(ids))
        flow = self.wallet.new_flow("pre-authorized_code")
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        result = self.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        self.wallet.wait_for_notifications(5)
        return [*result.credentials, *result.deferred]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    issuer = DemoIssuer(BASE, config=DemoConfig(batch_size=3))
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    now = [T0]
    store = CredentialStore.open(
        tmp_path / "data", secrets=MemorySecretStore(), clock=lambda: now[0]
    )
    wallet = Wallet(store, http)
    try:
        yield Env(issuer, store, wallet, now)
    finally:
        wallet.close()
        store.close()
        http.close()


def test_identical_credentials_each_get_their_own_activity(env: Env) -> None:
    [first] = env.receive("pid_sd_jwt")
    [second] = env.receive("pid_sd_jwt")
    [mdl] = env.receive("mdl_mdoc")
    env.now[0] += 60
    env.issuer.faults.fail_next("token", 400, "invalid_grant", "used up")
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow = env.wallet.new_flow("pre-authorized_code")
    resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
    with pytest.raises(IssuerError) as failure:
        env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    env.wallet.record_failure(flow, BASE, failure.value)
    env.now[0] += 60
    env.store.delete_credential(mdl.id)

    # the store runs on a test clock, the notifications' trace on the real one: leave them out
    wallet_wide = [e for e in load_activity(env.store) if e.kind != "notified"]
    kinds = [e.kind for e in wallet_wide]
    # newest first; a received flow also lists the notification the wallet sent, if traced
    assert kinds[0] == "deleted" and kinds[1] == "failed"
    assert [k for k in kinds if k == "received"] == ["received"] * 3
    ats = [e.at for e in wallet_wide]
    assert ats == sorted(ats, reverse=True)
    deleted, failed = wallet_wide[0], wallet_wide[1]
    assert deleted.flow_id is None and str(deleted.sentence) == "Deleted “Driving Licence”."
    assert failed.flow_id == flow.flow_id
    assert failed.sentence.template == "Could not receive a credential from {issuer}: {reason}"
    assert failed.params["issuer"] == "Demo Issuer"  # the issuer's display name, not its host
    assert str(failed.sentence).startswith("Could not receive a credential from Demo Issuer: ")

    mine = load_activity(env.store, credential_id=first.id)
    theirs = load_activity(env.store, credential_id=second.id)
    assert [e.kind for e in mine if e.kind != "notified"] == ["received"]
    assert [e.kind for e in theirs if e.kind != "notified"] == ["received"]
    assert mine[-1].flow_id != theirs[-1].flow_id
    assert str(mine[-1].sentence) == "Received Personal ID (3 copies)"
    assert mine[-1].at == first.received_at and theirs[-1].at == second.received_at


def test_notifications_and_completed_later_from_recorded_flows(tmp_path: Path) -> None:
    now = [T0]
    with CredentialStore.open(
        tmp_path / "data", secrets=MemorySecretStore(), clock=lambda: now[0]
    ) as store:
        from wallet_app.wallet.store import NewCredential, NewDeferred, NewInstance

        [pending] = store.add_deferred(
            [
                NewDeferred(
                    credential_configuration_id="pid",
                    format="dc+sd-jwt",
                    issuer=BASE,
                    name="Personal ID",
                    card={},
                    transaction_id="tx",
                    context={},
                    next_poll_at=T0 + 5,
                )
            ],
            flow=FlowRecord(
                "f1",
                "pre-authorized_code",
                BASE,
                "deferred",
                Sentence("{name} will be issued later", {"name": "Personal ID"}),
                (),
            ),
        )
        assert [e.kind for e in load_activity(store, credential_id=pending.id)] == ["pending"]
        now[0] += 600
        notification = {
            "step": "notification",
            "status": 204,
            "request_body": '{"notification_id": "n1", "event": "credential_accepted"}',
            "started_at": now[0] + 1,
        }
        store.complete_deferred(
            pending.id,
            NewCredential("pid", "dc+sd-jwt", BASE, "Personal ID", {}, (NewInstance("x", None),)),
            flow=FlowRecord(
                "f2",
                "deferred",
                BASE,
                "issued",
                Sentence("Received {name}", {"name": "Personal ID"}),
                (notification,),
            ),
        )
        entries = load_activity(store, credential_id=pending.id)
        assert [e.kind for e in entries] == ["notified", "completed", "pending"]
        assert str(entries[0].sentence) == "Told issuer.test that Personal ID was stored"
        assert str(entries[1].sentence) == "Completed later: Received Personal ID"
        assert entries[1].flow_id == "f2" and entries[2].flow_id == "f1"
        # a trace that cannot be read costs its notifications only
        history = store.list_history()
        credentials = store.list_credentials()

    def unreadable(flow_id: str) -> list[dict[str, object]]:
        from wallet_app.errors import NotFound

        raise NotFound(detail=flow_id)

    kinds = [e.kind for e in activity_entries(history, credentials, traces=unreadable)]
    assert kinds == ["completed", "pending"]


def test_deferred_completion_reads_received_capitalised_and_is_completed_later(
    tmp_path: Path,
) -> None:
    """P13: the poll's sentence was "received Personal ID" (lower case) in the status bar."""
    issuer = DemoIssuer(BASE, config=DemoConfig(batch_size=None, deferred_interval=5))
    issuer.faults.deferred_pending_polls = 1
    now = [time.time()]  # the issuer checks the proof's iat against its own clock
    with (
        httpx.Client(transport=httpx.WSGITransport(app=issuer)) as http,
        CredentialStore.open(
            tmp_path / "data", secrets=MemorySecretStore(), clock=lambda: now[0]
        ) as store,
    ):
        wallet = Wallet(store, http, clock=lambda: now[0])
        try:
            env = Env(issuer, store, wallet, now)
            [pending] = env.receive("pid_sd_jwt")
            assert pending.status == "deferred"
            now[0] += 10
            [(_, outcome, _)] = wallet.poll_deferred()
            assert outcome == "pending"
            now[0] += 10
            [(cid, outcome, message)] = wallet.poll_deferred()
            wallet.wait_for_notifications(5)
        finally:
            wallet.close()
        assert (cid, outcome) == (pending.id, "issued")
        assert message == "Received Personal ID"
        assert isinstance(message, Sentence) and message.template == "Received {name}"
        kinds = [e.kind for e in load_activity(store, credential_id=pending.id)]
        # one flow: pending first, completed after its polls, and the notification it sent
        assert [k for k in kinds if k != "notified"] == ["completed", "pending"]
        assert "notified" in kinds
