"""Issue 10 W5-W7 over 127.0.0.1: a nonce per credential request (the demo issuer's
single-use-nonce mode), batch partial (one broken copy of three), and ``receive`` printing
its result before the notification has been answered."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import IssuanceResult, Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

Demo = Callable[..., RunningIssuer]
THREE = ["pid_sd_jwt", "diploma_sd_jwt", "mdl_mdoc"]


def _claims(jwt: str) -> dict[str, object]:
    part = jwt.split(".")[1]
    value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert isinstance(value, dict)
    return value


def _proof_nonces(running: RunningIssuer) -> list[object]:
    """The nonce of each credential request's proofs (one per request, asserted)."""
    nonces = []
    for request in running.issuer.received_requests():
        if request.path != "/credential":
            continue
        assert request.body is not None
        proofs = request.body.get("proofs") or {"jwt": [request.body["proof"]["jwt"]]}  # type: ignore[index]
        seen = {_claims(p).get("nonce") for p in proofs["jwt"]}  # type: ignore[index]
        assert len(seen) == 1, "the proofs of one request share its nonce"
        nonces.extend(seen)
    return nonces


@contextmanager
def _wallet() -> Iterator[Wallet]:
    with tempfile.TemporaryDirectory() as tmp:
        store = CredentialStore.open(Path(tmp), secrets=MemorySecretStore())
        http = httpx.Client(timeout=30, trust_env=False)
        wallet = Wallet(store, http, WalletOptions(allow_http_loopback=True))
        try:
            yield wallet
        finally:
            wallet.close()
            http.close()
            store.close()


def _receive(wallet: Wallet, uri: str) -> tuple[IssuanceResult, list[dict[str, object]]]:
    flow = wallet.new_flow("pre-authorized_code")
    result = wallet.receive_pre_authorized(wallet.resolve_offer(uri, flow=flow), flow=flow)
    wallet.wait_for_notifications(10)
    return result, [dict(e) for e in flow.exchanges()]


def _answered(exchanges: list[dict[str, object]], error: str) -> bool:
    """Whether the issuer answered any request of the flow with ``error``."""
    assert any(e.get("step") == "credential" for e in exchanges), "no credential exchange"
    return any(error in str(e.get("response_body") or "") for e in exchanges)


def _c_nonces(exchanges: list[dict[str, object]], step: str) -> list[object]:
    return [
        json.loads(str(e["response_body"])).get("c_nonce")
        for e in exchanges
        if e.get("step") == step and e.get("status") == 200
    ]


# -- a nonce per request (W5) ----------------------------------------------------------------


def test_three_configurations_from_a_single_use_nonce_issuer_in_one_flow(demo: Demo) -> None:
    running = demo(DemoConfig(single_use_nonce=True))
    with _wallet() as wallet:
        result, exchanges = _receive(wallet, running.issuer.create_offer(THREE).uri)
    assert sorted(c.credential_configuration_id for c in result.credentials) == sorted(THREE)
    requests = running.issuer.received_requests()
    paths = [r.path for r in requests]
    assert paths.count("/credential") == 3, "no request was retried"
    assert paths.count("/nonce") == 3, "one nonce per request"
    nonces = _proof_nonces(running)
    assert len(set(nonces)) == 3 and None not in nonces
    assert not _answered(exchanges, "invalid_nonce")
    # the nonces are fetched beside the token, none after a credential request went out
    first_credential = paths.index("/credential")
    assert all(i < first_credential for i, p in enumerate(paths) if p == "/nonce")


def test_a_retry_never_reuses_a_nonce_another_request_holds(demo: Demo) -> None:
    running = demo(DemoConfig(single_use_nonce=True))
    running.issuer.faults.invalid_nonce_once = True  # the first request to arrive is refused
    with _wallet() as wallet:
        result, _ = _receive(wallet, running.issuer.create_offer(THREE).uri)
    assert len(result.credentials) == 3
    paths = [r.path for r in running.issuer.received_requests()]
    assert paths.count("/credential") == 4 and paths.count("/nonce") == 4
    nonces = _proof_nonces(running)
    assert len(nonces) == 4
    # three nonces fetched beside the token, and a fourth for the refused request's retry:
    # it did not take one another request held
    assert len(set(nonces)) == 4


def test_credential_identifiers_with_single_use_nonces(demo: Demo) -> None:
    """The token names each credential by a credential_identifier (§6.2): every request
    sends its identifier with a nonce of its own, and the single-use-nonce issuer refuses
    none of them."""
    running = demo(DemoConfig(single_use_nonce=True, credential_identifiers=True))
    with _wallet() as wallet:
        result, exchanges = _receive(wallet, running.issuer.create_offer(THREE).uri)
    assert sorted(c.credential_configuration_id for c in result.credentials) == sorted(THREE)
    bodies = [r.body for r in running.issuer.received_requests() if r.path == "/credential"]
    assert len(bodies) == 3, "no request was retried"
    assert all(b is not None and "credential_identifier" in b for b in bodies)
    nonces = _proof_nonces(running)
    assert len(nonces) == 3 and len(set(nonces)) == 3 and None not in nonces
    assert not _answered(exchanges, "invalid_nonce")


