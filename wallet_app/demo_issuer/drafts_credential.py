"""Credential requests and responses of the drafts the demo issuer speaks (DemoConfig.draft).

From the drafts' Credential Endpoint sections (see drafts.py for where they come from):

* d11 (§7.2, §7.3): ``format`` + ``types`` (jwt_vc_json) or ``doctype`` (mso_mdoc) and one
  ``proof {proof_type: "jwt", jwt}``; the response is ``{format, credential, c_nonce,
  c_nonce_expires_in}`` or, deferred, ``{acceptance_token, c_nonce, c_nonce_expires_in}`` (200);
  error codes ``invalid_request``, ``unsupported_credential_type`` / ``_format`` and
  ``invalid_or_missing_proof`` (with a fresh ``c_nonce``).
* d13 (§7.2, §7.3): ``credential_identifier`` when the token response listed identifiers, else
  ``format`` + ``vct`` / ``doctype`` / ``credential_definition``; one ``proof``; the response
  ``{credential, c_nonce, c_nonce_expires_in, notification_id}``, deferred 202
  ``{transaction_id, c_nonce, c_nonce_expires_in}``; ``invalid_proof`` carries a fresh ``c_nonce``.
* d14: as d13, with ``proof`` or ``proofs`` (not both); ``proofs`` answered with ``credentials``
  (an array of the credentials themselves), ``proof`` with ``credential``.
* d15: ``credential_configuration_id`` or ``credential_identifier``, ``proof`` or ``proofs``;
  the response ``{credentials: [{credential}], notification_id}``, no c_nonce (Nonce Endpoint).

Raises DraftRequestError for a request the draft does not allow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .drafts import (
    C_NONCE_LIFETIME,
    configuration_for_details,
    configurations,
    issue_c_nonce,
    nonce_in_responses,
    sd_jwt_format,
)
from .state import AccessGrant, DemoState
from .wsgi import Response, json_response

__all__ = [
    "DraftRequestError",
    "error_response",
    "issued_body",
    "parse_request",
    "pending_response_body",
    "proof_error",
]

_KNOWN_FORMATS = frozenset({"jwt_vc_json", "mso_mdoc", "vc+sd-jwt", "dc+sd-jwt"})


class DraftRequestError(Exception):
    """A credential request this draft refuses: `error` is the draft's error code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def _malformed(draft: str) -> str:
    return "invalid_request" if draft == "11" else "invalid_credential_request"


def proof_error(draft: str) -> str:
    """The error code for a missing or unbound key proof in `draft`."""
    return "invalid_or_missing_proof" if draft == "11" else "invalid_proof"


def error_response(state: DemoState, error: str, description: str) -> Response:
    """A 400 Credential Error Response; proof errors before draft 15 carry a fresh c_nonce
    (d11 §7.3.1, d13/d14 §7.3.2 "Credential Issuer-provided nonce")."""
    body: dict[str, object] = {"error": error, "error_description": description}
    if nonce_in_responses(state.config.draft) and error in ("invalid_proof", proof_error("11")):
        body["c_nonce"] = issue_c_nonce(state)
        body["c_nonce_expires_in"] = C_NONCE_LIFETIME
    return json_response(400, body, no_store=True)


def _format_selector(state: DemoState, grant: AccessGrant, body: Mapping[str, object]) -> str:
    draft = state.config.draft
    fmt = body.get("format")
    if not isinstance(fmt, str):
        raise DraftRequestError(
            _malformed(draft),
            f"draft {draft} requests name format and the type parameters",
        )
    config_id = configuration_for_details(state, body)
    if config_id is None:
        known = _KNOWN_FORMATS - {"dc+sd-jwt" if sd_jwt_format(draft) == "vc+sd-jwt" else ""}
        if draft == "11":
            known = known - {"vc+sd-jwt", "dc+sd-jwt"}
        if fmt not in known:
            raise DraftRequestError("unsupported_credential_format", f"format {fmt!r}")
        raise DraftRequestError("unsupported_credential_type", "no configuration has that type")
    if config_id not in grant.configuration_ids:
        denied = "credential_request_denied" if draft == "14" else _malformed(draft)
        raise DraftRequestError(denied, f"the token does not cover {config_id}")
    return config_id


def _identifier(state: DemoState, grant: AccessGrant, body: Mapping[str, object]) -> str:
    identifier = body.get("credential_identifier")
    assert grant.identifiers is not None
    if not isinstance(identifier, str) or identifier not in grant.identifiers:
        raise DraftRequestError("invalid_credential_request", f"unknown {identifier!r}")
    return grant.identifiers[identifier]


