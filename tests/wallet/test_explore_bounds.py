"""``explore`` of an issuer describing 100,000 credential configurations (served by a real
loopback server) stays bounded: it examines the first
EXPLORED_CONFIGURATIONS, lists SHOWN_CONFIGURATIONS and says how many more there are."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.support.bounded_origin import bounded_origin
from wallet_app.wallet.explore import EXPLORED_CONFIGURATIONS, IssuerReport, explore_issuer
from wallet_app.wallet.explore_text import SHOWN_CONFIGURATIONS, format_report
from wallet_app.wallet.flow import Flow

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

COUNT = 100_000
#: 100,000 valid configurations take 2.1 MB: a cap of 4 MiB (the settings' is 2 MiB)
CAP = 4 * 1024 * 1024


def _id(i: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        i, r = divmod(i, 36)
        out = digits[r] + out
        if i == 0:
            return out


@pytest.fixture(scope="module")
def huge() -> Iterator[tuple[IssuerReport, float]]:
    """The report of an issuer with COUNT configurations, and the seconds explore took."""
    docs: dict[str, object] = {}
    with bounded_origin(docs=docs) as port:
        issuer = f"http://127.0.0.1:{port}"
        configs = {_id(i): {"format": "x"} for i in range(COUNT)}
        doc = {"credential_issuer": issuer, "credential_endpoint": f"{issuer}/c"}
        body = json.dumps(
            {**doc, "credential_configurations_supported": configs}, separators=(",", ":")
        ).encode()
        docs["/.well-known/openid-credential-issuer"] = body
        docs["/.well-known/oauth-authorization-server"] = {
            "issuer": issuer,
            "token_endpoint": f"{issuer}/token",
        }
        started = time.monotonic()
        with httpx.Client(timeout=15) as http:
            report = explore_issuer(http, issuer, flow=Flow("explore"), max_response_bytes=CAP)
        yield report, time.monotonic() - started


def test_explore_examines_a_bounded_number_of_configurations_in_bounded_time(
    huge: tuple[IssuerReport, float],
) -> None:
    report, took = huge
    assert len(report.configurations) == EXPLORED_CONFIGURATIONS
    assert report.omitted_configurations == COUNT - EXPLORED_CONFIGURATIONS
    assert len(report.findings) < 2 * EXPLORED_CONFIGURATIONS + 50
    assert took < 20.0, took  # about 1.5 s alone on a laptop; 12 s before the bound


def test_the_text_lists_a_bounded_number_and_says_how_many_more(
    huge: tuple[IssuerReport, float],
) -> None:
    report, _ = huge
    started = time.monotonic()
    text = format_report(report)
    assert time.monotonic() - started < 2.0
    assert text.count("\nCredential ") == SHOWN_CONFIGURATIONS
    assert len(text.splitlines()) < 1500
    more = COUNT - SHOWN_CONFIGURATIONS
    assert f"… and {more} more credential configurations not listed" in text
    assert f"{COUNT - EXPLORED_CONFIGURATIONS} not examined" in text
    assert "more findings" in text


def test_the_json_counts_what_was_left_out(huge: tuple[IssuerReport, float]) -> None:
    report, _ = huge
    doc = report.to_json()
    assert doc["credential_configurations_omitted"] == COUNT - EXPLORED_CONFIGURATIONS
    assert len(json.dumps(doc)) < 1_000_000
