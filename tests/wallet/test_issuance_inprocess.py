"""The Wallet use cases against the demo issuer, in process (httpx.WSGITransport, no sockets).

Asserts on what the wallet sent (the issuer's request record), what it stored, and that the
sealed trace carries no secret.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.demo_login import sign_in
from wallet_app.demo_issuer import DemoConfig, DemoIssuer, DemoOffer
from wallet_app.errors import (
    AuthorizationError,
    FormatError,
    IssuerError,
    OfferError,
    Sentence,
    StorageError,
)
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.oid4vci.proof import generate_key, make_proof_jwt, public_jwk
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.issuance import (
    IssuanceResult,
    PendingAuthorization,
    Wallet,
    WalletOptions,
    check_tx_code,
)
from wallet_app.wallet.resolve import ResolvedOffer
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance

BASE = "https://issuer.test"
REDIRECT = "io.github.walletapp:/callback"
PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


def _jwt_parts(jwt: str) -> tuple[dict[str, object], dict[str, object]]:
    def dec(part: str) -> dict[str, object]:
        data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
        assert isinstance(data, dict)
        return data

    head, body = jwt.split(".")[:2]
    return dec(head), dec(body)


class Timed(httpx.BaseTransport):
    """Wraps a transport; records (path, start, end) per request; may rewrite exchanges."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        rewrite_request: Callable[[httpx.Request], httpx.Request] | None = None,
        rewrite_response: Callable[[httpx.Request, httpx.Response], httpx.Response] | None = None,
    ) -> None:
        self.inner = inner
        self.rewrite_request = rewrite_request
        self.rewrite_response = rewrite_response
        self.calls: list[tuple[str, float, float]] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = time.monotonic()
        if self.rewrite_request is not None:
            request = self.rewrite_request(request)
        response = self.inner.handle_request(request)
        response.read()
        if self.rewrite_response is not None:
            response = self.rewrite_response(request, response)
        end = time.monotonic()
        with self._lock:
            self.calls.append((request.url.path, start, end))
        return response

    def spans(self, path: str) -> list[tuple[float, float]]:
        with self._lock:
            return [(s, e) for p, s, e in self.calls if p == path]


@dataclass
class Env:
    issuer: DemoIssuer
    transport: Timed
    http: httpx.Client
    store: CredentialStore
    wallet: Wallet
    offset: list[float]

    def requests(self, path: str) -> list[object]:
        return [r for r in self.issuer.received_requests() if r.path == path]

    def bodies(self, path: str) -> list[dict[str, object]]:
        out = []
        for r in self.issuer.received_requests():
            if r.path == path:
                assert r.body is not None
                out.append(dict(r.body))
        return out

    def access_tokens(self) -> set[str]:
        tokens = set()
        for r in self.issuer.received_requests():
            auth = r.headers.get("authorization")
            if auth:
                tokens.add(auth.split(" ", 1)[1])
        return tokens


EnvFactory = Callable[..., Env]


@pytest.fixture
def make_env(tmp_path: Path) -> Iterator[EnvFactory]:
    made: list[Env] = []

    def make(
        config: DemoConfig | None = None,
        options: WalletOptions | None = None,
        *,
        rewrite_request: Callable[[httpx.Request], httpx.Request] | None = None,
        rewrite_response: Callable[[httpx.Request, httpx.Response], httpx.Response] | None = None,
    ) -> Env:
        issuer = DemoIssuer(BASE, config=config or DemoConfig())
        transport = Timed(httpx.WSGITransport(app=issuer), rewrite_request, rewrite_response)
        http = httpx.Client(transport=transport)
        store = CredentialStore.open(tmp_path / f"data{len(made)}", secrets=MemorySecretStore())
        offset = [0.0]
        wallet = Wallet(
            store, http, options or WalletOptions(), clock=lambda: time.time() + offset[0]
        )
        env = Env(issuer, transport, http, store, wallet, offset)
        made.append(env)
        return env

    yield make
    for env in made:
        env.wallet.close()
        env.store.close()
        env.http.close()


def _resolve(
    env: Env, offer: DemoOffer, kind: str = "pre-authorized_code"
) -> tuple[Flow, ResolvedOffer]:
    flow = env.wallet.new_flow(kind)
    return flow, env.wallet.resolve_offer(offer.uri, flow=flow)


def _receive(env: Env, offer: DemoOffer) -> tuple[Flow, IssuanceResult]:
    flow, resolved = _resolve(env, offer)
    result = env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    env.wallet.wait_for_notifications(5)
    return flow, result


def _assert_no_secrets(env: Env, flow_id: str, extra: list[str | None] = ()) -> None:  # type: ignore[assignment]
    secrets: list[str] = [s for s in extra if s]
    secrets += sorted(env.access_tokens())
    for stored in env.store.list_credentials():
        if stored.status == "issued":
            record = env.store.get_credential(stored.id)
            for inst in record.instances:
                secrets.append(inst.credential)
                # the JWS part alone, as an SD-JWT might be cut at '~'
                secrets.append(inst.credential.split("~")[0])
                if inst.holder_private_jwk:
                    secrets.append(str(inst.holder_private_jwk["d"]))
    assert secrets, "nothing to look for"
    dump = json.dumps(env.store.get_trace(flow_id))
    for secret in secrets:
        assert secret not in dump, f"secret leaked into the trace: {secret[:12]}…"


# -- the login page, driven like tests/tools/scripted_browser.py -------------------------------


# -- pre-authorized code ------------------------------------------------------------------------