def _selector(state: DemoState, grant: AccessGrant, body: Mapping[str, object]) -> str:
    draft = state.config.draft
    if draft == "11":
        for name in ("credential_configuration_id", "credential_identifier"):
            if name in body:
                raise DraftRequestError("invalid_request", f"draft 11 has no {name}")
        return _format_selector(state, grant, body)
    has_id = "credential_identifier" in body
    if grant.identifiers is not None:
        if not has_id or "format" in body or "credential_configuration_id" in body:
            raise DraftRequestError(
                "invalid_credential_request",
                "the token response listed credential_identifiers: send credential_identifier "
                "and no format",
            )
        return _identifier(state, grant, body)
    if has_id:
        raise DraftRequestError("invalid_credential_request", "this token has no identifiers")
    if draft in ("13", "14"):
        if "credential_configuration_id" in body:
            raise DraftRequestError(
                "invalid_credential_request",
                "credential request should either have a credential_identifier or format and "
                "type (draft 13/14 have no credential_configuration_id)",
            )
        return _format_selector(state, grant, body)
    if "format" in body:  # draft 15 removed format from the credential request
        raise DraftRequestError("invalid_credential_request", "draft 15 has no format here")
    config_id = body.get("credential_configuration_id")
    if not isinstance(config_id, str) or config_id not in configurations(state):
        raise DraftRequestError("unsupported_credential_type", f"unknown {config_id!r}")
    if config_id not in grant.configuration_ids:
        raise DraftRequestError(
            "credential_request_denied", f"the token does not cover {config_id}"
        )
    return config_id


def _single_proof(draft: str, proof: object) -> list[str]:
    if not isinstance(proof, Mapping) or proof.get("proof_type") != "jwt":
        raise DraftRequestError(proof_error(draft), "proof must be {proof_type: jwt, jwt}")
    jwt = proof.get("jwt")
    if not isinstance(jwt, str) or not jwt:
        raise DraftRequestError(proof_error(draft), "proof.jwt is missing")
    return [jwt]


def _proofs(state: DemoState, body: Mapping[str, object]) -> list[str]:
    draft = state.config.draft
    if "proof" in body and "proofs" in body:
        raise DraftRequestError("invalid_credential_request", "send proof or proofs, not both")
    if "proofs" in body:
        if draft in ("11", "13") or state.config.batch_size is None:
            raise DraftRequestError(_malformed(draft), f"draft {draft} takes one proof here")
        proofs = body["proofs"]
        jwts = proofs.get("jwt") if isinstance(proofs, Mapping) else None
        if (
            not isinstance(proofs, Mapping)
            or set(proofs) != {"jwt"}
            or not isinstance(jwts, list)
            or not jwts
            or not all(isinstance(j, str) for j in jwts)
        ):
            raise DraftRequestError("invalid_proof", "proofs.jwt must be a non-empty array")
        if len(jwts) > state.config.batch_size:
            raise DraftRequestError(
                "invalid_credential_request", f"at most {state.config.batch_size} proofs"
            )
        return [str(j) for j in jwts]
    if "proof" not in body:
        raise DraftRequestError(proof_error(draft), "proof is missing")
    return _single_proof(draft, body["proof"])


def parse_request(
    state: DemoState, grant: AccessGrant, body: Mapping[str, object]
) -> tuple[str, Sequence[str]]:
    """(configuration id, proof JWTs) of a credential request in this mode's draft.

    Raises DraftRequestError.
    """
    config_id = _selector(state, grant, body)
    return config_id, _proofs(state, body)


def _nonce_members(state: DemoState) -> dict[str, object]:
    if not nonce_in_responses(state.config.draft):
        return {}
    return {"c_nonce": issue_c_nonce(state), "c_nonce_expires_in": C_NONCE_LIFETIME}


def issued_body(
    state: DemoState,
    config_id: str,
    creds: Sequence[str],
    notification_id: str,
    request_body: Mapping[str, object],
) -> dict[str, object]:
    """A Credential Response (immediate, or the Deferred Credential Response) in this draft."""
    draft = state.config.draft
    body: dict[str, object]
    if draft == "15":
        return {
            "credentials": [{"credential": c} for c in creds],
            "notification_id": notification_id,
        }
    if draft == "14" and ("proofs" in request_body or len(creds) > 1):
        body = {"credentials": list(creds)}
    else:
        body = {"credential": creds[0]}
    if draft == "11":
        fmt = str(configurations(state)[config_id]["format"])
        body = {"format": fmt, **body}
    else:
        body["notification_id"] = notification_id
    body.update(_nonce_members(state))
    return body


def pending_response_body(state: DemoState, transaction_id: str) -> tuple[int, dict[str, object]]:
    """(status, body) of a deferred Credential Response: d11 200 with an acceptance_token,
    d13/d14 202 with transaction_id and a c_nonce, d15 202 with transaction_id."""
    if state.config.draft == "11":
        return 200, {"acceptance_token": transaction_id, **_nonce_members(state)}
    return 202, {"transaction_id": transaction_id, **_nonce_members(state)}
