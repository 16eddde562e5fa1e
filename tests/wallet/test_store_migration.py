"""Schema 3 (issue 11): a store written by the schema-2 code opens migrated, with everything it
held; a killed migration leaves it as it was; list cards, shared display data, damaged records
(in the store and through ``wallet-app list/show/delete``), private file modes."""

from __future__ import annotations

import base64
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.store_fixtures import FIXTURE_V2, copy_v2_store
from wallet_app.errors import StorageError
from wallet_app.host.secrets import DEFAULT_SERVICE, MemorySecretStore
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import card_aad, flow_aad, instance_aad
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance
from wallet_app.wallet.vault import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


def _vault(secrets: MemorySecretStore) -> Vault:
    [name] = json.loads((FIXTURE_V2 / "keyring.json").read_text())
    key = secrets.get_secret(name)
    assert key is not None
    return Vault.from_exported(key)


def _old_contents(path: Path, vault: Vault) -> dict[str, object]:
    """What the schema-2 file holds, opened with the schema-2 layout."""
    conn = sqlite3.connect(path)
    credentials = {
        str(cid): (config, fmt, issuer, status, count, vault.open_json(card, aad=card_aad(cid)))
        for cid, config, fmt, issuer, status, count, card in conn.execute(
            "SELECT id, credential_configuration_id, format, issuer, status, instance_count, "
            "card FROM credentials"
        )
    }
    instances = {
        (str(cid), int(idx)): vault.open_json(body, aad=instance_aad(cid, idx))
        for cid, idx, body in conn.execute("SELECT credential_id, idx, body FROM instances")
    }
    flows = {
        str(fid): (issuer, outcome, vault.open_json(trace, aad=flow_aad(fid, "trace")))
        for fid, issuer, outcome, trace in conn.execute(
            "SELECT flow_id, issuer, outcome, trace FROM flows"
        )
    }
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("deferred", "pending", "verifications", "anchors")
    }
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    return {
        "credentials": credentials,
        "instances": instances,
        "flows": flows,
        "counts": counts,
        "version": version,
    }


