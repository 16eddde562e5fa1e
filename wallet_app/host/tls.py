"""The wallet's TLS trust: bundled roots plus the OS certificate store (issue 10 W8).

On macOS and Windows the OS store is an API, not a file, so the context is a
``truststore.SSLContext``: it verifies through the OS (Security.framework, CryptoAPI), which
also honours roots an administrator or a company installed, and the roots loaded into it
(certifi, the extra CA file) count as extra anchors.

truststore runs each handshake of a context under that context's lock (it changes the context
around the handshake), so one context serialises a flow's parallel requests: measured on
loopback with a server 300 ms slow to answer the ClientHello, 3 parallel handshakes took
0.97 s with one truststore context and 0.31 s with the standard library's.
:class:`~wallet_app.host.tls_pool.PooledTrust` lends each handshake a context of its own (made
alike, kept for reuse), so they overlap again; it and truststore load only on those systems.

On Linux the OS store *is* a CA file (``ca-certificates``); truststore would only reload that
same file before every handshake (~41 ms here) under the same lock. So Linux keeps the
standard library's context: certifi, OpenSSL's default paths, and when those hold nothing (a
bundle built on another distribution) the first CA file found where distributions keep it.
"""

from __future__ import annotations

import contextlib
import os
import platform
import ssl
from pathlib import Path

from wallet_app.errors import StorageError

__all__ = ["LINUX_CA_FILES", "OS_STORE_PLATFORMS", "make_ssl_context"]

#: platforms whose certificate store is an OS API: verified through truststore
OS_STORE_PLATFORMS = frozenset({"Darwin", "Windows"})
#: where Linux distributions keep the system CA bundle (the list truststore and
#: certifi-system-store use), tried when OpenSSL's compiled-in paths hold nothing
LINUX_CA_FILES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora, RHEL
    "/etc/pki/tls/cert.pem",  # older Fedora, RHEL, CentOS
    "/etc/ssl/cert.pem",  # Alpine, Arch, OpenWRT
    "/etc/ssl/ca-bundle.pem",  # SUSE
)


def make_ssl_context(ca_file: Path | None = None, *, system: str | None = None) -> ssl.SSLContext:
    """A client TLS context: bundled roots + the OS store (see the module docstring) + the
    extra CA file (if any). ``system`` is ``platform.system()`` unless a test names another.

    Raises StorageError when the extra CA file cannot be read.
    """
    import certifi

    chosen = system or platform.system()
    if chosen in OS_STORE_PLATFORMS:
        import truststore

        from wallet_app.host.tls_pool import PooledTrust

        def make() -> truststore.SSLContext:
            ctx = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.load_verify_locations(cafile=certifi.where())
            _load_extra(ctx, ca_file)
            return ctx

        return PooledTrust(make)
    ctx = ssl.create_default_context(cafile=certifi.where())
    loaded = _load_system_ca_file(ctx)
    if ca_file is None or loaded is None or not _same_file(ca_file, loaded):
        _load_extra(ctx, ca_file)  # SSL_CERT_FILE naming the system file: loaded once, not twice
    return ctx


def _same_file(a: Path | str, b: Path | str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _load_extra(ctx: ssl.SSLContext, ca_file: Path | None) -> None:
    if ca_file is None:
        return
    try:
        ctx.load_verify_locations(cafile=str(ca_file))
    except (OSError, ssl.SSLError) as exc:
        raise StorageError(
            "The extra CA certificate file {path} could not be read.",
            params={"path": str(ca_file)},
            detail=str(exc),
            code="ca_file_unreadable",
        ) from exc


def _load_system_ca_file(ctx: ssl.SSLContext) -> str | None:
    """OpenSSL's default verify paths, else the first distribution CA file that exists; the
    CA file loaded (None: none, or only a directory)."""
    defaults = ssl.get_default_verify_paths()
    if defaults.cafile or (defaults.capath and _holds_certs(defaults.capath)):
        with contextlib.suppress(ssl.SSLError):
            ctx.load_default_certs()
        return defaults.cafile
    for candidate in LINUX_CA_FILES:
        if os.path.isfile(candidate):
            with contextlib.suppress(OSError, ssl.SSLError):
                ctx.load_verify_locations(cafile=candidate)
                return candidate
    return None


def _holds_certs(capath: str) -> bool:
    try:
        return any(name.endswith((".0", ".1", ".pem")) for name in os.listdir(capath))
    except OSError:
        return False
