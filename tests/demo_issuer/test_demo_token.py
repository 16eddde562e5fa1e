from __future__ import annotations

import httpx
import pytest
from demo_issuer_kit import BASE, PRE_AUTH, client_for

from wallet_app.demo_issuer import DemoConfig, DemoIssuer


def _post(client: httpx.Client, **data: str) -> httpx.Response:
    return client.post("/token", data={"grant_type": PRE_AUTH, **data})


@pytest.mark.parametrize("mode", ["numeric", "text"])
def test_tx_code_checks(issuer: DemoIssuer, client: httpx.Client, mode: str) -> None:
    offer = issuer.create_offer(["pid_sd_jwt"], tx_code=True, tx_code_mode=mode)  # type: ignore[arg-type]
    assert offer.tx_code and offer.pre_authorized_code
    grant = offer.offer["grants"][PRE_AUTH]  # type: ignore[index]
    assert grant["tx_code"]["input_mode"] == mode
    assert grant["tx_code"]["length"] == len(offer.tx_code)
    assert offer.tx_code.isdigit() == (mode == "numeric")
    code = offer.pre_authorized_code
    missing = _post(client, **{"pre-authorized_code": code})
    assert (missing.status_code, missing.json()["error"]) == (400, "invalid_request")
    wrong = _post(client, **{"pre-authorized_code": code, "tx_code": "000000x"})
    assert (wrong.status_code, wrong.json()["error"]) == (400, "invalid_grant")
    ok = _post(client, **{"pre-authorized_code": code, "tx_code": offer.tx_code})
    assert ok.status_code == 200
    assert ok.json()["token_type"] == "Bearer"
    again = _post(client, **{"pre-authorized_code": code, "tx_code": offer.tx_code})
    assert again.json()["error"] == "invalid_grant"


def test_tx_code_sent_when_not_required(issuer: DemoIssuer, client: httpx.Client) -> None:
    offer = issuer.create_offer(["pid_sd_jwt"])
    response = _post(
        client, **{"pre-authorized_code": str(offer.pre_authorized_code), "tx_code": "1"}
    )
    assert response.json()["error"] == "invalid_request"


def test_unknown_code_and_grant_type(client: httpx.Client) -> None:
    assert _post(client, **{"pre-authorized_code": "nope"}).json()["error"] == "invalid_grant"
    other = client.post("/token", data={"grant_type": "password"})
    assert other.json()["error"] == "unsupported_grant_type"


def test_client_id_required_without_anonymous_access() -> None:
    issuer = DemoIssuer(BASE, DemoConfig(anonymous_preauth=False))
    offer = issuer.create_offer(["pid_sd_jwt"])
    with client_for(issuer) as client:
        code = str(offer.pre_authorized_code)
        assert _post(client, **{"pre-authorized_code": code}).json()["error"] == "invalid_client"
        assert (
            _post(client, **{"pre-authorized_code": code, "client_id": "wallet-app"}).status_code
            == 200
        )
