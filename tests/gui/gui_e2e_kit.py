"""The desktop wallet as ``wallet-app --demo`` wires it, for end-to-end GUI tests.

The demo issuer serves on 127.0.0.1, the store is real (in-memory key), the Wallet uses the
app's own HTTP client, the single-instance channel (on a private runtime dir and channel name)
feeds a :class:`UriBridge` connected to ``MainWindow.handle_uri``, and "the system browser" is
``tests/tools/scripted_browser.py`` in a subprocess that hands the redirect back through
``python -m wallet_app <uri>``. Helpers drive the real dialogs the way a person would.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from wallet_app.compose import make_http_client, wallet_options
from wallet_app.demo_issuer import DemoConfig, DemoIssuer, RunningIssuer, serve
from wallet_app.gui.app import UriBridge
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.demo_panel import DemoPanel
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.images import ImageCache
from wallet_app.gui.issuance_flow import IssuanceFlow
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.main_window import MainWindow
from wallet_app.gui.offer_input import AddCredentialDialog
from wallet_app.gui.offer_review import OfferReviewDialog
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.host.single_instance import InstanceServer
from wallet_app.settings import RedirectMode, Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore, StoredCredential

REPO = Path(__file__).resolve().parents[2]
SCRIPTED_BROWSER = REPO / "tests" / "tools" / "scripted_browser.py"
#: generous ceilings for waits; the tests themselves finish far sooner
STEP_MS = 10_000
DEFERRED_MS = 15_000


@dataclass
class DemoApp:
    """The running desktop wallet in demo mode, plus what the tests look at."""

    ctx: GuiContext
    window: MainWindow
    running: RunningIssuer
    env: dict[str, str]
    browser_log: Path
    browser_exits: list[int] = field(default_factory=list)

    @property
    def issuer(self) -> DemoIssuer:
        """The demo issuer behind 127.0.0.1."""
        return self.running.issuer

    # -- the wallet-app <uri> hand-off --------------------------------------------------------
    def hand_off(self, uri: str) -> subprocess.Popen[str]:
        """Start ``python -m wallet_app <uri>`` as the OS would for a link."""
        return subprocess.Popen(
            [sys.executable, "-m", "wallet_app", uri],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def browser_trail(self) -> str:
        """The scripted browser's log (for assertion messages)."""
        return self.browser_log.read_text() if self.browser_log.exists() else "(no browser log)"

    # -- finding the open screens -------------------------------------------------------------
    def demo_panel(self) -> DemoPanel:
        """Show the demo dock (View → Demo) and return it."""
        self.window.demo_action.trigger()
        panel = self.window.demo_dock
        assert isinstance(panel, DemoPanel)
        return panel

    def wait_review(self, qtbot: QtBot) -> OfferReviewDialog:
        """The offer review that just opened."""
        found: list[OfferReviewDialog] = []

        def opened() -> bool:
            found[:] = [d for d in self.window.findChildren(OfferReviewDialog) if d.isVisible()]
            return len(found) == 1

        qtbot.waitUntil(opened, timeout=STEP_MS)
        return found[0]

    def wait_flow(self, qtbot: QtBot) -> tuple[FlowDialog, IssuanceFlow]:
        """The flow dialog that just opened and the flow it shows."""
        found: list[FlowDialog] = []

        def opened() -> bool:
            found[:] = [d for d in self.window.findChildren(FlowDialog) if d.isVisible()]
            return len(found) == 1

        qtbot.waitUntil(opened, timeout=STEP_MS)
        issuance = found[0].findChild(IssuanceFlow)
        assert issuance is not None
        return found[0], issuance

    def open_add_dialog(self, qtbot: QtBot) -> AddCredentialDialog:
        """Click "Add credential" in the toolbar; return the dialog that opened."""
        self.window.add_action.trigger()
        dialog = self.window.findChild(AddCredentialDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=STEP_MS)
        return dialog

    def receive_to_card(self, qtbot: QtBot, name: str, tx_code: str | None = None) -> None:
        """Accept the offer review that opens next and wait for the card called ``name``."""
        review = self.wait_review(qtbot)
        dialog, issuance = accept_offer(qtbot, self, review, tx_code=tx_code)
        wait_finished(qtbot, dialog, issuance)
        assert issuance.phase == "done", issuance.failure
        self.wait_card(qtbot, name)

    # -- the model ----------------------------------------------------------------------------
    def cards(self) -> list[tuple[str, StoredCredential]]:
        """(shown name, stored row) of every card in the main window's model."""
        model = self.window.model
        return [(model.info(r).name, model.credential(r)) for r in range(model.rowCount())]

    def wait_card(self, qtbot: QtBot, name: str, status: str = "issued") -> StoredCredential:
        """Wait until the main window shows a card called ``name`` with ``status``."""
        found: list[StoredCredential] = []

        def shown() -> bool:
            found[:] = [c for n, c in self.cards() if n == name and c.status == status]
            return bool(found)

        qtbot.waitUntil(shown, timeout=DEFERRED_MS if status == "issued" else STEP_MS)
        return found[0]


