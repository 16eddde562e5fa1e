"""Credential requests after the token: key proofs, batch, invalid_nonce retry, storing and
notification (OID4VCI §7, §8, §11, App. F.1); resuming deferred issuance (§9) is in
:mod:`wallet_app.wallet.deferred`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from typing import Any, Literal

from wallet_app.errors import FormatError, IssuerError, Sentence, WalletError
from wallet_app.formats import decode_credential
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.credential import (
    Deferred,
    Issued,
    NotificationEvent,
    build_credential_request,
)
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.oid4vci.models import CredentialConfiguration, IssuerMetadata
from wallet_app.oid4vci.proof import (
    SigningKey,
    choose_proof_alg,
    generate_key,
    make_proof_jwt,
    private_jwk,
)
from wallet_app.oid4vci.token import TokenSet
from wallet_app.trust.model import Verification
from wallet_app.wallet.binding import bind_instances
from wallet_app.wallet.cards import build_card
from wallet_app.wallet.deferred import (
    DeferredPolling,
    dpop_from_json,
    dpop_to_json,
    token_from_json,
    token_to_json,
)
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.nonce import NonceBox
from wallet_app.wallet.records import joined_sentences, received_sentence
from wallet_app.wallet.resolve import ResolvedIssuer, ResolvedOffer
from wallet_app.wallet.store import (
    CredentialStore,
    FlowRecord,
    NewCredential,
    NewDeferred,
    StoredCredential,
)
from wallet_app.wallet.verifying import CredentialVerifier

__all__ = [
    "CredentialReceiver",
    "IssuanceResult",
    "dpop_from_json",
    "dpop_to_json",
    "token_from_json",
    "token_to_json",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IssuanceResult:
    """What a flow stored: issued credentials and pending (deferred) ones."""

    credentials: tuple[StoredCredential, ...]
    deferred: tuple[StoredCredential, ...]
    flow_id: str
    issuer: str
    transaction_ids: Mapping[str, str] = field(default_factory=dict, repr=False)
    """Stored id → ``transaction_id`` of each deferred entry (§8.3)."""
    status_checks: Mapping[str, Future[Verification | None]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Stored id → its status check, which runs after the store (see ``status_later``)."""


@dataclass(frozen=True, slots=True)
class _Request:
    configuration: CredentialConfiguration
    identifier: str | None


@dataclass(frozen=True, slots=True)
class _Outcome:
    request: _Request
    result: Issued | Deferred
    keys: tuple[SigningKey, ...]
    alg: str | None


