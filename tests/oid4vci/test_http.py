"""HttpSession: URL policy, size cap, error mapping, DPoP nonce retry, trace (MockTransport)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import get_args

import httpx
import pytest

from wallet_app.errors import IssuerError, NetworkError
from wallet_app.oid4vci.dpop import DPoPKey, access_token_hash
from wallet_app.oid4vci.error_response import EndpointRequest, issuer_error
from wallet_app.oid4vci.exchange import Exchange
from wallet_app.oid4vci.http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DPoPSession,
    HttpResponse,
    HttpSession,
    check_url,
    is_loopback_url,
)

Handler = Callable[[httpx.Request], httpx.Response]


def _payload(jwt: str) -> dict[str, object]:
    part = jwt.split(".")[1]
    data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert isinstance(data, dict)
    return data


class Recorder:
    """A MockTransport handler that records requests and answers from a list or a function."""

    def __init__(self, *answers: httpx.Response | Handler | BaseException) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer


def _session(
    handler: Recorder, **kwargs: object
) -> tuple[HttpSession, list[Exchange], httpx.Client]:
    seen: list[Exchange] = []
    http = httpx.Client(transport=httpx.MockTransport(handler))
    session = HttpSession(http, on_exchange=seen.append, **kwargs)  # type: ignore[arg-type]
    return session, seen, http


# -- URL policy --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://localhost:8080/x", True),
        ("http://wallet.localhost/", False),
        ("http://LOCALHOST/", True),
        ("http://127.0.0.1/", True),
        ("http://127.3.4.5:9/", True),
        ("http://[::1]:8000/", True),
        ("https://issuer.example/", False),
        ("https://10.0.0.1/", False),
        ("https://localhost.example.com/", False),
        ("not a url", False),
    ],
)
def test_is_loopback_url(url: str, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


def test_check_url_policy() -> None:
    assert check_url("https://issuer.example/x") is False
    assert check_url("https://127.0.0.1/x") is True
    assert check_url("http://127.0.0.1:5000/x") is True
    assert check_url("http://localhost/x") is True


@pytest.mark.parametrize(
    "url",
    ["http://issuer.example/x", "ftp://issuer.example/", "https:///nohost", "file:///etc/passwd"],
)
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(NetworkError) as info:
        check_url(url)
    assert info.value.code == "insecure_url"


def test_check_url_refuses_http_loopback_when_disallowed() -> None:
    with pytest.raises(NetworkError):
        check_url("http://127.0.0.1/x", allow_http_loopback=False)


def test_check_url_detail_does_not_leak_secrets() -> None:
    with pytest.raises(NetworkError) as info:
        check_url("http://evil.example/cb?code=LEAKME")
    assert "LEAKME" not in (info.value.detail or "")


def test_refused_url_is_not_contacted() -> None:
    handler = Recorder(httpx.Response(200))
    session, seen, _ = _session(handler)
    with pytest.raises(NetworkError):
        session.request("GET", "http://issuer.example/x", step="s")
    assert handler.requests == []
    assert seen == []


def test_http_loopback_allowed_and_marked_local() -> None:
    handler = Recorder(httpx.Response(200, json={}))
    session, seen, _ = _session(handler)
    resp = session.request("GET", "http://127.0.0.1:1234/x", step="s")
    assert resp.status == 200
    assert seen[0].local is True


def test_http_loopback_refused_when_session_disallows_it() -> None:
    handler = Recorder(httpx.Response(200, json={}))
    session, _, _ = _session(handler, allow_http_loopback=False)
    with pytest.raises(NetworkError):
        session.request("GET", "http://127.0.0.1:1234/x", step="s")
    assert handler.requests == []


# -- HttpResponse ------------------------------------------------------------------------------


def test_http_response_json_helpers() -> None:
    resp = HttpResponse(200, {"content-type": "Application/JSON; charset=utf-8"}, b"{}", "u")
    assert resp.content_type == "application/json"
    assert resp.json_object() == {}
    assert HttpResponse(200, {}, b"", "u").content_type == ""


def test_http_response_not_json() -> None:
    resp = HttpResponse(502, {"content-type": "text/html"}, b"<html>", "https://x.test/")
    with pytest.raises(IssuerError) as info:
        resp.json()
    assert info.value.code == "invalid_response"
    assert info.value.status == 502
    assert "text/html" in (info.value.detail or "")
    with pytest.raises(IssuerError):
        HttpResponse(200, {}, b"", "u").json()


def test_http_response_json_object_rejects_arrays() -> None:
    with pytest.raises(IssuerError) as info:
        HttpResponse(200, {}, b"[1]", "u").json_object()
    assert info.value.code == "invalid_response"


# -- DPoPSession -------------------------------------------------------------------------------


def test_dpop_session_nonces_per_origin() -> None:
    session = DPoPSession(DPoPKey.generate(), {"rs https://a.test": "n0"})
    assert session.nonce_for("https://a.test/token") == "n0"
    assert session.nonce_for("https://a.test/token", "as") is None
    session.remember("https://a.test/token", "as-nonce", "as")
    assert session.nonce_for("https://a.test/token", "as") == "as-nonce"
    assert session.nonce_for("https://a.test/token") == "n0"
    session.remember("https://A.test:443/credential", "n1")
    assert session.nonce_for("https://a.test/x") == "n1"
    session.remember("https://a.test/x", None)
    session.remember("https://a.test/x", "")
    assert session.nonce_for("https://a.test/x") == "n1"
    assert session.nonce_for("https://b.test/x") is None
    snapshot = session.nonces()
    snapshot["rs https://a.test"] = "changed"
    assert session.nonces() == {"rs https://a.test": "n1", "as https://a.test": "as-nonce"}


# -- issuer_error ------------------------------------------------------------------------------


def _resp(status: int, body: object = None, headers: dict[str, str] | None = None) -> HttpResponse:
    raw = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    return HttpResponse(status, headers or {}, raw, "https://issuer.test/ep")


def test_issuer_error_known_code() -> None:
    err = issuer_error(
        _resp(400, {"error": "invalid_grant", "error_description": "wrong code"}),
        what="token request",
    )
    assert err.error == "invalid_grant"
    assert err.error_description == "wrong code"
    assert err.status == 400
    assert err.url == "https://issuer.test/ep"
    assert err.code == "invalid_grant"
    assert "code" in err.user_message and "wrong code" in (err.detail or "")


def test_issuer_error_from_www_authenticate() -> None:
    www = 'DPoP realm="x", error="invalid_token", error_description="expired"'
    err = issuer_error(_resp(401, None, {"www-authenticate": www}), what="credential request")
    assert (err.error, err.error_description) == ("invalid_token", "expired")
    err2 = issuer_error(
        _resp(401, None, {"www-authenticate": 'Bearer error="insufficient_scope"'}),
        what="notification",
    )
    assert (err2.error, err2.error_description) == ("insufficient_scope", None)
    assert err2.user_message == "The issuer refused the notification."


def test_issuer_error_ignores_non_string_fields() -> None:
    err = issuer_error(_resp(400, {"error": 5, "error_description": ["x"]}), what="token request")
    assert err.error is None and err.error_description is None
    assert err.user_message == "The issuer refused the token request."


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (
            500,
            b"<html>oops</html>",
            "The issuer had a problem with the nonce request. Try again later.",
        ),
        (503, None, "The issuer had a problem with the nonce request. Try again later."),
        (404, {"error": "not_found"}, "The issuer's nonce request address was not found."),
        (400, [1, 2], "The issuer refused the nonce request."),
        (401, None, "The issuer refused the nonce request."),
    ],
)
def test_issuer_error_generic_messages(status: int, body: object, message: str) -> None:
    err = issuer_error(_resp(status, body), what="nonce request")
    assert err.user_message == message
    assert err.status == status


@pytest.mark.parametrize("what", get_args(EndpointRequest))
def test_issuer_error_has_whole_sentences_for_every_request(what: EndpointRequest) -> None:
    # whole sentences (not "the {what}"), so that translations can get the grammar right
    messages = {issuer_error(_resp(status), what=what).user_message for status in (500, 404, 400)}
    assert len(messages) == 3
    assert all(what in message for message in messages)


# -- requests ----------------------------------------------------------------------------------


def test_request_headers_form_and_trace() -> None:
    handler = Recorder(httpx.Response(200, json={"access_token": "AT-SECRET", "ok": True}))
    session, seen, _ = _session(handler, accept_language="de, en")
    resp = session.request(
        "POST",
        "https://issuer.test/token",
        step="token",
        headers={"X-Extra": "1"},
        form={"grant_type": "authorization_code", "code": "CODE-SECRET", "code_verifier": "V"},
    )
    assert resp.status == 200 and resp.json_object()["ok"] is True
    sent = handler.requests[0]
    assert sent.headers["accept"] == "application/json"
    assert sent.headers["accept-language"] == "de, en"
    assert sent.headers["x-extra"] == "1"
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert "authorization" not in sent.headers and "dpop" not in sent.headers
    assert b"code=CODE-SECRET" in sent.content
    [ex] = seen
    assert ex.step == "token" and ex.method == "POST" and ex.status == 200
    assert ex.local is False and ex.error is None and ex.duration_ms >= 0
    dump = json.dumps(ex.to_json())
    assert "CODE-SECRET" not in dump and "AT-SECRET" not in dump
    assert "grant_type=authorization_code" in dump


def test_request_json_body_with_bearer_token() -> None:
    handler = Recorder(httpx.Response(200, json={}))
    session, seen, _ = _session(handler)
    session.request(
        "POST",
        "https://issuer.test/credential",
        step="credential",
        json_body={"credential_configuration_id": "x"},
        access_token="AT-1",
        token_type="DPoP",  # without a DPoP session the token can only be presented as Bearer
    )
    sent = handler.requests[0]
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.content) == {"credential_configuration_id": "x"}
    assert sent.headers["authorization"] == "Bearer AT-1"
    assert "accept-language" not in sent.headers
    assert seen[0].request_headers["Authorization"] == "Bearer [redacted]"


def test_request_get_has_no_body() -> None:
    handler = Recorder(httpx.Response(204))
    session, seen, _ = _session(handler)
    resp = session.request("GET", "https://issuer.test/x", step="x")
    assert resp.status == 204 and resp.body == b""
    assert handler.requests[0].content == b""
    assert "content-type" not in handler.requests[0].headers
    assert seen[0].request_body is None


def test_request_without_sink_works() -> None:
    handler = Recorder(httpx.Response(200, json={}))
    http = httpx.Client(transport=httpx.MockTransport(handler))
    session = HttpSession(http)
    assert session.request("GET", "https://issuer.test/x", step="x").status == 200


def test_dpop_headers_with_and_without_token() -> None:
    handler = Recorder(httpx.Response(200, json={}, headers={"DPoP-Nonce": "srv-n"}))
    session, _, _ = _session(handler, clock=lambda: 1_700_000_000.9)
    dpop = DPoPSession(DPoPKey.generate())
    session.request("POST", "https://issuer.test/token?x=1", step="token", form={}, dpop=dpop)
    first = _payload(handler.requests[0].headers["dpop"])
    assert first["htm"] == "POST"
    assert first["htu"] == "https://issuer.test/token"
    assert first["iat"] == 1_700_000_000
    assert "ath" not in first and "nonce" not in first
    assert "authorization" not in handler.requests[0].headers
    # the nonce of the answer is remembered for this origin
    assert dpop.nonce_for("https://issuer.test/credential") == "srv-n"
    session.request(
        "POST",
        "https://issuer.test/credential",
        step="credential",
        json_body={},
        dpop=dpop,
        access_token="AT-2",
        token_type="DPoP",
    )
    second = handler.requests[1]
    assert second.headers["authorization"] == "DPoP AT-2"
    claims = _payload(second.headers["dpop"])
    assert claims["ath"] == access_token_hash("AT-2")
    assert claims["nonce"] == "srv-n"


def _nonce_challenge(status: int) -> httpx.Response:
    if status == 400:
        return httpx.Response(
            400,
            json={"error": "use_dpop_nonce", "error_description": "need nonce"},
            headers={"DPoP-Nonce": "fresh"},
        )
    return httpx.Response(
        401,
        headers={
            "DPoP-Nonce": "fresh",
            "WWW-Authenticate": 'DPoP error="use_dpop_nonce", error_description="nonce"',
        },
    )


@pytest.mark.parametrize("status", [400, 401])
def test_dpop_nonce_challenge_is_retried_once_with_the_nonce(status: int) -> None:
    handler = Recorder(_nonce_challenge(status), httpx.Response(200, json={"ok": 1}))
    session, seen, _ = _session(handler)
    dpop = DPoPSession(DPoPKey.generate())
    resp = session.request(
        "POST", "https://issuer.test/token", step="token", form={"a": "b"}, dpop=dpop
    )
    assert resp.status == 200
    assert len(handler.requests) == 2
    assert "nonce" not in _payload(handler.requests[0].headers["dpop"])
    retry = _payload(handler.requests[1].headers["dpop"])
    assert retry["nonce"] == "fresh"
    first_jti = _payload(handler.requests[0].headers["dpop"])["jti"]
    assert retry["jti"] != first_jti  # a new proof, not a replay
    assert handler.requests[1].content == b"a=b"
    assert [e.step for e in seen] == ["token", "token (DPoP nonce retry)"]


def test_dpop_nonce_challenge_retried_only_once() -> None:
    handler = Recorder(_nonce_challenge(400))
    session, _, _ = _session(handler)
    resp = session.request(
        "POST", "https://issuer.test/token", step="t", form={}, dpop=DPoPSession(DPoPKey.generate())
    )
    assert resp.status == 400
    assert len(handler.requests) == 2


@pytest.mark.parametrize(
    "answer",
    [
        # no DPoP-Nonce header: nothing to retry with
        httpx.Response(400, json={"error": "use_dpop_nonce"}),
        # a different error
        httpx.Response(400, json={"error": "invalid_dpop_proof"}, headers={"DPoP-Nonce": "n"}),
        # 401 without the use_dpop_nonce challenge
        httpx.Response(
            401, headers={"DPoP-Nonce": "n", "WWW-Authenticate": 'DPoP error="invalid_token"'}
        ),
        # other statuses never retry
        httpx.Response(500, json={"error": "use_dpop_nonce"}, headers={"DPoP-Nonce": "n"}),
        httpx.Response(200, json={}, headers={"DPoP-Nonce": "n"}),
    ],
)
def test_no_retry_without_a_nonce_challenge(answer: httpx.Response) -> None:
    handler = Recorder(answer)
    session, _, _ = _session(handler)
    session.request(
        "POST", "https://issuer.test/token", step="t", form={}, dpop=DPoPSession(DPoPKey.generate())
    )
    assert len(handler.requests) == 1


def test_no_retry_without_dpop_session() -> None:
    handler = Recorder(_nonce_challenge(400))
    session, _, _ = _session(handler)
    resp = session.request("POST", "https://issuer.test/token", step="t", form={})
    assert resp.status == 400
    assert len(handler.requests) == 1


# -- size cap ----------------------------------------------------------------------------------


def test_declared_oversized_response_is_refused() -> None:
    handler = Recorder(httpx.Response(200, content=b"x" * 101))
    session, seen, _ = _session(handler, max_response_bytes=100)
    with pytest.raises(NetworkError) as info:
        session.request("GET", "https://issuer.test/big", step="metadata")
    assert info.value.code == "response_too_large"
    assert seen[0].error is not None and seen[0].status is None


def test_streamed_oversized_response_is_cut_off() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(1000):
            yield b"y" * 64

    handler = Recorder(lambda _: httpx.Response(200, content=chunks()))
    session, _, _ = _session(handler, max_response_bytes=1000)
    with pytest.raises(NetworkError) as info:
        session.request("GET", "https://issuer.test/stream", step="s")
    assert info.value.code == "response_too_large"


def test_streamed_response_within_cap_and_odd_content_length() -> None:
    handler = Recorder(
        lambda _: httpx.Response(
            200, headers={"Content-Length": "unknown"}, content=iter([b'{"a":', b"1}"])
        )
    )
    session, _, _ = _session(handler)
    assert session.request("GET", "https://issuer.test/s", step="s").json_object() == {"a": 1}


def test_response_exactly_at_cap_is_accepted() -> None:
    handler = Recorder(httpx.Response(200, content=b"z" * 100))
    session, _, _ = _session(handler, max_response_bytes=100)
    assert len(session.request("GET", "https://issuer.test/x", step="s").body) == 100


def test_default_cap() -> None:
    assert DEFAULT_MAX_RESPONSE_BYTES == 2 * 1024 * 1024


# -- transport failures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "code", "words"),
    [
        (httpx.ReadTimeout("read timed out"), "timeout", "took too long"),
        (httpx.ConnectTimeout("connect timed out"), "timeout", "took too long"),
        (
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            "tls_error",
            "certificate",
        ),
        (httpx.ConnectError("SSL handshake failed"), "tls_error", "secure connection"),
        (httpx.ConnectError("[Errno 111] Connection refused"), "network_error", "reached"),
        (httpx.RemoteProtocolError("peer closed"), "network_error", "connection"),
    ],
)
def test_transport_failures_become_network_errors(exc: Exception, code: str, words: str) -> None:
    handler = Recorder(exc)
    session, seen, _ = _session(handler)
    with pytest.raises(NetworkError) as info:
        session.request("POST", "https://issuer.test/token?code=SECRET", step="token", form={})
    err = info.value
    assert err.code == code
    assert words in err.user_message
    assert "issuer.test" in err.user_message
    assert isinstance(err.__cause__, httpx.HTTPError)
    assert "SECRET" not in (err.detail or "")
    [ex] = seen
    assert ex.status is None and ex.error and "SECRET" not in ex.url


# -- redirects -----------------------------------------------------------------------------------


def _redirect_chain(hops: int, *, final: str = "https://issuer.test/final") -> Recorder:
    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        n = int(path.rsplit("/", 1)[1]) if path.startswith("/hop/") else 0
        if path.startswith("/hop/") and n >= hops:
            return httpx.Response(302, headers={"Location": final})
        if path == "/final":
            return httpx.Response(200, json={"done": True})
        return httpx.Response(302, headers={"Location": f"/hop/{n + 1}"})

    return Recorder(answer)


def test_get_follows_redirects_and_records_each_hop() -> None:
    handler = _redirect_chain(1)
    session, seen, _ = _session(handler)
    resp = session.request("GET", "https://issuer.test/start", step="metadata")
    assert resp.status == 200 and resp.url == "https://issuer.test/final"
    assert [str(r.url) for r in handler.requests] == [
        "https://issuer.test/start",
        "https://issuer.test/hop/1",
        "https://issuer.test/final",
    ]
    assert [e.step for e in seen] == ["metadata", "metadata (redirected)", "metadata (redirected)"]
    assert [e.status for e in seen] == [302, 302, 200]


def test_get_follows_up_to_five_redirects() -> None:
    handler = _redirect_chain(4)  # start -> hop1 -> hop2 -> hop3 -> hop4 -> final: 5 redirects
    session, _, _ = _session(handler)
    assert session.request("GET", "https://issuer.test/start", step="s").status == 200


def test_too_many_redirects() -> None:
    handler = Recorder(lambda r: httpx.Response(302, headers={"Location": "/again?code=SECRET"}))
    session, _, _ = _session(handler)
    with pytest.raises(NetworkError) as info:
        session.request("GET", "https://issuer.test/loop", step="s")
    assert info.value.code == "too_many_redirects"
    assert "SECRET" not in (info.value.detail or "")
    assert len(handler.requests) == 6  # the request and five redirects


def test_redirect_target_is_checked_against_the_url_policy() -> None:
    handler = Recorder(
        lambda r: httpx.Response(302, headers={"Location": "http://evil.example/metadata"})
    )
    session, _, _ = _session(handler)
    with pytest.raises(NetworkError) as info:
        session.request("GET", "https://issuer.test/start", step="s")
    assert info.value.code == "insecure_url"
    assert len(handler.requests) == 1


def test_redirect_without_location_is_returned() -> None:
    handler = Recorder(httpx.Response(302))
    session, _, _ = _session(handler)
    assert session.request("GET", "https://issuer.test/x", step="s").status == 302


@pytest.mark.parametrize("kind", ["post", "token", "dpop"])
def test_no_redirects_for_posts_or_authorized_requests(kind: str) -> None:
    handler = Recorder(httpx.Response(302, headers={"Location": "https://issuer.test/elsewhere"}))
    session, _, _ = _session(handler)
    if kind == "post":
        resp = session.request("POST", "https://issuer.test/x", step="s", form={})
    elif kind == "token":
        resp = session.request("GET", "https://issuer.test/x", step="s", access_token="AT")
    else:
        resp = session.request(
            "GET", "https://issuer.test/x", step="s", dpop=DPoPSession(DPoPKey.generate())
        )
    assert resp.status == 302
    assert len(handler.requests) == 1


def test_issuer_error_falls_back_to_www_authenticate_when_the_body_has_no_error() -> None:
    # e.g. a framework's {"detail": "Unauthorized"} body next to an RFC 6750 challenge
    resp = _resp(
        401,
        {"detail": "Unauthorized"},
        {"www-authenticate": 'Bearer error="invalid_token", error_description="expired"'},
    )
    err = issuer_error(resp, what="credential request")
    assert (err.error, err.error_description) == ("invalid_token", "expired")
    assert err.user_message == "The issuer did not accept the wallet's access token. Start again."


def test_dpop_retry_uses_the_challenge_nonce_even_if_the_slot_changed() -> None:
    sent: list[str | None] = []
    session_key = DPoPKey.generate()
    dpop = DPoPSession(session_key)

    def handle(request: httpx.Request) -> httpx.Response:
        import base64
        import json as _json

        proof = request.headers["DPoP"]
        payload = _json.loads(base64.urlsafe_b64decode(proof.split(".")[1] + "=="))
        sent.append(payload.get("nonce"))
        # another request overwrote the slot meanwhile
        dpop.remember("https://rs.test/c", "someone-elses-nonce")
        if payload.get("nonce") != "challenge-nonce":
            return httpx.Response(
                401,
                headers={
                    "WWW-Authenticate": 'DPoP error="use_dpop_nonce"',
                    "DPoP-Nonce": "challenge-nonce",
                },
            )
        return httpx.Response(200, json={})

    http = HttpSession(httpx.Client(transport=httpx.MockTransport(handle)))
    resp = http.request("POST", "https://rs.test/c", step="c", json_body={}, dpop=dpop)
    assert resp.status == 200
    assert sent == [None, "challenge-nonce"]