def wait_review_page(qtbot: QtBot, review: OfferReviewDialog) -> None:
    """Wait until the review shows the resolved offer (not the loading or error page)."""

    def ready() -> bool:
        if review.pages.currentWidget() is review.error_page:
            raise AssertionError(f"offer review failed: {review.details.toPlainText()}")
        return review.review_page is not None and review.pages.currentWidget() is review.review_page

    qtbot.waitUntil(ready, timeout=STEP_MS)


def accept_offer(
    qtbot: QtBot, app: DemoApp, review: OfferReviewDialog, tx_code: str | None = None
) -> tuple[FlowDialog, IssuanceFlow]:
    """Press Accept (typing ``tx_code`` into the transaction code prompt); return the flow."""
    wait_review_page(qtbot, review)
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    if tx_code is not None:
        prompt = review.tx_dialog
        assert prompt is not None, "no transaction code prompt"
        qtbot.waitUntil(prompt.isVisible, timeout=STEP_MS)
        qtbot.keyClicks(prompt.edit, tx_code)
        qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
        assert not prompt.error.isVisible(), prompt.error.text()
    else:
        assert review.tx_dialog is None, "unexpected transaction code prompt"
    return app.wait_flow(qtbot)


def wait_finished(qtbot: QtBot, dialog: FlowDialog, issuance: IssuanceFlow) -> None:
    """Wait until the flow dialog shows its outcome page (result or failure)."""
    qtbot.waitUntil(
        lambda: issuance.phase in ("done", "failed") and dialog.done_button.isVisible(),
        timeout=STEP_MS,
    )


def tx_code_on_card(panel: DemoPanel, key: str) -> str:
    """The transaction code the demo card shows (as "sent by e-mail")."""
    label = panel.cards[key].code_label
    assert label.isVisible()
    match = re.search(r">([0-9A-Z]{4,})</b>", label.text())
    assert match is not None, label.text()
    return match.group(1)


def qr_png(text: str, scale: int = 4) -> bytes:
    """A segno PNG of ``text``."""
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale)
    return buf.getvalue()


def desktop_with_qr(text: str) -> QImage:
    """A fake screenshot: a grey desktop, a white "web page" and the QR code on it."""
    shot = QImage(1280, 800, QImage.Format.Format_RGB32)
    shot.fill(QColor("#c8ccd2"))
    painter = QPainter(shot)
    painter.fillRect(300, 100, 700, 600, QColor("#ffffff"))
    painter.drawImage(560, 260, QImage.fromData(qr_png(text)))
    painter.end()
    return shot


