"""``Oid4vciClient``: one method per endpoint, the only I/O of the protocol core.

Each method builds nothing itself: bodies come from the builders in :mod:`authorize`,
:mod:`token` and :mod:`credential`; the client sends them through :class:`HttpSession`
(URL policy, size cap, DPoP nonces, trace) and parses what comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import field, replace

from wallet_app.errors import IssuerError, MetadataError, NetworkError, OfferError
from wallet_app.frozen import frozen
from wallet_app.jsonsafe import JsonRejected
from wallet_app.oid4vci.attestation import ChallengeSource, HeaderSource, send_attested
from wallet_app.oid4vci.credential import (
    Deferred,
    Issued,
    NotificationEvent,
    build_notification,
    interval_seconds,
    parse_credential_response,
)
from wallet_app.oid4vci.dialect import Dialect, Draft
from wallet_app.oid4vci.discovery import discovery_failed
from wallet_app.oid4vci.encryption import decrypt_response, encrypt_request, plan_encryption
from wallet_app.oid4vci.error_response import issuer_error
from wallet_app.oid4vci.http import DPoPSession, HttpResponse, HttpSession
from wallet_app.oid4vci.metadata import (
    auth_server_metadata_urls,
    issuer_metadata_urls,
    parse_auth_server_metadata,
    parse_issuer_metadata,
)
from wallet_app.oid4vci.models import (
    AuthServerMetadata,
    CredentialOffer,
    IssuerMetadata,
)
from wallet_app.oid4vci.offer import parse_offer_json
from wallet_app.oid4vci.token import TokenSet, build_refresh_token_form, parse_token_response

__all__ = [
    "SIGNED_METADATA_ACCEPT",
    "FetchAttempt",
    "MetadataFetch",
    "Oid4vciClient",
    "ParResult",
]

log = logging.getLogger(__name__)

#: what the wallet accepts when it asks for signed issuer metadata (§12.2.2)
SIGNED_METADATA_ACCEPT = "application/jwt, application/json;q=0.9"


@frozen
class FetchAttempt:
    """One URL tried during discovery and what happened there."""

    url: str
    status: int | None
    outcome: str


@frozen
class MetadataFetch:
    """A discovered metadata document with every URL that was tried.

    ``jwt`` is the signed metadata (§12.2.3) when it was asked for and the issuer answered
    ``application/jwt``; ``doc`` is then empty: its claims may only be used once the
    signature and its signer are verified (``wallet_app.trust.signed_metadata``).
    """

    doc: Mapping[str, object] = field(repr=False)
    url: str
    attempts: tuple[FetchAttempt, ...]
    jwt: str | None = field(default=None, repr=False)


def _jwt_text(body: bytes) -> str | None:
    """A JWS compact serialization from a response body; None when it is not one."""
    try:
        text = body.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    return text if text.count(".") == 2 and all(text.split(".")[:2]) else None


@frozen
class ParResult:
    """A pushed authorization request's handle (RFC 9126 §2.2)."""

    request_uri: str
    expires_in: int | None


