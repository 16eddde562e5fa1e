"""Token endpoint: authorization code (with PKCE) and pre-authorized code grants
(RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 9449 §5; OID4VCI §6)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from .attestation import AttestationFailure, check_client_attestation
from .authorize import AuthorizeError, dpop_failure, parse_authorization_details
from .deviations import wrong_tx_code_response
from .dpop import DpopError, verify_dpop
from .drafts import pin_from_form, token_extras
from .state import TOKEN_LIFETIME, AccessGrant, DemoState, new_secret
from .wsgi import Request, Response, json_response, oauth_error

__all__ = ["PRE_AUTHORIZED_GRANT", "token"]

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


class _TokenError(Exception):
    def __init__(
        self, error: str, description: str, status: int = 400, *, wrong_tx_code: bool = False
    ) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status
        self.wrong_tx_code = wrong_tx_code


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _authorization_code_grant(
    state: DemoState, form: dict[str, str]
) -> tuple[tuple[str, ...], str, bool, str]:
    code = form.get("code", "")
    if not code:
        raise _TokenError("invalid_request", "code is missing")
    with state.lock:
        record = state.codes.pop(code, None)
        if record is None:
            for revoked in state.spent_codes.get(code, []):
                state.tokens.pop(revoked, None)
            raise _TokenError("invalid_grant", "authorization code is unknown or already used")
        state.spent_codes[code] = []
    req, expires_at = record
    if expires_at < state.now():
        raise _TokenError("invalid_grant", "authorization code expired")
    if form.get("client_id") != req.client_id:
        raise _TokenError("invalid_grant", "code was issued to another client_id")
    if form.get("redirect_uri") != req.redirect_uri:
        raise _TokenError("invalid_grant", "redirect_uri does not match the authorization request")
    verifier = form.get("code_verifier", "")
    if not verifier:
        raise _TokenError("invalid_request", "code_verifier is missing (PKCE)")
    if not _VERIFIER.match(verifier) or not hmac.compare_digest(
        _s256(verifier), req.code_challenge
    ):
        raise _TokenError("invalid_grant", "PKCE verification failed")
    if req.issuer_state is not None:
        with state.lock:
            state.redeemed_issuer_states.add(req.issuer_state)
    return req.configuration_ids, req.client_id, req.used_authorization_details, code


def _pre_authorized_grant(
    state: DemoState, form: dict[str, str]
) -> tuple[tuple[str, ...], str | None, bool]:
    code = form.get("pre-authorized_code", "")
    if not code:
        raise _TokenError("invalid_request", "pre-authorized_code is missing")
    client_id = form.get("client_id") or None
    if client_id is None and not state.config.anonymous_preauth:
        raise _TokenError("invalid_client", "client_id is required: anonymous access is off")
    with state.lock:
        grant = state.pre_auth.get(code)
    if grant is None:
        raise _TokenError("invalid_grant", "pre-authorized_code is unknown or already used")
    sent = pin_from_form(state, form)  # user_pin in draft 11
    if grant.tx_code is not None and sent is None:
        raise _TokenError("invalid_request", "tx_code is required for this offer")
    if grant.tx_code is None and sent is not None:
        raise _TokenError("invalid_request", "this offer has no tx_code; do not send one")
    if grant.tx_code is not None and not hmac.compare_digest(
        (sent or "").encode(), grant.tx_code.encode()
    ):
        raise _TokenError("invalid_grant", "the transaction code is wrong", wrong_tx_code=True)
    ids, used_details = grant.configuration_ids, False
    raw_details = form.get("authorization_details")
    if raw_details:
        try:
            ids = parse_authorization_details(state, raw_details, allowed=ids)
        except AuthorizeError as err:
            raise _TokenError(err.error, err.description) from err
        used_details = True
    with state.lock:
        if state.pre_auth.pop(code, None) is None:
            raise _TokenError("invalid_grant", "pre-authorized_code was already used")
    return ids, client_id, used_details


def _token_body(
    state: DemoState,
    ids: tuple[str, ...],
    client_id: str | None,
    with_identifiers: bool,
    jkt: str | None,
) -> tuple[str, dict[str, object]]:
    access_token = new_secret(32)
    with_identifiers = with_identifiers and state.config.draft != "11"  # none in draft 11
    identifiers = {f"{cid}-{new_secret(6)}": cid for cid in ids} if with_identifiers else None
    grant = AccessGrant(
        configuration_ids=ids,
        client_id=client_id,
        anonymous=client_id is None,
        jkt=jkt,
        identifiers=identifiers,
        expires_at=state.now() + TOKEN_LIFETIME,
    )
    with state.lock:
        state.tokens[access_token] = grant
    body: dict[str, object] = {
        "access_token": access_token,
        "token_type": "DPoP" if jkt else "Bearer",
        "expires_in": TOKEN_LIFETIME,
    }
    if identifiers is not None:
        body["authorization_details"] = [
            {
                "type": "openid_credential",
                "credential_configuration_id": cid,
                "credential_identifiers": [ident for ident, c in identifiers.items() if c == cid],
            }
            for cid in ids
        ]
    body.update(token_extras(state))  # c_nonce before draft 15
    return access_token, body


def token(state: DemoState, request: Request) -> Response:
    """POST /token (RFC 6749 §5, OID4VCI §6.2). Raises nothing: errors are JSON."""
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    if request.form_duplicates():
        return oauth_error(400, "invalid_request", "duplicate parameters")
    jkt: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    form = request.form()
    attested: str | None = None
    early = state.config.attestation_before_dpop
    if early:  # some servers authenticate the client before they look at DPoP
        try:
            attested = check_client_attestation(state, request, form.get("client_id") or None)
        except AttestationFailure as failure:
            return failure.response(state)
    if state.config.dpop:
        try:
            proof = verify_dpop(state, request)
        except DpopError as err:
            return dpop_failure(state, err)
        if proof is None:
            return dpop_failure(state, DpopError("invalid_dpop_proof", "DPoP proof required"))
        jkt = proof.jkt
        if state.config.dpop_nonce:
            headers = (("DPoP-Nonce", state.current_dpop_nonce()),)
    try:  # the wallet attestation mode: the attested sub is the client_id (App. E)
        if not early:
            attested = check_client_attestation(state, request, form.get("client_id") or None)
    except AttestationFailure as failure:
        return failure.response(state, headers)
    if attested is not None:
        form["client_id"] = attested
    grant_type = form.get("grant_type")
    try:
        if grant_type == "authorization_code":
            ids, client_id, used_details, code = _authorization_code_grant(state, form)
            with_ids = state.config.credential_identifiers or used_details
            access_token, body = _token_body(state, ids, client_id, with_ids, jkt)
            with state.lock:
                state.spent_codes.setdefault(code, []).append(access_token)
        elif grant_type == PRE_AUTHORIZED_GRANT:
            ids, anon_client, used_details = _pre_authorized_grant(state, form)
            with_ids = state.config.credential_identifiers or used_details
            _, body = _token_body(state, ids, anon_client, with_ids, jkt)
        elif not grant_type:
            raise _TokenError("invalid_request", "grant_type is missing")
        else:
            raise _TokenError("unsupported_grant_type", f"grant_type {grant_type!r}")
    except _TokenError as err:
        deviating = wrong_tx_code_response(state.config.deviations, headers)
        if err.wrong_tx_code and deviating is not None:
            return deviating
        return oauth_error(err.status, err.error, err.description, headers=headers)
    return json_response(200, body, no_store=True, headers=(("Pragma", "no-cache"), *headers))
