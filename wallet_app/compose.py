"""Wiring shared by the CLI and (later) the GUI: HTTP client, store, wallet."""

from __future__ import annotations

import ssl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from wallet_app import __version__
from wallet_app.errors import KeyringError, StorageError
from wallet_app.host import network
from wallet_app.host.secrets import KeyringSecretStore, MemorySecretStore, keyring_available
from wallet_app.settings import Settings
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
    return network.make_ssl_context(settings.ca_file)


def make_http_client(settings: Settings) -> httpx.Client:
    """The shared HTTP client: timeouts on every request, no redirects, the proxy the settings
    choose (the system's by default; never for loopback)."""
    return network.make_http_client(
        timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
        verify=make_ssl_context(settings),
        proxy=settings.proxy,
        headers={"User-Agent": f"wallet-app/{__version__}"},
    )


def open_store(
    settings: Settings, *, secrets: SecretStore | None = None, data_dir: Path | None = None
) -> CredentialStore:
    """Open (or create) the store: passphrase mode when chosen, else the OS keyring.

    Raises KeyringError (no usable keyring) and StorageError.
    """
    directory = data_dir or settings.data_dir
    if settings.use_passphrase:
        if not settings.passphrase:
            raise StorageError(
                "This wallet needs its passphrase. Set WALLET_APP_PASSPHRASE or run in a "
                "terminal to be asked for it.",
                code="passphrase_required",
            )
        return CredentialStore.open(directory, passphrase=settings.passphrase)
    return CredentialStore.open(directory, secrets=secrets or KeyringSecretStore())


@dataclass
class Opened:
    """A wallet with its store and HTTP client, closed together."""

    wallet: Wallet
    store: CredentialStore
    http: httpx.Client
    #: trust anchors and verifications (``trust`` and ``status`` commands)
    trust: TrustService
    throwaway_dir: Path | None = None


def wallet_options(settings: Settings) -> WalletOptions:
    """Domain options from the settings."""
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
    """Open store, HTTP client and wallet; close all three afterwards.

    With ``throwaway_if_no_keyring`` (the demo), a machine without a keyring gets a temporary
    store with an in-memory key, deleted at the end.
    """
    throwaway: tempfile.TemporaryDirectory[str] | None = None
    store: CredentialStore
    if throwaway_if_no_keyring and not settings.use_passphrase and not keyring_available():
        throwaway = tempfile.TemporaryDirectory(prefix="wallet-app-demo-")
        store = CredentialStore.open(Path(throwaway.name), secrets=MemorySecretStore())
    else:
        try:
            store = open_store(settings)
        except KeyringError:
            raise
    http = make_http_client(settings)
    wallet = Wallet(store, http, wallet_options(settings))
    try:
        yield Opened(
            wallet,
            store,
            http,
            TrustService(store, http, settings),
            Path(throwaway.name) if throwaway else None,
        )
    finally:
        wallet.close()
        http.close()
        store.close()
        if throwaway is not None:
            throwaway.cleanup()
