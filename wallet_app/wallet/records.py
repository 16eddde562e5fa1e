"""The wallet store's record types and the helpers that seal and open them.

Records go in (``New*``) and come out (``Stored*``, ``*Record``, :class:`HistoryEntry`) of
:class:`wallet_app.wallet.store.CredentialStore`. The associated data of every sealed value
names its row and column (OID4VCI 1.0 §13.10, §15.3).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Literal

from wallet_app.errors import Sentence, StorageError
from wallet_app.frozen import frozen
from wallet_app.text import printable
from wallet_app.trust.model import Verification

__all__ = [
    "CredentialRecord",
    "DeferredRecord",
    "FlowRecord",
    "HistoryEntry",
    "NewCredential",
    "NewDeferred",
    "NewInstance",
    "StoredCredential",
    "StoredInstance",
    "anchor_aad",
    "as_mapping",
    "as_optional_mapping",
    "as_sentence",
    "as_text",
    "card_aad",
    "damaged",
    "deferred_aad",
    "display_aad",
    "flow_aad",
    "instance_aad",
    "joined_sentences",
    "notification_aad",
    "pending_aad",
    "pending_hash",
    "received_sentence",
    "sentence_json",
    "verification_aad",
]


@frozen
class NewInstance:
    """One issued instance of a credential, with the holder key it is bound to (if any)."""

    credential: str
    holder_private_jwk: Mapping[str, object] | None


@frozen
class NewCredential:
    """A credential to store: its display snapshot (``card``) and 1..n instances."""

    credential_configuration_id: str
    format: str
    issuer: str
    name: str
    card: Mapping[str, object]
    instances: tuple[NewInstance, ...]
    notification: Mapping[str, object] | None = None
    #: the trust result, stored (sealed) in the same transaction as the credential
    verification: Verification | None = None
    #: what the list card shows from the credential itself (``valid_from``, ``valid_until``:
    #: ISO 8601 or None, ``claims_text``, ``has_portrait``), from the decode done at receive;
    #: None: the store computes it with :func:`wallet_app.wallet.cards.card_facts`
    facts: Mapping[str, object] | None = None


@frozen
class NewDeferred:
    """A deferred issuance to resume later (OID4VCI 1.0 §9): transaction id + its context."""

    credential_configuration_id: str
    format: str
    issuer: str
    name: str
    card: Mapping[str, object]
    transaction_id: str
    context: Mapping[str, object]
    next_poll_at: float


@frozen
class StoredCredential:
    """What the credential list shows, from the small sealed list card.

    ``card`` is the list card from :meth:`CredentialStore.list_credentials` (the display
    snapshot without claim metadata, long image URIs replaced by an ``image_ref``, plus
    ``facts``), the full snapshot from :meth:`CredentialStore.get_credential`. ``damaged``: the
    row's card does not open (name "Damaged record", empty card); it can only be deleted.
    """

    id: str
    credential_configuration_id: str
    format: str
    issuer: str
    name: str
    received_at: str
    status: Literal["issued", "deferred"]
    instance_count: int
    card: Mapping[str, object]
    damaged: bool = False


@frozen
class StoredInstance:
    """One stored credential instance."""

    index: int
    credential: str
    holder_private_jwk: Mapping[str, object] | None


@frozen
class CredentialRecord:
    """A stored credential with its instances and notification state."""

    stored: StoredCredential
    instances: tuple[StoredInstance, ...]
    notification: Mapping[str, object] | None
    #: the stored trust result (None: received before the wallet verified credentials)
    verification: Verification | None = None


@frozen
class DeferredRecord:
    """A deferred issuance waiting to be polled."""

    stored: StoredCredential
    transaction_id: str
    context: Mapping[str, object]
    next_poll_at: float


@frozen
class FlowRecord:
    """The outcome and (already redacted) protocol trace of one flow; sealed at rest."""

    flow_id: str
    kind: str
    issuer: str
    outcome: Literal["issued", "deferred", "failed", "cancelled"]
    summary: str
    exchanges: Sequence[Mapping[str, object]]


@frozen
class HistoryEntry:
    """One line of the wallet's history."""

    flow_id: str
    at: str
    kind: str
    issuer: str
    outcome: str
    summary: str


def card_aad(credential_id: str) -> bytes:
    """Associated data of a credential's sealed card."""
    return f"credential:{credential_id}:card".encode()


