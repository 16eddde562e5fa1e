"""Offer resolution: speculative AS fetch, metadata cache, grant choice, legacy AS fallback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import MetadataError, NetworkError, OfferError
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.offer import parse_offer_json
from wallet_app.wallet.resolve import (
    MetadataCache,
    ResolvedIssuer,
    choose_grant,
    read_offer,
    resolve_issuer,
)

BASE = "https://issuer.test"


class Timed(httpx.BaseTransport):
    """Wraps a transport and records (path, start, end) of every request, thread-safely."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.calls: list[tuple[str, float, float]] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = time.monotonic()
        response = self.inner.handle_request(request)
        response.read()
        end = time.monotonic()
        with self._lock:
            self.calls.append((request.url.path, start, end))
        return response

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.calls]

    def span(self, path: str) -> tuple[float, float]:
        [(s, e)] = [(s, e) for p, s, e in self.calls if p == path]
        return s, e


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield pool


def _client(transport: httpx.BaseTransport) -> Oid4vciClient:
    return Oid4vciClient(HttpSession(httpx.Client(transport=transport)))


def _demo(config: DemoConfig | None = None) -> tuple[DemoIssuer, Timed]:
    issuer = DemoIssuer(BASE, config=config or DemoConfig())
    return issuer, Timed(httpx.WSGITransport(app=issuer))


# -- MetadataCache -----------------------------------------------------------------------------


def test_metadata_cache_ttl_and_clear(executor: ThreadPoolExecutor) -> None:
    now = [100.0]
    cache = MetadataCache(ttl=10, clock=lambda: now[0])
    issuer, timed = _demo()
    resolved = resolve_issuer(_client(timed), cache, executor, issuer.credential_issuer)
    assert cache.issuer(BASE) is resolved.issuer
    assert cache.auth_server(BASE) is resolved.auth_server
    now[0] = 109.9
    assert cache.issuer(BASE) is not None
    now[0] = 110.0
    assert cache.issuer(BASE) is None and cache.auth_server(BASE) is None
    cache.put_issuer(resolved.issuer)
    cache.put_auth_server(resolved.auth_server)
    cache.clear()
    assert cache.issuer(BASE) is None and cache.auth_server(BASE) is None
    assert cache.issuer("https://unknown.test") is None


def test_cached_metadata_needs_no_request(executor: ThreadPoolExecutor) -> None:
    _issuer, timed = _demo()
    cache = MetadataCache()
    client = _client(timed)
    first = resolve_issuer(client, cache, executor, BASE)
    count = len(timed.calls)
    assert count == 2
    second = resolve_issuer(client, cache, executor, BASE)
    assert len(timed.calls) == count
    assert second.issuer is first.issuer and second.auth_server is first.auth_server


# -- speculative AS fetch ----------------------------------------------------------------------


def test_issuer_and_as_metadata_are_fetched_side_by_side(executor: ThreadPoolExecutor) -> None:
    issuer, timed = _demo()
    issuer.faults.latency = 0.15
    resolved = resolve_issuer(_client(timed), MetadataCache(), executor, BASE)
    assert resolved.auth_server.issuer == BASE
    a_start, a_end = timed.span("/.well-known/openid-credential-issuer")
    b_start, b_end = timed.span("/.well-known/oauth-authorization-server")
    # the two requests overlap in time: one round trip, not two
    assert a_start < b_end and b_start < a_end


def test_an_offer_hint_is_not_contacted_before_the_issuer_lists_it(
    executor: ThreadPoolExecutor,
) -> None:
    issuer, timed = _demo(DemoConfig(separate_as_path="/as"))
    issuer.faults.latency = 0.05
    resolved = resolve_issuer(_client(timed), MetadataCache(), executor, BASE, as_hint=f"{BASE}/as")
    assert resolved.auth_server.issuer == f"{BASE}/as"
    assert resolved.issuer.authorization_servers == (f"{BASE}/as",)
    _a_start, a_end = timed.span("/.well-known/openid-credential-issuer")
    b_start, _b_end = timed.span("/.well-known/oauth-authorization-server/as")
    assert b_start >= a_end  # fetched only after the issuer's metadata named it


def test_wrong_guess_falls_back_to_the_listed_as(executor: ThreadPoolExecutor) -> None:
    _issuer, timed = _demo(DemoConfig(separate_as_path="/as"))
    resolved = resolve_issuer(_client(timed), MetadataCache(), executor, BASE)
    assert resolved.auth_server.issuer == f"{BASE}/as"
    executor.shutdown(wait=True)  # let the wrong guess finish
    assert "/.well-known/oauth-authorization-server/as" in timed.paths()


def test_hint_not_listed_by_the_issuer_is_refused(executor: ThreadPoolExecutor) -> None:
    _, timed = _demo(DemoConfig(separate_as_path="/as"))
    with pytest.raises(MetadataError) as info:
        resolve_issuer(_client(timed), MetadataCache(), executor, BASE, as_hint="https://evil.test")
    assert "evil.test" in (info.value.detail or "")


