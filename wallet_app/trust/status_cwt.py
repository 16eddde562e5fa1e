"""Status List Tokens in CWT form (Token Status List §5.2): a tagged COSE_Sign1 (RFC 9052)
whose protected header types it ``application/statuslist+cwt`` (label 16) and whose payload
is a CWT claims set: 2 sub, 6 iat, 4 exp, 65534 ttl, 65533 status_list ``{bits, lst}``.

:func:`parse_cwt` reads one; :func:`verify_cwt` checks its signature with a public key; its
claims come back with the JWT claim names so the rest of the status check is shared.
"""

from __future__ import annotations

from collections.abc import Mapping

import cbor2
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from wallet_app.frozen import frozen
from wallet_app.trust.status_list import CWT_MEDIA_TYPE

__all__ = ["CWT_MEDIA_TYPE", "Cwt", "parse_cwt", "verify_cwt"]

_TAG_SIGN1 = 18
_ALG, _TYP, _X5CHAIN = 1, 16, 33
_CLAIMS: Mapping[int, str] = {
    2: "sub",
    4: "exp",
    5: "nbf",
    6: "iat",
    65534: "ttl",
    65533: "status_list",
}
_ECDSA: Mapping[int, hashes.HashAlgorithm] = {
    -7: hashes.SHA256(),
    -35: hashes.SHA384(),
    -36: hashes.SHA512(),
}
_EDDSA = -8
_MAX_BYTES = 4 * 1024 * 1024


@frozen
class Cwt:
    """A decoded (not yet verified) CWT Status List Token."""

    alg: object
    typ: object
    claims: Mapping[str, object]
    x5chain: tuple[bytes, ...]
    sig_structure: bytes
    signature: bytes


def _map(value: object, what: str) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{what} is not a map")
    return value


def parse_cwt(data: bytes) -> Cwt:
    """Decode a COSE_Sign1_Tagged Status List Token. Raises ValueError when it is not one
    (a COSE_Mac0 cannot be checked without a shared key and is refused too)."""
    if len(data) > _MAX_BYTES:
        raise ValueError("the token is too large")
    try:
        top = cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"not CBOR ({exc})") from exc
    if not isinstance(top, cbor2.CBORTag) or top.tag != _TAG_SIGN1:
        raise ValueError("not a tagged COSE_Sign1")
    sign1 = top.value
    if not isinstance(sign1, list | tuple) or len(sign1) != 4:
        raise ValueError("COSE_Sign1 is not an array of four")
    protected_raw, unprotected, payload, signature = sign1
    if not (
        isinstance(protected_raw, bytes)
        and isinstance(payload, bytes)
        and isinstance(signature, bytes)
    ):
        raise ValueError("COSE_Sign1 members have the wrong types")
    try:
        protected = (
            _map(cbor2.loads(protected_raw), "the protected header") if protected_raw else {}
        )
        claims = _map(cbor2.loads(payload), "the claims set")
    except (cbor2.CBORDecodeError, RecursionError) as exc:
        raise ValueError(f"not CBOR ({exc})") from exc
    unprotected = _map(unprotected, "the unprotected header")
    chain = protected.get(_X5CHAIN, unprotected.get(_X5CHAIN))
    items: list[object] = (
        list(chain) if isinstance(chain, list | tuple) else [] if chain is None else [chain]
    )
    ders = [der for der in items if isinstance(der, bytes)]
    if len(ders) != len(items):
        raise ValueError("x5chain holds something other than certificates")
    return Cwt(
        alg=protected.get(_ALG),
        typ=protected.get(_TYP),
        claims={name: claims[label] for label, name in _CLAIMS.items() if label in claims},
        x5chain=tuple(ders),
        sig_structure=cbor2.dumps(["Signature1", protected_raw, b"", payload]),
        signature=signature,
    )


def verify_cwt(cwt: Cwt, public: object) -> bool:
    """True when ``cwt`` is signed by ``public`` (a cryptography public key) with its
    ``alg`` (ES256/384/512 or EdDSA). Raises nothing."""
    try:
        if isinstance(public, ec.EllipticCurvePublicKey) and cwt.alg in _ECDSA:
            assert isinstance(cwt.alg, int)
            size = (public.curve.key_size + 7) // 8
            if len(cwt.signature) != 2 * size:
                return False
            r = int.from_bytes(cwt.signature[:size], "big")
            s = int.from_bytes(cwt.signature[size:], "big")
            der = encode_dss_signature(r, s)
            public.verify(der, cwt.sig_structure, ec.ECDSA(_ECDSA[cwt.alg]))
            return True
        if isinstance(public, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey) and (
            cwt.alg == _EDDSA
        ):
            public.verify(cwt.signature, cwt.sig_structure)
            return True
    except (InvalidSignature, UnsupportedAlgorithm, ValueError):
        return False
    return False
