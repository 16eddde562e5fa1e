"""Writes tests/fixtures/store-v2/: a wallet store made by the schema-2 code (before issue 11),
kept so the migration to later schemas is tested against a real old store.

It holds, from real issuances by the demo issuer on 127.0.0.1: an SD-JWT VC, an mdoc, a
deferred issuance, their flows (traces) and verifications, a trust anchor, a pending
authorization and a deleted credential's history entry. The data key is in ``keyring.json``
(a test keyring: plaintext, test-only). Run once:
``.venv/bin/python tests/wallet/make_store_fixture.py``; the store is committed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wallet_app.demo_issuer import DemoConfig, serve
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore
from wallet_app.wallet.vault import DB_NAME, keyring_secret_name

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "store-v2"


def main() -> None:
    work = OUT.with_name("store-v2.tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    secrets = MemorySecretStore()
    with serve(DemoConfig()) as running, httpx.Client(timeout=30, trust_env=False) as http:
        issuer = running.issuer
        store = CredentialStore.open(work, secrets=secrets)
        with Wallet(store, http, WalletOptions(locales=("en",))) as wallet:
            for config in (["pid_sd_jwt"], ["mdl_mdoc"], ["diploma_sd_jwt"]):
                offer = issuer.create_offer(config)
                flow = wallet.new_flow("fixture")
                wallet.receive_pre_authorized(wallet.resolve_offer(offer.uri, flow=flow), flow=flow)
                wallet.wait_for_notifications(10)
            issuer.faults.deferred_pending_polls = 5
            offer = issuer.create_offer(["pid_sd_jwt"])
            flow = wallet.new_flow("fixture")
            wallet.receive_pre_authorized(wallet.resolve_offer(offer.uri, flow=flow), flow=flow)
            wallet.wait_for_notifications(10)
        issued = [c for c in store.list_credentials() if c.status == "issued"]
        store.delete_credential(issued[0].id)
        store.add_anchors([TrustAnchor.from_der(issuer.root_certificate_der())], source="demo")
        store.put_pending("fixture-state", {"code_verifier": "v" * 43}, expires_at=4_102_444_800.0)
        store_id = store.store_id
        store.close()
    conn = sqlite3.connect(work / DB_NAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    name = keyring_secret_name(store_id)
    (work / "keyring.json").write_text(json.dumps({name: secrets.get_secret(name)}) + "\n")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    shutil.copy(work / DB_NAME, OUT / DB_NAME)
    shutil.copy(work / "keyring.json", OUT / "keyring.json")
    shutil.rmtree(work)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
