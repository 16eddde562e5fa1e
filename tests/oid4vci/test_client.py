"""Oid4vciClient against hostile and odd servers (httpx.MockTransport routes)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest

from wallet_app.errors import IssuerError, MetadataError, NetworkError, OfferError
from wallet_app.oid4vci.client import FetchAttempt, Oid4vciClient, ParResult
from wallet_app.oid4vci.credential import Deferred, Issued
from wallet_app.oid4vci.dialect import Draft
from wallet_app.oid4vci.dpop import DPoPKey
from wallet_app.oid4vci.exchange import Exchange
from wallet_app.oid4vci.http import DPoPSession, HttpSession
from wallet_app.oid4vci.metadata import parse_auth_server_metadata, parse_issuer_metadata
from wallet_app.oid4vci.models import AuthServerMetadata, IssuerMetadata
from wallet_app.oid4vci.token import TokenSet

ISSUER = "https://issuer.test"
Answer = httpx.Response | Callable[[httpx.Request], httpx.Response] | Exception


class Server:
    """Routes by "METHOD url-without-query"; unknown routes answer 404; records requests."""

    def __init__(self, routes: dict[str, Answer] | None = None) -> None:
        self.routes: dict[str, Answer] = dict(routes or {})
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        key = f"{request.method} {request.url.copy_with(query=None)}"
        answer = self.routes.get(key)
        if answer is None:
            return httpx.Response(404, json={"error": "not_found"})
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.url}" for r in self.requests]


def _client(server: Server) -> tuple[Oid4vciClient, list[Exchange]]:
    seen: list[Exchange] = []
    http = httpx.Client(transport=httpx.MockTransport(server))
    return Oid4vciClient(HttpSession(http, on_exchange=seen.append)), seen


def _issuer_doc(issuer: str = ISSUER, **extra: object) -> dict[str, object]:
    return {
        "credential_issuer": issuer,
        "credential_endpoint": f"{issuer}/credential",
        "nonce_endpoint": f"{issuer}/nonce",
        "deferred_credential_endpoint": f"{issuer}/deferred",
        "notification_endpoint": f"{issuer}/notification",
        "credential_configurations_supported": {"pid": {"format": "dc+sd-jwt", "vct": "urn:pid"}},
        **extra,
    }


def _issuer(**extra: object) -> IssuerMetadata:
    return parse_issuer_metadata(_issuer_doc(**extra), expected_issuer=ISSUER)


def _as(**extra: object) -> AuthServerMetadata:
    doc: dict[str, object] = {
        "issuer": ISSUER,
        "authorization_endpoint": f"{ISSUER}/authorize",
        "token_endpoint": f"{ISSUER}/token",
        "pushed_authorization_request_endpoint": f"{ISSUER}/par",
        **extra,
    }
    return parse_auth_server_metadata(doc, expected_issuer=ISSUER)


def _payload(jwt: str) -> dict[str, object]:
    part = jwt.split(".")[1]
    data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert isinstance(data, dict)
    return data


BEARER = TokenSet(access_token="AT-SECRET", token_type="Bearer")
DPOP_TOKEN = TokenSet(access_token="AT-DPOP", token_type="DPoP")
OFFER = {"credential_issuer": ISSUER, "credential_configuration_ids": ["pid"]}


# -- offer by reference ------------------------------------------------------------------------


def test_fetch_offer_by_reference() -> None:
    server = Server(
        {
            f"GET {ISSUER}/offers/1": httpx.Response(
                200, json=OFFER, headers={"Content-Type": "application/json; charset=utf-8"}
            )
        }
    )
    client, seen = _client(server)
    offer = client.fetch_offer(f"{ISSUER}/offers/1?x=1")
    assert offer.credential_issuer == ISSUER
    assert offer.credential_configuration_ids == ("pid",)
    assert server.requests[0].method == "GET"
    assert seen[0].step == "credential offer"


def test_fetch_offer_http_error() -> None:
    client, _ = _client(Server())
    with pytest.raises(OfferError) as info:
        client.fetch_offer(f"{ISSUER}/offers/gone")
    assert info.value.code == "offer_fetch_failed"
    assert "404" in (info.value.detail or "")


@pytest.mark.parametrize("ctype", ["application/jwt", "text/html", ""])
def test_fetch_offer_wrong_content_type(ctype: str) -> None:
    answer = httpx.Response(
        200, content=json.dumps(OFFER).encode(), headers={"Content-Type": ctype}
    )
    client, _ = _client(Server({f"GET {ISSUER}/o": answer}))
    with pytest.raises(OfferError) as info:
        client.fetch_offer(f"{ISSUER}/o")
    assert "application/json" in (info.value.detail or "")


def test_fetch_offer_not_json() -> None:
    answer = httpx.Response(200, content=b"{oops", headers={"Content-Type": "application/json"})
    client, _ = _client(Server({f"GET {ISSUER}/o": answer}))
    with pytest.raises(OfferError) as info:
        client.fetch_offer(f"{ISSUER}/o")
    assert info.value.code == "invalid_offer"
    assert isinstance(info.value.__cause__, IssuerError)


def test_fetch_offer_json_but_not_an_offer() -> None:
    client, _ = _client(Server({f"GET {ISSUER}/o": httpx.Response(200, json=[1])}))
    with pytest.raises(OfferError):
        client.fetch_offer(f"{ISSUER}/o")


def test_fetch_offer_refuses_plain_http() -> None:
    server = Server()
    client, _ = _client(server)
    with pytest.raises(NetworkError):
        client.fetch_offer("http://issuer.test/o")
    assert server.requests == []


# -- discovery ---------------------------------------------------------------------------------


def test_issuer_metadata_inserted_well_known_first() -> None:
    issuer = f"{ISSUER}/tenant"
    server = Server(
        {
            f"GET {ISSUER}/.well-known/openid-credential-issuer/tenant": httpx.Response(
                200, json=_issuer_doc(issuer)
            )
        }
    )
    client, _ = _client(server)
    found = client.discover_issuer_metadata(issuer)
    assert found.url == f"{ISSUER}/.well-known/openid-credential-issuer/tenant"
    assert found.attempts == (FetchAttempt(found.url, 200, "ok"),)
    md = client.fetch_issuer_metadata(issuer)
    assert md.credential_issuer == issuer and md.url == found.url


def test_issuer_metadata_falls_back_to_appended_well_known() -> None:
    issuer = f"{ISSUER}/tenant"
    appended = f"{issuer}/.well-known/openid-credential-issuer"
    server = Server({f"GET {appended}": httpx.Response(200, json=_issuer_doc(issuer))})
    client, seen = _client(server)
    found = client.discover_issuer_metadata(issuer)
    assert found.url == appended
    assert found.attempts == (
        FetchAttempt(f"{ISSUER}/.well-known/openid-credential-issuer/tenant", 404, "HTTP 404"),
        FetchAttempt(appended, 200, "ok"),
    )
    assert [e.status for e in seen] == [404, 200]
    assert all(e.step == "issuer metadata" for e in seen)


def test_discovery_skips_non_json_and_network_failures() -> None:
    issuer = f"{ISSUER}/t"
    server = Server(
        {
            f"GET {ISSUER}/.well-known/oauth-authorization-server/t": httpx.ReadTimeout("slow"),
            f"GET {issuer}/.well-known/oauth-authorization-server": httpx.Response(
                200, content=b"<html>", headers={"Content-Type": "text/html"}
            ),
            f"GET {issuer}/.well-known/openid-configuration": httpx.Response(
                200, json={"issuer": issuer, "token_endpoint": f"{issuer}/token"}
            ),
        }
    )
    client, _ = _client(server)
    found = client.discover_auth_server_metadata(issuer)
    assert [a.status for a in found.attempts] == [None, 200, 200]
    assert found.attempts[0].outcome.startswith("ReadTimeout")
    assert found.attempts[1].outcome == "not a JSON object"
    md = client.fetch_auth_server_metadata(issuer)
    assert md.token_endpoint == f"{issuer}/token"


def test_discovery_all_fail_lists_every_attempt() -> None:
    server = Server({f"GET {ISSUER}/.well-known/openid-configuration": httpx.Response(500)})
    client, _ = _client(server)
    with pytest.raises(MetadataError) as info:
        client.fetch_auth_server_metadata(ISSUER)
    err = info.value
    assert err.code == "metadata_not_found"
    assert f"{ISSUER}/.well-known/oauth-authorization-server → HTTP 404" in (err.detail or "")
    assert "openid-configuration → HTTP 500" in (err.detail or "")
    assert len(server.requests) == 2  # inserted == appended for an issuer without path


def test_discovery_only_network_failures_raise_the_network_error() -> None:
    server = Server(
        {
            f"GET {ISSUER}/.well-known/openid-credential-issuer": httpx.ConnectError("refused"),
        }
    )
    client, _ = _client(server)
    with pytest.raises(NetworkError) as info:
        client.fetch_issuer_metadata(ISSUER)
    assert "could not be reached" in info.value.user_message


def test_discovery_mixed_failures_are_a_metadata_error() -> None:
    issuer = f"{ISSUER}/t"
    server = Server(
        {f"GET {ISSUER}/.well-known/openid-credential-issuer/t": httpx.ConnectError("refused")}
    )
    client, _ = _client(server)
    with pytest.raises(MetadataError) as info:
        client.fetch_issuer_metadata(issuer)
    assert isinstance(info.value.__cause__, NetworkError)


def test_discovery_stops_at_tls_errors() -> None:
    issuer = f"{ISSUER}/t"
    server = Server(
        {
            f"GET {ISSUER}/.well-known/openid-credential-issuer/t": httpx.ConnectError(
                "[SSL: CERTIFICATE_VERIFY_FAILED]"
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(NetworkError) as info:
        client.fetch_issuer_metadata(issuer)
    assert info.value.code == "tls_error"
    assert len(server.requests) == 1


def test_discovery_refuses_insecure_issuer_without_request() -> None:
    server = Server()
    client, _ = _client(server)
    with pytest.raises(NetworkError) as info:
        client.fetch_issuer_metadata("http://issuer.example")
    assert info.value.code == "insecure_url"
    assert server.requests == []


def test_issuer_metadata_credential_issuer_mismatch() -> None:
    server = Server(
        {
            f"GET {ISSUER}/.well-known/openid-credential-issuer": httpx.Response(
                200, json=_issuer_doc("https://evil.test")
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(MetadataError) as info:
        client.fetch_issuer_metadata(ISSUER)
    assert "evil.test" in (info.value.detail or "")


def test_as_metadata_issuer_mismatch() -> None:
    server = Server(
        {
            f"GET {ISSUER}/.well-known/oauth-authorization-server": httpx.Response(
                200, json={"issuer": "https://other.test", "token_endpoint": f"{ISSUER}/token"}
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(MetadataError):
        client.fetch_auth_server_metadata(ISSUER)


def test_oversized_metadata_is_a_network_error_attempt() -> None:
    server = Server(
        {
            f"GET {ISSUER}/.well-known/openid-credential-issuer": httpx.Response(
                200, content=b"{" + b" " * (3 * 1024 * 1024) + b"}"
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(NetworkError) as info:
        client.fetch_issuer_metadata(ISSUER)
    assert info.value.code == "response_too_large"


# -- PAR ---------------------------------------------------------------------------------------


def test_par_sends_form_and_reads_request_uri() -> None:
    server = Server(
        {
            f"POST {ISSUER}/par": httpx.Response(
                201, json={"request_uri": "urn:ietf:params:oauth:request_uri:abc", "expires_in": 60}
            )
        }
    )
    client, seen = _client(server)
    params = {"client_id": "wallet-app", "code_challenge": "c", "state": "s"}
    result = client.push_authorization_request(_as(), params)
    assert result == ParResult("urn:ietf:params:oauth:request_uri:abc", 60)
    sent = server.requests[0]
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(sent.content.decode()) == {k: [v] for k, v in params.items()}
    assert "dpop" not in sent.headers
    assert seen[0].step == "pushed authorization request"


def test_par_with_dpop_and_odd_expires() -> None:
    server = Server(
        {
            f"POST {ISSUER}/par": httpx.Response(
                200, json={"request_uri": "urn:x", "expires_in": "60"}
            )
        }
    )
    client, _ = _client(server)
    result = client.push_authorization_request(
        _as(), {"a": "b"}, dpop=DPoPSession(DPoPKey.generate())
    )
    assert result == ParResult("urn:x", None)
    assert _payload(server.requests[0].headers["dpop"])["htu"] == f"{ISSUER}/par"


def test_par_without_endpoint() -> None:
    auth = parse_auth_server_metadata(
        {"issuer": ISSUER, "token_endpoint": f"{ISSUER}/token"}, expected_issuer=ISSUER
    )
    server = Server()
    client, _ = _client(server)
    with pytest.raises(MetadataError):
        client.push_authorization_request(auth, {})
    assert server.requests == []


def test_par_error_and_missing_request_uri() -> None:
    server = Server(
        {
            f"POST {ISSUER}/par": httpx.Response(
                400, json={"error": "invalid_request", "error_description": "bad redirect_uri"}
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.push_authorization_request(_as(), {})
    assert info.value.error == "invalid_request"
    assert info.value.error_description == "bad redirect_uri"
    server.routes[f"POST {ISSUER}/par"] = httpx.Response(201, json={"expires_in": 60})
    with pytest.raises(IssuerError) as info2:
        client.push_authorization_request(_as(), {})
    assert "request_uri" in (info2.value.detail or "")


# -- token -------------------------------------------------------------------------------------


def test_request_token_success_and_trace_redaction() -> None:
    server = Server(
        {
            f"POST {ISSUER}/token": httpx.Response(
                200, json={"access_token": "AT-SECRET", "token_type": "Bearer", "expires_in": 60}
            )
        }
    )
    client, seen = _client(server)
    form = {"grant_type": "authorization_code", "code": "CODE-SECRET", "code_verifier": "VER"}
    token = client.request_token(_as(), form)
    assert token.access_token == "AT-SECRET" and token.expires_in == 60
    assert parse_qs(server.requests[0].content.decode())["code"] == ["CODE-SECRET"]
    dump = json.dumps([e.to_json() for e in seen])
    for secret in ("AT-SECRET", "CODE-SECRET", "VER"):
        assert secret not in dump


def test_request_token_error_carries_the_oauth_error() -> None:
    server = Server({f"POST {ISSUER}/token": httpx.Response(400, json={"error": "invalid_grant"})})
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.request_token(_as(), {"grant_type": "x"})
    assert info.value.error == "invalid_grant"
    assert info.value.code == "invalid_grant"
    assert info.value.url == f"{ISSUER}/token"


def test_request_token_unusable_body() -> None:
    server = Server({f"POST {ISSUER}/token": httpx.Response(200, json={"token_type": "Bearer"})})
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.request_token(_as(), {})
    assert info.value.code == "invalid_token_response"


def _jwt_header(jwt: str) -> dict[str, object]:
    part = jwt.split(".")[0]
    data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert isinstance(data, dict)
    return data


def test_refresh_token_sends_the_grant_with_a_dpop_proof_of_the_same_key() -> None:
    server = Server(
        {
            f"POST {ISSUER}/token": httpx.Response(
                200,
                json={"access_token": "AT-2", "token_type": "DPoP", "refresh_token": "RT-2"},
            )
        }
    )
    client, seen = _client(server)
    session = DPoPSession(DPoPKey.generate())
    token = client.refresh_token(_as(), refresh_token="RT-1", client_id="wallet-app", dpop=session)
    assert (token.access_token, token.token_type, token.refresh_token) == ("AT-2", "DPoP", "RT-2")
    [sent] = server.requests
    assert parse_qs(sent.content.decode()) == {
        "grant_type": ["refresh_token"],
        "refresh_token": ["RT-1"],
        "client_id": ["wallet-app"],
    }
    assert _jwt_header(sent.headers["dpop"])["jwk"] == session.key.public_jwk()
    dump = json.dumps([e.to_json() for e in seen])
    assert "RT-1" not in dump and "RT-2" not in dump and "AT-2" not in dump


def test_refresh_token_keeps_the_old_refresh_token_and_maps_errors() -> None:
    answers = [
        httpx.Response(200, json={"access_token": "AT-2", "token_type": "Bearer"}),
        httpx.Response(400, json={"error": "invalid_grant"}),
    ]
    server = Server({f"POST {ISSUER}/token": lambda request: answers.pop(0)})
    client, _ = _client(server)
    token = client.refresh_token(_as(), refresh_token="RT-1", client_id=None, dpop=None)
    assert token.refresh_token == "RT-1"  # RFC 6749 §6: none issued, the old one stays
    assert "client_id" not in parse_qs(server.requests[0].content.decode())
    assert "dpop" not in server.requests[0].headers
    with pytest.raises(IssuerError) as info:
        client.refresh_token(_as(), refresh_token="RT-1", client_id=None, dpop=None)
    assert info.value.error == "invalid_grant"


# -- nonce -------------------------------------------------------------------------------------


def test_fetch_nonce_posts_without_token_and_keeps_dpop_nonce() -> None:
    server = Server(
        {
            f"POST {ISSUER}/nonce": httpx.Response(
                200, json={"c_nonce": "cn-1"}, headers={"DPoP-Nonce": "dn-1"}
            )
        }
    )
    client, seen = _client(server)
    dpop = DPoPSession(DPoPKey.generate())
    assert client.fetch_nonce(_issuer(), dpop=dpop) == "cn-1"
    sent = server.requests[0]
    assert sent.method == "POST" and sent.content == b""
    assert "authorization" not in sent.headers and "dpop" not in sent.headers
    assert dpop.nonce_for(f"{ISSUER}/credential") == "dn-1"
    assert seen[0].step == "nonce"
    assert client.fetch_nonce(_issuer()) == "cn-1"


def test_fetch_nonce_failures() -> None:
    issuer = parse_issuer_metadata(
        {k: v for k, v in _issuer_doc().items() if k != "nonce_endpoint"}, expected_issuer=ISSUER
    )
    client, _ = _client(Server())
    with pytest.raises(MetadataError):
        client.fetch_nonce(issuer)
    with pytest.raises(IssuerError) as info:
        client.fetch_nonce(_issuer())  # 404
    assert info.value.status == 404
    server = Server({f"POST {ISSUER}/nonce": httpx.Response(200, json={"c_nonce": ""})})
    client2, _ = _client(server)
    with pytest.raises(IssuerError) as info2:
        client2.fetch_nonce(_issuer())
    assert "c_nonce" in (info2.value.detail or "")


# -- credential --------------------------------------------------------------------------------


def test_request_credential_bearer() -> None:
    server = Server(
        {
            f"POST {ISSUER}/credential": httpx.Response(
                200, json={"credentials": [{"credential": "CRED-SECRET~"}], "notification_id": "n"}
            )
        }
    )
    client, seen = _client(server)
    body = {"credential_configuration_id": "pid", "proofs": {"jwt": ["p"]}}
    result = client.request_credential(
        _issuer(), BEARER, body, dpop=DPoPSession(DPoPKey.generate())
    )
    assert result == Issued(("CRED-SECRET~",), "n")
    sent = server.requests[0]
    assert sent.headers["authorization"] == "Bearer AT-SECRET"
    # a Bearer token is never presented with a DPoP proof
    assert "dpop" not in sent.headers
    assert json.loads(sent.content) == body
    dump = json.dumps([e.to_json() for e in seen])
    assert "CRED-SECRET" not in dump and "AT-SECRET" not in dump


def test_request_credential_dpop_and_deferred() -> None:
    server = Server(
        {
            f"POST {ISSUER}/credential": httpx.Response(
                202, json={"transaction_id": "tx", "interval": 2}
            )
        }
    )
    client, _ = _client(server)
    dpop = DPoPSession(DPoPKey.generate())
    result = client.request_credential(_issuer(), DPOP_TOKEN, {}, dpop=dpop)
    assert result == Deferred("tx", 2)
    sent = server.requests[0]
    assert sent.headers["authorization"] == "DPoP AT-DPOP"
    assert "ath" in _payload(sent.headers["dpop"])


def test_request_credential_error_from_www_authenticate() -> None:
    server = Server(
        {
            f"POST {ISSUER}/credential": httpx.Response(
                401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.request_credential(_issuer(), BEARER, {})
    assert info.value.error == "invalid_token"
    assert info.value.status == 401


def test_request_credential_invalid_nonce_is_an_issuer_error() -> None:
    server = Server(
        {f"POST {ISSUER}/credential": httpx.Response(400, json={"error": "invalid_nonce"})}
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.request_credential(_issuer(), BEARER, {})
    assert info.value.error == "invalid_nonce"


def test_request_credential_non_json_success() -> None:
    server = Server(
        {
            f"POST {ISSUER}/credential": httpx.Response(
                200, content=b"eyJ.x.y", headers={"Content-Type": "application/jwt"}
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.request_credential(_issuer(), BEARER, {})
    # an encrypted answer the wallet never asked for is refused (§10)
    assert info.value.code == "invalid_encrypted_response"


def test_request_credential_plain_text_success() -> None:
    server = Server(
        {
            f"POST {ISSUER}/credential": httpx.Response(
                200, content=b"not json", headers={"Content-Type": "text/plain"}
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.request_credential(_issuer(), BEARER, {})
    assert info.value.code == "invalid_response"


@pytest.mark.parametrize(
    ("config", "nonce_endpoint", "draft", "top_level_alg"),
    [
        (
            {"format": "vc+sd-jwt", "vct": "urn:pid", "claims": {"given_name": {}}},
            False,
            "13",
            True,
        ),
        ({"format": "dc+sd-jwt", "vct": "urn:pid"}, True, "15", True),
        ({"format": "dc+sd-jwt", "vct": "urn:pid", "credential_metadata": {}}, True, "1.0", False),
        # the flow's draft decides, not the metadata: a 1.0-looking issuer spoken to as
        # draft 14 (a profile's override) gets the top-level alg, and the reverse
        ({"format": "dc+sd-jwt", "vct": "urn:pid", "credential_metadata": {}}, True, "14", True),
        (
            {"format": "vc+sd-jwt", "vct": "urn:pid", "claims": {"given_name": {}}},
            False,
            "1.0",
            False,
        ),
    ],
)
def test_response_encryption_object_per_draft(
    config: dict[str, object], nonce_endpoint: bool, draft: Draft, top_level_alg: bool
) -> None:
    """Drafts 13-15 require ``alg`` beside ``jwk`` and ``enc`` in the request's
    ``credential_response_encryption``; 1.0 has only ``jwk`` (carrying ``alg``), ``enc``.
    The flow's draft is passed in (``draft``), as for the deferred request."""
    encryption = {
        "credential_response_encryption": {
            "alg_values_supported": ["ECDH-ES"],
            "enc_values_supported": ["A128GCM"],
            "encryption_required": True,
        }
    }
    doc = _issuer_doc(**encryption)
    if not nonce_endpoint:
        del doc["nonce_endpoint"]
    doc["credential_configurations_supported"] = {"pid": config}
    issuer = parse_issuer_metadata(doc, expected_issuer=ISSUER)
    server = Server(
        {f"POST {ISSUER}/credential": httpx.Response(400, json={"error": "invalid_proof"})}
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError):
        client.request_credential(
            issuer, BEARER, {"credential_configuration_id": "pid"}, draft=draft
        )
    sent = json.loads(server.requests[0].content)["credential_response_encryption"]
    assert sent["enc"] == "A128GCM" and sent["jwk"]["alg"] == "ECDH-ES"
    assert sent.get("alg") == ("ECDH-ES" if top_level_alg else None)


