"""Work verifications share: within one batch, and across issuances for as long as a wallet runs.

The instances of a batch (OID4VCI ``credentials`` with several copies) are signed by the same
certificate chain and point at the same status list, and so are the next credentials from the
same issuer. :class:`VerificationCache` keeps, for the life of a wallet (or a trust service):

- each certificate DER loaded once;
- chain results (the ``x5c`` issuer key with its checks, an mdoc ``x5chain``) keyed by the
  certificates, the anchors and the issuer name asked, and reused only while the instants of
  the new check (now, and when the credential was signed) lie where the result cannot change:
  inside every certificate's validity on the path. A result with a certificate outside its
  validity is kept for that call (its instant) only, never in the cache;
- checked status list tokens keyed by their URI, the anchors and the issuer's key, reused
  for the same token text while its ``nbf``/``exp`` and its signer's chain still hold (a
  newer token replaces the older: one list is kept once, however often it is fetched);
- the trust anchors opened from the store, until the store's anchor rows change.

Every entry is keyed by the exact inputs of the computation it saves, and a time-dependent one
carries the condition under which it holds, so a cache never changes a result: it only skips
computing the same one again. Checks stay per instance (each credential's own signature,
digests, holder binding, validity period and status entry).

:class:`VerificationMemo` is what one verification call uses: the shared cache plus the status
list tokens read from the store during that call (re-read on every call, since a refresh or
another process may replace them). The cache is bounded (least recently used entries go),
thread-safe, and lives with its owner; nothing is kept at module level.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:  # a wallet makes its cache at start-up: cryptography loads on first use
    from cryptography import x509

    from wallet_app.trust.anchors import TrustAnchor
    from wallet_app.trust.chain import ChainResult

__all__ = [
    "MAX_ENTRIES",
    "Holds",
    "Instants",
    "VerificationCache",
    "VerificationMemo",
    "anchor_ids",
    "chain_holds",
]

_V = TypeVar("_V")
_A = TypeVar("_A", bound=Hashable)
#: when a time-dependent result still holds: called with the instants of a later check
Holds = Callable[[_A], bool]
#: the instants a chain is checked at: now, and when the credential was signed (if known)
Instants = tuple[datetime, datetime | None]
#: entries in all: a wallet's issuers' chains and status lists, many times over
MAX_ENTRIES = 256


class VerificationCache:
    """Results kept across verifications (see the module): bounded to ``limit`` entries,
    least recently used first out; safe to share between threads (a value is computed
    outside the lock, so two threads may compute the same one; both give the same)."""

    __slots__ = ("_anchors", "_computed", "_entries", "_lock", "limit")

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, str, Hashable], object] = OrderedDict()
        self._computed: dict[str, int] = {}
        self._anchors: tuple[Hashable, tuple[TrustAnchor, ...]] | None = None

    # -- plumbing ------------------------------------------------------------------------------
    def _get(self, key: tuple[str, str, Hashable]) -> tuple[bool, object]:
        with self._lock:
            if key not in self._entries:
                return False, None
            self._entries.move_to_end(key)
            return True, self._entries[key]

    def _put(self, key: tuple[str, str, Hashable], value: object) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)
            self._computed[key[0]] = self._computed.get(key[0], 0) + 1

    # -- tables --------------------------------------------------------------------------------
    def certificate(self, der: bytes) -> x509.Certificate:
        """:func:`~wallet_app.trust.chain.load_certificate` of ``der``, loaded once. Raises
        ValueError when it is damaged (never remembered)."""
        from wallet_app.trust.chain import load_certificate

        found, cert = self._get(("certificate", "", der))
        if found:
            return cast("x509.Certificate", cert)
        loaded = load_certificate(der)
        self._put(("certificate", "", der), loaded)
        return loaded

    def recall(self, table: str, key: Hashable, compute: Callable[[], _V]) -> _V:
        """The value remembered in ``table`` for ``key``, else ``compute()`` (remembered).
        ``key`` must hold every input of ``compute``, which must not depend on the time;
        an exception of ``compute`` is not remembered."""
        found, value = self._get((table, "", key))
        if found:
            return value  # type: ignore[return-value]  # stored by the same table's compute
        computed = compute()
        self._put((table, "", key), computed)
        return computed

    def held(self, table: str, key: Hashable, at: _A) -> tuple[bool, object]:
        """(True, the value) when ``table`` keeps a result for ``key`` that holds at
        ``at`` (see :meth:`keep`), else (False, None)."""
        found, entry = self._get((table, "during", key))
        if found:
            value, holds = cast("tuple[object, Holds[_A]]", entry)  # stored by keep
            if holds(at):
                return True, value
        return False, None

    def keep(self, table: str, key: Hashable, value: object, holds: Holds[_A]) -> None:
        """Remember ``value`` for ``key`` while ``holds`` passes for a later check's
        ``at``; it replaces the one kept before for ``key`` (a status list's older token)."""
        self._put((table, "during", key), (value, holds))

    def anchors(
        self, version: Hashable, read: Callable[[], Sequence[TrustAnchor]]
    ) -> tuple[TrustAnchor, ...]:
        """The anchors ``read()`` gives for the store's anchor rows ``version``, read again
        only when ``version`` differs from the last one read (``read`` must open exactly
        the rows of ``version``). Raises what ``read`` raises."""
        with self._lock:
            last = self._anchors
        if last is not None and last[0] == version:
            return last[1]
        anchors = tuple(read())
        with self._lock:
            self._anchors = (version, anchors)
            self._computed["anchors"] = self._computed.get("anchors", 0) + 1
        return anchors

    # -- for tests and measurements -------------------------------------------------------------
    def entries(self, table: str) -> int:
        """How many results ``table`` remembers now."""
        with self._lock:
            return sum(1 for k in self._entries if k[0] == table)

    def computed(self, table: str) -> int:
        """How many results ``table`` has computed (and remembered) so far."""
        with self._lock:
            return self._computed.get(table, 0)


class VerificationMemo:
    """What one verification call uses (see the module): the shared ``cache`` (a fresh one
    when None: then nothing outlives the call), the results that hold at this call's
    instant only, and the status list tokens read from the store during this call. One
    call at a time uses a memo."""

    __slots__ = ("_instant", "_status_tokens", "cache")

    def __init__(self, cache: VerificationCache | None = None) -> None:
        self.cache = cache if cache is not None else VerificationCache()
        self._instant: dict[tuple[str, Hashable, Hashable], object] = {}
        self._status_tokens: dict[str, tuple[str, float] | None] = {}

    def certificate(self, der: bytes) -> x509.Certificate:
        """See :meth:`VerificationCache.certificate`."""
        return self.cache.certificate(der)

    def recall(self, table: str, key: Hashable, compute: Callable[[], _V]) -> _V:
        """See :meth:`VerificationCache.recall`."""
        return self.cache.recall(table, key, compute)

    def recall_during(
        self,
        table: str,
        key: Hashable,
        at: _A,
        compute: Callable[[], tuple[_V, Holds[_A] | None]],
    ) -> _V:
        """A result that depends on ``at`` (the instants of the check, and for a status
        list the token's text): ``compute()`` gives the value at ``at`` and when it holds
        (a test of a later check's ``at``, true for this one), or None when it holds at
        ``at`` only (e.g. a certificate was outside its validity). A value the cache keeps
        for ``key`` is reused when its test passes, else one this call found for exactly
        ``at``; else ``compute()``: kept in the cache, or (at ``at`` only) for this call
        alone, so a result found out of time never reaches another instant. ``key`` must
        hold every input of ``compute`` except ``at``."""
        found, value = self.cache.held(table, key, at)
        if found:
            return value  # type: ignore[return-value]  # kept by this table's compute
        if (table, key, at) in self._instant:
            return self._instant[(table, key, at)]  # type: ignore[return-value]  # as above
        computed, holds = compute()
        if holds is None:
            self._instant[(table, key, at)] = computed
        else:
            self.cache.keep(table, key, computed, holds)
        return computed

    def entries(self, table: str) -> int:
        """How many results ``table`` of the cache remembers (for tests and measurements)."""
        return self.cache.entries(table)

    def status_token(
        self, uri: str, read: Callable[[str], tuple[str, float] | None]
    ) -> tuple[str, float] | None:
        """The cached status list token of ``uri`` (``read`` asks the store once per call)."""
        if uri not in self._status_tokens:
            self._status_tokens[uri] = read(uri)
        return self._status_tokens[uri]

    def status_token_stored(self, uri: str, token: str, expires_at: float) -> None:
        """A token for ``uri`` was just fetched and cached: later reads in this call see it."""
        self._status_tokens[uri] = (token, expires_at)


def anchor_ids(anchors: Sequence[TrustAnchor]) -> tuple[str, ...]:
    """The anchors as a memo key part (their SHA-256 ids, in order). Raises nothing."""
    return tuple(a.id for a in anchors)


def chain_holds(chain: ChainResult | None) -> Holds[Instants] | None:
    """When a chain result found at some instants holds at others ``(now, signed_at)``:
    both inside its :attr:`~.ChainResult.valid_during`, where no certificate's validity
    begins or ends (None: at the instants it was found at only). Raises nothing."""
    if chain is None or chain.valid_during is None:
        return None
    start, end = chain.valid_during

    def holds(at: Instants) -> bool:
        now, signed_at = at
        return start <= now <= end and (signed_at is None or start <= signed_at <= end)

    return holds