def test_cached_as_skips_speculation(executor: ThreadPoolExecutor) -> None:
    _issuer, timed = _demo()
    cache = MetadataCache()
    client = _client(timed)
    resolve_issuer(client, cache, executor, BASE)
    cache._issuers.clear()  # only the issuer metadata has expired
    timed.calls.clear()
    resolve_issuer(client, cache, executor, BASE)
    assert timed.paths() == ["/.well-known/openid-credential-issuer"]


def test_issuer_metadata_failure_is_raised(executor: ThreadPoolExecutor) -> None:
    issuer, timed = _demo()
    issuer.faults.fail_next("metadata", 500, "server_error")
    issuer.faults.fail_next("metadata", 500, "server_error")
    with pytest.raises(MetadataError) as info:
        resolve_issuer(_client(timed), MetadataCache(), executor, BASE)
    assert "HTTP 500" in (info.value.detail or "")


def test_as_metadata_failure_without_legacy_endpoint_is_raised(
    executor: ThreadPoolExecutor,
) -> None:
    issuer, timed = _demo()
    for _ in range(3):
        issuer.faults.fail_next("as_metadata", 500, "server_error")
    with pytest.raises(MetadataError):
        resolve_issuer(_client(timed), MetadataCache(), executor, BASE)


def test_listed_as_failure_without_legacy_endpoint_is_raised(
    executor: ThreadPoolExecutor,
) -> None:
    issuer, timed = _demo(DemoConfig(separate_as_path="/as"))
    for _ in range(3):
        issuer.faults.fail_next("as_metadata", 500, "server_error")
    with pytest.raises(MetadataError):
        resolve_issuer(_client(timed), MetadataCache(), executor, BASE)


# -- legacy (draft 11) issuers -----------------------------------------------------------------


def _legacy_server(
    *, token_endpoint: bool = True, listed_as: bool = False
) -> Callable[[httpx.Request], httpx.Response]:
    doc: dict[str, object] = {
        "credential_issuer": BASE,
        "credential_endpoint": f"{BASE}/credential",
        "credential_configurations_supported": {"pid": {"format": "dc+sd-jwt", "vct": "v"}},
    }
    if token_endpoint:
        doc["token_endpoint"] = f"{BASE}/token"
    if listed_as:
        doc["authorization_server"] = f"{BASE}/as"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/.well-known/openid-credential-issuer":
            return httpx.Response(200, json=doc)
        return httpx.Response(404)

    return handler


@pytest.mark.parametrize("listed_as", [False, True])
def test_legacy_token_endpoint_fallback(executor: ThreadPoolExecutor, listed_as: bool) -> None:
    transport = httpx.MockTransport(_legacy_server(listed_as=listed_as))
    resolved = resolve_issuer(_client(transport), MetadataCache(), executor, BASE)
    assert resolved.auth_server.token_endpoint == f"{BASE}/token"
    assert resolved.auth_server.pre_authorized_grant_anonymous_access_supported is True
    assert resolved.auth_server.authorization_endpoint is None


def test_no_as_and_no_legacy_endpoint(executor: ThreadPoolExecutor) -> None:
    transport = httpx.MockTransport(_legacy_server(token_endpoint=False))
    with pytest.raises(MetadataError) as info:
        resolve_issuer(_client(transport), MetadataCache(), executor, BASE)
    assert info.value.code == "metadata_not_found"


def test_legacy_resolved_issuer_survives_a_json_round_trip(executor: ThreadPoolExecutor) -> None:
    # the deferred context and the pending authorization are rebuilt from to_json()
    transport = httpx.MockTransport(_legacy_server())
    resolved = resolve_issuer(_client(transport), MetadataCache(), executor, BASE)
    again = ResolvedIssuer.from_json(resolved.to_json())
    assert again.auth_server.token_endpoint == f"{BASE}/token"
    assert again.issuer.credential_issuer == BASE


# -- ResolvedIssuer JSON -----------------------------------------------------------------------


def test_resolved_issuer_round_trip_and_local_flag(executor: ThreadPoolExecutor) -> None:
    _issuer, timed = _demo(DemoConfig(separate_as_path="/as"))
    resolved = resolve_issuer(_client(timed), MetadataCache(), executor, BASE, as_hint=f"{BASE}/as")
    assert resolved.local is False
    data = resolved.to_json()
    again = ResolvedIssuer.from_json(data)
    assert again.issuer.credential_issuer == BASE
    assert again.auth_server.issuer == f"{BASE}/as"
    assert again.auth_server.url == resolved.auth_server.url
    assert again.issuer.configurations.keys() == resolved.issuer.configurations.keys()


