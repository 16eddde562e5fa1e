"""Authorization endpoint, consent decision and pushed authorization requests
(RFC 6749 §4.1, RFC 7636, RFC 9126, RFC 9207, RFC 9396; OID4VCI §5)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import pages
from .attestation import AttestationFailure, check_client_attestation
from .dpop import DpopError, verify_dpop
from .drafts import (
    configuration_for_details,
    configuration_ids,
    configurations,
    legacy,
    scope_configuration,
)
from .state import CODE_LIFETIME, PAR_LIFETIME, AuthRequest, DemoState, new_secret
from .wsgi import Request, Response, html_response, json_response, oauth_error, redirect

__all__ = [
    "AuthorizeError",
    "authorize",
    "decide",
    "dpop_failure",
    "parse_authorization_details",
    "pushed_authorization_request",
]

APP_REDIRECT_URI = "io.github.walletapp:/callback"
DEMO_USER = ("erika", "demo")
_SESSION_LIFETIME = 600
_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")
_PAR_PREFIX = "urn:ietf:params:oauth:request_uri:"


class AuthorizeError(Exception):
    """An invalid authorization request; `redirectable` once client and redirect_uri are known."""

    def __init__(self, error: str, description: str, *, redirectable: bool = True) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.redirectable = redirectable


def redirect_uri_allowed(uri: str) -> bool:
    """Our private-use scheme URI or a loopback URI on any port (RFC 8252 §7.1, §7.3)."""
    if uri == APP_REDIRECT_URI:
        return True
    parts = urlsplit(uri)
    try:
        _ = parts.port
    except ValueError:
        return False
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1") and not parts.fragment


def parse_authorization_details(
    state: DemoState, raw: str, *, allowed: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """Configuration ids from an authorization_details JSON array (§5.1.1); `allowed` defaults
    to every configuration of the mode. Drafts before 1.0 may name format + type parameters.

    Raises AuthorizeError("invalid_authorization_details").
    """
    try:
        details = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AuthorizeError("invalid_authorization_details", "not valid JSON") from exc
    if not isinstance(details, list) or not details:
        raise AuthorizeError("invalid_authorization_details", "must be a non-empty JSON array")
    ids: list[str] = []
    allowed = configuration_ids(state) if allowed is None else allowed
    for detail in details:
        if not isinstance(detail, dict) or detail.get("type") != "openid_credential":
            raise AuthorizeError(
                "invalid_authorization_details", "each entry needs type openid_credential"
            )
        config_id = detail.get("credential_configuration_id")
        if config_id is None and legacy(state) and "format" in detail:
            config_id = configuration_for_details(state, detail)  # d11–d15: format + type
        if not isinstance(config_id, str) or config_id not in allowed:
            raise AuthorizeError(
                "invalid_authorization_details",
                f"unknown credential_configuration_id {config_id!r}",
            )
        if state.config.separate_as_path is not None:
            locations = detail.get("locations")
            if not isinstance(locations, list) or state.credential_issuer not in locations:
                raise AuthorizeError(
                    "invalid_authorization_details",
                    f"locations must contain {state.credential_issuer}",
                )
        if config_id not in ids:
            ids.append(config_id)
    return tuple(ids)


def _requested_ids(state: DemoState, params: Mapping[str, str]) -> tuple[tuple[str, ...], bool]:
    ids: list[str] = []
    raw_details = params.get("authorization_details")
    if raw_details:
        ids.extend(parse_authorization_details(state, raw_details))
    for scope in params.get("scope", "").split():
        config_id = scope_configuration(state, scope)
        if config_id is not None and config_id not in ids:
            ids.append(config_id)
    issuer_state = params.get("issuer_state")
    if issuer_state is not None:
        with state.lock:
            offered = state.issuer_states.get(issuer_state)
        if offered is None:
            raise AuthorizeError("invalid_request", "issuer_state does not match any offer")
        if not ids:
            ids.extend(offered)
    if not ids:
        raise AuthorizeError("invalid_scope", "request a known scope or authorization_details")
    return tuple(ids), bool(raw_details)


def parse_authorization_request(state: DemoState, params: Mapping[str, str]) -> AuthRequest:
    """Validate an authorization request's parameters.

    Raises AuthorizeError (not redirectable while client_id/redirect_uri are unusable).
    """
    client_id = params.get("client_id", "")
    redirect_uri = params.get("redirect_uri", "")
    if not client_id:
        raise AuthorizeError("invalid_request", "client_id is missing", redirectable=False)
    if not redirect_uri_allowed(redirect_uri):
        raise AuthorizeError(
            "invalid_request",
            f"redirect_uri {redirect_uri!r} is not registered for this client",
            redirectable=False,
        )
    if params.get("response_type") != "code":
        raise AuthorizeError("unsupported_response_type", "response_type must be code")
    challenge = params.get("code_challenge", "")
    if not challenge:
        raise AuthorizeError("invalid_request", "PKCE code_challenge is required")
    if params.get("code_challenge_method") != "S256":
        raise AuthorizeError("invalid_request", "code_challenge_method must be S256")
    if not _CHALLENGE.match(challenge):
        raise AuthorizeError("invalid_request", "code_challenge is not a base64url SHA-256 hash")
    ids, used_details = _requested_ids(state, params)
    return AuthRequest(
        client_id=client_id,
        redirect_uri=redirect_uri,
        state=params.get("state"),
        code_challenge=challenge,
        configuration_ids=ids,
        used_authorization_details=used_details,
        issuer_state=params.get("issuer_state"),
        ui_locales=params.get("ui_locales"),
    )


def _with_params(uri: str, params: Mapping[str, str | None]) -> str:
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query.extend((k, v) for k, v in params.items() if v is not None)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _response_params(state: DemoState, params: dict[str, str | None]) -> dict[str, str | None]:
    if state.config.iss_in_response:
        params["iss"] = state.as_issuer
    return params


def _error_redirect(
    state: DemoState, uri: str, req_state: str | None, err: AuthorizeError
) -> Response:
    params: dict[str, str | None] = {
        "error": err.error,
        "error_description": err.description,
        "state": req_state,
    }
    return redirect(_with_params(uri, _response_params(state, params)))


def _language(request: Request, ui_locales: str | None) -> pages.Language:
    return pages.choose_language(ui_locales, request.headers.get("accept-language"))


def _error_page(message: str, detail: str, language: pages.Language = "en") -> Response:
    title = pages.text("This sign-in request can't be used", language)
    return html_response(400, pages.error_page(title, message, detail, language))


def _consent(
    state: DemoState,
    session: str,
    req: AuthRequest,
    error: str | None,
    language: pages.Language,
) -> Response:
    configs = configurations(state)  # what this mode serves
    return html_response(
        200,
        pages.consent_page(
            base_url=state.base_url,
            action=state.as_path + "/authorize/decide",
            session=session,
            credentials=[pages.card_of(configs[cid], language) for cid in req.configuration_ids],
            redirect_uri=req.redirect_uri,
            error=error,
            language=language,
        ),
    )


def _from_par(state: DemoState, params: Mapping[str, str]) -> AuthRequest:
    request_uri = params["request_uri"]
    with state.lock:
        record = state.par_requests.pop(request_uri, None)
    if record is None or record[1] < state.now():
        raise AuthorizeError(
            "invalid_request_uri", "request_uri is unknown, used or expired", redirectable=False
        )
    if params.get("client_id") != record[0].client_id:
        raise AuthorizeError(
            "invalid_request", "client_id does not match the pushed request", redirectable=False
        )
    return record[0]


def authorize(state: DemoState, request: Request) -> Response:
    """GET /authorize: validate, then show the sign-in and consent page.

    Raises nothing: errors become a redirect to the client or an HTML error page.
    """
    params = request.query
    try:
        if "request_uri" in params:
            req = _from_par(state, params)
        else:
            req = parse_authorization_request(state, params)
            if state.config.require_par or state.config.require_wallet_attestation:
                raise AuthorizeError("invalid_request", "pushed authorization request required")
    except AuthorizeError as err:
        if not err.redirectable:
            language = _language(request, params.get("ui_locales"))
            message = pages.text(
                "The wallet sent an authorization request we can't accept.", language
            )
            return _error_page(message, f"{err.error}: {err.description}", language)
        return _error_redirect(state, params["redirect_uri"], params.get("state"), err)
    session = new_secret()
    with state.lock:
        state.sessions[session] = (req, state.now() + _SESSION_LIFETIME)
    return _consent(state, session, req, None, _language(request, req.ui_locales))


def decide(state: DemoState, request: Request) -> Response:
    """POST /authorize/decide: approve (sign in) or deny, then hand the authorization response
    to the wallet through a page that says so (``pages.handoff_page``), so the tab leaves the
    sign-in form.

    Raises nothing.
    """
    browser = _language(request, None)
    if request.method != "POST":
        again = pages.text("Please start again from your wallet.", browser)
        return _error_page(again, "decide expects POST", browser)
    form = request.form()
    session = form.get("session", "")
    with state.lock:
        record = state.sessions.get(session)
    if record is None or record[1] < state.now():
        expired = "This sign-in page has expired. Please start again from your wallet."
        return _error_page(pages.text(expired, browser), "unknown session", browser)
    req = record[0]
    language = _language(request, req.ui_locales)
    action = form.get("action")
    if action not in ("approve", "deny"):
        choose = pages.text("Please choose Approve or Deny.", language)
        return _error_page(choose, f"unknown action {action!r}", language)
    if action == "approve" and (form.get("username"), form.get("password")) != DEMO_USER:
        wrong = pages.text("Wrong username or password. Try erika / demo.", language)
        return _consent(state, session, req, wrong, language)
    with state.lock:
        if state.sessions.pop(session, None) is None:
            used = pages.text("This sign-in page was already used.", language)
            return _error_page(used, "session replayed", language)
        if action == "approve":
            code = new_secret()
            state.codes[code] = (req, state.now() + CODE_LIFETIME)
    if action == "deny":
        params: dict[str, str | None] = {
            "error": "access_denied",
            "error_description": "The user declined the request",
            "state": req.state,
        }
    else:
        params = {"code": code, "state": req.state}
    location = _with_params(req.redirect_uri, _response_params(state, params))
    page = pages.handoff_page(location, approved=action == "approve", language=language)
    return html_response(200, page)


def pushed_authorization_request(state: DemoState, request: Request) -> Response:
    """POST /par (RFC 9126 §2): validate and store; 201 {request_uri, expires_in}.

    Raises nothing: errors are JSON OAuth errors.
    """
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    if request.form_duplicates():
        return oauth_error(400, "invalid_request", "duplicate parameters")
    headers: tuple[tuple[str, str], ...] = ()
    params = request.form()
    early = state.config.attestation_before_dpop
    try:  # the wallet attestation mode: client_id must be the attested sub (HAIP, App. E)
        if early:  # some servers authenticate the client before they look at DPoP
            check_client_attestation(state, request, params.get("client_id") or None)
    except AttestationFailure as failure:
        return failure.response(state)
    if state.config.dpop:
        try:
            verify_dpop(state, request)
        except DpopError as err:
            return dpop_failure(state, err)
        if state.config.dpop_nonce:
            headers = (("DPoP-Nonce", state.current_dpop_nonce()),)
    if "request_uri" in params:
        return oauth_error(400, "invalid_request", "request_uri must not be pushed")
    try:
        if not early:
            check_client_attestation(state, request, params.get("client_id") or None)
    except AttestationFailure as failure:
        return failure.response(state, headers)
    try:
        req = parse_authorization_request(state, params)
    except AuthorizeError as err:
        return oauth_error(400, err.error, err.description, headers=headers)
    request_uri = _PAR_PREFIX + new_secret()
    with state.lock:
        state.par_requests[request_uri] = (req, state.now() + PAR_LIFETIME)
    return json_response(
        201,
        {"request_uri": request_uri, "expires_in": PAR_LIFETIME},
        no_store=True,
        headers=headers,
    )


def dpop_failure(state: DemoState, err: DpopError) -> Response:
    """An AS-side DPoP error (RFC 9449 §8): 400, with a fresh nonce when asked for one."""
    headers: tuple[tuple[str, str], ...] = ()
    if state.config.dpop_nonce:
        headers = (("DPoP-Nonce", state.current_dpop_nonce()),)
    return oauth_error(400, err.error, err.description, headers=headers)
