"""Verification on receipt and the trust use cases, against the demo issuer in process
(httpx.WSGITransport: its real chain, status list and fault switches, no sockets)."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import InvalidCredential, MetadataError, TrustError, UsageError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.trust.model import Verification, checks_by_name
from wallet_app.wallet.issuance import IssuanceResult, Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore
from wallet_app.wallet.trust_service import TrustService, keep_status
from wallet_app.wallet.verifying import worst

BASE = "https://issuer.test"


@dataclass
class Env:
    issuer: DemoIssuer
    http: httpx.Client
    store: CredentialStore
    wallet: Wallet
    trust: TrustService

    def receive(self, configuration: str = "pid_sd_jwt") -> IssuanceResult:
        offer = self.issuer.create_offer([configuration])
        flow = self.wallet.new_flow("test")
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        try:
            return self.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        finally:
            self.wallet.wait_for_notifications(5)

    def trust_demo_root(self) -> None:
        self.trust.add_anchor_certificates(self.issuer.root_certificate_pem(), source="user")


Rewrite = Callable[[httpx.Request, httpx.Response], httpx.Response]


class Rewriting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, rewrite: Rewrite | None) -> None:
        self.inner, self.rewrite = inner, rewrite

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return self.rewrite(request, response) if self.rewrite else response


@pytest.fixture
def make_env(tmp_path: Path) -> Iterator[Callable[..., Env]]:
    made: list[Env] = []

    def make(
        rewrite: Rewrite | None = None,
        *,
        config: DemoConfig | None = None,
        options: WalletOptions | None = None,
        **wallet_kw: object,
    ) -> Env:
        issuer = DemoIssuer(BASE, config=config or DemoConfig())
        http = httpx.Client(transport=Rewriting(httpx.WSGITransport(app=issuer), rewrite))
        store = CredentialStore.open(tmp_path / f"d{len(made)}", secrets=MemorySecretStore())
        wallet = Wallet(store, http, options or WalletOptions(), **wallet_kw)  # type: ignore[arg-type]
        trust = TrustService(store, http, Settings(data_dir=tmp_path))
        env = Env(issuer, http, store, wallet, trust)
        made.append(env)
        return env

    yield make
    for env in made:
        env.wallet.close()
        env.store.close()
        env.http.close()


def _names(v: Verification) -> dict[str, bool | None]:
    return {name: c.ok for name, c in checks_by_name(v.checks).items()}


@pytest.mark.parametrize("configuration", ["pid_sd_jwt", "mdl_mdoc"])
def test_untrusted_until_the_root_is_added_then_trusted_without_a_new_issuance(
    make_env: Callable[..., Env], configuration: str
) -> None:
    env = make_env()
    [stored] = env.receive(configuration).credentials
    before = env.store.get_verification(stored.id)
    assert before is not None and before.verdict == "untrusted" and before.anchor is None
    assert before.status == "valid"
    assert _names(before)["trust_anchor"] is False
    assert all(ok is not False for name, ok in _names(before).items() if name != "trust_anchor")

    env.trust_demo_root()
    after = env.store.get_verification(stored.id)
    assert after is not None and after.verdict == "trusted"
    assert after.anchor is not None and "Demo Root CA" in after.anchor
    assert after.status == "valid"  # kept from receipt: an anchor change fetches nothing
    [anchor] = env.trust.anchors()
    removed = env.trust.remove_anchor(anchor.anchor.id[:8])
    assert removed.anchor.id == anchor.anchor.id
    again = env.store.get_verification(stored.id)
    assert again is not None and again.verdict == "untrusted"


@pytest.mark.parametrize("configuration", ["pid_sd_jwt", "mdl_mdoc"])
def test_revocation_is_seen_by_a_forced_status_refresh_and_kept_by_reevaluation(
    make_env: Callable[..., Env], configuration: str
) -> None:
    env = make_env()
    env.trust_demo_root()
    [stored] = env.receive(configuration).credentials
    assert env.store.get_verification(stored.id).verdict == "trusted"  # type: ignore[union-attr]
    credential = env.store.get_credential(stored.id).instances[0].credential
    env.issuer.set_status(credential, 1)
    cached = env.trust.refresh_status(stored.id)  # within the list's ttl: the cached list
    assert cached.status == "valid"
    fresh = env.trust.refresh_status(stored.id, force=True)
    assert (fresh.verdict, fresh.status) == ("revoked", "invalid")
    assert _names(fresh)["status"] is False
    env.trust.remove_anchor(env.trust.anchors()[0].anchor.id)  # re-evaluation keeps the status
    kept = env.store.get_verification(stored.id)
    assert kept is not None and (kept.verdict, kept.status) == ("revoked", "invalid")


@pytest.mark.parametrize("fault", ["broken_chain", "expired_signer"])
def test_a_chain_or_time_failure_is_stored_only_on_an_explicit_choice(
    make_env: Callable[..., Env], fault: str
) -> None:
    env = make_env()
    env.trust_demo_root()
    setattr(env.issuer.faults, fault, True)
    with pytest.raises(TrustError) as info:
        env.receive()
    assert info.value.code == "credential_not_accepted"
    assert isinstance(info.value.verification, Verification)
    assert info.value.verification.needs_consent
    assert env.store.list_credentials() == []
    assert [n["event"] for n in env.issuer.received_notifications()] == ["credential_failure"]

    asked: list[Verification] = []
    accepting = make_env(accept_invalid=lambda v: asked.append(v) or True)
    accepting.trust_demo_root()
    setattr(accepting.issuer.faults, fault, True)
    [stored] = accepting.receive().credentials
    assert len(asked) == 1
    kept = accepting.store.get_verification(stored.id)
    assert kept is not None and kept.verdict == "invalid"
    failed = {c.name for c in kept.failures()}
    assert failed & {"certificate_chain", "validity_period", "validity_info"}


def test_a_forged_self_signed_credential_is_never_trusted(make_env: Callable[..., Env]) -> None:
    env = make_env()
    env.trust_demo_root()
    env.issuer.faults.forged = True
    [stored] = env.receive().credentials
    verification = env.store.get_verification(stored.id)
    assert verification is not None and verification.verdict != "trusted"
    assert verification.anchor is None


def _tamper(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    """Flip one character of the issuer's signature in every credential it sends."""
    if request.url.path != "/credential":
        return response
    body = response.json()
    for item in body.get("credentials", []):
        jws = item["credential"].split("~")[0]
        tail = item["credential"][len(jws) :]
        head, payload, signature = jws.split(".")
        raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
        raw[0] ^= 0x01
        forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
        item["credential"] = f"{head}.{payload}.{forged}{tail}"
    return httpx.Response(
        response.status_code, headers={"content-type": "application/json"}, json=body
    )


