"""Start-up phase 2 (see :mod:`wallet_app.gui.app`): the store is opened on a plain worker
thread (the OS keyring may show an unlock prompt; after ~0.5 s the startup window says it
waits for the keyring), the passphrase is asked for when the wallet has one
(``PassphraseDialog``), or, with no keyring and no wallet yet, a passphrase wallet is offered
(``CreatePassphraseDialog``); then the main window is built on the GUI thread.

Imported after the first paint only.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from wallet_app.errors import WalletError
from wallet_app.gui.startup import StartupWindow
from wallet_app.settings import Settings

if TYPE_CHECKING:
    from wallet_app.gui.app import _Session
    from wallet_app.gui.passphrase_dialog import PassphraseDialog
    from wallet_app.gui.passphrase_setup import CreatePassphraseDialog
    from wallet_app.wallet.store import CredentialStore

__all__ = ["WalletOpening"]

log = logging.getLogger(__name__)


class _OpenedStore:
    """What the worker hands to the GUI thread: the open store (and a throwaway folder)."""

    def __init__(
        self, store: CredentialStore, throwaway: tempfile.TemporaryDirectory[str] | None
    ) -> None:
        self.store = store
        self.throwaway = throwaway


def _needs_passphrase(exc: BaseException) -> bool:
    from wallet_app.errors import StorageError, UsageError

    return isinstance(exc, StorageError | UsageError) and exc.code == "passphrase_required"


def _open_store_blocking(settings: Settings, demo: bool, session: _Session) -> _OpenedStore:
    """Phase 2, worker thread: the store (may wait for the keyring).

    Raises WalletError; StorageError with code "passphrase_required" when the wallet has a
    passphrase and none was given.
    """
    from wallet_app.compose import open_store
    from wallet_app.host.secrets import MemorySecretStore, keyring_available
    from wallet_app.wallet.store import CredentialStore

    throwaway = None
    if demo and not settings.use_passphrase and not keyring_available():
        throwaway = tempfile.TemporaryDirectory(prefix="wallet-app-demo-")
        session.closers.append(throwaway.cleanup)
        store = CredentialStore.open(Path(throwaway.name), secrets=MemorySecretStore())
    else:
        # a passphrase wallet opened without one raises code "passphrase_required"
        store = open_store(settings)
    session.closers.append(store.close)
    return _OpenedStore(store, throwaway)


def _build_window(
    settings: Settings, demo: bool, states: set[str], session: _Session, opened: _OpenedStore
) -> QWidget:
    """Phase 2, GUI thread: protocol stack, context, main window. Raises WalletError."""
    from wallet_app.compose import make_http_client, wallet_options
    from wallet_app.gui.context import AppEvents, GuiContext
    from wallet_app.gui.jobs import JobRunner
    from wallet_app.gui.main_window import MainWindow
    from wallet_app.host.browser import open_in_browser
    from wallet_app.wallet.issuance import Wallet

    store = opened.store
    wallet = Wallet(store, lambda: make_http_client(settings), wallet_options(settings))
    session.closers.append(wallet.close)
    jobs = JobRunner()
    session.closers.append(jobs.shutdown)
    demo_server = session.demo_server if demo else None
    ctx = GuiContext(
        wallet=wallet,
        store=store,
        settings=settings,
        jobs=jobs,
        events=AppEvents(),
        open_browser=open_in_browser,
        demo_base_url=demo_server.base_url if demo_server else None,
        pending_states=states,
        link_handler=session.link_handler,
        throwaway_store=opened.throwaway is not None,
    )
    from wallet_app.gui.accept_invalid import install_accept_invalid
    from wallet_app.gui.status_refresh import trust_demo_issuer

    install_accept_invalid(wallet)  # asks whether to keep a credential that failed a check
    if demo_server is not None:
        ctx.extras["demo_issuer"] = demo_server.issuer
        trust_demo_issuer(ctx, demo_server.issuer.root_certificate_pem())
    from wallet_app.gui.images import close_image_cache

    session.closers.append(lambda: close_image_cache(ctx.extras))
    return MainWindow(ctx)


WindowBuilder = Callable[[Settings, bool, set[str], "_Session", _OpenedStore], QWidget]


class WalletOpening(QObject):
    """Phase 2: open the store on a plain worker thread, ask for the passphrase when the
    wallet has one, then build the main window on the GUI thread.

    ``ready(window)`` or ``failed(exc)`` fire once; ``failed(None)`` means the user chose Quit.
    The startup window keeps repainting meanwhile. Raises nothing.
    """

    ready = Signal(object)  # QWidget (the main window)
    failed = Signal(object)  # BaseException | None
    _store_opened = Signal(object)  # _OpenedStore, from the worker
    _store_failed = Signal(object)  # BaseException, from the worker

    def __init__(
        self,
        settings: Settings,
        demo: bool,
        states: set[str],
        session: _Session,
        startup: StartupWindow,
        *,
        build: WindowBuilder = _build_window,
        keyring_hint_ms: int = 500,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.demo = demo
        self.states = states
        self.session = session
        self.startup = startup
        self._build = build
        self._attempt = settings
        self.passphrase_dialog: PassphraseDialog | None = None
        #: no keyring and no wallet yet: the dialog that creates a passphrase wallet
        self.create_dialog: CreatePassphraseDialog | None = None
        self._folder_was_missing = False
        self._hint = QTimer(self)
        self._hint.setSingleShot(True)
        self._hint.setInterval(keyring_hint_ms)
        self._hint.timeout.connect(self._show_keyring_hint)
        from PySide6.QtCore import Qt  # phase 2: the enum namespace may load now

        self._store_opened.connect(self._on_opened, Qt.ConnectionType.QueuedConnection)
        self._store_failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def begin(self) -> None:
        """Start the demo issuer (``demo``; on the GUI thread), then open the store with the
        given settings on a worker thread."""
        if self.demo and self.session.demo_server is None:
            from wallet_app.demo_issuer import DemoConfig, serve

            try:
                # no batches here: only the panel's "Batch of three" issuer gives copies
                self.session.demo_server = serve(DemoConfig(batch_size=None))
            except Exception as exc:  # triaged by run_gui
                self.failed.emit(exc)
                return
            self.session.closers.append(self.session.demo_server.stop)
        self._folder_was_missing = not self.settings.data_dir.exists()
        self._launch(self.settings)

    def _launch(self, settings: Settings) -> None:
        self._attempt = settings
        if self.passphrase_dialog is None and self.create_dialog is None:
            self.startup.set_status(
                QCoreApplication.translate("StartupWindow", "Opening your wallet…")
            )
            if not settings.use_passphrase:
                self._hint.start()
        demo, session = self.demo, self.session
        opened_signal, failed_signal = self._store_opened, self._store_failed

        def work() -> None:
            try:
                opened = _open_store_blocking(settings, demo, session)
            except BaseException as exc:  # reported to the GUI thread, which triages
                with contextlib.suppress(RuntimeError):  # start-up was abandoned
                    failed_signal.emit(exc)
                return
            try:
                opened_signal.emit(opened)
            except RuntimeError:  # start-up was abandoned: nobody will close it
                opened.store.close()

        threading.Thread(target=work, name="open-wallet", daemon=True).start()

    def _show_keyring_hint(self) -> None:
        self.startup.set_status(
            QCoreApplication.translate("StartupWindow", "Waiting for the system keyring…")
        )

    def _on_opened(self, opened: object) -> None:
        assert isinstance(opened, _OpenedStore)
        self._hint.stop()
        dialog, self.passphrase_dialog = self.passphrase_dialog, None
        if dialog is not None:
            dialog.quit_requested.disconnect(self._on_quit)
            dialog.accept()
            dialog.deleteLater()
        created, self.create_dialog = self.create_dialog, None
        if created is not None:
            created.quit_requested.disconnect(self._on_quit)
            created.accept()
            created.deleteLater()
        try:
            window = self._build(self._attempt, self.demo, self.states, self.session, opened)
        except Exception as exc:  # the start-up triage point in run_gui
            self.failed.emit(exc)
            return
        self.ready.emit(window)

    def _on_failed(self, exc: object) -> None:
        from wallet_app.errors import KeyringError, StorageError, UsageError
        from wallet_app.gui.messages import user_text

        assert isinstance(exc, BaseException)
        self._hint.stop()
        created = self.create_dialog
        if created is not None:  # creating the passphrase wallet failed
            if isinstance(exc, WalletError):
                created.show_error(user_text(exc))  # e.g. the folder is not writable
                return
            self.create_dialog = None
            created.quit_requested.disconnect(self._on_quit)
            created.close()
            created.deleteLater()
            self.failed.emit(exc)
            return
        dialog = self.passphrase_dialog
        if dialog is not None:
            if isinstance(exc, StorageError | UsageError) and not isinstance(exc, KeyringError):
                dialog.show_error(user_text(exc))  # e.g. a wrong passphrase: try again
                return
            self.passphrase_dialog = None
            dialog.quit_requested.disconnect(self._on_quit)
            dialog.close()
            dialog.deleteLater()
            self.failed.emit(exc)
            return
        if _needs_passphrase(exc):
            self._ask_passphrase()
            return
        from wallet_app.gui.passphrase_setup import can_create_passphrase_wallet

        if can_create_passphrase_wallet(exc, self._attempt):
            self._offer_passphrase_wallet()
            return
        self.failed.emit(exc)

    def _offer_passphrase_wallet(self) -> None:
        from wallet_app.gui.passphrase_setup import CreatePassphraseDialog

        self.startup.set_status(
            QCoreApplication.translate("StartupWindow", "No system keyring is available.")
        )
        dialog = CreatePassphraseDialog(self.settings.data_dir, self.startup)
        self.create_dialog = dialog
        dialog.create_requested.connect(self._unlock)  # a new wallet is created with it
        dialog.quit_requested.connect(self._on_quit)
        dialog.open()

    def _ask_passphrase(self) -> None:
        from wallet_app.gui.passphrase_dialog import PassphraseDialog

        self.startup.set_status(
            QCoreApplication.translate("StartupWindow", "Your wallet is locked.")
        )
        dialog = PassphraseDialog(self.settings.data_dir, self.startup)
        self.passphrase_dialog = dialog
        dialog.unlock_requested.connect(self._unlock)
        dialog.quit_requested.connect(self._on_quit)
        dialog.open()

    def _unlock(self, passphrase: str) -> None:
        self._launch(self.settings.with_changes(use_passphrase=True, passphrase=passphrase))

    def _on_quit(self) -> None:
        if self.passphrase_dialog is not None:
            self.passphrase_dialog.deleteLater()
            self.passphrase_dialog = None
        if self.create_dialog is not None:
            from wallet_app.gui.passphrase_setup import remove_unfinished_wallet

            self.create_dialog.deleteLater()
            self.create_dialog = None
            # the failed keyring attempt left an empty database (and maybe the folder)
            remove_unfinished_wallet(self.settings.data_dir, remove_folder=self._folder_was_missing)
        self.failed.emit(None)
