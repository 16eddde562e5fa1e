"""Response checks of the issuer lint, over a flow's recorded (redacted) exchanges.

Each exchange is classified by its trace step (``token``, ``nonce``, ``credential`` …, or a
``lint probe: …`` step of :mod:`wallet_app.wallet.lint_probe`, whose expected answer is
known) and checked for status, content type, required members, cache headers, error
bodies, ``WWW-Authenticate`` on 401 and DPoP nonce handling. Raises nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Protocol

from wallet_app.errors import Sentence
from wallet_app.wallet.lint import Finding, finding

__all__ = [
    "PROBE_PREFIX",
    "STEP_NONCE",
    "STEP_NO_TOKEN",
    "STEP_PAR",
    "STEP_PREAUTH",
    "STEP_SIGNED",
    "STEP_TX_CODE",
    "endpoint_kind",
    "lint_exchanges",
]

PROBE_PREFIX = "lint probe: "
STEP_PREAUTH = PROBE_PREFIX + "token with an unknown pre-authorized code"
STEP_TX_CODE = PROBE_PREFIX + "token with a wrong tx_code"
STEP_NO_TOKEN = PROBE_PREFIX + "credential without an access token"
STEP_NONCE = PROBE_PREFIX + "nonce"
STEP_PAR = PROBE_PREFIX + "pushed authorization request"
STEP_SIGNED = PROBE_PREFIX + "signed issuer metadata"
_RETRY = " (DPoP nonce retry)"

_DPOP_ERRORS = frozenset({"invalid_dpop_proof", "use_dpop_nonce"})
_OAUTH_ERRORS = frozenset(
    {
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        # RFC 6749 §4.1.2.1 authorization errors a PAR endpoint answers with (RFC 9126 §2.3)
        "access_denied",
        "unsupported_response_type",
        "server_error",
        "temporarily_unavailable",
        "invalid_authorization_details",  # RFC 9396 §5
        "invalid_request_object",
        "authorization_pending",  # RFC 8628, used by pre-final drafts
        "slow_down",
        "use_attestation_challenge",  # OAuth attestation-based client authentication
        "invalid_client_attestation",
        *_DPOP_ERRORS,
    }
)
_BEARER_ERRORS = frozenset(
    {"invalid_request", "invalid_token", "insufficient_scope", *_DPOP_ERRORS}
)
_CREDENTIAL_ERRORS = frozenset(
    {
        "invalid_credential_request",
        "unknown_credential_configuration",
        "unknown_credential_identifier",
        "invalid_proof",
        "invalid_nonce",
        "invalid_encryption_parameters",
        "credential_request_denied",
        # drafts 13/14
        "unsupported_credential_type",
        "unsupported_credential_format",
        "invalid_or_missing_proof",
        "issuance_pending",
        *_BEARER_ERRORS,
    }
)
_REGISTERED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "par": _OAUTH_ERRORS,
        "token": _OAUTH_ERRORS,
        "nonce": _BEARER_ERRORS,
        "credential": _CREDENTIAL_ERRORS,
        "deferred": _CREDENTIAL_ERRORS | {"invalid_transaction_id"},
        "notification": _BEARER_ERRORS
        | {"invalid_notification_id", "invalid_notification_request"},
    }
)


class _Make(Protocol):
    """Makes a finding about the exchange being checked."""

    def __call__(self, check: str, message: Sentence) -> Finding: ...


_NONSTANDARD_TEXT = ("description", "message", "error_message", "detail", "details")


def endpoint_kind(step: str) -> str | None:
    """Which endpoint a trace step talked to: par, token, nonce, credential, deferred,
    notification; None for anything else (metadata, offers). Raises nothing."""
    name = step.removeprefix(PROBE_PREFIX).removesuffix(_RETRY)
    for prefix, kind in (
        ("pushed authorization request", "par"),
        ("token", "token"),
        ("nonce", "nonce"),
        ("deferred credential", "deferred"),
        ("credential offer", None),
        ("credential", "credential"),
        ("notification", "notification"),
    ):
        if name.startswith(prefix):
            return kind
    return None


def _headers(ex: Mapping[str, object], key: str) -> dict[str, str]:
    raw = ex.get(key)
    if not isinstance(raw, Mapping):
        return {}
    return {str(k).lower(): str(v) for k, v in raw.items()}


def _json_body(ex: Mapping[str, object]) -> Mapping[str, object] | None:
    body = ex.get("response_body")
    if not isinstance(body, str) or not body:
        return None
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    return doc if isinstance(doc, Mapping) else None


def _spoken_draft(ex: Mapping[str, object]) -> str | None:
    """The draft the flow spoke at this exchange, as the trace records it."""
    dialect = ex.get("dialect")
    return str(dialect.get("draft")) if isinstance(dialect, Mapping) else None


def _has_body(headers: Mapping[str, str]) -> bool:
    return headers.get("content-length", "0") not in ("0", "")


def _media_type(headers: Mapping[str, str]) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


def _error_code(body: Mapping[str, object] | None, headers: Mapping[str, str]) -> str | None:
    if body is not None and isinstance(body.get("error"), str):
        return str(body["error"])
    challenge = headers.get("www-authenticate", "")
    if 'error="' in challenge:
        return challenge.split('error="', 1)[1].split('"', 1)[0]
    return None


def lint_exchanges(exchanges: Sequence[Mapping[str, object]]) -> list[Finding]:
    """Every response finding for a flow's exchanges, in order. Raises nothing."""
    out: list[Finding] = []
    nonces: dict[str, int] = {}
    for index, ex in enumerate(exchanges):
        step = str(ex.get("step") or "")
        kind = endpoint_kind(step)
        status = ex.get("status")
        if kind is None or not isinstance(status, int):
            continue
        out.extend(_check(index, ex, step, kind, status))
        if kind == "nonce" and 200 <= status < 300:
            body = _json_body(ex)
            value = body.get("c_nonce") if body else None
            if isinstance(value, str):
                if value in nonces:
                    out.append(
                        finding(
                            "c_nonce_reuse",
                            Sentence(
                                "The nonce endpoint returned the c_nonce of exchange {first} "
                                "again.",
                                {"first": str(nonces[value] + 1)},
                            ),
                            where=str(ex.get("url")),
                            exchange=index,
                        )
                    )
                nonces.setdefault(value, index)
    return out


