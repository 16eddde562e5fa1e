"""Vault: AES-256-GCM sealing bound to associated data; key export; scrypt derivation."""

from __future__ import annotations

import base64
import os
from types import MappingProxyType

import pytest

from wallet_app.errors import StorageError
from wallet_app.wallet.keys import BLOB_VERSION, NONCE_SIZE, Vault

AAD = b"credential:abc:card"


def test_seal_open_round_trip_and_blob_layout() -> None:
    vault = Vault.generate()
    blob = vault.seal(b"hello wallet", aad=AAD)
    assert blob[0] == BLOB_VERSION
    assert len(blob) == 1 + NONCE_SIZE + len(b"hello wallet") + 16
    assert b"hello wallet" not in blob
    assert vault.open(blob, aad=AAD) == b"hello wallet"


def test_every_seal_uses_a_fresh_nonce() -> None:
    vault = Vault.generate()
    first, second = vault.seal(b"same", aad=AAD), vault.seal(b"same", aad=AAD)
    assert first != second
    assert first[1 : 1 + NONCE_SIZE] != second[1 : 1 + NONCE_SIZE]


def test_json_round_trip_accepts_read_only_mappings_and_tuples() -> None:
    vault = Vault.generate()
    value = MappingProxyType({"name": "Ünïcode", "items": (1, 2), "nested": {"k": None}})
    assert vault.open_json(vault.seal_json(value, aad=AAD), aad=AAD) == {
        "name": "Ünïcode",
        "items": [1, 2],
        "nested": {"k": None},
    }


def test_unserialisable_value_is_a_storage_error() -> None:
    with pytest.raises(StorageError):
        Vault.generate().seal_json({"x": object()}, aad=AAD)


@pytest.mark.parametrize("position", [0, 1, 1 + NONCE_SIZE, -1])
def test_tampered_blob_does_not_open(position: int) -> None:
    vault = Vault.generate()
    blob = bytearray(vault.seal(b"secret", aad=AAD))
    blob[position] ^= 0x01
    with pytest.raises(StorageError, match="could not be decrypted"):
        vault.open(bytes(blob), aad=AAD)


def test_truncated_blob_does_not_open() -> None:
    vault = Vault.generate()
    with pytest.raises(StorageError):
        vault.open(vault.seal(b"secret", aad=AAD)[:20], aad=AAD)


def test_blob_swapped_to_another_row_or_column_does_not_open() -> None:
    vault = Vault.generate()
    blob = vault.seal(b"secret", aad=b"credential:aaa:card")
    for other in (b"credential:bbb:card", b"credential:aaa:instance:0", b""):
        with pytest.raises(StorageError):
            vault.open(blob, aad=other)


def test_wrong_key_does_not_open() -> None:
    blob = Vault.generate().seal(b"secret", aad=AAD)
    with pytest.raises(StorageError):
        Vault.generate().open(blob, aad=AAD)


def test_exported_key_round_trips_and_is_standard_base64() -> None:
    key = os.urandom(32)
    vault = Vault.from_key(key)
    exported = vault.export_key()
    assert base64.b64decode(exported) == key
    assert Vault.from_exported(exported).open(vault.seal(b"x", aad=AAD), aad=AAD) == b"x"


@pytest.mark.parametrize("key", [b"", b"\x00" * 16, b"\x00" * 31, b"\x00" * 33])
def test_key_must_be_32_bytes(key: bytes) -> None:
    with pytest.raises(StorageError):
        Vault.from_key(key)


@pytest.mark.parametrize("text", ["not base64!", "AAAA", "é"])
def test_malformed_exported_key_is_a_storage_error(text: str) -> None:
    with pytest.raises(StorageError):
        Vault.from_exported(text)


def test_repr_does_not_show_the_key() -> None:
    vault = Vault.generate()
    assert vault.export_key() not in repr(vault)


def test_passphrase_derivation_is_deterministic_per_salt() -> None:
    salt = b"s" * 16
    first = Vault.from_passphrase("correct horse", salt, n=2**10)
    again = Vault.from_passphrase("correct horse", salt, n=2**10)
    assert first.export_key() == again.export_key()
    assert Vault.from_passphrase("correct horse", b"t" * 16, n=2**10).export_key() != (
        first.export_key()
    )
    assert Vault.from_passphrase("wrong horse", salt, n=2**10).export_key() != first.export_key()


def test_passphrase_is_unicode_normalised() -> None:
    salt = b"s" * 16
    composed = Vault.from_passphrase("caf\u00e9", salt, n=2**10)
    decomposed = Vault.from_passphrase("cafe\u0301", salt, n=2**10)
    assert composed.export_key() == decomposed.export_key()


def test_invalid_scrypt_parameters_are_a_storage_error() -> None:
    with pytest.raises(StorageError):
        Vault.from_passphrase("pw", b"s" * 16, n=3)
