"""PNG screenshots of every screen, in English and German, light and dark, at three screen sizes.

    .venv/bin/python tests/tools/screenshots.py --out screenshots/

Builds real data: a throw-away store, the demo issuer on 127.0.0.1 and real issuances for the
cards. Each language/theme/size runs in a fresh process (``--only-combo en-light --size
1280x720``), so the translator and palette are the ones a user gets at start-up. A screen whose
module does not exist yet is skipped with a note. Output: ``<screen>-<lang>-<theme>-<size>.png``.

Sizes (``--sizes``, default all three): 1280x720, 1440x900 and 1920x1080@2 (1920×1080 at 200 %,
960×540 logical, through ``QT_SCALE_FACTOR=2``), each on Qt's offscreen platform given a screen
of that size (``QT_QPA_PLATFORM=offscreen:configfile=…``). Every window and dialog is fitted to
the screen by ``gui.screen_fit`` as in the app; main windows fill the screen.

``--report FILE`` (with ``--only-combo``) also writes, per screen, each visible top-level
window's frame, the screen's available geometry and how far its content would overflow, and
every user-visible text of the screen's widgets (for tests/gui/test_gui_fit.py and
tests/gui/test_gui_german.py).

The camera screen shows a live webcam when the script runs as root with a C compiler: it builds
the webcam emulated in user space (``tests/support/v4l2cam``), gives it a ``/dev/videoN`` node and
hands it to each pair's process; otherwise it shows the "No camera found" state.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

COMBOS = [f"{lang}-{theme}" for lang in ("en", "de") for theme in ("light", "dark")]
SIZES = ["1280x720", "1440x900", "1920x1080@2"]


def parse_size(size: str) -> tuple[int, int, int]:
    """``"1920x1080@2"`` -> (1920, 1080, 2): the physical screen and its scale factor."""
    screen, _, scale = size.partition("@")
    width, _, height = screen.partition("x")
    return int(width), int(height), int(scale or 1)


def size_env(size: str, folder: Path) -> dict[str, str]:
    """The environment that gives Qt an offscreen screen of ``size`` (scaled for ``@2``)."""
    import json

    width, height, scale = parse_size(size)
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "Screen",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    return env


def note(text: str) -> None:
    """A progress line on stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def module(name: str) -> Any:
    """``wallet_app.gui.<name>`` or None when it does not exist yet."""
    try:
        return importlib.import_module(f"wallet_app.gui.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("wallet_app"):
            return None
        raise


class Shooter:
    """Builds the data and context once, then grabs screens into ``out``."""

    def __init__(
        self, out: Path, lang: str, theme: str, only: set[str], size: str = "", report: bool = False
    ) -> None:
        self.out, self.lang, self.theme, self.only = out, lang, theme, only
        self.size = size
        self.taken: list[str] = []
        #: with ``report``: per screen, its windows (fit) and texts (``--report``)
        self.report: dict[str, dict[str, Any]] | None = {} if report else None

    # --- plumbing ---------------------------------------------------------------------

    def wait(self, ms: int = 200, until: Callable[[], object] | None = None) -> bool:
        """Process events for ``ms`` or until ``until()`` is truthy."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if until is not None and until():
                return True
            time.sleep(0.01)
        return until is None

    def file_name(self, name: str) -> str:
        """``<name>-<lang>-<theme>[-<size>].png``."""
        size = f"-{self.size}" if self.size else ""
        return f"{name}-{self.lang}-{self.theme}{size}.png"

    def save(self, name: str, widget: Any, picture: Any = None) -> None:
        """Show, settle and grab ``widget`` (or save ``picture``, a pixmap of it) as
        :meth:`file_name`; with a report, record its windows and texts."""
        if picture is None:
            widget.show()
            widget.raise_()
            self.wait(350)
        path = self.out / self.file_name(name)
        if self.report is not None:
            self.report[name] = {"windows": self.windows(), "texts": widget_texts(widget)}
        if not (picture if picture is not None else widget.grab()).save(str(path)):
            note(f"  ! could not save {path}")
        else:
            self.taken.append(path.name)

    def windows(self) -> list[dict[str, Any]]:
        """Each visible top-level window or dialog: class, frame, available area, overflow."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from wallet_app.gui.screen_fit import available_area, overflow

        kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Tool)
        found = []
        for w in QApplication.topLevelWidgets():
            if not w.isVisible() or w.windowType() not in kinds:
                continue
            frame, area, over = w.frameGeometry(), available_area(w), overflow(w)
            found.append(
                {
                    "class": type(w).__name__,
                    "title": w.windowTitle(),
                    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                    "available": [area.x(), area.y(), area.width(), area.height()],
                    "overflow": [over.width(), over.height()],
                }
            )
        return found

    def fill_screen(self, window: Any) -> None:
        """Give ``window`` the whole available screen (a main window as a user sizes it)."""
        from wallet_app.gui.screen_fit import available_area, fit_to_screen

        area = available_area(window)
        window.resize(area.size())
        window.move(area.topLeft())
        fit_to_screen(window)

    def wanted(self, name: str) -> bool:
        """Is screen ``name`` selected (``--only``)?"""
        return not self.only or any(name.startswith(o) for o in self.only)

    def top_level(self, class_name: str, exclude: tuple[Any, ...] = ()) -> Any:
        """The visible top-level widget of class ``class_name`` (newest), else None."""
        from PySide6.QtWidgets import QApplication

        found = [
            w
            for w in QApplication.topLevelWidgets()
            if type(w).__name__ == class_name and w.isVisible() and w not in exclude
        ]
        return found[-1] if found else None

    def close_dialogs(self, keep: Any) -> None:
        """Close every top-level window except ``keep``."""
        from PySide6.QtWidgets import QApplication

        for w in QApplication.topLevelWidgets():
            if w is not keep and w.isVisible():
                w.close()
        self.wait(50)

    # --- data ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def context(self) -> Iterator[Any]:
        """A GuiContext over a throw-away store and a running demo issuer."""
        import httpx

        from wallet_app.compose import make_http_client, wallet_options
        from wallet_app.demo_issuer import DemoConfig, serve
        from wallet_app.gui.context import AppEvents, GuiContext
        from wallet_app.gui.jobs import JobRunner
        from wallet_app.host.secrets import MemorySecretStore
        from wallet_app.settings import Settings
        from wallet_app.wallet.issuance import Wallet
        from wallet_app.wallet.store import CredentialStore

        with tempfile.TemporaryDirectory(prefix="wallet-shots-") as tmp:
            running = serve(DemoConfig())
            settings = Settings(data_dir=Path(tmp), locales=(self.lang, "en"))
            store = CredentialStore.open(Path(tmp), secrets=MemorySecretStore())
            http: httpx.Client = make_http_client(settings)
            wallet = Wallet(store, http, wallet_options(settings))
            jobs = JobRunner()
            ctx = GuiContext(
                wallet=wallet,
                store=store,
                settings=settings,
                jobs=jobs,
                events=AppEvents(),
                open_browser=lambda url: True,  # the browser "opens"; the flow waits
                demo_base_url=running.base_url,
            )
            ctx.extras["demo_issuer"] = running.issuer
            from trust_shots import trust_demo_root

            trust_demo_root(ctx)  # as --demo does: demo cards show "Trusted issuer"
            try:
                yield ctx
            finally:
                jobs.shutdown()
                wallet.close()
                http.close()
                store.close()
                running.stop()

    def issue(self, ctx: Any, configuration_id: str, *, tx: bool = False) -> Any:
        """Receive one real credential from the demo issuer (pre-authorized)."""
        offer = ctx.extras["demo_issuer"].create_offer([configuration_id], tx_code=tx)
        flow = ctx.wallet.new_flow("pre-authorized")
        resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
        return ctx.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)

    # --- screens ------------------------------------------------------------------------

    def run(self) -> None:
        """Take every screen; a failing screen is reported and skipped."""
        from PySide6.QtWidgets import QMainWindow

        with self.context() as ctx:
            main_window = module("main_window")
            window: Any = None
            if main_window is None:
                note("  - main window: wallet_app/gui/main_window.py does not exist yet")
                window = QMainWindow()
            else:
                window = main_window.MainWindow(ctx)
            window.show()
            self.fill_screen(window)
            if main_window is not None and self.wanted("main-empty"):
                self.guard("main-empty", lambda: self.save("main-empty", window))
            results = [
                self.issue(ctx, "pid_sd_jwt", tx=True),
                self.issue(ctx, "diploma_sd_jwt"),
                self.issue(ctx, "mdl_mdoc"),
            ]
            ctx.extras["demo_issuer"].faults.deferred_pending_polls = 1000
            self.issue(ctx, "pid_sd_jwt")  # stays pending: a deferred card
            ctx.events.credentials_changed.emit()
            self.wait(600)
            steps: list[tuple[str, Callable[[], None]]] = [
                ("main", lambda: self.save("main", window)),
                ("menu", lambda: self.shot_card_menu(window)),
                ("demo", lambda: self.shot_demo(ctx, window)),
                ("add", lambda: self.shot_add(ctx, window)),
                ("camera", lambda: self.shot_camera(ctx, window)),
                ("review", lambda: self.shot_review(ctx, window)),
                ("txcode", lambda: self.shot_tx_code(window)),
                ("flow", lambda: self.shot_flows(ctx, window)),
                ("details", lambda: self.shot_details(ctx, window, results[0])),
                ("explorer", lambda: self.shot_explorer(ctx, window)),
                ("inspector", lambda: self.shot_inspector(ctx, window, results[0])),
                ("history", lambda: self.shot_history(ctx, window, results[0])),
                ("presentation", lambda: self.shot_presentation(ctx, window)),
                ("settings", lambda: self.shot_settings(ctx, window)),
                ("firstrun", lambda: self.shot_first_run(ctx)),
                ("demo-banner", lambda: self.shot_demo_banner(ctx)),
                ("passphrase", lambda: self.shot_passphrase(window)),
                ("trust", lambda: self.shot_trust(ctx, window)),
            ]
            for name, step in steps:
                if self.wanted(name):
                    self.guard(name, step)
                    self.close_dialogs(window)
            window.close()

    def guard(self, name: str, step: Callable[[], None]) -> None:
        """Run one screen step; report (not raise) a failure."""
        try:
            step()
        except Exception:
            note(f"  ! {name} failed:\n" + traceback.format_exc())

    def shot_demo(self, ctx: Any, window: Any) -> None:
        """The demo panel alone and docked in the main window."""
        from PySide6.QtCore import Qt

        from wallet_app.gui.demo_panel import DemoPanel

        panel = DemoPanel(ctx, None)
        panel.resize(500, 880)
        self.save("demo", panel)
        panel.close()
        docked = window.findChild(DemoPanel)
        if docked is None:
            docked = DemoPanel(ctx, window)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docked)
        docked.show()
        self.fill_screen(window)
        self.save("main-demo", window)
        docked.hide()

    def shot_add(self, ctx: Any, window: Any) -> None:
        """The add-credential dialog."""
        offer_input = module("offer_input")
        if offer_input is None:
            note("  - add: wallet_app/gui/offer_input.py does not exist yet")
            return
        self.save("add", offer_input.AddCredentialDialog(ctx, window))

    def shot_camera(self, ctx: Any, window: Any) -> None:
        """The add-credential dialog with the camera open: a live (emulated) webcam that sees a
        QR code that is no offer, or "No camera found"."""
        from tests.support.camera import camera_scene, write_frames
        from wallet_app.gui.offer_input import AddCredentialDialog

        pixel_format = os.environ.get("V4L2CAM_FORMAT", "YUYV")
        if os.environ.get("V4L2CAM_DEVICE") and pixel_format in ("YUYV", "MJPG"):
            frames = Path(tempfile.mkdtemp(prefix="camera-frames-"))
            scene = camera_scene("https://example.org/menu")
            os.environ["V4L2CAM_FRAMES"] = write_frames(frames, [scene], pixel_format)  # type: ignore[arg-type]
        dialog = AddCredentialDialog(ctx, window)
        dialog.show()
        dialog.open_camera()
        scanner = dialog.camera
        if scanner is not None and scanner.has_camera:
            self.wait(5000, until=lambda: "credential offer" in scanner.status_text)
            self.save("add-camera", dialog)
        else:
            self.save("add-no-camera", dialog)
        dialog.close()

    def shot_review(self, ctx: Any, window: Any) -> None:
        """Offer review of a demo offer (link confirmation first for source 'link')."""
        offer_review = module("offer_review")
        if offer_review is None:
            note("  - review: wallet_app/gui/offer_review.py does not exist yet")
            return
        issuer = ctx.extras["demo_issuer"]
        offer = issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], grant="both", tx_code=True)
        offer_review.start_offer_review(ctx, offer.uri, "link", window)
        first = self.wait(3000, lambda: self.top_level("OfferReviewDialog"))
        dialog = self.top_level("OfferReviewDialog")
        if first and dialog is not None:
            self.save("review-link", dialog)
        self.close_dialogs(window)
        offer = issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], grant="both", tx_code=True)
        offer_review.start_offer_review(ctx, offer.uri, "demo", window)
        self.wait(5000, lambda: self._review_ready())
        dialog = self.top_level("OfferReviewDialog")
        if dialog is None:
            note("  ! review: no OfferReviewDialog appeared")
            return
        self.wait(800)  # logos load
        dialog.resize(max(dialog.width(), 620), max(dialog.height(), 560))
        self.save("review", dialog)

    def _review_ready(self) -> bool:
        dialog = self.top_level("OfferReviewDialog")
        if dialog is None:
            return False
        ready = getattr(dialog, "resolved", None)
        return ready is not None or not hasattr(dialog, "resolved")

    def shot_tx_code(self, window: Any) -> None:
        """The transaction code dialog."""
        tx_code_dialog = module("tx_code_dialog")
        if tx_code_dialog is None:
            note("  - txcode: wallet_app/gui/tx_code_dialog.py does not exist yet")
            return
        from wallet_app.demo_issuer.pages import text
        from wallet_app.oid4vci.models import TxCode

        # the issuer's prompt as the demo issuer writes it for a wallet in this language
        prompt = text("Enter the 6-digit code we sent you by e-mail", self.lang)  # type: ignore[arg-type]
        spec = TxCode("numeric", 6, prompt)
        self.save("txcode", tx_code_dialog.TxCodeDialog(spec, "127.0.0.1:8080", window))

    def shot_flows(self, ctx: Any, window: Any) -> None:
        """The flow dialog: running, waiting for the browser, success, failure with details."""
        flow_start = module("flow_start")
        if flow_start is None:
            note("  - flow: wallet_app/gui/flow_start.py does not exist yet")
            return
        issuer = ctx.extras["demo_issuer"]

        def start(grant: str, *, tx: bool = False) -> Any:
            offer = issuer.create_offer(["pid_sd_jwt"], grant=grant, tx_code=tx)
            flow = ctx.wallet.new_flow("screenshot")
            resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
            return flow_start.start_issuance(ctx, resolved, tx_code=offer.tx_code, parent=window)

        def dialog() -> Any:
            return self.top_level("FlowDialog")

        issuer.faults.latency = 1.5
        start("pre-authorized_code", tx=True)
        self.wait(1200, dialog)
        self.wait(1200)
        if dialog() is not None:
            self.save("flow-running", dialog())
        issuer.faults.latency = 0.0
        self.wait(8000, lambda: dialog() is None or self._flow_done(dialog()))
        self.close_dialogs(window)

        flow = start("authorization_code")
        waiting: list[str] = []
        flow.waiting_for_browser.connect(lambda url: waiting.append(str(url)))
        self.wait(5000, lambda: waiting)
        if dialog() is not None:
            self.save("flow-browser", dialog())
        flow.cancel()
        self.wait(300)
        self.close_dialogs(window)

        flow = start("pre-authorized_code")
        done: list[object] = []
        flow.finished.connect(lambda result: done.append(True))
        self.wait(8000, lambda: done)
        self.wait(600)
        if dialog() is not None:
            self.save("flow-success", dialog())
        self.close_dialogs(window)

        issuer.faults.fail_next(
            "credential", 400, "invalid_credential_request", "proof type 'cwt' is not supported"
        )
        flow = start("pre-authorized_code")
        failed: list[object] = []
        flow.failed.connect(lambda exc: failed.append(True))
        self.wait(8000, lambda: failed)
        shown = dialog()
        if shown is not None:
            self.expand_details(shown)
            shown.resize(max(shown.width(), 720), max(shown.height(), 640))
            self.save("flow-failure", shown)

    def shot_presentation(self, ctx: Any, window: Any) -> None:
        """Presentation mode (larger type for projectors): the window with the demo panel, and
        a finished flow with its sequence diagram."""
        from PySide6.QtCore import Qt

        from wallet_app.gui.demo_panel import DemoPanel

        flow_start = module("flow_start")
        window.set_presentation_mode(True)
        try:
            docked = window.findChild(DemoPanel)
            if docked is None:
                docked = DemoPanel(ctx, window)
                window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docked)
            docked.show()
            self.fill_screen(window)
            self.save("presentation-main", window)
            docked.hide()
            if flow_start is None:
                return
            offer = ctx.extras["demo_issuer"].create_offer(["pid_sd_jwt"], tx_code=True)
            flow = ctx.wallet.new_flow("screenshot")
            resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
            issuance = flow_start.start_issuance(
                ctx, resolved, tx_code=offer.tx_code, parent=window
            )
            done: list[object] = []
            issuance.finished.connect(lambda result: done.append(True))
            self.wait(8000, lambda: done)
            self.wait(800)
            dialog = self.top_level("FlowDialog")
            if dialog is not None:
                self.save("presentation-flow", dialog)
        finally:
            self.close_dialogs(window)
            window.set_presentation_mode(False)
            self.wait(100)

    def _flow_done(self, dialog: Any) -> bool:
        return not dialog.isVisible()

    def expand_details(self, root: Any) -> None:
        """Open the technical-details fold of a failure view (a checkable 'details' button)."""
        from PySide6.QtWidgets import QAbstractButton

        for button in root.findChildren(QAbstractButton):
            label = (button.text() or button.accessibleName() or "").lower()
            if ("detail" in label or "einzelheit" in label) and button.isVisible():
                if button.isCheckable():
                    button.setChecked(True)
                else:
                    button.click()
                self.wait(100)
                return

    def shot_details(self, ctx: Any, window: Any, result: Any) -> None:
        """Credential details: claims tab and raw tab."""
        credential_view = module("credential_view")
        if credential_view is None:
            note("  - details: wallet_app/gui/credential_view.py does not exist yet")
            return
        from PySide6.QtWidgets import QTabWidget

        for index, stored in enumerate([result.credentials[0], *self._mdoc(ctx)]):
            dialog = credential_view.CredentialDetailsDialog(ctx, stored.id, window)
            dialog.resize(max(dialog.width(), 760), max(dialog.height(), 680))
            suffix = "" if index == 0 else "-mdoc"
            self.wait(500)
            self.save(f"details{suffix}", dialog)
            tabs = dialog.findChild(QTabWidget)
            if tabs is not None and tabs.count() > 1:
                tabs.setCurrentIndex(tabs.count() - 1)
                self.save(f"details-raw{suffix}", dialog)
            dialog.close()

    def _mdoc(self, ctx: Any) -> list[Any]:
        return [c for c in ctx.store.list_credentials() if c.format == "mso_mdoc"][:1]

    def shot_explorer(self, ctx: Any, window: Any) -> None:
        """The issuer explorer, loaded with the demo issuer."""
        explorer = module("explorer")
        if explorer is None:
            note("  - explorer: wallet_app/gui/explorer.py does not exist yet")
            return
        win = explorer.ExplorerWindow(ctx, window)
        win.resize(1200, 800)  # the screen fit shrinks it on a smaller screen
        edit = getattr(win, "url_edit", None)
        if edit is not None and callable(getattr(win, "explore", None)):
            edit.setText(ctx.demo_base_url)
            win.explore()
            self.wait(300)
            self.wait(5000, lambda: not ctx.jobs.active)
            self.wait(500)
        self.save("explorer", win)

    def shot_inspector(self, ctx: Any, window: Any, result: Any) -> None:
        """The protocol inspector on the first issuance."""
        inspector = module("inspector")
        if inspector is None:
            note("  - inspector: wallet_app/gui/inspector.py does not exist yet")
            return
        win = inspector.InspectorWindow(ctx, result.flow_id, window)
        win.resize(1200, 800)
        self.wait(800)
        self.save("inspector", win)
        views = getattr(win, "views", None)
        if views is not None and views.count() > 1:  # the sequence diagram tab
            views.setCurrentIndex(1)
            self.wait(600)
            self.save("inspector-sequence", win)

    def shot_history(self, ctx: Any, window: Any, result: Any) -> None:
        """The wallet's activity and one card's activity."""
        history_view = module("history_view")
        if history_view is None:
            note("  - history: wallet_app/gui/history_view.py does not exist yet")
            return
        dialog = history_view.HistoryDialog(ctx, None, window)
        self.wait(800)
        self.save("history", dialog)
        dialog.close()
        dialog = history_view.HistoryDialog(ctx, result.credentials[0].id, window)
        self.wait(800)
        self.save("history-card", dialog)
        dialog.close()

    def shot_card_menu(self, window: Any) -> None:
        """The context menu of the first card, drawn where it opens over the main window."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QPainter

        view = getattr(window, "list_view", None)
        card_menu = getattr(window, "card_menu", None)
        make = getattr(card_menu, "menu_for", card_menu)  # a CardMenu, or a method of old
        if view is None or not callable(make):
            note("  - menu: the main window has no card menu yet")
            return
        index = view.model().index(0, 0)
        view.setCurrentIndex(index)
        where = view.viewport().mapToGlobal(view.visualRect(index).center())
        menu = make(index)
        menu.popup(where)
        self.wait(400)
        picture = window.grab()
        painter = QPainter(picture)
        painter.drawPixmap(menu.pos() - window.mapToGlobal(QPoint(0, 0)), menu.grab())
        painter.end()
        texts = widget_texts(menu)
        self.save("main-menu", window, picture)
        if self.report is not None:
            self.report["main-menu"]["texts"] += texts
        menu.close()

    def shot_settings(self, ctx: Any, window: Any) -> None:
        """The settings dialog, with the link-handler section (a fake of the desktop: the
        wallet is not the handler yet), then after "Make default"."""
        settings_dialog = module("settings_dialog")
        if settings_dialog is None:
            note("  - settings: wallet_app/gui/settings_dialog.py does not exist yet")
            return
        desktop = FakeDesktop()
        with_links = dataclasses.replace(ctx, link_handler=desktop.handler())
        dialog = settings_dialog.SettingsDialog(with_links, window)
        section = dialog.handler_section
        self.wait(3000, lambda: section is None or section.make_button.isEnabled())
        self.save("settings", dialog)
        if section is not None:
            section.make_button.click()
            self.wait(3000, lambda: section.remove_button.isEnabled())
            self.save("settings-handler-done", dialog)
        dialog.close()

    def shot_first_run(self, ctx: Any) -> None:
        """The first-run offer above the cards (a desktop run, the wallet not yet the handler),
        at full and at a small window size, then its outcome."""
        from wallet_app.gui.main_window import MainWindow

        desktop = FakeDesktop()
        run = dataclasses.replace(ctx, demo_base_url=None, link_handler=desktop.handler())
        window = MainWindow(run)
        window.handler_offer.path = Path(tempfile.mkdtemp(prefix="prefs-")) / "settings.json"
        window.show()
        self.fill_screen(window)
        window.handler_offer.check()
        self.wait(3000, lambda: window.handler_offer.bar is not None)
        self.wait(400)
        self.save("firstrun", window)
        window.resize(640, 480)
        self.save("firstrun-small", window)
        self.fill_screen(window)
        window.handler_offer.make_default()
        self.wait(3000, lambda: desktop.default)
        self.wait(300)
        self.save("firstrun-done", window)
        window.close()

    def shot_demo_banner(self, ctx: Any) -> None:
        """A throw-away demo wallet: the banner above the cards (also small)."""
        from wallet_app.gui.main_window import MainWindow

        window = MainWindow(dataclasses.replace(ctx, throwaway_store=True))
        window.show()
        self.fill_screen(window)
        self.wait(600)
        self.save("demo-banner", window)
        window.resize(640, 480)
        self.save("demo-banner-small", window)
        window.close()

    def shot_trust(self, ctx: Any, window: Any) -> None:
        """Issuer trust: cards of each verdict, details, Why?, accept, review, settings."""
        from trust_shots import shoot_trust

        shoot_trust(self, ctx, window)

    def shot_passphrase(self, window: Any) -> None:
        """No keyring at start-up: create a passphrase wallet (empty, then a mismatch), and
        the unlock prompt of the next start."""
        from wallet_app.gui.passphrase_dialog import PassphraseDialog
        from wallet_app.gui.passphrase_setup import CreatePassphraseDialog

        folder = Path.home() / ".local/share/wallet-app"
        dialog = CreatePassphraseDialog(folder, window)
        self.save("passphrase-create", dialog)
        dialog.edit.setText("correct horse battery")
        dialog.repeat.setText("correct horse batery")
        dialog.create_button.click()
        self.save("passphrase-create-mismatch", dialog)
        dialog.close()
        unlock = PassphraseDialog(folder, window)
        self.save("passphrase-unlock", unlock)
        unlock.close()


def describe(widget: Any) -> str:
    """``Class#objectName`` of ``widget`` (the object name only when it has one)."""
    name = widget.objectName()
    return type(widget).__name__ + (f"#{name}" if name else "")


