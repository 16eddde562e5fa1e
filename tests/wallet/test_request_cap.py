"""One flow sends at most MAX_CREDENTIAL_REQUESTS credential requests: a token response
listing 100,000 credential identifiers, or an offer naming 100,000 configurations, is
refused with a sentence, quickly and before any request is built."""

from __future__ import annotations

import json
import time
import tracemalloc
from types import SimpleNamespace
from typing import cast

import httpx
import pytest

from tests.support.bounded_origin import bounded_origin
from wallet_app.errors import IssuerError, OfferError
from wallet_app.oid4vci.bounds import MAX_CREDENTIAL_REQUESTS
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.metadata import parse_credential_configuration
from wallet_app.oid4vci.offer import parse_offer
from wallet_app.oid4vci.token import parse_token_response
from wallet_app.wallet.requests import plan_requests
from wallet_app.wallet.resolve import ResolvedOffer

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

CONF = parse_credential_configuration(
    "pid", {"format": "dc+sd-jwt", "vct": "urn:eudi:pid:1", "credential_metadata": {}}
)


def _offer_of(*confs: object) -> ResolvedOffer:
    # plan_requests reads the offer's configurations only
    return cast(ResolvedOffer, SimpleNamespace(configurations=confs))


def _token(identifiers: list[str]) -> dict[str, object]:
    return {
        "access_token": "at",
        "token_type": "Bearer",
        "authorization_details": [
            {
                "type": "openid_credential",
                "credential_configuration_id": "pid",
                "credential_identifiers": identifiers,
            }
        ],
    }


def test_100000_identifiers_from_a_real_token_response_are_refused_quickly() -> None:
    body = json.dumps(_token([f"id-{i}" for i in range(100_000)])).encode()
    with bounded_origin(docs={"token": body}) as port, httpx.Client(timeout=5) as http:
        resp = HttpSession(http).request(
            "GET", f"http://127.0.0.1:{port}/json?doc=token", step="token"
        )
    tracemalloc.start()
    started = time.monotonic()
    token = parse_token_response(resp.json_object())
    with pytest.raises(IssuerError) as info:
        plan_requests(_offer_of(CONF), token)
    took = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.code == "too_many_credentials"
    assert "100000 credential requests" in info.value.user_message
    assert f"at most {MAX_CREDENTIAL_REQUESTS}" in info.value.user_message
    assert took < 5.0, took
    assert peak < 64 * 1024 * 1024, peak


def test_identifiers_within_the_cap_each_make_one_request_and_repeats_count_once() -> None:
    ids = [f"id-{i}" for i in range(MAX_CREDENTIAL_REQUESTS)]
    plan = plan_requests(_offer_of(CONF), parse_token_response(_token(ids + ids)))
    assert [p.identifier for p in plan] == ids


def test_one_identifier_over_the_cap_is_refused() -> None:
    ids = [f"id-{i}" for i in range(MAX_CREDENTIAL_REQUESTS + 1)]
    with pytest.raises(IssuerError):
        plan_requests(_offer_of(CONF), parse_token_response(_token(ids)))


def test_an_offer_of_100000_configurations_is_refused_with_a_sentence() -> None:
    offer = {
        "credential_issuer": "https://issuer.example",
        "credential_configuration_ids": [f"c{i}" for i in range(100_000)],
        "grants": {
            "urn:ietf:params:oauth:grant-type:pre-authorized_code": {"pre-authorized_code": "x"}
        },
    }
    started = time.monotonic()
    with pytest.raises(OfferError) as info:
        parse_offer("openid-credential-offer://?credential_offer=" + json.dumps(offer))
    assert time.monotonic() - started < 5.0
    assert info.value.code == "too_many_credentials"
    assert "100000 credentials" in info.value.user_message
