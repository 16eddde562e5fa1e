"""The wallet's use cases: resolve an offer, receive credentials, resume deferred ones.

The CLI and the GUI call these; they return plain values (``ResolvedOffer``,
``PendingAuthorization``, ``IssuanceResult``) and raise :class:`~wallet_app.errors.WalletError`.
Round trips are overlapped where the protocol allows: issuer metadata ‖ AS metadata, and
token ‖ nonces (one per credential request), so a pre-authorized issuance takes three
sequential round trips.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Literal

import httpx

from wallet_app.errors import AuthorizationError, OfferError, Sentence, WalletError
from wallet_app.oid4vci.bounds import Alarms
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.dialect import Dialect
from wallet_app.oid4vci.http import DPoPSession, HttpSession
from wallet_app.oid4vci.metadata_legacy import offer_configurations
from wallet_app.oid4vci.token import build_code_token_form, build_pre_authorized_token_form
from wallet_app.profiles import ClientProfile
from wallet_app.wallet.attesting import Attesting
from wallet_app.wallet.client_choice import choose_profile, dpop_session_for
from wallet_app.wallet.deferred import dpop_from_json
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.options import PendingAuthorization, WalletOptions, check_tx_code
from wallet_app.wallet.pending import pending_flow, pending_issuer, pending_offer, pending_payload
from wallet_app.wallet.receiving import CredentialReceiver, IssuanceResult
from wallet_app.wallet.requests import start_beside_token
from wallet_app.wallet.resolve import (
    GrantChoice,
    MetadataCache,
    MetadataTrust,
    ResolvedIssuer,
    ResolvedOffer,
    check_supported,
    choose_grant,
    offer_from_json,
    read_offer,
    resolve_issuer,
)
from wallet_app.wallet.store import CredentialStore, FlowRecord
from wallet_app.wallet.verifying import AcceptInvalid, CredentialVerifier, VerificationCache

__all__ = [
    "IssuanceResult",
    "PendingAuthorization",
    "Wallet",
    "WalletOptions",
    "check_tx_code",
]

log = logging.getLogger(__name__)


class Wallet:
    """The use cases over a store and an HTTP client."""

    def __init__(
        self,
        store: CredentialStore,
        http: httpx.Client | Callable[[], httpx.Client],
        options: WalletOptions | None = None,
        *,
        cache: MetadataCache | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        accept_invalid: AcceptInvalid | None = None,
    ) -> None:
        self.store = store
        self.accept_invalid = accept_invalid  # keep one only expired or not chained? None: no
        self.verification_cache = VerificationCache()  # chains, status lists, anchors: reused
        # a factory defers building the client (loading the CA store costs ~0.1 s) to the
        # first request, so the desktop window is ready sooner
        self._http: httpx.Client | None = http if isinstance(http, httpx.Client) else None
        self._http_factory = None if isinstance(http, httpx.Client) else http
        self._http_lock = threading.Lock()
        self.options = options or WalletOptions()
        self.cache = cache or MetadataCache()
        self.metadata_trust = MetadataTrust.of_store(self.options.signed_metadata, store, clock)
        self.clock = clock
        self.sleep = sleep
        self.attesting = Attesting(self.options, clock=clock)  # wallet providers (App. D, E)
        self._executor = ThreadPoolExecutor(max_workers=6, thread_name_prefix="wallet-io")
        self._alarms = Alarms()  # one thread watches the deadlines of all its requests
        self._notifications: list[Future[None]] = []
        self._notifications_lock = threading.Lock()

    @property
    def http(self) -> httpx.Client:
        """The shared HTTP client (built on first use when a factory was given)."""
        with self._http_lock:
            if self._http is None:
                assert self._http_factory is not None
                self._http = self._http_factory()
            return self._http

    def close(self) -> None:
        """Wait briefly for notifications and status checks, then stop the workers."""
        self.wait_for_notifications(self.options.notification_timeout)
        self._executor.shutdown(wait=True, cancel_futures=True)
        with self._http_lock:
            if self._http_factory is not None and self._http is not None:
                self._http.close()  # built here, so closed here
                self._http = None

    def __enter__(self) -> Wallet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------
    def new_flow(self, kind: str) -> Flow:
        """Start a flow (its trace collects every exchange)."""
        return Flow(kind)

    def _client(self, flow: Flow) -> Oid4vciClient:
        session = HttpSession(
            self.http,
            on_exchange=flow.add,
            max_response_bytes=self.options.max_response_bytes,
            allow_http_loopback=self.options.allow_http_loopback,
            clock=self.clock,
            accept_language=", ".join(dict.fromkeys(self.options.locales)) or None,
            alarms=self._alarms,
        )
        return Oid4vciClient(session)

    def _receiver(self, flow: Flow) -> CredentialReceiver:
        client = self._client(flow)  # status list fetches join the flow's trace
        return CredentialReceiver(
            client=client,
            store=self.store,
            executor=self._executor,
            flow=flow,
            locales=self.options.locales,
            batch_limit=self.options.batch_limit,
            clock=self.clock,
            on_notification=self._track_notification,
            verifier=CredentialVerifier(
                self.store,
                client.session,
                clock=self.clock,
                accept_invalid=self.accept_invalid,
                cache=self.verification_cache,
            ),
        )

    def record_failure(self, flow: Flow, issuer: str, exc: BaseException) -> None:
        """Keep the trace and a history entry of a failed or cancelled flow."""
        outcome: Literal["failed", "cancelled"] = (
            "failed" if isinstance(exc, WalletError) else "cancelled"
        )
        summary = exc.sentence if isinstance(exc, WalletError) else Sentence("Cancelled")
        try:
            self.store.record_flow(
                FlowRecord(
                    flow_id=flow.flow_id,
                    kind=flow.kind,
                    issuer=issuer,
                    outcome=outcome,
                    summary=summary,
                    exchanges=flow.exchanges(),
                )
            )
        except WalletError:
            log.warning("could not record the failed flow %s", flow.flow_id)

    def _track_notification(self, future: Future[None]) -> None:
        # Completed ones are dropped here, so a long-running GUI process does not grow the list.
        with self._notifications_lock:
            self._notifications = [f for f in self._notifications if not f.done()]
            self._notifications.append(future)

    def wait_for_notifications(self, timeout: float, *, skip: Sequence[object] = ()) -> None:
        """Wait up to ``timeout`` s for notifications and status checks in flight (not ``skip``)."""
        with self._notifications_lock:
            pending = [f for f in self._notifications if not f.done() and f not in skip]
        if pending:
            wait_futures(pending, timeout=timeout)

    # -- resolve -----------------------------------------------------------------------------
    def _resolve_issuer(self, client: Oid4vciClient, url: str, hint: str | None) -> ResolvedIssuer:
        policy = self.metadata_trust  # the signed metadata policy
        return resolve_issuer(client, self.cache, self._executor, url, as_hint=hint, trust=policy)

    def resolve_offer(
        self,
        text: str,
        *,
        flow: Flow,
        prefer_grant: GrantChoice | None = None,
        profile: ClientProfile | None = None,
        overrides: Mapping[str, object] | None = None,
    ) -> ResolvedOffer:
        """Read an offer (fetching it by reference) and validate its issuer's metadata.

        ``profile`` None: the one remembered for the issuer; ``overrides`` change single
        fields of it (see :func:`~wallet_app.wallet.client_choice.choose_profile`).
        Raises OfferError, MetadataError, NetworkError.
        """
        client = self._client(flow)
        offer = read_offer(client, text)
        grant = choose_grant(offer, prefer_grant)
        hint = None
        if grant == "pre-authorized_code" and offer.pre_authorized_code is not None:
            hint = offer.pre_authorized_code.authorization_server
        elif offer.authorization_code is not None:
            hint = offer.authorization_code.authorization_server
        resolved = self._resolve_issuer(client, offer.credential_issuer, hint)
        known, unknown = offer_configurations(offer, resolved.issuer)
        if not known:
            raise OfferError(
                "The issuer does not describe the credential it offers, so it cannot be received.",
                detail=f"unknown credential_configuration_ids: {unknown}",
                code="unknown_configuration",
            )
        chosen = choose_profile(self.options, offer.credential_issuer, profile, overrides)
        check_supported(resolved.issuer, known, auth_server=resolved.auth_server, profile=chosen)
        return ResolvedOffer(
            offer=offer,
            resolved=resolved,
            configurations=tuple(known),
            grant=grant,
            unknown_configuration_ids=tuple(unknown),
            profile=chosen,
        )

    def resolve_issuer_configurations(
        self,
        issuer_url: str,
        configuration_ids: Sequence[str],
        *,
        flow: Flow,
        profile: ClientProfile | None = None,
        overrides: Mapping[str, object] | None = None,
    ) -> ResolvedOffer:
        """Wallet-initiated issuance (§3.4): a known issuer and chosen configurations."""
        raw = {
            "credential_issuer": issuer_url,
            "credential_configuration_ids": list(configuration_ids),
            "grants": {"authorization_code": {}},
        }
        offer = offer_from_json(raw)
        client = self._client(flow)
        resolved = self._resolve_issuer(client, issuer_url, None)
        confs = []
        for conf_id in configuration_ids:
            conf = resolved.issuer.configurations.get(conf_id)
            if conf is None:
                raise OfferError(
                    "The issuer has no credential configuration named {configuration}.",
                    params={"configuration": repr(conf_id)},
                    code="unknown_configuration",
                )
            confs.append(conf)
        chosen = choose_profile(self.options, issuer_url, profile, overrides)
        check_supported(resolved.issuer, confs, auth_server=resolved.auth_server, profile=chosen)
        return ResolvedOffer(offer, resolved, tuple(confs), "authorization_code", profile=chosen)

    # -- pre-authorized code -----------------------------------------------------------------
    def receive_pre_authorized(
        self, resolved: ResolvedOffer, *, flow: Flow, tx_code: str | None = None
    ) -> IssuanceResult:
        """Run the pre-authorized code flow to stored credentials (§3.5, §6).

        Raises OfferError (missing/invalid transaction code), IssuerError, NetworkError,
        StorageError. A failed flow is recorded (trace + history), nothing is stored.
        """
        grant = resolved.offer.pre_authorized_code
        if grant is None:
            raise OfferError(
                "This offer cannot be received without signing in.", code="grant_not_offered"
            )
        try:
            self.attesting.check(resolved)  # the profile may have changed since the review
            if grant.tx_code is not None:
                if tx_code is None:
                    raise OfferError(
                        "This offer needs a transaction code. The issuer gave it to you "
                        "separately (for example by e-mail or text message).",
                        code="tx_code_required",
                    )
                problem = check_tx_code(tx_code, grant.tx_code)
                if problem is not None:
                    raise problem
            sent_tx = tx_code if grant.tx_code is not None else None
            anonymous = resolved.auth_server.pre_authorized_grant_anonymous_access_supported
            client_id = None if anonymous else self.client_id_for(resolved)
            form = build_pre_authorized_token_form(
                pre_authorized_code=grant.pre_authorized_code,
                tx_code=sent_tx,
                client_id=client_id,
                # draft-11 issuers know the code as user_pin; send one name, never both
                pin_param=Dialect(resolved.draft).pin_param,
            )
            dpop = self._dpop_for(resolved)
            return self._token_and_issue(flow, resolved, form, dpop=dpop, proof_client_id=client_id)
        except BaseException as exc:
            self.record_failure(flow, resolved.issuer.credential_issuer, exc)
            raise

    def _dpop_for(self, resolved: ResolvedOffer) -> DPoPSession | None:
        return dpop_session_for(resolved)  # as the profile prefers (auto, always, never)

    def client_id_for(self, resolved: ResolvedOffer) -> str:
        """The OAuth ``client_id`` sent for this offer: the wallet attestation's ``sub``, else
        the profile's, else the settings'."""
        return self.attesting.client_id_for(resolved)

    def _token_and_issue(
        self,
        flow: Flow,
        resolved: ResolvedOffer,
        form: Mapping[str, str],
        *,
        dpop: DPoPSession | None,
        proof_client_id: str | None,
    ) -> IssuanceResult:
        flow.note_dialect(resolved.draft, overridden=resolved.profile.draft is not None)
        client = self._client(flow)
        # one nonce for each request that needs a proof, fetched beside the token
        nonces = start_beside_token(client, resolved, self._executor, dpop)
        try:
            attest, challenge = self.attesting.beside_token(client, resolved, self._executor)
            token = client.request_token(
                resolved.auth_server, form, dpop=dpop, headers=attest, challenge=challenge
            )
        except BaseException:
            nonces.close()
            raise
        nonces = nonces.after_token(token.c_nonce)
        return self._receiver(flow).receive(
            resolved,
            token,
            nonces=nonces,
            dpop=dpop,
            proof_client_id=proof_client_id,
            provider=self.attesting.provider_for(resolved),
        )

    # -- authorization code ------------------------------------------------------------------
    def begin_authorization(
        self, resolved: ResolvedOffer, *, redirect_uri: str, flow: Flow
    ) -> PendingAuthorization:
        """Prepare the browser step: PKCE, state, PAR when advertised; persist the pending state.

        Raises MetadataError, IssuerError, NetworkError, StorageError.
        """
        # the browser flow's code loads for it only (a pre-authorized receive never needs it)
        from wallet_app.oid4vci.authorize import (
            build_authorization_params,
            build_authorization_url,
            make_pkce,
            make_state,
        )

        flow.note_dialect(resolved.draft, overridden=resolved.profile.draft is not None)
        auth = resolved.auth_server
        grant = resolved.offer.authorization_code
        pkce = make_pkce()
        state = make_state()
        dpop = self._dpop_for(resolved)
        self.attesting.check(resolved)  # the profile may have changed since the review
        client_id = self.client_id_for(resolved)
        used_par = bool(auth.pushed_authorization_request_endpoint)
        params = build_authorization_params(
            client_id=client_id,
            redirect_uri=redirect_uri,
            configurations=resolved.configurations,
            issuer=resolved.issuer,
            auth_server=auth,
            state=state,
            pkce=pkce,
            issuer_state=grant.issuer_state if grant else None,
            # RFC 9449 §10: binds the code to the DPoP key; with PAR the DPoP header does it
            dpop_jkt=dpop.key.thumbprint() if dpop is not None and not used_par else None,
            ui_locales=self.options.locales,
            draft=resolved.draft,
        )
        try:
            if used_par:
                attest = self.attesting.headers_for(resolved)  # wallet attestation (App. E)
                par = self._client(flow).push_authorization_request(
                    auth, params, dpop=dpop, headers=attest
                )
                url = build_authorization_url(
                    auth, {"client_id": client_id, "request_uri": par.request_uri}
                )
            else:
                url = build_authorization_url(auth, params)
        except BaseException as exc:
            self.record_failure(flow, resolved.issuer.credential_issuer, exc)
            raise
        payload = pending_payload(
            flow,
            resolved,
            code_verifier=pkce.verifier,
            redirect_uri=redirect_uri,
            client_id=client_id,
            dpop=dpop,
        )
        self.store.put_pending(state, payload, expires_at=self.clock() + self.options.pending_ttl)
        return PendingAuthorization(
            url=url,
            state=state,
            redirect_uri=redirect_uri,
            flow_id=flow.flow_id,
            issuer=resolved.issuer.credential_issuer,
            used_par=used_par,
        )

    def complete_authorization(
        self, redirect_url: str, *, flow: Flow | None = None
    ) -> IssuanceResult:
        """Finish the flow from the redirect: check it, get a token, receive credentials.

        ``flow`` is the caller's live flow of the same issuance (the GUI watches its
        exchanges); without it the flow is rebuilt from the pending authorization.
        Raises AuthorizationError (unknown state, error redirect, iss mismatch), IssuerError,
        NetworkError, StorageError.
        """
        from wallet_app.oid4vci.authorize import parse_authorization_response, redirect_params

        state = redirect_params(redirect_url).get("state") or ""
        payload = self.store.take_pending(state) if state else None
        if payload is None:
            raise AuthorizationError(
                "No sign-in is waiting for this response. It may have expired or been "
                "used already; start the issuance again.",
                code="unknown_state",
            )
        flow = pending_flow(payload, flow)
        resolved_issuer = pending_issuer(payload)
        try:
            resolved = pending_offer(payload, resolved_issuer)
            response = parse_authorization_response(
                redirect_url, expected_state=state, auth_server=resolved_issuer.auth_server
            )
            form = build_code_token_form(
                code=response.code,
                code_verifier=str(payload.get("code_verifier")),
                redirect_uri=str(payload.get("redirect_uri")),
                client_id=str(payload.get("client_id")),
            )
            dpop = dpop_from_json(payload.get("dpop"))
            return self._token_and_issue(
                flow, resolved, form, dpop=dpop, proof_client_id=str(payload.get("client_id"))
            )
        except BaseException as exc:
            self.record_failure(flow, resolved_issuer.issuer.credential_issuer, exc)
            raise

    # -- deferred ----------------------------------------------------------------------------
    def poll_deferred(
        self, *, max_wait: float = 0.0, credential_id: str | None = None
    ) -> list[tuple[str, str, str]]:
        """Poll every pending credential that is due (§9), or only those whose id starts
        with ``credential_id``; see :func:`wallet_app.wallet.deferred_polls.poll_due`.
        Raises StorageError when the pending entries cannot be read.
        """
        from wallet_app.wallet.deferred_polls import poll_due

        return poll_due(
            self.store,
            receiver_for=self._receiver,
            record_failure=self.record_failure,
            clock=self.clock,
            sleep=self.sleep,
            max_wait=max_wait,
            credential_id=credential_id,
        )
