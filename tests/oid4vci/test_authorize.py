"""Authorization request and response of the code flow (wallet_app.oid4vci.authorize)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from wallet_app.errors import AuthorizationError, MetadataError
from wallet_app.oid4vci.authorize import (
    AuthorizationResponse,
    Pkce,
    authorization_details_for,
    build_authorization_params,
    build_authorization_url,
    make_pkce,
    make_state,
    parse_authorization_response,
    redirect_params,
)
from wallet_app.oid4vci.metadata import parse_auth_server_metadata, parse_issuer_metadata
from wallet_app.oid4vci.models import AuthServerMetadata, IssuerMetadata

ISSUER = "https://issuer.test"
AS = "https://as.test"
REDIRECT = "io.github.walletapp:/callback"


def _issuer(*, servers: list[str] | None = None) -> IssuerMetadata:
    doc: dict[str, object] = {
        "credential_issuer": ISSUER,
        "credential_endpoint": f"{ISSUER}/credential",
        "credential_configurations_supported": {
            "pid": {"format": "dc+sd-jwt", "vct": "urn:pid", "scope": "pid"},
            "pid2": {"format": "dc+sd-jwt", "vct": "urn:pid2", "scope": "pid"},
            "diploma": {"format": "dc+sd-jwt", "vct": "urn:diploma", "scope": "diploma"},
            "noscope": {"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL"},
            "noscope2": {"format": "jwt_vc_json"},
        },
    }
    if servers is not None:
        doc["authorization_servers"] = servers
    return parse_issuer_metadata(doc, expected_issuer=ISSUER)


def _as(**extra: object) -> AuthServerMetadata:
    doc: dict[str, object] = {
        "issuer": AS,
        "authorization_endpoint": f"{AS}/authorize",
        "token_endpoint": f"{AS}/token",
        **extra,
    }
    return parse_auth_server_metadata(doc, expected_issuer=AS)


def _params(
    ids: list[str],
    *,
    servers: list[str] | None = None,
    auth: AuthServerMetadata | None = None,
    **kwargs: str | None,
) -> dict[str, str]:
    issuer = _issuer(servers=servers)
    return build_authorization_params(
        client_id="wallet-app",
        redirect_uri=REDIRECT,
        configurations=[issuer.configurations[i] for i in ids],
        issuer=issuer,
        auth_server=auth or _as(),
        state="st",
        pkce=Pkce(verifier="v" * 43, challenge="chal"),
        **kwargs,  # type: ignore[arg-type]
    )


# -- PKCE and state ----------------------------------------------------------------------------


def test_make_pkce_is_s256_of_a_43_char_verifier() -> None:
    pkce = make_pkce()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", pkce.verifier)
    digest = hashlib.sha256(pkce.verifier.encode("ascii")).digest()
    assert pkce.challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert "=" not in pkce.challenge
    assert pkce.verifier not in repr(pkce)
    assert make_pkce().verifier != pkce.verifier


def test_make_state_is_random_and_opaque() -> None:
    states = {make_state() for _ in range(20)}
    assert len(states) == 20
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", s) for s in states)


# -- parameters --------------------------------------------------------------------------------


def test_params_with_scope() -> None:
    params = _params(["pid"])
    assert params == {
        "response_type": "code",
        "client_id": "wallet-app",
        "redirect_uri": REDIRECT,
        "state": "st",
        "code_challenge": "chal",
        "code_challenge_method": "S256",
        "scope": "pid",
    }


def test_params_scopes_are_joined_once_in_order() -> None:
    params = _params(["diploma", "pid", "pid2"])
    assert params["scope"] == "diploma pid"
    assert "authorization_details" not in params


def test_params_scope_with_authorization_servers_adds_resource() -> None:
    params = _params(["pid"], servers=[AS])
    assert params["resource"] == ISSUER


def test_params_authorization_details_without_scope() -> None:
    params = _params(["noscope", "noscope2"])
    assert "scope" not in params and "resource" not in params
    details = json.loads(params["authorization_details"])
    assert details == [
        {"type": "openid_credential", "credential_configuration_id": "noscope"},
        {"type": "openid_credential", "credential_configuration_id": "noscope2"},
    ]


def test_params_authorization_details_carry_locations_when_as_listed() -> None:
    params = _params(["noscope"], servers=[AS])
    assert json.loads(params["authorization_details"]) == [
        {
            "type": "openid_credential",
            "credential_configuration_id": "noscope",
            "locations": [ISSUER],
        }
    ]


def test_params_mixed_scope_and_details() -> None:
    params = _params(["pid", "noscope"])
    assert params["scope"] == "pid"
    assert [
        d["credential_configuration_id"] for d in json.loads(params["authorization_details"])
    ] == ["noscope"]


def test_params_issuer_state_and_dpop_jkt() -> None:
    params = _params(["pid"], issuer_state="ist", dpop_jkt="thumb")
    assert params["issuer_state"] == "ist"
    assert params["dpop_jkt"] == "thumb"
    assert "issuer_state" not in _params(["pid"], issuer_state="")


def test_params_require_s256_when_methods_are_listed() -> None:
    with pytest.raises(MetadataError) as info:
        _params(["pid"], auth=_as(code_challenge_methods_supported=["plain"]))
    assert "S256" in (info.value.detail or "")
    # listed with S256, or not listed at all: fine
    _params(["pid"], auth=_as(code_challenge_methods_supported=["plain", "S256"]))


def test_params_details_need_openid_credential_type_when_types_listed() -> None:
    auth = _as(authorization_details_types_supported=["payment_initiation"])
    with pytest.raises(MetadataError):
        _params(["noscope"], auth=auth)
    # a scope-only request does not care
    assert _params(["pid"], auth=auth)["scope"] == "pid"


def test_authorization_details_for_empty() -> None:
    assert authorization_details_for([], _issuer()) == []


# -- URL ---------------------------------------------------------------------------------------


def test_build_authorization_url_encodes_params() -> None:
    url = build_authorization_url(_as(), {"client_id": "w a", "request_uri": "urn:x:1&2"})
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{AS}/authorize"
    assert parse_qs(parts.query) == {"client_id": ["w a"], "request_uri": ["urn:x:1&2"]}


def test_build_authorization_url_appends_to_existing_query() -> None:
    auth = _as(authorization_endpoint=f"{AS}/authorize?tenant=t1")
    url = build_authorization_url(auth, {"a": "b"})
    assert url == f"{AS}/authorize?tenant=t1&a=b"


def test_build_authorization_url_without_endpoint() -> None:
    auth = parse_auth_server_metadata(
        {"issuer": AS, "token_endpoint": f"{AS}/token"}, expected_issuer=AS
    )
    with pytest.raises(MetadataError) as info:
        build_authorization_url(auth, {})
    assert "browser" in info.value.user_message


# -- response ----------------------------------------------------------------------------------


def test_redirect_params_query_fragment_and_whitespace() -> None:
    assert redirect_params("  app:/cb?code=c&state=s  ") == {"code": "c", "state": "s"}
    assert redirect_params("app:/cb#code=c&state=s") == {"code": "c", "state": "s"}
    assert redirect_params("app:/cb") == {}


def _parse(url: str, *, iss_supported: bool = False, state: str = "st") -> AuthorizationResponse:
    return parse_authorization_response(
        url,
        expected_state=state,
        auth_server=_as(authorization_response_iss_parameter_supported=iss_supported),
    )


def test_parse_success_with_iss() -> None:
    resp = _parse(f"{REDIRECT}?code=CODE-1&state=st&iss={AS}", iss_supported=True)
    assert resp == AuthorizationResponse(code="CODE-1", state="st", iss=AS)
    assert "CODE-1" not in repr(resp)


def test_parse_success_without_iss_when_not_advertised() -> None:
    resp = _parse(f"{REDIRECT}?code=CODE-1&state=st")
    assert resp.code == "CODE-1" and resp.iss is None


@pytest.mark.parametrize(
    "url",
    [f"{REDIRECT}?code=c&state=other", f"{REDIRECT}?code=c", f"{REDIRECT}?code=c&state="],
)
def test_parse_state_mismatch(url: str) -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(url)
    assert info.value.code == "state_mismatch"


def test_parse_state_checked_before_error() -> None:
    # an error response for another flow must not be taken for ours
    with pytest.raises(AuthorizationError) as info:
        _parse(f"{REDIRECT}?error=access_denied&state=other")
    assert info.value.code == "state_mismatch"


def test_parse_iss_mismatch_even_when_not_advertised() -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(f"{REDIRECT}?code=c&state=st&iss=https://evil.test")
    assert info.value.code == "iss_mismatch"


def test_parse_iss_mismatch_checked_on_error_responses() -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(f"{REDIRECT}?error=access_denied&state=st&iss=https://evil.test")
    assert info.value.code == "iss_mismatch"


def test_parse_iss_missing_when_advertised() -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(f"{REDIRECT}?code=c&state=st", iss_supported=True)
    assert info.value.code == "iss_missing"


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("access_denied", "declined"),
        ("invalid_scope", "does not offer"),
        ("login_required", "sign in"),
        ("temporarily_unavailable", "temporarily"),
        ("server_error", "could not complete"),
    ],
)
def test_parse_error_responses(error: str, words: str) -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(f"{REDIRECT}?error={error}&error_description=the+reason&state=st")
    assert info.value.code == error
    assert words in info.value.user_message
    assert info.value.detail == f"{error}: the reason"


def test_parse_error_without_description_and_before_iss_missing() -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(f"{REDIRECT}?error=access_denied&state=st", iss_supported=True)
    assert info.value.code == "access_denied"
    assert info.value.detail == "access_denied"


@pytest.mark.parametrize("url", [f"{REDIRECT}?state=st", f"{REDIRECT}?state=st&code="])
def test_parse_code_missing(url: str) -> None:
    with pytest.raises(AuthorizationError) as info:
        _parse(url)
    assert info.value.code == "code_missing"


def test_ui_locales_are_sent_best_first_without_repeats() -> None:
    params = _params(["pid"], ui_locales=("de-DE", "de", "en", "de"))  # type: ignore[arg-type]
    assert params["ui_locales"] == "de-DE de en"
    assert "ui_locales" not in _params(["pid"])