def display_aad(display_key: str) -> bytes:
    """Associated data of a shared display snapshot (one per issuer and configuration)."""
    return f"display:{display_key}".encode()


def instance_aad(credential_id: str, index: int) -> bytes:
    """Associated data of one sealed credential instance."""
    return f"credential:{credential_id}:instance:{index}".encode()


def notification_aad(credential_id: str) -> bytes:
    """Associated data of a credential's sealed notification state."""
    return f"credential:{credential_id}:notification".encode()


def deferred_aad(credential_id: str) -> bytes:
    """Associated data of a deferred issuance's sealed transaction id and context."""
    return f"credential:{credential_id}:deferred".encode()


def verification_aad(credential_id: str) -> bytes:
    """Associated data of a credential's sealed verification."""
    return f"verification:{credential_id}".encode()


def anchor_aad(anchor_id: str) -> bytes:
    """Associated data of a sealed trust anchor."""
    return f"anchor:{anchor_id}".encode()


def pending_aad(key_hash: str) -> bytes:
    """Associated data of a sealed pending authorization."""
    return f"pending:{key_hash}:payload".encode()


def flow_aad(flow_id: str, column: str) -> bytes:
    """Associated data of one sealed column of a flow's history row."""
    return f"flow:{flow_id}:{column}".encode()


def pending_hash(key: str) -> str:
    """The clear lookup key of a pending authorization: a hash of its OAuth state."""
    # The OAuth state is high-entropy, so a plain hash hides it; only the hash is kept in clear.
    return hashlib.sha256(b"wallet-app pending\x00" + key.encode("utf-8")).hexdigest()


def damaged(what: str) -> StorageError:
    """The StorageError for a stored value of the wrong shape."""
    return StorageError(
        "Stored wallet data is damaged and could not be read.", detail=f"{what} has a bad shape"
    )


def as_mapping(value: object, what: str) -> dict[str, object]:
    """An opened JSON object as a dict; raises StorageError when it is not one."""
    if not isinstance(value, dict):
        raise damaged(what)
    return {str(k): v for k, v in value.items()}


def as_optional_mapping(value: object, what: str) -> dict[str, object] | None:
    """Like :func:`as_mapping`, but None stays None."""
    return None if value is None else as_mapping(value, what)


def as_text(value: object, what: str) -> str:
    """An opened JSON string; raises StorageError when it is not one."""
    if not isinstance(value, str):
        raise damaged(what)
    return value


# -- history summaries: sentences kept with their template, so a UI can translate them ------


def received_sentence(name: str, copies: int = 1) -> Sentence:
    """ "Received <name>" (with the number of copies when more than one); the issuer's name
    printable: no control or bidi override character of it is kept in the sentence."""
    name = printable(name, limit=300)
    if copies > 1:
        return Sentence("Received {name} ({count} copies)", {"name": name, "count": copies})
    return Sentence("Received {name}", {"name": name})


def joined_sentences(parts: Sequence[str]) -> str:
    """``parts`` joined with "; " (as one Sentence when there are several)."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return Sentence("{first}; {rest}", {"first": parts[0], "rest": joined_sentences(parts[1:])})


def sentence_json(text: str, *, nested: bool = False) -> object:
    """``text`` for the sealed store: a Sentence keeps its template and params (a literal one
    at the top is stored as plain text; inside another it stays a Sentence, since a plain
    text param is shown as it is, like a name)."""
    if not isinstance(text, Sentence) or (not text.params and not nested):
        return str(text)
    params = {k: sentence_json(v, nested=True) for k, v in text.params.items()}
    return {"text": str(text), "template": text.template, "params": params}


def as_sentence(value: object, what: str) -> str:
    """What :func:`sentence_json` wrote: a plain text, or a Sentence rebuilt; raises
    StorageError on any other shape."""
    if isinstance(value, str):
        return value
    body = as_mapping(value, what)
    template, text = body.get("template"), body.get("text")
    if not isinstance(template, str) or not isinstance(text, str):
        raise damaged(what)
    params = {k: as_sentence(v, what) for k, v in as_mapping(body.get("params"), what).items()}
    try:
        sentence = Sentence(template, params)
    except (LookupError, ValueError, AttributeError, TypeError):  # "{a.b}", "{a[0]}"
        return text
    return sentence if sentence == text else text  # parts that do not fit: the English text
