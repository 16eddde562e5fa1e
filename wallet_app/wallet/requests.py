"""The credential requests of one flow (OID4VCI §8, App. F.1): which to send, their key
proofs, each with its own nonce (:mod:`wallet_app.wallet.nonce`), side by side or one after
the other, and the one retry after ``invalid_nonce`` / ``invalid_proof``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures import wait as wait_futures

from wallet_app.errors import IssuerError
from wallet_app.formats.view import MDOC_FORMAT
from wallet_app.frozen import frozen
from wallet_app.oid4vci.bounds import MAX_CREDENTIAL_REQUESTS
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.credential import Deferred, Issued
from wallet_app.oid4vci.dialect import Dialect
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.oid4vci.models import CredentialConfiguration, IssuerMetadata
from wallet_app.oid4vci.proof import SigningKey, choose_proof_alg, generate_key
from wallet_app.oid4vci.token import TokenSet
from wallet_app.wallet.nonce import EndpointNonces, NonceSource
from wallet_app.wallet.resolve import ResolvedOffer
from wallet_app.wallet.verifying import preload as preload_verification
from wallet_app.wallet.wallet_provider import WalletProvider, make_proofs

__all__ = ["Outcome", "PlannedRequest", "Requests", "plan_requests", "start_beside_token"]

log = logging.getLogger(__name__)

#: seconds the verification code's import (:func:`~wallet_app.wallet.verifying.preload`)
#: waits, so that the token and nonce requests beside it go out first
PRELOAD_AFTER = 0.01


@frozen
class PlannedRequest:
    """One credential request: a configuration, by its identifier when the token gave one."""

    configuration: CredentialConfiguration
    identifier: str | None


@frozen
class Outcome:
    """A request's answer with the proof keys it was sent with."""

    request: PlannedRequest
    result: Issued | Deferred
    keys: tuple[SigningKey, ...]
    alg: str | None


def start_beside_token(
    client: Oid4vciClient,
    resolved: ResolvedOffer,
    executor: Executor,
    dpop: DPoPSession | None,
) -> NonceSource:
    """Start what runs beside the token request: fetching a nonce for each request of this
    offer that needs a key proof, as far as that is known before the token (one per
    configuration; an issuer without a Nonce Endpoint gets its nonces from the token
    response, :meth:`NonceSource.after_token`), and importing the verification code (so
    that it is not on the critical path once the credential arrives). Raises nothing.

    Only the token response says how many requests there are: with several
    ``credential_identifiers`` for one configuration (§6.2) the plan has more requests than
    nonces were fetched. Fetching the rest once the token is known would still be after the
    token, so nothing is gained by doing it here; instead each extra request fetches its own
    nonce when it starts (:meth:`EndpointNonces.take`), and as :meth:`Requests.send_all`
    runs every request on a worker of its own, those fetches run side by side, one round
    trip for all of them, never one after the other on one worker."""
    issuer = resolved.issuer
    nonces = NonceSource()
    if issuer.nonce_endpoint:
        count = sum(1 for conf in resolved.configurations if conf.requires_proof)
        prefetched = [executor.submit(client.fetch_nonce, issuer, dpop=dpop) for _ in range(count)]
        nonces = EndpointNonces(lambda: client.fetch_nonce(issuer, dpop=dpop), prefetched)
    mdoc = any(conf.format == MDOC_FORMAT for conf in resolved.configurations)
    executor.submit(preload_verification, PRELOAD_AFTER, mdoc=mdoc)  # once the requests are out
    return nonces


def plan_requests(resolved: ResolvedOffer, token: TokenSet) -> list[PlannedRequest]:
    """The requests to send: one per credential identifier the token lists for a
    configuration (each once), else one per configuration the token covers. Raises
    IssuerError when it covers none, or when that makes more than
    :data:`~wallet_app.oid4vci.bounds.MAX_CREDENTIAL_REQUESTS` requests (nothing is sent)."""
    granted = {
        conf.id: tuple(dict.fromkeys(token.identifiers_for(conf.id)))
        for conf in resolved.configurations
    }
    count = sum(max(len(ids), 1) for ids in granted.values())
    if count > MAX_CREDENTIAL_REQUESTS:  # before any request is built
        raise _too_many(count)
    plan: list[PlannedRequest] = []
    for conf in resolved.configurations:
        identifiers = granted[conf.id]
        if identifiers:
            plan.extend(PlannedRequest(conf, ident) for ident in identifiers)
        elif token.authorized and conf.id not in {
            a.credential_configuration_id for a in token.authorized
        }:
            log.warning("token does not authorize %s; skipped", conf.id)
        else:
            plan.append(PlannedRequest(conf, None))
    if not plan:
        raise IssuerError(
            "The issuer granted access to none of the offered credentials.",
            code="nothing_authorized",
        )
    return plan


