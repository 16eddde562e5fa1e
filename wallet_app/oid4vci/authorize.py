"""Authorization request and response of the authorization code flow (OID4VCI §5).

PKCE S256 always (RFC 7636, RFC 8252 §8.1); ``scope`` when the configuration has one, else
``authorization_details`` of type ``openid_credential`` (§5.1.1, with ``locations`` when the
issuer names authorization servers); ``issuer_state`` echoed (§5.1.3); ``state`` checked and
``iss`` checked when the AS advertises RFC 9207.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import field
from urllib.parse import parse_qsl, urlencode, urlsplit

from wallet_app.errors import AuthorizationError, MetadataError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.dialect import Draft, format_parameters
from wallet_app.oid4vci.models import AuthServerMetadata, CredentialConfiguration, IssuerMetadata

__all__ = [
    "AuthorizationResponse",
    "Pkce",
    "authorization_details_for",
    "build_authorization_params",
    "build_authorization_url",
    "make_pkce",
    "make_state",
    "parse_authorization_response",
]


@frozen
class Pkce:
    """A PKCE verifier and its S256 challenge."""

    verifier: str = field(repr=False)
    challenge: str


def make_pkce() -> Pkce:
    """A fresh 43-character verifier (32 random bytes) and its S256 challenge."""
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return Pkce(verifier=verifier, challenge=challenge)


def make_state() -> str:
    """An unguessable ``state`` value that carries no data (§15.4.3)."""
    return secrets.token_urlsafe(24)


def authorization_details_for(
    configurations: Sequence[CredentialConfiguration],
    issuer: IssuerMetadata,
    draft: Draft = "1.0",
) -> list[dict[str, object]]:
    """``authorization_details`` objects (§5.1.1) for configurations without a scope.

    Draft 11 had no configuration ids: it names ``format`` and the type parameters (its
    §5.1.1 examples); drafts 13 on name the ``credential_configuration_id``.
    """
    details: list[dict[str, object]] = []
    for conf in configurations:
        entry: dict[str, object] = {"type": "openid_credential"}
        if draft == "11":
            entry["format"] = conf.format
            entry.update(format_parameters(conf, draft))
        else:
            entry["credential_configuration_id"] = conf.id
        if issuer.authorization_servers:
            entry["locations"] = [issuer.credential_issuer]
        details.append(entry)
    return details


def build_authorization_params(
    *,
    client_id: str,
    redirect_uri: str,
    configurations: Sequence[CredentialConfiguration],
    issuer: IssuerMetadata,
    auth_server: AuthServerMetadata,
    state: str,
    pkce: Pkce,
    issuer_state: str | None = None,
    dpop_jkt: str | None = None,
    ui_locales: Sequence[str] = (),
    draft: Draft = "1.0",
) -> dict[str, str]:
    """The authorization request parameters (for the browser URL or a PAR body).

    ``ui_locales``: the person's languages, best first, so the sign-in pages can match the
    wallet's language (OpenID Connect Core §3.1.2.1; an OAuth server ignores it, RFC 6749 §3.1).

    Raises MetadataError when the AS does not support S256 PKCE or a needed
    ``authorization_details`` type.
    """
    methods = auth_server.code_challenge_methods_supported
    if methods and "S256" not in methods:
        raise MetadataError(
            "The issuer's sign-in service does not support the secure sign-in this wallet uses.",
            detail=f"code_challenge_methods_supported={list(methods)} lacks S256",
        )
    params: dict[str, str] = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    scopes = [c.scope for c in configurations if c.scope]
    without_scope = [c for c in configurations if not c.scope]
    if scopes:
        params["scope"] = " ".join(dict.fromkeys(scopes))
        if issuer.authorization_servers:
            params["resource"] = issuer.credential_issuer
    if without_scope:
        types = auth_server.authorization_details_types_supported
        if types and "openid_credential" not in types:
            raise MetadataError(
                "The issuer cannot be asked for this credential by sign-in: it has no scope "
                "and its sign-in service does not accept credential requests.",
                detail="authorization_details_types_supported lacks openid_credential",
            )
        params["authorization_details"] = json.dumps(
            authorization_details_for(without_scope, issuer, draft), separators=(",", ":")
        )
    if issuer_state:
        params["issuer_state"] = issuer_state
    if dpop_jkt:
        params["dpop_jkt"] = dpop_jkt
    if ui_locales:
        params["ui_locales"] = " ".join(dict.fromkeys(ui_locales))
    return params


def build_authorization_url(auth_server: AuthServerMetadata, params: Mapping[str, str]) -> str:
    """The URL to open in the system browser (params may be just client_id + request_uri)."""
    endpoint = auth_server.authorization_endpoint
    if not endpoint:
        raise MetadataError(
            "The issuer does not offer sign-in through a browser.",
            detail=f"{auth_server.issuer}: no authorization_endpoint in its metadata",
        )
    sep = "&" if urlsplit(endpoint).query else "?"
    return endpoint + sep + urlencode(dict(params))


@frozen
class AuthorizationResponse:
    """The parsed redirect: the authorization code and the state it came with."""

    code: str = field(repr=False)
    state: str
    iss: str | None = None


def redirect_params(url: str) -> dict[str, str]:
    """Query (or, failing that, fragment) parameters of a redirect URL; none for text that
    is no URL (``http://[::1?``: urlsplit raises ValueError), so its state matches nothing."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return {}
    raw = parts.query or parts.fragment
    return dict(parse_qsl(raw, keep_blank_values=True))


def parse_authorization_response(
    url: str,
    *,
    expected_state: str,
    auth_server: AuthServerMetadata,
) -> AuthorizationResponse:
    """Validate a redirect (RFC 6749 §4.1.2, RFC 9207) and return its code.

    Raises AuthorizationError for an error response, a missing code, a state mismatch or
    an ``iss`` that is missing (when advertised) or different.
    """
    params = redirect_params(url)
    state = params.get("state")
    if state != expected_state:
        raise AuthorizationError(
            "This sign-in response does not belong to the sign-in the wallet started. Start again.",
            detail="state mismatch in the authorization response",
            code="state_mismatch",
        )
    iss = params.get("iss")
    if iss is not None and iss != auth_server.issuer:
        raise AuthorizationError(
            "The sign-in response came from a different server than expected. Start again.",
            detail=f"iss {iss!r} != {auth_server.issuer!r} (RFC 9207)",
            code="iss_mismatch",
        )
    if "error" in params:
        err = params["error"]
        desc = params.get("error_description")
        message = {
            "access_denied": "You declined, or the issuer refused, the request.",
            "invalid_scope": "The issuer does not offer the requested credential this way.",
            "login_required": "You need to sign in at the issuer.",
            "temporarily_unavailable": "The issuer is temporarily unavailable. Try later.",
        }.get(err, "The issuer could not complete the sign-in.")
        raise AuthorizationError(message, detail=f"{err}: {desc}" if desc else err, code=err)
    if iss is None and auth_server.authorization_response_iss_parameter_supported:
        raise AuthorizationError(
            "The sign-in response is incomplete. Start again.",
            detail="iss missing although the AS advertises RFC 9207 support",
            code="iss_missing",
        )
    code = params.get("code")
    if not code:
        raise AuthorizationError(
            "The sign-in response carries no authorization code. Start again.",
            detail="code missing in the authorization response",
            code="code_missing",
        )
    return AuthorizationResponse(code=code, state=state, iss=iss)
