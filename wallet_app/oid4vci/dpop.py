"""DPoP proofs (RFC 9449) for sender-constrained tokens (§13.2, protocol-notes §1.17).

One :class:`DPoPKey` per issuance session; it is kept with a deferred issuance because
later calls must present the same key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import field
from urllib.parse import urlsplit, urlunsplit

from wallet_app.errors import StorageError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.proof import (
    SigningKey,
    generate_key,
    key_from_jwk,
    private_jwk,
    public_jwk,
    sign_jwt,
)

__all__ = [
    "DPOP_TYP",
    "DPoPKey",
    "access_token_hash",
    "choose_dpop_alg",
    "jwk_thumbprint",
    "origin",
]

DPOP_TYP = "dpop+jwt"
_PREFERRED_DPOP_ALGS = ("ES256", "ES384", "ES512", "EdDSA", "Ed25519")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 7638 §3.2: the required members per key type, in lexicographic order.
_THUMBPRINT_MEMBERS = {
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "RSA": ("e", "kty", "n"),
}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def access_token_hash(access_token: str) -> str:
    """The ``ath`` claim: base64url(SHA-256(ASCII access token)) (RFC 9449 §4.2).

    A token with non-ASCII characters is hashed as UTF-8 rather than crashing the flow; the
    issuer will then reject it with a normal error.
    """
    return _b64(hashlib.sha256(access_token.encode("utf-8")).digest())


def jwk_thumbprint(jwk: Mapping[str, object]) -> str:
    """RFC 7638 SHA-256 thumbprint of a public JWK, base64url. Raises ValueError if malformed."""
    members = _THUMBPRINT_MEMBERS.get(str(jwk.get("kty")))
    if members is None or any(not isinstance(jwk.get(m), str) for m in members):
        raise ValueError("not an EC, OKP or RSA public JWK")
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode("utf-8")).digest())


@frozen
class DPoPKey:
    """A DPoP private key and its JWS alg (RFC 9449 §4)."""

    alg: str
    key: SigningKey = field(repr=False)

    @classmethod
    def generate(cls, alg: str = "ES256") -> DPoPKey:
        """A fresh key for ``alg``. Raises MetadataError for an unsupported alg."""
        return cls(alg=alg, key=generate_key(alg))

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, object], alg: str) -> DPoPKey:
        """Load a stored private JWK. Raises StorageError when it is not a usable private key."""
        key = key_from_jwk(jwk)
        if not key.is_private:
            raise StorageError(
                "A stored key could not be read.", detail="DPoP JWK has no private part"
            )
        return cls(alg=alg, key=key)

    def private_jwk(self) -> dict[str, object]:
        """The full private JWK, for sealed storage only."""
        return private_jwk(self.key)

    def public_jwk(self) -> dict[str, object]:
        """The public JWK sent in the DPoP header."""
        return public_jwk(self.key)

    def thumbprint(self) -> str:
        """RFC 7638 SHA-256 thumbprint, base64url: the ``dpop_jkt`` value (RFC 9449 §10)."""
        return jwk_thumbprint(self.public_jwk())

    def proof(
        self,
        method: str,
        url: str,
        *,
        access_token: str | None = None,
        nonce: str | None = None,
        issued_at: int,
        jti: str | None = None,
    ) -> str:
        """A DPoP proof JWT for one request (RFC 9449 §4.2).

        ``htu`` is ``url`` without query and fragment; ``ath`` is added when presenting an
        access token, ``nonce`` when the server demanded one. Raises ValueError when the alg
        does not fit the key.
        """
        parts = urlsplit(url)
        header: dict[str, object] = {"typ": DPOP_TYP, "alg": self.alg, "jwk": self.public_jwk()}
        claims: dict[str, object] = {
            "jti": jti if jti is not None else secrets.token_urlsafe(16),
            "htm": method.upper(),
            "htu": urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
            "iat": issued_at,
        }
        if access_token is not None:
            claims["ath"] = access_token_hash(access_token)
        if nonce is not None:
            claims["nonce"] = nonce
        return sign_jwt(header, claims, self.key)


def choose_dpop_alg(supported: Sequence[str]) -> str | None:
    """Our preferred DPoP alg among the server's ``dpop_signing_alg_values_supported``.

    ES256 first, then ES384, ES512, EdDSA; None when there is no overlap. Raises nothing.
    """
    return next((alg for alg in _PREFERRED_DPOP_ALGS if alg in supported), None)


def origin(url: str) -> str:
    """``scheme://host[:port]`` in lower case, default port dropped: the DPoP-nonce cache key.

    A malformed URL gives its lower-cased text (the HTTP layer refuses such URLs anyway).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"
