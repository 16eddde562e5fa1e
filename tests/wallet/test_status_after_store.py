"""The status check adds no round trip to issuance (issue 9, T5): a received credential is
verified without its status, stored, and only then is its status list fetched, on the
wallet's executor like the notification, into the flow's stored trace; the stored
verification then carries the status. Real HTTP on 127.0.0.1 against the demo issuer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from wallet_app.demo_issuer import DemoConfig, RunningIssuer, serve
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.wallet.issuance import IssuanceResult, Wallet
from wallet_app.wallet.store import CredentialStore

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

STATUS_PATH = "/status/1"


class Observed(httpx.BaseTransport):
    """The real HTTP transport, noting each request's path, start and end, and for a status
    list request what the store held when it went out."""

    def __init__(self, store: Callable[[], CredentialStore]) -> None:
        self.inner = httpx.HTTPTransport()
        self.store = store
        self.spans: list[tuple[str, float, float]] = []
        #: (credential ids, their stored status) when each status request was sent
        self.at_status: list[dict[str, str | None]] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == STATUS_PATH:
            store = self.store()
            held = {
                c.id: (v.status if (v := store.get_verification(c.id)) is not None else "none")
                for c in store.list_credentials()
            }
            with self._lock:
                self.at_status.append(held)
        start = time.monotonic()
        response = self.inner.handle_request(request)
        response.read()
        with self._lock:
            self.spans.append((request.url.path, start, time.monotonic()))
        return response

    def close(self) -> None:
        self.inner.close()


@dataclass
class Env:
    running: RunningIssuer
    store: CredentialStore
    transport: Observed
    wallet: Wallet

    def receive(self, configuration: str) -> tuple[IssuanceResult, float, float]:
        """Resolve and receive one offer; the result, when it started and when it returned
        (monotonic)."""
        offer = self.running.issuer.create_offer([configuration])
        flow = self.wallet.new_flow("pre-authorized_code")
        started = time.monotonic()
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        result = self.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        return result, started, time.monotonic()


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with serve(DemoConfig(batch_size=None)) as running:
        store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
        root = x509.load_pem_x509_certificate(running.issuer.root_certificate_pem())
        store.add_anchors([TrustAnchor.from_certificate(root)], source="demo")
        transport = Observed(lambda: store)
        http = httpx.Client(transport=transport, timeout=30)
        wallet = Wallet(store, http)
        try:
            yield Env(running, store, transport, wallet)
        finally:
            wallet.close()
            http.close()
            store.close()


def _paths(env: Env) -> list[str]:
    return [r.path for r in env.running.issuer.received_requests()]


@pytest.mark.parametrize("configuration", ["pid_sd_jwt", "mdl_mdoc"])
def test_the_status_list_is_fetched_after_the_credential_is_stored(
    env: Env, configuration: str
) -> None:
    env.running.issuer.faults.status_latency = 1.5  # the status list answers late
    result, started, returned = env.receive(configuration)
    assert returned - started < 1.5, "the issuance waited for the status list"
    [stored] = result.credentials
    # stored at once, verified, its status not known yet
    first = env.store.get_verification(stored.id)
    assert first is not None and first.verdict == "trusted" and first.status is None
    assert "status" not in {c.name for c in first.checks}

    [check] = result.status_checks.values()
    final = check.result(timeout=10)
    assert final is not None and final.status == "valid" and final.verdict == "trusted"
    assert env.store.get_verification(stored.id) == final
    assert {c.name: c.ok for c in final.checks}["status"] is True
    # the issuer saw the status request after the credential request, and when the wallet
    # sent it the credential was already in the store, without a status
    paths = _paths(env)
    assert paths.index(STATUS_PATH) > paths.index("/credential")
    assert env.transport.at_status == [{stored.id: None}]
    # the fetch is in the flow's stored trace, after the credential
    env.wallet.wait_for_notifications(5)
    steps = [e["step"] for e in env.store.get_trace(result.flow_id)]
    assert steps.count("status list") == 1
    assert steps.index("status list") > steps.index("credential")


def test_a_credential_revoked_at_issuance_is_stored_then_shows_revoked(env: Env) -> None:
    env.running.issuer.faults.revoked = True
    result, _, _ = env.receive("pid_sd_jwt")
    [stored] = result.credentials
    [check] = result.status_checks.values()
    final = check.result(timeout=10)
    assert final is not None and (final.verdict, final.status) == ("revoked", "invalid")
    assert env.store.get_verification(stored.id) == final
    assert {c.name: c.ok for c in final.checks}["status"] is False
    assert env.transport.at_status == [{stored.id: None}]  # it was stored before


def test_a_pre_authorized_issuance_still_takes_three_round_trips(env: Env) -> None:
    # a cold wallet (no status list cached): only metadata ‖ AS metadata, token ‖ nonce and
    # the credential are waited for; the status list (held 2 s) is not
    latency = 0.15
    env.running.issuer.faults.latency = latency
    env.running.issuer.faults.status_latency = 2.0
    result, started, returned = env.receive("pid_sd_jwt")
    assert result.credentials
    waited = sorted((s, e) for p, s, e in env.transport.spans if started <= s and e <= returned)
    assert STATUS_PATH not in {p for p, s, e in env.transport.spans if e <= returned}
    assert len(waited) == 5  # issuer metadata, AS metadata, token, nonce, credential
    # the longest chain of requests one after another: the round trips waited for
    longest: list[int] = []
    for i, (s, _) in enumerate(waited):
        before = [longest[j] for j, (_, e) in enumerate(waited[:i]) if e <= s]
        longest.append(1 + max(before, default=0))
    assert max(longest) == 3
    assert returned - started < 4 * latency + 0.5  # 3 L plus the wallet's own work
    env.wallet.wait_for_notifications(10)
    final = env.store.get_verification(result.credentials[0].id)
    assert final is not None and final.status == "valid"


def test_a_deferred_credential_is_stored_before_its_status_is_checked(env: Env) -> None:
    issuer = env.running.issuer
    issuer.faults.deferred_pending_polls = 1
    result, _, _ = env.receive("pid_sd_jwt")
    [pending] = result.deferred
    assert not result.status_checks
    [(_, first, _)] = env.wallet.poll_deferred(max_wait=5)  # waits for the interval (1 s)
    assert first == "pending"
    [(credential_id, outcome, _)] = env.wallet.poll_deferred(max_wait=5)
    assert (credential_id, outcome) == (pending.id, "issued")
    # the poll returns with the final verification: stored first, then the status checked
    final = env.store.get_verification(pending.id)
    assert final is not None and (final.verdict, final.status) == ("trusted", "valid")
    assert env.transport.at_status[-1].get(pending.id, "missing") is None
    paths = _paths(env)
    assert paths.index(STATUS_PATH) > max(i for i, p in enumerate(paths) if p == "/deferred")
    env.wallet.wait_for_notifications(5)
    steps = [e["step"] for e in env.store.get_trace(result.flow_id)]
    assert steps.count("status list") == 1
    assert steps.index("status list") > steps.index("deferred credential")


def test_a_credential_deleted_before_its_status_arrives_is_left_deleted(env: Env) -> None:
    env.running.issuer.faults.status_latency = 3.0
    result, _, _ = env.receive("pid_sd_jwt")
    [stored] = result.credentials
    deadline = time.monotonic() + 10
    while not env.transport.at_status and time.monotonic() < deadline:
        time.sleep(0.01)  # until the status request is out (and held by the issuer)
    assert env.transport.at_status, "the status request never went out"
    env.store.delete_credential(stored.id)  # while the status list is held
    [check] = result.status_checks.values()
    assert check.result(timeout=10) is None  # nothing stored for it, nothing raised
    assert env.store.list_credentials() == []
    assert env.store.verifications() == {}
    assert _paths(env).count(STATUS_PATH) == 1
