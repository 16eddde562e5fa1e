"""kill -9 during receives: the store always opens again and keeps what was reported.

Several wallets (own data dir and keyring each) receive from one demo issuer on 127.0.0.1 in
parallel; each ``wallet-app receive`` is killed with SIGKILL at a random moment of the whole
receive (start-up, the requests, storing, the notification, printing). After every kill the
wallet's ``list --json`` must exit 0 and hold every credential any earlier receive printed as
received; no listed record is damaged, and the credentials stored by a killed receive (stored,
never reported) open with ``show``. Kills in CI: 200 (WALLET_APP_KILL_LOOP_KILLS for more).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv, make_wallet_env
from wallet_app.demo_issuer import RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

KILLS = int(os.environ.get("WALLET_APP_KILL_LOOP_KILLS", "200"))
WORKERS = 4
CONFIGURATIONS = ["pid_sd_jwt", "mdl_mdoc"]
_ID = re.compile(r'"id":\s*"([0-9a-f-]{8,})"')


@dataclass
class Tally:
    """What one wallet saw: kills, receives that finished, credentials printed and listed."""

    kills: int = 0
    finished: int = 0
    printed: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)
    kill_delays: list[float] = field(default_factory=list)
    shown_unreported: int = 0
    windows: list[float] = field(default_factory=list)


def _printed_ids(stdout: bytes) -> set[str]:
    """Ids of the credentials a receive printed (--json), also from output cut by the kill."""
    text = stdout.decode("utf-8", "replace")
    try:
        doc = json.loads(text)
    except ValueError:
        return set(_ID.findall(text))
    creds = doc.get("credentials", []) if isinstance(doc, dict) else []
    return {c["id"] for c in creds if isinstance(c, dict) and isinstance(c.get("id"), str)}


def _listed(wallet: WalletEnv, context: str) -> dict[str, dict[str, object]]:
    result = wallet.run("list", "--json", timeout=60)
    assert result.returncode == 0, f"the store did not open after {context}: {result.stderr}"
    items = result.json()
    assert isinstance(items, list)
    for item in items:
        assert not item.get("damaged"), f"damaged record after {context}: {item}"
        assert item.get("name") != "Damaged record", f"damaged record after {context}: {item}"
    return {str(item["id"]): item for item in items}


def _receive(wallet: WalletEnv, uri: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "wallet_app", "receive", uri, "--json"],
        env=wallet.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _worker(
    wallet: WalletEnv, issuer: RunningIssuer, kills: int, window: float, seed: int
) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    while tally.kills < kills:
        offer = issuer.issuer.create_offer(CONFIGURATIONS)
        # one receive in five runs to its end: it must be kept, and it measures the window
        delay = rng.uniform(0.0, window) if rng.random() >= 0.2 else 120.0
        started = time.monotonic()
        proc = _receive(wallet, offer.uri)
        try:
            stdout, stderr = proc.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate(timeout=30)
            tally.kills += 1
            tally.kill_delays.append(delay)
            context = f"kill {tally.kills} at {delay:.2f} s"
        else:
            assert proc.returncode == 0, (
                f"receive failed after {tally.kills} kills: {stdout.decode(errors='replace')}"
                f"{stderr.decode(errors='replace')}"
            )
            tally.finished += 1
            context = f"a finished receive ({tally.finished})"
            # kill points up to a little past the end of a whole receive on this machine
            window = 1.1 * (time.monotonic() - started)
        tally.windows.append(window)
        wallet.record(stdout, stderr)
        tally.printed |= _printed_ids(stdout)
        listed = _listed(wallet, context)
        missing = tally.printed - set(listed)
        assert not missing, f"printed as received but lost after {context}: {missing}"
        tally.listed = set(listed)
    # what a killed receive stored without reporting it opens like any other credential
    for cred_id in sorted(tally.listed - tally.printed)[:8]:
        shown = wallet.run("show", cred_id, "--json", timeout=60)
        assert shown.returncode == 0, f"stored by a killed receive, unreadable: {shown.stderr}"
        tally.shown_unreported += 1
    return tally


@pytest.mark.timeout(1800)
def test_kill_9_during_receives_loses_and_corrupts_nothing(
    tmp_path: Path, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    wallets = []
    for i in range(WORKERS):
        (tmp_path / f"w{i}").mkdir()
        wallets.append(make_wallet_env(tmp_path / f"w{i}"))
    # one receive undisturbed: how long a whole receive takes here, the window of kill points
    started = time.monotonic()
    first = wallets[0].run_ok("receive", issuer.issuer.create_offer(CONFIGURATIONS).uri, "--json")
    window = (time.monotonic() - started) * 1.5  # until a parallel receive has been timed
    assert len(_printed_ids(first.stdout.encode())) == len(CONFIGURATIONS)

    per_worker = -(-KILLS // WORKERS)
    begun = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = [
            pool.submit(_worker, wallet, issuer, per_worker, window, seed)
            for seed, wallet in enumerate(wallets)
        ]
        tallies = [f.result() for f in futures]
    elapsed = time.monotonic() - begun

    kills = sum(t.kills for t in tallies)
    assert kills >= KILLS
    delays = sorted(d for t in tallies for d in t.kill_delays)
    window = max(w for t in tallies for w in t.windows)
    print(
        f"\nkill loop: {kills} kills (SIGKILL at 0-{window:.2f} s, median "
        f"{delays[len(delays) // 2]:.2f} s), {sum(t.finished for t in tallies)} receives "
        f"finished, {sum(len(t.printed) for t in tallies)} credentials reported and all kept, "
        f"{sum(len(t.listed - t.printed) for t in tallies)} stored by killed receives "
        f"({sum(t.shown_unreported for t in tallies)} opened with show), "
        f"{WORKERS} wallets, {elapsed:.0f} s"
    )
    # the kill points cover the whole receive, not only the start-up: some receives ended
    assert sum(t.finished for t in tallies) > 0
    assert delays[-1] > window / 2
