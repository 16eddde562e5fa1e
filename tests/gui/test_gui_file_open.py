"""macOS delivers links as QFileOpenEvents: they reach the window like forwarded links.

The events are posted to the real QApplication here (on Linux, offscreen); that macOS sends them
for the schemes in ``packaging/macos/Info.plist`` was not tested on a Mac.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.gui_e2e_kit import REPO, DemoApp, demo_app, wait_review_page
from wallet_app.gui.app import UriBridge
from wallet_app.gui.file_open import FileOpenFilter, install_file_open_filter
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.offer_review import OfferReviewDialog

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


class Routed:
    """The app's UriBridge behind the filter, recording what the filter handed it."""

    def __init__(self, app: DemoApp) -> None:
        self.bridge = UriBridge(app.ctx.pending_states)
        self.bridge.uri_arrived.connect(app.window.handle_uri, Qt.ConnectionType.QueuedConnection)
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, uris: tuple[str, ...]) -> tuple[bool, str | None]:
        self.calls.append(uris)
        return self.bridge.on_uris(uris)


@pytest.fixture
def routed(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> Iterator[tuple[DemoApp, Routed, FileOpenFilter]]:
    with demo_app(tmp_path, qtbot, monkeypatch) as app:
        route = Routed(app)
        file_open = install_file_open_filter(qapp, route)
        try:
            yield app, route, file_open
        finally:
            qapp.removeEventFilter(file_open)
            file_open.deleteLater()
            route.bridge.deleteLater()


def open_url(url: QUrl) -> bool:
    """Deliver a FileOpen event to the application as macOS does; True if it was consumed."""
    app = QCoreApplication.instance()
    assert app is not None
    return QCoreApplication.sendEvent(app, QFileOpenEvent(url))


@pytest.mark.parametrize("by_reference", [True, False], ids=["by-reference", "by-value"])
def test_an_offer_link_event_opens_its_review(
    routed: tuple[DemoApp, Routed, FileOpenFilter], qtbot: QtBot, by_reference: bool
) -> None:
    app, route, _ = routed
    offer = app.issuer.create_offer(["pid_sd_jwt"], by_reference=by_reference)
    assert open_url(QUrl(offer.uri)) is True
    assert route.calls == [(offer.uri,)]  # the link text survives QUrl unchanged
    review = app.wait_review(qtbot)
    assert review.pages.currentWidget() is review.confirm_page  # a link: where it points first
    assert review.host_label.text() == "It points to 127.0.0.1."
    qtbot.mouseClick(review.continue_button, Qt.MouseButton.LeftButton)
    wait_review_page(qtbot, review)  # resolved against the demo issuer: the offer was intact


def test_a_redirect_no_flow_waits_for_is_refused(
    routed: tuple[DemoApp, Routed, FileOpenFilter], qtbot: QtBot
) -> None:
    app, route, file_open = routed
    redirects: list[str] = []
    app.ctx.events.redirect_received.connect(redirects.append)
    uri = "io.github.walletapp:/callback?code=abc&state=nobody-waits"
    with qtbot.waitSignal(file_open.refused, timeout=1000) as refused:
        assert open_url(QUrl(uri)) is True
    assert refused.args == ["The wallet is not waiting for this sign-in. Start again."]
    assert route.calls == [(uri,)]
    assert redirects == []
    assert app.window.findChildren(FlowDialog) == []


def test_files_and_other_schemes_are_ignored(
    routed: tuple[DemoApp, Routed, FileOpenFilter], tmp_path: Path
) -> None:
    app, route, _ = routed
    text = tmp_path / "notes.txt"
    text.write_text("not an offer")
    assert open_url(QUrl.fromLocalFile(str(text))) is False
    assert open_url(QUrl.fromLocalFile(str(tmp_path / "missing.png"))) is False
    assert open_url(QUrl("https://issuer.example/offer")) is False
    assert open_url(QUrl()) is False
    assert route.calls == []
    assert [d for d in app.window.findChildren(OfferReviewDialog) if d.isVisible()] == []


#: ``python -c`` body: the launching link is posted as a QFileOpenEvent before ``run_gui`` even
#: runs (macOS sends it right after start), so it arrives long before the main window exists.
#: Prints one JSON line with what the window showed.
LAUNCH_SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from wallet_app.demo_issuer import DemoConfig, serve
from wallet_app.gui.app import run_gui
from wallet_app.gui.main_window import MainWindow
from wallet_app.gui.offer_review import OfferReviewDialog
from wallet_app.settings import Settings

app = QApplication(sys.argv[:1])
other = serve(DemoConfig())
offer = other.issuer.create_offer(["mdl_mdoc"], by_reference=True)
QCoreApplication.postEvent(app, QFileOpenEvent(QUrl(offer.uri)))
report = {}
ticks = []

def check():
    ticks.append(1)
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    reviews = [d for w in windows for d in w.findChildren(OfferReviewDialog)]
    for d in reviews:
        if d.pages.currentWidget() is d.confirm_page:
            report["confirmed"] = report.get("confirmed", 0) + 1
            d.continue_button.click()  # as the user would, once the window is there
    ready = [d for d in reviews if d.review_page is not None
             and d.pages.currentWidget() is d.review_page]
    if ready or len(ticks) > 400:
        report.update(windows=len(windows), reviews=len(reviews), resolved=len(ready),
                      requests=[r.path for r in other.issuer.received_requests()])
        for window in windows:
            window.close()
        return
    QTimer.singleShot(50, check)

QTimer.singleShot(0, check)
code = run_gui(Settings(data_dir=Path(sys.argv[1])), demo=True)
other.stop()
print(json.dumps({**report, "exit": code}))
"""


def test_the_launching_link_waits_for_the_window(tmp_path: Path) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="wa-"))
    runtime.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WALLET_APP_", "BROWSER"))}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "PYTHONDONTWRITEBYTECODE": "1",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": str(runtime),
            "WALLET_APP_INSTANCE": f"wallet-fo-{uuid.uuid4().hex[:10]}",
            "WALLET_APP_CONFIG_DIR": str(tmp_path / "config"),
            "WALLET_APP_LOG_DIR": str(tmp_path / "log"),
            "WALLET_APP_FATAL_NO_DIALOG": "1",
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        }
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", LAUNCH_SCRIPT, str(tmp_path / "data")],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, f"exit {done.returncode}\n{done.stderr}"
    report = json.loads(lines[-1])
    assert report["exit"] == 0
    assert (report["windows"], report["reviews"], report["confirmed"]) == (1, 1, 1), report
    assert report["resolved"] == 1, report
    assert report["requests"][0].startswith("/offers/"), report  # the posted link, intact
