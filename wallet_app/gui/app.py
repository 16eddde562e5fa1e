"""Start the desktop wallet: single instance, a window at once, then the store and the rest.

Start-up is in two phases so that a window paints as early as a bare Qt window would:

1. before the first paint: QApplication, translation, theme, the single-instance channel and
   a light ``StartupWindow`` ("Opening your wallet…"); only Qt and the standard library load;
2. right after it (a zero-timer): the store is unlocked on a plain worker thread (the OS
   keyring may show an unlock prompt; after ~0.5 s the startup window says it waits for the
   keyring), asking for the passphrase when the wallet has one (``PassphraseDialog``), or,
   with no keyring and no wallet yet, offering a passphrase wallet (``CreatePassphraseDialog``);
   the log file is set up here too (``logs.configure_file_logging``); then, on the GUI
   thread, ``MainWindow`` replaces the startup window at the same place and size, and URIs
   that arrived meanwhile (buffered by ``UriBridge``) are handed to it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QWidget,
)

from wallet_app import __version__
from wallet_app.errors import WalletError
from wallet_app.gui.startup import PROBE_ENV, PaintProbe, StartupWindow
from wallet_app.host.single_instance import AlreadyRunning, InstanceServer, forward_uris
from wallet_app.settings import Settings

if TYPE_CHECKING:
    from wallet_app.demo_issuer import RunningIssuer
    from wallet_app.gui.context import LinkHandler
    from wallet_app.gui.main_window import MainWindow
    from wallet_app.gui.passphrase_dialog import PassphraseDialog
    from wallet_app.gui.passphrase_setup import CreatePassphraseDialog
    from wallet_app.wallet.store import CredentialStore

__all__ = ["StartupWindow", "UriBridge", "WalletOpening", "run_gui", "wire_window"]

log = logging.getLogger(__name__)


class UriBridge(QObject):
    """Carries URIs from the single-instance channel thread to the GUI thread.

    Offers are always accepted (the user reviews them); a redirect is accepted only when a
    flow waits for its ``state``. URIs that arrive before the window is ready are buffered.
    """

    uri_arrived = Signal(str)
    #: a second launch without a URI: bring the window to the front
    activate_requested = Signal()
    #: a redirect arrived that no flow waits for (cancelled, closed, an earlier run): the
    #: handing-off process only prints the refusal, so the window must say it (issue 8 P3)
    redirect_refused = Signal()

    def __init__(self, ctx_states: set[str], *, hold: bool = False) -> None:
        super().__init__()
        self._states = ctx_states
        self._lock = threading.Lock()
        # while start-up is still building the window, accepted URIs wait here
        self._held: list[str] | None = [] if hold else None
        self._refused_while_held = False

    def release(self) -> list[str]:
        """Stop holding: return the URIs held so far; later ones are emitted as they come.
        A redirect refused meanwhile is reported now (``redirect_refused``)."""
        with self._lock:
            held, self._held = self._held or [], None
            refused, self._refused_while_held = self._refused_while_held, False
        if refused:
            self.redirect_refused.emit()
        return held

    def on_uris(self, uris: tuple[str, ...]) -> tuple[bool, str | None]:
        """Single-instance callback (server thread)."""
        if not uris:
            self.activate_requested.emit()
            return True, None
        from wallet_app.oid4vci.authorize import redirect_params
        from wallet_app.uris import is_redirect_uri

        for uri in uris:
            if is_redirect_uri(uri) and redirect_params(uri).get("state") not in self._states:
                with self._lock:
                    held = self._held is not None
                    self._refused_while_held = self._refused_while_held or held
                if not held:
                    self.redirect_refused.emit()  # queued to the GUI thread
                return False, "The wallet is not waiting for this sign-in. Start again."
        with self._lock:
            if self._held is not None:
                self._held.extend(uris)
                return True, None
        for uri in uris:
            self.uri_arrived.emit(uri)  # queued to the GUI thread
        return True, None


def wire_window(bridge: UriBridge, window: MainWindow) -> None:
    """Connect the single-instance channel's bridge to the main window (queued: the bridge
    emits on the channel's thread)."""
    from PySide6.QtCore import Qt

    queued = Qt.ConnectionType.QueuedConnection
    bridge.uri_arrived.connect(window.handle_uri, queued)
    bridge.activate_requested.connect(window.bring_to_front, queued)
    bridge.redirect_refused.connect(window.show_stray_redirect, queued)


def _fatal(message: str, detail: str | None = None) -> int:
    sys.stderr.write(message + "\n")
    if os.environ.get("WALLET_APP_FATAL_NO_DIALOG"):  # tests: no modal dialog to dismiss
        return 1
    box = QMessageBox(QMessageBox.Icon.Critical, "Wallet", message)
    if detail:
        box.setDetailedText(detail)
    box.exec()
    return 1


