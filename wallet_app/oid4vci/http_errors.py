"""httpx's exceptions as the wallet's NetworkError, each with a sentence that says what to do.

Any failure once a request's total deadline has passed (a timeout, or the connection the
:class:`~wallet_app.oid4vci.bounds.Watchdog` cut) says the issuer was too slow.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from wallet_app.errors import NetworkError
from wallet_app.oid4vci.bounds import Deadline
from wallet_app.oid4vci.exchange import redact_url

__all__ = ["transport_error"]


def transport_error(
    exc: httpx.HTTPError | httpx.InvalidURL, deadline: Deadline, method: str, url: str
) -> NetworkError:
    """The NetworkError for ``exc``, raised by ``method url``. Raises nothing."""
    host = urlsplit(url).hostname or url
    if deadline.passed():
        return deadline.too_slow(host, method, url)
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(
            "{host} took too long to answer. Try again later.",
            params={"host": host},
            detail=f"{type(exc).__name__} on {method} {redact_url(url)}",
            code="timeout",
        )
    if isinstance(exc, httpx.ConnectError):
        text = str(exc)
        if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
            return NetworkError(
                "A secure connection to {host} could not be established: its certificate "
                "is not trusted. If this is a test issuer, add its CA certificate in the "
                "settings (or SSL_CERT_FILE).",
                params={"host": host},
                detail=f"TLS error on {method} {redact_url(url)}: {text}",
                code="tls_error",
            )
        return NetworkError(
            "{host} could not be reached. Check the address and your connection.",
            params={"host": host},
            detail=f"Connection failed on {method} {redact_url(url)}: {text}",
        )
    if isinstance(exc, httpx.ProxyError):  # unreachable, refused or unusable (host/network.py)
        return NetworkError(
            "{host} could not be reached through the proxy. Check the proxy in the "
            "settings (General, Proxy) or the HTTPS_PROXY environment variable.",
            params={"host": host},
            detail=f"Proxy failed on {method} {redact_url(url)}: {exc}",
            code="proxy_error",
        )
    if isinstance(exc, httpx.InvalidURL):
        return NetworkError(
            "The issuer uses an invalid address, so the wallet will not contact it.",
            detail=f"Invalid URL {redact_url(url)!r}: {exc}",
            code="insecure_url",
        )
    return NetworkError(
        "The connection to {host} failed.",
        params={"host": host},
        detail=f"{type(exc).__name__} on {method} {redact_url(url)}: {exc}",
    )
