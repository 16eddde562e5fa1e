"""The GUI side of the scale benchmark (issue 11): the real ``wallet-app`` started in a fresh
process on an existing data directory, measured by its own probe (``gui.card_probe``,
``WALLET_APP_SCALE_PROBE``).

    .venv/bin/python tests/benchmarks/scale_gui.py [--counts 10 10000] [--runs 3] [--shot DIR]

``measure_gui(data_dir, env)`` is what ``bench_scale.py`` calls; ``build_store(data_dir, n)``
fills a data directory with ``n`` real credentials (SD-JWT VC and mdoc from the in-process
demo issuer, added through the store's ``add_credentials``) when run on its own.

Measures (one start each):

- ``cards_painted_s``: from just before ``Popen`` to the card list's first paint with cards;
- ``longest_freeze_ms``: the longest gap of a 5 ms timer on the GUI thread from the main
  window's showing until the model holds every card (+1 s, at least 3 s);
- ``startup_freeze_ms``: the same before the main window showed (not a target);
- ``peak_rss_mb``: the process's ``VmHWM``.

Uses QT_QPA_PLATFORM=offscreen unless the caller's env sets another platform.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
KEYRING_BACKEND = "tests.support.file_keyring.FileKeyring"
_LABELS = ("CARDS", "FILLED", "ROWS", "FREEZE", "FREEZE_AT", "GC", "STARTUP_FREEZE", "RSS")


def gui_env(data_dir: Path) -> dict[str, str]:
    """The environment that opens ``data_dir``'s store with the test keyring (a JSON file in
    the data directory, as :func:`build_store` writes it)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(
        WALLET_APP_DATA_DIR=str(data_dir),
        WALLET_APP_CONFIG_DIR=str(data_dir / "config"),
        WALLET_APP_INSTANCE=f"bench-scale-{os.getpid()}-{data_dir.name}",
        PYTHON_KEYRING_BACKEND=KEYRING_BACKEND,
        TEST_KEYRING_FILE=str(data_dir / "keyring.json"),
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def measure_gui(
    data_dir: Path,
    env: dict[str, str],
    *,
    runs: int = 3,
    watch_s: float = 3.0,
    shot: Path | None = None,
) -> dict[str, float]:
    """Start the real wallet on ``data_dir`` with ``env`` (which must open its store: e.g.
    :func:`gui_env`) ``runs`` times and return the medians of :func:`measure_gui_once`.
    Raises RuntimeError when the app reports nothing."""
    found = [
        measure_gui_once(data_dir, env, watch_s=watch_s, shot=shot if i == 0 else None)
        for i in range(runs)
    ]
    return {key: statistics.median(run[key] for run in found) for key in found[0]}


def measure_gui_once(
    data_dir: Path, env: dict[str, str], *, watch_s: float = 3.0, shot: Path | None = None
) -> dict[str, float]:
    """One start: ``cards_painted_s``, ``filled_s`` (every card in the model),
    ``longest_freeze_ms`` (and ``freeze_at_s``, when it ended after the window showed),
    ``longest_gc_ms``, ``startup_freeze_ms``, ``peak_rss_mb`` and ``rows`` (cards in the model
    at the end). ``shot``: save the window there as PNG."""
    run_env = dict(env)
    run_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    run_env.setdefault("PYTHONPATH", str(ROOT))
    run_env["WALLET_APP_DATA_DIR"] = str(data_dir)
    run_env["WALLET_APP_SCALE_PROBE"] = str(watch_s)
    run_env.pop("WALLET_APP_STARTUP_PROBE", None)  # that probe quits at the first paint
    if shot is not None:
        run_env["WALLET_APP_SCALE_SHOT"] = str(shot)
    start = time.time()
    proc = subprocess.run(
        [PYTHON, "-m", "wallet_app"],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    marks: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        label, _, value = line.partition(" ")
        if label in _LABELS:
            marks[label] = float(value)
    if "CARDS" not in marks or "RSS" not in marks:
        raise RuntimeError(
            f"the wallet reported no painted cards (exit {proc.returncode}):\n"
            f"{proc.stdout[-1000:]}\n{proc.stderr[-3000:]}"
        )
    return {
        "cards_painted_s": marks["CARDS"] - start,
        "filled_s": marks.get("FILLED", float("nan")) - start,
        "longest_freeze_ms": marks["FREEZE"],
        "freeze_at_s": marks.get("FREEZE_AT", float("nan")),
        "longest_gc_ms": marks.get("GC", float("nan")),
        "startup_freeze_ms": marks["STARTUP_FREEZE"],
        "peak_rss_mb": marks["RSS"] / 1024,
        "rows": marks.get("ROWS", -1),
    }


_BUILD = r"""
import os, sys
from pathlib import Path
import httpx
from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.host.secrets import KeyringSecretStore
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance

data_dir, count = Path(sys.argv[1]), int(sys.argv[2])
issuer = DemoIssuer("https://issuer.test", config=DemoConfig(batch_size=None))
http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
store = CredentialStore.open(data_dir, secrets=KeyringSecretStore())
wallet = Wallet(store, http)
minted = []
for configuration in ("pid_sd_jwt", "mdl_mdoc"):
    offer = issuer.create_offer([configuration])
    flow = wallet.new_flow("pre-authorized_code")
    resolved = wallet.resolve_offer(offer.uri, flow=flow)
    result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    minted.extend(result.credentials)
templates = []
for stored in minted:
    record = store.get_credential(stored.id)
    s = record.stored
    templates.append(
        NewCredential(
            credential_configuration_id=s.credential_configuration_id,
            format=s.format,
            issuer=s.issuer,
            name=s.name,
            card=s.card,
            instances=tuple(
                NewInstance(i.credential, i.holder_private_jwk) for i in record.instances
            ),
        )
    )
left = count - len(minted)
while left > 0:
    batch = [templates[i % len(templates)] for i in range(min(left, 500))]
    store.add_credentials(batch)
    left -= len(batch)
wallet.close()
store.close()
http.close()
"""


def build_store(data_dir: Path, count: int) -> None:
    """Fill a new ``data_dir`` with ``count`` (≥ 2) real credentials, half SD-JWT VC, half
    mdoc, minted by the demo issuer and added with the store's ``add_credentials``; its key in
    the test keyring file of :func:`gui_env`."""
    data_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [PYTHON, "-c", _BUILD, str(data_dir), str(count)],
        env=gui_env(data_dir),
        check=True,
        cwd=ROOT,
        timeout=900,
    )


def main() -> int:
    """Build stores of each count, start the wallet on each ``--runs`` times (interleaved),
    print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shot", type=Path, help="save a window screenshot per count here")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stores here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wallet-scale-gui-") as tmp:
        base = args.keep or Path(tmp)
        results: dict[int, list[dict[str, float]]] = {count: [] for count in args.counts}
        for count in args.counts:
            if not (base / f"store-{count}" / "keyring.json").exists():
                build_store(base / f"store-{count}", count)
        for i in range(args.runs):  # interleaved: a busy machine slows every count alike
            for count in args.counts:
                data_dir = base / f"store-{count}"
                shot = args.shot / f"cards-{count}.png" if args.shot and i == 0 else None
                results[count].append(measure_gui_once(data_dir, gui_env(data_dir), shot=shot))
        for count, runs in results.items():
            row = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            sys.stdout.write(
                f"{count:>6} credentials: cards painted {row['cards_painted_s']:.2f} s, "
                f"all rows {row['filled_s']:.2f} s, longest freeze "
                f"{row['longest_freeze_ms']:.0f} ms at {row['freeze_at_s']:.2f} s "
                f"(longest GC {row['longest_gc_ms']:.0f} ms, start-up "
                f"{row['startup_freeze_ms']:.0f} ms), "
                f"peak RSS {row['peak_rss_mb']:.0f} MB, rows {row['rows']:.0f}\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
