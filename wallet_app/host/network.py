"""The wallet's HTTP client: trust roots and proxies decided in one place (issue 10 W8).

Trust: the bundled roots (certifi) everywhere, plus the OS certificate store the way each
platform keeps it. On macOS and Windows that store is an API, not a file, so the context is a
``truststore.SSLContext``: it verifies through the OS (Security.framework, CryptoAPI), which
also honours roots an administrator or a company installed, and the roots loaded into it
(certifi, the extra CA file) count as extra anchors. On Linux the OS store *is* a CA file
(``ca-certificates``); truststore would only load that same file again before every handshake
and run every handshake of the client under one lock, which serialises the parallel requests
of a flow (token beside nonce, several credential requests). So Linux keeps the standard
library's context: certifi, OpenSSL's default paths, and when those are empty (a bundle built
elsewhere) the first CA file found where the distributions keep it.

Proxies: :mod:`wallet_app.host.proxy` makes the plan; :class:`ProxyRouter` follows it per
request, so ``no_proxy`` may hold CIDR ranges and loopback is never proxied. A proxy that cannot
be reached surfaces as ``httpx.ProxyError``, which :mod:`wallet_app.oid4vci.http` turns into a
NetworkError that names the proxy setting.
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import ssl
from collections.abc import Mapping
from pathlib import Path

import httpx

from wallet_app.errors import StorageError
from wallet_app.host.proxy import OsProxies, ProxyPlan, UnusableProxy, plan_proxies
from wallet_app.proxy_choice import redact_proxy

__all__ = [
    "LINUX_CA_FILES",
    "OS_STORE_PLATFORMS",
    "ProxyRouter",
    "make_http_client",
    "make_ssl_context",
]

log = logging.getLogger(__name__)

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
    ctx: ssl.SSLContext
    if chosen in OS_STORE_PLATFORMS:
        import truststore

        ctx = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(cafile=certifi.where())
    else:
        ctx = ssl.create_default_context(cafile=certifi.where())
        _load_system_ca_file(ctx)
    if ca_file is not None:
        try:
            ctx.load_verify_locations(cafile=str(ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise StorageError(
                "The extra CA certificate file {path} could not be read.",
                params={"path": str(ca_file)},
                detail=str(exc),
                code="ca_file_unreadable",
            ) from exc
    return ctx


def _load_system_ca_file(ctx: ssl.SSLContext) -> None:
    """OpenSSL's default verify paths, else the first distribution CA file that exists."""
    defaults = ssl.get_default_verify_paths()
    if defaults.cafile or (defaults.capath and _holds_certs(defaults.capath)):
        with contextlib.suppress(ssl.SSLError):
            ctx.load_default_certs()
        return
    for candidate in LINUX_CA_FILES:
        if os.path.isfile(candidate):
            with contextlib.suppress(OSError, ssl.SSLError):
                ctx.load_verify_locations(cafile=candidate)
                return


def _holds_certs(capath: str) -> bool:
    try:
        return any(name.endswith((".0", ".1", ".pem")) for name in os.listdir(capath))
    except OSError:
        return False


class ProxyRouter(httpx.BaseTransport):
    """Sends each request directly or through its proxy, as a :class:`ProxyPlan` says.

    https through an http proxy is a CONNECT tunnel: TLS runs end to end with the issuer, so
    the proxy sees the host name and nothing else. Thread-safe as httpx's own transports are.
    """

    def __init__(self, plan: ProxyPlan, *, verify: ssl.SSLContext) -> None:
        self._plan = plan
        self._direct = httpx.HTTPTransport(verify=verify)
        self._via: dict[str, httpx.HTTPTransport] = {
            url: httpx.HTTPTransport(verify=verify, proxy=_proxy(url, verify))
            for url in {p for p in plan.proxies.values() if isinstance(p, str)}
        }

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Route one request. Raises httpx.ProxyError when its proxy is unusable or silent."""
        url = request.url
        proxy = self._plan.proxy_for(url.scheme, url.host, url.port)
        if proxy is None:
            return self._direct.handle_request(request)
        if isinstance(proxy, UnusableProxy):
            raise httpx.ProxyError(
                f"the proxy {proxy.address} ({self._plan.source}) cannot be used: {proxy.reason}",
                request=request,
            )
        try:
            return self._via[proxy].handle_request(request)
        except httpx.ConnectError as exc:
            text = str(exc)
            if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
                raise  # the issuer's certificate, checked through the tunnel: a TLS error
            raise httpx.ProxyError(
                f"the proxy {redact_proxy(proxy)} ({self._plan.source}) could not be "
                f"reached: {text}",
                request=request,
            ) from exc

    def close(self) -> None:
        """Close the direct transport and every proxy transport."""
        self._direct.close()
        for transport in self._via.values():
            transport.close()


def _proxy(url: str, verify: ssl.SSLContext) -> httpx.Proxy:
    """An https proxy is verified with the wallet's trust roots too; an http one has no TLS."""
    if url.lower().startswith("https://"):
        return httpx.Proxy(url, ssl_context=verify)
    return httpx.Proxy(url)


def make_http_client(
    *,
    timeout: httpx.Timeout,
    verify: ssl.SSLContext | None = None,
    proxy: str = "system",
    env: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    system: str | None = None,
    os_proxies: OsProxies | None = None,
) -> httpx.Client:
    """An httpx client that never follows redirects by itself, with the proxy plan for
    ``proxy`` (``system``, ``none`` or a URL) and ``env`` (``os.environ`` when None).

    ``verify`` None builds :func:`make_ssl_context` without an extra CA file. ``system`` and
    ``os_proxies`` replace the platform's answers (tests). Raises StorageError only through
    ``make_ssl_context``; a bad proxy fails the requests that would use it, not the client.
    """
    context = verify if verify is not None else make_ssl_context(system=system)
    if os_proxies is None:
        plan = plan_proxies(proxy, os.environ if env is None else env, system=system)
    else:
        fixed = os_proxies
        plan = plan_proxies(
            proxy, os.environ if env is None else env, system=system, os_proxies=lambda _: fixed
        )
    if not plan.direct:
        shown = {
            k: v if isinstance(v, UnusableProxy) else redact_proxy(v)
            for k, v in plan.proxies.items()
        }
        log.info("HTTP proxies from the %s: %s; no_proxy %s", plan.source, shown, plan.no_proxy)
    # trust_env=False: proxies come from the plan, and httpx must not read ~/.netrc
    return httpx.Client(
        timeout=timeout,
        transport=ProxyRouter(plan, verify=context),
        follow_redirects=False,
        trust_env=False,
        headers=dict(headers or {}),
    )
