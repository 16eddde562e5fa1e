"""Preset zlib dictionaries that let similar sealed values share their common bytes.

Credentials of one issuer and configuration carry the same certificate chain and header; the
flows of one issuer the same metadata. Each value is compressed alone (so it opens alone) but
against a dictionary stored, sealed, in the ``dictionaries`` table. Keys: ``i:<display key>``
(instances) and ``v:<display key>`` (verifications), dropped with the last credential of that
display; ``t:<issuer tag>`` for flow traces (history is kept, so are they); ``s:<display
key>:<credential id>``, the display's *seed*.

A dictionary that outlives a credential holds only issuer-public material, never anything of
one credential (schema 4; :mod:`wallet_app.wallet.store_samples` says what). The seed is the
exception that proves it: it is the first instance's text of one STORED credential (the same
person's claim values, portrait and structure that the others of that issuer and configuration
repeat), named by that credential's id; when that credential is deleted, :func:`move_seed`
makes another one of the display the seed and re-seals the first instances against it in the
same transaction (``secure_delete`` zeroes the freed pages). So the store never keeps data of a
deleted credential. Each credential's first instance is compressed against public + seed, its
further instances against public + its own first instance (:func:`instance_zdicts`).
"""

from __future__ import annotations

import sqlite3

from wallet_app.errors import StorageError
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import instance_aad

__all__ = [
    "MAX_DICTIONARY",
    "drop_unused_dictionaries",
    "find_seed",
    "instance_dictionary_key",
    "instance_zdicts",
    "move_seed",
    "open_dictionary",
    "put_seed",
    "trace_dictionary_key",
    "use_dictionary",
    "verification_dictionary_key",
]

#: zlib looks back 32 KiB: a longer dictionary is cut to its last 32 KiB
MAX_DICTIONARY = 32 * 1024


def _aad(key: str) -> bytes:
    return f"dictionary:{key}".encode()


def instance_dictionary_key(display_key: str) -> str:
    """The dictionary of the instances of the credentials that share ``display_key``."""
    return f"i:{display_key}"


def verification_dictionary_key(display_key: str) -> str:
    """The dictionary of the verifications of the credentials that share ``display_key``."""
    return f"v:{display_key}"


def trace_dictionary_key(issuer_tag: str) -> str:
    """The dictionary of the traces of one issuer's flows."""
    return f"t:{issuer_tag}"


