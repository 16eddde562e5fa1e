"""Holder binding on receipt: which of the wallet's proof keys each issued credential is bound
to (OID4VCI 1.0 §8.3: one key binds at most one credential)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from wallet_app.errors import FormatError
from wallet_app.formats import CredentialView, decode_credential
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.oid4vci.proof import SigningKey, private_jwk, public_jwk
from wallet_app.wallet.store import NewInstance

__all__ = ["SURPLUS_COPY", "bind_each", "bind_instances", "same_key"]

log = logging.getLogger(__name__)

#: the code of a copy dropped because every proof key is bound to another copy already
SURPLUS_COPY = "surplus_copy"


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
            if item.code == SURPLUS_COPY:
                continue  # logged by bind_each; the copies with a key are kept
            raise item
        instances.append(item)
    return tuple(instances)


def _surplus(conf: CredentialConfiguration, position: int) -> FormatError:
    log.warning(
        "the issuer returned more credentials of %s than the wallet has keys for; "
        "credential %d has no holder key left and was dropped",
        conf.id,
        position,
    )
    return FormatError(
        "The issuer sent more copies than the wallet has keys for, so this one was not kept.",
        detail="every proof key is bound to a copy already (OID4VCI 1.0 §8.3: one key binds "
        "at most one credential)",
        code=SURPLUS_COPY,
    )


def bind_each(
    conf: CredentialConfiguration,
    credentials: Sequence[str],
    keys: Sequence[SigningKey],
    views: Sequence[CredentialView | None] = (),
) -> list[NewInstance | FormatError]:
    """Per credential, in order: its instance with the proof key it is bound to (each key
    binds at most one credential, §8.3), or the FormatError why it cannot be kept: it cannot
    be read, it is bound to a key that is not ours (``holder_binding_mismatch``), or more
    copies came than the wallet has keys for and none is left for it (``surplus_copy``:
    e.g. an issuer that issues per attested key for every proof, App. F.1). ``views``: the
    credentials decoded already, by position (None or missing: decoded here). Raises nothing
    for bad input."""
    publics = [public_jwk(k) for k in keys]
    unused = list(range(len(keys)))
    bound: list[NewInstance | FormatError] = []
    for position, credential in enumerate(credentials):
        try:
            known = views[position] if position < len(views) else None
            view = known if known is not None else decode_credential(conf.format, credential)
        except FormatError as exc:
            bound.append(exc)
            continue
        chosen: int | None = None
        if keys and view.holder_key is None:
            if not unused:
                bound.append(_surplus(conf, position))
                continue
            chosen = position if position in unused else unused[0]
        elif view.holder_key is not None and keys:
            for idx in unused:
                if same_key(publics[idx], view.holder_key):
                    chosen = idx
                    break
            if chosen is None and any(same_key(p, view.holder_key) for p in publics):
                bound.append(_surplus(conf, position))  # a key of ours, bound already
                continue
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
