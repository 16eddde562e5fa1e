"""CredentialStore: credentials, deferred issuances, pending authorizations and history.

One SQLite file per data directory (see :mod:`wallet_app.wallet.vault`). Every sensitive value
is sealed with AES-256-GCM (:class:`wallet_app.wallet.keys.Vault`) with associated data naming
its row and column (OID4VCI 1.0 §13.10, §15.3). In clear are only ids, formats, status,
timestamps and keyed hashes (of the issuer, of shared display data). Each credential has a small
sealed list card (name, issuer, configuration id, what the list shows: see
:mod:`wallet_app.wallet.store_cards`), a shared display snapshot per issuer and configuration,
and one sealed, compressed blob per instance, opened only by
:meth:`CredentialStore.get_credential`. A multi-row change is one ``BEGIN IMMEDIATE``
transaction, so a killed process leaves all of it or nothing.
"""

from __future__ import annotations

import dataclasses
import gc
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from wallet_app.errors import NotFound, Sentence, StorageError
from wallet_app.jsonsafe import has_lone_surrogate, repair_text
from wallet_app.wallet.keys import SecretStore
from wallet_app.wallet.records import (
    CredentialRecord,
    DeferredRecord,
    FlowRecord,
    HistoryEntry,
    NewCredential,
    NewDeferred,
    NewInstance,
    StoredCredential,
    StoredInstance,
    as_mapping,
    as_optional_mapping,
    as_text,
    instance_aad,
    notification_aad,
)
from wallet_app.wallet.store_cards import CARD_COLUMNS, CardTables, damaged_error, issuer_tag
from wallet_app.wallet.store_deferred import DeferredTables
from wallet_app.wallet.store_dicts import (
    find_seed,
    instance_dictionary_key,
    instance_zdicts,
    move_seed,
    open_dictionary,
    put_seed,
    use_dictionary,
)
from wallet_app.wallet.store_flows import StoreBase
from wallet_app.wallet.store_samples import instance_sample
from wallet_app.wallet.store_trust import StoredAnchor, TrustTables
from wallet_app.wallet.vault import StoreMode, iso_utc, open_database

__all__ = [
    "CredentialRecord",
    "CredentialStore",
    "DeferredRecord",
    "FlowRecord",
    "HistoryEntry",
    "NewCredential",
    "NewDeferred",
    "NewInstance",
    "StoreMode",
    "StoredAnchor",
    "StoredCredential",
    "StoredInstance",
]

_MIN_PREFIX = 6
_ID_CHARS = re.compile(r"[0-9a-f]+")


