"""The small sealed list card of each credential, and the display data its credentials share.

A credential row keeps one sealed *list card*: its name, issuer and configuration id (so the
file does not show in clear which credentials a person holds) and what the list shows: the
display snapshot without claim metadata, every image URI longer than 512 characters replaced
by an ``image_ref``, and the ``facts`` read from the credential when it was added (validity,
claim text for search, whether it has a portrait). The full snapshot, embedded images included,
is kept once per issuer and configuration in the sealed ``displays`` table, under a keyed hash
of its content; :meth:`CardTables.card_image` and ``get_credential`` open it.

The issuer is looked up (``knows_issuer``) by a keyed hash (:meth:`Vault.tag`) in the clear
``issuer_tag`` column.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Literal

from wallet_app.errors import StorageError, WalletError
from wallet_app.jsonsafe import has_lone_surrogate, repair_text
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import (
    NewCredential,
    NewDeferred,
    StoredCredential,
    as_mapping,
    card_aad,
    display_aad,
)
from wallet_app.wallet.store_dicts import drop_unused_dictionaries

__all__ = [
    "CARD_COLUMNS",
    "DAMAGED_NAME",
    "CardRow",
    "CardTables",
    "card_row",
    "facts_json",
    "issuer_tag",
    "put_display",
]

#: the name a credential whose stored card cannot be read is listed under
DAMAGED_NAME = "Damaged record"
#: the columns :meth:`CardTables._stored` reads, in its order
CARD_COLUMNS = "id, format, status, received_at, instance_count, display_key, card"
_IMAGE_LIMIT = 512
_CLAIMS_TEXT_LIMIT = 400
_MAX_WALK = 8
_CACHE_SIZE = 32
_DAMAGED_SENTENCE = (
    "This credential's stored record is damaged and cannot be read. Delete it with "
    "“wallet-app delete {id}” (or in the app) and receive it again."
)


def issuer_tag(vault: Vault, issuer: str) -> str:
    """The keyed hash that stands in for ``issuer`` in clear columns."""
    return vault.tag(issuer, purpose="issuer")


def facts_json(format: str, credential: str | None) -> dict[str, object]:
    """The list card's ``facts`` of a credential instance (empty facts for a pending one or
    one that does not decode). Raises nothing."""
    from wallet_app.wallet.cards import card_facts

    facts = card_facts(format, credential)
    return {
        "valid_from": facts.valid_from.isoformat() if facts.valid_from else None,
        "valid_until": facts.expires_at.isoformat() if facts.expires_at else None,
        "claims_text": facts.claims_text[:_CLAIMS_TEXT_LIMIT],
        "has_portrait": facts.portrait is not None,
    }


def _checked_facts(facts: Mapping[str, object]) -> dict[str, object]:
    def when(key: str) -> str | None:
        value = facts.get(key)
        return value if isinstance(value, str) else None

    text = facts.get("claims_text")
    return {
        "valid_from": when("valid_from"),
        "valid_until": when("valid_until"),
        "claims_text": text[:_CLAIMS_TEXT_LIMIT] if isinstance(text, str) else "",
        "has_portrait": facts.get("has_portrait") is True,
    }


def _repaired(value: object, depth: int = 0) -> object:
    """Display data with lone surrogates repaired (U+FFFD), so it can be sealed as UTF-8."""
    if isinstance(value, str):
        return repair_text(value) if has_lone_surrogate(value) else value
    if depth > 32:
        return None
    if isinstance(value, Mapping):
        return {repair_text(str(k)): _repaired(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_repaired(v, depth + 1) for v in value]
    return value


def _long_images(value: object, found: list[str], depth: int = 0) -> None:
    """Every image URI longer than the limit in ``value``, in a fixed walk order."""
    if depth > _MAX_WALK:
        return
    if isinstance(value, Mapping):
        uri = value.get("uri")
        if isinstance(uri, str) and len(uri) > _IMAGE_LIMIT:
            found.append(uri)
        for key, child in value.items():
            if key != "claims_metadata" or depth != 0:
                _long_images(child, found, depth + 1)
    elif isinstance(value, list):
        for child in value:
            _long_images(child, found, depth + 1)


def _without_images(value: object, key: str, counter: list[int], depth: int = 0) -> object:
    """``value`` with each long image URI replaced by None plus an ``image_ref``; the walk
    order is that of :func:`_long_images`."""
    if depth > _MAX_WALK:
        return value
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        uri = value.get("uri")
        if isinstance(uri, str) and len(uri) > _IMAGE_LIMIT:
            out["image_ref"] = f"{key}.{counter[0]}"
            counter[0] += 1
        for name, child in value.items():
            if name == "claims_metadata" and depth == 0:
                continue
            if name == "uri" and "image_ref" in out:
                out[name] = None
            else:
                out[name] = _without_images(child, key, counter, depth + 1)
        return out
    if isinstance(value, list):
        return [_without_images(child, key, counter, depth + 1) for child in value]
    return value


class CardRow:
    """The clear and sealed values of one credential row's card, ready to insert."""

    __slots__ = ("base", "card", "display_key", "full", "issuer_tag", "listed")

    def __init__(
        self,
        issuer_tag: str,
        display_key: str,
        full: dict[str, object],
        card: bytes,
        listed: dict[str, object],
        base: dict[str, object],
    ) -> None:
        self.issuer_tag = issuer_tag
        self.display_key = display_key
        #: the full snapshot, sealed into ``displays`` by :func:`put_display` when missing
        self.full = full
        self.card = card
        #: the list card, as :meth:`CardTables._stored` opens it
        self.listed = listed
        #: the shared part of the list card (``listed`` without ``facts``)
        self.base = base