@pytest.mark.parametrize("draft", ["13", "14"])
def test_without_a_nonce_endpoint_each_request_takes_the_last_answers_c_nonce(
    demo: Demo, draft: str
) -> None:
    running = demo(DemoConfig(draft=draft, single_use_nonce=True, batch_size=None))
    with _wallet() as wallet:
        result, exchanges = _receive(wallet, running.issuer.create_offer(THREE).uri)
    assert len(result.credentials) == 3
    paths = [r.path for r in running.issuer.received_requests()]
    assert "/nonce" not in paths and paths.count("/credential") == 3
    assert not _answered(exchanges, "invalid_proof") and not _answered(exchanges, "invalid_nonce")
    # one after the other: the token's c_nonce, then each credential response's
    handed_out = _c_nonces(exchanges, "token") + _c_nonces(exchanges, "credential")
    assert len(handed_out) == 4 and None not in handed_out
    assert _proof_nonces(running) == handed_out[:3]


def test_cli_receives_three_configurations_from_a_single_use_nonce_issuer(
    demo: Demo, wallet_env: WalletEnv
) -> None:
    running = demo(DemoConfig(single_use_nonce=True))
    offer = running.issuer.create_offer(THREE)
    result = wallet_env.run_ok("receive", offer.uri)
    assert result.stdout.count("Received ") == 3, result.stdout
    paths = [r.path for r in running.issuer.received_requests()]
    assert paths.count("/credential") == 3


# -- batch partial (W6) ----------------------------------------------------------------------


@pytest.mark.parametrize("config_id", ["pid_sd_jwt", "mdl_mdoc"])
def test_a_batch_with_one_broken_copy_keeps_the_other_two(demo: Demo, config_id: str) -> None:
    running = demo(DemoConfig())  # batch_size 3
    running.issuer.faults.broken_copy = True
    with _wallet() as wallet:
        result, _ = _receive(wallet, running.issuer.create_offer([config_id]).uri)
        [stored] = result.credentials
        assert stored.instance_count == 2
        assert len(wallet.store.get_credential(stored.id).instances) == 2
        [entry] = wallet.store.list_history()
        assert "(2 copies); 2 of 3 copies kept: one could not be read (" in entry.summary
    [dropped] = result.dropped
    assert (dropped.position, dropped.code, dropped.credential_id) == (1, "unreadable", stored.id)
    note = result.kept_note(stored.id)
    assert note is not None and note.startswith("2 of 3 copies kept: one could not be read (")
    assert note.template == "{kept} of {total} copies kept: {reasons}"
    [event] = running.issuer.received_notifications()
    assert event["event"] == "credential_accepted"
    assert str(event["event_description"]).startswith("2 of 3 copies kept")


def test_cli_says_how_many_copies_were_kept_and_why(demo: Demo, wallet_env: WalletEnv) -> None:
    running = demo(DemoConfig())
    running.issuer.faults.broken_copy = True
    text = wallet_env.run_ok("receive", running.issuer.create_offer(["pid_sd_jwt"]).uri)
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Received Personal ID (2 copies)"), text.stdout
    assert lines[1].startswith("  2 of 3 copies kept: one could not be read ("), text.stdout
    as_json = wallet_env.run_ok(
        "receive", "--json", running.issuer.create_offer(["pid_sd_jwt"]).uri
    ).json()
    [credential] = as_json["credentials"]  # type: ignore[index]
    [copy] = credential["dropped"]
    assert copy["position"] == 1 and copy["code"] == "unreadable" and copy["reason"]
    events = [n["event"] for n in running.issuer.received_notifications()]
    assert events == ["credential_accepted", "credential_accepted"]


def test_deferred_poll_says_how_many_copies_were_kept_and_why(
    demo: Demo, wallet_env: WalletEnv
) -> None:
    """A deferred batch with one broken copy: the poll keeps the other two and says so, as
    receive does (the CLI output and credential_accepted; the history entry has the same
    sentence)."""
    running = demo(DemoConfig(deferred_interval=1))
    running.issuer.faults.broken_copy = True
    running.issuer.faults.deferred_pending_polls = 1
    first = wallet_env.run_ok(
        "receive", "--json", running.issuer.create_offer(["pid_sd_jwt"]).uri
    ).json()
    assert first["credentials"] == [] and len(first["deferred"]) == 1  # type: ignore[index]
    wallet_env.run_ok("deferred", "--poll")  # still pending
    text = wallet_env.run_ok("deferred", "--poll").stdout
    done = next(line for line in text.splitlines() if "issued:" in line)
    assert done.split("] ", 1)[1].startswith(
        "issued: Received Personal ID (2 copies); 2 of 3 copies kept: one could not be read ("
    ), text
    [event] = running.issuer.received_notifications()
    assert event["event"] == "credential_accepted"
    assert str(event["event_description"]).startswith("2 of 3 copies kept")


# -- receive prints once stored (W7) ---------------------------------------------------------


def test_receive_prints_before_the_notification_is_answered_then_waits_for_it(
    demo: Demo, wallet_env: WalletEnv
) -> None:
    running = demo(DemoConfig(batch_size=None))
    running.issuer.faults.notification_latency = 2.0
    offer = running.issuer.create_offer(["pid_sd_jwt"])
    with subprocess.Popen(
        [sys.executable, "-m", "wallet_app", "receive", offer.uri],
        env=wallet_env.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()
        printed = time.monotonic()
        assert line.startswith("Received Personal ID"), line + proc.stderr.read()
        # printed while the issuer still holds the notification request
        assert running.issuer.received_notifications() == []
        assert proc.wait(timeout=30) == 0
        waited = time.monotonic() - printed
    assert waited > 1.0, f"exited {waited:.2f} s after printing: the notification was not awaited"
    [event] = running.issuer.received_notifications()
    assert event["event"] == "credential_accepted"