class Oid4vciClient:
    """The endpoints of an OID4VCI issuer and its authorization server."""

    def __init__(self, session: HttpSession) -> None:
        self.session = session

    # -- offers and metadata --------------------------------------------------------------
    def fetch_offer(self, uri: str) -> CredentialOffer:
        """Dereference ``credential_offer_uri`` (§4.1.3). Raises OfferError / NetworkError."""
        resp = self.session.request("GET", uri, step="credential offer")
        if resp.status != 200:
            raise OfferError(
                "The credential offer could not be fetched from the issuer. It may have "
                "expired; ask the issuer for a new one.",
                detail=f"HTTP {resp.status} from {uri}",
                code="offer_fetch_failed",
            )
        if resp.content_type != "application/json":
            raise OfferError(
                "The issuer sent the offer in a form the wallet does not accept.",
                detail=f"Content-Type {resp.content_type!r} from {uri}; expected "
                "application/json (offers are never signed, §4.1.3)",
            )
        try:
            doc = resp.json()
        except IssuerError as exc:
            raise OfferError(detail=exc.detail) from exc
        return parse_offer_json(doc)

    def _discover(
        self, urls: tuple[str, ...], *, step: str, accept: str | None = None
    ) -> MetadataFetch:
        attempts: list[FetchAttempt] = []
        last_error: Exception | None = None
        unreadable: str | None = None  # a 200 answer whose body is no JSON object
        for url in urls:
            try:
                resp = self.session.request(
                    "GET", url, step=step, headers={"Accept": accept} if accept else None
                )
            except NetworkError as exc:
                if exc.code in ("insecure_url", "tls_error", "too_slow"):
                    raise  # the same host will not do better at another path
                attempts.append(FetchAttempt(url, None, exc.detail or exc.user_message))
                last_error = exc
                continue
            if resp.status != 200:
                attempts.append(FetchAttempt(url, resp.status, f"HTTP {resp.status}"))
                continue
            if accept is not None and resp.content_type == "application/jwt":
                jwt = _jwt_text(resp.body)
                attempts.append(FetchAttempt(url, resp.status, "signed" if jwt else "not a JWT"))
                if jwt is None:
                    continue
                return MetadataFetch(doc={}, url=url, attempts=tuple(attempts), jwt=jwt)
            try:  # display text: lone surrogates repaired, never stored or traced as such
                doc = resp.json_object(surrogates="repair")
            except IssuerError as exc:
                if isinstance(exc.__cause__, JsonRejected):  # found, and out of bounds
                    raise MetadataError(
                        "The issuer's configuration is nested too deeply, so the wallet did "
                        "not read it."
                        if step == "issuer metadata"
                        else "The sign-in service's configuration is nested too deeply, so "
                        "the wallet did not read it.",
                        detail=exc.detail,
                        code="invalid_metadata",
                    ) from exc
                attempts.append(FetchAttempt(url, resp.status, "not a JSON object"))
                last_error, unreadable = exc, unreadable or url
                continue
            attempts.append(FetchAttempt(url, resp.status, "ok"))
            return MetadataFetch(doc=doc, url=url, attempts=tuple(attempts))
        raise discovery_failed(step, attempts, last_error, unreadable) from last_error

    def discover_issuer_metadata(
        self, credential_issuer: str, *, signed: bool = False
    ) -> MetadataFetch:
        """Fetch issuer metadata: 1.0 inserted well-known, then the legacy appended one.

        ``signed``: ask for signed metadata too (``Accept: application/jwt``, JSON as the
        fallback, §12.2.2); an ``application/jwt`` answer comes back as ``jwt``, unverified.
        """
        return self._discover(
            issuer_metadata_urls(credential_issuer),
            step="issuer metadata",
            accept=SIGNED_METADATA_ACCEPT if signed else None,
        )

    def fetch_issuer_metadata(self, credential_issuer: str) -> IssuerMetadata:
        """Discover and validate issuer metadata (§12.2). Raises MetadataError."""
        found = self.discover_issuer_metadata(credential_issuer)
        return parse_issuer_metadata(found.doc, expected_issuer=credential_issuer, url=found.url)

    def discover_auth_server_metadata(self, as_id: str) -> MetadataFetch:
        """Fetch AS metadata: RFC 8414 inserted → appended → openid-configuration."""
        return self._discover(
            auth_server_metadata_urls(as_id),
            step="authorization server metadata",
        )

    def fetch_auth_server_metadata(self, as_id: str) -> AuthServerMetadata:
        """Discover and validate AS metadata (§12.3, RFC 8414 §3.3). Raises MetadataError."""
        found = self.discover_auth_server_metadata(as_id)
        return parse_auth_server_metadata(found.doc, expected_issuer=as_id, url=found.url)

    # -- authorization server -------------------------------------------------------------
    def push_authorization_request(
        self,
        auth_server: AuthServerMetadata,
        params: Mapping[str, str],
        *,
        dpop: DPoPSession | None = None,
        headers: HeaderSource | None = None,
        challenge: ChallengeSource | None = None,
    ) -> ParResult:
        """POST the authorization request to the PAR endpoint (RFC 9126); ``headers``: the
        wallet attestation headers for a challenge, ``challenge`` one fetched beforehand
        (see :func:`~wallet_app.oid4vci.attestation.send_attested`)."""
        endpoint = auth_server.pushed_authorization_request_endpoint
        if not endpoint:
            raise MetadataError(detail=f"{auth_server.issuer}: no PAR endpoint")
        resp = send_attested(
            self.session,
            auth_server,
            headers,
            lambda fresh: self.session.request(
                "POST",
                endpoint,
                step="pushed authorization request",
                form=params,
                dpop=dpop,
                dpop_role="as",
                fresh_headers=fresh,
            ),
            what="sign-in request",
            challenge=challenge,
        )
        if resp.status not in (200, 201):
            raise issuer_error(resp, what="sign-in request")
        doc = resp.json_object()
        request_uri = doc.get("request_uri")
        if not isinstance(request_uri, str) or not request_uri:
            raise IssuerError(
                "The issuer's sign-in service answered without a request reference.",
                detail="PAR response lacks request_uri",
                status=resp.status,
                url=endpoint,
            )
        expires = doc.get("expires_in")
        return ParResult(request_uri, interval_seconds(expires, 0) or None)

    def request_token(
        self,
        auth_server: AuthServerMetadata,
        form: Mapping[str, str],
        *,
        dpop: DPoPSession | None = None,
        headers: HeaderSource | None = None,
        challenge: ChallengeSource | None = None,
    ) -> TokenSet:
        """POST a token request (§6), with the wallet attestation ``headers`` when given
        (``challenge``: one fetched beforehand). Raises IssuerError with the server's error
        code."""
        resp = send_attested(
            self.session,
            auth_server,
            headers,
            lambda fresh: self.session.request(
                "POST",
                auth_server.token_endpoint,
                step="token",
                form=form,
                dpop=dpop,
                dpop_role="as",
                fresh_headers=fresh,
            ),
            what="token request",
            challenge=challenge,
        )
        if resp.status != 200:
            raise issuer_error(resp, what="token request")
        return parse_token_response(resp.json_object(), url=auth_server.token_endpoint)

    def refresh_token(
        self,
        auth_server: AuthServerMetadata,
        *,
        refresh_token: str,
        client_id: str | None,
        dpop: DPoPSession | None,
        headers: HeaderSource | None = None,
    ) -> TokenSet:
        """Get a new access token with a refresh token (RFC 6749 §6).

        A DPoP-bound token is refreshed with a proof by the same key (RFC 9449 §5); with the
        wallet attestation ``headers`` when the AS authenticates the client that way (App. E).
        When the answer carries no new refresh token the old one stays in use (RFC 6749 §6).
        Raises IssuerError (e.g. ``invalid_grant`` for an expired refresh token), NetworkError.
        """
        form = build_refresh_token_form(refresh_token=refresh_token, client_id=client_id)
        token = self.request_token(auth_server, form, dpop=dpop, headers=headers)
        if token.refresh_token is None:
            token = replace(token, refresh_token=refresh_token)
        return token

    # -- credential issuer ------------------------------------------------------------------
    def fetch_nonce(self, issuer: IssuerMetadata, *, dpop: DPoPSession | None = None) -> str:
        """POST to the nonce endpoint (§7), no access token. Raises IssuerError."""
        endpoint = issuer.nonce_endpoint
        if not endpoint:
            raise MetadataError(detail="no nonce_endpoint")
        resp = self.session.request("POST", endpoint, step="nonce")
        if dpop is not None:
            dpop.remember(endpoint, resp.headers.get("dpop-nonce"))
        if resp.status != 200:
            raise issuer_error(resp, what="nonce request")
        nonce = resp.json_object().get("c_nonce")
        if not isinstance(nonce, str) or not nonce:
            raise IssuerError(
                "The issuer's answer to the nonce request cannot be used.",
                detail="nonce response lacks c_nonce",
                status=resp.status,
                url=endpoint,
            )
        return nonce

    def _authorized_post(
        self,
        url: str,
        body: Mapping[str, object],
        token: TokenSet,
        *,
        step: str,
        dpop: DPoPSession | None,
        issuer: IssuerMetadata | None = None,
        draft: Draft = "1.0",
        total_timeout: float | None = None,
    ) -> tuple[HttpResponse, Mapping[str, object] | None]:
        """POST with the access token; for credential/deferred requests (``issuer`` given),
        apply the issuer's §10 encryption, shaped for the flow's ``draft``. Returns the
        response and, for 200/202, its JSON object (decrypted when it was encrypted)."""
        request_plan, response_plan = plan_encryption(issuer) if issuer else (None, None)
        payload = dict(body)
        if response_plan is not None:
            parameter = response_plan.request_parameter()
            if draft in ("15", "14", "13"):
                parameter["alg"] = response_plan.alg  # REQUIRED beside jwk and enc until d16
            payload["credential_response_encryption"] = parameter
        resp = self.session.request(
            "POST",
            url,
            step=step,
            json_body=None if request_plan else payload,
            jwt_body=encrypt_request(payload, request_plan) if request_plan else None,
            dpop=dpop if token.token_type == "DPoP" else None,
            access_token=token.access_token,
            token_type=token.token_type,
            total_timeout=total_timeout,
        )
        if resp.status not in (200, 202) or issuer is None:
            return resp, None
        if resp.content_type == "application/jwt":
            if response_plan is None:
                raise IssuerError(
                    "The issuer sent an encrypted answer the wallet did not ask for.",
                    detail=f"unrequested application/jwt response from {url}",
                    status=resp.status,
                    url=url,
                    code="invalid_encrypted_response",
                )
            return resp, decrypt_response(resp.body, response_plan, url=url)
        if response_plan is not None:
            raise IssuerError(
                "The issuer answered without the encryption the wallet asked for, so the "
                "answer was not used.",
                detail=f"plaintext {resp.content_type!r} response although "
                "credential_response_encryption was sent (§10)",
                status=resp.status,
                url=url,
                code="invalid_encrypted_response",
            )
        return resp, resp.json_object()

    def request_credential(
        self,
        issuer: IssuerMetadata,
        token: TokenSet,
        body: Mapping[str, object],
        *,
        dpop: DPoPSession | None = None,
        draft: Draft = "1.0",
    ) -> Issued | Deferred:
        """POST a credential request (§8), its response encryption shaped for the flow's
        ``draft``. Raises IssuerError (e.g. ``invalid_nonce``)."""
        resp, doc = self._authorized_post(
            issuer.credential_endpoint,
            body,
            token,
            step="credential",
            dpop=dpop,
            issuer=issuer,
            draft=draft,
        )
        if resp.status not in (200, 202) or doc is None:
            raise issuer_error(resp, what="credential request")
        return parse_credential_response(resp.status, doc, url=issuer.credential_endpoint)

    def request_deferred(
        self,
        issuer: IssuerMetadata,
        token: TokenSet,
        transaction_id: str,
        *,
        dpop: DPoPSession | None = None,
        draft: Draft = "1.0",
    ) -> Issued | Deferred:
        """POST to the deferred credential endpoint (§9), shaped for ``draft``.

        Draft 11 sends the ``acceptance_token`` as the Bearer token instead of the access
        token. An ``issuance_pending`` 400 (drafts 13-15) is read as still pending.
        """
        endpoint = issuer.deferred_credential_endpoint
        if not endpoint:
            raise MetadataError(
                "The issuer no longer offers delivery of pending credentials.",
                detail="no deferred_credential_endpoint",
            )
        body, bearer = Dialect(draft).deferred_request(transaction_id)
        if bearer is not None:
            token, dpop = TokenSet(access_token=bearer, token_type="Bearer"), None
        resp, doc = self._authorized_post(
            endpoint,
            body,
            token,
            step="deferred credential",
            dpop=dpop,
            issuer=issuer,
            draft=draft,
        )
        if resp.status == 400:
            err = issuer_error(resp, what="deferred credential request")
            if err.error == "issuance_pending":
                try:
                    interval = resp.json_object().get("interval")
                except IssuerError:  # the error came in WWW-Authenticate, the body is no JSON
                    interval = None
                return Deferred(transaction_id=transaction_id, interval=interval_seconds(interval))
            raise err
        if resp.status not in (200, 202) or doc is None:
            raise issuer_error(resp, what="deferred credential request")
        result = parse_credential_response(resp.status, doc, url=endpoint)
        if isinstance(result, Deferred) and result.transaction_id != transaction_id:
            result = Deferred(transaction_id=transaction_id, interval=result.interval)
        return result

    def notify(
        self,
        issuer: IssuerMetadata,
        token: TokenSet,
        notification_id: str,
        event: NotificationEvent,
        *,
        description: str | None = None,
        dpop: DPoPSession | None = None,
        total_timeout: float | None = None,
    ) -> None:
        """POST a notification (§11), ended within ``total_timeout`` s when given. Raises
        IssuerError on a non-2xx answer, NetworkError."""
        endpoint = issuer.notification_endpoint
        if not endpoint:
            return
        resp, _ = self._authorized_post(
            endpoint,
            build_notification(notification_id, event, description),
            token,
            step="notification",
            dpop=dpop,
            total_timeout=total_timeout,
        )
        if not 200 <= resp.status < 300:
            raise issuer_error(resp, what="notification")
