"""Resource endpoints: nonce, credential, deferred credential and notification
(OID4VCI §7, §8, §9, §10; RFC 6750 §3; RFC 9449 §7)."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence

from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from . import drafts, drafts_credential
from .attestation import AttestationFailure, check_key_attestation
from .dpop import DpopError, verify_dpop
from .jose import InvalidJwt, verify_self_signed
from .minting import mint_jwt_vc, mint_mdoc, mint_sd_jwt
from .sample_data import JWT_VC_TYPES, MDL_NAMESPACE, sample_claims
from .single_use import break_copy, spend_nonces
from .state import NONCE_LIFETIME, AccessGrant, DemoState, Transaction, new_secret
from .status import status_reference
from .tampering import break_credential, tamper_mdoc, tamper_sd_jwt
from .type_metadata import vct_integrity
from .wsgi import NO_STORE, Request, Response, json_response, oauth_error

__all__ = ["credential", "deferred_credential", "nonce", "notification"]

_MAX_SKEW = 300
_ENCS = ("A128GCM", "A256GCM")
_EVENTS = frozenset({"credential_accepted", "credential_failure", "credential_deleted"})


class _Failure(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def _fail(error: str, description: str, status: int = 400) -> _Failure:
    return _Failure(oauth_error(status, error, description))


def _nonce_headers(state: DemoState) -> tuple[tuple[str, str], ...]:
    if state.config.dpop_nonce:
        return (("DPoP-Nonce", state.current_dpop_nonce()),)
    return ()


def _unauthorized(state: DemoState, error: str | None, description: str) -> _Failure:
    scheme = "DPoP" if state.config.dpop else "Bearer"
    challenge = f'{scheme} realm="{state.credential_issuer}"'
    if error is not None:
        challenge += f', error="{error}", error_description="{description}"'
    if state.config.dpop:
        challenge += ', algs="ES256"'
    headers = (("WWW-Authenticate", challenge), *_nonce_headers(state))
    return _Failure(oauth_error(401, error or "invalid_token", description, headers=headers))


def authenticate(state: DemoState, request: Request) -> tuple[str, AccessGrant]:
    """The access token and its grant (RFC 6750 §2.1, RFC 9449 §7.1).

    Raises _Failure carrying a 401 response with WWW-Authenticate.
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if not token:
        raise _unauthorized(state, None, "access token is missing")
    with state.lock:
        grant = state.tokens.get(token.strip())
    if grant is None or grant.expires_at < state.now():
        raise _unauthorized(state, "invalid_token", "access token is unknown or expired")
    if grant.jkt is None:
        if scheme.lower() != "bearer":
            raise _unauthorized(state, "invalid_token", "use the Bearer scheme for this token")
        return token.strip(), grant
    if scheme.lower() != "dpop":
        raise _unauthorized(state, "invalid_token", "DPoP-bound token needs the DPoP scheme")
    try:
        proof = verify_dpop(state, request, access_token=token.strip())
    except DpopError as err:
        raise _unauthorized(state, err.error, err.description) from err
    if proof is None:
        raise _unauthorized(state, "invalid_dpop_proof", "DPoP proof is missing")
    if proof.jkt != grant.jkt:
        raise _unauthorized(state, "invalid_dpop_proof", "DPoP key does not match the token")
    return token.strip(), grant


def nonce(state: DemoState, request: Request) -> Response:
    """POST /nonce (§7.2): a fresh c_nonce, not cacheable. Raises nothing."""
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    now = state.now()
    value = new_secret()
    with state.lock:
        for old, expires in list(state.c_nonces.items()):
            if expires < now:
                del state.c_nonces[old]
        state.c_nonces[value] = now + NONCE_LIFETIME
    headers = (("DPoP-Nonce", state.current_dpop_nonce()),) if state.config.dpop else ()
    return json_response(200, {"c_nonce": value}, no_store=True, headers=headers)


def _nonce_fail(state: DemoState, error: str, description: str) -> _Failure:
    """A nonce failure; drafts before 15 answer it with their proof error and a fresh c_nonce."""
    if drafts.nonce_in_responses(state.config.draft):
        draft_error = drafts_credential.proof_error(state.config.draft)
        return _Failure(drafts_credential.error_response(state, draft_error, description))
    return _fail(error, description)


