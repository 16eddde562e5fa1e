"""Schema 4 (issue 11, privacy): a deleted credential leaves nothing of itself in the store.

The credentials of one issuer and configuration share zlib dictionaries (store_dicts) that
outlive any one of them, so a dictionary may hold issuer-public material only. Each test
stores a credential with a distinctive family name FIRST (the one a dictionary would be cut
from) and another of the same issuer and configuration, deletes the first, then opens every
sealed value of every table with the vault, decompresses it against whatever dictionary fits,
and looks for the name (as text and as base64url at each offset), its holder key, disclosures,
payload and signature. A schema-3 store, whose dictionaries held such data, is migrated.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from joserfc.jwk import ECKey

from wallet_app.demo_issuer import DemoConfig, DemoIssuer, drafts
from wallet_app.demo_issuer.minting import mint_mdoc, mint_sd_jwt
from wallet_app.demo_issuer.sample_data import MDL_NAMESPACE, sample_claims
from wallet_app.errors import StorageError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.keys import Vault
from wallet_app.wallet.records import FlowRecord, received_sentence
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance
from wallet_app.wallet.vault import DB_NAME

NAME = "Zyxwvutsrq"
CONFIGURATIONS = ("pid_sd_jwt", "mdl_mdoc")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _forms(value: bytes) -> list[bytes]:
    """``value`` itself and the base64url characters that stand for it at each byte offset."""
    forms = [value]
    for shift in range(3):
        text = _b64(bytes(shift) + value)
        start = -(-8 * shift // 6)
        end = 8 * (shift + len(value)) // 6
        forms.append(text[start:end].encode("ascii"))
    return forms


class Received:
    """A real issuance of each configuration from the demo issuer (in process), whose
    display snapshot, verification and trace the tests reuse."""

    def __init__(self, issuer: DemoIssuer, store: CredentialStore) -> None:
        self.issuer = issuer
        self.templates: dict[str, tuple[NewCredential, list[dict[str, object]]]] = {}
        http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
        with Wallet(store, http) as wallet:
            for configuration in CONFIGURATIONS:
                offer = issuer.create_offer([configuration])
                flow = wallet.new_flow("pre-authorized_code")
                resolved = wallet.resolve_offer(offer.uri, flow=flow)
                result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
                wallet.wait_for_notifications(10)
                [stored] = result.credentials
                record = store.get_credential(stored.id)
                history = next(h for h in store.list_history() if h.flow_id == flow.flow_id)
                item = NewCredential(
                    credential_configuration_id=configuration,
                    format=record.stored.format,
                    issuer=record.stored.issuer,
                    name=record.stored.name,
                    card=record.stored.card,
                    instances=(),
                    notification=record.notification,
                    verification=record.verification,
                )
                self.templates[configuration] = (
                    item,
                    [dict(e) for e in store.get_trace(history.flow_id)],
                )
        http.close()

    def credential(self, configuration: str, family_name: str) -> tuple[NewCredential, FlowRecord]:
        """A credential of ``configuration`` for a subject named ``family_name``, three
        instances with their own new holder keys, minted by the demo issuer's own code."""
        item, trace = self.templates[configuration]
        state = self.issuer._state
        config = drafts.configurations(state)[configuration]
        claims = {**sample_claims(configuration), "family_name": family_name}
        instances = []
        for _ in range(3):
            key = ECKey.generate_key("P-256")
            private = dict(key.as_dict(private=True))
            public = {k: v for k, v in private.items() if k != "d"}
            if config["format"] == "mso_mdoc":
                text = mint_mdoc(
                    state.credential_keys(),
                    doctype=str(config["doctype"]),
                    namespace=MDL_NAMESPACE,
                    elements=claims,
                    holder_jwk=public,
                    now=state.now(),
                )
            else:
                text = mint_sd_jwt(
                    state.credential_keys(),
                    issuer=state.credential_issuer,
                    vct=str(config["vct"]),
                    claims=claims,
                    holder_jwk=public,
                    now=state.now(),
                )
            instances.append(NewInstance(text, private))
        flow = FlowRecord(
            flow_id=uuid.uuid4().hex,
            kind="pre-authorized_code",
            issuer=item.issuer,
            outcome="issued",
            summary=received_sentence(item.name, len(instances)),
            exchanges=trace,
        )
        return (
            NewCredential(
                credential_configuration_id=configuration,
                format=item.format,
                issuer=item.issuer,
                name=item.name,
                card=item.card,
                instances=tuple(instances),
                notification=item.notification,
                verification=item.verification,
            ),
            flow,
        )


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> Received:
    issuer = DemoIssuer("https://issuer.test", config=DemoConfig())
    store = CredentialStore.open(tmp_path_factory.mktemp("scratch"), secrets=MemorySecretStore())
    try:
        return Received(issuer, store)
    finally:
        store.close()