def _split(
    vault: Vault, card: Mapping[str, object]
) -> tuple[str, dict[str, object], dict[str, object]]:
    """The display key, full snapshot and list card (without facts) of a card."""
    full = dict(card)
    canonical = json.dumps(full, sort_keys=True, ensure_ascii=False, default=str)
    try:
        canonical.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in display text: repaired to U+FFFD
        full = as_mapping(_repaired(full), "card")
        canonical = json.dumps(full, sort_keys=True, ensure_ascii=False, default=str)
    display_key = vault.tag(canonical, purpose="display")
    return display_key, full, as_mapping(_without_images(full, display_key, [0]), "card")


def card_row(
    vault: Vault,
    credential_id: str,
    item: NewCredential | NewDeferred,
    *,
    damaged: bool = False,
    cache: dict[int, tuple[object, tuple[str, dict[str, object], dict[str, object]]]] | None = None,
) -> CardRow:
    """Seal the list card of ``item`` and its shared display snapshot. ``cache`` keeps the
    split of card objects seen before (a bulk add passes one card object many times).
    Raises StorageError."""
    hit = cache.get(id(item.card)) if cache is not None else None
    if hit is not None and hit[0] is item.card:
        display_key, full, base = hit[1]
    else:
        display_key, full, base = _split(vault, item.card)
        if cache is not None:
            if len(cache) >= _CACHE_SIZE:
                cache.pop(next(iter(cache)))
            cache[id(item.card)] = (item.card, (display_key, full, base))
    listed = dict(base)
    if isinstance(item, NewCredential):
        first = item.instances[0].credential if item.instances else None
        facts = (
            _checked_facts(item.facts) if item.facts is not None else facts_json(item.format, first)
        )
    else:
        facts = _checked_facts({})
    listed["facts"] = facts
    # the row's own part; the rest of the list card is the display's, shared (and cached)
    sealed: dict[str, object] = {
        "name": repair_text(item.name),
        "issuer": repair_text(item.issuer),
        "configuration_id": repair_text(item.credential_configuration_id),
        "facts": facts,
    }
    if damaged:
        sealed["damaged"] = True
    return CardRow(
        issuer_tag=issuer_tag(vault, item.issuer),
        display_key=display_key,
        full=full,
        card=vault.seal_json(sealed, aad=card_aad(credential_id)),
        listed=listed,
        base=base,
    )


def put_display(conn: sqlite3.Connection, vault: Vault, row: CardRow) -> None:
    """Seal ``row``'s full snapshot into the shared ``displays`` table unless it is there."""
    found = conn.execute("SELECT 1 FROM displays WHERE key = ?", (row.display_key,)).fetchone()
    if found is None:
        shared = {"full": row.full, "listed": row.base}
        body = vault.seal_json(shared, aad=display_aad(row.display_key), compress=True)
        conn.execute("INSERT INTO displays (key, body) VALUES (?, ?)", (row.display_key, body))


def damaged_error(credential_id: str, detail: str) -> StorageError:
    """The StorageError for a credential whose stored record cannot be read."""
    return StorageError(
        _DAMAGED_SENTENCE, params={"id": credential_id[:8]}, detail=detail, code="damaged_record"
    )