def test_resolved_issuer_local_for_loopback(executor: ThreadPoolExecutor) -> None:
    issuer = DemoIssuer("http://127.0.0.1:8123")
    resolved = resolve_issuer(
        _client(httpx.WSGITransport(app=issuer)), MetadataCache(), executor, issuer.base_url
    )
    assert resolved.local is True


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"issuer": {"doc": {}}, "auth_server": "x"},
        {"issuer": {"id": BASE}, "auth_server": {}},
        {"issuer": {"id": BASE, "doc": []}, "auth_server": {"doc": {}}},
    ],
)
def test_resolved_issuer_from_damaged_json(data: dict[str, object]) -> None:
    with pytest.raises(MetadataError):
        ResolvedIssuer.from_json(data)


# -- offers and grants -------------------------------------------------------------------------


def test_read_offer_by_value_and_by_reference() -> None:
    issuer, timed = _demo()
    client = _client(timed)
    by_value = issuer.create_offer(["pid_sd_jwt"])
    assert read_offer(client, by_value.uri).credential_issuer == BASE
    assert timed.calls == []
    by_ref = issuer.create_offer(["mdl_mdoc"], by_reference=True)
    offer = read_offer(client, by_ref.uri)
    assert offer.credential_configuration_ids == ("mdl_mdoc",)
    assert timed.paths()[0].startswith("/offers/")


def test_read_offer_garbage() -> None:
    with pytest.raises(OfferError):
        read_offer(_client(httpx.MockTransport(lambda r: httpx.Response(500))), "hello")


def test_read_offer_insecure_reference() -> None:
    with pytest.raises((OfferError, NetworkError)):
        read_offer(
            _client(httpx.MockTransport(lambda r: httpx.Response(500))),
            "openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fevil.example%2Fo",
        )


def _offer(grants: dict[str, object]) -> object:
    return parse_offer_json(
        {"credential_issuer": BASE, "credential_configuration_ids": ["pid"], "grants": grants}
    )


PRE = {"urn:ietf:params:oauth:grant-type:pre-authorized_code": {"pre-authorized_code": "p"}}
CODE = {"authorization_code": {}}


def test_choose_grant() -> None:
    both = _offer({**PRE, **CODE})
    assert choose_grant(both, None) == "pre-authorized_code"  # type: ignore[arg-type]
    assert choose_grant(both, "authorization_code") == "authorization_code"  # type: ignore[arg-type]
    assert choose_grant(_offer(CODE), None) == "authorization_code"  # type: ignore[arg-type]
    assert choose_grant(_offer(PRE), "pre-authorized_code") == "pre-authorized_code"  # type: ignore[arg-type]
    # no grants at all: the code flow (grants are discovered from the AS, §4.1.1)
    assert choose_grant(_offer({}), None) == "authorization_code"  # type: ignore[arg-type]
    assert choose_grant(_offer({}), "pre-authorized_code") == "authorization_code"  # type: ignore[arg-type]


def test_choose_grant_refuses_a_grant_not_offered() -> None:
    with pytest.raises(OfferError) as info:
        choose_grant(_offer(PRE), "authorization_code")  # type: ignore[arg-type]
    assert info.value.code == "grant_not_offered"


def test_unsupported_configurations_are_refused_before_any_code_is_spent() -> None:
    from wallet_app.errors import AttestationRequired
    from wallet_app.oid4vci.metadata import parse_issuer_metadata
    from wallet_app.profiles import ClientProfile
    from wallet_app.wallet.resolve import check_supported

    doc = {
        "credential_issuer": "https://i.test",
        "credential_endpoint": "https://i.test/c",
        "credential_configurations_supported": {
            "attested": {
                "format": "dc+sd-jwt",
                "vct": "x",
                "cryptographic_binding_methods_supported": ["jwk"],
                "proof_types_supported": {
                    "jwt": {
                        "proof_signing_alg_values_supported": ["ES256"],
                        "key_attestations_required": {},
                    }
                },
            },
            "plain": {"format": "dc+sd-jwt", "vct": "y"},
        },
    }
    md = parse_issuer_metadata(doc, expected_issuer="https://i.test")
    with pytest.raises(AttestationRequired) as refused:
        check_supported(md, [md.configurations["attested"]])
    assert refused.value.code == "key_attestation_required"
    assert refused.value.missing == ("key_attestation",)
    assert "development wallet provider" in refused.value.user_message
    check_supported(
        md, [md.configurations["attested"]], profile=ClientProfile(wallet_provider="dev")
    )
    filed = ClientProfile(wallet_provider="/tmp/provider.json")
    with pytest.raises(AttestationRequired, match="provider file has no key attestation"):
        check_supported(md, [md.configurations["attested"]], profile=filed)
    check_supported(md, [md.configurations["plain"]], profile=filed)
    check_supported(md, [md.configurations["plain"]])
    encrypted = dict(
        doc,
        credential_response_encryption={
            "alg_values_supported": ["RSA-OAEP"],
            "enc_values_supported": ["A128GCM"],
            "encryption_required": True,
        },
    )
    md2 = parse_issuer_metadata(encrypted, expected_issuer="https://i.test")
    with pytest.raises(MetadataError) as info:
        check_supported(md2, [md2.configurations["plain"]])
    assert info.value.code == "encryption_unsupported"
