"""Schema changes of the wallet store that need more than SQL: each re-seals rows.

:func:`wallet_app.wallet.vault.open_database` runs them inside the one write transaction that
also bumps ``PRAGMA user_version``, so a killed migration leaves the old store as it was.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import sqlite3
from collections.abc import Callable

from wallet_app.errors import StorageError
from wallet_app.jsonsafe import has_lone_surrogate
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import (
    NewCredential,
    NewDeferred,
    NewInstance,
    as_mapping,
    as_sentence,
    as_text,
    card_aad,
    flow_aad,
    instance_aad,
    sentence_json,
    verification_aad,
)
from wallet_app.wallet.store_cards import card_row, put_display
from wallet_app.wallet.store_dicts import (
    drop_unused_dictionaries,
    instance_dictionary_key,
    trace_dictionary_key,
    use_dictionary,
    verification_dictionary_key,
)

__all__ = ["SCHEMA_V3", "SCHEMA_V3_END", "migrate_to_v3"]

log = logging.getLogger(__name__)

#: schema 3 (issue 11, scale): the issuer, configuration id and name move into the sealed list
#: card (a keyed hash of the issuer stays for lookups); display data shared by the credentials
#: of one issuer and configuration is kept once, in ``displays``; flows keep their issuer sealed
SCHEMA_V3 = (
    "ALTER TABLE credentials ADD COLUMN issuer_tag TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE credentials ADD COLUMN display_key TEXT",
    """CREATE TABLE displays (
        key TEXT PRIMARY KEY,
        body BLOB NOT NULL
    )""",
    "ALTER TABLE flows ADD COLUMN issuer_tag TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE dictionaries (
        key TEXT PRIMARY KEY,
        body BLOB NOT NULL
    )""",
    # a rowid table: in a WITHOUT ROWID one, a row over ~1 KB spills a whole 4 KiB page
    """CREATE TABLE instances_v3 (
        credential_id TEXT NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (credential_id, idx)
    )""",
    "INSERT INTO instances_v3 (credential_id, idx, body) SELECT credential_id, idx, body "
    "FROM instances",
    "DROP TABLE instances",
    "ALTER TABLE instances_v3 RENAME TO instances",
    "ALTER TABLE verifications ADD COLUMN verdict TEXT",
)
#: run after the rows were re-sealed
SCHEMA_V3_END = (
    "ALTER TABLE credentials DROP COLUMN credential_configuration_id",
    "ALTER TABLE credentials DROP COLUMN issuer",
    "ALTER TABLE flows DROP COLUMN issuer",
    "CREATE INDEX credentials_by_issuer_tag ON credentials (issuer_tag)",
    "CREATE INDEX flows_by_issuer_tag ON flows (issuer_tag)",
)


def _b64_json_has_lone_surrogate(part: str) -> bool:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, binascii.Error, RecursionError):
        return False
    return _value_has_lone_surrogate(value, 0)


def _value_has_lone_surrogate(value: object, depth: int) -> bool:
    if isinstance(value, str):
        return has_lone_surrogate(value)
    if depth > 64:
        return False
    if isinstance(value, dict):
        return any(
            has_lone_surrogate(str(k)) or _value_has_lone_surrogate(v, depth + 1)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_value_has_lone_surrogate(v, depth + 1) for v in value)
    return False


def holds_undecodable_text(credential: str) -> bool:
    """Whether a JWT / SD-JWT instance carries a lone surrogate in its JSON (such a record
    was stored before issue 11 and cannot be shown). Raises nothing."""
    if has_lone_surrogate(credential):
        return True
    for segment in credential.split("~"):
        parts = segment.split(".") if "." in segment else [segment]
        if any(_b64_json_has_lone_surrogate(p) for p in parts if p):
            return True
    return False


def migrate_to_v3(
    conn: sqlite3.Connection, vault: Vault, *, progress: Callable[[int], None] | None = None
) -> None:
    """Bring a schema-2 store to schema 3 inside the caller's write transaction.

    ``progress`` is called after each credential (tests use it to kill a migration midway).
    Raises StorageError, sqlite3.Error.
    """
    for statement in SCHEMA_V3:
        conn.execute(statement)
    rows = conn.execute(
        "SELECT id, credential_configuration_id, format, issuer, status, card FROM credentials"
    ).fetchall()
    for done, (cid, config_id, fmt, issuer, status, blob) in enumerate(rows, 1):
        _migrate_credential(
            conn, vault, str(cid), str(config_id), str(fmt), str(issuer), status, blob
        )
        if progress is not None:
            progress(done)
    flows = conn.execute("SELECT flow_id, issuer, summary, trace FROM flows").fetchall()
    for flow_id, issuer, summary, trace in flows:
        _migrate_flow(conn, vault, str(flow_id), str(issuer), summary, trace)
    _migrate_verifications(conn, vault)
    for statement in SCHEMA_V3_END:
        conn.execute(statement)
    conn.execute("DELETE FROM displays WHERE key NOT IN (SELECT display_key FROM credentials)")
    drop_unused_dictionaries(conn)
    log.info("migrated %d credentials and %d flows to schema 3", len(rows), len(flows))


