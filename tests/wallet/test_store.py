"""CredentialStore: credentials, deferred issuance, pending authorizations, history, opening."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet_app.errors import KeyringError, NotFound, Sentence, StorageError, UsageError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import as_sentence, joined_sentences, received_sentence
from wallet_app.wallet.store import (
    CredentialStore,
    FlowRecord,
    NewCredential,
    NewDeferred,
    NewInstance,
    StoreMode,
)

T0 = 1_767_225_600.0  # 2026-01-01T00:00:00Z


class Clock:
    """A settable clock."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def credential(name: str = "Personal ID", instances: int = 1) -> NewCredential:
    return NewCredential(
        credential_configuration_id="pid_sd_jwt",
        format="dc+sd-jwt",
        issuer="https://issuer.example",
        name=name,
        card={"name": name, "claims": {"given_name": "Erika"}},
        instances=tuple(
            NewInstance(
                credential=f"eyJ.{name}.{i}~", holder_private_jwk={"kty": "EC", "d": f"d{i}"}
            )
            for i in range(instances)
        ),
        notification={"notification_id": "n-1", "access_token": "at"},
    )


def deferred(name: str = "Diploma") -> NewDeferred:
    return NewDeferred(
        credential_configuration_id="diploma",
        format="jwt_vc_json",
        issuer="https://uni.example",
        name=name,
        card={"name": name},
        transaction_id="tx-8xLOxBtZp8",
        context={"access_token": "at-1", "dpop_jwk": {"d": "xyz"}},
        next_poll_at=T0 + 5,
    )


def flow(flow_id: str = "f1", outcome: str = "issued") -> FlowRecord:
    return FlowRecord(
        flow_id=flow_id,
        kind="offer",
        issuer="https://issuer.example",
        outcome="issued" if outcome == "issued" else "failed",
        summary=f"summary {flow_id}",
        exchanges=({"request": {"method": "POST", "url": "https://issuer.example/token"}},),
    )


@pytest.fixture
def secrets() -> MemorySecretStore:
    return MemorySecretStore()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, secrets: MemorySecretStore, clock: Clock) -> Iterator[CredentialStore]:
    with CredentialStore.open(tmp_path / "data", secrets=secrets, clock=clock) as opened:
        yield opened