def _check_proof(
    state: DemoState, grant: AccessGrant, token: str
) -> Sequence[Mapping[str, object]]:
    """Verify one key proof JWT (Appendix F.1, F.4); return the holder's public JWK, or in
    the key attestation mode every key its key attestation lists (one credential each)."""
    try:
        jwt = verify_self_signed(token, typ="openid4vci-proof+jwt", algorithms=("ES256",))
    except InvalidJwt as exc:
        raise _fail("invalid_proof", str(exc)) from exc
    claims = jwt.claims
    aud = claims.get("aud")
    if aud != state.credential_issuer and not (
        isinstance(aud, list) and state.credential_issuer in aud
    ):
        raise _fail("invalid_proof", f"aud must be {state.credential_issuer}")
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool):
        raise _fail("invalid_proof", "iat is missing")
    if abs(iat - state.now()) > _MAX_SKEW:
        raise _fail("invalid_proof", "iat is too far from the server time (check your clock)")
    if "iss" in claims and grant.anonymous:
        raise _fail("invalid_proof", "iss must be omitted after anonymous pre-authorized access")
    if "iss" in claims and claims["iss"] != grant.client_id:
        raise _fail("invalid_proof", "iss must be the client_id")
    if state.config.nonce_endpoint or drafts.nonce_in_responses(state.config.draft):
        c_nonce = claims.get("nonce")
        if not isinstance(c_nonce, str) or not c_nonce:
            raise _nonce_fail(state, "invalid_proof", "proof does not contain a c_nonce")
        with state.lock:
            expires = state.c_nonces.get(c_nonce)
        if expires is None or expires < state.now():
            raise _nonce_fail(
                state, "invalid_nonce", "c_nonce is unknown or expired; get a new one"
            )
    try:  # the key attestation mode (App. D): the proof must carry one for its key
        attested = check_key_attestation(state, jwt.header, jwt.jwk, claims.get("nonce"))
    except AttestationFailure as failure:
        raise _fail(failure.error, failure.description) from failure
    return [jwt.jwk] if attested is None else attested


def _holder_keys(
    state: DemoState, grant: AccessGrant, jwts: Sequence[str]
) -> list[Mapping[str, object]]:
    """The distinct holder keys of a request's proofs: one credential per key, however
    many proofs attest it (App. F.1)."""
    keys: dict[str, Mapping[str, object]] = {}
    for token in jwts:
        for key in _check_proof(state, grant, token):
            keys.setdefault(json.dumps(key, sort_keys=True), key)
    return list(keys.values())


def _configuration_id(state: DemoState, grant: AccessGrant, body: Mapping[str, object]) -> str:
    identifier = body.get("credential_identifier")
    config_id = body.get("credential_configuration_id")
    if (identifier is None) == (config_id is None):
        raise _fail(
            "invalid_credential_request",
            "send exactly one of credential_identifier and credential_configuration_id",
        )
    if grant.identifiers is not None:
        if identifier is None:
            raise _fail(
                "invalid_credential_request",
                "the token response listed credential_identifiers: send credential_identifier",
            )
        if not isinstance(identifier, str) or identifier not in grant.identifiers:
            raise _fail("unknown_credential_identifier", f"unknown {identifier!r}")
        return grant.identifiers[identifier]
    if identifier is not None:
        raise _fail("invalid_credential_request", "this token has no credential_identifiers")
    if not isinstance(config_id, str) or config_id not in drafts.configurations(state):
        raise _fail("unknown_credential_configuration", f"unknown {config_id!r}")
    if config_id not in grant.configuration_ids:
        raise _fail("credential_request_denied", f"the token does not cover {config_id}")
    return config_id


def _proof_jwts(state: DemoState, body: Mapping[str, object]) -> Sequence[str]:
    if "proof" in body:
        raise _fail("invalid_credential_request", "use proofs (OID4VCI 1.0), not proof")
    proofs = body.get("proofs")
    if not isinstance(proofs, dict) or not proofs:
        raise _fail("invalid_proof", "proofs is missing")
    if set(proofs) != {"jwt"}:
        raise _fail("invalid_proof", "only the jwt proof type is supported")
    jwts = proofs["jwt"]
    if not isinstance(jwts, list) or not jwts or not all(isinstance(j, str) for j in jwts):
        raise _fail("invalid_proof", "proofs.jwt must be a non-empty array of JWTs")
    limit = state.config.batch_size or 1
    if len(jwts) > limit:
        raise _fail("invalid_credential_request", f"at most {limit} proofs per request")
    return [str(j) for j in jwts]


