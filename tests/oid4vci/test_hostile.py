"""Hostile or broken issuer input gives a WalletError, never a crash."""

from __future__ import annotations

import io
import json

import httpx
import pytest

from wallet_app import cli
from wallet_app.errors import MetadataError, OfferError, WalletError
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.exchange import redact_body
from wallet_app.oid4vci.http import HttpSession, check_url
from wallet_app.oid4vci.metadata import parse_issuer_metadata
from wallet_app.oid4vci.offer import parse_offer

DEEP = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_offer_json() -> None:
    with pytest.raises(OfferError):
        parse_offer(DEEP)


def test_deeply_nested_response_bodies() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=DEEP.encode(), headers={"Content-Type": "application/json"}
        )

    seen: list[object] = []
    session = HttpSession(
        httpx.Client(transport=httpx.MockTransport(handle)), on_exchange=seen.append
    )
    client = Oid4vciClient(session)
    with pytest.raises(WalletError):
        client.fetch_issuer_metadata("https://i.test")
    assert seen, "the exchange was still recorded"
    assert redact_body(DEEP, "application/json") is not None


@pytest.mark.parametrize(
    "endpoint", ["https://[::1/x", "https://h:abc/x", "https://h:99999/x", "ftp://h/x", "/rel"]
)
def test_invalid_endpoint_urls_in_metadata(endpoint: str) -> None:
    doc = {
        "credential_issuer": "https://i.test",
        "credential_endpoint": endpoint,
        "credential_configurations_supported": {"a": {"format": "dc+sd-jwt", "vct": "x"}},
    }
    with pytest.raises(MetadataError):
        parse_issuer_metadata(doc, expected_issuer="https://i.test")


@pytest.mark.parametrize("url", ["https://h:abc/x", "https://[::1/x", "http://wallet.localhost/"])
def test_check_url_refuses_malformed_and_non_loopback(url: str) -> None:
    with pytest.raises(WalletError) as info:
        check_url(url)
    assert info.value.code == "insecure_url"


def test_cli_triage_turns_an_unexpected_exception_into_one_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wallet_app import commands

    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(commands, "list_credentials", boom)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["list", "--json", "--data-dir", "/nonexistent"], out=out, err=err)
    assert code == 1
    assert json.loads(out.getvalue())["error"]["code"] == "internal_error"
    assert len(err.getvalue().strip().splitlines()) == 1
    assert "Traceback" not in err.getvalue()


def test_options_before_the_command_are_kept() -> None:
    args = cli.build_parser().parse_args(["--data-dir", "X", "--json", "list"])
    assert args.data_dir == "X" and args.json is True
    args = cli.build_parser().parse_args(["list", "--data-dir", "Y"])
    assert args.data_dir == "Y" and args.json is False
