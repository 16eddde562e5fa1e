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

__all__ = ["bind_each", "bind_instances", "same_key"]

log = logging.getLogger(__name__)


def bind_instances(
    conf: CredentialConfiguration,
    credentials: Sequence[str],
    keys: Sequence[SigningKey],
) -> tuple[NewInstance, ...]:
    """Pair each credential with the proof key it is bound to; each key binds at most one
    credential (§8.3). Raises FormatError for a credential that cannot be read or is bound
    to a key that is not ours."""
    instances: list[NewInstance] = []
    for item in bind_each(conf, credentials, keys):
        if isinstance(item, FormatError):
            raise item
        if item is not None:
            instances.append(item)
    return tuple(instances)


def bind_each(
    conf: CredentialConfiguration,
    credentials: Sequence[str],
    keys: Sequence[SigningKey],
) -> list[NewInstance | FormatError | None]:
    """Per credential, in order: its instance with the proof key it is bound to (each key
    binds at most one credential, §8.3), the FormatError why it cannot be kept (it cannot be
    read, or it is bound to a key that is not ours), or None: more credentials came than
    proofs were sent and none was left for it. Raises nothing for bad input."""
    publics = [public_jwk(k) for k in keys]
    unused = list(range(len(keys)))
    bound: list[NewInstance | FormatError | None] = []
    for position, credential in enumerate(credentials):
        try:
            view = decode_credential(conf.format, credential)
        except FormatError as exc:
            bound.append(exc)
            continue
        chosen: int | None = None
        if keys and view.holder_key is None:
            if not unused:
                log.warning(
                    "the issuer returned more credentials of %s than proofs sent; "
                    "credential %d has no holder key left and was dropped",
                    conf.id,
                    position,
                )
                bound.append(None)
                continue
            chosen = position if position in unused else unused[0]
        elif view.holder_key is not None and keys:
            for idx in unused:
                if same_key(publics[idx], view.holder_key):
                    chosen = idx
                    break
            if chosen is None:
                bound.append(
                    FormatError(
                        "The issuer bound the credential to a key that is not this wallet's, "
                        "so it was not kept.",
                        detail="holder binding (cnf.jwk / deviceKey) matches none of the "
                        "proof keys",
                        code="holder_binding_mismatch",
                    )
                )
                continue
        if chosen is not None:
            unused.remove(chosen)
        bound.append(
            NewInstance(
                credential=credential,
                holder_private_jwk=private_jwk(keys[chosen]) if chosen is not None else None,
            )
        )
    return bound


def same_key(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    members = ("kty", "crv", "x", "y", "n", "e")
    return all(a.get(m) == b.get(m) for m in members) and a.get("kty") is not None
