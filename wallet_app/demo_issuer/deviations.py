"""Seeded deviations from the specs, switched on by name in ``DemoConfig.deviations``.

Each one reproduces something a deployed issuer was seen doing, so the issuer lint
(``wallet-app explore --probe``) has a real server to find it on. The clean demo issuer
has none of them. Raises nothing unless said.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType

from .wsgi import Response

__all__ = [
    "DEVIATIONS",
    "adjust_as_metadata",
    "adjust_issuer_metadata",
    "adjust_response",
    "as_metadata_path",
    "check_deviations",
    "wrong_tx_code_response",
]

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"

#: name → what the issuer then does (and the lint check that finds it)
DEVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "enc_alg_in_enc_values": (
            "lists the key management algorithm ECDH-ES among enc_values_supported "
            "(lint: encryption_enc_values)"
        ),
        "as_metadata_legacy_location": (
            "serves its authorization server metadata only at the OpenID Connect location "
            "/.well-known/openid-configuration, not the RFC 8414 one (lint: as_metadata_location)"
        ),
        "preauth_grant_unlisted": (
            "accepts the pre-authorized code grant but leaves it out of grant_types_supported "
            "(lint: grant_types_preauth)"
        ),
        "par_200": "answers a pushed authorization request with 200, not 201 (lint: par_status)",
        "tx_code_error_shape": (
            "answers a wrong tx_code with invalid_request and a 'description' member "
            "(lint: tx_code_error, error_description_member)"
        ),
        "nonce_cacheable": (
            "answers nonce requests without Cache-Control: no-store (lint: nonce_no_store)"
        ),
        "bearer_401_bare": (
            "answers a credential request without an access token with 401 and no "
            "WWW-Authenticate header (lint: www_authenticate_401)"
        ),
    }
)


def check_deviations(names: frozenset[str]) -> None:
    """Raise ValueError naming any unknown deviation."""
    unknown = sorted(names - DEVIATIONS.keys())
    if unknown:
        raise ValueError(f"unknown deviation(s): {', '.join(unknown)}; known: {sorted(DEVIATIONS)}")


def adjust_issuer_metadata(body: dict[str, object], deviations: frozenset[str]) -> None:
    """Apply the metadata deviations to the issuer metadata ``body`` in place."""
    if "enc_alg_in_enc_values" not in deviations:
        return
    found = False
    for key in ("credential_request_encryption", "credential_response_encryption"):
        value = body.get(key)
        if isinstance(value, dict):
            found = True
            enc = value.get("enc_values_supported")
            value["enc_values_supported"] = ["ECDH-ES", *(enc if isinstance(enc, list) else [])]
    if not found:  # encryption off: offer it (not required) with the wrong enc list
        body["credential_response_encryption"] = {
            "alg_values_supported": ["ECDH-ES"],
            "enc_values_supported": ["ECDH-ES", "A128GCM"],
            "encryption_required": False,
        }


def adjust_as_metadata(body: dict[str, object], deviations: frozenset[str]) -> None:
    """Apply the AS metadata deviations to ``body`` in place."""
    if "preauth_grant_unlisted" in deviations:
        grants = body.get("grant_types_supported")
        if isinstance(grants, list):
            body["grant_types_supported"] = [g for g in grants if g != PRE_AUTHORIZED_GRANT]


def as_metadata_path(as_path: str, deviations: frozenset[str]) -> str:
    """Where the AS metadata is served: RFC 8414 §3.1 (inserted), or the legacy place."""
    if "as_metadata_legacy_location" in deviations:
        return f"{as_path}/.well-known/openid-configuration"
    return f"/.well-known/oauth-authorization-server{as_path}"


def wrong_tx_code_response(
    deviations: frozenset[str], headers: tuple[tuple[str, str], ...]
) -> Response | None:
    """The deviating answer to a wrong tx_code, or None when the issuer answers correctly
    (400 invalid_grant, OID4VCI 1.0 §6.3)."""
    if "tx_code_error_shape" not in deviations:
        return None
    body = {"error": "invalid_request", "description": "the transaction code is wrong"}
    return Response(
        400,
        (("Content-Type", "application/json"), ("Cache-Control", "no-store"), *headers),
        json.dumps(body).encode(),
    )


def adjust_response(deviations: frozenset[str], route: str | None, response: Response) -> Response:
    """Apply the response deviations of endpoint ``route`` (the app's route names)."""
    if not deviations or route is None:
        return response
    if route == "par" and "par_200" in deviations and response.status == 201:
        return Response(200, response.headers, response.body)
    if route == "nonce" and "nonce_cacheable" in deviations:
        kept = tuple(h for h in response.headers if h[0].lower() != "cache-control")
        return Response(response.status, kept, response.body)
    if route == "credential" and "bearer_401_bare" in deviations and response.status == 401:
        kept = tuple(h for h in response.headers if h[0].lower() != "www-authenticate")
        return Response(response.status, kept, response.body)
    return response
