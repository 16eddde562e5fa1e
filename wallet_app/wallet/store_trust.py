"""The store's trust tables (schema 2): trust anchors, verifications and status lists.

:class:`TrustTables` is a mixin of :class:`wallet_app.wallet.store.CredentialStore`. An
anchor's certificate is sealed (associated data ``anchor:{id}``), so whoever can write the
file but lacks the key cannot slip in an anchor; a credential's verification is sealed
(``verification:{id}``) and deleted with the credential; status list tokens are public,
signed documents and are kept in clear (they are verified again on every use).
"""

from __future__ import annotations

import base64
import binascii
import re
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from wallet_app.errors import NotFound, Sentence
from wallet_app.frozen import frozen
from wallet_app.trust.model import Check, CheckKind, Verification, is_status, is_verdict
from wallet_app.wallet.records import (
    anchor_aad,
    as_mapping,
    as_sentence,
    as_text,
    damaged,
    sentence_json,
    verification_aad,
)
from wallet_app.wallet.store_dicts import (
    open_dictionary,
    use_dictionary,
    verification_dictionary_key,
)
from wallet_app.wallet.store_samples import verification_sample
from wallet_app.wallet.vault import iso_utc

if TYPE_CHECKING:
    from wallet_app.trust.anchors import TrustAnchor
    from wallet_app.wallet.keys import Vault

__all__ = [
    "ANCHOR_SOURCES",
    "StoredAnchor",
    "TrustTables",
    "verification_from_json",
    "verification_to_json",
]

#: where an anchor came from: the user (``trust add``, Settings), the demo, a trusted list
ANCHOR_SOURCES = ("user", "demo", "trusted-list")
_MIN_PREFIX = 6
_HEX = re.compile(r"[0-9a-f]+")
_KINDS: tuple[CheckKind, ...] = (
    "integrity",
    "binding",
    "time",
    "chain",
    "anchor",
    "status",
    "info",
)


@frozen
class StoredAnchor:
    """A trust anchor in the store: where it came from and when (ISO UTC) it was added."""

    anchor: TrustAnchor
    source: str
    added_at: str


def verification_to_json(verification: Verification) -> dict[str, object]:
    """The sealed form of a verification: every field, each check with its kind and its
    detail's template and params (so a UI can still translate it)."""
    return {
        "verdict": verification.verdict,
        "anchor": verification.anchor,
        "organisation": verification.organisation,
        "status": verification.status,
        "checked_at": verification.checked_at,
        "checks": [
            {
                "name": c.name,
                "ok": c.ok,
                "detail": sentence_json(c.detail, nested=True),
                "spec": c.spec,
                "kind": c.kind,
            }
            for c in verification.checks
        ],
    }


def verification_from_json(value: object) -> Verification:
    """What :func:`verification_to_json` wrote; raises StorageError on any other shape.
    The stored verdict is kept as it was decided (the rules may have changed since)."""
    body = as_mapping(value, "verification")
    checks_raw = body.get("checks")
    if not isinstance(checks_raw, list):
        raise damaged("verification checks")
    checks = tuple(_check_from_json(c) for c in checks_raw)
    verdict, status = body.get("verdict"), body.get("status")
    anchor, organisation = body.get("anchor"), body.get("organisation")
    checked_at = body.get("checked_at")
    if (
        not is_verdict(verdict)
        or not (status is None or is_status(status))
        or not (anchor is None or isinstance(anchor, str))
        or not (organisation is None or isinstance(organisation, str))
        or not isinstance(checked_at, int | float)
        or isinstance(checked_at, bool)
    ):
        raise damaged("verification")
    return Verification(
        verdict=verdict,  # type: ignore[arg-type]
        anchor=anchor,
        organisation=organisation,
        status=status,  # type: ignore[arg-type]
        checks=checks,
        checked_at=float(checked_at),
    )


def _check_from_json(value: object) -> Check:
    body = as_mapping(value, "check")
    ok, kind = body.get("ok"), body.get("kind")
    if not (ok is None or isinstance(ok, bool)) or kind not in _KINDS:
        raise damaged("check")
    detail = as_sentence(body.get("detail"), "check detail")
    return Check(
        name=as_text(body.get("name"), "check name"),
        ok=ok,
        detail=detail if isinstance(detail, Sentence) else Sentence(detail),
        spec=as_text(body.get("spec"), "check spec"),
        kind=kind,
    )


