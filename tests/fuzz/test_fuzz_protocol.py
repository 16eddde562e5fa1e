"""Property-based fuzzing of the OID4VCI parsers: offers, issuer and AS metadata, token,
nonce, credential (immediate, deferred, batch, error, encrypted) responses and redirects.

Property: each parser returns a value or raises a WalletError subclass — never RecursionError,
UnicodeError, KeyError, TypeError or any other exception. Responses go through the real client
(Oid4vciClient over HttpSession) with an in-process transport answering the fuzzed status,
headers and body, as tests/oid4vci/test_client.py does. Profiles: tests/conftest.py ("ci" 5,000
examples per test, "long" 100,000).
"""

from __future__ import annotations

import functools
import json
from urllib.parse import quote

import httpx
from hypothesis import example, given
from hypothesis import strategies as st
from joserfc import jwe
from joserfc.jwk import ECKey

from tests.fuzz.fuzz_kit import (
    DEEP,
    ISSUER,
    as_text,
    auth_server_seeds,
    b64url,
    credential_response_seeds,
    encoded,
    error_seeds,
    issuer_metadata_seeds,
    json_values,
    mutated,
    offer_seeds,
    survives,
    text,
    token_seeds,
)
from wallet_app.oid4vci.authorize import parse_authorization_response
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.credential import Issued, parse_credential_response
from wallet_app.oid4vci.dialect import detect_draft
from wallet_app.oid4vci.encryption import ResponseEncryption, decrypt_response
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.metadata import (
    parse_auth_server_metadata,
    parse_issuer_metadata,
    select_auth_server,
)
from wallet_app.oid4vci.models import AuthServerMetadata, IssuerMetadata
from wallet_app.oid4vci.offer import offer_uri_host, parse_offer
from wallet_app.oid4vci.token import TokenSet

JSON_TYPES = ("application/json", "application/json; charset=utf-8", "text/html", "", "a/b;;")


def _client(answer: httpx.Response | None = None, handler=None) -> Oid4vciClient:  # type: ignore[no-untyped-def]
    def reply(request: httpx.Request) -> httpx.Response:
        assert answer is not None
        return answer

    http = httpx.Client(transport=httpx.MockTransport(handler or reply))
    return Oid4vciClient(HttpSession(http))


@st.composite
def responses(draw: st.DrawFn, docs: st.SearchStrategy[object]) -> httpx.Response:
    """A fuzzed HTTP answer: mostly 200 JSON of ``docs``, sometimes another status, content
    type or a WWW-Authenticate header with hostile parameters."""
    status = draw(st.sampled_from((200, 200, 200, 202, 400, 401, 404, 500, 302, 204)))
    headers: dict[str, str | bytes] = {"content-type": draw(st.sampled_from(JSON_TYPES))}
    if draw(st.integers(0, 4)) == 0:
        err = draw(text).replace('"', "")
        headers["www-authenticate"] = draw(
            st.sampled_from(
                (f'DPoP error="{err}"', f'Bearer error="{err}", error_description="', 'error="')
            )
        ).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 6)) == 0:
        headers["dpop-nonce"] = "n"
    return httpx.Response(status, headers=headers, content=draw(encoded(docs)))


def _issuer(**extra: object) -> IssuerMetadata:
    doc = {**issuer_metadata_seeds()[0], "credential_issuer": ISSUER, **extra}
    doc["deferred_credential_endpoint"] = f"{ISSUER}/deferred"
    return parse_issuer_metadata(doc, expected_issuer=ISSUER)


def _as() -> AuthServerMetadata:
    doc = auth_server_seeds()[0]
    return parse_auth_server_metadata(doc, expected_issuer=str(doc["issuer"]))


# ------------------------------------------------------------------ offers
def _offer_texts() -> st.SearchStrategy[str]:
    as_json = encoded(mutated(offer_seeds())).map(as_text)
    schemes = st.sampled_from(
        (
            "openid-credential-offer://?",
            "openid-credential-offer://x/?",
            "haip-vci://?",
            "haip://?",
            "https://wallet.example/#",
            "?",
            "",
        )
    )
    names = st.sampled_from(("credential_offer", "credential_offer_uri", "x", "issuer"))

    @st.composite
    def uris(draw: st.DrawFn) -> str:
        parts = []
        for _ in range(draw(st.integers(1, 3))):
            name = draw(names)
            value = draw(as_json) if name == "credential_offer" else draw(text)
            how = draw(st.integers(0, 3))
            if how == 0:
                value = quote(value, safe="", errors="surrogatepass")
            elif how == 1:
                value = quote(quote(value, safe="", errors="surrogatepass"), safe="")
            parts.append(f"{name}={value}")
        return draw(schemes) + "&".join(parts)

    return st.one_of(as_json, uris(), text, st.text(max_size=300))