def plain(text: str) -> str:
    """``text`` without markup when it is rich text."""
    import re

    from PySide6.QtGui import QTextDocumentFragment

    rich = re.search(r"<(?:[a-zA-Z][^<>]*|/[a-zA-Z]+)>", text) is not None
    return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text


def widget_texts(root: Any) -> list[list[str]]:
    """Every user-visible text of ``root`` and its shown children: [widget, kind, text] for
    titles, labels, buttons, tooltips, placeholders, group and tab titles, combo items, item
    view headers and cells, actions and menus, accessible names and descriptions."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    found: list[list[str]] = []

    def add(widget: Any, kind: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            found.append([describe(widget), kind, plain(text)])

    def actions(widget: Any, owner: Any, depth: int = 0) -> None:
        for action in widget.actions():
            if not action.isVisible() or action.isSeparator():
                continue
            add(owner, "action", action.text().replace("&", ""))
            add(
                owner,
                "action tooltip",
                action.toolTip() if action.toolTip() != action.text().replace("&", "") else "",
            )
            if action.menu() is not None and depth < 3:
                actions(action.menu(), owner, depth + 1)

    def model_texts(view: Any) -> None:
        model = view.model()
        if model is None or not hasattr(model, "rowCount"):
            return
        try:
            model.columnCount(QModelIndex())
        except TypeError:  # a view's internal model (its columnCount is private in Python)
            return
        for orientation in (Qt.Orientation.Horizontal,):
            for section in range(model.columnCount(QModelIndex())):
                add(view, "header", model.headerData(section, orientation))

        def rows(parent: Any, depth: int) -> None:
            for row in range(min(model.rowCount(parent), 100)):
                for column in range(model.columnCount(parent)):
                    index = model.index(row, column, parent)
                    add(view, "cell", model.data(index))
                    add(view, "cell tooltip", model.data(index, Qt.ItemDataRole.ToolTipRole))
                if depth < 2:
                    rows(model.index(row, 0, parent), depth + 1)

        rows(QModelIndex(), 0)

    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget.isWindow():
            add(widget, "title", widget.windowTitle())
        add(widget, "tooltip", widget.toolTip())
        add(widget, "accessible name", widget.accessibleName())
        add(widget, "accessible description", widget.accessibleDescription())
        if isinstance(widget, QLabel):
            add(widget, "label", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, "button", widget.text().replace("&", ""))
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(widget, "placeholder", widget.placeholderText())
            if widget.isReadOnly():
                for line in widget.toPlainText().splitlines():
                    add(widget, "text", line)
        elif isinstance(widget, QGroupBox):
            add(widget, "group", widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, "tab", widget.tabText(i).replace("&", ""))
                add(widget, "tab tooltip", widget.tabToolTip(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, "item", widget.itemText(i))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QComboBox):
            model_texts(widget)
        actions(widget, widget)
    return found


class FakeDesktop:
    """A fake of the desktop's link settings (screenshots must not change the real ones)."""

    def __init__(self) -> None:
        self.default = False

    def handler(self) -> Any:
        from wallet_app.gui.context import LinkHandler

        def register() -> str:
            self.default = True
            return "registered"

        def unregister() -> str:
            self.default = False
            return "unregistered"

        return LinkHandler(lambda: self.default, register, unregister)