# -- deferred ----------------------------------------------------------------------------------


def test_deferred_issued() -> None:
    server = Server(
        {
            f"POST {ISSUER}/deferred": httpx.Response(
                200, json={"credentials": [{"credential": "c"}]}
            )
        }
    )
    client, seen = _client(server)
    assert client.request_deferred(_issuer(), BEARER, "tx-1") == Issued(("c",))
    assert json.loads(server.requests[0].content) == {"transaction_id": "tx-1"}
    assert server.requests[0].headers["authorization"] == "Bearer AT-SECRET"
    assert seen[0].step == "deferred credential"


def test_deferred_draft11_sends_the_acceptance_token_as_bearer() -> None:
    """Draft 11 §8.1: the acceptance_token is the Bearer token (even after a DPoP token
    flow), no transaction_id is posted; the draft's answer is ``format`` + ``credential``."""
    server = Server(
        {
            f"POST {ISSUER}/deferred": httpx.Response(
                200, json={"format": "jwt_vc_json", "credential": "c"}
            )
        }
    )
    client, seen = _client(server)
    result = client.request_deferred(
        _issuer(), DPOP_TOKEN, "8xLOxBtZp8", dpop=DPoPSession(DPoPKey.generate()), draft="11"
    )
    assert result == Issued(("c",))
    request = server.requests[0]
    assert request.headers["authorization"] == "Bearer 8xLOxBtZp8"
    assert "dpop" not in request.headers
    assert json.loads(request.content) == {}
    assert seen[0].request_headers["Authorization"] == "Bearer [redacted]"


