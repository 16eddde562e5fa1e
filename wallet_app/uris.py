"""What kind of URI the OS (or the user) handed to the wallet."""

from __future__ import annotations

from urllib.parse import urlsplit

from wallet_app.settings import REDIRECT_SCHEME

__all__ = ["OFFER_SCHEMES", "is_redirect_uri"]

#: URI schemes the wallet registers for credential offers (§12.1.1, HAIP §4.2).
OFFER_SCHEMES = ("openid-credential-offer", "haip-vci", "haip")


def is_redirect_uri(uri: str) -> bool:
    """True for an OAuth redirect to this wallet (our scheme, or a loopback callback)."""
    try:
        parts = urlsplit(uri.strip())
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme == REDIRECT_SCHEME:
        return True
    if parts.scheme == "http" and host in ("127.0.0.1", "::1", "localhost"):
        from wallet_app.oid4vci.authorize import redirect_params  # the protocol core: late

        params = redirect_params(uri)
        return "state" in params and ("code" in params or "error" in params)
    return False