def _check(
    index: int, ex: Mapping[str, object], step: str, kind: str, status: int
) -> Iterator[Finding]:
    url = str(ex.get("url") or "")
    headers = _headers(ex, "response_headers")
    body = _json_body(ex)
    error = _error_code(body, headers)

    def make(check: str, message: Sentence) -> Finding:
        return finding(check, message, where=url, exchange=index)

    if status >= 500:
        yield make(
            "server_error",
            Sentence(
                "The {endpoint} endpoint answered {status}.",
                {"endpoint": kind, "status": str(status)},
            ),
        )
        return
    yield from _probe_expectations(make, step, status, error)
    if kind == "nonce" and 400 <= status < 500 and error not in _DPOP_ERRORS:
        yield make(
            "nonce_status",
            Sentence("A plain nonce request was answered {status}.", {"status": str(status)}),
        )
    if kind == "token" and status >= 400 and status not in (400, 401):
        yield make(
            "token_status",
            Sentence(
                "The token endpoint answered {status}; errors are 400 or 401.",
                {"status": str(status)},
            ),
        )
    if 400 <= status < 500:
        yield from _error_checks(make, ex, kind, status, headers, body, error, step)
        return
    yield from _success_checks(make, ex, kind, status, headers, body)


def _probe_expectations(
    make: _Make, step: str, status: int, error: str | None
) -> Iterator[Finding]:
    got = f"{status} {error or '(no error code)'}"
    preauth_expected = status in (400, 401) and error in (
        "invalid_grant",
        "invalid_client",
        "unsupported_grant_type",
    )
    if step.startswith(STEP_PREAUTH) and error != "use_dpop_nonce" and not preauth_expected:
        yield make(
            "preauth_code_error",
            Sentence(
                "A token request with an unknown pre-authorized code was answered {got}, "
                "not 400 invalid_grant.",
                {"got": got},
            ),
        )
    # client authentication comes first: an issuer that wants an attestation cannot say
    # anything about the code until the client is known
    unauthenticated = error in ("invalid_client", "use_attestation_challenge", *_DPOP_ERRORS)
    if step.startswith(STEP_TX_CODE) and not unauthenticated:
        if status == 200:
            yield make(
                "tx_code_error",
                Sentence("The token endpoint accepted the tx_code given as wrong."),
            )
        elif not (status == 400 and error == "invalid_grant"):
            yield make(
                "tx_code_error",
                Sentence(
                    "A wrong tx_code was answered {got}, not 400 invalid_grant.", {"got": got}
                ),
            )
    if step.startswith(STEP_NO_TOKEN) and status != 401:
        yield make(
            "credential_without_token",
            Sentence(
                "A credential request without an access token was answered {status}, not 401.",
                {"status": str(status)},
            ),
        )