def test_pre_authorized_with_tx_code_end_to_end(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    flow, result = _receive(env, offer)

    [stored] = result.credentials
    assert result.deferred == () and result.issuer == BASE and result.flow_id == flow.flow_id
    assert stored.credential_configuration_id == "pid_sd_jwt"
    assert stored.name == "Personal ID" and stored.status == "issued"
    assert stored.instance_count == 3  # batch_size 3, batch_limit 3
    record = env.store.get_credential(stored.id)
    assert record.notification is not None

    # what went over the wire
    [token_form] = env.bodies("/token")
    assert token_form == {
        "grant_type": PRE_AUTH,
        "pre-authorized_code": offer.pre_authorized_code,
        "tx_code": offer.tx_code,
    }  # anonymous access advertised: no client_id
    [cred_req] = env.bodies("/credential")
    assert cred_req["credential_configuration_id"] == "pid_sd_jwt"
    proofs = cred_req["proofs"]
    assert isinstance(proofs, dict) and len(proofs["jwt"]) == 3
    [nonce_req] = env.requests("/nonce")
    assert "authorization" not in nonce_req.headers  # type: ignore[attr-defined]
    keys = set()
    for jwt in proofs["jwt"]:
        header, claims = _jwt_parts(jwt)
        assert header["typ"] == "openid4vci-proof+jwt" and header["alg"] == "ES256"
        assert claims["aud"] == BASE and isinstance(claims["nonce"], str)
        assert "iss" not in claims  # omitted after anonymous pre-authorized access
        keys.add(json.dumps(header["jwk"], sort_keys=True))
    assert len(keys) == 3  # one fresh key per instance (unlinkability)

    # each instance keeps the key its credential is bound to
    for inst in record.instances:
        assert inst.holder_private_jwk is not None
        issuer_jwt = inst.credential.split("~")[0]
        cnf = _jwt_parts(issuer_jwt)[1]["cnf"]
        assert isinstance(cnf, dict)
        public = {k: inst.holder_private_jwk[k] for k in ("kty", "crv", "x", "y")}
        assert {k: cnf["jwk"][k] for k in public} == public

    # notification and history
    [note] = env.issuer.received_notifications()
    assert note["event"] == "credential_accepted"
    assert note["notification_id"] == record.notification["notification_id"]
    [entry] = env.store.list_history()
    assert entry.outcome == "issued" and entry.flow_id == flow.flow_id
    assert "3 copies" in entry.summary

    # the sealed trace: every step, no secret
    steps = [e["step"] for e in env.store.get_trace(flow.flow_id)]
    assert {"issuer metadata", "authorization server metadata", "token", "nonce"} <= set(steps)
    assert "credential" in steps
    _assert_no_secrets(env, flow.flow_id, [offer.pre_authorized_code, offer.tx_code])
    flow_dump = json.dumps(flow.exchanges())
    for secret in (offer.pre_authorized_code, offer.tx_code, *env.access_tokens()):
        assert secret and secret not in flow_dump


def test_pre_authorized_takes_three_sequential_round_trips(make_env: EnvFactory) -> None:
    env = make_env()
    env.issuer.faults.latency = 0.2
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = _resolve(env, offer)
    env.wallet.receive_pre_authorized(resolved, flow=flow)
    t = env.transport
    [md] = t.spans("/.well-known/openid-credential-issuer")
    [asmd] = t.spans("/.well-known/oauth-authorization-server")
    [tok] = t.spans("/token")
    [nonce] = t.spans("/nonce")
    [cred] = t.spans("/credential")

    def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    assert overlap(md, asmd), "issuer and AS metadata must be fetched side by side"
    assert overlap(tok, nonce), "token and nonce must be requested side by side"
    assert cred[0] >= max(tok[1], nonce[1]) - 0.01  # needs both
    # three waves: metadata, token ‖ nonce, credential (notification runs afterwards)
    assert tok[0] >= min(md[1], asmd[1]) - 0.01
    assert cred[1] - min(md[0], asmd[0]) < 1.2  # loose; the overlap asserts are the real check


def test_pre_authorized_by_reference_with_client_id(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(anonymous_preauth=False, batch_size=None))
    offer = env.issuer.create_offer(["diploma_sd_jwt"], by_reference=True)
    flow, result = _receive(env, offer)
    assert result.credentials[0].instance_count == 1
    [token_form] = env.bodies("/token")
    assert token_form["client_id"] == "wallet-app" and "tx_code" not in token_form
    [cred_req] = env.bodies("/credential")
    [proof] = cred_req["proofs"]["jwt"]  # type: ignore[index]
    assert _jwt_parts(proof)[1]["iss"] == "wallet-app"
    steps = [e["step"] for e in env.store.get_trace(flow.flow_id)]
    assert steps[0] == "credential offer"
    _assert_no_secrets(env, flow.flow_id, [offer.pre_authorized_code])


def test_batch_limit_caps_the_number_of_proofs(make_env: EnvFactory) -> None:
    env = make_env(options=WalletOptions(batch_limit=2))
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert result.credentials[0].instance_count == 2
    [cred_req] = env.bodies("/credential")
    assert len(cred_req["proofs"]["jwt"]) == 2  # type: ignore[index]


def test_two_configurations_mdoc_and_sd_jwt(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    offer = env.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"])
    flow, result = _receive(env, offer)
    assert sorted(c.credential_configuration_id for c in result.credentials) == [
        "mdl_mdoc",
        "pid_sd_jwt",
    ]
    assert len(env.requests("/credential")) == 2
    assert len(env.requests("/token")) == 1  # one token for both
    events = sorted(n["credential_configuration_id"] for n in env.issuer.received_notifications())
    assert events == ["mdl_mdoc", "pid_sd_jwt"]
    mdl = next(c for c in result.credentials if c.format == "mso_mdoc")
    assert env.store.get_credential(mdl.id).instances[0].holder_private_jwk is not None
    _assert_no_secrets(env, flow.flow_id, [offer.pre_authorized_code])


def test_credential_identifiers_are_used(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(credential_identifiers=True, batch_size=None))
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert len(result.credentials) == 1
    [cred_req] = env.bodies("/credential")
    assert "credential_configuration_id" not in cred_req
    assert isinstance(cred_req["credential_identifier"], str)


def test_dpop_with_server_nonces(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(dpop=True, dpop_nonce=True, batch_size=None))
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, result = _receive(env, offer)
    assert len(result.credentials) == 1
    [cred] = env.requests("/credential")
    assert cred.headers["authorization"].startswith("DPoP ")  # type: ignore[attr-defined]
    dpop_header, dpop_claims = _jwt_parts(cred.headers["dpop"])  # type: ignore[attr-defined]
    assert dpop_header["typ"] == "dpop+jwt" and "ath" in dpop_claims and "nonce" in dpop_claims
    # every DPoP proof uses the same key
    thumbs = {
        json.dumps(_jwt_parts(r.headers["dpop"])[0]["jwk"], sort_keys=True)  # type: ignore[attr-defined]
        for r in env.issuer.received_requests()
        if "dpop" in r.headers  # type: ignore[attr-defined]
    }
    assert len(thumbs) == 1
    assert env.issuer.received_notifications()[0]["event"] == "credential_accepted"
    _assert_no_secrets(env, flow.flow_id, [offer.pre_authorized_code])


def test_without_nonce_endpoint_proofs_carry_no_nonce(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(nonce_endpoint=False, batch_size=None))
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert len(result.credentials) == 1
    assert env.requests("/nonce") == []
    [cred_req] = env.bodies("/credential")
    [proof] = cred_req["proofs"]["jwt"]  # type: ignore[index]
    assert "nonce" not in _jwt_parts(proof)[1]


def test_invalid_nonce_is_retried_once_with_a_fresh_nonce(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.invalid_nonce_once = True
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert len(result.credentials) == 1
    assert len(env.requests("/nonce")) == 2
    first, second = env.bodies("/credential")
    n1 = _jwt_parts(first["proofs"]["jwt"][0])[1]["nonce"]  # type: ignore[index]
    n2 = _jwt_parts(second["proofs"]["jwt"][0])[1]["nonce"]  # type: ignore[index]
    assert n1 != n2


def test_invalid_nonce_twice_fails_and_is_recorded(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.fail_next("credential", 400, "invalid_nonce", "stale")
    env.issuer.faults.fail_next("credential", 400, "invalid_nonce", "stale again")
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = _resolve(env, offer)
    with pytest.raises(IssuerError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    assert info.value.error == "invalid_nonce"
    assert len(env.requests("/credential")) == 2
    assert env.store.list_credentials() == []
    [entry] = env.store.list_history()
    assert entry.outcome == "failed" and entry.flow_id == flow.flow_id
    trace = env.store.get_trace(flow.flow_id)
    assert [e["status"] for e in trace if e["step"] == "credential"] == [400, 400]


def test_tx_code_required_and_checked_before_any_request(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    flow, resolved = _resolve(env, offer)
    with pytest.raises(OfferError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    assert info.value.code == "tx_code_required"
    with pytest.raises(OfferError) as info2:
        env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code="12ab56")
    assert info2.value.code == "invalid_tx_code_input"
    assert env.requests("/token") == []
    # one history entry per flow, replaced as the same flow is retried
    assert [h.outcome for h in env.store.list_history()] == ["failed"]
    result = env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    assert len(result.credentials) == 1
    assert [h.outcome for h in env.store.list_history()] == ["issued"]


def test_wrong_tx_code_is_an_issuer_error(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    assert offer.tx_code is not None
    wrong = "000000" if offer.tx_code != "000000" else "111111"
    flow, resolved = _resolve(env, offer)
    with pytest.raises(IssuerError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=wrong)
    assert info.value.error == "invalid_grant"
    assert env.requests("/credential") == []
    _assert_no_secrets(env, flow.flow_id, [offer.pre_authorized_code, wrong])


def test_tx_code_never_sent_when_not_asked_for(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = _resolve(env, offer)
    env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code="123456")
    assert "tx_code" not in env.bodies("/token")[0]


def test_check_tx_code() -> None:
    from wallet_app.oid4vci.models import TxCode

    def problem(tx_code: str, spec: TxCode) -> str | None:
        err = check_tx_code(tx_code, spec)
        assert err is None or err.code == "invalid_tx_code_input"
        return None if err is None else err.user_message

    assert problem("", TxCode()) == "Enter the transaction code."
    assert problem("12a", TxCode()) == "The transaction code has only digits."
    assert problem("123", TxCode(length=4)) == "The transaction code has 4 digits."
    assert problem("abc", TxCode("text", 4)) == "The transaction code has 4 characters."
    assert problem("ab1", TxCode("text", 3)) is None
    assert problem("1234", TxCode(length=4)) is None
    # numeric means ASCII 0-9: Arabic-Indic, fullwidth and superscript digits pass isdigit()
    for other_digits in ("١٢٣٤", "１２３４", "12³4"):
        assert other_digits.isdigit()
        assert problem(other_digits, TxCode(length=4)) == "The transaction code has only digits."
    assert problem("١٢٣٤", TxCode("text", 4)) is None
    # the count is a parameter of the template, so the GUI can translate the sentence
    err = check_tx_code("12", TxCode(length=6))
    assert err is not None and err.message_template == "The transaction code has {count} digits."
    assert err.message_params == {"count": "6"}


def test_code_only_offer_cannot_be_received_pre_authorized(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    flow, resolved = _resolve(env, offer)
    assert resolved.grant == "authorization_code"
    with pytest.raises(OfferError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    assert info.value.code == "grant_not_offered"


def test_token_failure_stores_nothing(make_env: EnvFactory) -> None:
    env = make_env()
    env.issuer.faults.fail_next("token", 500, "server_error", "down")
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = _resolve(env, offer)
    with pytest.raises(IssuerError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    assert info.value.status == 500
    assert env.store.list_credentials() == []
    assert env.store.list_history()[0].outcome == "failed"
    assert env.requests("/credential") == []


def test_notification_failure_does_not_fail_the_flow(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.fail_next("notification", 400, "invalid_notification_id")
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert len(result.credentials) == 1
    assert env.issuer.received_notifications() == []
    assert len(env.requests("/notification")) == 1


def test_holder_binding_mismatch_is_refused_and_reported(make_env: EnvFactory) -> None:
    foreign = generate_key("ES256")

    def swap_proofs(request: httpx.Request) -> httpx.Request:
        if request.url.path != "/credential":
            return request
        body = json.loads(request.read())
        nonce = _jwt_parts(body["proofs"]["jwt"][0])[1].get("nonce")
        body["proofs"]["jwt"] = [
            make_proof_jwt(
                foreign,
                alg="ES256",
                audience=BASE,
                nonce=str(nonce),
                client_id=None,
                issued_at=int(time.time()),
            )
        ]
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        return httpx.Request(request.method, request.url, headers=headers, json=body)

    env = make_env(DemoConfig(batch_size=None), rewrite_request=swap_proofs)
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = _resolve(env, offer)
    with pytest.raises(FormatError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    assert info.value.code == "holder_binding_mismatch"
    env.wallet.wait_for_notifications(5)
    [note] = env.issuer.received_notifications()
    assert note["event"] == "credential_failure"
    assert env.store.list_credentials() == []
    assert public_jwk(foreign)["x"]  # the foreign key was really used


# -- resolving ---------------------------------------------------------------------------------


def test_resolve_reports_unknown_configuration_ids(make_env: EnvFactory) -> None:
    env = make_env()
    raw = {
        "credential_issuer": BASE,
        "credential_configuration_ids": ["pid_sd_jwt", "nope"],
        "grants": {PRE_AUTH: {"pre-authorized_code": "x"}},
    }
    flow = env.wallet.new_flow("pre-authorized_code")
    resolved = env.wallet.resolve_offer(json.dumps(raw), flow=flow)
    assert [c.id for c in resolved.configurations] == ["pid_sd_jwt"]
    assert resolved.unknown_configuration_ids == ("nope",)
    raw["credential_configuration_ids"] = ["nope"]
    with pytest.raises(OfferError) as info:
        env.wallet.resolve_offer(json.dumps(raw), flow=flow)
    assert info.value.code == "unknown_configuration"


def test_resolve_with_preferred_grant_and_separate_as(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(separate_as_path="/as"))
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="both")
    flow = env.wallet.new_flow("authorization_code")
    resolved = env.wallet.resolve_offer(offer.uri, flow=flow, prefer_grant="authorization_code")
    assert resolved.grant == "authorization_code"
    assert resolved.auth_server.issuer == f"{BASE}/as"
    flow2 = env.wallet.new_flow("pre-authorized_code")
    resolved2 = env.wallet.resolve_offer(offer.uri, flow=flow2)
    assert resolved2.grant == "pre-authorized_code"
    result = env.wallet.receive_pre_authorized(resolved2, flow=flow2)
    assert len(result.credentials) == 1
    assert env.requests("/as/token")


def test_wallet_initiated_configurations(make_env: EnvFactory) -> None:
    env = make_env()
    flow = env.wallet.new_flow("authorization_code")
    resolved = env.wallet.resolve_issuer_configurations(BASE, ["mdl_mdoc"], flow=flow)
    assert resolved.grant == "authorization_code"
    assert [c.id for c in resolved.configurations] == ["mdl_mdoc"]
    with pytest.raises(OfferError) as info:
        env.wallet.resolve_issuer_configurations(BASE, ["nope"], flow=flow)
    assert info.value.code == "unknown_configuration"


# -- authorization code ------------------------------------------------------------------------


def _begin(env: Env, offer: DemoOffer) -> tuple[Flow, PendingAuthorization]:
    flow = env.wallet.new_flow("authorization_code")
    resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
    pending = env.wallet.begin_authorization(resolved, redirect_uri=REDIRECT, flow=flow)
    return flow, pending


def test_authorization_code_flow_with_par(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    flow, pending = _begin(env, offer)
    assert pending.used_par is True and pending.flow_id == flow.flow_id
    assert pending.redirect_uri == REDIRECT and pending.issuer == BASE
    assert pending.state not in repr(pending)
    query = parse_qs(urlsplit(pending.url).query)
    assert set(query) == {"client_id", "request_uri"}  # everything else went by PAR
    [par] = env.bodies("/par")
    assert par["scope"] == "pid"
    assert par["state"] == pending.state
    assert par["issuer_state"] == offer.offer["grants"]["authorization_code"]["issuer_state"]  # type: ignore[index]
    assert par["code_challenge_method"] == "S256"
    assert par["redirect_uri"] == REDIRECT and par["client_id"] == "wallet-app"

    location = sign_in(env.http, pending.url)
    code = parse_qs(urlsplit(location).query)["code"][0]
    result = env.wallet.complete_authorization(location)
    env.wallet.wait_for_notifications(5)
    assert len(result.credentials) == 1 and result.flow_id == flow.flow_id

    [token_form] = env.bodies("/token")
    verifier = str(token_form["code_verifier"])
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert challenge.rstrip(b"=").decode() == par["code_challenge"]
    assert token_form["code"] == code and token_form["redirect_uri"] == REDIRECT
    [cred_req] = env.bodies("/credential")
    [proof] = cred_req["proofs"]["jwt"]  # type: ignore[index]
    assert _jwt_parts(proof)[1]["iss"] == "wallet-app"

    trace = env.store.get_trace(flow.flow_id)
    steps = [e["step"] for e in trace]
    assert steps.index("pushed authorization request") < steps.index("token")
    _assert_no_secrets(env, flow.flow_id, [code, verifier])

    # the same redirect again: the pending authorization is gone
    with pytest.raises(AuthorizationError) as info:
        env.wallet.complete_authorization(location)
    assert info.value.code == "unknown_state"


def test_authorization_code_flow_without_par(make_env: EnvFactory) -> None:
    def drop_par(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/.well-known/oauth-authorization-server":
            return response
        doc = response.json()
        doc.pop("pushed_authorization_request_endpoint")
        return httpx.Response(200, json=doc)

    env = make_env(DemoConfig(batch_size=None), rewrite_response=drop_par)
    offer = env.issuer.create_offer(["mdl_mdoc"], grant="authorization_code")
    _flow, pending = _begin(env, offer)
    assert pending.used_par is False
    query = {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}
    assert query["scope"] == "mdl" and query["state"] == pending.state
    assert query["response_type"] == "code" and query["code_challenge_method"] == "S256"
    assert env.requests("/par") == []
    result = env.wallet.complete_authorization(sign_in(env.http, pending.url))
    assert result.credentials[0].format == "mso_mdoc"


def test_the_sign_in_page_speaks_the_wallets_language(make_env: EnvFactory) -> None:
    """A German wallet asks for German sign-in pages (ui_locales), whatever the browser says."""
    env = make_env(DemoConfig(batch_size=None), WalletOptions(locales=("de-DE", "de", "en")))
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    _, pending = _begin(env, offer)
    [par] = env.bodies("/par")
    assert par["ui_locales"] == "de-DE de en"
    page = env.http.get(pending.url, headers={"accept-language": "en-US"})
    assert "<html lang='de'>" in page.text and "Zustimmen" in page.text

    english = make_env(DemoConfig(batch_size=None))
    offer = english.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    _, pending = _begin(english, offer)
    [par] = english.bodies("/par")
    assert par["ui_locales"] == "en"
    page = english.http.get(pending.url, headers={"accept-language": "de"})
    assert "<html lang='en'>" in page.text and "Approve" in page.text


def test_authorization_code_flow_with_dpop(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(dpop=True, dpop_nonce=True, batch_size=None))
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    _, pending = _begin(env, offer)
    pars = env.requests("/par")
    assert all("dpop" in p.headers for p in pars)  # type: ignore[attr-defined]
    assert all("dpop_jkt" not in body for body in env.bodies("/par"))  # the header binds it
    # the AS demanded a DPoP nonce: the retried PAR carries it
    assert "nonce" in _jwt_parts(pars[-1].headers["dpop"])[1]  # type: ignore[attr-defined]
    result = env.wallet.complete_authorization(sign_in(env.http, pending.url))
    assert len(result.credentials) == 1
    tokens = [r for r in env.requests("/token") if r.headers]  # type: ignore[attr-defined]
    assert all("dpop" in r.headers for r in tokens)  # type: ignore[attr-defined]
    keys = {
        json.dumps(_jwt_parts(r.headers["dpop"])[0]["jwk"], sort_keys=True)  # type: ignore[attr-defined]
        for r in env.issuer.received_requests()
        if "dpop" in r.headers  # type: ignore[attr-defined]
    }
    assert len(keys) == 1  # the PAR, token and credential proofs share the session key


def test_denied_authorization(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    flow, pending = _begin(env, offer)
    location = sign_in(env.http, pending.url, action="deny")
    with pytest.raises(AuthorizationError) as info:
        env.wallet.complete_authorization(location)
    assert info.value.code == "access_denied"
    assert env.requests("/token") == []
    [entry] = env.store.list_history()
    assert entry.outcome == "failed" and entry.flow_id == flow.flow_id


def test_iss_mismatch_in_redirect(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    _, pending = _begin(env, offer)
    location = sign_in(env.http, pending.url)
    forged = location.replace("iss=https%3A%2F%2Fissuer.test", "iss=https%3A%2F%2Fevil.test")
    assert forged != location
    with pytest.raises(AuthorizationError) as info:
        env.wallet.complete_authorization(forged)
    assert info.value.code == "iss_mismatch"
    assert env.requests("/token") == []


def test_iss_missing_although_advertised(make_env: EnvFactory) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    _, pending = _begin(env, offer)
    location = sign_in(env.http, pending.url)
    parts = urlsplit(location)
    query = "&".join(p for p in parts.query.split("&") if not p.startswith("iss="))
    with pytest.raises(AuthorizationError) as info:
        env.wallet.complete_authorization(f"{REDIRECT}?{query}")
    assert info.value.code == "iss_missing"


@pytest.mark.parametrize("url", [f"{REDIRECT}?code=x&state=unknown", f"{REDIRECT}?code=x"])
def test_unknown_or_missing_state(make_env: EnvFactory, url: str) -> None:
    env = make_env()
    with pytest.raises(AuthorizationError) as info:
        env.wallet.complete_authorization(url)
    assert info.value.code == "unknown_state"


def test_par_failure_is_recorded(make_env: EnvFactory) -> None:
    env = make_env()
    env.issuer.faults.fail_next("par", 400, "invalid_request", "nope")
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    flow = env.wallet.new_flow("authorization_code")
    resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
    with pytest.raises(IssuerError):
        env.wallet.begin_authorization(resolved, redirect_uri=REDIRECT, flow=flow)
    assert env.store.list_history()[0].outcome == "failed"


# -- deferred ----------------------------------------------------------------------------------


def test_deferred_issuance_is_stored_and_polled(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None, dpop=True, deferred_interval=30))
    env.issuer.faults.deferred_pending_polls = 1
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, result = _receive(env, offer)
    assert result.credentials == ()
    [pending] = result.deferred
    assert pending.status == "deferred" and pending.name == "Personal ID"
    assert env.issuer.received_notifications() == []
    [record] = env.store.list_deferred()
    assert record.context["interval"] == 30
    assert record.context["flow_id"] == flow.flow_id
    assert record.next_poll_at == pytest.approx(time.time() + 30, abs=5)
    assert env.store.list_history()[0].outcome == "deferred"
    _assert_no_secrets(env, flow.flow_id, [offer.pre_authorized_code])

    # not due yet: nothing is sent
    before = len(env.requests("/deferred"))
    [(cid, outcome, _)] = env.wallet.poll_deferred()
    assert (cid, outcome) == (pending.id, "not_due") and len(env.requests("/deferred")) == before

    env.offset[0] = 31
    [(_, outcome, message)] = env.wallet.poll_deferred()
    assert outcome == "pending" and "30 s" in message
    [sent] = env.bodies("/deferred")
    assert sent == {"transaction_id": record.transaction_id}
    [record2] = env.store.list_deferred()
    assert record2.next_poll_at > record.next_poll_at

    env.offset[0] = 62
    [(_, outcome, _)] = env.wallet.poll_deferred(credential_id=pending.id[:8])
    assert outcome == "issued"
    env.wallet.wait_for_notifications(5)
    assert env.store.list_deferred() == []
    stored = env.store.get_credential(pending.id)
    assert stored.stored.status == "issued" and stored.instances[0].holder_private_jwk
    assert env.issuer.received_notifications()[0]["event"] == "credential_accepted"
    # every call after the token used the same DPoP key, restored from the sealed context
    keys = {
        json.dumps(_jwt_parts(r.headers["dpop"])[0]["jwk"], sort_keys=True)  # type: ignore[attr-defined]
        for r in env.issuer.received_requests()
        if "dpop" in r.headers  # type: ignore[attr-defined]
    }
    assert len(keys) == 1


def test_poll_filter_and_failed_transaction(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.deferred_pending_polls = 5
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    [pending] = result.deferred
    assert env.wallet.poll_deferred(credential_id="ffffffff") == []
    env.offset[0] = 10
    env.issuer.faults.fail_next("deferred", 400, "invalid_transaction_id")
    [(cid, outcome, message)] = env.wallet.poll_deferred()
    assert (cid, outcome) == (pending.id, "failed")
    assert message == (
        "The issuer no longer knows this pending credential. The pending entry was removed."
    )
    # the parts, for the GUI to translate: the reason first, then the whole sentence
    assert isinstance(message, Sentence)
    assert message.template == "{reason} The pending entry was removed."
    reason = message.params["reason"]
    assert isinstance(reason, Sentence) and reason.template == reason
    assert env.store.list_credentials() == []


def test_poll_server_error_keeps_the_entry(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.deferred_pending_polls = 5
    _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    env.offset[0] = 10
    env.issuer.faults.fail_next("deferred", 500, "server_error")
    [(_, outcome, _)] = env.wallet.poll_deferred()
    assert outcome == "failed"
    assert len(env.store.list_deferred()) == 1
    assert env.store.list_history()[0].outcome == "failed"


# -- edges ---------------------------------------------------------------------------------------


def _narrow_token_response(
    keep: set[str],
) -> Callable[[httpx.Request, httpx.Response], httpx.Response]:
    def rewrite(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/token" or response.status_code != 200:
            return response
        doc = response.json()
        doc["authorization_details"] = [
            d for d in doc["authorization_details"] if d["credential_configuration_id"] in keep
        ]
        return httpx.Response(200, json=doc)

    return rewrite


def test_only_authorized_configurations_are_requested(make_env: EnvFactory) -> None:
    env = make_env(
        DemoConfig(credential_identifiers=True, batch_size=None),
        rewrite_response=_narrow_token_response({"mdl_mdoc"}),
    )
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"]))
    assert [c.credential_configuration_id for c in result.credentials] == ["mdl_mdoc"]
    assert len(env.requests("/credential")) == 1


def test_nothing_authorized(make_env: EnvFactory) -> None:
    def other_configuration(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/token" or response.status_code != 200:
            return response
        doc = response.json()
        for detail in doc["authorization_details"]:
            detail["credential_configuration_id"] = "diploma_sd_jwt"
        return httpx.Response(200, json=doc)

    env = make_env(
        DemoConfig(credential_identifiers=True, batch_size=None),
        rewrite_response=other_configuration,
    )
    flow, resolved = _resolve(env, env.issuer.create_offer(["pid_sd_jwt"]))
    with pytest.raises(IssuerError) as info:
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    assert info.value.code == "nothing_authorized"
    assert env.requests("/credential") == []


def test_offer_without_grants_resolves_for_the_code_flow(make_env: EnvFactory) -> None:
    env = make_env()
    raw = {"credential_issuer": BASE, "credential_configuration_ids": ["pid_sd_jwt"]}
    resolved = env.wallet.resolve_offer(json.dumps(raw), flow=env.wallet.new_flow("x"))
    assert resolved.grant == "authorization_code"
    assert resolved.offer.authorization_code is None


def test_wallet_as_context_manager(tmp_path: Path) -> None:
    issuer = DemoIssuer(BASE, config=DemoConfig(batch_size=None))
    store = CredentialStore.open(tmp_path / "d", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    with Wallet(store, http) as wallet:
        offer = issuer.create_offer(["pid_sd_jwt"])
        flow = wallet.new_flow("pre-authorized_code")
        wallet.receive_pre_authorized(wallet.resolve_offer(offer.uri, flow=flow), flow=flow)
    # close() waited for the notification
    assert [n["event"] for n in issuer.received_notifications()] == ["credential_accepted"]
    store.close()


def test_poll_waits_for_a_due_time_when_asked(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None, deferred_interval=1))
    env.issuer.faults.deferred_pending_polls = 1
    _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    started = time.monotonic()
    [(_, outcome, _)] = env.wallet.poll_deferred(max_wait=5)
    assert outcome == "pending"
    assert time.monotonic() - started >= 0.5  # it slept (for real) until the interval passed


@pytest.mark.parametrize("damage", ["metadata", "configuration", "token"])
def test_poll_with_a_damaged_context_fails_cleanly(make_env: EnvFactory, damage: str) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.deferred_pending_polls = 3
    _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    [record] = env.store.list_deferred()
    context = dict(record.context)
    if damage == "metadata":
        del context["metadata"]
    elif damage == "token":
        context["token"] = {"token_type": "Bearer"}
    else:
        metadata = json.loads(json.dumps(context["metadata"]))
        configurations = metadata["issuer"]["doc"]["credential_configurations_supported"]
        del configurations["pid_sd_jwt"]
        context["metadata"] = metadata
    env.store.update_deferred(record.stored.id, context=context, next_poll_at=0)
    before = len(env.requests("/deferred"))
    [(_, outcome, _)] = env.wallet.poll_deferred()
    assert outcome == "failed"
    assert len(env.requests("/deferred")) == before
    assert len(env.store.list_deferred()) == 1  # kept for a later, fixed version


def test_complete_authorization_with_damaged_pending_state(make_env: EnvFactory) -> None:
    env = make_env()
    env.store.put_pending("st-1", {"flow_id": "f", "exchanges": "x"}, expires_at=time.time() + 60)
    with pytest.raises(AuthorizationError):
        env.wallet.complete_authorization(f"{REDIRECT}?code=c&state=st-1")


def test_token_and_dpop_context_helpers() -> None:
    from wallet_app.oid4vci.dpop import DPoPKey
    from wallet_app.oid4vci.http import DPoPSession
    from wallet_app.oid4vci.token import TokenSet
    from wallet_app.wallet.receiving import (
        dpop_from_json,
        dpop_to_json,
        token_from_json,
        token_to_json,
    )

    token = TokenSet("AT", "DPoP", expires_in=60, refresh_token="RT")
    again = token_from_json(token_to_json(token))
    assert (again.access_token, again.token_type, again.expires_in, again.refresh_token) == (
        "AT",
        "DPoP",
        60,
        "RT",
    )
    odd = token_from_json({"access_token": "AT", "refresh_token": 1, "expires_in": "x"})
    assert odd.token_type == "Bearer" and odd.refresh_token is None and odd.expires_in is None
    for bad in (None, {}, {"access_token": 5}):
        with pytest.raises(FormatError):
            token_from_json(bad)

    assert dpop_to_json(None) is None
    session = DPoPSession(DPoPKey.generate(), {"https://a.test": "n"})
    restored = dpop_from_json(dpop_to_json(session))
    assert restored is not None and restored.nonces() == {"https://a.test": "n"}
    assert restored.key.thumbprint() == session.key.thumbprint()
    data = dpop_to_json(session)
    assert data is not None
    assert dpop_from_json({**data, "nonces": None}).nonces() == {}  # type: ignore[union-attr]
    assert dpop_from_json("x") is None
    assert dpop_from_json({"alg": "ES256"}) is None
    assert dpop_from_json({"jwk": data["jwk"]}) is None


def test_partial_failure_tells_the_issuer_about_dropped_credentials(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.fail_next("credential", 400, "credential_request_denied")
    flow, resolved = _resolve(env, env.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"]))
    with pytest.raises(IssuerError):
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    env.wallet.wait_for_notifications(5)
    assert len(env.requests("/credential")) == 2
    assert [n["event"] for n in env.issuer.received_notifications()] == ["credential_failure"]
    assert env.store.list_credentials() == []
    [entry] = env.store.list_history()
    assert entry.outcome == "failed" and entry.flow_id == flow.flow_id


# -- review fixes --------------------------------------------------------------------------------


def _fake_sleep(env: Env) -> list[float]:
    """Replace the wallet's sleep with one that advances the wallet's clock."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        env.offset[0] += seconds

    env.wallet.sleep = sleep
    return slept


def _receive_deferred(env: Env, polls: int = 5) -> tuple[str, str]:
    """One deferred credential; returns (stored id, transaction_id)."""
    env.issuer.faults.deferred_pending_polls = polls
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    [pending] = result.deferred
    [record] = [r for r in env.store.list_deferred() if r.stored.id == pending.id]
    return pending.id, record.transaction_id


def test_poll_waits_for_entries_due_within_max_wait_in_due_order(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None, deferred_interval=60))
    slept = _fake_sleep(env)
    (a, tx_a), (b, tx_b), (c, _) = (_receive_deferred(env) for _ in range(3))
    now = time.time()
    env.store.update_deferred(a, next_poll_at=now + 30)
    env.store.update_deferred(b, next_poll_at=now + 10)
    env.store.update_deferred(c, next_poll_at=now + 100)

    results = env.wallet.poll_deferred(max_wait=60)

    assert [(cid, outcome) for cid, outcome, _ in results] == [
        (b, "pending"),
        (a, "pending"),
        (c, "not_due"),
    ]
    assert results[2][2] == "next poll in 70 s"  # 100 s after the start, 30 s were waited
    assert sum(slept) == pytest.approx(30, abs=1) and slept[0] == pytest.approx(10, abs=1)
    assert [body["transaction_id"] for body in env.bodies("/deferred")] == [tx_b, tx_a]

    # right after a poll nothing is due: the issuer's interval is honoured
    again = env.wallet.poll_deferred()
    assert {outcome for _, outcome, _ in again} == {"not_due"}
    assert len(env.requests("/deferred")) == 2


def test_poll_without_max_wait_never_sleeps(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None, deferred_interval=30))
    slept = _fake_sleep(env)
    cid, _ = _receive_deferred(env)
    [(got, outcome, message)] = env.wallet.poll_deferred()
    assert (got, outcome, message) == (cid, "not_due", "next poll in 30 s")
    assert slept == [] and env.requests("/deferred") == []
    [(_, outcome, _)] = env.wallet.poll_deferred(max_wait=31)
    assert outcome == "pending" and slept == [pytest.approx(30, abs=1)]


def test_mixed_issued_and_deferred_flow_is_one_transaction(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.deferred_pending_polls = 3  # the first credential request is deferred
    flow, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"]))
    assert len(result.credentials) == 1 and len(result.deferred) == 1
    [record] = env.store.list_deferred()
    assert result.transaction_ids == {record.stored.id: record.transaction_id}
    assert record.context["client_id"] is None  # anonymous pre-authorized access
    [entry] = env.store.list_history()
    assert entry.outcome == "issued" and entry.flow_id == flow.flow_id


def test_storage_failure_stores_nothing_and_reports_credential_failure(
    make_env: EnvFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = make_env(DemoConfig(batch_size=None))
    env.issuer.faults.deferred_pending_polls = 3

    def broken(*args: object, **kwargs: object) -> bytes:
        raise StorageError("The wallet could not save.", detail="disk full")

    # the deferred entry is sealed after the issued credential: a half-stored flow is possible
    monkeypatch.setattr(env.store, "_seal_deferred", broken)
    flow, resolved = _resolve(env, env.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"]))
    with pytest.raises(StorageError):
        env.wallet.receive_pre_authorized(resolved, flow=flow)
    env.wallet.wait_for_notifications(5)
    assert env.store.list_credentials() == []
    assert [n["event"] for n in env.issuer.received_notifications()] == ["credential_failure"]
    assert [h.outcome for h in env.store.list_history()] == ["failed"]


def test_invalid_transaction_id_after_another_process_completed_the_entry(
    make_env: EnvFactory,
) -> None:
    completed: list[str] = []

    def complete_elsewhere(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/deferred":
            return response
        # another wallet process fetched the credential while this poll was in flight
        [record] = env.store.list_deferred()
        stored = env.store.complete_deferred(
            record.stored.id,
            NewCredential(
                credential_configuration_id="pid_sd_jwt",
                format="dc+sd-jwt",
                issuer=BASE,
                name="Personal ID",
                card={"name": "Personal ID"},
                instances=(NewInstance("eyJ.x.y~", None),),
            ),
        )
        completed.append(stored.id)
        return httpx.Response(400, json={"error": "invalid_transaction_id"})

    env = make_env(DemoConfig(batch_size=None), rewrite_response=complete_elsewhere)
    cid, _ = _receive_deferred(env)
    env.offset[0] = 10
    [(got, outcome, _)] = env.wallet.poll_deferred()
    assert completed == [cid] and got == cid
    assert outcome == "issued"
    [kept] = env.store.list_credentials()
    assert (kept.id, kept.status) == (cid, "issued")  # not deleted by the losing poll


def test_credential_request_denied_while_deferred_removes_the_entry_keeps_history(
    make_env: EnvFactory,
) -> None:
    env = make_env(DemoConfig(batch_size=None))
    _receive_deferred(env)
    env.offset[0] = 10
    env.issuer.faults.fail_next("deferred", 400, "credential_request_denied")
    [(_, outcome, message)] = env.wallet.poll_deferred()
    assert outcome == "failed" and "removed" in message
    assert env.store.list_credentials() == []
    # the deferred flow itself ends failed, with the refused poll in its trace (issue 8, P7)
    [entry] = env.store.list_history()
    assert entry.outcome == "failed"
    assert env.store.get_trace(entry.flow_id)[-1]["step"] == "deferred credential"


def _with_refresh_tokens(
    grants: list[dict[str, str]],
) -> Callable[[httpx.Request, httpx.Response], httpx.Response]:
    """The token endpoint also issues refresh tokens and answers refresh grants."""
    access: list[str] = []

    def rewrite(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/token":
            return response
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        if form.get("grant_type") == "refresh_token":
            grants.append(form)
            return httpx.Response(
                200,
                json={
                    "access_token": access[0],  # the demo only knows the first token
                    "token_type": "DPoP" if "dpop" in request.headers else "Bearer",
                    "expires_in": 300,
                    "refresh_token": f"RT-{len(grants) + 1}",
                },
            )
        if response.status_code != 200:
            return response
        doc = response.json()
        access.append(doc["access_token"])
        return httpx.Response(200, json={**doc, "refresh_token": "RT-1"})

    return rewrite


@pytest.mark.parametrize(("dpop", "anonymous"), [(False, True), (True, False)])
def test_expired_token_is_refreshed_once_while_deferred(
    make_env: EnvFactory, dpop: bool, anonymous: bool
) -> None:
    grants: list[dict[str, str]] = []
    env = make_env(
        DemoConfig(batch_size=None, dpop=dpop, anonymous_preauth=anonymous),
        rewrite_response=_with_refresh_tokens(grants),
    )
    _receive_deferred(env)
    [record] = env.store.list_deferred()
    assert record.context["client_id"] == (None if anonymous else "wallet-app")
    env.offset[0] = 10
    env.issuer.faults.fail_next("deferred", 401, "invalid_token", "expired")

    [(_, outcome, _)] = env.wallet.poll_deferred()

    assert outcome == "pending"
    expected = {"grant_type": "refresh_token", "refresh_token": "RT-1"}
    if not anonymous:
        expected["client_id"] = "wallet-app"
    assert grants == [expected]
    assert len(env.requests("/deferred")) == 2  # rejected, then retried once
    [record] = env.store.list_deferred()
    token = record.context["token"]
    assert isinstance(token, dict) and token["refresh_token"] == "RT-2"  # rotated, persisted
    if dpop:
        refresh = [r for r in env.requests("/token")][-1]
        proof_key = _jwt_parts(refresh.headers["dpop"])[0]["jwk"]  # type: ignore[attr-defined]
        stored_key = record.context["dpop"]["jwk"]  # type: ignore[index]
        assert proof_key["x"] == stored_key["x"]  # type: ignore[index]  # the same key


def test_refresh_works_for_contexts_stored_without_client_id(make_env: EnvFactory) -> None:
    grants: list[dict[str, str]] = []
    env = make_env(
        DemoConfig(batch_size=None, anonymous_preauth=False),
        rewrite_response=_with_refresh_tokens(grants),
    )
    cid, _ = _receive_deferred(env)
    [record] = env.store.list_deferred()
    old_context = {k: v for k, v in record.context.items() if k != "client_id"}
    env.store.update_deferred(cid, context=old_context)
    env.offset[0] = 10
    env.issuer.faults.fail_next("deferred", 401, "invalid_token")
    [(_, outcome, _)] = env.wallet.poll_deferred()
    assert outcome == "pending"
    assert grants == [{"grant_type": "refresh_token", "refresh_token": "RT-1"}]


def test_expired_token_without_refresh_token_keeps_the_entry(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    cid, _ = _receive_deferred(env)
    env.offset[0] = 10
    env.issuer.faults.fail_next("deferred", 401, "invalid_token")
    [(_, outcome, message)] = env.wallet.poll_deferred()
    assert outcome == "failed"
    assert "expired" in message and "again" in message
    assert [r.stored.id for r in env.store.list_deferred()] == [cid]
    assert len(env.requests("/token")) == 1  # no refresh attempted
    assert env.store.list_history()[0].outcome == "failed"


@pytest.mark.parametrize("error", ["invalid_proof", "invalid_nonce"])
def test_legacy_c_nonce_in_the_error_body_is_used_once(make_env: EnvFactory, error: str) -> None:
    rejected: list[bool] = []

    def legacy_error(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/credential" or rejected:
            return response
        rejected.append(True)
        return httpx.Response(
            400, json={"error": error, "c_nonce": "legacy-nonce", "c_nonce_expires_in": 60}
        )

    env = make_env(DemoConfig(nonce_endpoint=False, batch_size=None), rewrite_response=legacy_error)
    _, result = _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert len(result.credentials) == 1
    first, second = env.bodies("/credential")
    assert "nonce" not in _jwt_parts(first["proofs"]["jwt"][0])[1]  # type: ignore[index]
    assert _jwt_parts(second["proofs"]["jwt"][0])[1]["nonce"] == "legacy-nonce"  # type: ignore[index]
    assert env.requests("/nonce") == []


def test_draft11_offer_sends_the_code_as_user_pin(make_env: EnvFactory) -> None:
    # a draft-11 offer names a draft-11 issuer (the demo's draft-11 mode): its credentials
    # array and user_pin_required, and the code sent as user_pin
    env = make_env(DemoConfig(draft="11", batch_size=None))
    demo = env.issuer.create_offer(["mdl_mdoc"], tx_code=True)
    flow = env.wallet.new_flow("pre-authorized_code")
    resolved = env.wallet.resolve_offer(demo.uri, flow=flow)
    assert resolved.offer.legacy and "user_pin_required" in json.dumps(resolved.offer.raw)
    result = env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=demo.tx_code)
    assert len(result.credentials) == 1
    [form] = env.bodies("/token")
    assert form["user_pin"] == demo.tx_code and "tx_code" not in form


def test_completed_notifications_are_pruned(make_env: EnvFactory) -> None:
    env = make_env(DemoConfig(batch_size=None))
    for _ in range(4):
        _receive(env, env.issuer.create_offer(["pid_sd_jwt"]))
    assert len(env.issuer.received_notifications()) == 4
    # at most the last issuance's notification and status check (both run after the store)
    assert len(env.wallet._notifications) <= 2


def _thumbprint(jwk: dict[str, object]) -> str:
    members = {k: jwk[k] for k in ("crv", "kty", "x", "y")}
    digest = hashlib.sha256(json.dumps(members, separators=(",", ":")).encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_dpop_jkt_is_sent_when_dpop_is_used_without_par(make_env: EnvFactory) -> None:
    def drop_par(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.url.path != "/.well-known/oauth-authorization-server":
            return response
        doc = response.json()
        doc.pop("pushed_authorization_request_endpoint")
        return httpx.Response(200, json=doc)

    env = make_env(DemoConfig(batch_size=None, dpop=True), rewrite_response=drop_par)
    offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    _, pending = _begin(env, offer)
    assert pending.used_par is False
    query = {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}
    env.wallet.complete_authorization(sign_in(env.http, pending.url))
    [token] = env.requests("/token")
    jwk = _jwt_parts(token.headers["dpop"])[0]["jwk"]  # type: ignore[attr-defined]
    assert isinstance(jwk, dict)
    assert query["dpop_jkt"] == _thumbprint(jwk)


def test_per_issuer_client_id_is_used() -> None:
    from wallet_app.wallet.issuance import WalletOptions

    options = WalletOptions(client_id="default", client_ids={"https://issuer.test/": "special"})
    assert options.client_id_for("https://issuer.test") == "special"
    assert options.client_id_for("https://other.test") == "default"


def test_http_client_factory_is_built_on_first_use_and_closed(tmp_path: Path) -> None:
    from wallet_app.host.secrets import MemorySecretStore
    from wallet_app.wallet.issuance import Wallet
    from wallet_app.wallet.store import CredentialStore

    built: list[httpx.Client] = []

    def factory() -> httpx.Client:
        client = httpx.Client()
        built.append(client)
        return client

    store = CredentialStore.open(tmp_path / "lazy", secrets=MemorySecretStore())
    wallet = Wallet(store, factory)
    assert built == []
    assert wallet.http is wallet.http
    assert len(built) == 1
    wallet.close()
    assert built[0].is_closed
    store.close()


def test_a_failed_poll_moves_the_next_poll_out(tmp_path: Path) -> None:
    from wallet_app.demo_issuer import DemoIssuer
    from wallet_app.host.secrets import MemorySecretStore
    from wallet_app.wallet.deferred_polls import RETRY_AFTER_FAILURE
    from wallet_app.wallet.issuance import Wallet
    from wallet_app.wallet.store import CredentialStore

    issuer = DemoIssuer("https://issuer.test")
    issuer.faults.deferred_pending_polls = 3
    now = [time.time()]
    store = CredentialStore.open(tmp_path / "backoff", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    wallet = Wallet(store, http, clock=lambda: now[0], sleep=lambda s: None)
    flow = wallet.new_flow("t")
    offer = issuer.create_offer(["pid_sd_jwt"])
    wallet.receive_pre_authorized(wallet.resolve_offer(offer.uri, flow=flow), flow=flow)
    (record,) = store.list_deferred()
    now[0] = record.next_poll_at + 1
    issuer.faults.fail_next("deferred", 500, "server_error")
    ((_, outcome, _),) = wallet.poll_deferred(max_wait=0)
    assert outcome == "failed"
    (after,) = store.list_deferred()
    assert after.next_poll_at >= now[0] + RETRY_AFTER_FAILURE
    assert wallet.poll_deferred(max_wait=0)[0][1] == "not_due"
    wallet.close()
    http.close()
    store.close()