def _secrets_of(item: NewCredential) -> list[bytes]:
    """What of ``item`` must not outlive it: the name, each instance's text, its JWS
    payload and signature or mdoc bytes, every disclosure, the holder keys."""
    found = _forms(NAME.encode())
    for instance in item.instances:
        text = instance.credential
        found.append(text.encode())
        head, *disclosures = text.split("~")
        found.extend(d.encode() for d in disclosures if d)
        parts = head.split(".")
        found.extend(p.encode() for p in (parts[1:] if len(parts) == 3 else [head[-400:]]))
        key = instance.holder_private_jwk or {}
        found.extend(str(key[k]).encode() for k in ("d", "x", "y"))
    return found


def _sealed_values(path: Path, vault: Vault) -> Iterator[tuple[str, bytes]]:
    """Every sealed value of every table opened (and decompressed), named by table and
    column. A blob that opens with no known associated data, or a compressed value that no
    dictionary fits, fails the test: nothing is left unscanned."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        opened: list[tuple[str, bytes]] = []
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for row in conn.execute(f"SELECT * FROM {table}"):
                values = dict(zip(columns, row, strict=True))
                for column, value in values.items():
                    if isinstance(value, bytes):
                        opened.append((f"{table}.{column}", _open(vault, table, column, values)))
    finally:
        conn.close()
    dictionaries = [b""] + [v for name, v in opened if name == "dictionaries.body"]
    texts: list[bytes] = []
    pending = [(name, v) for name, v in opened if v[:1] == b"\x78"]
    yield from ((name, v) for name, v in opened if v[:1] != b"\x78")
    while pending:
        left = []
        for name, value in pending:
            plain = _inflate(value, dictionaries, texts)
            if plain is None:
                left.append((name, value))
                continue
            if name == "instances.body":
                texts.append(json.loads(plain)["credential"].encode())
            yield name, plain
        assert len(left) < len(pending), f"no dictionary opens {[n for n, _ in left]}"
        pending = left


def _inflate(value: bytes, dictionaries: list[bytes], texts: list[bytes]) -> bytes | None:
    candidates = [
        *dictionaries,
        *((d + t)[-32 * 1024 :] for d in dictionaries for t in [*texts, *dictionaries]),
    ]
    for zdict in candidates:
        try:
            inflater = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
            return inflater.decompress(value)
        except zlib.error:
            continue
    return None


def _open(vault: Vault, table: str, column: str, row: dict[str, object]) -> bytes:
    key = row.get("id") or row.get("credential_id") or row.get("flow_id") or row.get("key")
    candidates = [
        f"credential:{key}:{column}",
        f"verification:{key}",
        f"display:{key}",
        f"dictionary:{key}",
        f"flow:{key}:{column}",
        f"anchor:{key}",
        f"pending:{key}:payload",
        f"meta:{row.get('key')}:canary",
    ]
    if table == "instances":
        candidates.insert(0, f"credential:{key}:instance:{row['idx']}")
    if table == "meta":
        return b""  # the canary and kdf parameters: no credential data
    for aad in candidates:
        try:
            return vault.open(row[column], aad=aad.encode())  # type: ignore[arg-type]
        except StorageError:  # the next associated data is tried
            continue
    raise AssertionError(f"{table}.{column} of {key}: no associated data opens it")


def _assert_gone(data: Path, vault: Vault, secrets: list[bytes]) -> int:
    scanned = 0
    for name, plain in _sealed_values(data / DB_NAME, vault):
        scanned += 1
        for secret in secrets:
            assert secret not in plain, f"{secret[:40]!r} is still in {name}"
    raw = b"".join(p.read_bytes() for p in data.iterdir() if p.name.startswith(DB_NAME))
    for secret in secrets:
        assert secret not in raw
    return scanned


def _fill(store: CredentialStore, received: Received, configuration: str) -> list[bytes]:
    first, first_flow = received.credential(configuration, NAME)
    other, other_flow = received.credential(configuration, "Mustermann")
    [stored] = store.add_credentials([first], flow=first_flow)
    store.add_credentials([other], flow=other_flow)
    store.delete_credential(stored.id)
    return _secrets_of(first)


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
def test_a_deleted_credential_leaves_nothing_of_itself(
    tmp_path: Path, received: Received, configuration: str
) -> None:
    data = tmp_path / "data"
    with CredentialStore.open(data, secrets=MemorySecretStore()) as store:
        secrets = _fill(store, received, configuration)
        [kept] = store.list_credentials()
        record = store.get_credential(kept.id)  # the other one still opens, whole
        assert len(record.instances) == 3 and "Mustermann" in kept.card["facts"]["claims_text"]  # type: ignore[index]
        vault = store._vault
    conn = sqlite3.connect(data / DB_NAME)
    seeds = [r[0] for r in conn.execute("SELECT key FROM dictionaries WHERE key LIKE 's:%'")]
    conn.close()
    assert len(seeds) == 1 and seeds[0].endswith(f":{kept.id}")  # the seed moved to the other
    assert _assert_gone(data, vault, secrets) > 10


def _as_schema_3(data: Path, secrets: MemorySecretStore) -> Vault:
    """Rewrite a store as schema 3 did: each dictionary cut from the first value stored of
    its kind (a credential's text, a verification, a trace), every value compressed against
    its dictionary alone."""
    from wallet_app.wallet.store_trust import verification_to_json

    with CredentialStore.open(data, secrets=secrets) as store:
        vault = store._vault
        records = [store.get_credential(c.id) for c in store.list_credentials()]
        traces = {h.flow_id: store.get_trace(h.flow_id) for h in store.list_history()}
    conn = sqlite3.connect(data / DB_NAME)
    keys = dict(conn.execute("SELECT id, display_key FROM credentials").fetchall())
    tags = dict(conn.execute("SELECT flow_id, issuer_tag FROM flows").fetchall())
    rowids = dict(conn.execute("SELECT id, rowid FROM credentials").fetchall())
    conn.execute("DELETE FROM dictionaries")

    def dictionary(key: str, sample: bytes) -> bytes:
        row = conn.execute("SELECT body FROM dictionaries WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return vault.open(row[0], aad=f"dictionary:{key}".encode())
        sealed = vault.seal(sample, aad=f"dictionary:{key}".encode())
        conn.execute("INSERT INTO dictionaries (key, body) VALUES (?, ?)", (key, sealed))
        return sample

    for record in sorted(records, key=lambda r: rowids[r.stored.id]):
        cid = record.stored.id
        zdict = dictionary(f"i:{keys[cid]}", record.instances[0].credential.encode())
        for instance in record.instances:
            value = {
                "credential": instance.credential,
                "holder_private_jwk": instance.holder_private_jwk,
            }
            aad = f"credential:{cid}:instance:{instance.index}".encode()
            sealed = vault.seal_json(value, aad=aad, compress=True, zdict=zdict)
            conn.execute(
                "UPDATE instances SET body = ? WHERE credential_id = ? AND idx = ?",
                (sealed, cid, instance.index),
            )
        assert record.verification is not None
        checked = verification_to_json(record.verification)
        zdict = dictionary(f"v:{keys[cid]}", json.dumps(checked).encode())
        sealed = vault.seal_json(
            checked, aad=f"verification:{cid}".encode(), compress=True, zdict=zdict
        )
        conn.execute("UPDATE verifications SET body = ? WHERE credential_id = ?", (sealed, cid))
    for fid, trace in traces.items():
        if not trace:
            continue
        zdict = dictionary(f"t:{tags[fid]}", json.dumps(trace, ensure_ascii=False).encode())
        sealed = vault.seal_json(
            trace, aad=f"flow:{fid}:trace".encode(), compress=True, zdict=zdict
        )
        conn.execute("UPDATE flows SET trace = ? WHERE flow_id = ?", (sealed, fid))
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    return vault


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
def test_a_schema_3_store_loses_the_dictionaries_that_held_a_credential(
    tmp_path: Path, received: Received, configuration: str
) -> None:
    data, secrets = tmp_path / "data", MemorySecretStore()
    first, first_flow = received.credential(configuration, NAME)
    other, other_flow = received.credential(configuration, "Mustermann")
    with CredentialStore.open(data, secrets=secrets) as store:
        [stored] = store.add_credentials([first], flow=first_flow)
        [kept] = store.add_credentials([other], flow=other_flow)
    vault = _as_schema_3(data, secrets)
    dictionaries = [v for n, v in _sealed_values(data / DB_NAME, vault) if n == "dictionaries.body"]
    assert any(
        NAME.encode() in d or any(f in d for f in _forms(NAME.encode())) for d in dictionaries
    )
    with CredentialStore.open(data, secrets=secrets) as store:  # migrated to schema 4
        store.delete_credential(stored.id)
        record = store.get_credential(kept.id)
        assert [i.credential for i in record.instances] == [i.credential for i in other.instances]
        assert [i.holder_private_jwk for i in record.instances] == [
            i.holder_private_jwk for i in other.instances
        ]
        assert record.verification == other.verification
        traces = [store.get_trace(h.flow_id) for h in store.list_history() if h.kind != "delete"]
        assert len(traces) == 2 and all(t == traces[0] for t in traces)
    conn = sqlite3.connect(data / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    conn.close()
    assert _assert_gone(data, vault, _secrets_of(first)) > 10
