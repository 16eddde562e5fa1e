"""Start the desktop wallet: single instance, a window at once, then the store and the rest.

Start-up is in two phases so that a window paints as early as a bare Qt window would:

1. before the first paint: QApplication, translation, theme, the single-instance channel and
   a light ``StartupWindow`` ("Opening your wallet…"); only Qt and the standard library load;
2. right after it (a zero-timer): the store is unlocked (OS keyring), the protocol stack is
   imported, ``MainWindow`` replaces the startup window at the same place and size, and URIs
   that arrived meanwhile (buffered by ``UriBridge``) are handed to it.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from wallet_app import __version__
from wallet_app.host.single_instance import AlreadyRunning, InstanceServer, forward_uris
from wallet_app.settings import Settings

if TYPE_CHECKING:
    from wallet_app.demo_issuer import RunningIssuer
    from wallet_app.gui.main_window import MainWindow

__all__ = ["StartupWindow", "UriBridge", "run_gui"]

log = logging.getLogger(__name__)

#: Set by the start-up benchmark: print paint timestamps and quit once the wallet is ready.
_PROBE_ENV = "WALLET_APP_STARTUP_PROBE"


class UriBridge(QObject):
    """Carries URIs from the single-instance channel thread to the GUI thread.

    Offers are always accepted (the user reviews them); a redirect is accepted only when a
    flow waits for its ``state``. URIs that arrive before the window is ready are buffered.
    """

    uri_arrived = Signal(str)
    #: a second launch without a URI: bring the window to the front
    activate_requested = Signal()

    def __init__(self, ctx_states: set[str], *, hold: bool = False) -> None:
        super().__init__()
        self._states = ctx_states
        self._lock = threading.Lock()
        # while start-up is still building the window, accepted URIs wait here
        self._held: list[str] | None = [] if hold else None

    def release(self) -> list[str]:
        """Stop holding: return the URIs held so far; later ones are emitted as they come."""
        with self._lock:
            held, self._held = self._held or [], None
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
                return False, "The wallet is not waiting for this sign-in. Start again."
        with self._lock:
            if self._held is not None:
                self._held.extend(uris)
                return True, None
        for uri in uris:
            self.uri_arrived.emit(uri)  # queued to the GUI thread
        return True, None


class StartupWindow(QMainWindow):
    """The window shown while the wallet opens its store (phase 1).

    ``first_painted`` fires once its content has been painted: phase 2 starts from there, so
    the user sees a window before the slow part begins.
    """

    first_painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._painted = False
        self.setWindowTitle(self.tr("Wallet"))
        self.resize(1020, 680)
        label = QLabel(self.tr("Opening your wallet…"))
        label.setAccessibleName(self.tr("Opening your wallet"))
        label.installEventFilter(self)
        # centred with stretches: touching the Qt enum namespace here would cost ~80 ms of
        # PySide enum creation before the first paint
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(label)
        row.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        central = QWidget()
        central.setLayout(column)
        self.setCentralWidget(central)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)
        return False


class _PaintProbe(QObject):
    """Reports the first paint of watched windows (benchmark only)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.watched: dict[QObject, str] = {}
        app.installEventFilter(self)

    def watch(self, window: QObject, label: str) -> None:
        self.watched[window] = label

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            top = obj.window() if hasattr(obj, "window") else obj
            label = self.watched.pop(top, None)
            if label is not None:
                sys.stdout.write(f"{label} {time.time()!r}\n")
                sys.stdout.flush()
                if label == "READY":
                    QTimer.singleShot(0, self.app.quit)
        return False


def _fatal(message: str, detail: str | None = None) -> int:
    sys.stderr.write(message + "\n")
    if os.environ.get("WALLET_APP_FATAL_NO_DIALOG"):  # tests: no modal dialog to dismiss
        return 1
    box = QMessageBox(QMessageBox.Icon.Critical, "Wallet", message)
    if detail:
        box.setDetailedText(detail)
    box.exec()
    return 1


