"""Receiving after the token: the credential requests (:mod:`wallet_app.wallet.requests`),
the copies kept (:mod:`wallet_app.wallet.copies`), storing and notification (OID4VCI §8,
§11); resuming deferred issuance (§9) is in :mod:`wallet_app.wallet.deferred`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import field, replace
from typing import Any, Literal

from wallet_app.errors import FormatError, Sentence, WalletError
from wallet_app.formats import CredentialView, decode_credential
from wallet_app.formats.parsed import ParsedCredential
from wallet_app.frozen import frozen
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.credential import Deferred, Issued, NotificationEvent
from wallet_app.oid4vci.dialect import Dialect, Draft
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.oid4vci.models import CredentialConfiguration, IssuerMetadata
from wallet_app.oid4vci.proof import SigningKey, private_jwk
from wallet_app.oid4vci.token import TokenSet
from wallet_app.trust.model import Verification
from wallet_app.wallet.cards import build_card, facts_of
from wallet_app.wallet.copies import DroppedCopy, bind_parsed, kept_sentence, screen_verified
from wallet_app.wallet.deferred import (
    DeferredPolling,
    dpop_from_json,
    dpop_to_json,
    token_from_json,
    token_to_json,
)
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.nonce import NonceSource
from wallet_app.wallet.options import NOTIFICATION_WAIT
from wallet_app.wallet.records import joined_sentences, received_sentence
from wallet_app.wallet.requests import Outcome, Requests, plan_requests
from wallet_app.wallet.resolve import ResolvedIssuer, ResolvedOffer
from wallet_app.wallet.store import (
    CredentialStore,
    FlowRecord,
    NewCredential,
    NewDeferred,
    StoredCredential,
)
from wallet_app.wallet.verifying import CredentialVerifier
from wallet_app.wallet.wallet_provider import WalletProvider

__all__ = [
    "CredentialReceiver",
    "DroppedCopy",
    "IssuanceResult",
    "dpop_from_json",
    "dpop_to_json",
    "token_from_json",
    "token_to_json",
]

log = logging.getLogger(__name__)


@frozen
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
    dropped: tuple[DroppedCopy, ...] = ()
    """Copies of the stored credentials that were not kept, and why (issue 10, W6)."""
    verifications: Mapping[str, Verification] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Stored id → the verification stored with it (without its status, which the status
    check adds): what the result is reported with, not read back from the store."""

    def kept_note(self, credential_id: str) -> Sentence | None:
        """ "2 of 3 copies kept: one could not be read (…)" for a stored credential some of
        whose copies were dropped; None when all were kept. Raises nothing."""
        stored = next((c for c in self.credentials if c.id == credential_id), None)
        dropped = [d for d in self.dropped if d.credential_id == credential_id]
        return kept_sentence(stored.instance_count, dropped) if stored is not None else None


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
        notification_wait: float = NOTIFICATION_WAIT,
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
        self.notification_wait = notification_wait
        # the kept copies as the structural floor parsed them, by text: the status check
        # after the store verifies them without parsing them again (issue 11)
        self._parsed: dict[str, ParsedCredential] = {}

    # -- building what is stored -------------------------------------------------------------
    def _card(
        self, resolved: ResolvedIssuer, conf: CredentialConfiguration, view: CredentialView | None
    ) -> dict[str, object]:
        ctype = view.type if view is not None else None
        return build_card(
            resolved.issuer, conf, locales=self.locales, local=resolved.local, credential_type=ctype
        )

    # -- the flow ----------------------------------------------------------------------------
    def receive(
        self,
        resolved: ResolvedOffer,
        token: TokenSet,
        *,
        nonces: NonceSource,
        dpop: DPoPSession | None,
        proof_client_id: str | None,
        provider: WalletProvider | None = None,
    ) -> IssuanceResult:
        """Request every planned credential (each with its own nonce, side by side where the
        nonces allow it), then store all in one transaction.

        Copies of a batch that cannot be read, bound or verified are dropped and the others
        kept (``IssuanceResult.dropped``). A failed request, or a credential none of whose
        copies can be kept, fails the whole flow: the issuer is told
        ``credential_failure`` for every credential it already issued, nothing is stored
        and the first failure is raised. Raises IssuerError, NetworkError, FormatError,
        TrustError, StorageError.
        """
        issuer = resolved.issuer
        requests = Requests(
            client=self.client,
            issuer=issuer,
            dialect=Dialect(resolved.draft),
            provider=provider,  # key attestations (None: none can be given)
            token=token,
            nonces=nonces,
            dpop=dpop,
            proof_client_id=proof_client_id,
            batch_limit=self.batch_limit,
            clock=self.clock,
        )
        try:
            plan = plan_requests(resolved, token)
        except BaseException:
            nonces.close()
            raise
        futures = requests.send_all(plan, self.executor)
        outcomes: list[Outcome] = []
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
        outcomes: Sequence[Outcome],
        dpop: DPoPSession | None,
        proof_client_id: str | None,
        notify_ids: Sequence[str],
    ) -> IssuanceResult:
        issuer = resolved.issuer
        issued: list[NewCredential] = []
        dropped: list[tuple[DroppedCopy, ...]] = []
        notes: dict[str, Sentence] = {}  # notification id → what was dropped of its credential
        deferred: list[NewDeferred] = []
        for out in outcomes:
            conf = out.request.configuration
            if isinstance(out.result, Issued):
                new, lost = self._screened(resolved.resolved, conf, out.result, out.keys)
                issued.append(new)
                dropped.append(lost)
                note = kept_sentence(len(new.instances), lost)
                if note is not None and out.result.notification_id:
                    notes[out.result.notification_id] = note
            else:
                deferred.append(
                    self._new_deferred(
                        resolved.resolved,
                        conf,
                        out,
                        token,
                        dpop,
                        proof_client_id,
                        (resolved.draft, resolved.profile.draft is not None),
                    )
                )
        outcome: Literal["issued", "deferred"] = "issued" if issued else "deferred"
        record = FlowRecord(
            flow_id=self.flow.flow_id,
            kind=self.flow.kind,
            issuer=issuer.credential_issuer,
            outcome=outcome,
            summary=_summary(issued, deferred, dropped),
            exchanges=self.flow.exchanges(),
        )
        stored_issued, stored_deferred = self.store.add_issuance(issued, deferred, flow=record)
        for nid in notify_ids:
            self._notify(issuer, token, nid, "credential_accepted", dpop, notes.get(nid))
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
            verifications={
                stored.id: new.verification
                for stored, new in zip(stored_issued, issued, strict=True)
                if new.verification is not None
            },
            dropped=tuple(
                replace(copy, credential_id=stored.id)
                for stored, lost in zip(stored_issued, dropped, strict=True)
                for copy in lost
            ),
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

    def _screened(
        self,
        resolved: ResolvedIssuer,
        conf: CredentialConfiguration,
        issued: Issued,
        keys: Sequence[SigningKey],
    ) -> tuple[NewCredential, tuple[DroppedCopy, ...]]:
        """What is stored of an issued credential: the copies that can be read, bound and
        verified; and those dropped. Raises FormatError, TrustError when none is kept."""
        instances, positions, dropped, parsed = bind_parsed(conf, issued.credentials, keys)
        # each copy parsed once, by the structural floor: the card's type, the list card's
        # facts (interface 3) and the trust verification use that parse; the store does not
        # decode it again (issue 11)
        first = instances[0].credential if instances else None
        view = _decoded(conf.format, first, parsed)
        card = self._card(resolved, conf, view)
        verification = None
        if self.verifier is not None and instances:
            instances, verified, rejected = screen_verified(
                conf, instances, positions, self.verifier, parsed
            )
            dropped += rejected
            card, verification = self.verifier.check(
                conf.format, instances, card, self.locales, verified=verified
            )
        notification = (
            {"notification_id": issued.notification_id} if issued.notification_id else None
        )
        new = NewCredential(
            credential_configuration_id=conf.id,
            format=conf.format,
            issuer=resolved.issuer.credential_issuer,
            name=str(card["name"]),
            card=card,
            instances=tuple(instances),
            notification=notification,
            verification=verification,
            facts=_facts(
                conf.format, first, view, instances[0].credential if instances else None, parsed
            ),
        )
        self._parsed.update(parsed)  # for the status check after the store
        return new, tuple(sorted(dropped, key=lambda d: d.position))

    def _new_deferred(
        self,
        resolved: ResolvedIssuer,
        conf: CredentialConfiguration,
        out: Outcome,
        token: TokenSet,
        dpop: DPoPSession | None,
        client_id: str | None,
        dialect: tuple[Draft, bool],
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
            # the flow's draft (a profile override, or detected from the offer too) and whether
            # the profile chose it: the poll is shaped for it (draft 11: the acceptance_token
            # as the Bearer token) and the inspector says so
            "draft": dialect[0],
            "draft_overridden": dialect[1],
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
        # all of it ends within the wait the CLI states, counted from now (a busy worker
        # pool may start it later): an endpoint that never answers holds nothing longer
        deadline = time.monotonic() + self.notification_wait

        def send() -> None:
            try:
                left = deadline - time.monotonic()
                if left <= 0:
                    log.info("notification %s not sent: its wait had passed", event)
                    return
                self.client.notify(
                    issuer,
                    token,
                    notification_id,
                    event,
                    description=description,
                    dpop=dpop,
                    total_timeout=left,
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
        # every request of the check ends within the wait the CLI states, counted from now
        return self.verifier.status_later(
            stored,
            executor=self.executor,
            track=self.on_notification,
            flow=self.flow,
            wait=self.notification_wait,
            parsed=dict(self._parsed),
        )


def _decoded(
    format: str, credential: str | None, parsed: Mapping[str, ParsedCredential]
) -> CredentialView | None:
    """``credential`` decoded (from its parse in ``parsed``), or None (none, or it does not
    decode). Raises nothing."""
    if credential is None:
        return None
    if credential in parsed:
        return parsed[credential].view
    try:
        return decode_credential(format, credential)
    except FormatError:
        return None


def _facts(
    format: str,
    first: str | None,
    view: CredentialView | None,
    stored: str | None,
    parsed: Mapping[str, ParsedCredential],
) -> Mapping[str, object]:
    """The list card's facts of the copy ``stored`` first, from ``view`` (the decode of
    ``first``, done for the card); decoded anew only when that copy was dropped since.
    Empty facts for one that does not decode. Raises nothing."""
    if stored != first:
        view = _decoded(format, stored, parsed)
    if view is None:
        return {}
    facts = facts_of(view)
    return {
        "valid_from": facts.valid_from.isoformat() if facts.valid_from else None,
        "valid_until": facts.expires_at.isoformat() if facts.expires_at else None,
        "claims_text": facts.claims_text,  # the store trims it to the list card's length
        "has_portrait": facts.portrait is not None,
    }


def _summary(
    issued: Sequence[NewCredential],
    deferred: Sequence[NewDeferred],
    dropped: Sequence[Sequence[DroppedCopy]],
) -> str:
    """The history entry's sentence: what was received (and which copies were not kept)."""
    parts: list[str] = []
    for credential, lost in zip(issued, dropped, strict=True):
        parts.append(received_sentence(credential.name, len(credential.instances)))
        note = kept_sentence(len(credential.instances), lost)
        if note is not None:
            parts.append(note)
    parts += [Sentence("{name} will be issued later", {"name": d.name}) for d in deferred]
    return joined_sentences(parts)
