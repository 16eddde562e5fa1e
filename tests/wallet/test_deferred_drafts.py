"""Deferred issuance in each draft mode of the demo issuer, polled by the wallet: draft 11
sends the acceptance_token as the Bearer token with no parameters, drafts 13-15 post the
transaction_id; "still pending" is a 400 issuance_pending there (202 only since draft 16)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.profiles import ClientProfile
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"


@pytest.fixture(params=["15", "14", "13", "11"])
def draft(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def env(
    tmp_path: Path, draft: str
) -> Iterator[tuple[DemoIssuer, CredentialStore, Wallet, list[float]]]:
    issuer = DemoIssuer(BASE, config=DemoConfig(batch_size=None, deferred_interval=5, draft=draft))
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    offset = [0.0]
    wallet = Wallet(store, http, clock=lambda: time.time() + offset[0])
    try:
        yield issuer, store, wallet, offset
    finally:
        wallet.close()
        store.close()
        http.close()


def test_deferred_in_each_draft(
    env: tuple[DemoIssuer, CredentialStore, Wallet, list[float]], draft: str
) -> None:
    issuer, store, wallet, offset = env
    issuer.faults.deferred_pending_polls = 1
    offer = issuer.create_offer(["degree_jwt_vc"])
    flow = wallet.new_flow("pre-authorized_code")
    resolved = wallet.resolve_offer(offer.uri, flow=flow)
    # without batch_credential_issuance, draft 14 metadata has no marker of its own: read as
    # draft 13, whose requests a draft-14 issuer accepts (one proof, format + type)
    detected = "13" if draft == "14" else draft
    assert resolved.draft == detected
    result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    assert result.credentials == () and len(result.deferred) == 1
    before = len(store.get_trace(result.flow_id))

    offset[0] = 6
    [(_, outcome, _)] = wallet.poll_deferred()
    assert outcome == "pending"
    offset[0] = 12
    [(credential_id, outcome, _)] = wallet.poll_deferred()
    assert outcome == "issued"
    assert store.get_credential(credential_id).stored.format == "jwt_vc_json"

    polls = [
        e for e in store.get_trace(result.flow_id)[before:] if e["step"] == "deferred credential"
    ]
    assert [p["status"] for p in polls] == [400, 200]
    for poll in polls:
        assert poll["dialect"] == {"draft": detected, "source": "metadata"}
        auth = str(dict(poll["request_headers"])["Authorization"])  # type: ignore[call-overload]
        assert auth == "Bearer [redacted]"
        body = json.loads(str(poll["request_body"]))
        if draft == "11":
            assert body == {}  # the acceptance_token is the Bearer token
        else:
            assert set(body) == {"transaction_id"}


@pytest.mark.parametrize("draft", ["14"])
def test_deferred_poll_keeps_the_profiles_draft(
    env: tuple[DemoIssuer, CredentialStore, Wallet, list[float]],
) -> None:
    """A draft chosen by the client profile is kept in the deferred context: the polls speak
    it and the inspector says the profile chose it (the metadata alone reads draft 13)."""
    issuer, store, wallet, offset = env
    issuer.faults.deferred_pending_polls = 1
    offer = issuer.create_offer(["degree_jwt_vc"])
    flow = wallet.new_flow("pre-authorized_code")
    resolved = wallet.resolve_offer(offer.uri, flow=flow, profile=ClientProfile(draft="14"))
    assert resolved.draft == "14"
    result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    (pending,) = store.list_deferred()
    assert pending.context["draft"] == "14" and pending.context["draft_overridden"] is True
    before = len(store.get_trace(result.flow_id))
    for offset[0], expected in ((6, "pending"), (12, "issued")):
        [(_, outcome, _)] = wallet.poll_deferred()
        assert outcome == expected
    polls = [
        e for e in store.get_trace(result.flow_id)[before:] if e["step"] == "deferred credential"
    ]
    assert [p["dialect"] for p in polls] == [{"draft": "14", "source": "profile"}] * 2
