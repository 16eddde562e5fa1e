"""Credential issuer metadata (OID4VCI §12.2), AS metadata (RFC 8414) and the
JWT VC issuer metadata (SD-JWT VC §5)."""

from __future__ import annotations

from .attestation import advertise_as, advertise_issuer
from .deviations import adjust_as_metadata, adjust_issuer_metadata
from .drafts import configurations, draft_metadata, legacy, scope_configuration
from .sample_data import issuer_display
from .state import DemoState
from .token import PRE_AUTHORIZED_GRANT
from .wsgi import Request, Response, json_response

__all__ = [
    "METADATA_JWT_TYP",
    "as_metadata",
    "issuer_metadata",
    "jwt_vc_issuer_metadata",
    "metadata_response",
    "prefers_jwt",
    "signed_issuer_metadata",
]

METADATA_JWT_TYP = "openidvci-issuer-metadata+jwt"
_SIGNED_LIFETIME = 24 * 3600


def issuer_metadata(state: DemoState, logo_data_uri: str) -> dict[str, object]:
    """The Credential Issuer Metadata (§12.2.4). Raises nothing."""
    issuer = state.credential_issuer
    body: dict[str, object] = {"credential_issuer": issuer}
    if state.config.separate_as_path is not None:
        body["authorization_servers"] = [state.as_issuer]
    body["credential_endpoint"] = f"{issuer}/credential"
    if state.config.nonce_endpoint:
        body["nonce_endpoint"] = f"{issuer}/nonce"
    body["deferred_credential_endpoint"] = f"{issuer}/deferred"
    body["notification_endpoint"] = f"{issuer}/notification"
    if state.config.batch_size is not None:
        body["batch_credential_issuance"] = {"batch_size": state.config.batch_size}
    if state.config.encryption:
        public = state.encryption_key.as_dict(private=False)
        public.update({"kid": "request-enc-1", "alg": "ECDH-ES", "use": "enc"})
        body["credential_request_encryption"] = {
            "jwks": {"keys": [public]},
            "enc_values_supported": ["A128GCM", "A256GCM"],
            "encryption_required": True,
        }
        body["credential_response_encryption"] = {
            "alg_values_supported": ["ECDH-ES"],
            "enc_values_supported": ["A128GCM", "A256GCM"],
            "encryption_required": True,
        }
    body["display"] = issuer_display(state.base_url, logo_data_uri)
    body["credential_configurations_supported"] = configurations(state)
    advertise_issuer(state, body)  # key_attestations_required in that mode (App. D)
    if state.config.display_name is not None:
        _rename_displays(body, state.config.display_name)
    body = draft_metadata(state, body)
    adjust_issuer_metadata(body, state.config.deviations)
    return body


def _rename_displays(value: object, name: str) -> None:
    """Every ``name`` of every object in a ``display`` list under ``value`` set to ``name``."""
    if isinstance(value, list):
        for item in value:
            _rename_displays(item, name)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "display" and isinstance(item, list):
                for entry in item:
                    if isinstance(entry, dict) and "name" in entry:
                        entry["name"] = name
            _rename_displays(item, name)


def as_metadata(state: DemoState) -> dict[str, object]:
    """Authorization Server Metadata (RFC 8414 §2, OID4VCI §12.3). Raises nothing."""
    as_id = state.as_issuer
    config = state.config
    scopes = [s for s in ("pid", "diploma", "mdl", "degree") if scope_configuration(state, s)]
    body: dict[str, object] = {
        "issuer": as_id,
        "authorization_endpoint": f"{as_id}/authorize",
        "token_endpoint": f"{as_id}/token",
        "pushed_authorization_request_endpoint": f"{as_id}/par",
        "require_pushed_authorization_requests": config.require_par,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", PRE_AUTHORIZED_GRANT],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "scopes_supported": scopes,
        "authorization_details_types_supported": ["openid_credential"],
        "pre-authorized_grant_anonymous_access_supported": config.anonymous_preauth,
        "authorization_response_iss_parameter_supported": config.iss_in_response,
    }
    if config.dpop:
        body["dpop_signing_alg_values_supported"] = ["ES256"]
    advertise_as(state, body)  # attestation-based client auth in that mode (App. E)
    adjust_as_metadata(body, config.deviations)
    return body


def jwt_vc_issuer_metadata(state: DemoState) -> dict[str, object]:
    """{issuer, jwks} for SD-JWT VC issuer key discovery. Raises nothing."""
    return {"issuer": state.credential_issuer, "jwks": {"keys": [state.keys.public_jwk()]}}


def _quality(accept: str, media_type: str) -> float:
    """The q value `accept` gives `media_type` (exact or type/* or */*; 0 when absent)."""
    best, best_rank = 0.0, -1
    major = media_type.split("/")[0]
    for part in accept.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        rank = {media_type: 2, f"{major}/*": 1, "*/*": 0}.get(name.lower(), -1)
        if rank <= best_rank:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        best, best_rank = quality, rank
    return best


def prefers_jwt(accept: str) -> bool:
    """Whether an Accept header asks for application/jwt at least as much as for JSON (and
    names application/jwt itself: */* alone keeps the unsigned form). Raises nothing."""
    if "application/jwt" not in accept.lower():
        return False
    jwt = _quality(accept, "application/jwt")
    return jwt > 0 and jwt >= _quality(accept, "application/json")


def signed_issuer_metadata(state: DemoState, body: dict[str, object]) -> str:
    """The metadata as a JWT (§12.2.3): every parameter a top-level claim, plus iss and sub
    (the credential issuer), iat and exp; typ openidvci-issuer-metadata+jwt, the x5c chain of
    the issuer's signer. Raises nothing."""
    now = int(state.now())
    claims = {
        **body,
        "iss": state.credential_issuer,
        "sub": state.credential_issuer,
        "iat": now,
        "exp": now + _SIGNED_LIFETIME,
    }
    return state.keys.sign_jws({"typ": METADATA_JWT_TYP}, claims)


def metadata_response(state: DemoState, request: Request, logo_data_uri: str) -> Response:
    """The Credential Issuer Metadata (§12.2.2): JSON, or application/jwt when signed metadata
    is on and the request asks for it. Raises nothing."""
    body = issuer_metadata(state, logo_data_uri)
    if not state.config.signed_metadata:
        return json_response(200, body)
    if legacy(state):  # drafts 13-15: a signed_metadata member in the JSON (none in d11)
        if state.config.draft != "11":
            body["signed_metadata"] = signed_issuer_metadata(state, body)
        return json_response(200, body)
    vary = (("Vary", "Accept"),)
    if prefers_jwt(request.headers.get("accept", "")):
        token = signed_issuer_metadata(state, body).encode("ascii")
        return Response(200, (("Content-Type", "application/jwt"), *vary), token)
    return json_response(200, body, headers=vary)
