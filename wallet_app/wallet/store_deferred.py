"""Deferred issuances (OID4VCI 1.0 §9) in the store: their sealed transaction id and context,
polling times, and the list of what waits; mixed into the CredentialStore."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from wallet_app.errors import NotFound
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import (
    DeferredRecord,
    StoredCredential,
    as_mapping,
    as_text,
    deferred_aad,
)

__all__ = ["DeferredTables"]


class DeferredTables:
    """The ``deferred`` table; every method raises StorageError when the database fails."""

    _vault: Vault

    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _resolve_id(self, conn: sqlite3.Connection, credential_id: str) -> str: ...
        def _stored(self, conn: sqlite3.Connection, row: Sequence[object]) -> StoredCredential: ...

    def _seal_deferred(
        self, credential_id: str, transaction_id: str, context: Mapping[str, object]
    ) -> bytes:
        return self._vault.seal_json(
            {"transaction_id": transaction_id, "context": context},
            aad=deferred_aad(credential_id),
        )

    def _open_deferred(self, credential_id: str, blob: bytes) -> tuple[str, dict[str, object]]:
        body = as_mapping(self._vault.open_json(blob, aad=deferred_aad(credential_id)), "deferred")
        return (
            as_text(body.get("transaction_id"), "transaction_id"),
            as_mapping(body.get("context"), "deferred context"),
        )

    def _resolve_deferred(self, conn: sqlite3.Connection, credential_id: str) -> str:
        full_id = self._resolve_id(conn, credential_id)
        row = conn.execute("SELECT 1 FROM deferred WHERE credential_id = ?", (full_id,)).fetchone()
        if row is None:
            raise NotFound(
                "There is no pending issuance with this id.", detail=f"id {credential_id!r}"
            )
        return full_id

    def update_deferred(
        self,
        credential_id: str,
        *,
        context: Mapping[str, object] | None = None,
        next_poll_at: float | None = None,
    ) -> None:
        """Replace the context and/or the next poll time of a deferred entry.

        Raises NotFound if there is no deferred entry with this id, StorageError.
        """
        with self._write() as conn:
            full_id = self._resolve_deferred(conn, credential_id)
            if context is not None:
                blob = conn.execute(
                    "SELECT body FROM deferred WHERE credential_id = ?", (full_id,)
                ).fetchone()[0]
                transaction_id, _ = self._open_deferred(full_id, blob)
                conn.execute(
                    "UPDATE deferred SET body = ? WHERE credential_id = ?",
                    (self._seal_deferred(full_id, transaction_id, context), full_id),
                )
            if next_poll_at is not None:
                conn.execute(
                    "UPDATE deferred SET next_poll_at = ? WHERE credential_id = ?",
                    (float(next_poll_at), full_id),
                )

    def list_deferred(self) -> list[DeferredRecord]:
        """All deferred issuances, soonest poll first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT c.id, c.format, c.status, c.received_at, c.instance_count, "
                "c.display_key, c.card, d.body, d.next_poll_at "
                "FROM deferred AS d JOIN credentials AS c ON c.id = d.credential_id "
                "ORDER BY d.next_poll_at, c.rowid"
            ).fetchall()
            listed = [(self._stored(conn, row[:7]), row) for row in rows]
        records = []
        for stored, row in listed:
            if stored.damaged:
                continue  # listed (and deletable) as a damaged record; it cannot be polled
            transaction_id, context = self._open_deferred(stored.id, row[7])
            records.append(
                DeferredRecord(
                    stored=stored,
                    transaction_id=transaction_id,
                    context=context,
                    next_poll_at=float(row[8]),
                )
            )
        return records