def open_dictionary(
    conn: sqlite3.Connection,
    vault: Vault,
    key: str,
    cache: dict[str, tuple[bytes, bytes]] | None = None,
) -> bytes | None:
    """The dictionary ``key`` (None: there is none). ``cache`` maps keys to (sealed, opened);
    an entry is used only while the row holds the same sealed bytes. Raises StorageError."""
    row = conn.execute("SELECT body FROM dictionaries WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    sealed = bytes(row[0])
    if cache is not None and key in cache and cache[key][0] == sealed:
        return cache[key][1]
    value = vault.open(sealed, aad=_aad(key))
    if cache is not None:
        if len(cache) >= 64:
            cache.pop(next(iter(cache)))
        cache[key] = (sealed, value)
    return value


def use_dictionary(
    conn: sqlite3.Connection,
    vault: Vault,
    key: str,
    sample: bytes,
    cache: dict[str, tuple[bytes, bytes]] | None = None,
) -> bytes:
    """The dictionary ``key``, made from ``sample`` (inside the caller's transaction) when
    there is none yet. Raises StorageError, sqlite3.Error."""
    found = open_dictionary(conn, vault, key, cache)
    if found is not None:
        return found
    value = sample[-MAX_DICTIONARY:]
    conn.execute(
        "INSERT INTO dictionaries (key, body) VALUES (?, ?)",
        (key, vault.seal(value, aad=_aad(key))),
    )
    return value


def instance_zdicts(
    public: bytes | None, seed: str | None, first: str | None
) -> tuple[bytes, bytes]:
    """The dictionaries of a credential's first instance (the display's public dictionary
    and seed text) and of its further ones (public dictionary and its own first instance)."""
    base = public or b""

    def joined(text: str | None) -> bytes:
        if text is None:
            return base
        return (base + text.encode("utf-8", "surrogatepass"))[-MAX_DICTIONARY:]

    return joined(seed), joined(first)


def _seed_range(display_key: str) -> tuple[str, str]:
    return f"s:{display_key}:", f"s:{display_key};"


def find_seed(
    conn: sqlite3.Connection,
    vault: Vault,
    display_key: str,
    cache: dict[str, tuple[bytes, bytes]] | None = None,
) -> tuple[str, str] | None:
    """The seed of a display: (credential id, its first instance's text), None when there
    is none. Raises StorageError."""
    low, high = _seed_range(display_key)
    row = conn.execute(
        "SELECT key FROM dictionaries WHERE key > ? AND key < ? LIMIT 1", (low, high)
    ).fetchone()
    if row is None:
        return None
    key = str(row[0])
    value = open_dictionary(conn, vault, key, cache)
    if value is None:
        return None
    return key[len(low) :], value.decode("utf-8", "surrogatepass")


def put_seed(
    conn: sqlite3.Connection, vault: Vault, display_key: str, credential_id: str, text: str
) -> None:
    """Make ``credential_id`` (whose first instance is ``text``) the display's seed."""
    key = f"{_seed_range(display_key)[0]}{credential_id}"
    body = vault.seal(text.encode("utf-8", "surrogatepass"), aad=_aad(key))
    conn.execute("INSERT INTO dictionaries (key, body) VALUES (?, ?)", (key, body))


def move_seed(conn: sqlite3.Connection, vault: Vault, display_key: str, gone_id: str) -> int:
    """After credential ``gone_id`` was deleted: when it was its display's seed, another
    credential of the display becomes the seed and every first instance of the display is
    re-sealed against it; the old seed is deleted. Returns how many instances were re-sealed.
    A first instance that does not open is left as it is. Raises StorageError, sqlite3.Error."""
    seed = find_seed(conn, vault, display_key)
    if seed is None or seed[0] != gone_id:
        return 0
    old_key = f"{_seed_range(display_key)[0]}{gone_id}"
    conn.execute("DELETE FROM dictionaries WHERE key = ?", (old_key,))
    rows = conn.execute(
        "SELECT c.id, i.body FROM credentials AS c JOIN instances AS i "
        "ON i.credential_id = c.id AND i.idx = 0 WHERE c.display_key = ? ORDER BY c.rowid",
        (display_key,),
    ).fetchall()
    if not rows:
        return 0
    public = open_dictionary(conn, vault, instance_dictionary_key(display_key))
    old_zdict = instance_zdicts(public, seed[1], None)[0]
    opened: list[tuple[str, dict[str, object]]] = []
    for cid, body in rows:
        try:
            value = vault.open_json(body, aad=instance_aad(str(cid), 0), zdict=old_zdict)
        except StorageError:
            continue  # damaged before (it did not open against the old seed either): left as is
        if isinstance(value, dict) and isinstance(value.get("credential"), str):
            opened.append((str(cid), value))
    if not opened:
        return 0
    new_id, first = opened[0]
    text = str(first["credential"])
    put_seed(conn, vault, display_key, new_id, text)
    new_zdict = instance_zdicts(public, text, None)[0]
    for cid, value in opened:
        sealed = vault.seal_json(value, aad=instance_aad(cid, 0), compress=True, zdict=new_zdict)
        conn.execute(
            "UPDATE instances SET body = ? WHERE credential_id = ? AND idx = 0", (sealed, cid)
        )
    return len(opened)


def drop_unused_dictionaries(conn: sqlite3.Connection) -> None:
    """Remove the instance and verification dictionaries of displays no credential uses, and
    seeds whose credential is gone (call :func:`move_seed` first)."""
    conn.execute(
        "DELETE FROM dictionaries WHERE substr(key, 1, 2) IN ('i:', 'v:') AND substr(key, 3) "
        "NOT IN (SELECT display_key FROM credentials WHERE display_key IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM dictionaries WHERE substr(key, 1, 2) = 's:' AND NOT EXISTS (SELECT 1 "
        "FROM credentials AS c WHERE dictionaries.key = 's:' || c.display_key || ':' || c.id)"
    )
