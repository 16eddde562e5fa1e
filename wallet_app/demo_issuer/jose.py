"""Verification of JWTs that carry their own public key in the `jwk` header
(OID4VCI key proofs, Appendix F.1, and DPoP proofs, RFC 9449 §4.2)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from wallet_app.frozen import frozen

__all__ = ["InvalidJwt", "SelfSignedJwt", "jws_registry", "verify_self_signed"]

_PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "k"})


class InvalidJwt(ValueError):
    """The JWT is malformed, has the wrong header or a bad signature."""


@frozen
class SelfSignedJwt:
    """A verified JWT: its protected header, claims, public JWK and the JWK thumbprint."""

    header: Mapping[str, object]
    claims: Mapping[str, object]
    jwk: Mapping[str, object]
    thumbprint: str


def jws_registry(algorithms: tuple[str, ...]) -> jws.JWSRegistry:
    """A registry for ``algorithms`` that admits headers beyond RFC 7515's (a key proof's
    ``key_attestation``, App. F.1) and headers up to 8 KiB (a key attestation inside).
    Raises nothing."""
    registry = jws.JWSRegistry(algorithms=list(algorithms), strict_check_header=False)
    registry.max_header_length = 8192
    return registry


def verify_self_signed(token: str, *, typ: str, algorithms: tuple[str, ...]) -> SelfSignedJwt:
    """Check typ, alg and the `jwk` header, then the signature with that key.

    Raises InvalidJwt with a technical description on any failure.
    """
    try:
        registry = jws_registry(algorithms)
        header = jws.extract_compact(token.encode("ascii"), registry=registry).headers()
    except (JoseError, ValueError, UnicodeError) as exc:
        raise InvalidJwt(f"not a compact JWS: {exc}") from exc
    if header.get("typ") != typ:
        raise InvalidJwt(f"header typ must be {typ!r}, got {header.get('typ')!r}")
    alg = header.get("alg")
    if alg not in algorithms:
        raise InvalidJwt(f"header alg must be one of {list(algorithms)}, got {alg!r}")
    raw_jwk = header.get("jwk")
    if not isinstance(raw_jwk, dict):
        raise InvalidJwt("header jwk (the public key) is missing")
    if _PRIVATE_MEMBERS & raw_jwk.keys():
        raise InvalidJwt("header jwk contains private key members")
    if "kid" in header or "x5c" in header:
        raise InvalidJwt("header must not carry kid or x5c together with jwk")
    try:
        key = ECKey.import_key({str(k): v for k, v in raw_jwk.items()})
        verified = jws.deserialize_compact(token, key, registry=registry)
        claims = json.loads(verified.payload)
    except (JoseError, ValueError, TypeError) as exc:
        raise InvalidJwt(f"signature or key invalid: {exc}") from exc
    if not isinstance(claims, dict):
        raise InvalidJwt("payload is not a JSON object")
    public = {str(k): v for k, v in key.as_dict(private=False).items()}
    return SelfSignedJwt(dict(header), claims, public, key.thumbprint())
