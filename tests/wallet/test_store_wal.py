"""A delete leaves the deleted rows' sealed bytes in no WAL frame: the store checkpoints and
truncates the WAL after it (secure_delete zeroes the database file's freed pages)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore
from wallet_app.wallet.vault import DB_NAME

BASE = "https://issuer.test"


@pytest.fixture
def received(tmp_path: Path) -> Iterator[tuple[CredentialStore, list[str], Path]]:
    """A store with two real credentials from the demo issuer (in process)."""
    issuer = DemoIssuer(BASE, config=DemoConfig())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    ids: list[str] = []
    with Wallet(store, http) as wallet:
        for configuration in ("pid_sd_jwt", "mdl_mdoc"):
            offer = issuer.create_offer([configuration])
            flow = wallet.new_flow("pre-authorized_code")
            resolved = wallet.resolve_offer(offer.uri, flow=flow)
            result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
            wallet.wait_for_notifications(10)
            ids += [c.id for c in result.credentials]
    http.close()
    yield store, ids, tmp_path / "data" / DB_NAME
    store.close()


def _sealed_rows(db: Path, credential_id: str) -> list[bytes]:
    """The deleted credential's sealed values, read straight from the database."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT card FROM credentials WHERE id = ?", (credential_id,))
        found = [bytes(r[0]) for r in rows]
        rows = conn.execute("SELECT body FROM instances WHERE credential_id = ?", (credential_id,))
        found += [bytes(r[0]) for r in rows]
        rows = conn.execute(
            "SELECT body FROM verifications WHERE credential_id = ?", (credential_id,)
        )
        found += [bytes(r[0]) for r in rows]
    conn.close()
    return found


def test_after_a_delete_the_wal_holds_none_of_the_deleted_rows(
    received: tuple[CredentialStore, list[str], Path],
) -> None:
    store, ids, db = received
    wal = db.with_name(db.name + "-wal")
    store_conn = store._connection()
    assert store_conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    assert store_conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)

    victim = ids[0]
    sealed = _sealed_rows(db, victim)
    assert len(sealed) >= 3  # card, instances, verification
    # every value is unique ciphertext: a 24-byte piece of each names it
    pieces = [value[len(value) // 2 : len(value) // 2 + 24] for value in sealed]
    assert wal.exists() and any(p in wal.read_bytes() for p in pieces)  # before: in the WAL

    store.delete_credential(victim)
    left = wal.read_bytes() if wal.exists() else b""
    assert left == b""  # truncated: no frame at all
    data = db.read_bytes()
    assert not [p for p in pieces if p in data]  # and the file's freed pages are zeroed
    assert [c.id for c in store.list_credentials()] == ids[1:]


def test_a_reader_elsewhere_does_not_hold_up_a_delete(
    received: tuple[CredentialStore, list[str], Path],
) -> None:
    store, ids, db = received
    reader = sqlite3.connect(db, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM credentials").fetchone() == (2,)
        start = time.monotonic()
        store.delete_credential(ids[0])  # the checkpoint gives up after 0.2 s
        assert time.monotonic() - start < 5.0
        reader.execute("COMMIT")
    finally:
        reader.close()
    store.delete_credential(ids[1])
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert store.list_credentials() == []
