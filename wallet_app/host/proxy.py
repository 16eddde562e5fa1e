"""Which proxy each request goes through: the setting, the environment, the OS (issue 10 W8).

``system`` reads ``https_proxy`` / ``http_proxy`` / ``all_proxy`` and ``no_proxy`` (lower case
first, then upper case, as curl and urllib do); when none is set, on macOS and Windows it asks
the OS (System Settings, the Internet Options in the registry) through :mod:`urllib.request`,
bypass list included. Loopback hosts (``localhost``, ``*.localhost``, 127.0.0.0/8, ``::1``)
never go through a proxy, whatever ``no_proxy`` says: the demo issuer, the redirect receiver
and local test issuers live there.

Standard library only; no Qt.
"""

from __future__ import annotations

import ipaddress
import platform
from collections.abc import Callable, Mapping
from dataclasses import field

from wallet_app.frozen import frozen
from wallet_app.proxy_choice import proxy_url, redact_proxy

__all__ = ["OsProxies", "ProxyPlan", "UnusableProxy", "is_loopback_host", "plan_proxies"]

#: what the OS says: scheme → proxy address, and a bypass test for a host (or None)
OsProxies = tuple[Mapping[str, str], Callable[[str], bool] | None]


@frozen
class UnusableProxy:
    """A proxy the environment names that the wallet cannot use (say, ``socks5://``)."""

    address: str  # redacted: no credentials
    reason: str


@frozen
class ProxyPlan:
    """Per URL scheme, the proxy URL (or why the configured one is unusable); who bypasses."""

    proxies: Mapping[str, str | UnusableProxy] = field(default_factory=dict)
    no_proxy: tuple[str, ...] = ()
    #: the OS's own bypass list (macOS, Windows), when the proxy came from the OS
    os_bypass: Callable[[str], bool] | None = None
    #: where the proxies came from, for the log: "setting", "environment", "os" or "none"
    source: str = "none"

    @property
    def direct(self) -> bool:
        """True when no request goes through a proxy."""
        return not self.proxies

    def proxy_for(self, scheme: str, host: str, port: int | None) -> str | UnusableProxy | None:
        """The proxy for a request to ``scheme://host:port``, or None to connect directly."""
        chosen = self.proxies.get(scheme.lower())
        if chosen is None or is_loopback_host(host):
            return None
        if _bypassed(host, port, self.no_proxy):
            return None
        if self.os_bypass is not None and self.os_bypass(host):
            return None
        return chosen


def is_loopback_host(host: str) -> bool:
    """``localhost``, a name under ``.localhost`` (RFC 6761 §6.3), 127.0.0.0/8 or ``::1``."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _bypassed(host: str, port: int | None, no_proxy: tuple[str, ...]) -> bool:
    """``no_proxy`` as curl reads it: ``*``, names (a leading ``.`` or ``*.`` is ignored; the
    name and its subdomains match), IP addresses and CIDR ranges, each with an optional port."""
    name = host.strip("[]").rstrip(".").lower()
    for raw in no_proxy:
        entry = raw.strip().lower()
        if entry == "*":
            return True
        entry, entry_port = _split_port(entry)
        if entry_port is not None and entry_port != port:
            continue
        entry = entry.strip("[]").lstrip("*").lstrip(".").rstrip(".")
        if not entry:
            continue
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            if name == entry or name.endswith(f".{entry}"):
                return True
            continue
        try:
            if ipaddress.ip_address(name) in network:
                return True
        except ValueError:
            continue
    return False


def _split_port(entry: str) -> tuple[str, int | None]:
    """``host:port`` or ``[v6]:port`` → (host, port); a bare IPv6 address keeps its colons."""
    if entry.startswith("[") and "]:" in entry:
        host, _, port = entry.rpartition(":")
    elif entry.count(":") == 1:
        host, _, port = entry.partition(":")
    else:
        return entry, None
    return (host, int(port)) if port.isdigit() else (entry, None)


def _from_env(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name) or env.get(name.upper()) or ""
    return value.strip() or None


def _checked(value: str) -> str | UnusableProxy:
    try:
        return proxy_url(value)
    except ValueError as exc:
        return UnusableProxy(redact_proxy(value), str(exc))


def _os_proxies(system: str) -> OsProxies:
    """The OS's proxy settings on macOS and Windows (urllib reads them); nothing elsewhere."""
    if system not in ("Darwin", "Windows"):
        return {}, None
    import urllib.request

    return urllib.request.getproxies(), urllib.request.proxy_bypass


def plan_proxies(
    setting: str,
    env: Mapping[str, str],
    *,
    system: str | None = None,
    os_proxies: Callable[[str], OsProxies] = _os_proxies,
) -> ProxyPlan:
    """The proxy plan for a setting (``system``, ``none`` or a proxy URL) and an environment.

    An explicit URL serves http and https; ``no_proxy`` still applies to it. ``system`` and
    ``os_proxies`` (the platform's own settings; tests pass a fake) are injectable so every
    platform's path runs anywhere. Raises nothing: an unusable proxy is recorded, and a
    request that would use it fails with a clear error instead.
    """
    no_proxy = tuple(
        p for p in (_from_env(env, "no_proxy") or "").replace(" ", ",").split(",") if p.strip()
    )
    if setting == "none":
        return ProxyPlan()
    if setting != "system":
        chosen = _checked(setting)
        return ProxyPlan({"http": chosen, "https": chosen}, no_proxy, source="setting")
    every = _from_env(env, "all_proxy")
    found = {
        scheme: value
        for scheme in ("http", "https")
        if (value := _from_env(env, f"{scheme}_proxy") or every)
    }
    if found:
        return ProxyPlan({k: _checked(v) for k, v in found.items()}, no_proxy, source="environment")
    settings, bypass = os_proxies(system or platform.system())
    from_os = {k: v for k, v in settings.items() if k in ("http", "https") and v}
    if not from_os:
        return ProxyPlan()
    return ProxyPlan({k: _checked(v) for k, v in from_os.items()}, (), bypass, source="os")
