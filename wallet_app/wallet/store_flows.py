"""StoreBase: the store's connection plumbing, pending authorizations, flows and history.

:class:`wallet_app.wallet.store.CredentialStore` builds the credential and deferred-issuance
tables on top of it. Every sensitive value is sealed with associated data naming its row and
column (OID4VCI 1.0 §13.10, §15.3).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from wallet_app.errors import NotFound, StorageError
from wallet_app.jsonsafe import repair_text
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import (
    FlowRecord,
    HistoryEntry,
    as_mapping,
    as_sentence,
    damaged,
    flow_aad,
    pending_aad,
    pending_hash,
    sentence_json,
)
from wallet_app.wallet.store_dicts import open_dictionary, trace_dictionary_key, use_dictionary
from wallet_app.wallet.store_samples import trace_sample
from wallet_app.wallet.vault import (
    OpenedDatabase,
    StoreMode,
    iso_utc,
    storage_error,
    write_transaction,
)

__all__ = ["StoreBase"]


class StoreBase:
    """The open database with its lock and vault; pending authorizations, flows and history.

    Every method raises StorageError when the database cannot be used or a sealed value does
    not open.
    """

    def __init__(self, opened: OpenedDatabase, clock: Callable[[], float]) -> None:
        self._conn: sqlite3.Connection | None = opened.conn
        self._vault: Vault = opened.vault
        self._clock = clock
        self._lock = threading.RLock()
        self.mode: StoreMode = opened.mode
        self.path: Path = opened.path
        self.store_id: str = opened.store_id
        #: opened shared displays and zlib dictionaries (see store_cards, store_dicts)
        self._display_cache: dict[str, tuple[dict[str, object], dict[str, object]]] = {}
        self._dict_cache: dict[str, tuple[bytes, bytes]] = {}
        self._split_cache: dict[
            int, tuple[object, tuple[str, dict[str, object], dict[str, object]]]
        ]
        self._split_cache = {}

    def close(self) -> None:
        """Close the database connection; later calls raise StorageError."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageError("The wallet was closed. Open it again and retry.")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, write_transaction(self._connection(), self.path) as conn:
            yield conn

    def _checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it, after a delete: the WAL's
        earlier frames hold the deleted rows' sealed bytes until then (the file's own pages are
        zeroed by ``secure_delete``). Waits at most 0.2 s for another connection's reader; then
        the WAL stays as it is until the next checkpoint. Returns whether it was truncated.
        Raises nothing (the delete is already committed)."""
        with self._lock:
            conn = self._connection()
            try:
                (wait_ms,) = conn.execute("PRAGMA busy_timeout").fetchone()
                conn.execute("PRAGMA busy_timeout = 200")
                try:
                    row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                finally:
                    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            except sqlite3.Error:
                return False
            return row is not None and row[0] == 0

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read snapshot: several SELECTs see one consistent state."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN")
                yield conn
            except sqlite3.Error as exc:
                raise storage_error(exc, self.path) from exc
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    def _now(self) -> float:
        return self._clock()

    def _insert_flow(self, conn: sqlite3.Connection, flow: FlowRecord) -> None:
        """Record a flow; a flow recorded before (a deferred issuance completing later) keeps
        its time, kind and trace: the new exchanges are added and the outcome and summary
        replaced."""
        row = conn.execute(
            "SELECT at, kind, trace FROM flows WHERE flow_id = ?", (flow.flow_id,)
        ).fetchone()
        if row is None:
            self._insert_history(
                conn,
                flow_id=flow.flow_id,
                kind=flow.kind,
                issuer=flow.issuer,
                outcome=flow.outcome,
                summary=flow.summary,
                exchanges=flow.exchanges,
            )
            return
        trace = _merged(self._open_trace(conn, flow.flow_id, row[2]), flow.exchanges)
        conn.execute(
            "UPDATE flows SET outcome = ?, issuer_tag = ?, summary = ?, trace = ? "
            "WHERE flow_id = ?",
            (
                flow.outcome,
                self._vault.tag(flow.issuer, purpose="issuer"),
                self._seal_summary(flow.flow_id, flow.issuer, flow.summary),
                self._seal_trace(conn, flow.flow_id, flow.issuer, trace),
                flow.flow_id,
            ),
        )

    def _seal_summary(self, flow_id: str, issuer: str, summary: str) -> bytes:
        """The sealed summary of a history row, with its issuer (kept out of clear columns)."""
        body = {"issuer": repair_text(issuer), "summary": sentence_json(summary)}
        # compressed (~50 bytes less a row: the sentence repeats its name and words)
        return self._vault.seal_json(body, aad=flow_aad(flow_id, "summary"), compress=True)

    def _open_summary(self, flow_id: str, blob: bytes) -> tuple[str, str]:
        """The issuer and summary of a history row."""
        body = as_mapping(self._vault.open_json(blob, aad=flow_aad(flow_id, "summary")), "summary")
        issuer = body.get("issuer")
        if not isinstance(issuer, str):
            raise damaged("summary issuer")
        return issuer, as_sentence(body.get("summary"), "summary")

    def _seal_trace(
        self,
        conn: sqlite3.Connection,
        flow_id: str,
        issuer: str,
        trace: Sequence[Mapping[str, object]],
    ) -> bytes:
        """The trace compressed against its issuer's trace dictionary (see store_dicts)."""
        body = list(trace)
        zdict = None
        if body:
            key = trace_dictionary_key(self._vault.tag(issuer, purpose="issuer"))
            zdict = open_dictionary(conn, self._vault, key, self._dict_cache)
            if zdict is None:
                # public metadata and the exchanges' skeleton: no proof, nonce or id of a flow
                zdict = use_dictionary(conn, self._vault, key, trace_sample(body))
        return self._vault.seal_json(
            body, aad=flow_aad(flow_id, "trace"), compress=True, zdict=zdict
        )

    def _open_trace(
        self, conn: sqlite3.Connection, flow_id: str, blob: bytes
    ) -> list[Mapping[str, object]]:
        row = conn.execute("SELECT issuer_tag FROM flows WHERE flow_id = ?", (flow_id,)).fetchone()
        key = trace_dictionary_key(str(row[0])) if row is not None else ""
        zdict = open_dictionary(conn, self._vault, key, self._dict_cache) if key else None
        trace = self._vault.open_json(blob, aad=flow_aad(flow_id, "trace"), zdict=zdict)
        if not isinstance(trace, list):
            raise damaged("trace")
        return [as_mapping(exchange, "trace exchange") for exchange in trace]

    def _insert_history(
        self,
        conn: sqlite3.Connection,
        *,
        flow_id: str,
        kind: str,
        issuer: str,
        outcome: str,
        summary: str,
        exchanges: Sequence[Mapping[str, object]],
    ) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO flows (flow_id, at, kind, issuer_tag, outcome, summary, "
            "trace) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                flow_id,
                iso_utc(self._now()),
                kind,
                self._vault.tag(issuer, purpose="issuer"),
                outcome,
                self._seal_summary(flow_id, issuer, summary),
                self._seal_trace(conn, flow_id, issuer, exchanges),
            ),
        )

    # -- pending authorizations ---------------------------------------------------------------

    def put_pending(self, key: str, payload: Mapping[str, object], *, expires_at: float) -> None:
        """Keep a pending authorization (PKCE verifier, DPoP key…) sealed under its OAuth state.

        Only a hash of ``key`` is stored in clear. Expired entries are purged. Raises StorageError.
        """
        key_hash = pending_hash(key)
        blob = self._vault.seal_json(payload, aad=pending_aad(key_hash))
        with self._write() as conn:
            conn.execute("DELETE FROM pending WHERE expires_at <= ?", (self._now(),))
            conn.execute(
                "INSERT OR REPLACE INTO pending (key_hash, payload, expires_at) VALUES (?, ?, ?)",
                (key_hash, blob, float(expires_at)),
            )

    def take_pending(self, key: str) -> Mapping[str, object] | None:
        """Fetch and delete the pending authorization for ``key`` atomically.

        Returns None when there is none or it has expired (expired entries are purged).
        Raises StorageError.
        """
        key_hash = pending_hash(key)
        now = self._now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT payload, expires_at FROM pending WHERE key_hash = ?", (key_hash,)
            ).fetchone()
            conn.execute(
                "DELETE FROM pending WHERE key_hash = ? OR expires_at <= ?", (key_hash, now)
            )
        if row is None or float(row[1]) <= now:
            return None
        return as_mapping(self._vault.open_json(row[0], aad=pending_aad(key_hash)), "pending")

    # -- flows and history --------------------------------------------------------------------

    def record_flow(self, flow: FlowRecord) -> None:
        """Keep the trace and history entry of a flow that stored no credential.

        Raises StorageError.
        """
        with self._write() as conn:
            self._insert_flow(conn, flow)

    def append_trace(self, flow_id: str, exchanges: Sequence[Mapping[str, object]]) -> bool:
        """Add to a recorded flow's trace the exchanges it does not hold yet (a notification
        sent after the flow was stored, a deferred poll); outcome and summary stay.

        ``exchanges`` may repeat ones already stored (a whole ``Flow.exchanges()`` snapshot).
        Returns False when no flow ``flow_id`` is recorded (yet). Raises StorageError.
        """
        with self._write() as conn:
            row = conn.execute(
                "SELECT trace, summary FROM flows WHERE flow_id = ?", (flow_id,)
            ).fetchone()
            if row is None:
                return False
            old = self._open_trace(conn, flow_id, row[0])
            trace = _merged(old, exchanges)
            if len(trace) != len(old):
                issuer, _ = self._open_summary(flow_id, row[1])
                conn.execute(
                    "UPDATE flows SET trace = ? WHERE flow_id = ?",
                    (self._seal_trace(conn, flow_id, issuer, trace), flow_id),
                )
        return True

    def get_trace(self, flow_id: str) -> list[Mapping[str, object]]:
        """The sealed protocol trace of a flow; raises NotFound for an unknown flow."""
        with self._read() as conn:
            row = conn.execute("SELECT trace FROM flows WHERE flow_id = ?", (flow_id,)).fetchone()
            if row is None:
                raise NotFound(
                    "There is no recorded flow with this id.", detail=f"flow {flow_id!r}"
                )
            return self._open_trace(conn, flow_id, row[0])

    def list_history(self) -> list[HistoryEntry]:
        """The history of flows and deletions, newest first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT flow_id, at, kind, outcome, summary FROM flows ORDER BY at DESC, rowid DESC"
            ).fetchall()
        entries = []
        for flow_id, at, kind, outcome, blob in rows:
            issuer, summary = self._open_summary(str(flow_id), blob)
            entries.append(
                HistoryEntry(
                    flow_id=str(flow_id),
                    at=str(at),
                    kind=str(kind),
                    issuer=issuer,
                    outcome=str(outcome),
                    summary=summary,
                )
            )
        return entries


def _exchange_key(exchange: Mapping[str, object]) -> tuple[object, ...]:
    return tuple(exchange.get(k) for k in ("step", "method", "url", "started_at", "status"))


def _merged(
    old: Sequence[Mapping[str, object]], new: Sequence[Mapping[str, object]]
) -> list[Mapping[str, object]]:
    """``old`` followed by the exchanges of ``new`` it lacks, in their order."""
    seen = {_exchange_key(e) for e in old}
    merged = list(old)
    for exchange in new:
        key = _exchange_key(exchange)
        if key not in seen:
            seen.add(key)
            merged.append(exchange)
    return merged