class CardTables:
    """List cards and shared display snapshots; mixed into the CredentialStore."""

    _vault: Vault
    _display_cache: dict[str, tuple[dict[str, object], dict[str, object]]]
    _split_cache: dict[int, tuple[object, tuple[str, dict[str, object], dict[str, object]]]]

    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def _insert_card(
        self, conn: sqlite3.Connection, credential_id: str, item: NewCredential | NewDeferred
    ) -> CardRow:
        row = card_row(self._vault, credential_id, item, cache=self._split_cache)
        put_display(conn, self._vault, row)
        return row

    def _stored(self, conn: sqlite3.Connection, row: Sequence[object]) -> StoredCredential:
        """A row of :data:`CARD_COLUMNS` opened (its own small card, merged with its
        display's shared list card); a card that does not open is listed as a damaged record
        (never raises but for the database failing)."""
        cid, fmt, status, received_at, count, display_key, card_blob = row
        credential_id = str(cid)
        state: Literal["issued", "deferred"] = "issued" if status == "issued" else "deferred"
        try:
            if not isinstance(card_blob, bytes) or not isinstance(count, int):
                raise StorageError("bad row", detail="card is not a blob")
            sealed = self._vault.open_json(card_blob, aad=card_aad(credential_id))
            # the hot path of a list of 10,000: plain checks, no copies
            if (
                not isinstance(sealed, dict)
                or sealed.get("damaged") is True
                or not isinstance(display_key, str)
            ):
                raise StorageError("damaged", detail="the card is damaged")
            name, issuer, config = sealed["name"], sealed["issuer"], sealed["configuration_id"]
            if not (isinstance(name, str) and isinstance(issuer, str) and isinstance(config, str)):
                raise StorageError("damaged", detail="the card has a bad shape")
            card = {**self._open_display(conn, display_key)[1], "facts": sealed["facts"]}
            return StoredCredential(  # repeated values kept once (10,000 rows: ~3 MB less)
                id=credential_id,
                credential_configuration_id=sys.intern(config),
                format=sys.intern(str(fmt)),
                issuer=sys.intern(issuer),
                name=sys.intern(name),
                received_at=str(received_at),
                status=state,
                instance_count=count,
                card=card,
            )
        except (WalletError, KeyError):
            return StoredCredential(
                id=credential_id,
                credential_configuration_id="",
                format=str(fmt),
                issuer="",
                name=DAMAGED_NAME,
                received_at=str(received_at),
                status=state,
                instance_count=count if isinstance(count, int) else 0,
                card={},
                damaged=True,
            )

    def _open_display(
        self, conn: sqlite3.Connection, display_key: str
    ) -> tuple[dict[str, object], dict[str, object]]:
        """The full snapshot and the shared list card of a display (cached)."""
        cache = self._display_cache
        if display_key in cache:
            return cache[display_key]
        row = conn.execute("SELECT body FROM displays WHERE key = ?", (display_key,)).fetchone()
        if row is None:
            raise StorageError(
                "Stored wallet data is damaged and could not be read.",
                detail=f"display {display_key} is missing",
            )
        body = as_mapping(self._vault.open_json(row[0], aad=display_aad(display_key)), "display")
        opened = as_mapping(body.get("full"), "display"), as_mapping(body.get("listed"), "list")
        if len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[display_key] = opened
        return opened

    def _full_card(
        self, conn: sqlite3.Connection, display_key: object, listed: Mapping[str, object]
    ) -> dict[str, object]:
        """The full snapshot: the list card merged with the shared one."""
        if not isinstance(display_key, str):
            return dict(listed)
        return {**listed, **self._open_display(conn, display_key)[0]}

    def card_image(self, image_ref: str) -> str | None:
        """The image URI (usually a data: URI) a list card names by ``image_ref``; None when
        there is no such image. Raises StorageError."""
        key, _, index = image_ref.rpartition(".")
        if not key or not index.isdigit():
            return None
        with self._read() as conn:
            exists = conn.execute("SELECT 1 FROM displays WHERE key = ?", (key,)).fetchone()
            if exists is None:
                return None
            full = self._open_display(conn, key)[0]
        found: list[str] = []
        _long_images(full, found)
        position = int(index)
        return found[position] if position < len(found) else None

    @staticmethod
    def _drop_unused_displays(conn: sqlite3.Connection) -> None:
        """Remove the shared displays (and instance dictionaries) no credential uses."""
        conn.execute(
            "DELETE FROM displays WHERE key NOT IN "
            "(SELECT display_key FROM credentials WHERE display_key IS NOT NULL)"
        )
        drop_unused_dictionaries(conn)
