"""Where each credential request of a flow gets its ``c_nonce`` (OID4VCI 1.0 §7, §8.3.1.2;
drafts ≤ 14: token and credential responses, protocol-notes §2 rows 15, 20, 21).

An issuer with a Nonce Endpoint may accept each nonce once (§7 allows it), so no two
requests share one: :class:`EndpointNonces` hands every request its own, fetched alongside
the token request, and a request the issuer rejects with ``invalid_nonce`` fetches a new one
for its retry, never one another request holds. An issuer without a Nonce Endpoint hands out
one ``c_nonce`` at a time, in the token response and then in each credential response:
:class:`ChainedNonces` then sends the requests one after the other, each with the nonce of
the answer before it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future

from wallet_app.errors import IssuerError

__all__ = ["ChainedNonces", "EndpointNonces", "NonceSource", "error_c_nonce"]

log = logging.getLogger(__name__)


def error_c_nonce(exc: IssuerError) -> str | None:
    """The fresh ``c_nonce`` a draft ≤ 14 issuer puts in an ``invalid_proof`` /
    ``invalid_nonce`` error body (draft 11: ``invalid_or_missing_proof``), else None.
    Raises nothing."""
    if exc.error not in ("invalid_nonce", "invalid_proof", "invalid_or_missing_proof"):
        return None
    body = exc.body
    value = body.get("c_nonce") if isinstance(body, Mapping) else None
    return value if isinstance(value, str) and value else None


class NonceSource:
    """The nonces of one flow's credential requests; the base hands out none (no nonce)."""

    #: the requests go one after the other (each needs the nonce of the answer before it)
    sequential: bool = False

    def take(self) -> str | None:
        """The nonce for a new request (None: proofs without ``nonce``). Raises
        IssuerError, NetworkError (a nonce fetch failed)."""
        return None

    def renew(self, exc: IssuerError, stale: str | None) -> str | None:
        """The nonce to retry a request the issuer rejected with ``exc`` (once), or None:
        no retry. A nonce in the error body (drafts ≤ 14) is used by this request only.
        Raises IssuerError, NetworkError."""
        fresh = error_c_nonce(exc)
        if fresh is not None:
            log.info("%s: retrying once with the c_nonce of the error response", exc.error)
        return fresh

    def answered(self, c_nonce: str | None) -> None:
        """A credential response's ``c_nonce`` (drafts ≤ 14), None when it has none."""

    def close(self) -> None:
        """Cancel nonce fetches no request took. Raises nothing."""

    def after_token(self, c_nonce: str | None) -> NonceSource:
        """The source for the requests once the token response came with ``c_nonce``
        (drafts ≤ 14): without a Nonce Endpoint, the chain that starts with it."""
        return ChainedNonces(c_nonce)


class EndpointNonces(NonceSource):
    """A fresh nonce from the Nonce Endpoint (§7.2) for every request: the ones fetched
    beside the token first (``prefetched``, one per planned request), then on demand."""

    def __init__(self, fetch: Callable[[], str], prefetched: Sequence[Future[str]] = ()) -> None:
        self._fetch = fetch
        self._ready = list(prefetched)
        self._lock = threading.Lock()

    def take(self) -> str | None:
        with self._lock:
            ready = self._ready.pop(0) if self._ready else None
        if ready is not None:
            return ready.result()
        log.info("more credential requests than nonces fetched beside the token: one more")
        return self._fetch()

    def renew(self, exc: IssuerError, stale: str | None) -> str | None:
        legacy = error_c_nonce(exc)
        if legacy is not None:
            log.info("%s: retrying once with the c_nonce of the error response", exc.error)
            return legacy
        if exc.error != "invalid_nonce":
            return None
        log.info("invalid_nonce: fetching a fresh nonce for this request and retrying once")
        return self._fetch()

    def after_token(self, c_nonce: str | None) -> NonceSource:
        return self  # the Nonce Endpoint's nonces, not the token response's (§7)

    def close(self) -> None:
        with self._lock:
            unused, self._ready = self._ready, []
        for future in unused:
            future.cancel()


class ChainedNonces(NonceSource):
    """Drafts ≤ 14 without a Nonce Endpoint: the token response's ``c_nonce`` for the first
    request, then the ``c_nonce`` of each answer (error or credential response) for the
    next; one nonce at a time, so the requests are sequential. Without a first nonce the
    issuer wants none: the requests run side by side without one."""

    def __init__(self, first: str | None) -> None:
        self._current = first
        self.sequential = first is not None
        self._lock = threading.Lock()

    def take(self) -> str | None:
        with self._lock:
            return self._current

    def renew(self, exc: IssuerError, stale: str | None) -> str | None:
        fresh = super().renew(exc, stale)
        if fresh is not None and self.sequential:
            with self._lock:
                self._current = fresh
        return fresh

    def answered(self, c_nonce: str | None) -> None:
        if c_nonce and self.sequential:  # none given: reuse the last one (§13.8)
            with self._lock:
                self._current = c_nonce
