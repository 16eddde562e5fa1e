"""The store's trust tables: anchors (sealed), verifications (sealed, cascade), status lists,
and the schema 2 migration of a version 1 store."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from tests.support.store_fixtures import copy_v1_store
from wallet_app.errors import NotFound, Sentence, StorageError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.model import Check, Verification
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance
from wallet_app.wallet.store_trust import verification_from_json, verification_to_json
from wallet_app.wallet.vault import SCHEMA_VERSION

T0 = 1_767_225_600.0  # 2026-01-01T00:00:00Z


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def root(name: str) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{name} Org"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


def verification(verdict_ok: bool = True) -> Verification:
    checks = [
        Check(
            "signature",
            True,
            Sentence("The issuer's signature holds ({alg}).", {"alg": "ES256"}),
            "SD-JWT VC §3.5",
            "integrity",
        ),
        Check(
            "trust_anchor",
            verdict_ok,
            Sentence("Vouched for by {anchor}.", {"anchor": "CN=Root"}),
            "RFC 5280 §6.1",
            "anchor",
        ),
        Check("status", None, Sentence("The status list did not answer."), "TSL §8", "status"),
    ]
    return Verification.of(
        checks,
        anchor="CN=Root" if verdict_ok else None,
        organisation="Root Org",
        status="unknown",
        checked_at=T0,
    )


def credential(name: str = "Personal ID", ver: Verification | None = None) -> NewCredential:
    return NewCredential(
        credential_configuration_id="pid_sd_jwt",
        format="dc+sd-jwt",
        issuer="https://issuer.example",
        name=name,
        card={"name": name},
        instances=(NewInstance(credential="eyJ.x.y~", holder_private_jwk=None),),
        verification=ver,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CredentialStore]:
    with CredentialStore.open(
        tmp_path / "data", secrets=MemorySecretStore(), clock=Clock()
    ) as opened:
        yield opened


def test_anchors_are_added_once_listed_and_removed_by_prefix(store: CredentialStore) -> None:
    a, b = TrustAnchor.from_certificate(root("Root A")), TrustAnchor.from_certificate(root("B"))
    first = store.add_anchors([a, b], source="user")
    assert [(s.anchor.id, added) for s, added in first] == [(a.id, True), (b.id, True)]
    again = store.add_anchors([a], source="demo")
    assert [(s.anchor.id, s.source, added) for s, added in again] == [(a.id, "user", False)]
    listed = store.list_anchors()
    assert [s.anchor.id for s in listed] == [a.id, b.id]
    assert listed[0].anchor.subject == a.subject and listed[0].anchor.der == a.der
    assert listed[0].added_at == "2026-01-01T00:00:00Z"
    removed = store.remove_anchor(a.id[:10].upper())
    assert removed.anchor.id == a.id
    assert [s.anchor.id for s in store.list_anchors()] == [b.id]
    for wrong in (a.id, "abc", "zzzzzzzz", ""):
        with pytest.raises(NotFound):
            store.remove_anchor(wrong)


def test_an_anchor_is_sealed_so_the_file_alone_cannot_add_one(store: CredentialStore) -> None:
    cert = root("Sealed Root")
    store.add_anchors([TrustAnchor.from_certificate(cert)], source="user")
    der = cert.public_bytes(Encoding.DER)
    raw = Path(store.path).read_bytes()
    assert der not in raw and b"Sealed Root" not in raw
    conn = sqlite3.connect(store.path)
    # a row copied in under another id does not open (its associated data names its id)
    conn.execute(
        "INSERT INTO anchors (id, added_at, body) SELECT ?, added_at, body FROM anchors",
        ("ab" * 32,),
    )
    conn.commit()
    conn.close()
    with pytest.raises(StorageError):
        store.list_anchors()


def test_a_verification_is_stored_with_the_credential_and_round_trips(
    store: CredentialStore,
) -> None:
    ver = verification()
    [stored] = store.add_credentials([credential(ver=ver)])
    got = store.get_verification(stored.id[:8])
    assert got == ver
    assert got is not None and got.verdict == "trusted"
    detail = got.checks[0].detail
    assert (detail.template, detail.params) == (
        "The issuer's signature holds ({alg}).",
        {"alg": "ES256"},
    )
    assert store.get_credential(stored.id).verification == ver
    assert store.verifications() == {stored.id: ver}
    assert b"The issuer's signature" not in Path(store.path).read_bytes()


def test_verification_is_replaced_and_deleted_with_its_credential(store: CredentialStore) -> None:
    [plain] = store.add_credentials([credential("No verification")])
    assert store.get_verification(plain.id) is None
    assert store.get_credential(plain.id).verification is None
    untrusted = verification(verdict_ok=False)
    assert untrusted.verdict == "untrusted"
    store.set_verification(plain.id, untrusted)
    assert store.get_verification(plain.id) == untrusted
    store.set_verifications({plain.id: verification(), "f" * 32: verification()})
    assert store.verifications() == {plain.id: verification()}
    store.delete_credential(plain.id)
    assert store.verifications() == {}
    with pytest.raises(NotFound):
        store.set_verification(plain.id, untrusted)


def test_verification_json_rejects_damaged_shapes() -> None:
    good = verification_to_json(verification())
    assert verification_from_json(good) == verification()
    for broken in (
        {**good, "verdict": "great"},
        {**good, "status": "fine"},
        {**good, "checked_at": "now"},
        {**good, "checks": [{**good["checks"][0], "kind": "magic"}]},  # type: ignore[index]
        {**good, "checks": None},
        [],
    ):
        with pytest.raises(StorageError):
            verification_from_json(broken)


def test_status_lists_are_cached_until_they_expire(tmp_path: Path) -> None:
    clock = Clock()
    with CredentialStore.open(tmp_path, secrets=MemorySecretStore(), clock=clock) as store:
        assert store.get_status_list("https://i.example/status/1") is None
        store.put_status_list("https://i.example/status/1", "eyJ.token.sig", T0 + 300)
        assert store.get_status_list("https://i.example/status/1") == ("eyJ.token.sig", T0 + 300)
        store.put_status_list("https://i.example/status/1", "eyJ.newer.sig", T0 + 600)
        assert store.get_status_list("https://i.example/status/1") == ("eyJ.newer.sig", T0 + 600)
        clock.now = T0 + 600
        assert store.get_status_list("https://i.example/status/1") is None
        store.put_status_list("https://i.example/status/2", "eyJ.two.sig", T0 + 900)
        store.forget_status_lists()
        assert store.get_status_list("https://i.example/status/2") is None


def test_a_version_1_store_is_migrated_when_opened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v1_store(data)
    assert SCHEMA_VERSION == 4
    with CredentialStore.open(data, secrets=secrets) as store:
        listed = store.list_credentials()
        assert sorted(c.name for c in listed) == ["Driving Licence", "Personal ID", "Personal ID"]
        old_id = next(c.id for c in listed if c.status == "issued")
        assert store.get_verification(old_id) is None
        store.set_verification(old_id, verification())
        assert store.list_anchors() == []
    conn = sqlite3.connect(data / "wallet.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    conn.close()
    with CredentialStore.open(data, secrets=secrets) as again:  # opens the same, no re-migration
        assert again.get_verification(old_id) == verification()


def test_a_failed_migration_leaves_the_version_1_store_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secrets = copy_v1_store(data)
    conn = sqlite3.connect(data / "wallet.sqlite3")
    conn.execute("CREATE TABLE status_lists (x)")  # the migration's last table is in the way
    conn.commit()
    conn.close()
    with pytest.raises(StorageError):
        CredentialStore.open(data, secrets=secrets)
    conn = sqlite3.connect(data / "wallet.sqlite3")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert "anchors" not in tables and "verifications" not in tables
    conn.close()


def test_a_newer_store_still_refuses(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    data = tmp_path / "data"
    CredentialStore.open(data, secrets=secrets).close()
    conn = sqlite3.connect(data / "wallet.sqlite3")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        CredentialStore.open(data, secrets=secrets)
