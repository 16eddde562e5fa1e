"""Issuer key resolution: JWT VC issuer metadata fetched over real HTTP on 127.0.0.1 through
the wallet's HttpSession, did:jwk, jwk headers, and what cannot be resolved."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx
import pytest

from tests.trust.credential_kit import holder_key, jwt_vc, sd_jwt_vc
from tests.trust.pki_kit import Issued, b64url, make_cert
from wallet_app.formats.jwt_vc import parse_jws
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.keys import metadata_url, resolve_issuer_key
from wallet_app.trust.model import Verification
from wallet_app.trust.verify import verify_credential

NOW = time.time()


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class KeyServer:
    """A tiny issuer on 127.0.0.1 serving JWT VC issuer metadata (SD-JWT VC §5)."""

    routes: dict[str, object] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    base_url: str = ""

    def app(
        self, environ: Mapping[str, Any], start_response: Callable[..., object]
    ) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        self.requests.append((path, environ.get("HTTP_ACCEPT", "")))
        if path not in self.routes:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        body = json.dumps(self.routes[path]).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]


@pytest.fixture
def key_server() -> Iterator[KeyServer]:
    server = KeyServer()
    httpd: WSGIServer = make_server("127.0.0.1", 0, server.app, handler_class=_Quiet)
    server.base_url = f"http://127.0.0.1:{httpd.server_port}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    httpd.shutdown()
    thread.join()
    httpd.server_close()


@pytest.fixture
def session() -> Iterator[HttpSession]:
    with httpx.Client(timeout=5, trust_env=False) as http:
        yield HttpSession(http)


def _signer_jwk(signer: Issued, kid: str) -> dict[str, object]:
    return {**signer.public_jwk(), "kid": kid, "use": "sig", "alg": "ES256"}


def _verify(
    credential: str, session: HttpSession | None, holder: dict[str, object]
) -> Verification:
    return verify_credential(
        "dc+sd-jwt",
        credential,
        holder_jwk=holder,
        anchors=[],
        session=session,
        status_cache=None,
        now=NOW,
    )


def _by_name(v: Verification) -> dict[str, tuple[bool | None, str]]:
    return {c.name: (c.ok, str(c.detail)) for c in v.checks}


def test_metadata_url_inserts_the_well_known_before_the_path() -> None:
    assert metadata_url("https://example.com") == "https://example.com/.well-known/jwt-vc-issuer"
    assert (
        metadata_url("https://example.com/tenant/1234/")
        == "https://example.com/.well-known/jwt-vc-issuer/tenant/1234"
    )
    assert (
        metadata_url("http://127.0.0.1:8080/issuer")
        == "http://127.0.0.1:8080/.well-known/jwt-vc-issuer/issuer"
    )


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_the_key_from_jwt_vc_issuer_metadata_verifies_but_is_untrusted(
    key_server: KeyServer, session: HttpSession
) -> None:
    signer = make_cert("Web Key", org=None)
    iss = f"{key_server.base_url}/tenant/7"
    key_server.routes["/.well-known/jwt-vc-issuer/tenant/7"] = {
        "issuer": iss,
        "jwks": {"keys": [_signer_jwk(make_cert("Other"), "old"), _signer_jwk(signer, "k1")]},
    }
    _, holder = holder_key()
    credential = sd_jwt_vc(signer, chain=None, holder_jwk=holder, iss=iss, header={"kid": "k1"})
    v = _verify(credential.serialize(), session, holder)
    checks = _by_name(v)
    assert checks["signature"][0] is True
    assert checks["issuer_key"] == (
        True,
        f"The issuer's key was published at {iss.replace('/tenant/7', '')}"
        "/.well-known/jwt-vc-issuer/tenant/7.",
    )
    assert checks["trust_anchor"][0] is False
    assert v.verdict == "untrusted"
    assert key_server.requests == [("/.well-known/jwt-vc-issuer/tenant/7", "application/json")]


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_jwks_uri_is_followed(key_server: KeyServer, session: HttpSession) -> None:
    signer = make_cert("Web Key", org=None)
    iss = key_server.base_url
    key_server.routes["/.well-known/jwt-vc-issuer"] = {
        "issuer": iss,
        "jwks_uri": f"{iss}/keys.json",
    }
    key_server.routes["/keys.json"] = {"keys": [signer.public_jwk()]}  # no kid: by key type
    _, holder = holder_key()
    credential = sd_jwt_vc(signer, chain=None, holder_jwk=holder, iss=iss)
    token = parse_jws(credential.jws)
    key, checks = resolve_issuer_key(
        token.header,
        token.payload,
        format="dc+sd-jwt",
        anchors=[],
        session=session,
        now=datetime.now(UTC),
    )
    assert key is not None and key.source == "jwt-vc-issuer" and key.chain is None
    assert [c.name for c in checks] == ["issuer_key", "trust_anchor"]
    assert [p for p, _ in key_server.requests] == ["/.well-known/jwt-vc-issuer", "/keys.json"]


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize(
    ("metadata", "reason"),
    [
        ({"issuer": "https://someone.else", "jwks": {"keys": []}}, "names another issuer"),
        ({"issuer": "{iss}"}, "must have either jwks or jwks_uri"),
        ({"issuer": "{iss}", "jwks": {"keys": []}}, "has no key for this credential"),
        (None, "answered with HTTP status 404"),
    ],
)
def test_unusable_metadata_leaves_the_key_unresolved_not_invalid(
    key_server: KeyServer, session: HttpSession, metadata: dict[str, object] | None, reason: str
) -> None:
    iss = key_server.base_url
    if metadata is not None:
        key_server.routes["/.well-known/jwt-vc-issuer"] = json.loads(
            json.dumps(metadata).replace("{iss}", iss)
        )
    signer = make_cert("Web Key", org=None)
    _, holder = holder_key()
    v = _verify(
        sd_jwt_vc(signer, chain=None, holder_jwk=holder, iss=iss).serialize(), session, holder
    )
    checks = _by_name(v)
    assert checks["issuer_key"][0] is None and reason in checks["issuer_key"][1]
    assert checks["signature"][0] is None
    assert v.verdict == "untrusted" and not v.must_reject


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_signature_by_another_key_than_the_published_one_is_rejected(
    key_server: KeyServer, session: HttpSession
) -> None:
    published, actual = make_cert("Published"), make_cert("Actual")
    iss = key_server.base_url
    key_server.routes["/.well-known/jwt-vc-issuer"] = {
        "issuer": iss,
        "jwks": {"keys": [_signer_jwk(published, "k1")]},
    }
    _, holder = holder_key()
    credential = sd_jwt_vc(actual, chain=None, holder_jwk=holder, iss=iss, header={"kid": "k1"})
    v = _verify(credential.serialize(), session, holder)
    assert v.must_reject and _by_name(v)["signature"][0] is False


def test_without_a_session_nothing_is_fetched() -> None:
    signer = make_cert("Web Key", org=None)
    _, holder = holder_key()
    credential = sd_jwt_vc(signer, chain=None, holder_jwk=holder, iss="https://issuer.example.com")
    v = _verify(credential.serialize(), None, holder)
    assert _by_name(v)["issuer_key"] == (
        None,
        "The issuer's key was not fetched (the wallet is offline).",
    )


def _did_jwk(signer: Issued) -> str:
    return "did:jwk:" + b64url(json.dumps(signer.public_jwk()).encode())


@pytest.mark.parametrize("format", ["jwt_vc_json", "dc+sd-jwt"])
def test_did_jwk_is_resolved_and_untrusted(format: str) -> None:
    signer = make_cert("DID Key", org=None)
    _, holder = holder_key()
    did = _did_jwk(signer)
    if format == "jwt_vc_json":
        credential = jwt_vc(
            signer, chain=None, holder_jwk=holder, iss=did, header={"kid": did + "#0"}
        )
    else:
        credential = sd_jwt_vc(signer, chain=None, holder_jwk=holder, iss=did).serialize()
    v = verify_credential(
        format, credential, holder_jwk=holder, anchors=[], session=None, status_cache=None, now=NOW
    )
    checks = _by_name(v)
    assert checks["issuer_key"] == (True, "The issuer's key is its did:jwk identifier.")
    assert checks["signature"][0] is True
    assert v.verdict == "untrusted"


def test_a_did_jwk_that_is_not_a_key() -> None:
    signer = make_cert("DID Key", org=None)
    _, holder = holder_key()
    credential = jwt_vc(signer, chain=None, holder_jwk=holder, iss="did:jwk:" + b64url(b"[1]"))
    v = verify_credential(
        "jwt_vc_json",
        credential,
        holder_jwk=holder,
        anchors=[],
        session=None,
        status_cache=None,
        now=NOW,
    )
    ok, detail = _by_name(v)["issuer_key"]
    assert ok is None and detail.startswith("The issuer's did:jwk cannot be read")