class CredentialStore(StoreBase, TrustTables, CardTables, DeferredTables):
    """The wallet's encrypted SQLite store; safe to share between threads and processes.

    Every method raises StorageError when the database cannot be used or a sealed value does
    not open; methods taking a credential id raise NotFound for an unknown id.
    """

    def __repr__(self) -> str:
        return f"CredentialStore(path={str(self.path)!r}, mode={self.mode.value!r})"

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        secrets: SecretStore | None = None,
        passphrase: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> CredentialStore:
        """Open the store in ``data_dir``, creating directory (0700) and database if missing.

        A new store uses passphrase mode when ``passphrase`` is given, else keeps a random key
        in ``secrets`` (the OS keyring). An existing store uses the mode it was created with.
        Raises KeyringError (new store with neither), StorageError (key missing from the
        keyring, passphrase needed or wrong, unusable file), UsageError (empty passphrase).
        """
        opened = open_database(data_dir, secrets=secrets, passphrase=passphrase, clock=clock)
        return cls(opened, clock)

    # -- plumbing -----------------------------------------------------------------------------

    def _resolve_id(self, conn: sqlite3.Connection, credential_id: str) -> str:
        """Return the full id for an exact id or a unique prefix of at least 6 characters."""
        row = conn.execute("SELECT id FROM credentials WHERE id = ?", (credential_id,)).fetchone()
        if row is not None:
            return str(row[0])
        prefix = credential_id.lower()
        if len(prefix) < _MIN_PREFIX or not _ID_CHARS.fullmatch(prefix):
            raise NotFound(detail=f"id {credential_id!r}")
        rows = conn.execute(
            "SELECT id FROM credentials WHERE substr(id, 1, ?) = ? LIMIT 2",
            (len(prefix), prefix),
        ).fetchall()
        if not rows:
            raise NotFound(detail=f"id {credential_id!r}")
        if len(rows) > 1:
            raise NotFound(
                "Several credentials start with this id. Type more of the id.",
                detail=f"prefix {credential_id!r} is ambiguous",
            )
        return str(rows[0][0])

    def _insert_instances(
        self,
        conn: sqlite3.Connection,
        credential_id: str,
        instances: Sequence[NewInstance],
        display_key: str,
    ) -> None:
        """Seal each instance compressed against its display's dictionaries: the first one
        against the public one and the seed, the others against the public one and the
        first instance (see store_dicts)."""
        if not instances:
            return
        key = instance_dictionary_key(display_key)
        public = open_dictionary(conn, self._vault, key, self._dict_cache)
        if public is None:  # the sample is cut only once per display
            sample = instance_sample(instances[0].credential)
            public = use_dictionary(conn, self._vault, key, sample, self._dict_cache)
        seed = find_seed(conn, self._vault, display_key, self._dict_cache)
        if seed is None:
            put_seed(conn, self._vault, display_key, credential_id, instances[0].credential)
        seed_text = instances[0].credential if seed is None else seed[1]
        first, further = instance_zdicts(public, seed_text, instances[0].credential)
        for index, instance in enumerate(instances):
            body = self._vault.seal_json(
                {
                    "credential": instance.credential,
                    "holder_private_jwk": instance.holder_private_jwk,
                },
                aad=instance_aad(credential_id, index),
                compress=True,
                zdict=first if index == 0 else further,
            )
            conn.execute(
                "INSERT INTO instances (credential_id, idx, body) VALUES (?, ?, ?)",
                (credential_id, index, body),
            )

    def _seal_notification(
        self, credential_id: str, notification: Mapping[str, object] | None
    ) -> bytes | None:
        if notification is None:
            return None
        return self._vault.seal_json(notification, aad=notification_aad(credential_id))

    def _select_stored(self, conn: sqlite3.Connection, credential_id: str) -> StoredCredential:
        row = conn.execute(
            f"SELECT {CARD_COLUMNS} FROM credentials WHERE id = ?", (credential_id,)
        ).fetchone()
        if row is None:
            raise NotFound(detail=f"id {credential_id!r}")
        return self._stored(conn, row)

    # -- credentials --------------------------------------------------------------------------

    def add_credentials(
        self, items: Sequence[NewCredential], *, flow: FlowRecord | None = None
    ) -> list[StoredCredential]:
        """Store issued credentials (and the flow's trace and history entry) in one transaction.

        Raises StorageError; nothing is stored if any part fails.
        """
        issued, _ = self.add_issuance(items, (), flow=flow)
        return issued

    def add_issuance(
        self,
        issued: Sequence[NewCredential],
        deferred: Sequence[NewDeferred],
        *,
        flow: FlowRecord | None,
    ) -> tuple[list[StoredCredential], list[StoredCredential]]:
        """Store what one flow received, issued and deferred, with its history entry, in one
        ``BEGIN IMMEDIATE`` transaction.

        Returns the stored issued and deferred entries, in the order given. Raises
        StorageError; nothing is stored if any part fails.
        """
        received_at = iso_utc(self._now())
        with self._write() as conn:
            stored_issued = [self._insert_credential(conn, item, received_at) for item in issued]
            stored_deferred = [self._insert_deferred(conn, item, received_at) for item in deferred]
            if flow is not None:
                self._insert_flow(conn, flow)
        return stored_issued, stored_deferred

    def _insert_credential(
        self, conn: sqlite3.Connection, item: NewCredential, received_at: str
    ) -> StoredCredential:
        credential_id = uuid.uuid4().hex
        card = self._insert_card(conn, credential_id, item)
        conn.execute(
            "INSERT INTO credentials (id, format, issuer_tag, status, received_at, "
            "instance_count, display_key, card, notification) "
            "VALUES (?, ?, ?, 'issued', ?, ?, ?, ?, ?)",
            (
                credential_id,
                item.format,
                card.issuer_tag,
                received_at,
                len(item.instances),
                card.display_key,
                card.card,
                self._seal_notification(credential_id, item.notification),
            ),
        )
        self._insert_instances(conn, credential_id, item.instances, card.display_key)
        self._insert_verification(conn, credential_id, item.verification)
        return self._stored_from_new(credential_id, item, received_at, card.listed)

    @staticmethod
    def _stored_from_new(
        credential_id: str,
        item: NewCredential | NewDeferred,
        received_at: str,
        listed: Mapping[str, object],
    ) -> StoredCredential:
        """What :meth:`list_credentials` will list for a credential just stored."""
        issued = isinstance(item, NewCredential)
        return StoredCredential(
            id=credential_id,
            credential_configuration_id=repair_text(item.credential_configuration_id),
            format=item.format,
            issuer=repair_text(item.issuer),
            name=repair_text(item.name),
            received_at=received_at,
            status="issued" if issued else "deferred",
            instance_count=len(item.instances) if isinstance(item, NewCredential) else 0,
            card=listed,
        )

    def list_credentials(self, *, limit: int | None = None) -> list[StoredCredential]:
        """All credentials (issued and deferred), newest first; opens only the small cards.
        ``limit``: only the newest ones (the GUI's first screenful, before the rest)."""
        paused = gc.isenabled()
        gc.disable()  # 10,000 cards are built at once: no collector passes over them meanwhile
        try:
            with self._read() as conn:
                rows = conn.execute(
                    f"SELECT {CARD_COLUMNS} FROM credentials ORDER BY received_at DESC, rowid DESC"
                    " LIMIT ?",
                    (-1 if limit is None else limit,),
                )  # read as they are opened: the sealed rows are never all held at once
                return [self._stored(conn, row) for row in rows]
        finally:
            if paused:
                gc.enable()

    def knows_issuer(self, issuer: str) -> bool:
        """Whether a credential from ``issuer`` is stored, or one was ever issued (or deferred)
        by it; compares keyed hashes, opens nothing."""
        tag = issuer_tag(self._vault, issuer)
        with self._read() as conn:
            row = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM credentials WHERE issuer_tag = ?) "
                "OR EXISTS (SELECT 1 FROM flows WHERE issuer_tag = ? "
                "AND outcome IN ('issued', 'deferred'))",
                (tag, tag),
            ).fetchone()
        return bool(row and row[0])

    def get_credential(self, credential_id: str) -> CredentialRecord:
        """One credential with its instances; ``credential_id`` may be a unique prefix (≥ 6).

        ``stored.card`` is the full display snapshot. Raises NotFound for an unknown or
        ambiguous id, StorageError (with a sentence saying it can be deleted) for a damaged one.
        """
        with self._read() as conn:
            full_id = self._resolve_id(conn, credential_id)
            stored = self._select_stored(conn, full_id)
            if stored.damaged:
                raise damaged_error(full_id, "the credential's card does not open")
            notification_row = conn.execute(
                "SELECT display_key, notification FROM credentials WHERE id = ?", (full_id,)
            ).fetchone()
            display_key = notification_row[0]
            instance_rows = conn.execute(
                "SELECT idx, body FROM instances WHERE credential_id = ? ORDER BY idx", (full_id,)
            ).fetchall()
            try:
                card = self._full_card(conn, display_key, stored.card)
                instances = self._open_instances(conn, full_id, instance_rows, str(display_key))
            except StorageError as exc:
                raise damaged_error(full_id, exc.detail or "unreadable") from exc
            verification = self._select_verification(conn, full_id)
        stored = dataclasses.replace(stored, card=card)
        blob = notification_row[1]
        notification = (
            None
            if blob is None
            else as_mapping(
                self._vault.open_json(blob, aad=notification_aad(full_id)), "notification"
            )
        )
        return CredentialRecord(stored, instances, notification, verification)

    def _open_instances(
        self,
        conn: sqlite3.Connection,
        credential_id: str,
        rows: Sequence[Sequence[object]],
        display_key: str,
    ) -> tuple[StoredInstance, ...]:
        """The instances (rows of idx, body in order): the first opens against the display's
        public dictionary and seed, the others against the public one and the first."""
        if not rows:
            return ()
        public = open_dictionary(
            conn, self._vault, instance_dictionary_key(display_key), self._dict_cache
        )
        seed = find_seed(conn, self._vault, display_key, self._dict_cache)
        zdict = instance_zdicts(public, seed[1] if seed else None, None)[0]
        opened: list[StoredInstance] = []
        for idx, body in rows:
            if not isinstance(idx, int) or not isinstance(body, bytes):
                raise StorageError("damaged", detail="bad instance row")
            opened.append(self._open_instance(credential_id, idx, body, zdict))
            if len(opened) == 1:
                zdict = instance_zdicts(public, None, opened[0].credential)[1]
        return tuple(opened)

    def _open_instance(
        self, credential_id: str, index: int, blob: bytes, zdict: bytes | None
    ) -> StoredInstance:
        opened = self._vault.open_json(blob, aad=instance_aad(credential_id, index), zdict=zdict)
        body = as_mapping(opened, "instance")
        credential = as_text(body.get("credential"), "instance credential")
        if has_lone_surrogate(credential):
            raise StorageError("damaged", detail=f"instance {index} holds a lone surrogate")
        return StoredInstance(
            index=index,
            credential=credential,
            holder_private_jwk=as_optional_mapping(body.get("holder_private_jwk"), "holder key"),
        )

    def delete_credential(self, credential_id: str) -> StoredCredential:
        """Delete a credential with its instances and deferred context; adds a history entry.

        ``credential_id`` may be a unique prefix (≥ 6). Raises NotFound, StorageError.
        """
        with self._write() as conn:
            full_id = self._resolve_id(conn, credential_id)
            stored = self._select_stored(conn, full_id)
            row = conn.execute(
                "SELECT display_key FROM credentials WHERE id = ?", (full_id,)
            ).fetchone()
            conn.execute("DELETE FROM credentials WHERE id = ?", (full_id,))
            if row is not None and isinstance(row[0], str):
                # its first instance may be the display's seed: another one takes its place
                move_seed(conn, self._vault, row[0], full_id)
            self._drop_unused_displays(conn)
            self._insert_history(
                conn,
                flow_id=f"delete-{uuid.uuid4().hex}",
                kind="delete",
                issuer=stored.issuer,
                outcome="deleted",
                summary=Sentence("Deleted “{name}”.", {"name": stored.name}),
                exchanges=(),
            )
        self._checkpoint()  # the WAL's frames still hold the deleted rows until then
        return stored

    # -- deferred issuance --------------------------------------------------------------------

    def add_deferred(
        self, items: Sequence[NewDeferred], *, flow: FlowRecord | None = None
    ) -> list[StoredCredential]:
        """Store deferred issuances (status "deferred", no instances) in one transaction.

        Raises StorageError; nothing is stored if any part fails.
        """
        _, deferred = self.add_issuance((), items, flow=flow)
        return deferred

    def _insert_deferred(
        self, conn: sqlite3.Connection, item: NewDeferred, received_at: str
    ) -> StoredCredential:
        credential_id = uuid.uuid4().hex
        card = self._insert_card(conn, credential_id, item)
        conn.execute(
            "INSERT INTO credentials (id, format, issuer_tag, status, received_at, "
            "instance_count, display_key, card) VALUES (?, ?, ?, 'deferred', ?, 0, ?, ?)",
            (
                credential_id,
                item.format,
                card.issuer_tag,
                received_at,
                card.display_key,
                card.card,
            ),
        )
        conn.execute(
            "INSERT INTO deferred (credential_id, body, next_poll_at) VALUES (?, ?, ?)",
            (
                credential_id,
                self._seal_deferred(credential_id, item.transaction_id, item.context),
                float(item.next_poll_at),
            ),
        )
        return self._stored_from_new(credential_id, item, received_at, card.listed)

    def complete_deferred(
        self, credential_id: str, item: NewCredential, *, flow: FlowRecord | None = None
    ) -> StoredCredential:
        """Turn a deferred entry into an issued credential with the same id, in one transaction.

        The deferred context (tokens, DPoP key) is deleted. Raises NotFound if there is no
        deferred entry with this id, StorageError.
        """
        received_at = iso_utc(self._now())
        with self._write() as conn:
            full_id = self._resolve_deferred(conn, credential_id)
            card = self._insert_card(conn, full_id, item)
            conn.execute(
                "UPDATE credentials SET format = ?, issuer_tag = ?, status = 'issued', "
                "received_at = ?, instance_count = ?, display_key = ?, card = ?, "
                "notification = ? WHERE id = ?",
                (
                    item.format,
                    card.issuer_tag,
                    received_at,
                    len(item.instances),
                    card.display_key,
                    card.card,
                    self._seal_notification(full_id, item.notification),
                    full_id,
                ),
            )
            conn.execute("DELETE FROM instances WHERE credential_id = ?", (full_id,))
            self._insert_instances(conn, full_id, item.instances, card.display_key)
            self._insert_verification(conn, full_id, item.verification)
            conn.execute("DELETE FROM deferred WHERE credential_id = ?", (full_id,))
            self._drop_unused_displays(conn)
            if flow is not None:
                self._insert_flow(conn, flow)
        return self._stored_from_new(full_id, item, received_at, card.listed)

    def discard_deferred(self, credential_id: str, *, flow: FlowRecord | None = None) -> bool:
        """Remove a deferred entry the issuer gave up on, only while it is still deferred.

        Another process may have completed it meanwhile (§9: a used ``transaction_id`` is
        answered with ``invalid_transaction_id``); then nothing is removed and False is
        returned. On removal the flow's history entry (if given) is recorded in the same
        transaction; history is never deleted. Raises StorageError.
        """
        with self._write() as conn:
            removed = conn.execute(
                "DELETE FROM credentials WHERE id = ? AND status = 'deferred'", (credential_id,)
            ).rowcount
            if removed:
                self._drop_unused_displays(conn)
            if removed and flow is not None:
                self._insert_flow(conn, flow)
        if removed:
            self._checkpoint()
        return bool(removed)
