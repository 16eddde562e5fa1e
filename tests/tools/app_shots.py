"""The screenshot tool's screens of the app itself (main window, demo panel, add, review,
flows, details, explorer, inspector, history, presentation, settings, first run, demo banner,
passphrase): methods of :class:`AppScreens`, which ``screenshots.Shooter`` extends with its
plumbing (``save``, ``wait``, ``top_level``, ``fill_screen``, ``close_dialogs``)."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Any

from shot_kit import FakeDesktop, module, note, widget_texts

__all__ = ["AppScreens"]


class AppScreens:
    """The app's screens (a mixin of ``screenshots.Shooter``)."""

    # provided by Shooter
    lang: str
    report: dict[str, dict[str, Any]] | None

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
