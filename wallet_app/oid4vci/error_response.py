"""An endpoint's error answer → :class:`IssuerError` with a plain user message.

The OAuth ``error`` code (in the JSON body, or in ``WWW-Authenticate`` per RFC 6750 §3)
picks the sentence; without a known code the HTTP status and the request decide. Each
sentence is written out whole (not "the {what}") so that a translation can get its grammar
right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from wallet_app.errors import IssuerError
from wallet_app.jsonsafe import loads

if TYPE_CHECKING:
    from wallet_app.oid4vci.http import HttpResponse

__all__ = ["EndpointRequest", "error_fields", "issuer_error"]

#: the requests whose error answers :func:`issuer_error` explains
EndpointRequest = Literal[
    "sign-in request",
    "token request",
    "nonce request",
    "credential request",
    "deferred credential request",
    "notification",
]

_USER_MESSAGES: Mapping[str, str] = {
    "invalid_grant": "The issuer did not accept the code. It may be wrong, used or expired.",
    "invalid_tx_code": "The transaction code is wrong. Check it and try again.",
    "invalid_client": "The issuer does not accept this wallet as a client. Check the client id.",
    "unauthorized_client": "The issuer does not accept this wallet as a client.",
    "invalid_request": "The issuer rejected the request as malformed.",
    "access_denied": "Access was denied at the issuer.",
    "invalid_token": "The issuer did not accept the wallet's access token. Start again.",
    "invalid_proof": "The issuer did not accept the wallet's key proof.",
    "invalid_nonce": "The issuer did not accept the wallet's key proof (stale nonce).",
    # drafts 11-14 (protocol-notes §2 row 22): the same sentences as their 1.0 successors
    "invalid_or_missing_proof": "The issuer did not accept the wallet's key proof.",
    "unsupported_credential_type": "The issuer does not know the requested credential.",
    "unsupported_credential_format": "The issuer does not know the requested credential.",
    "credential_request_denied": "The issuer declined to issue this credential.",
    "invalid_credential_request": "The issuer rejected the credential request as malformed.",
    "unknown_credential_configuration": "The issuer does not know the requested credential.",
    "unknown_credential_identifier": "The issuer does not know the requested credential.",
    "invalid_transaction_id": "The issuer no longer knows this pending credential.",
    "invalid_encryption_parameters": "The issuer requires encryption the wallet did not use.",
    "issuance_pending": "The credential is not ready yet.",
    "expired_token": "The issuer's authorization has expired. Start again.",
}
_SERVER_FAILED: Mapping[EndpointRequest, str] = {
    "sign-in request": "The issuer had a problem with the sign-in request. Try again later.",
    "token request": "The issuer had a problem with the token request. Try again later.",
    "nonce request": "The issuer had a problem with the nonce request. Try again later.",
    "credential request": (
        "The issuer had a problem with the credential request. Try again later."
    ),
    "deferred credential request": (
        "The issuer had a problem with the deferred credential request. Try again later."
    ),
    "notification": "The issuer had a problem with the notification. Try again later.",
}
_NOT_FOUND: Mapping[EndpointRequest, str] = {
    "sign-in request": "The issuer's sign-in request address was not found.",
    "token request": "The issuer's token request address was not found.",
    "nonce request": "The issuer's nonce request address was not found.",
    "credential request": "The issuer's credential request address was not found.",
    "deferred credential request": (
        "The issuer's deferred credential request address was not found."
    ),
    "notification": "The issuer's notification address was not found.",
}
_REFUSED: Mapping[EndpointRequest, str] = {
    "sign-in request": "The issuer refused the sign-in request.",
    "token request": "The issuer refused the token request.",
    "nonce request": "The issuer refused the nonce request.",
    "credential request": "The issuer refused the credential request.",
    "deferred credential request": "The issuer refused the deferred credential request.",
    "notification": "The issuer refused the notification.",
}


def _error_body(resp: HttpResponse) -> Mapping[str, object] | None:
    try:
        doc = loads(resp.body) if resp.body else None
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, Mapping) else None


def error_fields(resp: HttpResponse) -> tuple[str | None, str | None]:
    """The OAuth ``error`` and ``error_description`` of an error answer (None when absent)."""
    doc = _error_body(resp)
    if isinstance(doc, Mapping) and isinstance(doc.get("error"), str):
        desc = doc.get("error_description")
        return str(doc["error"]), desc if isinstance(desc, str) else None
    # RFC 6750 §3: a resource server may put the error only in WWW-Authenticate, with any body
    www = resp.headers.get("www-authenticate", "")
    if 'error="' in www:
        err = www.split('error="', 1)[1].split('"', 1)[0]
        desc = None
        if 'error_description="' in www:
            desc = www.split('error_description="', 1)[1].split('"', 1)[0]
        return err, desc
    return None, None


def issuer_error(resp: HttpResponse, *, what: EndpointRequest) -> IssuerError:
    """Map an error response to an IssuerError with a plain user message."""
    err, desc = error_fields(resp)
    message = _USER_MESSAGES.get(err or "")
    if message is None:
        if resp.status >= 500:
            message = _SERVER_FAILED[what]
        elif resp.status == 404:
            message = _NOT_FOUND[what]
        else:
            message = _REFUSED[what]
    return IssuerError(
        message,
        error=err,
        error_description=desc,
        status=resp.status,
        url=resp.url,
        body=_error_body(resp),
    )