def mint(state: DemoState, config_id: str, holder_jwk: Mapping[str, object]) -> str:
    """One credential of `config_id` bound to `holder_jwk`, with its own index in the status
    list (status 1 when the revoked fault is on). Raises ValueError (bad key)."""
    config = drafts.configurations(state)[config_id]
    keys = state.credential_keys()
    idx = state.status_list.allocate(1 if state.faults.revoked else 0)
    status = status_reference(state.status_uri, idx)
    if config["format"] == "jwt_vc_json":
        issuer, claims = state.credential_issuer, sample_claims(config_id)
        return mint_jwt_vc(
            keys,
            issuer=issuer,
            types=JWT_VC_TYPES,
            claims=claims,
            holder_jwk=holder_jwk,
            now=state.now(),
            status=status,
        )
    if config["format"] == "mso_mdoc":
        minted = mint_mdoc(
            keys,
            doctype=str(config["doctype"]),
            namespace=MDL_NAMESPACE,
            elements=sample_claims(config_id),
            holder_jwk=holder_jwk,
            now=state.now(),
            status=status,
        )
        return tamper_mdoc(minted) if state.faults.tampered else minted
    vct = str(config["vct"])
    extra: dict[str, object] = {"status": status}
    integrity = vct_integrity(state.base_url, state.credential_issuer, vct)
    if integrity is not None:
        extra["vct#integrity"] = integrity
    minted = mint_sd_jwt(
        keys,
        issuer=state.credential_issuer,
        vct=vct,
        claims=sample_claims(config_id),
        holder_jwk=holder_jwk,
        now=state.now(),
        extra=extra,
        typ=drafts.sd_jwt_format(state.config.draft),
    )
    return tamper_sd_jwt(minted) if state.faults.tampered else minted


def _read_body(state: DemoState, request: Request) -> Mapping[str, object] | None:
    """The request JSON, decrypted when it came as a JWE (§10)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/jwt":
        try:
            result = jwe.decrypt_compact(
                request.body.strip(), state.encryption_key, algorithms=["ECDH-ES", *_ENCS]
            )
            value = json.loads(result.plaintext or b"")
        except (JoseError, ValueError) as exc:
            raise _fail("invalid_encryption_parameters", f"cannot decrypt: {exc}") from exc
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else None
    if state.config.encryption:
        raise _fail("invalid_encryption_parameters", "credential requests must be encrypted")
    return request.json()


def _respond(
    state: DemoState, status: int, payload: Mapping[str, object], request_body: Mapping[str, object]
) -> Response:
    """A success response, encrypted to the wallet's key when it asked for that (§10)."""
    wanted = request_body.get("credential_response_encryption")
    if isinstance(wanted, Mapping) and isinstance(wanted.get("jwk"), Mapping):
        jwk = dict(wanted["jwk"])
        alg, enc = str(jwk.get("alg", "ECDH-ES")), str(wanted.get("enc", "A128GCM"))
        if alg != "ECDH-ES" or enc not in _ENCS:
            raise _fail("invalid_encryption_parameters", f"unsupported {alg}/{enc}")
        try:
            key = ECKey.import_key(jwk)
            token = jwe.encrypt_compact(
                {"alg": alg, "enc": enc},
                json.dumps(payload).encode(),
                key,
                algorithms=[alg, enc],
            )
        except (JoseError, ValueError) as exc:
            raise _fail("invalid_encryption_parameters", f"bad jwk: {exc}") from exc
        headers = (("Content-Type", "application/jwt"), *NO_STORE, *_nonce_headers(state))
        return Response(status, headers, token.encode())
    if state.config.encryption:
        raise _fail("invalid_encryption_parameters", "credential_response_encryption required")
    return json_response(status, payload, no_store=True, headers=_nonce_headers(state))


def _issued(
    state: DemoState,
    token: str,
    config_id: str,
    creds: list[str],
    request_body: Mapping[str, object],
) -> Response:
    notification_id = new_secret(12)
    with state.lock:
        state.notification_ids[notification_id] = (token, config_id)
        state.issued_credentials.extend(creds)
    if drafts.legacy(state):
        body = drafts_credential.issued_body(state, config_id, creds, notification_id, request_body)
        return _respond(state, 200, body, request_body)
    body = {"credentials": [{"credential": c} for c in creds], "notification_id": notification_id}
    return _respond(state, 200, body, request_body)


