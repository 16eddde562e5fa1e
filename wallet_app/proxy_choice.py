"""The proxy setting's values: ``system`` (the environment, else the OS), ``none``, or a URL.

Standard library only: the settings, the preferences file, the settings dialog and the HTTP
client factory (:mod:`wallet_app.host.network`) all read it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["PROXY_ENV", "PROXY_SCHEMES", "parse_proxy_setting", "proxy_url", "redact_proxy"]

#: the environment variable that chooses the proxy for this run (above the saved setting)
PROXY_ENV = "WALLET_APP_PROXY"
#: proxies the wallet can speak to: plain HTTP (CONNECT for https) or HTTP over TLS
PROXY_SCHEMES = ("http", "https")


def proxy_url(value: str) -> str:
    """A proxy address as a URL: ``host:port`` gets ``http://`` as curl and httpx do.

    Raises ValueError (a sentence saying why) for another scheme (SOCKS needs an extra
    package the wallet does not ship), a missing host, a bad port or a path.
    """
    text = value.strip()
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in PROXY_SCHEMES:
        raise ValueError(f"{scheme}:// proxies are not supported; use an http:// proxy")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the port is not a number between 0 and 65535") from None
    if not parts.hostname:
        raise ValueError("the address names no host")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError("a proxy address is a host and a port, without a path")
    del port
    return text


def parse_proxy_setting(value: str | None) -> str:
    """``system`` (also for None or empty), ``none``, or the proxy URL (see :func:`proxy_url`).

    Raises ValueError for an address that is not a usable proxy.
    """
    text = (value or "").strip()
    if text.lower() in ("", "system"):
        return "system"
    if text.lower() == "none":
        return "none"
    return proxy_url(text)


def redact_proxy(url: str) -> str:
    """``scheme://host:port`` of a proxy URL: never its user name or password (for logs)."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        port = parts.port
    except ValueError:
        return "(unreadable proxy address)"
    host = parts.hostname or "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")
