"""Resuming deferred issuance (OID4VCI 1.0 §9) and the sealed context it resumes from.

:class:`DeferredPolling` is the polling half of
:class:`wallet_app.wallet.receiving.CredentialReceiver`; the ``*_to_json`` / ``*_from_json``
helpers turn a flow's token set and DPoP session into the deferred context and back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import wait as wait_futures
from typing import Any

from wallet_app.errors import (
    FormatError,
    InvalidCredential,
    IssuerError,
    NotFound,
    Sentence,
    WalletError,
)
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.credential import Deferred, Issued, NotificationEvent
from wallet_app.oid4vci.dialect import DRAFTS, Draft, detect_draft
from wallet_app.oid4vci.dpop import DPoPKey
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.oid4vci.models import CredentialConfiguration, IssuerMetadata
from wallet_app.oid4vci.proof import SigningKey, key_from_jwk
from wallet_app.oid4vci.token import TokenSet
from wallet_app.wallet.copies import DroppedCopy, kept_sentence
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.records import joined_sentences, received_sentence
from wallet_app.wallet.resolve import ResolvedIssuer
from wallet_app.wallet.store import CredentialStore, DeferredRecord, FlowRecord, NewCredential

__all__ = [
    "DeferredPolling",
    "dpop_from_json",
    "dpop_to_json",
    "origin_flow_id",
    "token_from_json",
    "token_to_json",
]

log = logging.getLogger(__name__)


class DeferredPolling:
    """Polls deferred credentials; mixed into the receiver that issued them."""

    # provided by the receiver that mixes this in
    client: Oid4vciClient
    store: CredentialStore
    flow: Flow
    clock: Callable[[], float]

    _screened: Callable[
        [ResolvedIssuer, CredentialConfiguration, Issued, Sequence[SigningKey]],
        tuple[NewCredential, tuple[DroppedCopy, ...]],
    ]
    _notify: Callable[
        [IssuerMetadata, TokenSet, str, NotificationEvent, DPoPSession | None, str | None], None
    ]
    #: the status check after the store (off the critical path, as for a flow)
    _status_later: Callable[[Sequence[tuple[str, NewCredential]]], Mapping[str, Future[Any]]]

    def poll(self, record: DeferredRecord) -> tuple[str, str]:
        """Poll one deferred credential once; store it when it arrives (§9).

        An expired access token is refreshed once with the stored refresh token (RFC 6749
        §6) and the request retried. An entry the issuer gave up on is removed, unless another
        process completed it meanwhile. Raises IssuerError (``authorization_expired`` when
        the token cannot be renewed; the entry is kept), NetworkError, FormatError,
        StorageError.
        """
        ctx = dict(record.context)
        metadata = ctx.get("metadata")
        if not isinstance(metadata, Mapping):
            raise FormatError(detail="deferred context lacks metadata")
        resolved = ResolvedIssuer.from_json(metadata)
        token = token_from_json(ctx.get("token"))
        dpop = dpop_from_json(ctx.get("dpop"))
        conf = resolved.issuer.configurations.get(record.stored.credential_configuration_id)
        if conf is None:
            raise FormatError(detail="configuration vanished from stored metadata")
        raw_keys = ctx.get("holder_keys")
        keys = tuple(
            key_from_jwk(k)
            for k in (raw_keys if isinstance(raw_keys, list) else [])
            if isinstance(k, Mapping)
        )
        try:
            result, token = self._request_deferred(record, resolved, token, dpop, ctx)
        except IssuerError as exc:
            if exc.error in ("invalid_transaction_id", "credential_request_denied"):
                return self._discard(record, exc)
            self._record_poll(record)
            if exc.error in ("invalid_token", "invalid_grant"):
                raise IssuerError(
                    "The issuer's authorization for this credential has expired, so it cannot "
                    "be fetched any more. Request the credential from the issuer again.",
                    error=exc.error,
                    error_description=exc.error_description,
                    status=exc.status,
                    url=exc.url,
                    code="authorization_expired",
                ) from exc
            raise
        except WalletError:
            self._record_poll(record)
            raise
        if isinstance(result, Deferred):
            ctx["interval"] = result.interval
            if dpop is not None:
                ctx["dpop"] = dpop_to_json(dpop)
            self.store.update_deferred(
                record.stored.id, context=ctx, next_poll_at=self.clock() + result.interval
            )
            self._record_poll(record)
            return "pending", Sentence(
                "still pending; next poll in {seconds} s", {"seconds": result.interval}
            )
        try:
            new, dropped = self._screened(resolved, conf, result, keys)
        except InvalidCredential as exc:  # issue 11: never stored; nothing more will come
            if result.notification_id:
                self._notify(
                    resolved.issuer,
                    token,
                    result.notification_id,
                    "credential_failure",
                    dpop,
                    exc.user_message,
                )
            return self._discard(record, exc)
        # copies that could not be kept are said as for a flow answered at once (issue 10 W6):
        # in the history entry, the poll's message and the credential_accepted notification
        kept = kept_sentence(len(new.instances), dropped)
        received = received_sentence(new.name, len(new.instances))
        summary = joined_sentences([received, kept]) if kept is not None else received
        flow_record = FlowRecord(
            flow_id=origin_flow_id(record) or self.flow.flow_id,
            kind="deferred",
            issuer=resolved.issuer.credential_issuer,
            outcome="issued",
            summary=summary,
            exchanges=self.flow.exchanges(),
        )
        self.store.complete_deferred(record.stored.id, new, flow=flow_record)
        self.flow.record_id = flow_record.flow_id
        # the status is checked after the store (its fetch in that flow's trace) beside the
        # notification, and waited for: the caller shows the final verdict
        checks = self._status_later([(record.stored.id, new)])
        if result.notification_id:
            self._notify(
                resolved.issuer, token, result.notification_id, "credential_accepted", dpop, kept
            )
        wait_futures(checks.values())
        return "issued", summary  # "Received …", capitalised (P13)

    def _record_poll(self, record: DeferredRecord) -> None:
        """Add this poll's exchanges to the trace of the flow that was deferred, so the
        inspector shows the polls inside that flow (a failed poll is also recorded on its
        own by the caller, with its reason)."""
        origin = origin_flow_id(record)
        if origin is None:
            return
        self.flow.record_id = origin
        try:
            self.store.append_trace(origin, self.flow.exchanges())
        except WalletError as exc:
            log.warning("could not add the poll to flow %s: %s", origin, exc.detail or exc)

    def _request_deferred(
        self,
        record: DeferredRecord,
        resolved: ResolvedIssuer,
        token: TokenSet,
        dpop: DPoPSession | None,
        ctx: dict[str, object],
    ) -> tuple[Issued | Deferred, TokenSet]:
        """The deferred request, retried once after refreshing a rejected access token.

        A refreshed token is persisted at once (and written into ``ctx``): the issuer may
        have rotated the refresh token, so the old one may be dead.
        """
        issuer = resolved.issuer
        draft = _draft(ctx, resolved)
        # the flow's draft; an entry stored before the context kept it: detected again from
        # the stored metadata (the inspector says which)
        self.flow.note_dialect(draft, overridden=ctx.get("draft_overridden") is True)
        try:
            return self.client.request_deferred(
                issuer, token, record.transaction_id, dpop=dpop, draft=draft
            ), token
        except IssuerError as exc:
            if exc.error != "invalid_token" or not token.refresh_token:
                raise
        log.info("access token rejected at the deferred endpoint; refreshing it once")
        client_id = ctx.get("client_id")
        token = self.client.refresh_token(
            resolved.auth_server,
            refresh_token=token.refresh_token,
            client_id=client_id if isinstance(client_id, str) else None,
            dpop=dpop,
        )
        ctx["token"] = token_to_json(token)
        if dpop is not None:
            ctx["dpop"] = dpop_to_json(dpop)
        self.store.update_deferred(record.stored.id, context=ctx)
        return self.client.request_deferred(
            issuer, token, record.transaction_id, dpop=dpop, draft=draft
        ), token

    def _discard(self, record: DeferredRecord, exc: WalletError) -> tuple[str, str]:
        """Remove an entry the issuer will not deliver (or delivered structurally invalid),
        only if it is still pending. A failure's message is a Sentence (its reason a
        Sentence too), for the GUI to translate."""
        flow_record = FlowRecord(
            flow_id=origin_flow_id(record) or self.flow.flow_id,
            kind="deferred",
            issuer=record.stored.issuer,
            outcome="failed",
            summary=Sentence(
                "{name} will not be issued: {reason}",
                {"name": record.stored.name, "reason": exc.sentence},
            ),
            exchanges=self.flow.exchanges(),
        )
        if self.store.discard_deferred(record.stored.id, flow=flow_record):
            return "failed", Sentence(
                "{reason} The pending entry was removed.", {"reason": exc.sentence}
            )
        log.info("deferred entry %s was completed or removed meanwhile", record.stored.id)
        try:
            current = self.store.get_credential(record.stored.id).stored
        except NotFound:
            return "failed", Sentence("The pending entry was removed meanwhile.")
        return "issued", Sentence(
            "Received {name} (by another wallet window)", {"name": current.name}
        )


def origin_flow_id(record: DeferredRecord) -> str | None:
    """The id of the flow that was answered "deferred" (kept in the sealed context)."""
    flow_id = record.context.get("flow_id")
    return flow_id if isinstance(flow_id, str) and flow_id else None


def _draft(ctx: Mapping[str, object], resolved: ResolvedIssuer) -> Draft:
    """The draft the deferred request is shaped for: the one the flow spoke (``draft`` in the
    context), else the one the stored metadata shows (a draft-11 issuer wants its
    ``acceptance_token`` as the Bearer token)."""
    for draft in DRAFTS:
        if ctx.get("draft") == draft:
            return draft
    return detect_draft(resolved.issuer)


def token_to_json(token: TokenSet) -> dict[str, object]:
    """A token set for a sealed deferred context."""
    return {
        "access_token": token.access_token,
        "token_type": token.token_type,
        "refresh_token": token.refresh_token,
        "expires_in": token.expires_in,
        "obtained_at": time.time(),
    }


def token_from_json(data: object) -> TokenSet:
    """Rebuild a token set from :func:`token_to_json` output."""
    if not isinstance(data, Mapping) or not isinstance(data.get("access_token"), str):
        raise FormatError(detail="deferred context lacks the access token")
    refresh = data.get("refresh_token")
    expires = data.get("expires_in")
    return TokenSet(
        access_token=str(data["access_token"]),
        token_type=str(data.get("token_type", "Bearer")),
        refresh_token=refresh if isinstance(refresh, str) else None,
        expires_in=expires if isinstance(expires, int) else None,
    )


def dpop_to_json(dpop: DPoPSession | None) -> dict[str, object] | None:
    """The DPoP key and nonces of a session, for sealed storage."""
    if dpop is None:
        return None
    return {"alg": dpop.key.alg, "jwk": dpop.key.private_jwk(), "nonces": dpop.nonces()}


def dpop_from_json(data: object) -> DPoPSession | None:
    """Rebuild a DPoP session from :func:`dpop_to_json` output."""
    if not isinstance(data, Mapping):
        return None
    jwk = data.get("jwk")
    alg = data.get("alg")
    nonces = data.get("nonces")
    if not isinstance(jwk, Mapping) or not isinstance(alg, str):
        return None
    clean = {str(k): str(v) for k, v in nonces.items()} if isinstance(nonces, Mapping) else {}
    return DPoPSession(DPoPKey.from_jwk(jwk, alg), clean)