@given(_offer_texts())
def test_offer_text(value: str) -> None:
    survives(parse_offer, value)
    survives(offer_uri_host, value)


@given(responses(mutated(offer_seeds())))
def test_offer_by_reference(answer: httpx.Response) -> None:
    survives(_client(answer).fetch_offer, f"{ISSUER}/offer/1")


# ------------------------------------------------------------------ metadata
@given(responses(mutated(issuer_metadata_seeds())), st.booleans())
def test_issuer_metadata(answer: httpx.Response, same_issuer: bool) -> None:
    issuer = ISSUER if same_issuer else "https://other.example"
    metadata = survives(_client(answer).fetch_issuer_metadata, issuer)
    if metadata is not None:  # what the flow does next with it
        survives(detect_draft, metadata)
        survives(select_auth_server, metadata, None)
        survives(select_auth_server, metadata, "https://as.example.com")


@given(mutated(issuer_metadata_seeds()))
def test_issuer_metadata_document(doc: object) -> None:
    if isinstance(doc, dict):
        survives(parse_issuer_metadata, doc, expected_issuer=str(doc.get("credential_issuer")))


@given(responses(mutated(auth_server_seeds())))
def test_auth_server_metadata(answer: httpx.Response) -> None:
    survives(_client(answer).fetch_auth_server_metadata, "https://as.example.com")


# ------------------------------------------------------------------ token, nonce, credential
@given(responses(mutated([*token_seeds(), *error_seeds()])))
def test_token_response(answer: httpx.Response) -> None:
    survives(_client(answer).request_token, _as(), {"grant_type": "authorization_code"})


@given(responses(mutated([{"c_nonce": "wKI4LT17ac15ES9bw8ac4"}, *error_seeds()])))
def test_nonce_response(answer: httpx.Response) -> None:
    survives(_client(answer).fetch_nonce, _issuer())


_TOKEN = TokenSet(access_token="at", token_type="Bearer")


@given(responses(mutated([*credential_response_seeds(), *error_seeds()])))
def test_credential_response(answer: httpx.Response) -> None:
    survives(_client(answer).request_credential, _issuer(), _TOKEN, {"format": "dc+sd-jwt"})


@given(
    responses(
        mutated([*credential_response_seeds(), *error_seeds(), {"error": "issuance_pending"}])
    ),
    st.sampled_from(("1.0", "15", "14", "13", "11")),
)
def test_deferred_response(answer: httpx.Response, draft: str) -> None:
    survives(_client(answer).request_deferred, _issuer(), _TOKEN, "tx-1", draft=draft)  # type: ignore[arg-type]


# ------------------------------------------------------------------ encrypted responses (JWE)
_ENCRYPTED = {
    "credential_response_encryption": {
        "alg_values_supported": ["ECDH-ES"],
        "enc_values_supported": ["A128GCM", "A256GCM"],
        "encryption_required": True,
    }
}


@functools.cache
def _plan() -> ResponseEncryption:
    return ResponseEncryption("ECDH-ES", "A128GCM", ECKey.generate_key("P-256", private=True))


@st.composite
def jwes(draw: st.DrawFn) -> bytes:
    """A compact JWE to the wallet's key around a fuzzed plaintext, sometimes mangled
    (a segment replaced, the header fuzzed, bytes cut)."""
    plan = _plan()
    plaintext = draw(encoded(mutated(credential_response_seeds())))
    header: dict[str, object] = {"alg": "ECDH-ES", "enc": draw(st.sampled_from(_ENCS))}
    if draw(st.integers(0, 5)) == 0:
        names = st.sampled_from(("alg", "enc", "zip", "epk", "kid", "cty"))
        header.update(draw(st.dictionaries(names, json_values(), max_size=3)))
    try:
        token = jwe.encrypt_compact(header, plaintext, plan.key).encode()
    except Exception:  # a fuzzed header joserfc will not encrypt with: sent as it is
        encoded_header = b64url(json.dumps(header, allow_nan=True).encode()).encode()
        token = encoded_header + b".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"
    parts = token.split(b".")
    how = draw(st.integers(0, 6))
    if how == 0:
        parts[draw(st.integers(0, len(parts) - 1))] = draw(st.binary(max_size=40))
        token = b".".join(parts)
    elif how == 1:
        parts[0] = b64url(draw(encoded(json_values()))).encode()
        token = b".".join(parts)
    elif how == 2:
        token = token[: draw(st.integers(0, len(token)))]
    return token


