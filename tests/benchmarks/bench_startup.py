"""Startup benchmark: cold start to the first painted main window, and the URI hand-off.

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs 11]
    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tests/benchmarks/bench_startup.py

1. Cold start: a fresh process per run, from just before ``Popen`` to the first paint event of
   the main window (reported by the child with a wall-clock timestamp). "app" builds the wallet
   exactly as ``gui.app.run_gui`` does (translator, theme, single-instance channel, throw-away
   store with an in-memory key, HTTP client, Wallet, ``MainWindow``); "bare" is a PySide6
   ``QMainWindow`` with a label. Runs are interleaved (app, bare, app, ...); medians compared
   (target: app ≤ 1.3 × bare).
2. Hand-off: ``wallet-app <offer uri>`` (a fresh process) to a running ``wallet-app --demo``
   primary, start to exit (target ≤ 0.3 s).

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
PYTHON = sys.executable
WALLET_APP = str(Path(PYTHON).parent / "wallet-app")
MARK = "PAINTED "

_PAINT_FILTER = """
from PySide6.QtCore import QEvent, QObject, QTimer

class _FirstPaint(QObject):
    def __init__(self, window, app):
        super().__init__()
        self.window, self.app, self.done = window, app, False

    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and hasattr(obj, "window") \\
                and obj.window() is self.window:
            self.done = True
            print("PAINTED", repr(time.time()), flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False
"""

BARE = (
    "import sys, time\n"
    "from PySide6.QtWidgets import QApplication, QLabel, QMainWindow\n"
    + _PAINT_FILTER
    + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1000, 700)
watch = _FirstPaint(window, app)
app.installEventFilter(watch)
window.show()
app.exec()
"""
)

APP = (
    "import sys, time, tempfile\n"
    "from pathlib import Path\n"
    "from PySide6.QtWidgets import QApplication\n"
    + _PAINT_FILTER
    + """
# the same steps as wallet_app.gui.app.run_gui, with a throw-away store and an in-memory key
from wallet_app.gui import app as gui_app
from wallet_app.compose import make_http_client, wallet_options
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.jobs import JobRunner
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.host.single_instance import InstanceServer
from wallet_app.settings import load_settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

QApplication.setApplicationName("wallet-app")
QApplication.setApplicationDisplayName("Wallet")
app = QApplication(sys.argv[:1])
tmp = tempfile.TemporaryDirectory(prefix="wallet-bench-")
settings = load_settings(data_dir=tmp.name)
from wallet_app.gui.i18n import install_translator
install_translator(app, settings.locales)
from wallet_app.gui.theme import apply_theme
apply_theme(app)
states = set()
bridge = gui_app.UriBridge(states)
server = InstanceServer(bridge.on_uris)
server.start()
store = CredentialStore.open(Path(tmp.name), secrets=MemorySecretStore())
http = make_http_client(settings)
wallet = Wallet(store, http, wallet_options(settings))
jobs = JobRunner()
ctx = GuiContext(wallet=wallet, store=store, settings=settings, jobs=jobs, events=AppEvents(),
                 open_browser=lambda url: False, pending_states=states)
from wallet_app.gui.main_window import MainWindow
window = MainWindow(ctx)
window.resize(1000, 700)
watch = _FirstPaint(window, app)
app.installEventFilter(watch)
window.show()
app.exec()
jobs.shutdown(); wallet.close(); http.close(); store.close(); server.close(); tmp.cleanup()
"""
)


def _env(instance: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "offscreen")
    env["WALLET_APP_INSTANCE"] = instance
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def first_paint(code: str, instance: str) -> float:
    """Seconds from spawning a process running ``code`` to its first painted window."""
    start = time.time()
    proc = subprocess.run(
        [PYTHON, "-c", code],
        env=_env(instance),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return float(line[len(MARK) :]) - start
    raise RuntimeError(f"no paint reported (exit {proc.returncode}):\n{proc.stderr[-2000:]}")


def measure_startup(runs: int) -> tuple[list[float], list[float]]:
    """Interleaved app/bare cold starts; (app times, bare times)."""
    app_times: list[float] = []
    bare_times: list[float] = []
    first_paint(BARE, "bench-warm")  # warm the page cache once for both
    for i in range(runs):
        app_times.append(first_paint(APP, f"bench-start-{os.getpid()}-{i}"))
        bare_times.append(first_paint(BARE, f"bench-bare-{os.getpid()}-{i}"))
    return app_times, bare_times


def measure_handoff(runs: int) -> list[float]:
    """Wall time of ``wallet-app <offer uri>`` handing an offer to a running primary."""
    from wallet_app.demo_issuer import DemoIssuer
    from wallet_app.host.single_instance import forward_uris

    instance = f"bench-handoff-{os.getpid()}"
    offer = DemoIssuer("http://127.0.0.1:9").create_offer(["pid_sd_jwt"]).uri
    with tempfile.TemporaryDirectory(prefix="wallet-bench-primary-") as data:
        env = _env(instance)
        env.update(WALLET_APP_DATA_DIR=data, WALLET_APP_PASSPHRASE="bench-only-passphrase")
        primary = subprocess.Popen(
            [WALLET_APP, "--demo"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        try:
            os.environ["WALLET_APP_INSTANCE"] = instance
            deadline = time.monotonic() + 30
            while forward_uris([offer]) is None:
                if primary.poll() is not None or time.monotonic() > deadline:
                    err = primary.stderr.read().decode() if primary.stderr else ""
                    raise RuntimeError(f"the primary did not start:\n{err[-2000:]}")
                time.sleep(0.05)
            times: list[float] = []
            for _ in range(runs):
                start = time.perf_counter()
                done = subprocess.run([WALLET_APP, offer], env=env, capture_output=True, timeout=30)
                times.append(time.perf_counter() - start)
                if done.returncode != 0:
                    raise RuntimeError(f"hand-off failed: {done.stderr.decode()[-2000:]}")
            return times
        finally:
            primary.terminate()
            try:
                primary.wait(timeout=10)
            except subprocess.TimeoutExpired:
                primary.kill()


def _ms(values: list[float]) -> str:
    return (
        f"{statistics.median(values) * 1000:7.0f} ms  "
        f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"
    )


def main() -> int:
    """Run both measurements and print the table; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--skip-handoff", action="store_true")
    args = parser.parse_args()
    platform = _env("x")["QT_QPA_PLATFORM"]
    app_times, bare_times = measure_startup(args.runs)
    ratio = statistics.median(app_times) / statistics.median(bare_times)
    rows = [
        f"platform {platform}, {args.runs} interleaved runs each, medians",
        f"  bare QMainWindow, first paint   {_ms(bare_times)}",
        f"  wallet main window, first paint {_ms(app_times)}",
        f"  ratio wallet / bare             {ratio:7.2f} ×   (target ≤ 1.30)",
    ]
    ok = ratio <= 1.3
    if not args.skip_handoff:
        handoff = measure_handoff(args.runs)
        rows.append(f"  'wallet-app <uri>' hand-off     {_ms(handoff)}   (target ≤ 300 ms)")
        ok = ok and statistics.median(handoff) <= 0.3
    sys.stdout.write("\n".join(rows) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
