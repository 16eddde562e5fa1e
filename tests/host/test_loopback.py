"""Loopback redirect receiver (RFC 8252 §7.3) over real HTTP on 127.0.0.1."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator

import httpx
import pytest

from wallet_app.host.loopback import LoopbackReceiver

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

CODE = "SplxlOBeZQQYbYS6WxSbIA"


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5) as c:
        yield c


@pytest.fixture
def receiver() -> Iterator[LoopbackReceiver]:
    with LoopbackReceiver() as r:
        r.start()
        yield r


def test_redirect_is_received_and_answered(
    receiver: LoopbackReceiver,
    client: httpx.Client,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/callback", receiver.redirect_uri)
    arrived: list[str] = []
    done = threading.Event()

    def on_redirect(url: str) -> None:
        arrived.append(url)
        done.set()

    receiver.set_callback(on_redirect)

    response = client.get(f"{receiver.redirect_uri}?code={CODE}&state=s%201")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["server"] == "wallet"
    assert "close this tab and return to the wallet" in response.text
    assert "http" not in response.text.replace("http-equiv", "")  # no external resources
    expected = f"{receiver.redirect_uri}?code={CODE}&state=s%201"
    assert receiver.wait(2) == expected
    assert done.wait(2)
    assert arrived == [expected]
    # Quiet: nothing on stderr, and the code never reaches the log.
    assert capfd.readouterr().err == ""
    ours = [r for r in caplog.records if r.name.startswith("wallet_app")]
    assert ours
    assert all(CODE not in r.getMessage() for r in ours)


def test_later_requests_get_the_page_but_are_not_recorded(
    receiver: LoopbackReceiver, client: httpx.Client
) -> None:
    calls: list[str] = []
    receiver.set_callback(calls.append)
    first = client.get(receiver.redirect_uri, params={"code": "first", "state": "s"})
    again = client.get(receiver.redirect_uri, params={"code": "second", "state": "s"})
    assert again.status_code == 200
    assert again.text == first.text
    assert receiver.wait(1) == f"{receiver.redirect_uri}?code=first&state=s"
    assert calls == [f"{receiver.redirect_uri}?code=first&state=s"]


def test_callback_set_after_arrival_is_called_at_once(
    receiver: LoopbackReceiver, client: httpx.Client
) -> None:
    client.get(receiver.redirect_uri, params={"code": "c"})
    assert receiver.wait(2) is not None
    calls: list[str] = []
    receiver.set_callback(calls.append)
    assert calls == [f"{receiver.redirect_uri}?code=c"]


def test_wait_times_out(receiver: LoopbackReceiver) -> None:
    assert receiver.wait(0.05) is None


def test_error_redirect_page_is_escaped(receiver: LoopbackReceiver, client: httpx.Client) -> None:
    response = client.get(
        receiver.redirect_uri,
        params={"error": "access_denied", "error_description": "<script>alert(1)</script>"},
    )
    assert response.status_code == 200
    assert "did not complete" in response.text
    assert "access_denied" in response.text
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    url = receiver.wait(2)
    assert url is not None and "error=access_denied" in url


def test_other_paths_are_404_and_not_recorded(
    receiver: LoopbackReceiver, client: httpx.Client
) -> None:
    base = receiver.redirect_uri.removesuffix("/callback")
    assert client.get(f"{base}/favicon.ico").status_code == 404
    assert client.get(f"{base}/other?code=x").status_code == 404
    assert receiver.wait(0.05) is None


def test_callback_without_code_or_error_is_not_recorded(
    receiver: LoopbackReceiver, client: httpx.Client
) -> None:
    assert client.get(receiver.redirect_uri, params={"state": "s"}).status_code == 400
    assert receiver.wait(0.05) is None


def test_methods_other_than_get_are_refused(
    receiver: LoopbackReceiver, client: httpx.Client
) -> None:
    response = client.post(receiver.redirect_uri, data={"code": "c"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert client.head(receiver.redirect_uri).status_code == 405
    assert receiver.wait(0.05) is None


def test_close_without_a_request_frees_the_port(client: httpx.Client) -> None:
    receiver = LoopbackReceiver()
    uri = receiver.start()
    assert receiver.start() == uri
    receiver.close()
    receiver.close()
    with pytest.raises(httpx.ConnectError):
        client.get(uri, params={"code": "c"})
    with pytest.raises(RuntimeError):
        receiver.start()


def test_redirect_uri_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        _ = LoopbackReceiver().redirect_uri


def test_custom_path_and_title(client: httpx.Client) -> None:
    with LoopbackReceiver(path="/cb", page_title="My <Wallet>") as receiver:
        uri = receiver.start()
        assert uri.endswith("/cb")
        response = client.get(uri, params={"code": "c"})
    assert "<title>My &lt;Wallet&gt;</title>" in response.text


def test_a_redirect_with_another_state_is_ignored() -> None:
    receiver = LoopbackReceiver()
    try:
        uri = receiver.start()
        receiver.expect_state("right")
        with httpx.Client() as client:
            wrong = client.get(uri, params={"code": "c", "state": "wrong"})
            assert wrong.status_code == 400
            assert receiver.wait(0.05) is None
            ok = client.get(uri, params={"code": "c", "state": "right"})
            assert ok.status_code == 200
        assert receiver.wait(1) == f"{uri}?code=c&state=right"
    finally:
        receiver.close()
