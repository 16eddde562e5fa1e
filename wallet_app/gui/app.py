"""Start the desktop wallet: single instance, store, optional demo issuer, main window."""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from wallet_app import __version__
from wallet_app.compose import make_http_client, open_store, wallet_options
from wallet_app.errors import WalletError
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.jobs import JobRunner
from wallet_app.host.browser import open_in_browser
from wallet_app.host.secrets import MemorySecretStore, keyring_available
from wallet_app.host.single_instance import AlreadyRunning, InstanceServer, forward_uris
from wallet_app.settings import Settings
from wallet_app.uris import is_redirect_uri
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

__all__ = ["UriBridge", "run_gui"]

log = logging.getLogger(__name__)


class UriBridge(QObject):
    """Carries URIs from the single-instance channel thread to the GUI thread.

    Offers are always accepted (the user reviews them); a redirect is accepted only when a
    flow waits for its ``state``. URIs that arrive before the window is ready are buffered.
    """

    uri_arrived = Signal(str)

    def __init__(self, ctx_states: set[str]) -> None:
        super().__init__()
        self._states = ctx_states
        self._ready = False
        self._buffer: list[str] = []

    def on_uris(self, uris: tuple[str, ...]) -> tuple[bool, str | None]:
        """Single-instance callback (server thread)."""
        from wallet_app.oid4vci.authorize import redirect_params

        for uri in uris:
            if is_redirect_uri(uri) and redirect_params(uri).get("state") not in self._states:
                return False, "The wallet is not waiting for this sign-in. Start again."
        for uri in uris:
            self.uri_arrived.emit(uri)  # queued to the GUI thread
        return True, None


def _fatal(message: str, detail: str | None = None) -> int:
    box = QMessageBox(QMessageBox.Icon.Critical, "Wallet", message)
    if detail:
        box.setDetailedText(detail)
    box.exec()
    return 1


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

    install_translator(app, settings.locales)
    from wallet_app.gui.theme import apply_theme

    apply_theme(app)

    states: set[str] = set()
    bridge = UriBridge(states)
    server = InstanceServer(bridge.on_uris)
    try:
        server.start()
    except AlreadyRunning:
        forward_uris(list(uris))
        return 0

    demo_server = None
    throwaway: tempfile.TemporaryDirectory[str] | None = None
    try:
        if demo:
            from wallet_app.demo_issuer import DemoConfig, serve

            demo_server = serve(DemoConfig())
        try:
            if demo and not settings.use_passphrase and not keyring_available():
                throwaway = tempfile.TemporaryDirectory(prefix="wallet-app-demo-")
                store = CredentialStore.open(Path(throwaway.name), secrets=MemorySecretStore())
            else:
                store = open_store(settings)
        except WalletError as exc:
            return _fatal(exc.user_message, exc.detail)
        http = make_http_client(settings)
        wallet = Wallet(store, http, wallet_options(settings))
        jobs = JobRunner()
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
        from wallet_app.gui.main_window import MainWindow

        window = MainWindow(ctx)
        bridge.uri_arrived.connect(window.handle_uri, Qt.ConnectionType.QueuedConnection)
        window.show()
        for uri in uris:
            QTimer.singleShot(0, lambda u=uri: window.handle_uri(u))
        code = app.exec()
        jobs.shutdown()
        wallet.close()
        http.close()
        store.close()
        return code
    finally:
        server.close()
        if demo_server is not None:
            demo_server.stop()
        if throwaway is not None:
            throwaway.cleanup()