_ENCS = ("A128GCM", "A256GCM", "A128CBC-HS256", "A256CBC-HS512")


@given(jwes())
def test_encrypted_credential_response(token: bytes) -> None:
    """What the client does with an application/jwt credential response (§10)."""
    url = f"{ISSUER}/credential"
    doc = survives(decrypt_response, token, _plan(), url=url)
    if doc is not None:
        survives(parse_credential_response, 200, doc, url=url)


def test_encrypted_response_through_the_client() -> None:
    """The client decrypts with the ephemeral key it sent (the fuzzed path above)."""

    def reply(request: httpx.Request) -> httpx.Response:
        wanted = json.loads(request.content)["credential_response_encryption"]
        body = json.dumps({"credentials": [{"credential": "c-1"}]}).encode()
        token = jwe.encrypt_compact(
            {"alg": "ECDH-ES", "enc": wanted["enc"]}, body, ECKey.import_key(wanted["jwk"])
        )
        return httpx.Response(200, headers={"content-type": "application/jwt"}, content=token)

    issuer = _issuer(**_ENCRYPTED)
    result = _client(handler=reply).request_credential(issuer, _TOKEN, {"format": "dc+sd-jwt"})
    assert isinstance(result, Issued) and result.credentials == ("c-1",)


# found by fuzzing (fixed in eca81d9): joserfc's TypeError for an unhashable alg/enc escaped
@given(st.sampled_from(([], {}, [1])), st.sampled_from(("enc", "alg")))
@example([], "enc")
def test_encrypted_credential_response_unhashable_enc(value: object, name: str) -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        header = b64url(json.dumps({"alg": "ECDH-ES", "enc": "A128GCM", name: value}).encode())
        token = f"{header}.AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"
        return httpx.Response(200, headers={"content-type": "application/jwt"}, content=token)

    issuer = _issuer(**_ENCRYPTED)
    survives(_client(handler=reply).request_credential, issuer, _TOKEN, {"format": "dc+sd-jwt"})


# ------------------------------------------------------------------ redirects
REDIRECT = "http://127.0.0.1:8123/callback"


@st.composite
def redirect_urls(draw: st.DrawFn) -> str:
    values = {"code": "c-1", "state": "s-1", "iss": "https://as.example.com"}
    names = st.sampled_from(("code", "state", "iss", "error", "error_description", "x"))
    params = []
    for name, value in values.items():
        if draw(st.integers(0, 3)):
            params.append((name, value))
    for _ in range(draw(st.integers(0, 3))):
        params.append((draw(names), draw(text)))
    raw = draw(st.booleans())
    query = "&".join(
        f"{n}={v}" if raw else f"{n}={quote(v, safe='', errors='surrogatepass')}" for n, v in params
    )
    sep = draw(st.sampled_from(("?", "#", "?x=1&", "/?", "")))
    return draw(st.sampled_from((REDIRECT, "", "wallet://cb", "http://[::1"))) + sep + query


@given(st.one_of(redirect_urls(), text, st.text(max_size=200)), st.booleans())
@example("http://[::1?state=s-1&code=c", False)  # found: urlsplit's ValueError escaped
def test_authorization_response(url: str, iss_advertised: bool) -> None:
    auth_server = _as()
    if not iss_advertised:
        doc = dict(auth_server_seeds()[0], authorization_response_iss_parameter_supported=False)
        auth_server = parse_auth_server_metadata(doc, expected_issuer=str(doc["issuer"]))
    survives(parse_authorization_response, url, expected_state="s-1", auth_server=auth_server)


def test_seeds_parse_cleanly() -> None:
    """The unmutated seeds are real, usable messages (so mutations start from valid input)."""
    for doc in offer_seeds():
        assert survives(parse_offer, json.dumps(doc)) is not None or "credentials" in doc
    assert DEEP not in json.dumps(offer_seeds())
    answer = httpx.Response(200, json=token_seeds()[0])
    assert survives(_client(answer).request_token, _as(), {}) is not None
    answer = httpx.Response(200, json=credential_response_seeds()[0])
    assert survives(_client(answer).request_credential, _issuer(), _TOKEN, {}) is not None