def _too_many(count: int) -> IssuerError:
    return IssuerError(
        "The issuer wants the wallet to make {count} credential requests in one go; the "
        "wallet makes at most {limit}, so it requested none. Ask the issuer for fewer "
        "credentials at a time.",
        params={"count": str(count), "limit": str(MAX_CREDENTIAL_REQUESTS)},
        detail=f"{count} credential requests planned (credential_identifiers, §6.2)",
        code="too_many_credentials",
    )


class Requests:
    """Sends one flow's credential requests, shaped as ``dialect`` wants them, with the
    nonces of ``nonces`` and the key proofs (and key attestations of ``provider``) of
    :func:`~wallet_app.wallet.wallet_provider.make_proofs`."""

    def __init__(
        self,
        *,
        client: Oid4vciClient,
        issuer: IssuerMetadata,
        dialect: Dialect,
        provider: WalletProvider | None,
        token: TokenSet,
        nonces: NonceSource,
        dpop: DPoPSession | None,
        proof_client_id: str | None,
        batch_limit: int,
        clock: Callable[[], float],
    ) -> None:
        self.client = client
        self.issuer = issuer
        self.dialect = dialect
        self.provider = provider
        self.token = token
        self.nonces = nonces
        self.dpop = dpop
        self.proof_client_id = proof_client_id
        self.batch_limit = max(1, batch_limit)
        self.clock = clock

    def send_all(self, plan: Sequence[PlannedRequest], executor: Executor) -> list[Future[Outcome]]:
        """Every request of ``plan``, each future done: side by side, or one after the other
        when each needs the nonce of the answer before it (then the ones after a failure
        are not sent: their futures hold that failure). Raises nothing."""
        try:
            if not self.nonces.sequential:
                futures = [executor.submit(self.send, request) for request in plan]
                wait_futures(futures)
                return futures
            done: list[Future[Outcome]] = []
            failure: BaseException | None = None
            for request in plan:
                future: Future[Outcome] = Future()
                if failure is None:
                    try:
                        future.set_result(self.send(request))
                    except Exception as exc:
                        failure = exc
                if failure is not None:
                    future.set_exception(failure)
                done.append(future)
            return done
        finally:
            self.nonces.close()

    def send(self, request: PlannedRequest) -> Outcome:
        """One credential request with its own nonce; retried once with a fresh nonce when
        the issuer rejects it for its nonce (§8.3.1.2). Raises IssuerError, NetworkError,
        AttestationRequired."""
        conf = request.configuration
        keys: tuple[SigningKey, ...] = ()
        alg: str | None = None
        if conf.requires_proof:
            alg = choose_proof_alg(conf)
            count = min(self.issuer.batch_size or 1, self.batch_limit)
            keys = tuple(
                generate_key(alg) for _ in range(count if self.dialect.batch_proofs else 1)
            )
        nonce = self.nonces.take() if alg else None
        for attempt in (1, 2):
            proof_type, proofs = self._proofs(conf, keys, alg, nonce) if alg else ("jwt", [])
            body = self.dialect.credential_request(
                conf, identifier=request.identifier, proofs=proofs, proof_type=proof_type
            )
            try:
                result = self.client.request_credential(
                    self.issuer, self.token, body, dpop=self.dpop, draft=self.dialect.draft
                )
            except IssuerError as exc:
                fresh = None if attempt == 2 or not alg else self.nonces.renew(exc, nonce)
                if fresh is None:
                    raise
                nonce = fresh
                continue
            self.nonces.answered(result.c_nonce)
            return Outcome(request, result, keys, alg)
        raise AssertionError("unreachable")  # pragma: no cover

    def _proofs(
        self,
        conf: CredentialConfiguration,
        keys: Sequence[SigningKey],
        alg: str,
        nonce: str | None,
    ) -> tuple[str, list[str]]:
        return make_proofs(
            conf,
            keys,
            alg=alg,
            audience=self.issuer.credential_issuer,
            nonce=nonce,
            client_id=self.proof_client_id,
            issued_at=int(self.clock()),
            provider=self.provider,
        )
