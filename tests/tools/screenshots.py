"""PNG screenshots of every screen, in English and German, light and dark.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tests/tools/screenshots.py \
        --out screenshots/

Builds real data: a throw-away store, the demo issuer on 127.0.0.1 and real issuances for the
cards. Each language/theme pair runs in a fresh process (``--only-combo en-light``), so the
translator and palette are the ones a user gets at start-up. A screen whose module does not exist
yet is skipped with a note. Output: ``<screen>-<lang>-<theme>.png``.

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

    def __init__(self, out: Path, lang: str, theme: str, only: set[str]) -> None:
        self.out, self.lang, self.theme, self.only = out, lang, theme, only
        self.taken: list[str] = []

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

    def save(self, name: str, widget: Any) -> None:
        """Show, settle and grab ``widget`` as ``<name>-<lang>-<theme>.png``."""
        widget.show()
        widget.raise_()
        self.wait(350)
        path = self.out / f"{name}-{self.lang}-{self.theme}.png"
        if not widget.grab().save(str(path)):
            note(f"  ! could not save {path}")
        else:
            self.taken.append(path.name)

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
            window.resize(1180, 760)
            window.show()
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
                ("demo", lambda: self.shot_demo(ctx, window)),
                ("add", lambda: self.shot_add(ctx, window)),
                ("camera", lambda: self.shot_camera(ctx, window)),
                ("review", lambda: self.shot_review(ctx, window)),
                ("txcode", lambda: self.shot_tx_code(window)),
                ("flow", lambda: self.shot_flows(ctx, window)),
                ("details", lambda: self.shot_details(ctx, window, results[0])),
                ("explorer", lambda: self.shot_explorer(ctx, window)),
                ("inspector", lambda: self.shot_inspector(ctx, window, results[0])),
                ("settings", lambda: self.shot_settings(ctx, window)),
                ("firstrun", lambda: self.shot_first_run(ctx)),
                ("demo-banner", lambda: self.shot_demo_banner(ctx)),
                ("passphrase", lambda: self.shot_passphrase(window)),
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
        window.resize(1400, 880)
        self.save("main-demo", window)
        docked.hide()
        window.resize(1180, 760)

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
        from wallet_app.oid4vci.models import TxCode

        spec = TxCode("numeric", 6, "Enter the 6-digit code we sent you by e-mail")
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
        win.resize(1200, 800)
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
        window.resize(1180, 760)
        window.handler_offer.path = Path(tempfile.mkdtemp(prefix="prefs-")) / "settings.json"
        window.show()
        window.handler_offer.check()
        self.wait(3000, lambda: window.handler_offer.bar is not None)
        self.wait(400)
        self.save("firstrun", window)
        window.resize(640, 480)
        self.save("firstrun-small", window)
        window.resize(1180, 760)
        window.handler_offer.make_default()
        self.wait(3000, lambda: desktop.default)
        self.wait(300)
        self.save("firstrun-done", window)
        window.close()

    def shot_demo_banner(self, ctx: Any) -> None:
        """A throw-away demo wallet: the banner above the cards (also small)."""
        from wallet_app.gui.main_window import MainWindow

        window = MainWindow(dataclasses.replace(ctx, throwaway_store=True))
        window.resize(1180, 760)
        self.wait(600)
        self.save("demo-banner", window)
        window.resize(640, 480)
        self.save("demo-banner-small", window)
        window.close()

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


def shoot(out: Path, combo: str, only: set[str]) -> int:
    """Take the screens of one language/theme pair in this process."""
    from PySide6.QtWidgets import QApplication

    from wallet_app.gui.i18n import install_translator
    from wallet_app.gui.theme import apply_theme

    lang, theme = combo.split("-")
    os.environ["WALLET_APP_THEME"] = theme
    QApplication.setApplicationName("wallet-app-screenshots")
    QApplication.setApplicationDisplayName("Wallet")
    app = QApplication([sys.argv[0]])
    install_translator(app, [lang])
    apply_theme(app)
    shooter = Shooter(out, lang, theme, only)
    shooter.run()
    note(f"{combo}: {len(shooter.taken)} screenshots")
    app.processEvents()
    return 0


def main() -> int:
    """Run one process per language/theme pair (or one pair with ``--only-combo``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only-combo", choices=COMBOS)
    parser.add_argument("--combos", default=",".join(COMBOS), help="comma-separated pairs")
    parser.add_argument("--only", default="", help="comma-separated screen name prefixes")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    only = {o for o in args.only.split(",") if o}
    if args.only_combo:
        return shoot(args.out, args.only_combo, only)
    status = 0
    with emulated_camera() as camera:
        for combo in args.combos.split(","):
            cmd = [sys.executable, __file__, "--out", str(args.out), "--only-combo", combo]
            if args.only:
                cmd += ["--only", args.only]
            env = {**os.environ, **camera}
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
