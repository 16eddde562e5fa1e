"""``deferred --poll`` says which poll failed and exits 1 while the entry stays pending.

A poll the issuer answered with an error (here a 500 ``server_error``) or that never reached
it is not a "still pending": the text and the JSON name the entry and the reason, the exit
status is 1, the entry is kept (with its next poll moved out) and a later poll still
receives the credential.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def _pending(wallet_env: WalletEnv, running: RunningIssuer) -> str:
    offer = running.issuer.create_offer(["pid_sd_jwt"])
    first = wallet_env.run_ok("receive", offer.uri, "--json").json()
    assert isinstance(first, dict) and first["credentials"] == []
    (pending,) = first["deferred"]
    return str(pending["id"])


def test_a_failed_poll_is_said_in_text_and_exits_1(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    running = demo(DemoConfig(deferred_interval=1))
    running.issuer.faults.deferred_pending_polls = 1
    pending_id = _pending(wallet_env, running)
    running.issuer.faults.fail_next("deferred", 500, "server_error", "database on fire")

    polled = wallet_env.run("deferred", "--poll")

    assert polled.returncode == 1, polled.stdout + polled.stderr
    lines = polled.stdout.splitlines()
    failed = [line for line in lines if line.startswith(f"[{pending_id[:8]}] poll failed: ")]
    assert len(failed) == 1, polled.stdout
    assert "pending at" in polled.stdout  # the entry is kept
    listed = wallet_env.run_ok("deferred", "--json").json()  # no poll: exit 0
    assert isinstance(listed, dict)
    assert [d["id"] for d in listed["deferred"]] == [pending_id]
    assert listed["failed"] == []


def test_a_failed_poll_is_in_the_json_and_exits_1(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    running = demo(DemoConfig(deferred_interval=1))
    running.issuer.faults.deferred_pending_polls = 1
    pending_id = _pending(wallet_env, running)
    running.issuer.faults.fail_next("deferred", 500, "server_error")

    polled = wallet_env.run("deferred", "--poll", "--json")

    assert polled.returncode == 1, polled.stderr
    report = polled.json()
    assert isinstance(report, dict)
    assert [d["id"] for d in report["deferred"]] == [pending_id]
    assert report["completed"] == []
    (failed,) = report["failed"]
    assert failed["id"] == pending_id and failed["status"] == "failed"
    assert isinstance(failed["message"], str) and failed["message"]
