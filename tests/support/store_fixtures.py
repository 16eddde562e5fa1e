"""Old wallet stores for migration tests: copies of tests/fixtures/store-v2 (written by the
schema-2 code, see tests/wallet/make_store_fixture.py) with the keyring that unlocks them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from wallet_app.host.secrets import MemorySecretStore

FIXTURE_V2 = Path(__file__).resolve().parents[1] / "fixtures" / "store-v2"


def copy_v2_store(data: Path) -> MemorySecretStore:
    """Copy the schema-2 fixture store into ``data``; returns the keyring holding its key."""
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE_V2 / "wallet.sqlite3", data / "wallet.sqlite3")
    keys = json.loads((FIXTURE_V2 / "keyring.json").read_text())
    return MemorySecretStore({str(k): str(v) for k, v in keys.items()})


def copy_v1_store(data: Path) -> MemorySecretStore:
    """The schema-2 fixture taken back to schema 1 (without the trust tables)."""
    secrets = copy_v2_store(data)
    conn = sqlite3.connect(data / "wallet.sqlite3")
    for table in ("anchors", "verifications", "status_lists"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return secrets