class CredentialReceiver(DeferredPolling):
    """Requests, decodes, binds and stores the credentials of one flow."""

    def __init__(
        self,
        *,
        client: Oid4vciClient,
        store: CredentialStore,
        executor: Executor,
        flow: Flow,
        locales: Sequence[str],
        batch_limit: int,
        clock: Callable[[], float],
        on_notification: Callable[[Future[Any]], None],
        verifier: CredentialVerifier | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.executor = executor
        self.flow = flow
        self.locales = tuple(locales)
        self.batch_limit = max(1, batch_limit)
        self.clock = clock
        self.on_notification = on_notification
        self.verifier = verifier  # None: stored unverified (no trust result)

    # -- requests ----------------------------------------------------------------------------
    def _plan(self, resolved: ResolvedOffer, token: TokenSet) -> list[_Request]:
        plan: list[_Request] = []
        for conf in resolved.configurations:
            identifiers = token.identifiers_for(conf.id)
            if identifiers:
                plan.extend(_Request(conf, ident) for ident in identifiers)
            elif token.authorized and conf.id not in {
                a.credential_configuration_id for a in token.authorized
            }:
                log.warning("token does not authorize %s; skipped", conf.id)
            else:
                plan.append(_Request(conf, None))
        if not plan:
            raise IssuerError(
                "The issuer granted access to none of the offered credentials.",
                code="nothing_authorized",
            )
        return plan

    def _proofs(
        self,
        request: _Request,
        issuer: IssuerMetadata,
        keys: Sequence[SigningKey],
        alg: str,
        nonce: str | None,
        proof_client_id: str | None,
    ) -> list[str]:
        now = int(self.clock())
        return [
            make_proof_jwt(
                key,
                alg=alg,
                audience=issuer.credential_issuer,
                nonce=nonce,
                client_id=proof_client_id,
                issued_at=now,
            )
            for key in keys
        ]

    def _request_one(
        self,
        request: _Request,
        issuer: IssuerMetadata,
        token: TokenSet,
        nonces: NonceBox,
        dpop: DPoPSession | None,
        proof_client_id: str | None,
    ) -> _Outcome:
        conf = request.configuration
        keys: tuple[SigningKey, ...] = ()
        alg: str | None = None
        if conf.requires_proof:
            alg = choose_proof_alg(conf)
            count = min(issuer.batch_size or 1, self.batch_limit)
            keys = tuple(generate_key(alg) for _ in range(count))
        nonce = nonces.nonce
        for attempt in (1, 2):
            proofs = self._proofs(request, issuer, keys, alg, nonce, proof_client_id) if alg else []
            body = build_credential_request(
                credential_configuration_id=None if request.identifier else conf.id,
                credential_identifier=request.identifier,
                proofs=proofs,
            )
            try:
                result = self.client.request_credential(issuer, token, body, dpop=dpop)
                return _Outcome(request, result, keys, alg)
            except IssuerError as exc:
                fresh = (
                    None if attempt == 2 else self._retry_nonce(exc, issuer, nonces, nonce, dpop)
                )
                if fresh is None:
                    raise
                nonce = fresh
        raise AssertionError("unreachable")  # pragma: no cover

    def _retry_nonce(
        self,
        exc: IssuerError,
        issuer: IssuerMetadata,
        nonces: NonceBox,
        stale: str | None,
        dpop: DPoPSession | None,
    ) -> str | None:
        """The nonce to retry a rejected credential request with, or None: no retry (§8.3.1.2).

        A draft ≤ 14 issuer puts a fresh ``c_nonce`` in the ``invalid_proof`` /
        ``invalid_nonce`` error body; a 1.0 issuer is asked at its Nonce Endpoint.
        """
        if exc.error not in ("invalid_nonce", "invalid_proof"):
            return None
        body = getattr(exc, "body", None)
        legacy = body.get("c_nonce") if isinstance(body, Mapping) else None
        if isinstance(legacy, str) and legacy:
            log.info("%s: retrying once with the c_nonce of the error response", exc.error)
            return nonces.adopt(stale, legacy)
        if exc.error == "invalid_nonce" and issuer.nonce_endpoint:
            log.info("invalid_nonce: fetching a fresh nonce and retrying once")
            return nonces.refresh(self.client, issuer, stale, dpop)
        return None

    # -- building what is stored -------------------------------------------------------------
    def _card(
        self, resolved: ResolvedIssuer, conf: CredentialConfiguration, credential: str | None
    ) -> dict[str, object]:
        ctype = None
        if credential is not None:
            try:
                ctype = decode_credential(conf.format, credential).type
            except FormatError:
                ctype = None
        return build_card(
            resolved.issuer, conf, locales=self.locales, local=resolved.local, credential_type=ctype
        )

    # -- the flow ----------------------------------------------------------------------------
    def receive(
        self,
        resolved: ResolvedOffer,
        token: TokenSet,
        *,
        nonce: str | None,
        dpop: DPoPSession | None,
        proof_client_id: str | None,
    ) -> IssuanceResult:
        """Request every planned credential (in parallel), then store all in one transaction.

        A failure of any request fails the whole flow (§11: partial failure of a batch is a
        failure): the issuer is told ``credential_failure`` for every credential it already
        issued, nothing is stored and the first failure is raised. Raises IssuerError,
        NetworkError, FormatError, StorageError.
        """
        issuer = resolved.issuer
        nonces = NonceBox(nonce)
        futures = [
            self.executor.submit(
                self._request_one, req, issuer, token, nonces, dpop, proof_client_id
            )
            for req in self._plan(resolved, token)
        ]
        wait_futures(futures)
        outcomes: list[_Outcome] = []
        failure: BaseException | None = None
        for future in futures:
            exc = future.exception()
            if exc is None:
                outcomes.append(future.result())
            elif failure is None:
                failure = exc
        notify_ids = [
            out.result.notification_id
            for out in outcomes
            if isinstance(out.result, Issued) and out.result.notification_id
        ]
        if failure is not None:
            self._notify_failure(issuer, token, notify_ids, dpop, failure)
            raise failure
        try:
            return self._store(resolved, token, outcomes, dpop, proof_client_id, notify_ids)
        except WalletError as exc:
            self._notify_failure(issuer, token, notify_ids, dpop, exc)
            raise

    def _store(
        self,
        resolved: ResolvedOffer,
        token: TokenSet,
        outcomes: Sequence[_Outcome],
        dpop: DPoPSession | None,
        proof_client_id: str | None,
        notify_ids: Sequence[str],
    ) -> IssuanceResult:
        issuer = resolved.issuer
        issued: list[NewCredential] = []
        deferred: list[NewDeferred] = []
        for out in outcomes:
            conf = out.request.configuration
            if isinstance(out.result, Issued):
                issued.append(self._new_credential(resolved.resolved, conf, out.result, out.keys))
            else:
                deferred.append(
                    self._new_deferred(resolved.resolved, conf, out, token, dpop, proof_client_id)
                )
        outcome: Literal["issued", "deferred"] = "issued" if issued else "deferred"
        record = FlowRecord(
            flow_id=self.flow.flow_id,
            kind=self.flow.kind,
            issuer=issuer.credential_issuer,
            outcome=outcome,
            summary=_summary(issued, deferred),
            exchanges=self.flow.exchanges(),
        )
        stored_issued, stored_deferred = self.store.add_issuance(issued, deferred, flow=record)
        for nid in notify_ids:
            self._notify(issuer, token, nid, "credential_accepted", dpop, None)
        checks = self._status_later([(s.id, n) for s, n in zip(stored_issued, issued, strict=True)])
        return IssuanceResult(
            tuple(stored_issued),
            tuple(stored_deferred),
            self.flow.flow_id,
            issuer.credential_issuer,
            transaction_ids={
                stored.id: item.transaction_id
                for stored, item in zip(stored_deferred, deferred, strict=True)
            },
            status_checks=checks,
        )

    def _notify_failure(
        self,
        issuer: IssuerMetadata,
        token: TokenSet,
        notify_ids: Sequence[str],
        dpop: DPoPSession | None,
        exc: BaseException,
    ) -> None:
        description = exc.user_message if isinstance(exc, WalletError) else None
        for nid in notify_ids:
            self._notify(issuer, token, nid, "credential_failure", dpop, description)

    def _new_credential(
        self,
        resolved: ResolvedIssuer,
        conf: CredentialConfiguration,
        issued: Issued,
        keys: Sequence[SigningKey],
    ) -> NewCredential:
        instances = bind_instances(conf, issued.credentials, keys)
        card = self._card(resolved, conf, issued.credentials[0])
        notification = (
            {"notification_id": issued.notification_id} if issued.notification_id else None
        )
        verification = None
        if self.verifier is not None:
            card, verification = self.verifier.check(conf.format, instances, card, self.locales)
        return NewCredential(
            credential_configuration_id=conf.id,
            format=conf.format,
            issuer=resolved.issuer.credential_issuer,
            name=str(card["name"]),
            card=card,
            instances=instances,
            notification=notification,
            verification=verification,
        )

    def _new_deferred(
        self,
        resolved: ResolvedIssuer,
        conf: CredentialConfiguration,
        out: _Outcome,
        token: TokenSet,
        dpop: DPoPSession | None,
        client_id: str | None,
    ) -> NewDeferred:
        assert isinstance(out.result, Deferred)
        card = self._card(resolved, conf, None)
        context: dict[str, object] = {
            "metadata": resolved.to_json(),
            "configuration_id": conf.id,
            "token": token_to_json(token),
            "client_id": client_id,  # for the refresh token request (RFC 6749 §6)
            "dpop": dpop_to_json(dpop),
            "holder_keys": [private_jwk(k) for k in out.keys],
            "interval": out.result.interval,
            "flow_id": self.flow.flow_id,
        }
        return NewDeferred(
            credential_configuration_id=conf.id,
            format=conf.format,
            issuer=resolved.issuer.credential_issuer,
            name=str(card["name"]),
            card=card,
            transaction_id=out.result.transaction_id,
            context=context,
            next_poll_at=self.clock() + out.result.interval,
        )

    def _notify(
        self,
        issuer: IssuerMetadata,
        token: TokenSet,
        notification_id: str,
        event: NotificationEvent,
        dpop: DPoPSession | None,
        description: str | None,
    ) -> None:
        if not issuer.notification_endpoint:
            return

        def send() -> None:
            try:
                self.client.notify(
                    issuer, token, notification_id, event, description=description, dpop=dpop
                )
            except WalletError as exc:
                log.info("notification %s not delivered: %s", event, exc.detail or exc)
            # the flow was stored before this request: add it to the stored trace
            try:
                self.store.append_trace(self.flow.record_id, self.flow.exchanges())
            except WalletError as exc:
                log.info("notification not added to the trace: %s", exc.detail or exc)

        self.on_notification(self.executor.submit(send))

    def _status_later(
        self, stored: Sequence[tuple[str, NewCredential]]
    ) -> dict[str, Future[Verification | None]]:
        if self.verifier is None:
            return {}
        return self.verifier.status_later(
            stored, executor=self.executor, track=self.on_notification, flow=self.flow
        )


def _summary(issued: Sequence[NewCredential], deferred: Sequence[NewDeferred]) -> str:
    parts = [received_sentence(c.name, len(c.instances)) for c in issued]
    parts += [Sentence("{name} will be issued later", {"name": d.name}) for d in deferred]
    return joined_sentences(parts)
