"""Start the desktop wallet: single instance, a window at once, then the store and the rest.

Start-up is in two phases so that a window paints as early as a bare Qt window would:

1. before the first paint: QApplication, translation, theme, the single-instance channel and
   a light ``StartupWindow`` ("Opening your wallet…"); only Qt and the standard library load;
2. right after it (a zero-timer): the store is unlocked on a plain worker thread (the OS
   keyring may show an unlock prompt; after ~0.5 s the startup window says it waits for the
   keyring), asking for the passphrase when the wallet has one (``PassphraseDialog``), or,
   with no keyring and no wallet yet, offering a passphrase wallet (``CreatePassphraseDialog``);
   the log file is set up here too (``logs_file.configure_file_logging``); then, on the GUI
   thread, ``MainWindow`` replaces the startup window at the same place and size, and URIs
   that arrived meanwhile (buffered by ``UriBridge``) are handed to it. Phase 2 is
   :mod:`wallet_app.gui.wallet_opening`, imported after the paint.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
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
    from wallet_app.gui.wallet_opening import WalletOpening

__all__ = ["StartupWindow", "UriBridge", "run_gui", "wire_window"]

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
    # a worker holding the GIL (10,000 cards being read) delays each Qt call of the GUI
    # thread by up to the switch interval: 5 ms by default, 1 ms here (issue 11)
    sys.setswitchinterval(0.001)

    states: set[str] = set()
    bridge = UriBridge(states, hold=True)  # URIs wait until the main window exists
    server = InstanceServer(bridge.on_uris)
    exit_code = _become_primary(server, uris)
    if exit_code is not None:
        return exit_code
    from wallet_app.gui.file_open import install_file_open_filter

    install_file_open_filter(app, bridge.on_uris)  # macOS sends links as QFileOpenEvents

    probe = PaintProbe(app) if os.environ.get(PROBE_ENV) else None
    from wallet_app.gui.card_probe import scale_probe

    scale = scale_probe(app)  # None unless the scale benchmark asks for it
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
        from wallet_app.logs_file import configure_file_logging  # after the paint: ~6 ms of imports

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
        from wallet_app.gui.wallet_opening import WalletOpening

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
        if scale is not None:
            scale.watch(window)
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
