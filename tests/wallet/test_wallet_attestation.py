"""The wallet's attestation rules against the demo issuer in process (httpx.WSGITransport):
a profile changed after the review (the offer review's Advanced section) is checked again
before any code is spent, and one wallet object presents one development wallet instance."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import AttestationRequired, IssuerError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.profiles import ClientProfile
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"


@pytest.fixture
def issuer() -> DemoIssuer:
    return DemoIssuer(BASE, DemoConfig(require_key_attestation=True))


@pytest.fixture
def wallet(tmp_path: Path, issuer: DemoIssuer) -> Iterator[Wallet]:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    with Wallet(store, http) as w:
        yield w
    http.close()
    store.close()


def test_a_profile_changed_after_the_review_is_checked_before_the_code_is_spent(
    wallet: Wallet, issuer: DemoIssuer
) -> None:
    offer = issuer.create_offer(["pid_sd_jwt"])
    flow = wallet.new_flow("offer")
    resolved = wallet.resolve_offer(offer.uri, flow=flow, overrides={"wallet_provider": "dev"})
    assert resolved.profile.wallet_provider == "dev"
    without = replace(resolved, profile=ClientProfile())  # "None" chosen under Advanced
    with pytest.raises(AttestationRequired) as info:
        wallet.receive_pre_authorized(without, flow=flow)
    assert info.value.code == "key_attestation_required"
    assert not issuer.offer_used(offer)
    assert not [r for r in issuer.received_requests() if r.path.endswith("/token")]
    result = wallet.receive_pre_authorized(resolved, flow=wallet.new_flow("offer"))
    assert len(result.credentials) == 1 and issuer.offer_used(offer)


def test_one_wallet_object_is_one_development_wallet_instance(
    wallet: Wallet, issuer: DemoIssuer
) -> None:
    flow = wallet.new_flow("offer")
    first = wallet.resolve_offer(
        issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow, overrides={"wallet_provider": "dev"}
    )
    second = wallet.resolve_offer(
        issuer.create_offer(["mdl_mdoc"]).uri, flow=flow, overrides={"wallet_provider": "dev"}
    )
    provider = wallet.attesting.provider_for(first)
    assert provider is not None and provider is wallet.attesting.provider_for(second)
    assert provider.development and wallet.client_id_for(first) == "wallet-app"
    assert wallet.attesting.provider_for(replace(first, profile=ClientProfile())) is None


def test_the_challenge_is_fetched_beside_the_nonces_and_named_for_the_token(
    tmp_path: Path,
) -> None:
    """With wallet attestation and a challenge endpoint, the challenge request runs beside
    the nonce requests (they overlap in time), then the token request takes it; a challenge
    endpoint that fails is reported as the token request's failure, not the sign-in's."""
    issuer = DemoIssuer(BASE, DemoConfig(require_wallet_attestation=True))
    issuer.faults.latency = 0.15
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    with Wallet(store, http) as wallet:
        offer = issuer.create_offer(["pid_sd_jwt"])
        flow = wallet.new_flow("offer")
        resolved = wallet.resolve_offer(offer.uri, flow=flow, overrides={"wallet_provider": "dev"})
        wallet.receive_pre_authorized(resolved, flow=flow)
        rows = flow.exchanges()
        challenge = next(e for e in rows if e["step"] == "attestation challenge")
        nonce = next(e for e in rows if e["step"] == "nonce")
        token = next(e for e in rows if e["step"] == "token")

        def span(e: Mapping[str, object]) -> tuple[float, float]:
            start = float(e["started_at"])  # type: ignore[arg-type]
            return start, start + float(e["duration_ms"]) / 1000  # type: ignore[arg-type]

        (c0, c1), (n0, n1), (t0, _) = span(challenge), span(nonce), span(token)
        assert c0 < n1 and n0 < c1  # side by side
        assert t0 >= c1 - 0.01  # the token request carries the challenge
        # a broken challenge endpoint: the token request is named, nothing is spent
        broken = replace(
            resolved.resolved,
            auth_server=replace(
                resolved.auth_server,
                raw={**resolved.auth_server.raw, "challenge_endpoint": BASE + "/no-challenge"},
            ),
        )
        second = issuer.create_offer(["pid_sd_jwt"])
        again = wallet.resolve_offer(second.uri, flow=flow, overrides={"wallet_provider": "dev"})
        with pytest.raises(IssuerError) as info:
            wallet.receive_pre_authorized(
                replace(again, resolved=broken), flow=wallet.new_flow("offer")
            )
        assert "token request" in info.value.user_message
        assert not issuer.offer_used(second)
    http.close()
    store.close()


def test_the_refusal_comes_before_the_provider_file_is_read(
    wallet: Wallet, issuer: DemoIssuer, tmp_path: Path
) -> None:
    """begin_authorization checks the attestation rules before it asks the provider for the
    client id: a provider file (here one that is not even there) cannot attest new keys,
    and that refusal is what the person reads, not a file error."""
    flow = wallet.new_flow("offer")
    resolved = wallet.resolve_offer(
        issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow, overrides={"wallet_provider": "dev"}
    )
    missing = replace(resolved, profile=ClientProfile(wallet_provider=str(tmp_path / "no.json")))
    with pytest.raises(AttestationRequired) as info:
        wallet.begin_authorization(missing, redirect_uri="http://127.0.0.1:1/cb", flow=flow)
    assert info.value.code == "key_attestation_required"


def test_a_batch_with_key_attestation_sends_one_proof_and_keeps_one_copy_per_key(
    wallet: Wallet, issuer: DemoIssuer
) -> None:
    """One jwt proof whose key attestation lists the batch's keys; the demo issues one copy
    per attested key (App. F.1), and every copy is kept, none dropped as surplus."""
    offer = issuer.create_offer(["pid_sd_jwt"])
    flow = wallet.new_flow("offer")
    resolved = wallet.resolve_offer(offer.uri, flow=flow, overrides={"wallet_provider": "dev"})
    result = wallet.receive_pre_authorized(resolved, flow=flow)
    sent = [r for r in issuer.received_requests() if r.path.endswith("/credential")]
    assert len(sent) == 1 and sent[0].body is not None
    proofs = sent[0].body["proofs"]
    assert isinstance(proofs, dict) and len(proofs["jwt"]) == 1
    assert len(result.credentials) == 1 and result.dropped == ()
    assert result.credentials[0].instance_count == 3
    issued = json.loads(
        next(e for e in flow.exchanges() if e["step"] == "credential")["response_body"]  # type: ignore[arg-type]
    )
    assert len(issued["credentials"]) == 3  # the batch size: one per attested key
