"""The wallet's attestation rules against the demo issuer in process (httpx.WSGITransport):
a profile changed after the review (the offer review's Advanced section) is checked again
before any code is spent, and one wallet object presents one development wallet instance."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import AttestationRequired
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.profiles import ClientProfile
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
