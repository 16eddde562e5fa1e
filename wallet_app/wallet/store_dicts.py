"""Preset zlib dictionaries that let similar sealed values share their common bytes.

Credentials of one issuer and configuration carry the same certificate chain and header; the
flows of one issuer the same metadata. Each value is compressed alone (so it opens alone) but
against a dictionary stored once, sealed, in the ``dictionaries`` table. Keys: ``i:<display
key>`` for instances, ``v:<display key>`` for verifications (both dropped with the last
credential of that display), ``t:<issuer tag>`` for flow traces (history is kept, so are they).

A dictionary outlives the credential it was first cut from, so it holds only issuer-public
material, never anything of one credential (schema 4; :mod:`wallet_app.wallet.store_samples`
says what). What the instances of ONE credential share (claim values, the same person's data
in every copy) is used only inside that credential: the first instance is compressed against
the display's dictionary, each further one against the dictionary plus the first instance's
text (:func:`instance_zdicts`). Deleting the credential deletes all of it.
"""

from __future__ import annotations

import sqlite3

from wallet_app.wallet.keys import Vault

__all__ = [
    "MAX_DICTIONARY",
    "drop_unused_dictionaries",
    "instance_dictionary_key",
    "instance_zdicts",
    "open_dictionary",
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


def instance_zdicts(public: bytes | None, first: str | None) -> tuple[bytes, bytes]:
    """The dictionaries of a credential's first instance and of its further ones: the
    display's public dictionary, and that plus the first instance's credential text."""
    base = public or b""
    if first is None:
        return base, base
    chained = base + first.encode("utf-8", "surrogatepass")
    return base, chained[-MAX_DICTIONARY:]


def drop_unused_dictionaries(conn: sqlite3.Connection) -> None:
    """Remove the instance and verification dictionaries of displays no credential uses."""
    conn.execute(
        "DELETE FROM dictionaries WHERE substr(key, 1, 2) IN ('i:', 'v:') AND substr(key, 3) "
        "NOT IN (SELECT display_key FROM credentials WHERE display_key IS NOT NULL)"
    )