class _Session:
    """Everything phase 2 builds, closed in reverse order at exit."""

    def __init__(self) -> None:
        self.closers: list[Callable[[], None]] = []
        self.window: MainWindow | None = None
        self.demo_server: RunningIssuer | None = None

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:  # shutting down: log and go on closing the rest
                log.exception("error while closing")


def _open_wallet(settings: Settings, demo: bool, states: set[str], session: _Session) -> MainWindow:
    """Phase 2: store, protocol stack, context, main window. Raises WalletError."""
    from wallet_app.compose import make_http_client, open_store, wallet_options
    from wallet_app.gui.context import AppEvents, GuiContext
    from wallet_app.gui.jobs import JobRunner
    from wallet_app.gui.main_window import MainWindow
    from wallet_app.host.browser import open_in_browser
    from wallet_app.host.secrets import MemorySecretStore, keyring_available
    from wallet_app.wallet.issuance import Wallet
    from wallet_app.wallet.store import CredentialStore

    if demo:
        from wallet_app.demo_issuer import DemoConfig, serve

        session.demo_server = serve(DemoConfig())
        session.closers.append(session.demo_server.stop)
    throwaway = None
    if demo and not settings.use_passphrase and not keyring_available():
        throwaway = tempfile.TemporaryDirectory(prefix="wallet-app-demo-")
        session.closers.append(throwaway.cleanup)
        store = CredentialStore.open(Path(throwaway.name), secrets=MemorySecretStore())
    else:
        store = open_store(settings)
    session.closers.append(store.close)
    wallet = Wallet(store, lambda: make_http_client(settings), wallet_options(settings))
    session.closers.append(wallet.close)
    jobs = JobRunner()
    session.closers.append(jobs.shutdown)
    demo_server = session.demo_server
    ctx = GuiContext(
        wallet=wallet,
        store=store,
        settings=settings,
        jobs=jobs,
        events=AppEvents(),
        open_browser=open_in_browser,
        demo_base_url=demo_server.base_url if demo_server else None,
        pending_states=states,
    )
    if demo_server is not None:
        ctx.extras["demo_issuer"] = demo_server.issuer
    if throwaway is not None:
        ctx.extras["throwaway_store"] = True
    return MainWindow(ctx)


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
    from wallet_app.gui.i18n import install_translator
    from wallet_app.gui.theme import apply_theme

    install_translator(app, settings.locales)
    apply_theme(app)

    states: set[str] = set()
    bridge = UriBridge(states, hold=True)  # URIs wait until the main window exists
    server = InstanceServer(bridge.on_uris)
    try:
        server.start()
    except AlreadyRunning:
        forward_uris(list(uris))
        return 0

    probe = _PaintProbe(app) if os.environ.get(_PROBE_ENV) else None
    startup = StartupWindow()
    if probe is not None:
        probe.watch(startup, "PAINTED")
    startup.show()
    session = _Session()
    failure: list[int] = []

    def finish_startup() -> None:
        from wallet_app.errors import WalletError
        from wallet_app.gui.messages import user_text

        try:
            window = _open_wallet(settings, demo, states, session)
        except Exception as exc:  # the start-up triage point: a message, never a stuck window
            startup.hide()
            if not isinstance(exc, WalletError):
                log.exception("the wallet could not start")
            detail = exc.detail if isinstance(exc, WalletError) else f"{type(exc).__name__}: {exc}"
            failure.append(_fatal(user_text(exc), detail))
            app.quit()
            return
        session.window = window
        window.setGeometry(startup.geometry())
        from PySide6.QtCore import Qt

        bridge.uri_arrived.connect(window.handle_uri, Qt.ConnectionType.QueuedConnection)
        bridge.activate_requested.connect(window.bring_to_front, Qt.ConnectionType.QueuedConnection)
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
        session.close()
        server.close()
    return failure[0] if failure else code
