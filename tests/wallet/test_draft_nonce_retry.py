"""The issuer-provided nonce of drafts 11-14 (d11 §7.3.1, d13/d14 "Credential Issuer Provided
Nonce"): a proof the issuer rejects comes back with a fresh c_nonce in the error body, and the
wallet retries once with it. Draft 11 names the error invalid_or_missing_proof."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore


@pytest.mark.parametrize(
    ("draft", "error"),
    [("11", "invalid_or_missing_proof"), ("13", "invalid_proof"), ("14", "invalid_proof")],
)
def test_a_rejected_proof_is_retried_with_the_error_c_nonce(
    tmp_path: Path, draft: str, error: str
) -> None:
    issuer = DemoIssuer("https://issuer.test", config=DemoConfig(draft=draft))
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    wallet = Wallet(store, http)
    try:
        issuer.faults.invalid_nonce_once = True
        offer = issuer.create_offer(["degree_jwt_vc"])
        flow = wallet.new_flow("pre-authorized_code")
        resolved = wallet.resolve_offer(offer.uri, flow=flow)
        result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        assert len(result.credentials) == 1
        attempts = [e for e in flow.exchanges() if e["step"] == "credential"]
        assert [e["status"] for e in attempts] == [400, 200]
        rejected = json.loads(str(attempts[0]["response_body"]))
        assert rejected["error"] == error and rejected["c_nonce"]
    finally:
        wallet.close()
        store.close()
        http.close()