class TrustTables:
    """Trust anchors, verifications and the status list cache of the store.

    Implements :class:`wallet_app.trust.status_list.StatusCache`. Every method raises
    StorageError when the database cannot be used or a sealed value does not open.
    """

    if TYPE_CHECKING:  # provided by StoreBase and CredentialStore
        _vault: Vault
        _dict_cache: dict[str, tuple[bytes, bytes]]

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _now(self) -> float: ...
        def _resolve_id(self, conn: sqlite3.Connection, credential_id: str) -> str: ...

    # -- anchors ------------------------------------------------------------------------------

    def add_anchors(
        self, anchors: Sequence[TrustAnchor], *, source: str
    ) -> list[tuple[StoredAnchor, bool]]:
        """Add trust anchors in one transaction; one already there is kept as it was.

        Returns each anchor with True when it was added, False when it was there already.
        Raises ValueError for an unknown ``source`` (a bug), StorageError.
        """
        if source not in ANCHOR_SOURCES:
            raise ValueError(f"unknown anchor source {source!r}")
        added_at = iso_utc(self._now())
        results: list[tuple[StoredAnchor, bool]] = []
        with self._write() as conn:
            for anchor in anchors:
                row = conn.execute(
                    "SELECT added_at, body FROM anchors WHERE id = ?", (anchor.id,)
                ).fetchone()
                if row is not None:
                    results.append((self._open_anchor(anchor.id, row[0], row[1]), False))
                    continue
                body = self._vault.seal_json(
                    {"der": base64.b64encode(anchor.der).decode("ascii"), "source": source},
                    aad=anchor_aad(anchor.id),
                )
                conn.execute(
                    "INSERT INTO anchors (id, added_at, body) VALUES (?, ?, ?)",
                    (anchor.id, added_at, body),
                )
                results.append((StoredAnchor(anchor, source, added_at), True))
        return results

    def list_anchors(self) -> list[StoredAnchor]:
        """Every trust anchor, oldest first."""
        return self.open_anchor_rows(self.anchor_rows())

    def anchor_rows(self) -> tuple[tuple[str, object, object], ...]:
        """The anchors table as stored, oldest first (id, added time, sealed body), opened
        by nobody: cheap to read (~10 us; :meth:`list_anchors` takes ~50 us with one anchor,
        ~170 us with five, opening and parsing each), and equal rows open to
        equal anchors, so a verifier keeps the anchors it opened until the rows change,
        whichever process changed them."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, added_at, body FROM anchors ORDER BY added_at, rowid"
            ).fetchall()
        return tuple((str(r[0]), r[1], r[2]) for r in rows)

    def open_anchor_rows(self, rows: Sequence[tuple[str, object, object]]) -> list[StoredAnchor]:
        """The anchors of :meth:`anchor_rows`."""
        return [self._open_anchor(anchor_id, added_at, body) for anchor_id, added_at, body in rows]

    def remove_anchor(self, anchor_id_or_prefix: str) -> StoredAnchor:
        """Remove one trust anchor by its id (the SHA-256 of its DER, hex) or a unique
        prefix of at least 6 characters. Raises NotFound, StorageError."""
        wanted = anchor_id_or_prefix.strip().lower().replace(":", "")
        with self._write() as conn:
            rows: list[tuple[object, ...]] = []
            if len(wanted) >= _MIN_PREFIX and _HEX.fullmatch(wanted):
                rows = conn.execute(
                    "SELECT id, added_at, body FROM anchors WHERE substr(id, 1, ?) = ? LIMIT 2",
                    (len(wanted), wanted),
                ).fetchall()
            if not rows:
                raise NotFound(
                    "There is no trust anchor with this id. 'wallet-app trust list' shows them.",
                    detail=f"anchor id {anchor_id_or_prefix!r}",
                )
            if len(rows) > 1:
                raise NotFound(
                    "Several trust anchors start with this id. Type more of the id.",
                    detail=f"anchor prefix {anchor_id_or_prefix!r} is ambiguous",
                )
            anchor_id, added_at, body = rows[0]
            stored = self._open_anchor(str(anchor_id), added_at, body)
            conn.execute("DELETE FROM anchors WHERE id = ?", (anchor_id,))
        return stored

    def _open_anchor(self, anchor_id: str, added_at: object, body: object) -> StoredAnchor:

        from wallet_app.trust.anchors import TrustAnchor

        if not isinstance(body, bytes):
            raise damaged(f"anchor {anchor_id}")
        opened = as_mapping(self._vault.open_json(body, aad=anchor_aad(anchor_id)), "anchor")
        try:
            der = base64.b64decode(as_text(opened.get("der"), "anchor der"), validate=True)
            anchor = TrustAnchor.from_der(der)
        except (ValueError, binascii.Error) as exc:
            raise damaged(f"anchor {anchor_id}") from exc
        if anchor.id != anchor_id:
            raise damaged(f"anchor {anchor_id}")
        return StoredAnchor(anchor, as_text(opened.get("source"), "anchor source"), str(added_at))

    # -- verifications ------------------------------------------------------------------------

    def _insert_verification(
        self, conn: sqlite3.Connection, credential_id: str, verification: Verification | None
    ) -> None:
        """Store (or replace) a credential's verification inside the caller's transaction."""
        if verification is None:
            conn.execute("DELETE FROM verifications WHERE credential_id = ?", (credential_id,))
            return
        row = conn.execute(
            "SELECT display_key FROM credentials WHERE id = ?", (credential_id,)
        ).fetchone()
        value = verification_to_json(verification)
        zdict = None
        if row is not None and isinstance(row[0], str):
            # the verifications of one issuer and configuration differ in a few words
            key = verification_dictionary_key(row[0])
            zdict = open_dictionary(conn, self._vault, key, self._dict_cache)
            if zdict is None:
                sample = verification_sample(value)  # no date, count or name of this one
                zdict = use_dictionary(conn, self._vault, key, sample)
        body = self._vault.seal_json(
            value, aad=verification_aad(credential_id), compress=True, zdict=zdict
        )
        conn.execute(
            "INSERT INTO verifications (credential_id, body, verdict) VALUES (?, ?, ?) "
            "ON CONFLICT (credential_id) DO UPDATE SET body = excluded.body, "
            "verdict = excluded.verdict",
            (credential_id, body, verification.verdict),
        )

    def _select_verification(
        self, conn: sqlite3.Connection, credential_id: str
    ) -> Verification | None:
        row = conn.execute(
            "SELECT v.body, c.display_key FROM verifications AS v "
            "JOIN credentials AS c ON c.id = v.credential_id WHERE v.credential_id = ?",
            (credential_id,),
        ).fetchone()
        if row is None:
            return None
        return self._open_verification(credential_id, row[0], self._zdict(conn, row[1]))

    def _zdict(self, conn: sqlite3.Connection, display_key: object) -> bytes | None:
        if not isinstance(display_key, str):
            return None
        key = verification_dictionary_key(display_key)
        return open_dictionary(conn, self._vault, key, self._dict_cache)

    def _open_verification(
        self, credential_id: str, body: object, zdict: bytes | None
    ) -> Verification:
        if not isinstance(body, bytes):
            raise damaged(f"verification {credential_id}")
        return verification_from_json(
            self._vault.open_json(body, aad=verification_aad(credential_id), zdict=zdict)
        )

    def get_verification(self, credential_id: str) -> Verification | None:
        """A credential's stored verification (None: never verified); the id may be a
        unique prefix (≥ 6). Raises NotFound, StorageError."""
        with self._read() as conn:
            return self._select_verification(conn, self._resolve_id(conn, credential_id))

    def verifications(self) -> dict[str, Verification]:
        """Every stored verification by credential id, in one query."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT v.credential_id, v.body, c.display_key FROM verifications AS v "
                "JOIN credentials AS c ON c.id = v.credential_id"
            ).fetchall()
            zdicts = {key: self._zdict(conn, key) for key in {row[2] for row in rows}}
        return {
            str(cid): self._open_verification(str(cid), body, zdicts[key])
            for cid, body, key in rows
        }

    def verdicts(self) -> dict[str, str]:
        """Every stored verification's verdict by credential id, without opening any (the
        list shows only these; the verdict column is in clear since schema 3)."""
        with self._read() as conn:
            rows = conn.execute("SELECT credential_id, verdict FROM verifications").fetchall()
        return {str(cid): str(verdict) for cid, verdict in rows if verdict}

    def set_verification(self, credential_id: str, verification: Verification) -> None:
        """Replace a credential's verification. Raises NotFound, StorageError."""
        with self._write() as conn:
            self._insert_verification(conn, self._resolve_id(conn, credential_id), verification)

    def set_verifications(self, verifications: Mapping[str, Verification]) -> None:
        """Replace several verifications in one transaction; an id deleted meanwhile is
        skipped. Raises StorageError."""
        with self._write() as conn:
            for credential_id, verification in verifications.items():
                exists = conn.execute(
                    "SELECT 1 FROM credentials WHERE id = ?", (credential_id,)
                ).fetchone()
                if exists is not None:
                    self._insert_verification(conn, credential_id, verification)

    # -- status lists (the trust StatusCache) -----------------------------------------------

    def get_status_list(self, uri: str) -> tuple[str, float] | None:
        """The cached status list token of ``uri`` and when it expires (epoch seconds), while
        it has not; else None."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT token, expires_at FROM status_lists WHERE uri = ?", (uri,)
            ).fetchone()
        if row is None or float(row[1]) <= self._now():
            return None
        return str(row[0]), float(row[1])

    def put_status_list(self, uri: str, token: str, expires_at: float) -> None:
        """Cache a status list token until ``expires_at``; expired entries are dropped."""
        with self._write() as conn:
            conn.execute("DELETE FROM status_lists WHERE expires_at <= ?", (self._now(),))
            conn.execute(
                "INSERT INTO status_lists (uri, token, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (uri) DO UPDATE SET token = excluded.token, "
                "expires_at = excluded.expires_at",
                (uri, token, float(expires_at)),
            )

    def forget_status_lists(self) -> None:
        """Drop every cached status list (a forced refresh)."""
        with self._write() as conn:
            conn.execute("DELETE FROM status_lists")
