"""Wiring shared by the CLI and the GUI: HTTP client, store, wallet.

A command pays only for what it uses: :class:`Opened` builds the wallet, the HTTP client (and
its TLS context: ~100 ms of CPU for the CA bundle) and the trust service on first use, so
``list``, ``show`` and ``delete`` open the store and nothing else. The protocol stack (httpx,
joserfc, the wallet's use cases) is imported here only when a command reaches for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from wallet_app import __version__
from wallet_app.errors import StorageError
from wallet_app.settings import Settings

if TYPE_CHECKING:
    import ssl

    import httpx

    from wallet_app.wallet.issuance import Wallet, WalletOptions
    from wallet_app.wallet.keys import SecretStore
    from wallet_app.wallet.store import CredentialStore
    from wallet_app.wallet.trust_service import TrustService

__all__ = ["Opened", "make_http_client", "make_ssl_context", "open_store", "open_wallet"]


def make_ssl_context(settings: Settings) -> ssl.SSLContext:
    """The bundled roots, the OS certificate store and the configured extra CA file (if any)
    (:func:`wallet_app.host.network.make_ssl_context`).

    Raises StorageError when the configured CA file cannot be read.
    """
    from wallet_app.host import network

    return network.make_ssl_context(settings.ca_file)


def make_http_client(settings: Settings) -> httpx.Client:
    """The shared HTTP client: timeouts on every request, no redirects, the proxy the settings
    choose (the system's by default; never for loopback). Its TLS context is made at its first
    TLS connection (an unreadable extra CA file fails that request with StorageError)."""
    import httpx

    from wallet_app.host import network

    return network.make_http_client(
        timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
        verify=lambda: make_ssl_context(settings),  # made at the first TLS connection
        proxy=settings.proxy,
        headers={"User-Agent": f"wallet-app/{__version__}"},
    )


def open_store(
    settings: Settings, *, secrets: SecretStore | None = None, data_dir: Path | None = None
) -> CredentialStore:
    """Open (or create) the store: passphrase mode when chosen, else the OS keyring.

    Raises KeyringError (no usable keyring) and StorageError.
    """
    from wallet_app.wallet.store import CredentialStore

    directory = data_dir or settings.data_dir
    if settings.use_passphrase:
        if not settings.passphrase:
            raise StorageError(
                "This wallet needs its passphrase. Set WALLET_APP_PASSPHRASE or run in a "
                "terminal to be asked for it.",
                code="passphrase_required",
            )
        return CredentialStore.open(directory, passphrase=settings.passphrase)
    if secrets is None:
        from wallet_app.host.secrets import KeyringSecretStore

        secrets = KeyringSecretStore()
    return CredentialStore.open(directory, secrets=secrets)


class Opened:
    """A store with the wallet, HTTP client and trust service over it, each built on first
    use (a command that never asks for one never pays for it), all closed together."""

    def __init__(self, store: CredentialStore, settings: Settings, throwaway_dir: Path | None):
        self.store = store
        self.settings = settings
        self.throwaway_dir = throwaway_dir
        self._lock = threading.RLock()
        self._http: httpx.Client | None = None
        self._wallet: Wallet | None = None
        self._trust: TrustService | None = None

    @property
    def http(self) -> httpx.Client:
        """The HTTP client (built now if not yet). Raises StorageError (unreadable CA file)."""
        with self._lock:
            if self._http is None:
                self._http = make_http_client(self.settings)
            return self._http

    @property
    def wallet(self) -> Wallet:
        """The wallet's use cases over the store; its HTTP client is built at its first
        request."""
        from wallet_app.wallet.issuance import Wallet

        with self._lock:
            if self._wallet is None:
                self._wallet = Wallet(self.store, lambda: self.http, wallet_options(self.settings))
            return self._wallet

    @property
    def trust(self) -> TrustService:
        """Trust anchors and verifications (``trust`` and ``status`` commands)."""
        from wallet_app.wallet.trust_service import TrustService

        with self._lock:
            if self._trust is None:
                self._trust = TrustService(self.store, lambda: self.http, self.settings)
            return self._trust

    def close(self) -> None:
        """Close what was built: the wallet (its workers), the HTTP client, the store."""
        with self._lock:
            wallet, http = self._wallet, self._http
            self._wallet = self._http = None
        try:
            if wallet is not None:
                wallet.close()
        finally:
            try:
                if http is not None:
                    http.close()
            finally:
                self.store.close()


def wallet_options(settings: Settings) -> WalletOptions:
    """Domain options from the settings."""
    from wallet_app.wallet.options import WalletOptions

    return WalletOptions(
        client_id=settings.client_id,
        locales=settings.locales,
        batch_limit=settings.batch_limit,
        allow_http_loopback=settings.allow_http_loopback,
        max_response_bytes=settings.max_response_bytes,
        client_ids=dict(settings.client_ids),
        signed_metadata=settings.signed_metadata,
        profiles=dict(settings.profiles),
        redirect=settings.redirect_mode,
    )


@contextmanager
def open_wallet(settings: Settings, *, throwaway_if_no_keyring: bool = False) -> Iterator[Opened]:
    """Open the store (the wallet, HTTP client and trust service follow on first use); close
    all afterwards.

    With ``throwaway_if_no_keyring`` (the demo), a machine without a keyring gets a temporary
    store with an in-memory key, deleted at the end.
    """
    import tempfile

    throwaway: tempfile.TemporaryDirectory[str] | None = None
    store: CredentialStore
    if throwaway_if_no_keyring and not settings.use_passphrase:
        from wallet_app.host.secrets import MemorySecretStore, keyring_available

        if not keyring_available():
            from wallet_app.wallet.store import CredentialStore

            throwaway = tempfile.TemporaryDirectory(prefix="wallet-app-demo-")
            store = CredentialStore.open(Path(throwaway.name), secrets=MemorySecretStore())
    if throwaway is None:
        store = open_store(settings)
    opened = Opened(store, settings, Path(throwaway.name) if throwaway else None)
    try:
        yield opened
    finally:
        try:
            opened.close()
        finally:
            if throwaway is not None:
                throwaway.cleanup()
