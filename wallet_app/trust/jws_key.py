"""Checking a compact JWS with a given public key (joserfc), for status lists and metadata.

Only asymmetric algorithms: a token the wallet fetches must never select HMAC or ``none``.
The polymorphic ``EdDSA`` (deprecated by RFC 9864; joserfc warns) is checked with
``cryptography`` directly.

:func:`verify_parsed` checks a token the wallet has already parsed (strict base64url JSON
header and payload, base64url signature: :func:`wallet_app.formats.jwt_vc.parse_jws`) with
joserfc's own header, key and algorithm checks, without parsing it a second time: a
credential's signature is checked for every instance of a batch.
"""

from __future__ import annotations

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.jws import JWSRegistry
from joserfc.registry import check_crit_header, check_registry_header

from wallet_app.formats.jwt_vc import Jws, verify_eddsa
from wallet_app.formats.view import b64url_decode

__all__ = ["SIGNING_ALGS", "verify_parsed", "verify_with_key"]

SIGNING_ALGS = frozenset(
    {"ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448"}
    | {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
)
_MAX_HEADER = 64_000
_MAX_PAYLOAD = 8_000_000


def verify_with_key(compact: str, key: ECKey | RSAKey | OKPKey, alg: str) -> bool:
    """True when ``compact`` is signed with ``alg`` by ``key``. Raises nothing."""
    if alg not in SIGNING_ALGS:
        return False
    if alg == "EdDSA":
        return verify_eddsa(compact, key)
    # certificate chains make headers long: lift joserfc's 512-byte header cap
    registry = JWSRegistry(algorithms=[alg], strict_check_header=False)
    registry.max_header_length = _MAX_HEADER
    registry.max_payload_length = _MAX_PAYLOAD
    try:
        jws.deserialize_compact(compact, key, registry=registry)
    except (JoseError, ValueError, TypeError):
        return False
    return True


def verify_parsed(
    token: Jws, key: ECKey | RSAKey | OKPKey, alg: str, *, verified: bool = False
) -> bool:
    """:func:`verify_with_key` for a token parsed by ``parse_jws``: the same decision
    (joserfc's size limits as lifted here, ``alg`` the only one allowed, ``crit`` and the
    registered header parameters, the key's type, curve, use and ``alg``, the signature)
    without decoding the token again. ``verified``: the signature was verified with this
    very key already (the structural floor, with the key the credential embeds): every
    other check is made, the signature not again. Raises nothing."""
    if alg not in SIGNING_ALGS or alg == "EdDSA" or "b64" in token.header:
        return verify_with_key(token.compact, key, alg)  # EdDSA; RFC 7797 unencoded payload
    parts = token.compact.split(".")
    model = JWSRegistry.algorithms.get(alg)
    if (
        len(parts) != 3
        or len(parts[0]) > _MAX_HEADER
        or len(parts[1]) > _MAX_PAYLOAD
        or len(parts[2]) > JWSRegistry.max_signature_length
        or token.header.get("alg") != alg
        or model is None
    ):
        return False
    try:
        header = dict(token.header)
        check_crit_header(JWSRegistry.default_header_registry, header)
        check_registry_header(JWSRegistry.default_header_registry, header)
        model.check_key(key)
        if verified:
            return True
        return bool(
            model.verify(f"{parts[0]}.{parts[1]}".encode("ascii"), b64url_decode(parts[2]), key)
        )
    except (JoseError, ValueError, TypeError):
        return False
