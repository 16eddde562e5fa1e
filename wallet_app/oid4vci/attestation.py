"""Wallet attestation and key attestation: the protocol pieces, no provider logic.

Wallet attestation is OAuth 2.0 Attestation-Based Client Authentication
(draft-ietf-oauth-attestation-based-client-auth, as profiled by HAIP 1.0 and OID4VCI 1.0
App. E): a Client Attestation JWT from the wallet provider (``sub`` = client_id, ``cnf.jwk`` =
the wallet instance key) sent as ``OAuth-Client-Attestation``, and a Client Attestation PoP
JWT signed by the instance key (``aud`` = the authorization server, ``jti``, ``iat``, the
server's ``challenge`` when it gave one) sent as ``OAuth-Client-Attestation-PoP``, on PAR and
token requests. The challenge comes from the AS metadata's ``challenge_endpoint`` (POST →
``attestation_challenge``) or from an ``OAuth-Client-Attestation-Challenge`` response header,
with the ``use_attestation_challenge`` error: one retry.

Key attestation (OID4VCI 1.0 App. D): a JWT (``typ`` key-attestation+jwt) in which the wallet
provider vouches for the holder keys (``attested_keys``) and how they are kept
(``key_storage``, ``user_authentication``); it travels in the ``key_attestation`` header of
``jwt`` proofs (App. F.1) or as the ``attestation`` proof type (App. F.3). Both are signed
public statements: they carry no secret, so the trace shows them as they are.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Mapping, Sequence

from joserfc.jwk import ECKey, OKPKey, RSAKey

from wallet_app.errors import IssuerError
from wallet_app.frozen import frozen
from wallet_app.jsonsafe import loads
from wallet_app.oid4vci.error_response import EndpointRequest, issuer_error
from wallet_app.oid4vci.http import HttpResponse, HttpSession
from wallet_app.oid4vci.models import AuthServerMetadata, CredentialConfiguration
from wallet_app.oid4vci.proof import SigningKey, public_jwk, sign_jwt

__all__ = [
    "ATTESTATION_AUTH_METHOD",
    "ATTESTATION_HEADER",
    "CHALLENGE_HEADER",
    "CLIENT_ATTESTATION_TYP",
    "KEY_ATTESTATION_TYP",
    "POP_HEADER",
    "POP_TYP",
    "AttestedSend",
    "ChallengeSource",
    "HeaderSource",
    "KeyAttestationRequirement",
    "alg_for_key",
    "attestation_headers",
    "challenge_endpoint",
    "challenge_of",
    "client_attestation_pop",
    "fetch_attestation_challenge",
    "jwt_parts",
    "key_attestation_claims",
    "key_attestation_requirement",
    "key_proof_plan",
    "needs_key_attestation",
    "post_attested",
    "requires_wallet_attestation",
    "send_attested",
]

CLIENT_ATTESTATION_TYP = "oauth-client-attestation+jwt"
POP_TYP = "oauth-client-attestation-pop+jwt"
KEY_ATTESTATION_TYP = "key-attestation+jwt"
ATTESTATION_HEADER = "OAuth-Client-Attestation"
POP_HEADER = "OAuth-Client-Attestation-PoP"
CHALLENGE_HEADER = "OAuth-Client-Attestation-Challenge"
#: the token_endpoint_auth_methods_supported value of attestation-based client auth
ATTESTATION_AUTH_METHOD = "attest_jwt_client_auth"
#: errors after which a fresh challenge (from the response header) is worth one retry
_CHALLENGE_ERRORS = frozenset({"use_attestation_challenge", "use_fresh_attestation"})

#: builds the two attestation headers for a challenge (None: the server gave none)
HeaderSource = Callable[[str | None], Mapping[str, str]]


def alg_for_key(key: SigningKey) -> str:
    """The JWS alg a key signs with (ES256/384/512, EdDSA, PS256 for RSA). Raises nothing."""
    if isinstance(key, ECKey):
        return {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}.get(key.curve_name, "ES256")
    if isinstance(key, OKPKey):
        return "EdDSA"
    assert isinstance(key, RSAKey)
    return "PS256"


def client_attestation_pop(
    instance_key: SigningKey,
    *,
    audience: str,
    challenge: str | None,
    now: int,
    client_id: str | None = None,
) -> str:
    """A Client Attestation PoP JWT: ``aud`` (the AS issuer identifier), a fresh ``jti``,
    ``iat``, the server's ``challenge`` when given, and ``iss`` = client_id when given (the
    drafts before -05 required it; later ones ignore it). Signed by the instance key (the
    attestation's ``cnf.jwk``). Raises ValueError when the key cannot sign."""
    header = {"typ": POP_TYP, "alg": alg_for_key(instance_key)}
    claims: dict[str, object] = {"aud": audience, "jti": secrets.token_urlsafe(16), "iat": now}
    if client_id is not None:
        claims["iss"] = client_id
    if challenge is not None:
        claims["challenge"] = challenge
    return sign_jwt(header, claims, instance_key)


def attestation_headers(attestation: str, pop: str) -> dict[str, str]:
    """The two request headers of attestation-based client authentication."""
    return {ATTESTATION_HEADER: attestation, POP_HEADER: pop}


def key_attestation_claims(
    keys: Sequence[SigningKey],
    *,
    now: int,
    lifetime: int,
    nonce: str | None,
    key_storage: Sequence[str],
    user_authentication: Sequence[str],
    issuer: str | None = None,
) -> dict[str, object]:
    """The payload of a key attestation (App. D.1): ``iat``, ``exp``, ``attested_keys`` (the
    public JWKs), ``key_storage`` and ``user_authentication`` when given, ``nonce`` (the
    c_nonce) when given. Raises nothing."""
    claims: dict[str, object] = {
        "iat": now,
        "exp": now + lifetime,
        "attested_keys": [public_jwk(k) for k in keys],
    }
    if issuer is not None:
        claims["iss"] = issuer
    if key_storage:
        claims["key_storage"] = list(key_storage)
    if user_authentication:
        claims["user_authentication"] = list(user_authentication)
    if nonce is not None:
        claims["nonce"] = nonce
    return claims


@frozen
class KeyAttestationRequirement:
    """What ``key_attestations_required`` of one proof type asks for (§12.2.4): the accepted
    attack-potential values of key storage and user authentication (empty: any)."""

    proof_type: str
    key_storage: tuple[str, ...] = ()
    user_authentication: tuple[str, ...] = ()


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def key_attestation_requirement(
    configuration: CredentialConfiguration, proof_type: str
) -> KeyAttestationRequirement | None:
    """The key attestation ``proof_type`` of this configuration requires, read from its raw
    metadata (an object; ``true`` from some draft-era issuers means "any"); None when it
    requires none. Raises nothing."""
    support = configuration.proof_types.get(proof_type)
    if support is None or not support.key_attestations_required:
        return None
    raw = configuration.raw.get("proof_types_supported")
    spec = raw.get(proof_type) if isinstance(raw, Mapping) else None
    required = spec.get("key_attestations_required") if isinstance(spec, Mapping) else None
    if not isinstance(required, Mapping):
        return KeyAttestationRequirement(proof_type)
    return KeyAttestationRequirement(
        proof_type,
        key_storage=_texts(required.get("key_storage")),
        user_authentication=_texts(required.get("user_authentication")),
    )


def key_proof_plan(
    configuration: CredentialConfiguration,
) -> tuple[str, KeyAttestationRequirement | None]:
    """The one place that decides a configuration's key proof (App. F): ``(proof_type,
    requirement)``: ``attestation`` when the issuer lists only that proof type (its proof
    IS a key attestation), else ``jwt``; the requirement of key attestation for that type,
    None when none is required. Raises nothing."""
    types = configuration.proof_types
    proof_type = "attestation" if "jwt" not in types and "attestation" in types else "jwt"
    requirement = key_attestation_requirement(configuration, proof_type)
    if requirement is None and proof_type == "attestation":
        requirement = KeyAttestationRequirement(proof_type)
    return proof_type, requirement


def needs_key_attestation(configuration: CredentialConfiguration) -> bool:
    """Whether the proofs of ``configuration`` must carry (or be) a key attestation
    (App. D): see :func:`key_proof_plan`. Raises nothing."""
    return key_proof_plan(configuration)[1] is not None


def requires_wallet_attestation(auth_server: AuthServerMetadata) -> bool:
    """Whether the AS accepts only attestation-based client authentication at its token
    endpoint (``token_endpoint_auth_methods_supported`` lists nothing else). Raises nothing."""
    methods = _texts(auth_server.raw.get("token_endpoint_auth_methods_supported"))
    return bool(methods) and all(m == ATTESTATION_AUTH_METHOD for m in methods)


def challenge_of(resp: HttpResponse) -> str | None:
    """The ``OAuth-Client-Attestation-Challenge`` header of a response, if any."""
    value = resp.headers.get(CHALLENGE_HEADER.lower(), "").strip()
    return value or None


def _error_code(resp: HttpResponse) -> str | None:
    try:
        error = resp.json_object().get("error")
    except IssuerError:
        return None
    return error if isinstance(error, str) else None


#: the challenge for the next attested request, fetched beforehand (e.g. beside the nonces);
#: None: the AS has no challenge endpoint
ChallengeSource = Callable[[], str | None]
#: sends one request with headers built again for every send (see HttpSession.request)
AttestedSend = Callable[[Callable[[], Mapping[str, str]] | None], HttpResponse]


def post_attested(
    send: AttestedSend,
    attest: HeaderSource | None,
    *,
    challenge: str | None,
) -> HttpResponse:
    """Send a request with attestation headers built for ``challenge``, afresh for every
    send (a DPoP nonce retry inside ``send`` gets a new PoP ``jti``); when the server
    answers ``use_attestation_challenge`` (or ``use_fresh_attestation``) with a new challenge
    in the ``OAuth-Client-Attestation-Challenge`` header, send once more for it. Without
    ``attest`` the request goes out as it is. Raises what ``send`` raises."""
    if attest is None:
        return send(None)
    resp = send(lambda: attest(challenge))
    fresh = challenge_of(resp)
    if (
        400 <= resp.status < 500
        and fresh is not None
        and fresh != challenge
        and _error_code(resp) in _CHALLENGE_ERRORS
    ):
        resp = send(lambda: attest(fresh))
    return resp


def challenge_endpoint(auth_server: AuthServerMetadata) -> str | None:
    """The AS metadata's ``challenge_endpoint``, if any. Raises nothing."""
    endpoint = auth_server.raw.get("challenge_endpoint")
    return endpoint if isinstance(endpoint, str) and endpoint else None


def fetch_attestation_challenge(
    session: HttpSession, auth_server: AuthServerMetadata, *, what: EndpointRequest
) -> str | None:
    """POST to the AS's ``challenge_endpoint`` for an ``attestation_challenge``; None when
    it has none. ``what``: the request the challenge is for ("token request", "sign-in
    request"), named in errors. Raises IssuerError, NetworkError."""
    endpoint = challenge_endpoint(auth_server)
    if endpoint is None:
        return None
    resp = session.request("POST", endpoint, step="attestation challenge")
    if resp.status != 200:
        raise issuer_error(resp, what=what)
    challenge = resp.json_object().get("attestation_challenge")
    if not isinstance(challenge, str) or not challenge:
        raise IssuerError(
            "The issuer's sign-in service answered the challenge request with nothing "
            "the wallet can use.",
            detail="challenge response lacks attestation_challenge",
            status=resp.status,
            url=endpoint,
        )
    return challenge


def send_attested(
    session: HttpSession,
    auth_server: AuthServerMetadata,
    attest: HeaderSource | None,
    send: AttestedSend,
    *,
    what: EndpointRequest,
    challenge: ChallengeSource | None = None,
) -> HttpResponse:
    """Send with attestation-based client authentication (App. E): the challenge from
    ``challenge`` (fetched beforehand) or else from the AS's ``challenge_endpoint`` now,
    headers built afresh for each send, one retry with a fresh challenge the server hands
    out in its error response. Raises IssuerError, NetworkError."""
    if attest is None:
        return send(None)
    if challenge is not None:
        first = challenge()
    else:
        first = fetch_attestation_challenge(session, auth_server, what=what)
    return post_attested(send, attest, challenge=first)


def _b64_json(part: str) -> object:
    padded = part + "=" * (-len(part) % 4)
    return loads(base64.urlsafe_b64decode(padded.encode("ascii")))  # JsonRejected: ValueError


def jwt_parts(token: str) -> tuple[Mapping[str, object], Mapping[str, object]] | None:
    """The header and payload of a compact JWS, NOT verified (for showing and checks of
    our own tokens); None when it is not one. Raises nothing."""
    pieces = token.split(".")
    if len(pieces) != 3:
        return None
    try:
        header, claims = _b64_json(pieces[0]), _b64_json(pieces[1])
    except (ValueError, UnicodeError):
        return None
    if not isinstance(header, Mapping) or not isinstance(claims, Mapping):
        return None
    return header, claims