@pytest.mark.parametrize("draft", ["13", "14", "15"])
def test_deferred_draft13_to_15_post_the_transaction_id(draft: str) -> None:
    server = Server(
        {f"POST {ISSUER}/deferred": httpx.Response(400, json={"error": "issuance_pending"})}
    )
    client, _ = _client(server)
    assert client.request_deferred(_issuer(), BEARER, "tx", draft=draft) == Deferred("tx", 5)  # type: ignore[arg-type]
    assert json.loads(server.requests[0].content) == {"transaction_id": "tx"}
    assert server.requests[0].headers["authorization"] == "Bearer AT-SECRET"


def test_deferred_still_pending_keeps_our_transaction_id() -> None:
    server = Server(
        {
            f"POST {ISSUER}/deferred": httpx.Response(
                202, json={"transaction_id": "new", "interval": 9}
            )
        }
    )
    client, _ = _client(server)
    assert client.request_deferred(_issuer(), BEARER, "tx-1") == Deferred("tx-1", 9)
    server.routes[f"POST {ISSUER}/deferred"] = httpx.Response(
        202, json={"transaction_id": "tx-1", "interval": 4}
    )
    assert client.request_deferred(_issuer(), BEARER, "tx-1") == Deferred("tx-1", 4)


@pytest.mark.parametrize(
    ("answer", "interval"),
    [
        (httpx.Response(400, json={"error": "issuance_pending", "interval": 3}), 3),
        (httpx.Response(400, json={"error": "issuance_pending"}), 5),
        (httpx.Response(400, json={"error": "issuance_pending", "interval": 0}), 5),
        (
            httpx.Response(400, headers={"WWW-Authenticate": 'Bearer error="issuance_pending"'}),
            5,
        ),
    ],
)
def test_deferred_draft13_issuance_pending(answer: httpx.Response, interval: int) -> None:
    client, _ = _client(Server({f"POST {ISSUER}/deferred": answer}))
    assert client.request_deferred(_issuer(), BEARER, "tx-1") == Deferred("tx-1", interval)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (httpx.Response(400, json={"error": "invalid_transaction_id"}), "invalid_transaction_id"),
        (httpx.Response(500), None),
        (
            httpx.Response(401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}),
            "invalid_token",
        ),
    ],
)
def test_deferred_errors(answer: httpx.Response, error: str | None) -> None:
    client, _ = _client(Server({f"POST {ISSUER}/deferred": answer}))
    with pytest.raises(IssuerError) as info:
        client.request_deferred(_issuer(), BEARER, "tx-1")
    assert info.value.error == error


