"""CredentialStore at rest: no plaintext secret on disk; a crash mid-write leaves all or nothing."""

from __future__ import annotations

import base64
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wallet_app.errors import StorageError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.store import (
    CredentialStore,
    FlowRecord,
    NewCredential,
    NewDeferred,
    NewInstance,
)

ROOT = Path(__file__).resolve().parents[2]

SECRETS = {
    "credential": "eyJhbGciOiJFUzI1NiJ9.CREDENTIAL-SECRET-4f1c9a~WyJzYWx0Il0~",
    "private_d": "PRIVATE-D-7kq2VbX9mZ0aNcT3",
    "deferred_token": "ACCESS-TOKEN-deferred-Qw8e",
    "dpop_d": "DPOP-PRIVATE-D-l0Lz",
    "trace": "TRACE-AUTH-CODE-SplxlOBeZQ",
    "pending_verifier": "PKCE-VERIFIER-dBjftJeZ4CVP",
    "state": "OAUTH-STATE-af0ifjsldkj",
    "name": "Geheimer Ausweis von Erika",
    "claim": "ERIKA-MUSTERMANN-CLAIM",
    "summary": "SUMMARY-SECRET-9x",
    "transaction_id": "TX-ID-8xLOxBtZp8",
    "notification": "NOTIFICATION-TOKEN-55",
}


def forms(secret: str) -> list[bytes]:
    raw = secret.encode()
    encoded = [raw, raw.decode().encode("utf-16-le")]
    for shift in range(3):  # base64 of the secret at any alignment inside a longer value
        chunk = raw[shift:]
        chunk = chunk[: len(chunk) - len(chunk) % 3]
        encoded.append(base64.b64encode(chunk))
        encoded.append(base64.urlsafe_b64encode(chunk).rstrip(b"="))
    return encoded


def fill(store: CredentialStore) -> None:
    s = SECRETS
    item = NewCredential(
        credential_configuration_id="pid",
        format="dc+sd-jwt",
        issuer="https://issuer.example",
        name=s["name"],
        card={"claims": {"family_name": s["claim"]}},
        instances=(NewInstance(s["credential"], {"kty": "EC", "d": s["private_d"]}),),
        notification={"access_token": s["notification"]},
    )
    trace = FlowRecord(
        flow_id="flow-1",
        kind="offer",
        issuer="https://issuer.example",
        outcome="issued",
        summary=s["summary"],
        exchanges=({"request": {"body": f"code={s['trace']}"}},),
    )
    store.add_credentials([item], flow=trace)
    store.add_deferred(
        [
            NewDeferred(
                credential_configuration_id="diploma",
                format="jwt_vc_json",
                issuer="https://uni.example",
                name=s["name"],
                card={},
                transaction_id=s["transaction_id"],
                context={"access_token": s["deferred_token"], "dpop_jwk": {"d": s["dpop_d"]}},
                next_poll_at=0.0,
            )
        ]
    )
    store.put_pending(s["state"], {"code_verifier": s["pending_verifier"]}, expires_at=4e9)


@pytest.mark.parametrize("mode", ["keyring", "passphrase"])
def test_no_secret_reaches_the_disk(tmp_path: Path, mode: str) -> None:
    data = tmp_path / "data"
    keyring = MemorySecretStore()
    if mode == "keyring":
        store = CredentialStore.open(data, secrets=keyring)
    else:
        store = CredentialStore.open(data, passphrase="pass phrase")
    fill(store)
    # Read while the connection is open (WAL and shm present), then after close (checkpointed).
    snapshots = [{p.name: p.read_bytes() for p in data.iterdir()}]
    assert {"wallet.sqlite3", "wallet.sqlite3-wal", "wallet.sqlite3-shm"} <= set(snapshots[0])
    key = keyring._secrets.popitem()[1] if mode == "keyring" else None
    store.close()
    snapshots.append({p.name: p.read_bytes() for p in data.iterdir()})
    for snapshot in snapshots:
        for file_name, content in snapshot.items():
            for label, secret in SECRETS.items():
                for form in forms(secret):
                    assert form not in content, f"{label} found in {file_name}"
            if key is not None:
                assert key.encode() not in content
                assert base64.b64decode(key) not in content
    # Which credentials a person holds is sealed too: no issuer, configuration or name in clear
    for snapshot in snapshots:
        for file_name, content in snapshot.items():
            for clear in (b"issuer.example", b"uni.example", b"diploma"):
                assert clear not in content, f"{clear!r} found in {file_name}"