def raw(store: CredentialStore, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def dir_digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


# -- credentials ------------------------------------------------------------------------------


def test_add_list_get_delete(store: CredentialStore) -> None:
    [added] = store.add_credentials([credential()])
    assert added.status == "issued"
    assert added.instance_count == 1
    assert added.received_at == "2026-01-01T00:00:00Z"
    assert store.list_credentials() == [added]
    record = store.get_credential(added.id)
    assert record.stored == added
    assert record.stored.card == {
        "name": "Personal ID",
        "claims": {"given_name": "Erika"},
        "facts": {
            "valid_from": None,
            "valid_until": None,
            "claims_text": "",
            "has_portrait": False,
        },
    }
    assert record.instances[0].credential == "eyJ.Personal ID.0~"
    assert record.instances[0].holder_private_jwk == {"kty": "EC", "d": "d0"}
    assert record.notification == {"notification_id": "n-1", "access_token": "at"}

    assert store.delete_credential(added.id) == added
    assert store.list_credentials() == []
    with pytest.raises(NotFound):
        store.get_credential(added.id)
    assert raw(store, "SELECT count(*) FROM instances") == [(0,)]
    [entry] = store.list_history()
    assert (entry.kind, entry.outcome, entry.issuer) == ("delete", "deleted", added.issuer)
    assert "Personal ID" in entry.summary


def test_batch_of_three_instances_in_order(store: CredentialStore) -> None:
    [added] = store.add_credentials([credential(instances=3)])
    assert added.instance_count == 3
    record = store.get_credential(added.id)
    assert [i.index for i in record.instances] == [0, 1, 2]
    assert [i.holder_private_jwk for i in record.instances] == [
        {"kty": "EC", "d": "d0"},
        {"kty": "EC", "d": "d1"},
        {"kty": "EC", "d": "d2"},
    ]


def test_instance_without_holder_key(store: CredentialStore) -> None:
    item = NewCredential("c", "mso_mdoc", "https://i.example", "mDL", {}, (NewInstance("x", None),))
    [added] = store.add_credentials([item])
    record = store.get_credential(added.id)
    assert record.instances[0].holder_private_jwk is None
    assert record.notification is None


def test_list_is_newest_first(store: CredentialStore, clock: Clock) -> None:
    [first] = store.add_credentials([credential("first")])
    clock.now += 60
    [second, third] = store.add_credentials([credential("second"), credential("third")])
    assert [c.name for c in store.list_credentials()] == ["third", "second", "first"]
    assert second.received_at == "2026-01-01T00:01:00Z"
    assert first.received_at < third.received_at


def test_get_and_delete_accept_a_unique_prefix(store: CredentialStore) -> None:
    [added] = store.add_credentials([credential()])
    assert store.get_credential(added.id[:6]).stored == added
    assert store.get_credential(added.id[:10].upper()).stored == added
    with pytest.raises(NotFound):
        store.get_credential(added.id[:5])
    with pytest.raises(NotFound):
        store.get_credential("zzzzzzzz")
    assert store.delete_credential(added.id[:8]) == added


def test_ambiguous_prefix_is_not_found(store: CredentialStore) -> None:
    store.add_credentials([credential(str(i)) for i in range(40)])
    ids = [c.id for c in store.list_credentials()]
    prefix = next(
        (a[:6] for a in ids for b in ids if a != b and a[:6] == b[:6]), None
    )  # collisions are rare; build one by hand otherwise
    if prefix is None:
        with sqlite3.connect(store.path) as conn:
            conn.execute("UPDATE credentials SET id = 'abcdef01' || substr(id, 9) WHERE rowid <= 2")
        conn.close()
        prefix = "abcdef"
    with pytest.raises(NotFound, match="Several credentials"):
        store.get_credential(prefix)


def test_unknown_ids_are_not_found(store: CredentialStore) -> None:
    with pytest.raises(NotFound):
        store.get_credential("0" * 32)
    with pytest.raises(NotFound):
        store.delete_credential("0" * 32)
    with pytest.raises(NotFound):
        store.complete_deferred("0" * 32, credential())
    with pytest.raises(NotFound):
        store.update_deferred("0" * 32, next_poll_at=1.0)
    with pytest.raises(NotFound):
        store.get_trace("nope")


def test_card_swapped_between_rows_is_detected(store: CredentialStore) -> None:
    a, b = store.add_credentials([credential("a"), credential("b")])
    with sqlite3.connect(store.path) as conn:
        conn.execute(
            "UPDATE credentials SET card = (SELECT card FROM credentials WHERE id = ?) "
            "WHERE id = ?",
            (a.id, b.id),
        )
    conn.close()
    # listed as a damaged record (deletable), never an error for the whole list
    listed = {c.id: c for c in store.list_credentials()}
    assert listed[b.id].damaged and listed[b.id].name == "Damaged record"
    assert not listed[a.id].damaged
    with pytest.raises(StorageError) as info:
        store.get_credential(b.id)
    assert "damaged" in info.value.user_message and "delete" in info.value.user_message
    store.delete_credential(b.id)
    assert [c.id for c in store.list_credentials()] == [a.id]


# -- deferred ---------------------------------------------------------------------------------


def test_deferred_then_complete_keeps_the_id(store: CredentialStore, clock: Clock) -> None:
    [pending] = store.add_deferred([deferred()], flow=flow("f-deferred"))
    assert (pending.status, pending.instance_count, pending.name) == ("deferred", 0, "Diploma")
    assert store.list_credentials() == [pending]
    [record] = store.list_deferred()
    assert record.stored == pending
    assert record.transaction_id == "tx-8xLOxBtZp8"
    assert record.context == {"access_token": "at-1", "dpop_jwk": {"d": "xyz"}}
    assert record.next_poll_at == T0 + 5

    store.update_deferred(pending.id, context={"access_token": "at-2"}, next_poll_at=T0 + 60)
    [record] = store.list_deferred()
    assert record.context == {"access_token": "at-2"}
    assert record.transaction_id == "tx-8xLOxBtZp8"
    assert record.next_poll_at == T0 + 60
    store.update_deferred(pending.id, next_poll_at=T0 + 90)
    assert store.list_deferred()[0].context == {"access_token": "at-2"}

    clock.now += 3600
    done = store.complete_deferred(pending.id, credential("Diploma", instances=2), flow=flow("f2"))
    assert done.id == pending.id
    assert (done.status, done.instance_count) == ("issued", 2)
    assert done.received_at == "2026-01-01T01:00:00Z"
    assert store.list_deferred() == []
    assert raw(store, "SELECT count(*) FROM deferred") == [(0,)]
    assert store.list_credentials() == [done]
    assert len(store.get_credential(pending.id).instances) == 2
    with pytest.raises(NotFound):
        store.complete_deferred(pending.id, credential())
    assert [h.flow_id for h in store.list_history()] == ["f2", "f-deferred"]


def test_delete_deferred_removes_its_context(store: CredentialStore) -> None:
    [pending] = store.add_deferred([deferred()])
    store.delete_credential(pending.id)
    assert store.list_deferred() == []
    assert raw(store, "SELECT count(*) FROM deferred") == [(0,)]


# -- pending authorizations -------------------------------------------------------------------


def test_pending_put_take_once(store: CredentialStore) -> None:
    store.put_pending("state-abc", {"code_verifier": "v" * 43}, expires_at=T0 + 600)
    assert store.take_pending("state-abc") == {"code_verifier": "v" * 43}
    assert store.take_pending("state-abc") is None
    assert store.take_pending("other") is None


def test_pending_expiry_returns_none_and_purges(store: CredentialStore, clock: Clock) -> None:
    store.put_pending("s1", {"x": 1}, expires_at=T0 + 10)
    store.put_pending("s2", {"x": 2}, expires_at=T0 + 10)
    clock.now = T0 + 11
    assert store.take_pending("s1") is None
    assert raw(store, "SELECT count(*) FROM pending") == [(0,)]


def test_pending_key_is_stored_only_as_a_hash(store: CredentialStore) -> None:
    store.put_pending("the-oauth-state", {"x": 1}, expires_at=T0 + 10)
    [(key_hash,)] = raw(store, "SELECT key_hash FROM pending")
    assert "the-oauth-state" not in str(key_hash)


# -- flows and history ------------------------------------------------------------------------


def test_flow_with_credentials_and_failed_flow(store: CredentialStore, clock: Clock) -> None:
    store.add_credentials([credential()], flow=flow("f1"))
    clock.now += 1
    store.record_flow(flow("f2", outcome="failed"))
    history = store.list_history()
    assert [(h.flow_id, h.outcome) for h in history] == [("f2", "failed"), ("f1", "issued")]
    assert history[1].summary == "summary f1"
    assert history[1].at == "2026-01-01T00:00:00Z"
    assert store.get_trace("f1") == [
        {"request": {"method": "POST", "url": "https://issuer.example/token"}}
    ]


def test_knows_issuer_from_credentials_or_issuing_flows(store: CredentialStore) -> None:
    assert not store.knows_issuer("https://issuer.example")
    store.record_flow(flow("f-failed", outcome="failed"))
    assert not store.knows_issuer("https://issuer.example")  # a failure is no acquaintance
    store.record_flow(flow("f-issued"))
    assert store.knows_issuer("https://issuer.example")
    assert not store.knows_issuer("https://other.example")


def test_history_summaries_keep_their_sentence_parts(store: CredentialStore) -> None:
    """A summary written as a Sentence (nested, too) comes back with its template and params,
    so the inspector can show it in the UI language; plain text stays plain text."""
    reason = Sentence("{host} could not be reached.", {"host": "issuer.example"})
    summary = joined_sentences(
        [
            received_sentence("Personal ID", 3),
            Sentence("{name} will not be issued: {reason}", {"name": "Diploma", "reason": reason}),
        ]
    )
    store.record_flow(dataclasses.replace(flow("f-sentence"), summary=summary))
    store.record_flow(dataclasses.replace(flow("f-plain"), summary="plain words"))
    literal_reason = Sentence("The issuer no longer knows this pending credential.")
    nested_literal = Sentence(
        "{name} will not be issued: {reason}", {"name": "PID", "reason": literal_reason}
    )
    store.record_flow(dataclasses.replace(flow("f-literal"), summary=nested_literal))
    by_id = {h.flow_id: h.summary for h in store.list_history()}
    assert by_id["f-plain"] == "plain words" and not isinstance(by_id["f-plain"], Sentence)
    back = by_id["f-sentence"]
    assert back == (
        "Received Personal ID (3 copies); Diploma will not be issued: "
        "issuer.example could not be reached."
    )
    assert isinstance(back, Sentence) and back.template == "{first}; {rest}"
    rest = back.params["rest"]
    assert isinstance(rest, Sentence) and isinstance(rest.params["reason"], Sentence)
    assert rest.params["reason"].params == {"host": "issuer.example"}
    # a reason without fields inside another sentence stays a Sentence (the GUI translates it)
    literal = by_id["f-literal"]
    assert isinstance(literal, Sentence) and isinstance(literal.params["reason"], Sentence)
    assert literal.params["reason"].template == literal_reason


def test_a_damaged_history_summary_is_a_storage_error() -> None:
    assert as_sentence({"text": "x", "template": "{a}", "params": {}}, "summary") == "x"
    assert as_sentence({"text": "x", "template": "{a.b}", "params": {"a": "y"}}, "s") == "x"
    with pytest.raises(StorageError):
        as_sentence({"template": 3}, "summary")


# -- opening ----------------------------------------------------------------------------------


def test_reopen_in_a_new_instance_keeps_everything(
    tmp_path: Path, secrets: MemorySecretStore
) -> None:
    data = tmp_path / "data"
    with CredentialStore.open(data, secrets=secrets) as first:
        [added] = first.add_credentials([credential()])
        first.put_pending("st", {"v": 1}, expires_at=4e9)
        assert first.mode is StoreMode.KEYRING
    with CredentialStore.open(data, secrets=secrets) as second:
        assert second.list_credentials() == [added]
        assert second.get_credential(added.id).instances[0].credential == "eyJ.Personal ID.0~"
        assert second.take_pending("st") == {"v": 1}
    assert list(secrets._secrets) == [f"wallet-store/{second.store_id}"]


def test_new_store_files_are_private(tmp_path: Path, secrets: MemorySecretStore) -> None:
    data = tmp_path / "a" / "b"
    with CredentialStore.open(data, secrets=secrets) as opened:
        opened.add_credentials([credential()])
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        for path in data.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert raw(opened, "PRAGMA journal_mode") == [("wal",)]
        assert raw(opened, "PRAGMA user_version") == [(4,)]


def test_new_store_without_keyring_or_passphrase_is_a_keyring_error(tmp_path: Path) -> None:
    with pytest.raises(KeyringError) as info:
        CredentialStore.open(tmp_path / "data")
    assert "passphrase" in info.value.user_message


def test_key_is_in_the_keyring_before_meta_is_committed(tmp_path: Path) -> None:
    seen: list[int] = []

    class Watching(MemorySecretStore):
        def set_secret(self, name: str, value: str) -> None:
            with sqlite3.connect(tmp_path / "data" / "wallet.sqlite3") as conn:
                seen.append(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.close()
            super().set_secret(name, value)

    CredentialStore.open(tmp_path / "data", secrets=Watching()).close()
    assert seen == [0]


def test_failing_keyring_leaves_no_half_made_store(tmp_path: Path) -> None:
    class Failing(MemorySecretStore):
        def set_secret(self, name: str, value: str) -> None:
            raise KeyringError("The system keyring is locked. Unlock it and try again.")

    with pytest.raises(KeyringError):
        CredentialStore.open(tmp_path / "data", secrets=Failing())
    with CredentialStore.open(tmp_path / "data", passphrase="pw") as opened:
        assert opened.mode is StoreMode.PASSPHRASE


def test_missing_keyring_key_is_an_error_and_changes_nothing(
    tmp_path: Path, secrets: MemorySecretStore
) -> None:
    data = tmp_path / "data"
    with CredentialStore.open(data, secrets=secrets) as opened:
        opened.add_credentials([credential()])
        secrets.delete_secret(f"wallet-store/{opened.store_id}")
    before = dir_digest(data)
    with pytest.raises(StorageError, match="missing from the keyring") as info:
        CredentialStore.open(data, secrets=secrets)
    assert not isinstance(info.value, KeyringError)
    assert secrets._secrets == {}
    assert dir_digest(data) == before


def test_wrong_keyring_key_is_an_error(tmp_path: Path, secrets: MemorySecretStore) -> None:
    data = tmp_path / "data"
    with CredentialStore.open(data, secrets=secrets) as opened:
        name = f"wallet-store/{opened.store_id}"
    secrets.set_secret(name, Vault.generate().export_key())
    with pytest.raises(StorageError, match="does not unlock"):
        CredentialStore.open(data, secrets=secrets)


def test_keyring_store_without_a_keyring_is_a_keyring_error(
    tmp_path: Path, secrets: MemorySecretStore
) -> None:
    CredentialStore.open(tmp_path / "data", secrets=secrets).close()
    with pytest.raises(KeyringError):
        CredentialStore.open(tmp_path / "data", passphrase="pw")


def test_passphrase_mode(tmp_path: Path, secrets: MemorySecretStore) -> None:
    data = tmp_path / "data"
    with CredentialStore.open(data, passphrase="correct horse", secrets=secrets) as opened:
        assert opened.mode is StoreMode.PASSPHRASE
        [added] = opened.add_credentials([credential()])
    assert secrets._secrets == {}
    with CredentialStore.open(data, passphrase="correct horse") as again:
        assert again.list_credentials() == [added]
    with pytest.raises(StorageError, match="passphrase is wrong"):
        CredentialStore.open(data, passphrase="wrong horse")
    with pytest.raises(StorageError, match="protected by a passphrase"):
        CredentialStore.open(data, secrets=secrets)


def test_empty_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        CredentialStore.open(tmp_path / "data", passphrase="")


def test_newer_schema_is_refused(tmp_path: Path, secrets: MemorySecretStore) -> None:
    with CredentialStore.open(tmp_path / "data", secrets=secrets) as opened:
        path = opened.path
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        CredentialStore.open(tmp_path / "data", secrets=secrets)


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "wallet.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="damaged") as info:
        CredentialStore.open(data, passphrase="pw")
    assert isinstance(info.value.__cause__, sqlite3.DatabaseError)


def test_unusable_data_dir_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError) as info:
        CredentialStore.open(tmp_path / "file" / "data", passphrase="pw")
    assert isinstance(info.value.__cause__, OSError)


def test_closed_store_raises(tmp_path: Path, secrets: MemorySecretStore) -> None:
    opened = CredentialStore.open(tmp_path / "data", secrets=secrets)
    opened.close()
    opened.close()
    with pytest.raises(StorageError, match="closed"):
        opened.list_credentials()


def test_threads_and_a_second_connection_share_the_store(
    tmp_path: Path, secrets: MemorySecretStore
) -> None:
    data = tmp_path / "data"
    with (
        CredentialStore.open(data, secrets=secrets) as gui,
        CredentialStore.open(data, secrets=secrets) as cli,
    ):
        errors: list[BaseException] = []

        def work(target: CredentialStore, n: int) -> None:
            try:
                for i in range(5):
                    target.add_credentials([credential(f"{n}-{i}")])
                    target.list_credentials()
            except BaseException as exc:  # collected and re-raised in the test thread
                errors.append(exc)

        threads = [
            threading.Thread(target=work, args=(s, n)) for n, s in enumerate([gui, gui, cli])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(gui.list_credentials()) == 15
        assert len(cli.list_credentials()) == 15


# -- one flow, one transaction ----------------------------------------------------------------


def test_add_issuance_stores_issued_deferred_and_history_together(store: CredentialStore) -> None:
    issued, pending = store.add_issuance(
        [credential("a"), credential("b", instances=2)], [deferred()], flow=flow("f-mixed")
    )
    assert [c.name for c in issued] == ["a", "b"] and issued[1].instance_count == 2
    [p] = pending
    assert p.status == "deferred"
    assert {c.id for c in store.list_credentials()} == {issued[0].id, issued[1].id, p.id}
    assert [r.stored.id for r in store.list_deferred()] == [p.id]
    assert [h.flow_id for h in store.list_history()] == ["f-mixed"]


def test_add_issuance_failing_late_stores_nothing(store: CredentialStore) -> None:
    broken = NewDeferred(
        credential_configuration_id="diploma",
        format="jwt_vc_json",
        issuer="https://uni.example",
        name="Diploma",
        card={"name": "Diploma"},
        transaction_id="tx",
        context={"not json": object()},
        next_poll_at=T0,
    )
    with pytest.raises((StorageError, TypeError, ValueError)):
        store.add_issuance([credential()], [broken], flow=flow("f-broken"))
    assert store.list_credentials() == []
    assert store.list_history() == []
    assert raw(store, "SELECT count(*) FROM instances") == [(0,)]


def test_discard_deferred_only_while_still_deferred(store: CredentialStore) -> None:
    [pending] = store.add_deferred([deferred()], flow=flow("f-deferred"))
    [other] = store.add_deferred([deferred("Other")])
    store.complete_deferred(other.id, credential("Other"))

    assert store.discard_deferred(other.id, flow=flow("f-late", outcome="failed")) is False
    assert store.get_credential(other.id).stored.status == "issued"  # not touched
    assert store.discard_deferred(pending.id, flow=flow("f-gone", outcome="failed")) is True
    assert store.discard_deferred(pending.id) is False
    assert store.discard_deferred("0" * 32) is False
    assert [c.id for c in store.list_credentials()] == [other.id]
    assert raw(store, "SELECT count(*) FROM deferred") == [(0,)]
    # history is kept and the discard is recorded; the refused one is not
    assert [h.flow_id for h in store.list_history()] == ["f-gone", "f-deferred"]
