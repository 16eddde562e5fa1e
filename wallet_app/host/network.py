"""The wallet's HTTP client: trust roots and proxies decided in one place (issue 10 W8).

Trust: :func:`wallet_app.host.tls.make_ssl_context` (bundled roots plus the OS store).
Proxies: :mod:`wallet_app.host.proxy` makes the plan; :class:`ProxyRouter` follows it per
request, so ``no_proxy`` may hold CIDR ranges and loopback is never proxied. A proxy that cannot
be reached surfaces as ``httpx.ProxyError``, which :mod:`wallet_app.oid4vci.http` turns into a
NetworkError that names the proxy setting.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
from collections.abc import Callable, Mapping

import httpx

from wallet_app.host.proxy import ProxyPlan, UnusableProxy, plan_proxies
from wallet_app.host.tls import make_ssl_context
from wallet_app.proxy_choice import redact_proxy

__all__ = ["ProxyRouter", "Trust", "make_http_client", "make_ssl_context"]

log = logging.getLogger(__name__)


#: what builds the TLS context: the context itself, or a function that makes it when a first
#: TLS connection needs it (the bundled roots and the OS store cost ~100 ms of CPU to load)
Trust = ssl.SSLContext | Callable[[], ssl.SSLContext]


class ProxyRouter(httpx.BaseTransport):
    """Sends each request directly or through its proxy, as a :class:`ProxyPlan` says.

    https through an http proxy is a CONNECT tunnel: TLS runs end to end with the issuer, so
    the proxy sees the host name and nothing else. Transports are made on first use, and the
    TLS context only when a connection needs TLS (an https URL or an https proxy): a command
    that talks plain http to a loopback issuer, or none at all, never loads the CA roots.
    Thread-safe as httpx's own transports are.
    """

    def __init__(self, plan: ProxyPlan, *, verify: Trust) -> None:
        self._plan = plan
        self._trust = verify
        self._lock = threading.Lock()
        self._transports: dict[tuple[bool, str | None], httpx.HTTPTransport] = {}

    def _context(self) -> ssl.SSLContext:
        """The TLS context, made now if not yet (under the lock). Raises StorageError."""
        if not isinstance(self._trust, ssl.SSLContext):
            self._trust = self._trust()
        return self._trust

    def _transport(self, tls: bool, proxy: str | None) -> httpx.HTTPTransport:
        """The transport for a direct (``proxy`` None) or proxied connection; ``tls`` when it
        needs the TLS context. Raises StorageError (an unreadable extra CA file)."""
        tls = tls or bool(proxy and proxy.lower().startswith("https://"))
        with self._lock:
            transport = self._transports.get((tls, proxy))
            if transport is None:
                # plain http never handshakes: a bare context (verifying, no roots) is never used
                verify = self._context() if tls else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                via = _proxy(proxy, verify) if proxy is not None else None
                transport = httpx.HTTPTransport(verify=verify, proxy=via)
                self._transports[(tls, proxy)] = transport
            return transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Route one request. Raises httpx.ProxyError when its proxy is unusable or silent,
        StorageError when the TLS context cannot be made."""
        url = request.url
        tls = url.scheme == "https"
        proxy = self._plan.proxy_for(url.scheme, url.host, url.port)
        if proxy is None:
            return self._transport(tls, None).handle_request(request)
        if isinstance(proxy, UnusableProxy):
            raise httpx.ProxyError(
                f"the proxy {proxy.address} ({self._plan.source}) cannot be used: {proxy.reason}",
                request=request,
            )
        try:
            return self._transport(tls, proxy).handle_request(request)
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
        """Close every transport made."""
        with self._lock:
            transports = list(self._transports.values())
            self._transports.clear()
        for transport in transports:
            transport.close()


def _proxy(url: str, verify: ssl.SSLContext) -> httpx.Proxy:
    """An https proxy is verified with the wallet's trust roots too; an http one has no TLS."""
    if url.lower().startswith("https://"):
        return httpx.Proxy(url, ssl_context=verify)
    return httpx.Proxy(url)


def make_http_client(
    *,
    timeout: httpx.Timeout,
    verify: Trust | None = None,
    proxy: str = "system",
    env: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    system: str | None = None,
) -> httpx.Client:
    """An httpx client that never follows redirects by itself, with the proxy plan for
    ``proxy`` (``system``, ``none`` or a URL) and ``env`` (``os.environ`` when None).

    ``verify`` is the TLS context or a function making it at the first TLS connection; None
    makes :func:`make_ssl_context` (no extra CA file) then. ``system`` replaces
    ``platform.system()`` (tests). Raises nothing itself: an unreadable CA file (StorageError)
    and a bad proxy fail the requests that would use them, not the client.
    """
    context: Trust = verify if verify is not None else lambda: make_ssl_context(system=system)
    plan = plan_proxies(proxy, os.environ if env is None else env, system=system)
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
