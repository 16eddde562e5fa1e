"""The wallet database file: connection, schema, and unlocking its data key.

One SQLite file per data directory (``wallet.sqlite3``; WAL, foreign keys on, schema version in
``PRAGMA user_version``). The ``meta`` table keeps, in clear, only the store id, the protection
mode, scrypt parameters and a sealed canary that tells a wrong key or passphrase from a good one.
:class:`wallet_app.wallet.store.CredentialStore` is built on top of this module.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from wallet_app.errors import KeyringError, StorageError, UsageError
from wallet_app.frozen import frozen
from wallet_app.wallet.keys import SecretStore, Vault

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "OpenedDatabase",
    "StoreMode",
    "discard_unfinished_store",
    "iso_utc",
    "keyring_secret_name",
    "open_database",
    "storage_error",
    "store_is_set_up",
    "write_transaction",
]

log = logging.getLogger(__name__)

DB_NAME = "wallet.sqlite3"
_SIDE_FILES = ("-wal", "-shm", "-journal")
SCHEMA_VERSION = 4
_SALT_SIZE = 16
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_MAX_SCRYPT_N = 2**20
_CANARY = b"wallet-app store canary v1"
_BUSY_TIMEOUT_S = 10.0

_SCHEMA_V1 = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    )""",
    """CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        credential_configuration_id TEXT NOT NULL,
        format TEXT NOT NULL,
        issuer TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('issued', 'deferred')),
        received_at TEXT NOT NULL,
        instance_count INTEGER NOT NULL,
        card BLOB NOT NULL,
        notification BLOB
    )""",
    "CREATE INDEX credentials_by_received_at ON credentials (received_at)",
    """CREATE TABLE instances (
        credential_id TEXT NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (credential_id, idx)
    ) WITHOUT ROWID""",
    """CREATE TABLE deferred (
        credential_id TEXT PRIMARY KEY REFERENCES credentials (id) ON DELETE CASCADE,
        body BLOB NOT NULL,
        next_poll_at REAL NOT NULL
    )""",
    """CREATE TABLE pending (
        key_hash TEXT PRIMARY KEY,
        payload BLOB NOT NULL,
        expires_at REAL NOT NULL
    )""",
    """CREATE TABLE flows (
        flow_id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        issuer TEXT NOT NULL,
        outcome TEXT NOT NULL,
        summary BLOB NOT NULL,
        trace BLOB NOT NULL
    )""",
)


#: schema 2 (issue 9, trust): trust anchors (the DER sealed, so nobody who can write the file
#: but lacks the key can slip in an anchor), each credential's sealed verification, and the
#: status list tokens (public, signed documents: in clear)
_SCHEMA_V2 = (
    """CREATE TABLE anchors (
        id TEXT PRIMARY KEY,
        added_at TEXT NOT NULL,
        body BLOB NOT NULL
    )""",
    """CREATE TABLE verifications (
        credential_id TEXT PRIMARY KEY REFERENCES credentials (id) ON DELETE CASCADE,
        body BLOB NOT NULL
    )""",
    """CREATE TABLE status_lists (
        uri TEXT PRIMARY KEY,
        token TEXT NOT NULL,
        expires_at REAL NOT NULL
    )""",
)

#: the statements that bring a store of version ``n - 1`` to version ``n``
_MIGRATIONS: dict[int, tuple[str, ...]] = {2: _SCHEMA_V2}


class StoreMode(StrEnum):
    """How the store's data key is protected."""

    KEYRING = "keyring"
    PASSPHRASE = "passphrase"


@frozen
class OpenedDatabase:
    """An open, unlocked wallet database."""

    conn: sqlite3.Connection
    vault: Vault
    mode: StoreMode
    store_id: str
    path: Path


def iso_utc(timestamp: float) -> str:
    """Format a POSIX timestamp as ISO 8601 UTC with seconds and a "Z"."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def keyring_secret_name(store_id: str) -> str:
    """The name under which the data key of store ``store_id`` is kept in the keyring."""
    return f"wallet-store/{store_id}"


def storage_error(exc: sqlite3.Error | OSError, path: Path) -> StorageError:
    """Turn a sqlite3 or OS error into a StorageError with a plain message."""
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, OSError):
        message = (
            "The wallet's folder {folder} could not be used. Check that the disk is "
            "available and that you may write to that folder."
        )
    elif "locked" in lowered or "busy" in lowered:
        message = (
            "The wallet is busy in another window or command. Close it or try again in a moment."
        )
    elif "not a database" in lowered or "malformed" in lowered:
        message = (
            "The wallet file {path} is damaged or is not a wallet. Move it away to start a "
            "new wallet, or restore it from a backup."
        )
    elif "readonly" in lowered or "unable to open" in lowered or "disk i/o" in lowered:
        message = (
            "The wallet file {path} could not be opened for writing. Check the disk and the "
            "permissions of its folder."
        )
    elif "full" in lowered:
        message = "The disk is full, so the wallet could not save. Free some space and try again."
    else:
        message = (
            "The wallet's storage failed. Try again; if it keeps failing, check the disk and "
            "the file {path}."
        )
    return StorageError(
        message,
        params={"path": str(path), "folder": str(path.parent)},
        detail=f"{type(exc).__name__}: {text}",
    )


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """Run the block as one ``BEGIN IMMEDIATE`` transaction: all of it is saved, or nothing.

    Raises StorageError for sqlite3/OS failures; any exception rolls the transaction back.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from exc
    try:
        yield conn
    except BaseException as exc:
        _rollback(conn)
        if isinstance(exc, sqlite3.Error | OSError):
            raise storage_error(exc, path) from exc
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise storage_error(exc, path) from exc


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.warning("rollback failed; the connection will discard the transaction")


