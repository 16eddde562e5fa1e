"""Wallet attestation and key attestation on the demo issuer's side (OID4VCI 1.0 App. D, E;
OAuth 2.0 Attestation-Based Client Authentication as profiled by HAIP 1.0).

Only in the ``require_wallet_attestation`` / ``require_key_attestation`` modes. The demo
trusts one wallet provider: the wallet's built-in development provider, recognised by its
``iss`` ("wallet-app development provider"); its attestations carry the provider's public key
in the ``jwk`` header (it is self-issued: a real issuer would pin the provider's key or chain).
Everything else is verified as an issuer must: signatures, ``typ``, the PoP's binding to the
attestation's ``cnf.jwk``, ``aud``, the challenge, ``jti`` replay, freshness; for key
attestations the attested keys, the required attack-potential values and the ``c_nonce``.
Failures are ``invalid_client`` (401) for wallet attestation on PAR and token,
``use_attestation_challenge`` with a fresh challenge header when the challenge is missing or
stale, and ``invalid_proof`` for key attestation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from .jose import InvalidJwt, jws_registry, verify_self_signed
from .state import DemoState, new_secret
from .wsgi import Request, Response, json_response, oauth_error

__all__ = [
    "ATTESTATION_AUTH_METHOD",
    "CHALLENGE_PATH",
    "DEV_PROVIDER_ISSUER",
    "REQUIRED_KEY_ATTESTATION",
    "AttestationFailure",
    "advertise_as",
    "advertise_issuer",
    "challenge_endpoint",
    "check_client_attestation",
    "check_key_attestation",
]

DEV_PROVIDER_ISSUER = "wallet-app development provider"
ATTESTATION_AUTH_METHOD = "attest_jwt_client_auth"
CHALLENGE_PATH = "/challenge"
CHALLENGE_HEADER = "OAuth-Client-Attestation-Challenge"
#: what every configuration's jwt proofs need in the require_key_attestation mode (§12.2.4)
REQUIRED_KEY_ATTESTATION: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"key_storage": ("iso_18045_moderate",), "user_authentication": ("iso_18045_moderate",)}
)
_ALGS = ("ES256",)
_CHALLENGE_LIFETIME = 300
_MAX_SKEW = 300


class AttestationFailure(Exception):
    """A wallet or key attestation the demo does not accept: the OAuth error to answer."""

    def __init__(self, error: str, description: str, *, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status

    def response(self, state: DemoState, headers: tuple[tuple[str, str], ...] = ()) -> Response:
        """The JSON error; a challenge error carries a fresh challenge header."""
        if self.error == "use_attestation_challenge":
            headers = (*headers, (CHALLENGE_HEADER, _new_challenge(state)))
        return oauth_error(self.status, self.error, self.description, headers=headers)


def advertise_issuer(state: DemoState, body: dict[str, object]) -> None:
    """In the key attestation mode, every jwt proof type requires a key attestation
    (``key_attestations_required``, §12.2.4). Changes ``body`` in place; raises nothing."""
    if not state.config.require_key_attestation:
        return
    configurations = body.get("credential_configurations_supported")
    if not isinstance(configurations, dict):
        return
    for conf in configurations.values():
        proof_types = conf.get("proof_types_supported") if isinstance(conf, dict) else None
        if isinstance(proof_types, dict) and isinstance(proof_types.get("jwt"), dict):
            proof_types["jwt"] = {
                **proof_types["jwt"],
                "key_attestations_required": {  # JSON arrays, a copy per document
                    name: list(values) for name, values in REQUIRED_KEY_ATTESTATION.items()
                },
            }


def advertise_as(state: DemoState, body: dict[str, object]) -> None:
    """In the wallet attestation mode, the token endpoint accepts only attestation-based
    client authentication, with a challenge endpoint. Changes ``body``; raises nothing."""
    if not state.config.require_wallet_attestation:
        return
    body["token_endpoint_auth_methods_supported"] = [ATTESTATION_AUTH_METHOD]
    body["require_pushed_authorization_requests"] = True  # the attestation is checked at PAR
    body["challenge_endpoint"] = state.as_issuer + CHALLENGE_PATH
    body["client_attestation_signing_alg_values_supported"] = list(_ALGS)
    body["client_attestation_pop_signing_alg_values_supported"] = list(_ALGS)


def _new_challenge(state: DemoState) -> str:
    challenge = new_secret(16)
    with state.lock:
        state.attestation_challenges[challenge] = state.now() + _CHALLENGE_LIFETIME
    return challenge


def challenge_endpoint(state: DemoState, request: Request) -> Response:
    """POST {as}/challenge → ``{"attestation_challenge": …}``. Raises nothing."""
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    return json_response(200, {"attestation_challenge": _new_challenge(state)}, no_store=True)


def _client_failure(description: str) -> AttestationFailure:
    return AttestationFailure("invalid_client", description, status=401)


def _fresh(claims: Mapping[str, object], name: str, now: float) -> float:
    value = claims.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"{name} is missing")
    return float(value)


def _verify_with(token: str, jwk: object, typ: str) -> Mapping[str, object]:
    """Claims of a JWS signed by ``jwk`` with header ``typ``. Raises ValueError."""
    if not isinstance(jwk, dict):
        raise ValueError("no key to verify with")
    try:
        key = ECKey.import_key({str(k): v for k, v in jwk.items()})
        verified = jws.deserialize_compact(token, key, registry=jws_registry(_ALGS))
        claims = json.loads(verified.payload)
    except (JoseError, ValueError, TypeError) as exc:
        raise ValueError(f"signature or key invalid: {exc}") from exc
    if verified.headers().get("typ") != typ:
        raise ValueError(f"header typ must be {typ!r}")
    if not isinstance(claims, dict):
        raise ValueError("payload is not a JSON object")
    return claims


def _provider_claims(token: str, typ: str, now: float) -> Mapping[str, object]:
    """Claims of an attestation the development provider signed. Raises ValueError."""
    try:
        verified = verify_self_signed(token, typ=typ, algorithms=_ALGS)
    except InvalidJwt as exc:
        raise ValueError(str(exc)) from exc
    claims = verified.claims
    if claims.get("iss") != DEV_PROVIDER_ISSUER:
        raise ValueError(f"iss {claims.get('iss')!r} is not a wallet provider this issuer trusts")
    if _fresh(claims, "exp", now) <= now:
        raise ValueError("the attestation has expired")
    if _fresh(claims, "iat", now) > now + _MAX_SKEW:
        raise ValueError("the attestation is issued in the future")
    return claims


def check_client_attestation(
    state: DemoState, request: Request, client_id: str | None
) -> str | None:
    """Verify the OAuth-Client-Attestation(-PoP) headers of a PAR or token request; return
    the attested client_id (``sub``). Without the wallet attestation mode: ``client_id``.
    Raises AttestationFailure (``invalid_client``, or ``use_attestation_challenge``)."""
    if not state.config.require_wallet_attestation:
        return client_id
    attestation = request.headers.get("oauth-client-attestation")
    pop = request.headers.get("oauth-client-attestation-pop")
    if not attestation or not pop:
        raise _client_failure("OAuth-Client-Attestation and -PoP headers are required")
    now = state.now()
    try:
        claims = _provider_claims(attestation, "oauth-client-attestation+jwt", now)
    except ValueError as exc:
        raise _client_failure(f"client attestation: {exc}") from exc
    sub = claims.get("sub")
    cnf = claims.get("cnf")
    if not isinstance(sub, str) or not sub:
        raise _client_failure("client attestation: sub is missing")
    if client_id is not None and client_id != sub:
        raise _client_failure("client_id is not the client attestation's sub")
    try:
        pop_claims = _verify_with(
            pop,
            cnf.get("jwk") if isinstance(cnf, dict) else None,
            "oauth-client-attestation-pop+jwt",
        )
        iat = _fresh(pop_claims, "iat", now)
    except ValueError as exc:
        raise _client_failure(f"client attestation PoP (cnf.jwk): {exc}") from exc
    if abs(iat - now) > _MAX_SKEW:
        raise _client_failure("client attestation PoP: iat is too far from the server time")
    if pop_claims.get("aud") != state.as_issuer:
        raise _client_failure(f"client attestation PoP: aud must be {state.as_issuer}")
    jti = pop_claims.get("jti")
    challenge = pop_claims.get("challenge")
    with state.lock:
        if not isinstance(jti, str) or not jti or jti in state.attestation_jtis:
            raise _client_failure("client attestation PoP: jti is missing or was used before")
        state.attestation_jtis[jti] = now + 2 * _MAX_SKEW
        expires = state.attestation_challenges.pop(str(challenge), None)
    if expires is None or expires < now:
        raise AttestationFailure(
            "use_attestation_challenge", "client attestation PoP needs a fresh challenge"
        )
    return sub


def check_key_attestation(
    state: DemoState,
    header: Mapping[str, object],
    proof_jwk: Mapping[str, object],
    proof_nonce: object,
) -> list[Mapping[str, object]] | None:
    """In the key attestation mode, a jwt proof's ``key_attestation`` header must be a key
    attestation by the trusted provider that lists the proof's key, with the required
    ``key_storage`` and ``user_authentication`` values and (with a nonce endpoint) the
    proof's own c_nonce, which the proof check verifies. Returns the attested keys (App.
    F.1: the issuer SHOULD issue one credential per attested key); None outside that mode.
    Raises AttestationFailure (``invalid_proof``)."""
    if not state.config.require_key_attestation:
        return None
    token = header.get("key_attestation")
    if not isinstance(token, str) or not token:
        raise AttestationFailure("invalid_proof", "a key attestation is required (App. D)")
    try:
        claims = _provider_claims(token, "key-attestation+jwt", state.now())
    except ValueError as exc:
        raise AttestationFailure("invalid_proof", f"key attestation: {exc}") from exc
    attested = claims.get("attested_keys")
    if not isinstance(attested, list) or not attested:
        raise AttestationFailure("invalid_proof", "key attestation: attested_keys is missing")
    members = ("kty", "crv", "x", "y")
    if not any(
        isinstance(k, dict) and all(k.get(m) == proof_jwk.get(m) for m in members) for k in attested
    ):
        raise AttestationFailure("invalid_proof", "the proof key is not in attested_keys")
    for name, wanted in REQUIRED_KEY_ATTESTATION.items():
        values = claims.get(name)
        if not isinstance(values, list) or not set(wanted) & set(values):
            raise AttestationFailure(
                "invalid_proof", f"key attestation: {name} must include one of {list(wanted)}"
            )
    if state.config.nonce_endpoint and claims.get("nonce") != proof_nonce:
        raise AttestationFailure("invalid_proof", "key attestation: nonce must be the c_nonce")
    return [k for k in attested if isinstance(k, dict)]