def _error_checks(
    make: _Make,
    ex: Mapping[str, object],
    kind: str,
    status: int,
    headers: Mapping[str, str],
    body: Mapping[str, object] | None,
    error: str | None,
    step: str,
) -> Iterator[Finding]:
    # RFC 6749 §5.2: at the AS, only when the client authenticated with Authorization
    sent_authorization = "authorization" in _headers(ex, "request_headers")
    resource = kind in ("credential", "deferred", "notification", "nonce")
    if status == 401 and "www-authenticate" not in headers and (resource or sent_authorization):
        yield make(
            "www_authenticate_401",
            Sentence(
                "The {endpoint} endpoint answered 401 without WWW-Authenticate.", {"endpoint": kind}
            ),
        )
    if error == "use_dpop_nonce":
        if "dpop-nonce" not in headers:
            yield make(
                "dpop_nonce_header",
                Sentence("A use_dpop_nonce error came without a DPoP-Nonce header."),
            )
        if step.endswith(_RETRY):
            yield make(
                "dpop_nonce_loop",
                Sentence("The retry with the server's own DPoP nonce was challenged again."),
            )
    bearer_401 = status in (401, 403) and kind in (
        "credential",
        "deferred",
        "notification",
        "nonce",
    )
    if bearer_401 and body is None and not _has_body(headers):
        return  # RFC 6750 §3: the error is in WWW-Authenticate; a body is optional
    media = _media_type(headers)
    if media != "application/json":
        yield make(
            "content_type_json",
            Sentence(
                "The {endpoint} error response is {media}, not application/json.",
                {"endpoint": kind, "media": media or "untyped"},
            ),
        )
    if body is None or not isinstance(body.get("error"), str):
        yield make(
            "error_member",
            Sentence("The {endpoint} error response has no error member.", {"endpoint": kind}),
        )
        if body is None:
            return
    if "error_description" not in body:
        other = next((m for m in _NONSTANDARD_TEXT if m in body), None)
        if other is not None:
            yield make(
                "error_description_member",
                Sentence(
                    "The error text is in {member}; RFC 6749 names it error_description.",
                    {"member": other},
                ),
            )
    if error is not None and error not in _REGISTERED.get(kind, frozenset()):
        yield make(
            "error_code_registered",
            Sentence(
                "{error} is not an error code defined for the {endpoint} endpoint.",
                {"error": error, "endpoint": kind},
            ),
        )


def _success_checks(
    make: _Make,
    ex: Mapping[str, object],
    kind: str,
    status: int,
    headers: Mapping[str, str],
    body: Mapping[str, object] | None,
) -> Iterator[Finding]:
    media = _media_type(headers)
    no_store = "no-store" in headers.get("cache-control", "").lower()
    wrong_type = Sentence(
        "The {endpoint} response is {media}, not application/json.",
        {"endpoint": kind, "media": media or "untyped"},
    )
    if kind == "par":
        if status != 201:
            yield make(
                "par_status",
                Sentence(
                    "The PAR endpoint answered {status}, not 201 Created.", {"status": str(status)}
                ),
            )
        if media != "application/json":
            yield make("content_type_json", wrong_type)
        if body is None or not isinstance(body.get("request_uri"), str) or "expires_in" not in body:
            yield make(
                "par_response_members",
                Sentence("The PAR response lacks request_uri or expires_in."),
            )
    elif kind == "token":
        if status != 200:
            yield make(
                "token_status",
                Sentence("The token endpoint answered {status}, not 200.", {"status": str(status)}),
            )
        if media != "application/json":
            yield make("content_type_json", wrong_type)
        if body is None or "access_token" not in body or "token_type" not in body:
            yield make(
                "token_response_members",
                Sentence("The token response lacks access_token or token_type."),
            )
        if not no_store:
            yield make("no_store", Sentence("The token response has no Cache-Control: no-store."))
        sent_dpop = "dpop" in _headers(ex, "request_headers")
        token_type = str(body.get("token_type", "")) if body else ""
        if sent_dpop and body is not None and token_type.lower() != "dpop":
            yield make(
                "token_type_dpop",
                Sentence(
                    "A token request with a DPoP proof got token_type {type}.",
                    {"type": token_type or "(none)"},
                ),
            )
    elif kind == "nonce":
        if not no_store:
            yield make(
                "nonce_no_store", Sentence("The nonce response has no Cache-Control: no-store.")
            )
        if media != "application/json":
            yield make("content_type_json", wrong_type)
        if body is None or not isinstance(body.get("c_nonce"), str):
            yield make("nonce_response_members", Sentence("The nonce response has no c_nonce."))
    elif kind in ("credential", "deferred"):
        if status not in (200, 202):
            yield make(
                "credential_status",
                Sentence(
                    "The {endpoint} endpoint answered {status}.",
                    {"endpoint": kind, "status": str(status)},
                ),
            )
            return
        if media == "application/jwt":
            return  # an encrypted response (§10)
        if media != "application/json":
            yield make("content_type_json", wrong_type)
        members = ("credentials", "credential", "transaction_id")
        if body is None or not any(m in body for m in members):
            yield make(
                "credential_response_members",
                Sentence(
                    "The {endpoint} response has neither credentials nor transaction_id.",
                    {"endpoint": kind},
                ),
            )
        elif _spoken_draft(ex) == "1.0":  # what 1.0 asks beyond the drafts (§8.3, §9.2)
            if "credential" in body and "credentials" not in body:
                yield make(
                    "credential_response_members",
                    Sentence(
                        "The {endpoint} response has a draft-era credential member; 1.0 "
                        "sends credentials, an array of objects.",
                        {"endpoint": kind},
                    ),
                )
            if "transaction_id" in body and "interval" not in body:
                yield make(
                    "credential_response_members",
                    Sentence(
                        "The {endpoint} response has a transaction_id without an interval.",
                        {"endpoint": kind},
                    ),
                )
    elif kind == "notification" and status != 204:
        yield make(
            "notification_status",
            Sentence(
                "The notification endpoint answered {status}; 204 is recommended.",
                {"status": str(status)},
            ),
        )
