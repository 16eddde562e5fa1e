from __future__ import annotations

import time

import httpx
import pytest
from demo_issuer_kit import PRE_AUTH

from wallet_app.demo_issuer import DemoFaults, DemoIssuer


def test_fail_next_is_one_shot(issuer: DemoIssuer, client: httpx.Client) -> None:
    issuer.faults.fail_next("metadata", 503, "temporarily_unavailable", "maintenance")
    issuer.faults.fail_next("token", 400, "invalid_grant")
    failed = client.get("/.well-known/openid-credential-issuer")
    assert failed.status_code == 503
    assert failed.json() == {"error": "temporarily_unavailable", "error_description": "maintenance"}
    assert client.get("/.well-known/openid-credential-issuer").status_code == 200
    offer = issuer.create_offer(["pid_sd_jwt"])
    form = {"grant_type": PRE_AUTH, "pre-authorized_code": str(offer.pre_authorized_code)}
    assert client.post("/token", data=form).json() == {"error": "invalid_grant"}
    assert client.post("/token", data=form).status_code == 200


def test_fail_next_unknown_endpoint() -> None:
    with pytest.raises(ValueError, match="unknown endpoint"):
        DemoFaults().fail_next("bogus", 500, "server_error")


def test_latency_delays_every_response(issuer: DemoIssuer, client: httpx.Client) -> None:
    issuer.faults.latency = 0.2
    start = time.monotonic()
    assert client.post("/nonce").status_code == 200
    assert time.monotonic() - start >= 0.2
    issuer.faults.latency = 0.0


def test_requests_are_recorded(issuer: DemoIssuer, client: httpx.Client) -> None:
    client.post("/token", data={"grant_type": "x"}, headers={"Accept-Language": "de"})
    [recorded] = issuer.received_requests()
    assert (recorded.method, recorded.path) == ("POST", "/token")
    assert recorded.body == {"grant_type": "x"}
    assert recorded.headers["accept-language"] == "de"
