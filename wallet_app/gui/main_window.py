"""The main window: the credential cards, search, the empty state, and the doors to every screen.

Screens owned by other modules are imported inside their slots, so the window starts fast.
The imports are plain ``from wallet_app.gui import …`` statements (never a name computed at
run time), so a freezer such as PyInstaller finds every screen, and a broken screen raises
its ImportError instead of hiding as "not available".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from wallet_app.errors import WalletError
from wallet_app.gui.app_icon import app_icon
from wallet_app.gui.attention import CardHighlight, Notifier, front_dialog
from wallet_app.gui.card_delegate import EmptyState
from wallet_app.gui.card_list import card_list_view
from wallet_app.gui.card_menu import CardMenu
from wallet_app.gui.context import GuiContext
from wallet_app.gui.credential_model import CredentialFilterProxy, CredentialListModel, Roles
from wallet_app.gui.deferred_poller import DeferredPoller
from wallet_app.gui.images import image_cache_for
from wallet_app.gui.info_bar import BarArea, InfoBar, demo_banner
from wallet_app.gui.link_handler import HandlerOffer
from wallet_app.gui.main_actions import build_actions
from wallet_app.gui.main_menus import build_menus, build_toolbar, set_tab_order
from wallet_app.gui.messages import user_text
from wallet_app.gui.status_refresh import load_cards, wire_status_refresh
from wallet_app.gui.window_state import (
    WindowState,
    apply_window_state,
    capture_window_state,
    first_run_geometry,
    load_window_state,
    save_window_state,
    scale_app_font,
)
from wallet_app.uris import is_redirect_uri
from wallet_app.wallet.store import StoredCredential

__all__ = ["EmptyState", "MainWindow"]

log = logging.getLogger(__name__)

#: the app font's scale in presentation mode (for projectors)
PRESENTATION_SCALE = 1.4


class MainWindow(QMainWindow):
    """The wallet's main window (issue 3 item 1)."""

    # its actions, made by main_actions.build_actions
    add_action: QAction
    explore_action: QAction
    inspector_action: QAction
    settings_action: QAction
    demo_action: QAction
    quit_action: QAction
    log_action: QAction
    find_action: QAction
    activity_action: QAction
    presentation_action: QAction
    status_action: QAction
    scan_menu: QMenu

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Wallet"))
        self.setWindowIcon(app_icon())
        # the first-run size: a share of the screen, never past it
        self.setGeometry(first_run_geometry(self.screen().availableGeometry()))
        #: where the window state is remembered (set by :meth:`restore_state`)
        self.state_path: Path | None = None
        self._base_font_size: float | None = None
        self.stray_bar: InfoBar | None = None
        self.images = image_cache_for(ctx.extras, ctx.jobs, ctx.settings)
        self.model = CredentialListModel(ctx.settings.locales, self, ctx=ctx)
        self.proxy = CredentialFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.demo_dock: QDockWidget | None = None
        self._resets = 0
        self.model.modelReset.connect(self._count_reset)
        self._loading = False
        self._reload = False
        self._pending_show: str | None = None
        self._build_list()
        self._build_pages()
        build_actions(self)
        wire_status_refresh(self)
        self._build_toolbar_and_menus()
        self.poller = DeferredPoller(ctx, self.model, self)
        ctx.events.credentials_changed.connect(self.refresh)
        ctx.events.status_message.connect(self._on_status_message)
        ctx.events.offer_received.connect(self._on_offer_received)
        self.images.image_ready.connect(self._on_image_ready)
        ctx.events.show_credential.connect(self.show_credential)
        ctx.events.notify.connect(self._on_notify)
        self.notifier = Notifier(self)
        self.highlight = CardHighlight(self.list_view)
        self.card_menu = CardMenu(self)
        self.statusBar().setAccessibleName(self.tr("Status"))
        self.refresh()
        self.demo_banner: InfoBar | None = None
        if ctx.throwaway_store:  # says so for as long as the window is open
            self.demo_banner = self.bar_area.add_bar(demo_banner())
        self.handler_offer = HandlerOffer(ctx, self.bar_area, self)
        self.handler_offer.start()  # once the window has settled; only where it applies

    # -- building ------------------------------------------------------------------------------
    def _build_list(self) -> None:
        view = card_list_view(self.images, self.proxy)
        view.activated.connect(self._on_card_activated)
        view.setContentsMargins(12, 12, 12, 12)
        self.list_view = view
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

    def _build_pages(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search credentials"))
        self.search.setAccessibleName(self.tr("Search credentials"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self._on_search_changed)
        self.empty = EmptyState(self.ctx.demo_base_url is not None)
        self.empty.add_requested.connect(self.open_add_dialog)
        self.empty.demo_requested.connect(self.show_demo)
        self.no_match = QLabel(self.tr("No credential matches your search."))
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setAccessibleName(self.tr("No matches"))
        self.pages = QStackedWidget()
        for page in (self.empty, self.list_view, self.no_match):
            self.pages.addWidget(page)
        self.bar_area = BarArea(self.pages)  # message strips (first-run offer, demo) above
        self.setCentralWidget(self.bar_area)

    def _build_toolbar_and_menus(self) -> None:
        self.toolbar, self.scan_button = build_toolbar(self)
        build_menus(self)
        set_tab_order(self)

    # -- credentials ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the credential list from the store (in a job) and re-arm the poller."""
        if self._loading:
            self._reload = True  # a change arrived during the load: load again after it
            return
        self._loading, self._reload = True, False
        store = self.ctx.store
        self.ctx.jobs.run(
            lambda: load_cards(store), self._on_loaded, self._on_load_failed, owner=self
        )

    def _on_loaded(self, loaded: tuple[list[StoredCredential], Mapping[str, str]]) -> None:
        self._loading = False
        if self._reload:
            self.refresh()
            return
        credentials, verdicts = loaded
        self._keep_place(lambda: self.model.set_credentials(credentials, verdicts))
        self._update_page()
        if self._pending_show is not None:
            credential_id, self._pending_show = self._pending_show, None
            self.show_credential(credential_id)
        if any(c.status == "deferred" for c in credentials) and not self.poller.timer.isActive():
            self.poller.poll_now()  # it schedules the next poll from the entries' due times

    def _count_reset(self) -> None:
        self._resets += 1

    def _keep_place(self, update: Callable[[], None]) -> None:
        """Run ``update`` on the model keeping the scroll position and the selected card.

        The model changes rows incrementally (the selection follows by itself); after a reset
        the selected card is selected again. The batched layout would re-lay the cards bit by
        bit and clamp the scroll bar meanwhile, so the view is laid out at once first.
        """
        view = self.list_view
        bar = view.verticalScrollBar()
        selected, scroll = self.selected_credential_id(), bar.value()
        rows, resets = self.proxy.rowCount(), self._resets
        update()
        if selected is not None and self.selected_credential_id() != selected:
            row = self.model.row_of(selected)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row))
                view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        moved = bar.value() != scroll or rows != self.proxy.rowCount() or resets != self._resets
        if moved and scroll > 0 and self.pages.currentWidget() is view:
            view.setLayoutMode(QListView.LayoutMode.SinglePass)
            view.doItemsLayout()
            view.setLayoutMode(QListView.LayoutMode.Batched)
            bar.setValue(scroll)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = self._reload = False
        message = user_text(exc)
        self.statusBar().showMessage(self.tr("Could not read the wallet: {m}").format(m=message))

    def _update_page(self) -> None:
        if self.model.rowCount() == 0:
            self.pages.setCurrentWidget(self.empty)
        elif self.proxy.rowCount() == 0:
            self.pages.setCurrentWidget(self.no_match)
        else:
            self.pages.setCurrentWidget(self.list_view)

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_page()

    def _on_image_ready(self, _uri: str) -> None:
        self.list_view.viewport().update()

    def selected_credential_id(self) -> str | None:
        """The id of the selected card, or None."""
        index = self.list_view.currentIndex()
        value = index.data(Roles.Id) if index.isValid() else None
        return value if isinstance(value, str) else None

    def _on_card_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        credential_id = index.data(Roles.Id)
        if isinstance(credential_id, str):
            self.open_details(credential_id)

    def show_credential(self, credential_id: str) -> None:
        """Select the card of ``credential_id``, scroll to it and outline it briefly.

        A card not loaded yet (the list reloads after a flow) is shown once it arrives; a
        search that hides it is cleared."""
        row = self.model.row_of(credential_id)
        if row < 0:
            if self._loading or self._reload:  # arrives with the load under way
                self._pending_show = credential_id
            return
        index = self.proxy.mapFromSource(self.model.index(row))
        if not index.isValid():  # filtered out by the search
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row))
        self._update_page()
        view = self.list_view
        view.setLayoutMode(QListView.LayoutMode.SinglePass)  # lay out at once to scroll to it
        view.doItemsLayout()
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.highlight.flash(index)
        if self.isActiveWindow():
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_notify(self, title: str, body: str) -> None:
        self.notifier.notify(title, body)

    def open_activity(self, credential_id: str | None = None) -> None:
        """Open the activity history of one credential, or of the wallet (None)."""
        from wallet_app.gui.history_view import HistoryDialog

        dialog = HistoryDialog(
            self.ctx, credential_id if isinstance(credential_id, str) else None, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_details(self, credential_id: str) -> None:
        """Open the details dialog of one credential."""
        from wallet_app.gui.credential_view import CredentialDetailsDialog

        try:
            dialog = CredentialDetailsDialog(self.ctx, credential_id, self)
        except WalletError as exc:  # deleted meanwhile, or a damaged record (issue 11)
            from wallet_app.gui.card_damaged import cannot_open

            cannot_open(self, credential_id, exc)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def delete_selected(self) -> bool:
        """Ask, then delete the selected credential; True when it was deleted."""
        credential_id = self.selected_credential_id()
        if credential_id is None:
            return False
        from wallet_app.gui.credential_delete import confirm_and_delete

        name = self.list_view.currentIndex().data(Roles.Name)
        return confirm_and_delete(
            self.ctx, credential_id, self, name=name if isinstance(name, str) else None
        )

    # -- deferred issuance ---------------------------------------------------------------------
    def poll_deferred_now(self) -> None:
        """Poll the pending credentials that are due (never before the issuer's interval)."""
        self.poller.poll_now()

    # -- other screens -------------------------------------------------------------------------
    def open_add_dialog(self) -> None:
        """Open the "Add a credential" dialog (paste, drop, scan)."""
        from wallet_app.gui.offer_input import AddCredentialDialog

        dialog = AddCredentialDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def scan_qr(self, method: str) -> None:
        """Scan a QR code through the add dialog: ``scan_screen``, ``select_region``,
        ``choose_image_file`` or ``open_camera``."""
        from wallet_app.gui.offer_input import AddCredentialDialog

        dialog = AddCredentialDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        scan = getattr(dialog, method, None)
        if callable(scan):
            scan()

    def open_explorer(self) -> None:
        """Open the issuer explorer."""
        from wallet_app.gui.explorer import ExplorerWindow

        window = ExplorerWindow(self.ctx, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def open_inspector(self) -> None:
        """Open the protocol inspector (latest flow)."""
        from wallet_app.gui.inspector import InspectorWindow

        window = InspectorWindow(self.ctx, None, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def open_settings(self) -> None:
        """Open the settings dialog."""
        from wallet_app.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_log_folder(self) -> None:
        """Show the folder of the log file in the file manager."""
        from wallet_app.gui.log_folder import open_log_folder
        from wallet_app.logs import log_dir

        folder = log_dir()
        if not open_log_folder(folder):
            self.ctx.events.status_message.emit(
                self.tr("The log folder could not be opened. It is {path}").format(path=folder)
            )

    def show_demo(self) -> None:
        """Show the demo panel (demo mode only)."""
        self.demo_action.setChecked(True)
        self.toggle_demo(True)

    def toggle_demo(self, checked: bool = True) -> None:
        """Show or hide the demo dock."""
        if self.ctx.demo_base_url is None:
            return
        if self.demo_dock is None and checked:
            from wallet_app.gui.demo_panel import DemoPanel

            self.demo_dock = DemoPanel(self.ctx, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.demo_dock)
            self.demo_dock.visibilityChanged.connect(self.demo_action.setChecked)
            self.setTabOrder(self.list_view, self.demo_dock)
        if self.demo_dock is not None:
            self.demo_dock.setVisible(checked)

    # -- presentation mode and the remembered window state ------------------------------------
    def set_presentation_mode(self, on: bool) -> None:
        """Scale the application font by ``PRESENTATION_SCALE`` (projectors), or back."""
        if self._base_font_size is None:
            self._base_font_size = QApplication.font().pointSizeF()
        scale_app_font(self._base_font_size * (PRESENTATION_SCALE if on else 1.0))
        self.presentation_action.setChecked(on)

    def window_state(self) -> WindowState:
        """What the window looks like now, to be remembered."""
        return capture_window_state(self)

    def restore_state(self, path: Path) -> WindowState:
        """Apply the state saved in ``path`` (clamped to the available screen) and remember
        it there when the window closes. ``--demo`` opens with its panel unless the user hid
        it last time. Returns the state applied."""
        app = QApplication.instance()
        if self.state_path is None and app is not None:  # also when the app quits first
            app.aboutToQuit.connect(self._remember_state)
        self.state_path = path
        state = load_window_state(path)
        apply_window_state(self, state)
        return state

    def _remember_state(self) -> None:
        if self.state_path is not None and self.isVisible():
            save_window_state(self.state_path, self.window_state())

    def show_stray_redirect(self) -> None:
        """Say that a sign-in came back for no waiting flow (cancelled, closed, or from an
        earlier run) and what to do; the browser's tab cannot show it."""
        if self.stray_bar is not None and self.stray_bar.isVisible():
            return
        self.bring_to_front()
        bar = InfoBar(
            self.tr(
                "A sign-in came back from the browser, but the wallet was no longer waiting for "
                "it (that attempt was cancelled or closed). Nothing was added. To receive the "
                "credential, open the offer again and sign in once more."
            ),
            "warning",
            closable=True,
        )
        bar.setAccessibleName(self.tr("Sign-in not expected"))
        self.stray_bar = self.bar_area.add_bar(bar)
        bar.show()

    # -- outside world -------------------------------------------------------------------------
    def handle_uri(self, uri: str) -> None:
        """A URI from the OS or another instance: redirects to the flow, offers to review.

        The window comes to the front first, so the dialog the URI opens stays above it
        (without a window manager, raising the window afterwards covered the dialog)."""
        self.bring_to_front()
        if is_redirect_uri(uri):
            from wallet_app.oid4vci.authorize import redirect_params

            if redirect_params(uri).get("state") not in self.ctx.pending_states:
                self.show_stray_redirect()  # e.g. this wallet was started by the redirect
                return
            self.ctx.events.redirect_received.emit(uri)
        else:
            self.ctx.events.offer_received.emit(uri, "link")

    def bring_to_front(self) -> None:
        """Show, raise and activate the window (the window manager may only flash it)."""
        keep = front_dialog(self)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        # a dialog of the window (the flow waiting for this sign-in) stays in front with the
        # keyboard: activating the window alone sent Enter past the flow's Done button
        if keep is not None:
            keep.raise_()
            keep.activateWindow()

    def _on_offer_received(self, text: str, source: str) -> None:
        from wallet_app.gui.offer_review import start_offer_review

        start_offer_review(self.ctx, text, source, self)

    def _on_status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the poller and remember the window's state before the window goes."""
        self.poller.timer.stop()
        self._remember_state()
        if self._base_font_size is not None:  # the app may outlive the window (tests)
            self.set_presentation_mode(False)
        super().closeEvent(event)
