"""Bundle benchmark: first paint of the PyInstaller bundle next to the venv install.

    .venv/bin/python tests/benchmarks/bench_bundle.py [--bundle PATH] [--runs 11]
    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tests/benchmarks/bench_bundle.py

Each run is a fresh process, from just before ``Popen`` to the first paint of the wallet's
window ("Opening your wallet…") and to the main window painted with the unlocked store,
reported by the app itself (``WALLET_APP_STARTUP_PROBE=1``, see ``gui.startup``). The bundle
(default ``build/bundle/dist/wallet-app/wallet-app``, which ``.ci/bundle`` builds) and the
venv's ``wallet-app`` are run alternately on the same data folder; medians are compared
(target: bundle first paint ≤ 1.1 × the venv's). Both unlock the store with a passphrase from
the environment, so no keyring is involved.

Uses QT_QPA_PLATFORM=offscreen unless a DISPLAY is set (then xcb).
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
VENV_APP = str(Path(sys.executable).parent / "wallet-app")
DEFAULT_BUNDLE = ROOT / "build" / "bundle" / "dist" / "wallet-app" / "wallet-app"
PROBE_ENV = "WALLET_APP_STARTUP_PROBE"  # wallet_app.gui.startup.PROBE_ENV
PASSPHRASE = "bench-only-passphrase"


def _env(data: str, instance: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.setdefault("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "offscreen")
    env.update(
        {
            PROBE_ENV: "1",
            "WALLET_APP_INSTANCE": instance,
            "WALLET_APP_DATA_DIR": data,
            "WALLET_APP_CONFIG_DIR": data,
            "WALLET_APP_PASSPHRASE": PASSPHRASE,
            "XDG_STATE_HOME": str(Path(data) / "state"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def start(app: str, data: str, instance: str) -> tuple[float, float]:
    """Seconds from spawning ``app`` to its first paint and to its main window painted."""
    begin = time.time()
    done = subprocess.run(
        [app], env=_env(data, instance), capture_output=True, text=True, timeout=120, cwd=data
    )
    marks: dict[str, float] = {}
    for line in done.stdout.splitlines():
        label, _, stamp = line.partition(" ")
        if label in ("PAINTED", "READY"):
            marks[label] = float(stamp) - begin
    if set(marks) != {"PAINTED", "READY"}:
        raise RuntimeError(f"{app}: no paint reported (exit {done.returncode}):\n{done.stderr}")
    return marks["PAINTED"], marks["READY"]


def _ms(values: list[float]) -> str:
    return (
        f"{statistics.median(values) * 1000:7.0f} ms  "
        f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"
    )


def main() -> int:
    """Measure both, print the table; exit 1 when the bundle's first paint misses 1.1×."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=str(DEFAULT_BUNDLE))
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    if not os.access(args.bundle, os.X_OK):
        sys.stderr.write(f"no bundle at {args.bundle}: build it with 'bash .ci/bundle'\n")
        return 2
    apps = {"venv": VENV_APP, "bundle": args.bundle}
    paint: dict[str, list[float]] = {name: [] for name in apps}
    ready: dict[str, list[float]] = {name: [] for name in apps}
    with tempfile.TemporaryDirectory(prefix="wallet-bench-bundle-") as data:
        for name, app in apps.items():  # the first start creates the store; warms the cache
            start(app, data, f"bench-bundle-warm-{name}-{os.getpid()}")
        for i in range(args.runs):
            order = list(apps.items()) if i % 2 == 0 else list(reversed(apps.items()))
            for name, app in order:
                p, r = start(app, data, f"bench-bundle-{name}-{os.getpid()}-{i}")
                paint[name].append(p)
                ready[name].append(r)
    ratio = statistics.median(paint["bundle"]) / statistics.median(paint["venv"])
    ready_ratio = statistics.median(ready["bundle"]) / statistics.median(ready["venv"])
    platform = _env("/", "x")["QT_QPA_PLATFORM"]
    rows = [
        f"platform {platform}, {args.runs} interleaved runs each, medians",
        f"  venv install, first paint     {_ms(paint['venv'])}",
        f"  bundle, first paint           {_ms(paint['bundle'])}",
        f"  ratio bundle / venv           {ratio:7.2f} ×   (target ≤ 1.10)",
        f"  venv install, window ready    {_ms(ready['venv'])}",
        f"  bundle, window ready          {_ms(ready['bundle'])}",
        f"  ratio bundle / venv (ready)   {ready_ratio:7.2f} ×",
    ]
    sys.stdout.write("\n".join(rows) + "\n")
    return 0 if ratio <= 1.1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