def _prepare_files(data_dir: Path, path: Path) -> None:
    """Create the data directory (0700) and an empty database file (0600) if missing; an
    existing directory and its files get those modes back (issue 11)."""
    from wallet_app.wallet.store_files import prepare_files

    try:
        prepare_files(data_dir, path, _SIDE_FILES)
    except OSError as exc:
        raise storage_error(exc, path) from exc


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def open_database(
    data_dir: Path,
    *,
    secrets: SecretStore | None,
    passphrase: str | None,
    clock: Callable[[], float] = time.time,
) -> OpenedDatabase:
    """Open (creating if needed) and unlock the wallet database in ``data_dir``.

    Raises KeyringError when a new wallet has neither a keyring nor a passphrase, StorageError
    when the key is missing or wrong or the file cannot be used, UsageError for an empty
    passphrase.
    """
    path = data_dir / DB_NAME
    _prepare_files(data_dir, path)
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from exc
    try:
        return _open(conn, path, secrets=secrets, passphrase=passphrase, clock=clock)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise storage_error(exc, path) from exc
        raise


def store_is_set_up(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a wallet: False for no database, or for the empty one a
    first open left when it failed (no keyring, say). A file that cannot be read counts as
    a wallet, so nobody is offered to replace it. Raises nothing."""
    path = data_dir / DB_NAME
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return True
    try:
        return _user_version(conn) != 0
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def discard_unfinished_store(data_dir: Path) -> None:
    """Delete the empty database (and SQLite's side files) that a failed first open left in
    ``data_dir``; a set-up wallet is never touched. Raises nothing."""
    if store_is_set_up(data_dir):
        return
    path = data_dir / DB_NAME
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        try:
            candidate.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.info("could not remove %s: %s", candidate, exc)


def _user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _open(
    conn: sqlite3.Connection,
    path: Path,
    *,
    secrets: SecretStore | None,
    passphrase: str | None,
    clock: Callable[[], float],
) -> OpenedDatabase:
    if _user_version(conn) == 0:
        created: OpenedDatabase | None = None
        with write_transaction(conn, path):
            # Re-read under the write lock: another process may have created it meanwhile.
            if _user_version(conn) == 0:
                created = _create(conn, path, secrets=secrets, passphrase=passphrase, clock=clock)
        if created is not None:
            return created
    version = _user_version(conn)
    if version > SCHEMA_VERSION:
        raise StorageError(
            "This wallet was saved by a newer version of the app. Update the app to open it.",
            detail=f"schema version {version}, this app knows {SCHEMA_VERSION}",
        )
    opened = _unlock(conn, path, secrets=secrets, passphrase=passphrase)
    if version < SCHEMA_VERSION:
        _migrate(conn, path, opened.vault)
    return opened


def _migrate(conn: sqlite3.Connection, path: Path, vault: Vault) -> None:
    """Bring an older store to :data:`SCHEMA_VERSION` in one write transaction: all steps
    or none. Another process may have migrated it meanwhile, so the version is re-read
    under the write lock. Raises StorageError."""
    with write_transaction(conn, path):
        version = _user_version(conn)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS.get(target, ()):
                conn.execute(statement)
            if target in (3, 4):
                from wallet_app.wallet.migrations import migrate_to_v3
                from wallet_app.wallet.migrations_v4 import migrate_to_v4

                (migrate_to_v3 if target == 3 else migrate_to_v4)(conn, vault)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            log.info("migrated the wallet store from schema %d to %d", version, SCHEMA_VERSION)


def _create(
    conn: sqlite3.Connection,
    path: Path,
    *,
    secrets: SecretStore | None,
    passphrase: str | None,
    clock: Callable[[], float],
) -> OpenedDatabase:
    """Create schema and key inside the caller's transaction."""
    store_id = uuid.uuid4().hex
    meta: dict[str, bytes | str] = {"store_id": store_id, "created_at": iso_utc(clock())}
    if passphrase is not None:
        if not passphrase:
            raise UsageError("The passphrase must not be empty. Choose a passphrase and try again.")
        salt = os.urandom(_SALT_SIZE)
        vault = Vault.from_passphrase(passphrase, salt, **_SCRYPT)
        mode = StoreMode.PASSPHRASE
        kdf = {"name": "scrypt", "salt": base64.b64encode(salt).decode("ascii"), **_SCRYPT}
        meta["kdf"] = json.dumps(kdf, separators=(",", ":"))
    elif secrets is not None:
        vault = Vault.generate()
        mode = StoreMode.KEYRING
        # The key must be safe in the keyring before anything is sealed under it.
        secrets.set_secret(keyring_secret_name(store_id), vault.export_key())
    else:
        raise KeyringError()
    meta["mode"] = mode.value
    meta["canary"] = vault.seal(_CANARY, aad=_canary_aad(store_id))
    from wallet_app.wallet.migrations import SCHEMA_V3, SCHEMA_V3_END

    for statement in (*_SCHEMA_V1, *_SCHEMA_V2, *SCHEMA_V3, *SCHEMA_V3_END):
        conn.execute(statement)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    log.info("created a new wallet store (%s mode) at %s", mode.value, path)
    return OpenedDatabase(conn=conn, vault=vault, mode=mode, store_id=store_id, path=path)


def _canary_aad(store_id: str) -> bytes:
    return f"meta:{store_id}:canary".encode()


def _read_meta(conn: sqlite3.Connection, path: Path) -> dict[str, object]:
    rows = conn.execute("SELECT key, value FROM meta").fetchall()
    meta: dict[str, object] = {str(key): value for key, value in rows}
    for required in ("store_id", "mode", "canary"):
        if required not in meta:
            raise StorageError(
                "The wallet file {path} is damaged. Restore it from a backup, or move it away "
                "to start a new wallet.",
                params={"path": str(path)},
                detail=f"meta.{required} is missing",
            )
    return meta


def _unlock(
    conn: sqlite3.Connection, path: Path, *, secrets: SecretStore | None, passphrase: str | None
) -> OpenedDatabase:
    meta = _read_meta(conn, path)
    store_id = str(meta["store_id"])
    mode_text = str(meta["mode"])
    if mode_text == StoreMode.KEYRING:
        mode = StoreMode.KEYRING
        vault = _keyring_vault(store_id, secrets)
        wrong = (
            "The key in the keyring does not unlock this wallet. The keyring entry may have "
            "been replaced; restore it to open the wallet."
        )
    elif mode_text == StoreMode.PASSPHRASE:
        mode = StoreMode.PASSPHRASE
        vault = _passphrase_vault(meta, passphrase, path)
        wrong = "The passphrase is wrong. Check it and try again."
    else:
        raise StorageError(
            "This wallet uses a protection this version of the app does not know. Update the app.",
            detail=f"meta.mode = {mode_text!r}",
        )
    canary = meta["canary"]
    if not isinstance(canary, bytes):
        raise StorageError(wrong, detail="meta.canary is not a blob")
    try:
        opened = vault.open(canary, aad=_canary_aad(store_id))
    except StorageError as exc:
        raise StorageError(wrong, detail=exc.detail) from exc
    if opened != _CANARY:
        raise StorageError(wrong, detail="canary mismatch")
    return OpenedDatabase(conn=conn, vault=vault, mode=mode, store_id=store_id, path=path)


def _keyring_vault(store_id: str, secrets: SecretStore | None) -> Vault:
    name = keyring_secret_name(store_id)
    if secrets is None:
        raise KeyringError(
            "This wallet is protected by the system keyring, which is not available. Start "
            "and unlock your desktop's keyring (for example GNOME Keyring or KWallet) and try "
            "again.",
            detail=f"no secret store given for keyring entry {name}",
        )
    exported = secrets.get_secret(name)
    if exported is None:
        raise StorageError(
            "The key that protects this wallet is missing from the keyring ({keyring}). "
            "Without it the wallet cannot be opened. Restore the keyring entry, or move the "
            "wallet file away to start a new wallet.",
            params={"keyring": secrets.description},
            detail=f"keyring entry {name!r} not found",
        )
    return Vault.from_exported(exported)


def _passphrase_vault(meta: dict[str, object], passphrase: str | None, path: Path) -> Vault:
    if passphrase is None:
        raise StorageError(
            "This wallet is protected by a passphrase. Enter it with --passphrase (or "
            "WALLET_APP_PASSPHRASE) to open it.",
            code="passphrase_required",
        )
    damaged = StorageError(
        "The wallet file {path} is damaged. Restore it from a backup, or move it away to start "
        "a new wallet.",
        params={"path": str(path)},
    )
    raw = meta.get("kdf")
    try:
        kdf = json.loads(raw) if isinstance(raw, str) else None
        if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
            raise damaged
        salt = base64.b64decode(str(kdf["salt"]), validate=True)
        n, r, p = kdf["n"], kdf["r"], kdf["p"]
    except (ValueError, KeyError, binascii.Error) as exc:
        raise damaged from exc
    if not (isinstance(n, int) and isinstance(r, int) and isinstance(p, int)):
        raise damaged
    if not 1 < n <= _MAX_SCRYPT_N or not 0 < r * p < 2**20:
        raise damaged
    return Vault.from_passphrase(passphrase, salt, n=n, r=r, p=p)