def test_a_tampered_credential_is_never_stored_and_the_issuer_is_told(
    make_env: Callable[..., Env],
) -> None:
    env = make_env(_tamper, accept_invalid=lambda v: True)
    env.trust_demo_root()
    with pytest.raises(InvalidCredential) as info:  # refused before any trust verdict
        env.receive()
    assert info.value.code == "credential_rejected"
    assert "signature does not verify with its certificate" in info.value.user_message
    assert env.store.list_credentials() == []
    [note] = env.issuer.received_notifications()
    assert note["event"] == "credential_failure"


def test_an_unreadable_or_empty_anchor_file_is_a_usage_error(
    make_env: Callable[..., Env], tmp_path: Path
) -> None:
    env = make_env()
    with pytest.raises(UsageError) as missing:
        env.trust.add_anchor_file(tmp_path / "nothing.pem")
    assert missing.value.code == "file_unreadable"
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(UsageError):
        env.trust.add_anchor_file(junk)
    pem = tmp_path / "root.pem"
    pem.write_bytes(env.issuer.root_certificate_pem())
    [(stored, new)] = env.trust.add_anchor_file(pem)
    assert new and stored.source == "user"
    [(_, again)] = env.trust.add_anchor_file(pem)
    assert again is False
    assert env.store.list_anchors() == [stored]