def shoot(out: Path, combo: str, only: set[str], size: str = "", report: Path | None = None) -> int:
    """Take the screens of one language/theme pair in this process (``size`` names the
    screen in the file names; the caller's environment sets it)."""
    import json

    from PySide6.QtWidgets import QApplication

    from wallet_app.gui.i18n import install_translator
    from wallet_app.gui.screen_fit import install_screen_fit
    from wallet_app.gui.theme import apply_theme

    lang, theme = combo.split("-")
    os.environ["WALLET_APP_THEME"] = theme
    QApplication.setApplicationName("wallet-app-screenshots")
    QApplication.setApplicationDisplayName("Wallet")
    app = QApplication([sys.argv[0]])
    install_translator(app, [lang])
    apply_theme(app)
    install_screen_fit(app)
    shooter = Shooter(out, lang, theme, only, size, report=report is not None)
    shooter.run()
    note(f"{combo} {size}: {len(shooter.taken)} screenshots")
    if report is not None:
        screen = app.primaryScreen()
        report.write_text(
            json.dumps(
                {
                    "combo": combo,
                    "size": size,
                    "screen": [screen.size().width(), screen.size().height()],
                    "scale": screen.devicePixelRatio(),
                    "screens": shooter.report,
                },
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    app.processEvents()
    return 0


def main() -> int:
    """Run one process per language/theme pair (or one pair with ``--only-combo``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only-combo", choices=COMBOS)
    parser.add_argument("--combos", default=",".join(COMBOS), help="comma-separated pairs")
    parser.add_argument("--only", default="", help="comma-separated screen name prefixes")
    parser.add_argument(
        "--sizes",
        default=",".join(SIZES),
        help="comma-separated screens, WIDTHxHEIGHT[@SCALE]; empty: the current screen, "
        "no size in the file names",
    )
    parser.add_argument("--size", default="", help="(with --only-combo) the size to name")
    parser.add_argument("--report", type=Path, help="(with --only-combo) write a JSON report")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    only = {o for o in args.only.split(",") if o}
    if args.only_combo:
        return shoot(args.out, args.only_combo, only, args.size, args.report)
    status = 0
    sizes = [s for s in args.sizes.split(",") if s] or [""]
    with emulated_camera() as camera, tempfile.TemporaryDirectory(prefix="screens-") as tmp:
        for size in sizes:
            screen = size_env(size, Path(tmp)) if size else {}
            for combo in args.combos.split(","):
                cmd = [sys.executable, __file__, "--out", str(args.out), "--only-combo", combo]
                cmd += ["--size", size] if size else []
                if args.only:
                    cmd += ["--only", args.only]
                env = {**os.environ, **camera, **screen}
                status |= subprocess.run(cmd, timeout=300, env=env, check=False).returncode
    return status


@contextlib.contextmanager
def emulated_camera() -> Iterator[dict[str, str]]:
    """The environment that shows the pair processes a webcam, or {} (with a note why not)."""
    from tests.support.camera import build_library, camera_env, make_device_node

    if os.geteuid() != 0:
        note("camera: not root, so no /dev/videoN for the emulated webcam")
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="v4l2cam-") as tmp:
        try:
            library = build_library(Path(tmp))
            device = make_device_node()
        except (OSError, RuntimeError) as exc:
            note(f"camera: no emulated webcam ({exc})")
            yield {}
            return
        try:
            log = Path(tmp) / "v4l2cam.log"
            yield camera_env(library, device, log, pixel_format="YUYV", mmap_only=False)
        finally:
            device.unlink(missing_ok=True)


if __name__ == "__main__":
    raise SystemExit(main())
