"""GET redirects are followed a few hops, each hop checked against the https policy."""

from __future__ import annotations

import httpx
import pytest

from wallet_app.errors import NetworkError
from wallet_app.oid4vci.http import HttpSession


def _session(handler: httpx.MockTransport) -> HttpSession:
    return HttpSession(httpx.Client(transport=handler))


def test_follows_a_redirect_to_https() -> None:
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, json={"ok": True})

    resp = _session(httpx.MockTransport(handle)).request("GET", "https://i.test/old", step="m")
    assert resp.status == 200
    assert seen == ["https://i.test/old", "https://i.test/new"]


def test_refuses_a_redirect_to_plain_http() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://evil.test/x"})

    with pytest.raises(NetworkError) as info:
        _session(httpx.MockTransport(handle)).request("GET", "https://i.test/a", step="m")
    assert info.value.code == "insecure_url"


def test_stops_after_five_hops() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(307, headers={"Location": str(request.url) + "x"})

    with pytest.raises(NetworkError) as info:
        _session(httpx.MockTransport(handle)).request("GET", "https://i.test/a", step="m")
    assert info.value.code == "too_many_redirects"


def test_post_is_never_redirected() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "https://i.test/elsewhere"})

    resp = _session(httpx.MockTransport(handle)).request(
        "POST", "https://i.test/token", step="t", form={"a": "b"}
    )
    assert resp.status == 302
