"""``receive`` waits for the notification exactly as long as it says (``--help``: "at most 5 s
after the credentials are stored"): an issuer whose notification endpoint does not answer
holds the real CLI no longer (it held it about 18 s)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer
from wallet_app.wallet.options import NOTIFICATION_WAIT

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

Demo = Callable[..., RunningIssuer]


def test_a_notification_that_never_answers_holds_receive_no_longer_than_stated(
    demo: Demo, wallet_env: WalletEnv
) -> None:
    running = demo(DemoConfig(batch_size=None))
    running.issuer.faults.notification_latency = 12.0  # beyond the wait: never in time
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
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
        waited = time.monotonic() - printed
    assert waited <= NOTIFICATION_WAIT + 1.0, f"exited {waited:.2f} s after printing"
    assert running.issuer.received_notifications() == []  # it never got through in time
