"""Sealing against preset dictionaries reuses a primed compressor per dictionary (a copy):
every value still opens with its own dictionary, whatever the order, and few are kept."""

from __future__ import annotations

import os

from wallet_app.wallet.keys import KEY_SIZE, Vault


def test_values_sealed_against_many_dictionaries_open_with_their_own() -> None:
    vault = Vault(os.urandom(KEY_SIZE))
    shared = b'{"credential":"eyJhbGciOiJFUzI1NiIsInR5cCI6ImRjK3NkLWp3dCJ9' + b"shared" * 300
    sealed: list[tuple[bytes, bytes, dict[str, object]]] = []
    for n in range(20):
        own = f"credential {n} ".encode() * 40  # a per-credential dictionary, used twice
        for zdict in (shared, own, own, shared):
            value = {"credential": f"shared credential {n} " * 30, "n": n}
            blob = vault.seal_json(value, aad=b"row", compress=True, zdict=zdict)
            sealed.append((blob, zdict, value))
    assert len(vault._packers) <= 8  # at most 8 kept
    assert shared in vault._packers  # the one used every row stays
    for blob, zdict, value in sealed:
        assert vault.open_json(blob, aad=b"row", zdict=zdict) == value
    # compressed for real against the dictionary: smaller than without it
    plain = vault.seal_json(sealed[0][2], aad=b"row", compress=True)
    assert len(sealed[0][0]) < len(plain)
