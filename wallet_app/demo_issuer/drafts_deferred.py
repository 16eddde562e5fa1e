"""The Deferred Credential Endpoint of the drafts the demo issuer speaks (DemoConfig.draft).

* d11 (§8): the ``acceptance_token`` from the Credential Response is sent as the access token
  (``Authorization: BEARER <acceptance_token>``), with no parameters; the answer is
  ``{format, credential}``. Draft 11 defines no "still pending" answer: the demo uses draft
  13's ``issuance_pending``.
* d13, d14, d15 (§9): ``{transaction_id}`` with the access token; still pending is
  400 ``issuance_pending`` with ``interval`` (202 only since draft 16); the answer has the
  shape of the draft's Credential Response.

Raises nothing: errors are JSON responses.
"""

from __future__ import annotations

from .issuing import _fail, _Failure, _issued, _read_body, authenticate
from .state import DemoState, Transaction
from .wsgi import Request, Response, json_response, oauth_error

__all__ = ["deferred_credential"]


def _pending(state: DemoState) -> Response:
    body = {
        "error": "issuance_pending",
        "error_description": "the credential is not ready yet",
        "interval": state.config.deferred_interval,
    }
    return json_response(400, body, no_store=True)


def _take(state: DemoState, key: str, token: str | None) -> Transaction | Response:
    """The transaction when it is ready (and forgotten), else the pending or error answer."""
    with state.lock:
        tx = state.transactions.get(key)
        if tx is None or (token is not None and tx.access_token != token):
            raise _fail("invalid_transaction_id", "unknown transaction_id")
        if tx.pending_polls > 0:
            tx.pending_polls -= 1
            return _pending(state)
        del state.transactions[key]
    return tx


def deferred_credential(state: DemoState, request: Request) -> Response:
    """POST /deferred in a draft mode. Raises nothing."""
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    try:
        if state.config.draft == "11":
            scheme, _, acceptance = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not acceptance.strip():
                return oauth_error(401, "invalid_token", "send the acceptance_token as Bearer")
            with state.lock:
                known = acceptance.strip() in state.transactions
            if not known:
                challenge = (("WWW-Authenticate", 'Bearer error="invalid_token"'),)
                return oauth_error(
                    401, "invalid_token", "unknown or used acceptance_token", headers=challenge
                )
            taken = _take(state, acceptance.strip(), None)
            if isinstance(taken, Response):
                return taken
            return _issued(state, taken.access_token, taken.configuration_id, taken.credentials, {})
        token, _ = authenticate(state, request)
        body = _read_body(state, request) or {}
        taken = _take(state, str(body.get("transaction_id")), token)
        if isinstance(taken, Response):
            return taken
        return _issued(state, token, taken.configuration_id, taken.credentials, body)
    except _Failure as failure:
        return failure.response