def test_deferred_without_endpoint() -> None:
    issuer = parse_issuer_metadata(
        {k: v for k, v in _issuer_doc().items() if k != "deferred_credential_endpoint"},
        expected_issuer=ISSUER,
    )
    server = Server()
    client, _ = _client(server)
    with pytest.raises(MetadataError):
        client.request_deferred(issuer, BEARER, "tx")
    assert server.requests == []


def test_deferred_with_dpop_token() -> None:
    server = Server({f"POST {ISSUER}/deferred": httpx.Response(202, json={"transaction_id": "t"})})
    client, _ = _client(server)
    client.request_deferred(_issuer(), DPOP_TOKEN, "t", dpop=DPoPSession(DPoPKey.generate()))
    assert server.requests[0].headers["authorization"] == "DPoP AT-DPOP"
    assert "dpop" in server.requests[0].headers


# -- notification ------------------------------------------------------------------------------


def test_notify_sends_event() -> None:
    server = Server({f"POST {ISSUER}/notification": httpx.Response(204)})
    client, seen = _client(server)
    client.notify(_issuer(), BEARER, "n-1", "credential_failure", description='bad "key"')
    sent = server.requests[0]
    assert json.loads(sent.content) == {
        "notification_id": "n-1",
        "event": "credential_failure",
        "event_description": "bad key",
    }
    assert sent.headers["authorization"] == "Bearer AT-SECRET"
    assert seen[0].step == "notification"


def test_notify_error_and_no_endpoint() -> None:
    server = Server(
        {
            f"POST {ISSUER}/notification": httpx.Response(
                400, json={"error": "invalid_notification_id"}
            )
        }
    )
    client, _ = _client(server)
    with pytest.raises(IssuerError) as info:
        client.notify(_issuer(), BEARER, "n-1", "credential_accepted")
    assert info.value.error == "invalid_notification_id"
    issuer = parse_issuer_metadata(
        {k: v for k, v in _issuer_doc().items() if k != "notification_endpoint"},
        expected_issuer=ISSUER,
    )
    before = len(server.requests)
    assert client.notify(issuer, BEARER, "n-1", "credential_accepted") is None
    assert len(server.requests) == before