def _become_primary(server: InstanceServer, uris: Sequence[str]) -> int | None:
    """Listen on the single-instance channel. None when this process is the wallet, else its
    exit code: another wallet runs (and was brought to the front), or the channel failed (a
    message in the UI language says why)."""
    try:
        try:
            server.start()
        except AlreadyRunning:
            forward_uris(list(uris))
            return 0
    except WalletError as exc:  # the channel's folder or socket, or no answer from the other
        from wallet_app.gui.messages import user_text

        return _fatal(user_text(exc), exc.detail)
    return None


class _Session:
    """Everything phase 2 builds, closed in reverse order at exit."""

    def __init__(self) -> None:
        self.closers: list[Callable[[], None]] = []
        self.window: MainWindow | None = None
        self.demo_server: RunningIssuer | None = None
        #: the desktop's link-handler calls (set by run_gui; tests leave it None)
        self.link_handler: LinkHandler | None = None

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:  # shutting down: log and go on closing the rest
                log.exception("error while closing")


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
    if demo_server is not None:
        ctx.extras["demo_issuer"] = demo_server.issuer
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


def run_gui(settings: Settings, *, demo: bool = False, uris: Sequence[str] = ()) -> int:
    """Run the desktop app until its window closes; return the exit code."""
    if uris:
        delivery = forward_uris(list(uris))
        if delivery is not None:
            return 0 if delivery.accepted else 1
    QApplication.setApplicationName("wallet-app")
    QApplication.setApplicationDisplayName("Wallet")
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("io.github.walletapp")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from wallet_app.gui.app_icon import app_icon

    app.setWindowIcon(app_icon())  # every window, dialog and the task bar entry
    from wallet_app.gui.i18n import install_translator
    from wallet_app.gui.theme import apply_theme

    install_translator(app, settings.locales)
    apply_theme(app)

    states: set[str] = set()
    bridge = UriBridge(states, hold=True)  # URIs wait until the main window exists
    server = InstanceServer(bridge.on_uris)
    exit_code = _become_primary(server, uris)
    if exit_code is not None:
        return exit_code
    from wallet_app.gui.file_open import install_file_open_filter

    install_file_open_filter(app, bridge.on_uris)  # macOS sends links as QFileOpenEvents

    probe = PaintProbe(app) if os.environ.get(PROBE_ENV) else None
    startup = StartupWindow()
    if probe is not None:
        probe.watch(startup, "PAINTED")
    startup.show()
    session = _Session()
    failure: list[int] = []
    opening: list[WalletOpening] = []

    def failed(exc: object) -> None:
        from wallet_app.gui.messages import user_text

        startup.hide()
        if not isinstance(exc, BaseException):  # the user chose Quit at the passphrase
            app.quit()
            return
        # the start-up triage point: a message, never a stuck window
        if not isinstance(exc, WalletError):
            log.error("the wallet could not start", exc_info=exc)
        detail = exc.detail if isinstance(exc, WalletError) else f"{type(exc).__name__}: {exc}"
        failure.append(_fatal(user_text(exc), detail))
        app.quit()

    def finish_startup() -> None:
        from wallet_app.gui.context import LinkHandler
        from wallet_app.logs import configure_file_logging  # after the paint: ~6 ms of imports

        configure_file_logging()
        from wallet_app.gui.screen_fit import install_screen_fit

        install_screen_fit(app)  # every window and dialog fits its screen (960x540 and up)
        from PySide6.QtCore import QRect

        from wallet_app.gui.window_state import (
            clamp_to,
            first_run_geometry,
            load_window_state,
            window_state_path,
        )

        # the startup window stands where the wallet will: where it was last time, or a
        # share of the screen on the first run
        saved = load_window_state(window_state_path()).geometry
        available = startup.screen().availableGeometry()
        startup.setGeometry(
            clamp_to(QRect(*saved), available) if saved else first_run_geometry(available)
        )
        session.link_handler = LinkHandler.of_desktop()
        phase2 = WalletOpening(settings, demo, states, session, startup)
        opening.append(phase2)
        phase2.ready.connect(show_window)
        phase2.failed.connect(failed)
        phase2.begin()

    def show_window(built: object) -> None:
        window = cast("MainWindow", built)
        session.window = window
        window.setGeometry(startup.geometry())
        wire_window(bridge, window)
        from wallet_app.gui.window_state import window_state_path

        window.restore_state(window_state_path())  # size, place, demo panel, presentation
        if probe is not None:
            probe.watch(window, "READY")
        window.show()
        startup.close()
        for uri in [*uris, *bridge.release()]:
            QTimer.singleShot(0, lambda u=uri: window.handle_uri(u))

    startup.first_painted.connect(finish_startup)  # emitted from a zero-timer after the paint
    try:
        code = app.exec()
    finally:
        from wallet_app.gui.screen_fit import uninstall_screen_fit

        uninstall_screen_fit(app)  # no Python event filter while windows go at exit
        session.close()
        server.close()
    return failure[0] if failure else code
