"""Schema 4 (issue 11, privacy): zlib dictionaries hold issuer-public material only.

Schema 3 cut each dictionary from the first value stored of its kind: an instance dictionary
was the text of one credential (its claim values, disclosures and salts), a verification
dictionary one credential's verification (its dates), a trace dictionary one flow's trace
(its proofs with the holder's public keys, nonces, ids). Such a dictionary stayed, sealed,
after that credential was deleted while others of the same issuer and configuration remained.
This migration opens every value against its schema-3 dictionary, deletes all dictionaries,
and seals every value again as the store now does (:mod:`wallet_app.wallet.store_samples`,
the display's seed: :mod:`wallet_app.wallet.store_dicts`), inside the one write transaction that
bumps ``PRAGMA user_version`` (``secure_delete`` zeroes the freed pages). A value that does
not open is left as it is: it did not open before either.
"""

from __future__ import annotations

import logging
import sqlite3

from wallet_app.errors import StorageError
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import as_mapping, as_text, flow_aad, instance_aad, verification_aad
from wallet_app.wallet.store_dicts import (
    find_seed,
    instance_dictionary_key,
    instance_zdicts,
    open_dictionary,
    put_seed,
    trace_dictionary_key,
    use_dictionary,
    verification_dictionary_key,
)
from wallet_app.wallet.store_samples import instance_sample, trace_sample, verification_sample

__all__ = ["migrate_to_v4"]

log = logging.getLogger(__name__)


def migrate_to_v4(conn: sqlite3.Connection, vault: Vault) -> None:
    """Re-seal every compressed value against public-only dictionaries, inside the caller's
    write transaction. Raises StorageError, sqlite3.Error."""
    old: dict[str, bytes | None] = {}
    for (key,) in conn.execute("SELECT key FROM dictionaries").fetchall():
        try:
            old[str(key)] = open_dictionary(conn, vault, str(key))
        except StorageError:
            old[str(key)] = None  # values compressed against it did not open before either
    conn.execute("DELETE FROM dictionaries")
    instances = _instances(conn, vault, old)
    verifications = _verifications(conn, vault, old)
    traces = _traces(conn, vault, old)
    log.info(
        "schema 4: %d instances, %d verifications and %d traces sealed against public dictionaries",
        instances,
        verifications,
        traces,
    )


def _instances(conn: sqlite3.Connection, vault: Vault, old: dict[str, bytes | None]) -> int:
    done = 0
    credentials = conn.execute(
        "SELECT id, display_key FROM credentials WHERE display_key IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM instances WHERE credential_id = id) ORDER BY rowid"
    ).fetchall()
    for cid, display_key in credentials:
        key = instance_dictionary_key(str(display_key))
        rows = conn.execute(
            "SELECT idx, body FROM instances WHERE credential_id = ? ORDER BY idx", (cid,)
        ).fetchall()
        try:
            opened = [
                (
                    int(idx),
                    as_mapping(
                        vault.open_json(body, aad=instance_aad(cid, int(idx)), zdict=old.get(key)),
                        "instance",
                    ),
                )
                for idx, body in rows
            ]
            first_text = as_text(opened[0][1].get("credential"), "instance credential")
        except StorageError:
            log.warning("credential %s: an instance does not open; it is left as it is", cid)
            continue
        public = use_dictionary(conn, vault, key, instance_sample(first_text))
        seed = find_seed(conn, vault, str(display_key))
        if seed is None:
            put_seed(conn, vault, str(display_key), str(cid), first_text)
        first, further = instance_zdicts(public, seed[1] if seed else first_text, first_text)
        for position, (idx, value) in enumerate(opened):
            sealed = vault.seal_json(
                value,
                aad=instance_aad(cid, idx),
                compress=True,
                zdict=first if position == 0 else further,
            )
            conn.execute(
                "UPDATE instances SET body = ? WHERE credential_id = ? AND idx = ?",
                (sealed, cid, idx),
            )
            done += 1
    return done


def _verifications(conn: sqlite3.Connection, vault: Vault, old: dict[str, bytes | None]) -> int:
    done = 0
    rows = conn.execute(
        "SELECT v.credential_id, v.body, c.display_key FROM verifications AS v "
        "JOIN credentials AS c ON c.id = v.credential_id ORDER BY c.rowid"
    ).fetchall()
    for cid, body, display_key in rows:
        key = verification_dictionary_key(display_key) if isinstance(display_key, str) else None
        try:
            value = vault.open_json(
                body, aad=verification_aad(cid), zdict=old.get(key) if key else None
            )
        except StorageError:
            continue
        zdict = None
        if key is not None and isinstance(value, dict):
            zdict = use_dictionary(conn, vault, key, verification_sample(value))
        sealed = vault.seal_json(value, aad=verification_aad(cid), compress=True, zdict=zdict)
        conn.execute("UPDATE verifications SET body = ? WHERE credential_id = ?", (sealed, cid))
        done += 1
    return done


def _traces(conn: sqlite3.Connection, vault: Vault, old: dict[str, bytes | None]) -> int:
    done = 0
    rows = conn.execute("SELECT flow_id, issuer_tag, trace FROM flows ORDER BY rowid").fetchall()
    for flow_id, tag, blob in rows:
        if not isinstance(blob, bytes):
            continue
        key = trace_dictionary_key(str(tag))
        aad = flow_aad(str(flow_id), "trace")
        try:
            value = vault.open_json(blob, aad=aad, zdict=old.get(key))
        except StorageError:
            continue
        zdict = None
        if isinstance(value, list) and value:
            exchanges = [e for e in value if isinstance(e, dict)]
            zdict = use_dictionary(conn, vault, key, trace_sample(exchanges))
        sealed = vault.seal_json(value, aad=aad, compress=True, zdict=zdict)
        conn.execute("UPDATE flows SET trace = ? WHERE flow_id = ?", (sealed, flow_id))
        done += 1
    return done
