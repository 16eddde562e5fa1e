"""The wallet's URL policy in one place: https everywhere, plain http only on loopback."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

__all__ = ["is_allowed_url", "is_loopback_host", "is_loopback_url"]


def is_loopback_host(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost`` (not ``*.localhost``: DNS may answer it)."""
    host = host.lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """True when ``url``'s host is a loopback host."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return is_loopback_host(host)


def is_allowed_url(url: str) -> bool:
    """True for an absolute ``https`` URL, or ``http`` on a loopback host; no malformed ports."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if not host:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and is_loopback_host(host)