def test_the_worst_instance_counts_and_status_is_kept_only_when_known(
    make_env: Callable[..., Env],
) -> None:
    env = make_env()
    env.trust_demo_root()
    [stored] = env.receive().credentials
    good = env.store.get_verification(stored.id)
    assert good is not None
    no_status = env.trust.reevaluate([stored.id])[stored.id]
    assert no_status.status == good.status
    record = env.store.get_credential(stored.id)
    tampered = record.instances[0].credential.replace(".", ".x", 1)
    bad = env.trust.verify(record.stored.format, tampered, None)
    assert bad.must_reject
    assert worst([good, bad, good]) is bad
    assert keep_status(good, None) is good
    with pytest.raises(ValueError):
        worst([])
    assert time.time() - good.checked_at < 120


def _resolve(env: Env) -> object:
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    return env.wallet.resolve_offer(offer.uri, flow=env.wallet.new_flow("test")).resolved


def test_signed_metadata_names_who_vouches_for_the_issuer_when_it_verifies(
    make_env: Callable[..., Env],
) -> None:
    signed = DemoConfig(signed_metadata=True)
    env = make_env(config=signed)
    env.trust_demo_root()
    resolved = _resolve(env)
    trust = resolved.issuer_trust  # type: ignore[attr-defined]
    assert trust is not None and trust.anchor is not None
    assert "Demo Root CA" in trust.anchor.subject
    assert _resolve(env).issuer_trust is trust  # type: ignore[attr-defined]  # from the cache

    untrusted = make_env(config=signed)  # prefer: without an anchor the unsigned form is used
    unvouched = _resolve(untrusted).issuer_trust  # type: ignore[attr-defined]
    assert unvouched is not None and unvouched.anchor is None and unvouched.valid  # shown as such
    ignoring = make_env(config=signed, options=WalletOptions(signed_metadata="ignore"))
    ignoring.trust_demo_root()
    assert _resolve(ignoring).issuer_trust is None  # type: ignore[attr-defined]


def test_required_signed_metadata_refuses_an_issuer_without_it_or_untrusted(
    make_env: Callable[..., Env],
) -> None:
    require = WalletOptions(signed_metadata="require")
    unsigned = make_env(options=require)
    unsigned.trust_demo_root()
    with pytest.raises(MetadataError) as info:
        _resolve(unsigned)
    assert info.value.code == "signed_metadata_required"
    untrusted = make_env(config=DemoConfig(signed_metadata=True), options=require)
    with pytest.raises(MetadataError) as info:
        _resolve(untrusted)
    assert info.value.code == "signed_metadata_untrusted"
    assert "not trusted" in info.value.user_message


def test_type_metadata_is_checked_on_receipt_kept_and_fills_a_card_without_display(
    make_env: Callable[..., Env],
) -> None:
    from wallet_app.oid4vci.http import HttpSession
    from wallet_app.wallet.verifying import type_metadata_card

    env = make_env(config=DemoConfig(plain_sd_jwt_metadata=True))  # no display, no labels
    [stored] = env.receive("diploma_sd_jwt").credentials
    received = env.store.get_verification(stored.id)
    assert received is not None and _names(received)["type_metadata"] is True
    env.trust_demo_root()  # re-evaluation does not fetch type metadata again, nor lose it
    kept = env.store.get_verification(stored.id)
    assert kept is not None and kept.verdict == "trusted"
    assert _names(kept)["type_metadata"] is True

    credential = env.store.get_credential(stored.id).instances[0].credential
    bare = {"name": "diploma_sd_jwt", "display": [], "claims_metadata": [{"path": ["given_name"]}]}
    card, check = type_metadata_card(
        bare, "dc+sd-jwt", credential, HttpSession(env.http), ("de", "en")
    )
    assert check is not None and check.ok is True
    assert card["display"] and card["name"] != "diploma_sd_jwt"
    claims = card["claims_metadata"]
    assert isinstance(claims, list)
    given = next(c for c in claims if c["path"] == ["given_name"])
    assert {"name": "Vorname", "locale": "de"} in given["display"]
    assert len(claims) > 1  # labels of claims the issuer did not describe are added
    untouched, none = type_metadata_card(bare, "mso_mdoc", credential, None, ("en",))
    assert (untouched, none) == (bare, None)
