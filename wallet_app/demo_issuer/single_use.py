"""Two demo issuer behaviours about the proofs and copies of one credential request:

- ``single_use_nonce`` (DemoConfig): each ``c_nonce`` is accepted in one credential request
  only, as OID4VCI 1.0 §7 allows ("the Credential Issuer MAY ... accept a c_nonce once");
  the proofs of one batch request carry the same nonce, which that request spends;
- ``broken_copy`` (DemoFaults): one copy of a batch is sent damaged, so that it cannot be
  read (a wallet keeps the others, issue 10 W6).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .minting import b64url_decode
from .state import DemoState

__all__ = ["break_copy", "spend_nonces"]


def _nonce_of(proof: str) -> str | None:
    try:
        claims = json.loads(b64url_decode(proof.split(".")[1]))
    except (ValueError, IndexError):
        return None
    value = claims.get("nonce") if isinstance(claims, dict) else None
    return value if isinstance(value, str) else None


def spend_nonces(state: DemoState, proofs: Sequence[str]) -> bool:
    """Take the c_nonces of a request's (already verified) jwt proofs out of the valid
    ones. False when one of them was spent already, by another request that came first.
    Raises nothing."""
    nonces = {n for n in map(_nonce_of, proofs) if n is not None}
    with state.lock:
        if any(n not in state.c_nonces for n in nonces):
            return False
        for n in nonces:
            del state.c_nonces[n]
    return True


def break_copy(credential: str, format: str) -> str:
    """``credential`` damaged so that it cannot be read: an mdoc cut in half (no longer
    CBOR), a JWT or SD-JWT without its signature (two JWS parts). Raises nothing."""
    if format == "mso_mdoc":
        return credential[: len(credential) // 2]
    jws, tilde, rest = credential.partition("~")
    return jws.rsplit(".", 1)[0] + tilde + rest