def test_a_schema_2_store_opens_migrated_with_everything_it_held(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v2_store(data)
    old = _old_contents(data / "wallet.sqlite3", _vault(secrets))
    assert old["version"] == 2 and SCHEMA_VERSION == 4
    credentials: dict[str, tuple[object, ...]] = old["credentials"]  # type: ignore[assignment]
    with CredentialStore.open(data, secrets=secrets) as store:
        listed = {c.id: c for c in store.list_credentials()}
        assert set(listed) == set(credentials)
        for cid, (config, fmt, issuer, status, count, card) in credentials.items():
            c = listed[cid]
            assert not c.damaged
            assert (c.credential_configuration_id, c.format, c.issuer) == (config, fmt, issuer)
            assert (c.status, c.instance_count, c.name) == (status, count, card["name"])  # type: ignore[index]
            assert "claims_metadata" not in c.card
            facts = c.card["facts"]
            assert isinstance(facts, dict)
            if status == "issued":
                record = store.get_credential(cid)
                assert record.stored.card == {**card["card"], "facts": facts}  # type: ignore[index]
                assert facts["valid_until"] and facts["claims_text"]
                for instance in record.instances:
                    body = old["instances"][(cid, instance.index)]  # type: ignore[index]
                    assert instance.credential == body["credential"]
                    assert instance.holder_private_jwk == body["holder_private_jwk"]
                assert record.verification is not None
            else:
                [deferred] = store.list_deferred()
                assert deferred.stored.id == cid and deferred.transaction_id
        flows: dict[str, tuple[object, ...]] = old["flows"]  # type: ignore[assignment]
        history = {h.flow_id: h for h in store.list_history()}
        assert set(history) == set(flows)
        for fid, (issuer, outcome, trace) in flows.items():
            assert (history[fid].issuer, history[fid].outcome) == (issuer, outcome)
            assert store.get_trace(fid) == trace
        some_issuer = next(iter(credentials.values()))[2]
        assert store.knows_issuer(str(some_issuer))
        assert not store.knows_issuer("https://never.example")
        assert len(store.list_anchors()) == 1
        assert store.take_pending("fixture-state") == {"code_verifier": "v" * 43}
    conn = sqlite3.connect(data / "wallet.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    for table in ("deferred", "verifications", "anchors"):
        count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert count == old["counts"][table]  # type: ignore[index]
    columns = {r[1] for r in conn.execute("PRAGMA table_info(credentials)")}
    assert "issuer" not in columns and "credential_configuration_id" not in columns
    conn.close()
    raw = (data / "wallet.sqlite3").read_bytes()
    for clear in (b"pid_sd_jwt", b"mdl_mdoc", b"Personal ID", b"Driving Licence"):
        assert clear not in raw, clear


_KILL_MIDWAY = """
import os, signal, sys
from pathlib import Path
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet import migrations
from wallet_app.wallet.store import CredentialStore
import json

real = migrations.migrate_to_v3

def killing(conn, vault, *, progress=None):
    def die(done):
        print("migrating", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    real(conn, vault, progress=die)

migrations.migrate_to_v3 = killing
secrets = MemorySecretStore(json.loads(sys.argv[2]))
CredentialStore.open(Path(sys.argv[1]), secrets=secrets)
print("not killed", flush=True)
"""


def test_a_killed_migration_leaves_the_old_store_intact(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v2_store(data)
    before = _old_contents(data / "wallet.sqlite3", _vault(secrets))
    keys = (FIXTURE_V2 / "keyring.json").read_text()
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_MIDWAY, str(data), keys],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout == "migrating\n"
    assert _old_contents(data / "wallet.sqlite3", _vault(secrets)) == before
    with CredentialStore.open(data, secrets=secrets) as store:  # the next open migrates it
        assert {c.id for c in store.list_credentials()} == set(before["credentials"])  # type: ignore[arg-type]


def test_list_cards_share_display_data_and_name_images_by_ref(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v2_store(data)
    with CredentialStore.open(data, secrets=secrets) as store:
        listed = store.list_credentials()
        issuer_display = listed[0].card["issuer_display"]
        assert isinstance(issuer_display, list)
        refs = [e["logo"]["image_ref"] for e in issuer_display if "image_ref" in e.get("logo", {})]
        assert refs and all(
            e["logo"]["uri"] is None for e in issuer_display if "image_ref" in e["logo"]
        )
        image = store.card_image(refs[0])
        assert image is not None and image.startswith("data:") and len(image) > 512
        assert store.card_image("nothing.0") is None
        full = store.get_credential(listed[0].id).stored.card
        assert any(
            e["logo"]["uri"] == image  # type: ignore[index]
            for e in full["issuer_display"]  # type: ignore[union-attr]
        )
    conn = sqlite3.connect(data / "wallet.sqlite3")
    # two Personal IDs and a Driving Licence: two shared display rows, one per configuration
    assert conn.execute("SELECT count(*) FROM displays").fetchone() == (2,)
    conn.close()
    with CredentialStore.open(data, secrets=secrets) as store:
        for c in store.list_credentials():
            store.delete_credential(c.id)
    conn = sqlite3.connect(data / "wallet.sqlite3")
    assert conn.execute("SELECT count(*) FROM displays").fetchone() == (0,)
    # no instance or verification dictionary outlives the last credential of its display
    kinds = {r[0][:2] for r in conn.execute("SELECT key FROM dictionaries")}
    assert kinds == {"t:"}  # the history's trace dictionaries stay with the history
    conn.close()


def _lone_surrogate_sd_jwt() -> str:
    def b64(value: bytes) -> str:
        return base64.urlsafe_b64encode(value).rstrip(b"=").decode()

    header = b64(b'{"alg":"ES256","typ":"dc+sd-jwt"}')
    payload = b64(b'{"iss":"https://i.example","vct":"x","given_name":"\\ud800"}')
    return f"{header}.{payload}.c2ln~"


def test_an_undecodable_instance_is_a_damaged_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v2_store(data)
    vault = _vault(secrets)
    conn = sqlite3.connect(data / "wallet.sqlite3")
    cid = conn.execute(
        "SELECT id FROM credentials WHERE format = 'dc+sd-jwt' AND status = 'issued'"
    ).fetchone()[0]
    body = vault.seal_json(
        {"credential": _lone_surrogate_sd_jwt(), "holder_private_jwk": None},
        aad=instance_aad(cid, 0),
    )
    conn.execute("UPDATE instances SET body = ? WHERE credential_id = ? AND idx = 0", (body, cid))
    conn.commit()
    conn.close()
    with CredentialStore.open(data, secrets=secrets) as store:
        listed = {c.id: c for c in store.list_credentials()}
        assert listed[cid].damaged and listed[cid].name == "Damaged record"
        assert sum(c.damaged for c in listed.values()) == 1
        with pytest.raises(StorageError) as info:
            store.get_credential(cid)
        assert info.value.code == "damaged_record"
        assert "wallet-app delete" in info.value.user_message
        removed = store.delete_credential(cid[:8])
        assert removed.damaged
        assert cid not in {c.id for c in store.list_credentials()}


def test_a_store_refuses_to_seal_a_lone_surrogate_instance(tmp_path: Path) -> None:
    with CredentialStore.open(tmp_path, secrets=MemorySecretStore()) as store:
        bad = NewCredential("c", "dc+sd-jwt", "https://i", "n", {}, (NewInstance("a\ud800", None),))
        with pytest.raises(StorageError):
            store.add_credentials([bad])
        # display text is repaired instead
        [ok] = store.add_credentials(
            [NewCredential("c", "f", "https://i", "n\ud800", {"name": "\udfff"}, ())]
        )
        assert ok.name == "n\ufffd"
        assert store.list_credentials()[0].card["name"] == "\ufffd"


def test_an_existing_data_directory_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v2_store(data)
    CredentialStore.open(data, secrets=secrets).close()
    os.chmod(data, 0o755)
    os.chmod(data / "wallet.sqlite3", 0o644)
    (data / "wallet.sqlite3-wal").touch()
    os.chmod(data / "wallet.sqlite3-wal", 0o664)
    with CredentialStore.open(data, secrets=secrets):
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        for path in data.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wallet_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_the_cli_lists_shows_and_deletes_a_damaged_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v2_store(data)
    [name] = json.loads((FIXTURE_V2 / "keyring.json").read_text())
    keyring = tmp_path / "keyring.json"
    keyring.write_text(json.dumps({f"{DEFAULT_SERVICE}\x00{name}": secrets.get_secret(name)}))
    conn = sqlite3.connect(data / "wallet.sqlite3")
    cid = conn.execute("SELECT id FROM credentials WHERE status = 'issued'").fetchone()[0]
    conn.execute("UPDATE credentials SET card = X'01020304' WHERE id = ?", (cid,))
    conn.commit()
    conn.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WALLET_APP_")}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "WALLET_APP_DATA_DIR": str(data),
            "WALLET_APP_CONFIG_DIR": str(tmp_path / "config"),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(keyring),
            "WALLET_APP_LANG": "en",
        }
    )
    listed = _cli(env, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert rows[cid]["damaged"] is True and rows[cid]["name"] == "Damaged record"
    assert all("damaged" not in r for i, r in rows.items() if i != cid)
    text = _cli(env, "list")
    assert "Damaged record" in text.stdout and "damaged" in text.stdout
    shown = _cli(env, "show", cid[:8])
    assert shown.returncode == 1
    assert "damaged" in shown.stderr and f"wallet-app delete {cid[:8]}" in shown.stderr
    assert "internal" not in shown.stderr.lower() and "Traceback" not in shown.stderr
    deleted = _cli(env, "delete", cid[:8])
    assert deleted.returncode == 0, deleted.stderr
    after = _cli(env, "list", "--json")
    assert cid not in {r["id"] for r in json.loads(after.stdout)}
