"""The c_nonce a flow's credential requests share (OID4VCI §7, §13.8): reused until the issuer
rejects it, then fetched once more from the Nonce Endpoint for all of them."""

from __future__ import annotations

import threading

from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.oid4vci.models import IssuerMetadata

__all__ = ["NonceBox"]


class NonceBox:
    """The current c_nonce, shared by the parallel requests of a flow (§13.8: reuse it
    until the issuer rejects it)."""

    def __init__(self, nonce: str | None) -> None:
        self.nonce = nonce
        self._lock = threading.Lock()

    def refresh(
        self,
        client: Oid4vciClient,
        issuer: IssuerMetadata,
        stale: str | None,
        dpop: DPoPSession | None,
    ) -> str | None:
        with self._lock:
            if self.nonce == stale and issuer.nonce_endpoint:
                self.nonce = client.fetch_nonce(issuer, dpop=dpop)
            return self.nonce

    def adopt(self, stale: str | None, fresh: str) -> str:
        """Take a nonce the issuer sent in an error body (drafts ≤ 14); returns it."""
        with self._lock:
            if self.nonce == stale:
                self.nonce = fresh
        return fresh
