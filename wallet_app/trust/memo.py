"""Work shared by the verifications of one batch of credential instances.

The instances of a batch (OID4VCI ``credentials`` with several copies) are signed by the same
certificate chain and point at the same status list, so the chain, the issuer's key and the
checked status list are computed once and reused. Every entry is keyed by the exact inputs of
the computation it saves (certificates, anchor ids, issuer name, the instant of the check,
status list token text, the issuer key's public bytes), so a memo never changes a result: it
only skips computing the same one again. Checks stay per instance (each credential's own
signature, digests, holder binding, validity period and status entry).

The memo lives with its caller (the wallet verifies a batch with one memo, at one instant);
it is bounded, and nothing is kept at module level.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from cryptography import x509

from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import load_certificate

__all__ = ["MAX_ENTRIES", "VerificationMemo", "anchor_ids"]

_V = TypeVar("_V")
#: entries per table: far more than one batch needs, small enough to never matter
MAX_ENTRIES = 64


class VerificationMemo:
    """Results computed once per batch (see the module). Not thread-safe: one verifier at a
    time uses one memo."""

    __slots__ = ("_certificates", "_status_tokens", "_tables", "limit")

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self.limit = limit
        self._certificates: dict[bytes, x509.Certificate] = {}
        self._status_tokens: dict[str, tuple[str, float] | None] = {}
        self._tables: dict[str, dict[Hashable, object]] = {}

    def certificate(self, der: bytes) -> x509.Certificate:
        """:func:`~wallet_app.trust.chain.load_certificate` of ``der``, loaded once. Raises
        ValueError when it is damaged (never remembered)."""
        cert = self._certificates.get(der)
        if cert is None:
            cert = load_certificate(der)
            if len(self._certificates) < self.limit:
                self._certificates[der] = cert
        return cert

    def recall(self, table: str, key: Hashable, compute: Callable[[], _V]) -> _V:
        """The value remembered in ``table`` for ``key``, else ``compute()`` (remembered
        while the table has room). ``key`` must hold every input of ``compute``; an
        exception of ``compute`` is not remembered."""
        entries = self._tables.setdefault(table, {})
        if key in entries:
            return entries[key]  # type: ignore[return-value]  # stored by the same table's compute
        value = compute()
        if len(entries) < self.limit:
            entries[key] = value
        return value

    def entries(self, table: str) -> int:
        """How many results ``table`` remembers (for tests and measurements)."""
        return len(self._tables.get(table, {}))

    def status_token(
        self, uri: str, read: Callable[[str], tuple[str, float] | None]
    ) -> tuple[str, float] | None:
        """The cached status list token of ``uri`` (``read`` asks the cache once)."""
        if uri not in self._status_tokens:
            token = read(uri)
            if len(self._status_tokens) >= self.limit:
                return token
            self._status_tokens[uri] = token
        return self._status_tokens[uri]

    def status_token_stored(self, uri: str, token: str, expires_at: float) -> None:
        """A token for ``uri`` was just fetched and cached: later reads see it."""
        if uri in self._status_tokens or len(self._status_tokens) < self.limit:
            self._status_tokens[uri] = (token, expires_at)


def anchor_ids(anchors: Sequence[TrustAnchor]) -> tuple[str, ...]:
    """The anchors as a memo key part (their SHA-256 ids, in order). Raises nothing."""
    return tuple(a.id for a in anchors)
