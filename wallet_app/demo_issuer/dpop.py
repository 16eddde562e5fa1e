"""DPoP proof checks for the token endpoint and the resource endpoints (RFC 9449)."""

from __future__ import annotations

import base64
import hashlib

from wallet_app.frozen import frozen

from .jose import InvalidJwt, verify_self_signed
from .state import NONCE_LIFETIME, DemoState
from .wsgi import Request

__all__ = ["DpopError", "access_token_hash", "verify_dpop"]

_MAX_SKEW = 300


class DpopError(Exception):
    """A DPoP proof is missing, invalid or needs a fresh server nonce."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@frozen
class DpopProof:
    """A verified DPoP proof: the thumbprint of its key (RFC 7638)."""

    jkt: str


def access_token_hash(access_token: str) -> str:
    """ath: base64url(SHA-256(access token)) (RFC 9449 §4.2). Raises nothing."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _htu(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def verify_dpop(
    state: DemoState, request: Request, *, access_token: str | None = None
) -> DpopProof | None:
    """Verify the DPoP header of `request` (RFC 9449 §4.3); None when there is none.

    Raises DpopError("invalid_dpop_proof" | "use_dpop_nonce", description).
    """
    token = request.headers.get("dpop")
    if token is None:
        return None
    if "," in token:
        raise DpopError("invalid_dpop_proof", "exactly one DPoP header is allowed")
    try:
        jwt = verify_self_signed(token, typ="dpop+jwt", algorithms=("ES256",))
    except InvalidJwt as exc:
        raise DpopError("invalid_dpop_proof", str(exc)) from exc
    claims = jwt.claims
    jti, iat = claims.get("jti"), claims.get("iat")
    if not isinstance(jti, str) or not jti:
        raise DpopError("invalid_dpop_proof", "jti is missing")
    if claims.get("htm") != request.method:
        raise DpopError("invalid_dpop_proof", f"htm must be {request.method}")
    htu = claims.get("htu")
    if not isinstance(htu, str) or _htu(htu) != _htu(request.url):
        raise DpopError("invalid_dpop_proof", f"htu must be {request.url}")
    now = state.now()
    if not isinstance(iat, int | float) or isinstance(iat, bool) or abs(iat - now) > _MAX_SKEW:
        raise DpopError("invalid_dpop_proof", "iat is missing or too far from the server time")
    if access_token is not None and claims.get("ath") != access_token_hash(access_token):
        raise DpopError("invalid_dpop_proof", "ath does not match the access token")
    if state.config.dpop_nonce:
        nonce = claims.get("nonce")
        if not isinstance(nonce, str) or not state.dpop_nonce_valid(nonce):
            raise DpopError("use_dpop_nonce", "Authorization server requires nonce in DPoP proof")
    with state.lock:
        for seen, expires in list(state.dpop_jtis.items()):
            if expires < now:
                del state.dpop_jtis[seen]
        if jti in state.dpop_jtis:
            raise DpopError("invalid_dpop_proof", "jti was already used")
        state.dpop_jtis[jti] = now + 2 * NONCE_LIFETIME
    return DpopProof(jwt.thumbprint)
