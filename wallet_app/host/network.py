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
from collections.abc import Mapping

import httpx

from wallet_app.host.proxy import ProxyPlan, UnusableProxy, plan_proxies
from wallet_app.host.tls import make_ssl_context
from wallet_app.proxy_choice import redact_proxy

__all__ = ["ProxyRouter", "make_http_client", "make_ssl_context"]

log = logging.getLogger(__name__)


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
) -> httpx.Client:
    """An httpx client that never follows redirects by itself, with the proxy plan for
    ``proxy`` (``system``, ``none`` or a URL) and ``env`` (``os.environ`` when None).

    ``verify`` None builds :func:`make_ssl_context` without an extra CA file; ``system``
    replaces ``platform.system()`` (tests). Raises StorageError only through
    ``make_ssl_context``; a bad proxy fails the requests that would use it, not the client.
    """
    context = verify if verify is not None else make_ssl_context(system=system)
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