def _migrate_credential(
    conn: sqlite3.Connection,
    vault: Vault,
    cid: str,
    config_id: str,
    fmt: str,
    issuer: str,
    status: object,
    blob: object,
) -> None:
    try:
        if not isinstance(blob, bytes):
            raise StorageError("damaged", detail="card is not a blob")
        old = as_mapping(vault.open_json(blob, aad=card_aad(cid)), "card")
        name = as_text(old.get("name"), "card name")
        card = as_mapping(old.get("card"), "card")
    except StorageError:
        # a card that does not open stays as it is: the row is listed as a damaged record
        log.warning("credential %s: its card does not open; it is kept as a damaged record", cid)
        conn.execute(
            "UPDATE credentials SET issuer_tag = ? WHERE id = ?",
            (vault.tag("", purpose="issuer"), cid),
        )
        return
    instances: list[NewInstance] = []
    bodies: list[tuple[int, dict[str, object]]] = []
    undecodable = False
    for idx, body in conn.execute(
        "SELECT idx, body FROM instances WHERE credential_id = ? ORDER BY idx", (cid,)
    ).fetchall():
        try:
            opened = as_mapping(vault.open_json(body, aad=instance_aad(cid, int(idx))), "i")
            text = as_text(opened.get("credential"), "instance credential")
        except StorageError:
            undecodable = True
            continue
        undecodable = undecodable or holds_undecodable_text(text)
        instances.append(NewInstance(credential=text, holder_private_jwk=None))
        bodies.append((int(idx), opened))
    item: NewCredential | NewDeferred
    if status == "issued":
        item = NewCredential(
            credential_configuration_id=config_id,
            format=fmt,
            issuer=issuer,
            name=name,
            card=card,
            instances=tuple(instances),
            facts=({} if undecodable else None),
        )
    else:
        item = NewDeferred(config_id, fmt, issuer, name, card, "", {}, 0.0)
    row = card_row(vault, cid, item, damaged=undecodable)
    put_display(conn, vault, row)
    conn.execute(
        "UPDATE credentials SET issuer_tag = ?, display_key = ?, card = ? WHERE id = ?",
        (row.issuer_tag, row.display_key, row.card, cid),
    )
    if undecodable or not instances:
        return
    # re-sealed compressed against the display's dictionary; their contents are unchanged
    zdict = use_dictionary(
        conn,
        vault,
        instance_dictionary_key(row.display_key),
        instances[0].credential.encode("utf-8", "surrogatepass"),
    )
    for idx, opened in bodies:
        sealed = vault.seal_json(opened, aad=instance_aad(cid, idx), compress=True, zdict=zdict)
        conn.execute(
            "UPDATE instances SET body = ? WHERE credential_id = ? AND idx = ?", (sealed, cid, idx)
        )


def _migrate_flow(
    conn: sqlite3.Connection,
    vault: Vault,
    flow_id: str,
    issuer: str,
    summary: bytes,
    trace: bytes,
) -> None:
    try:
        opened = as_sentence(vault.open_json(summary, aad=flow_aad(flow_id, "summary")), "s")
        exchanges = vault.open_json(trace, aad=flow_aad(flow_id, "trace"))
        if not isinstance(exchanges, list):
            raise StorageError("damaged", detail="trace is not a list")
    except StorageError:
        log.warning("flow %s: its history row does not open; it is kept as it is", flow_id)
        conn.execute(
            "UPDATE flows SET issuer_tag = ? WHERE flow_id = ?",
            (vault.tag(issuer, purpose="issuer"), flow_id),
        )
        return
    new_summary = vault.seal_json(
        {"issuer": issuer, "summary": sentence_json(opened)}, aad=flow_aad(flow_id, "summary")
    )
    tag = vault.tag(issuer, purpose="issuer")
    zdict = None
    if exchanges:
        sample = json.dumps(exchanges, default=str, ensure_ascii=False, separators=(",", ":"))
        key = trace_dictionary_key(tag)
        zdict = use_dictionary(conn, vault, key, sample.encode("utf-8", "surrogatepass"))
    new_trace = vault.seal_json(
        exchanges, aad=flow_aad(flow_id, "trace"), compress=True, zdict=zdict
    )
    conn.execute(
        "UPDATE flows SET issuer_tag = ?, summary = ?, trace = ? WHERE flow_id = ?",
        (tag, new_summary, new_trace, flow_id),
    )


def _migrate_verifications(conn: sqlite3.Connection, vault: Vault) -> None:
    """Verifications re-sealed compressed against their display's dictionary, their verdict
    copied to the clear column."""
    from wallet_app.wallet.store_trust import verification_from_json

    rows = conn.execute(
        "SELECT v.credential_id, v.body, c.display_key FROM verifications AS v "
        "JOIN credentials AS c ON c.id = v.credential_id"
    ).fetchall()
    for cid, body, display_key in rows:
        try:
            value = vault.open_json(body, aad=verification_aad(cid))
            verdict = verification_from_json(value).verdict
        except StorageError:
            continue  # left as it is: reading it fails as before
        zdict = None
        if isinstance(display_key, str):
            sample = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
            key = verification_dictionary_key(display_key)
            zdict = use_dictionary(conn, vault, key, sample)
        sealed = vault.seal_json(value, aad=verification_aad(cid), compress=True, zdict=zdict)
        conn.execute(
            "UPDATE verifications SET body = ?, verdict = ? WHERE credential_id = ?",
            (sealed, verdict, cid),
        )
