"""Holder binding on receipt: which of the wallet's proof keys each issued credential is bound
to (OID4VCI 1.0 §8.3: one key binds at most one credential)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from wallet_app.errors import FormatError
from wallet_app.formats import decode_credential
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.oid4vci.proof import SigningKey, private_jwk, public_jwk
from wallet_app.wallet.store import NewInstance

__all__ = ["bind_instances", "same_key"]

log = logging.getLogger(__name__)


def bind_instances(
    conf: CredentialConfiguration,
    credentials: Sequence[str],
    keys: Sequence[SigningKey],
) -> tuple[NewInstance, ...]:
    """Pair each credential with the proof key it is bound to; each key binds at most one
    credential (§8.3). Raises FormatError for a binding to a key that is not ours."""
    publics = [public_jwk(k) for k in keys]
    unused = list(range(len(keys)))
    instances: list[NewInstance] = []
    for position, credential in enumerate(credentials):
        view = decode_credential(conf.format, credential)
        chosen: int | None = None
        if keys and view.holder_key is None:
            if not unused:
                log.warning(
                    "the issuer returned more credentials of %s than proofs sent; "
                    "credential %d has no holder key left and was dropped",
                    conf.id,
                    position,
                )
                continue
            chosen = position if position in unused else unused[0]
        elif view.holder_key is not None and keys:
            for idx in unused:
                if same_key(publics[idx], view.holder_key):
                    chosen = idx
                    break
            if chosen is None:
                raise FormatError(
                    "The issuer bound the credential to a key that is not this wallet's, "
                    "so it was not kept.",
                    detail="holder binding (cnf.jwk / deviceKey) matches none of the proof keys",
                    code="holder_binding_mismatch",
                )
        if chosen is not None:
            unused.remove(chosen)
        instances.append(
            NewInstance(
                credential=credential,
                holder_private_jwk=private_jwk(keys[chosen]) if chosen is not None else None,
            )
        )
    return tuple(instances)


def same_key(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    members = ("kty", "crv", "x", "y", "n", "e")
    return all(a.get(m) == b.get(m) for m in members) and a.get("kty") is not None