def _browser(env: dict[str, str], exits: list[int]) -> Callable[[str], bool]:
    def open_browser(url: str) -> bool:  # runs in a job, as host.browser does with $BROWSER
        done = subprocess.run(
            [sys.executable, str(SCRIPTED_BROWSER), url],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
        exits.append(done.returncode)
        return done.returncode == 0

    return open_browser


@contextmanager
def demo_app(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    *,
    redirect_mode: RedirectMode = "scheme",
) -> Iterator[DemoApp]:
    """Build the app as ``run_gui(settings, demo=True)`` does; tear everything down after."""
    runtime = Path(tempfile.mkdtemp(prefix="wa-"))  # short: AF_UNIX paths are limited
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("WALLET_APP_INSTANCE", f"wallet-e2e-{uuid.uuid4().hex[:10]}")
    monkeypatch.delenv("BROWSER", raising=False)
    log = tmp_path / "browser.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "PYTHONDONTWRITEBYTECODE": "1",
            "SCRIPTED_BROWSER_LOG": str(log),
            "SCRIPTED_BROWSER_WALLET": f"{sys.executable} -m wallet_app",
        }
    )
    settings = Settings(data_dir=tmp_path / "data", locales=("en",), redirect_mode=redirect_mode)
    running = serve(DemoConfig())
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = make_http_client(settings)
    wallet = Wallet(store, http, wallet_options(settings))
    jobs = JobRunner()
    exits: list[int] = []
    ctx = GuiContext(
        wallet=wallet,
        store=store,
        settings=settings,
        jobs=jobs,
        events=AppEvents(),
        open_browser=_browser(env, exits),
        demo_base_url=running.base_url,
    )
    ctx.extras["demo_issuer"] = running.issuer
    bridge = UriBridge(ctx.pending_states)
    server = InstanceServer(bridge.on_uris)
    server.start()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    bridge.uri_arrived.connect(window.handle_uri, Qt.ConnectionType.QueuedConnection)
    window.show()
    qtbot.waitUntil(lambda: not window._loading, timeout=STEP_MS)
    try:
        yield DemoApp(ctx, window, running, env, log, exits)
    finally:
        server.close()
        for dialog in window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()  # a running flow is cancelled, as when the user closes it
        window.close()
        qtbot.waitUntil(lambda: jobs.active == 0, timeout=STEP_MS)
        jobs.shutdown()
        cache = ctx.extras.get("image_cache")
        if isinstance(cache, ImageCache):
            cache.close()
        bridge.deleteLater()
        qtbot.wait(1)
        wallet.close()
        http.close()
        store.close()
        running.stop()
        shutil.rmtree(runtime, ignore_errors=True)


#: ``python -c`` body: the real ``run_gui(settings, demo=True)`` with links handed to it by
#: ``python -m wallet_app <offer>`` processes, (a) while it starts (in phase 2, right after the
#: demo issuer is up, before the main window exists; only with argv[2] == "during") and (b) once
#: the main window is shown. Prints one JSON line: the hand-off exit codes and the offer
#: reviews that opened.
RUN_GUI_SCRIPT = """
import json, os, subprocess, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import wallet_app.demo_issuer as demo
from wallet_app.gui.app import run_gui
from wallet_app.gui.main_window import MainWindow
from wallet_app.gui.offer_review import OfferReviewDialog
from wallet_app.settings import Settings

report = {"handoffs": []}
real_serve = demo.serve

def hand_off(running, config_id):
    offer = running.issuer.create_offer([config_id], by_reference=True)
    done = subprocess.run([sys.executable, "-m", "wallet_app", offer.uri], timeout=30)
    report["handoffs"].append(done.returncode)

def serve(config):
    running = real_serve(config)
    if "served" in report:  # the demo panel's own batch issuer: no hand-offs to it
        return running
    report["served"] = True
    if sys.argv[2] == "during":
        hand_off(running, "mdl_mdoc")
    QTimer.singleShot(0, lambda: hand_off(running, "pid_sd_jwt"))
    def finish():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        reviews = [d for w in windows for d in w.findChildren(OfferReviewDialog)]
        report["windows"] = len(windows)
        report["reviews"] = len(reviews)
        report["confirming"] = sum(d.pages.currentWidget() is d.confirm_page for d in reviews)
        report["requests"] = [r.path for r in running.issuer.received_requests()]
        for window in windows:
            window.close()
    QTimer.singleShot(700, finish)
    return running

demo.serve = serve
code = run_gui(Settings(data_dir=Path(sys.argv[1])), demo=True)
print(json.dumps({**report, "exit": code}))
"""


def run_gui_subprocess(
    tmp_path: Path, mode: str, script: str = RUN_GUI_SCRIPT
) -> dict[str, object]:
    """Run ``script`` (:data:`RUN_GUI_SCRIPT`: ``sys.argv`` = data folder, ``mode``) offscreen
    in a private environment; return the last JSON line it printed."""
    runtime = Path(tempfile.mkdtemp(prefix="wa-"))
    runtime.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WALLET_APP_", "BROWSER"))}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "PYTHONDONTWRITEBYTECODE": "1",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": str(runtime),
            "WALLET_APP_INSTANCE": f"wallet-e2e-{uuid.uuid4().hex[:10]}",
            "WALLET_APP_CONFIG_DIR": str(tmp_path / "config"),
            "WALLET_APP_LOG_DIR": str(tmp_path / "logs"),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        }
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "data"), mode],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, f"exit {done.returncode}\n{done.stderr}"
    report = json.loads(lines[-1])
    assert isinstance(report, dict)
    return report