def _handle_credential(state: DemoState, request: Request) -> Response:
    token, grant = authenticate(state, request)
    body = _read_body(state, request)
    if body is None:
        raise _fail("invalid_credential_request", "body must be a JSON object")
    if drafts.legacy(state):
        try:
            config_id, jwts = drafts_credential.parse_request(state, grant, body)
        except drafts_credential.DraftRequestError as err:
            raise _Failure(
                drafts_credential.error_response(state, err.error, err.description)
            ) from err
    else:
        config_id = _configuration_id(state, grant, body)
        jwts = _proof_jwts(state, body)
    if state.faults.take_invalid_nonce():
        raise _nonce_fail(state, "invalid_nonce", "c_nonce is no longer valid; get a new one")
    holder_keys = _holder_keys(state, grant, jwts)
    if state.config.single_use_nonce and not spend_nonces(state, jwts):
        raise _nonce_fail(state, "invalid_nonce", "c_nonce was used already; get a new one")
    try:
        creds = [mint(state, config_id, key) for key in holder_keys]
        if state.faults.malformed is not None:
            conf = drafts.configurations(state)[config_id]
            keys, now, mode = state.credential_keys(), state.now(), state.faults.malformed
            creds = [break_credential(mode, c, str(conf["format"]), keys, now) for c in creds]
    except ValueError as exc:
        raise _fail("invalid_proof", f"unsupported holder key: {exc}") from exc
    if state.faults.broken_copy and len(creds) > 1:
        conf = drafts.configurations(state)[config_id]  # the draft modes' jwt_vc_json too
        creds[1] = break_copy(creds[1], str(conf["format"]))
    polls = state.faults.take_deferred()
    if polls > 0:
        transaction_id = new_secret()
        with state.lock:
            state.transactions[transaction_id] = Transaction(token, polls, config_id, creds)
        pending = {"transaction_id": transaction_id, "interval": state.config.deferred_interval}
        if drafts.legacy(state):
            status, pending = drafts_credential.pending_response_body(state, transaction_id)
            return _respond(state, status, pending, body)
        return _respond(state, 202, pending, body)
    return _issued(state, token, config_id, creds, body)


def credential(state: DemoState, request: Request) -> Response:
    """POST /credential (§8). Raises nothing: errors are §8.3.1 JSON errors."""
    if request.method != "POST":
        return oauth_error(405, "invalid_credential_request", "use POST")
    try:
        return _handle_credential(state, request)
    except _Failure as failure:
        return failure.response


def deferred_credential(state: DemoState, request: Request) -> Response:
    """POST /deferred (§9): 202 while pending, then 200 with the credentials."""
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    try:
        token, _ = authenticate(state, request)
        body = _read_body(state, request) or {}
        transaction_id = body.get("transaction_id")
        with state.lock:
            tx = state.transactions.get(str(transaction_id))
            if tx is None or tx.access_token != token:
                raise _fail("invalid_transaction_id", "unknown transaction_id")
            if tx.pending_polls > 0:
                tx.pending_polls -= 1
                pending = {
                    "transaction_id": transaction_id,
                    "interval": state.config.deferred_interval,
                }
                return _respond(state, 202, pending, body)
            del state.transactions[str(transaction_id)]
        return _issued(state, token, tx.configuration_id, tx.credentials, body)
    except _Failure as failure:
        return failure.response


def notification(state: DemoState, request: Request) -> Response:
    """POST /notification (§10): record the event; 204. Raises nothing."""
    if request.method != "POST":
        return oauth_error(405, "invalid_notification_request", "use POST")
    delay = state.faults.notification_latency
    if delay > 0:
        time.sleep(delay)
    try:
        token, _ = authenticate(state, request)
        body = request.json()
        if body is None:
            raise _fail("invalid_notification_request", "body must be a JSON object")
        notification_id, event = body.get("notification_id"), body.get("event")
        description = body.get("event_description")
        with state.lock:
            known = state.notification_ids.get(str(notification_id))
        if known is None or known[0] != token:
            raise _fail("invalid_notification_id", "unknown notification_id")
        if event not in _EVENTS or (description is not None and not isinstance(description, str)):
            raise _fail("invalid_notification_request", f"event must be one of {sorted(_EVENTS)}")
        record: dict[str, object] = {
            "notification_id": notification_id,
            "event": event,
            "credential_configuration_id": known[1],
        }
        if description is not None:
            record["event_description"] = description
        with state.lock:
            state.notifications.append(record)
        return Response(204, _nonce_headers(state))
    except _Failure as failure:
        return failure.response