def test_exception_after_the_first_row_stores_nothing(tmp_path: Path) -> None:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    [kept] = store.add_credentials([NewCredential("c", "f", "https://i", "kept", {}, ())])
    good = NewCredential("c", "f", "https://i", "good", {}, (NewInstance("a", None),) * 2)
    bad = NewCredential("c", "f", "https://i", "bad", {"not json": object()}, ())
    flow = FlowRecord("f1", "offer", "https://i", "issued", "s", ())
    with pytest.raises(StorageError):
        store.add_credentials([good, good, bad], flow=flow)
    assert store.list_credentials() == [kept]
    assert store.list_history() == []
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM instances").fetchone() == (0,)
    conn.close()
    store.close()


CRASHER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from wallet_app.wallet import keys
    from wallet_app.wallet.store import (
        CredentialStore, FlowRecord, NewCredential, NewInstance,
    )

    store = CredentialStore.open(Path(sys.argv[1]), passphrase="pw")
    calls = 0
    original = keys.Vault.seal

    def seal(self, plaintext, *, aad):
        global calls
        calls += 1
        if calls == int(sys.argv[2]):
            os._exit(9)  # killed between statements: no rollback, no close
        return original(self, plaintext, aad=aad)

    keys.Vault.seal = seal
    item = NewCredential("c", "f", "https://i", "lost", {}, (NewInstance("cred", None),) * 3)
    flow = FlowRecord("f-crash", "offer", "https://i", "issued", "s", ())
    store.add_credentials([item, item, item], flow=flow)
    os._exit(0)
    """
)


@pytest.mark.parametrize("crash_at_seal", [3, 9, 13])
def test_killed_process_leaves_all_or_nothing(tmp_path: Path, crash_at_seal: int) -> None:
    data = tmp_path / "data"
    with CredentialStore.open(data, passphrase="pw") as store:
        [kept] = store.add_credentials([NewCredential("c", "f", "https://i", "kept", {}, ())])
    result = subprocess.run(
        [sys.executable, "-c", CRASHER, str(data), str(crash_at_seal)],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 9, result.stderr.decode()
    with CredentialStore.open(data, passphrase="pw") as store:
        assert store.list_credentials() == [kept]
        assert store.list_history() == []
        with sqlite3.connect(store.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM instances").fetchone() == (0,)
        conn.close()


def test_uninterrupted_subprocess_write_is_complete(tmp_path: Path) -> None:
    data = tmp_path / "data"
    CredentialStore.open(data, passphrase="pw").close()
    result = subprocess.run(
        [sys.executable, "-c", CRASHER, str(data), "0"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    with CredentialStore.open(data, passphrase="pw") as store:
        assert [c.name for c in store.list_credentials()] == ["lost"] * 3
        assert [h.flow_id for h in store.list_history()] == ["f-crash"]


def test_vault_key_is_not_derivable_from_the_store_id(tmp_path: Path) -> None:
    keyring = MemorySecretStore()
    with CredentialStore.open(tmp_path / "a", secrets=keyring) as a:
        key_a = keyring.get_secret(f"wallet-store/{a.store_id}")
    with CredentialStore.open(tmp_path / "b", secrets=keyring) as b:
        key_b = keyring.get_secret(f"wallet-store/{b.store_id}")
    assert key_a is not None
    assert key_b is not None
    assert key_a != key_b
    Vault.from_exported(key_a)
