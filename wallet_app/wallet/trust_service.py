"""The trust use cases: manage trust anchors, re-evaluate stored credentials, refresh status.

Shared by ``wallet-app trust …`` / ``wallet-app status`` and the desktop's settings page and
status refresh. Adding or removing an anchor re-evaluates every stored credential at once
(no status fetch then: the last known status is kept); :meth:`TrustService.refresh_status`
fetches the status lists again. Every method that may fetch is meant for a worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from wallet_app.errors import UsageError, WalletError
from wallet_app.settings import Settings
from wallet_app.trust.model import Verification
from wallet_app.wallet.store import CredentialStore, StoredAnchor
from wallet_app.wallet.verifying import (
    CredentialVerifier,
    VerificationCache,
    holder_public_jwk,
    worst,
)

if TYPE_CHECKING:
    from wallet_app.oid4vci.http import HttpSession

__all__ = ["TrustService", "keep_status"]

log = logging.getLogger(__name__)

_MAX_ANCHOR_FILE = 8 * 1024 * 1024


def keep_status(new: Verification, previous: Verification | None) -> Verification:
    """``new`` (verified without a status fetch) with the status check and value of
    ``previous``, so re-evaluating after an anchor change does not forget a revocation."""
    kept = [c for c in previous.checks if c.kind == "status"] if previous is not None else []
    if previous is None or not kept:
        return new
    checks = [c for c in new.checks if c.kind != "status"] + kept
    return Verification.of(
        checks,
        anchor=new.anchor,
        organisation=new.organisation,
        status=previous.status,
        checked_at=new.checked_at,
    )


def _keep_type_metadata(new: Verification, previous: Verification | None) -> Verification:
    """``new`` with the ``type_metadata`` check found on receipt (it is not re-fetched)."""
    kept = [c for c in previous.checks if c.name == "type_metadata"] if previous else []
    if not kept or any(c.name == "type_metadata" for c in new.checks):
        return new
    return Verification.of(
        (*new.checks, *kept),
        anchor=new.anchor,
        organisation=new.organisation,
        status=new.status,
        checked_at=new.checked_at,
    )


class TrustService:
    """Trust anchors and credential verifications over a store and an HTTP client."""

    def __init__(
        self,
        store: CredentialStore,
        http: httpx.Client | Callable[[], httpx.Client] | None,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self._http = http
        self._lock = threading.Lock()
        #: chains, status lists and anchors reused across re-evaluations and refreshes
        self.verification_cache = VerificationCache()

    # -- plumbing ----------------------------------------------------------------------------
    def _session(self) -> HttpSession | None:
        from wallet_app.oid4vci.http import HttpSession

        with self._lock:
            if self._http is None:
                return None
            if not isinstance(self._http, httpx.Client):
                self._http = self._http()
            http = self._http
        return HttpSession(
            http,
            max_response_bytes=self.settings.max_response_bytes,
            allow_http_loopback=self.settings.allow_http_loopback,
            clock=self.clock,
        )

    def _verifier(self, *, network: bool = True) -> CredentialVerifier:
        return CredentialVerifier(
            self.store,
            self._session() if network else None,
            clock=self.clock,
            cache=self.verification_cache,
        )

    # -- anchors -----------------------------------------------------------------------------
    def anchors(self) -> list[StoredAnchor]:
        """The trust anchors, oldest first. Raises StorageError."""
        return self.store.list_anchors()

    def add_anchor_file(
        self, path: Path, *, source: str = "user"
    ) -> list[tuple[StoredAnchor, bool]]:
        """Add the certificates of a PEM/DER file or an ETSI trusted list (XML), then
        re-evaluate every stored credential. Returns each anchor with True when it is new.
        Raises UsageError (unreadable file, no certificate), StorageError."""
        try:
            with path.open("rb") as fh:
                data = fh.read(_MAX_ANCHOR_FILE + 1)
        except OSError as exc:
            raise UsageError(
                "The file {path} could not be read.",
                params={"path": str(path)},
                detail=f"{type(exc).__name__}: {exc}",
                code="file_unreadable",
            ) from exc
        if len(data) > _MAX_ANCHOR_FILE:
            raise UsageError(
                "The file {path} is too large for a certificate file.",
                params={"path": str(path)},
                code="file_too_large",
            )
        return self.add_anchor_certificates(data, source=source, name=path.name)

    def add_anchor_certificates(
        self, data: bytes, *, source: str, name: str = "the file"
    ) -> list[tuple[StoredAnchor, bool]]:
        """Add every certificate in ``data`` (PEM, DER or trusted list), then re-evaluate.
        Raises UsageError (no certificate), StorageError."""
        from wallet_app.trust.anchors import TrustAnchor, read_certificates

        certificates = read_certificates(data, name=name)
        added = self.store.add_anchors(
            [TrustAnchor.from_certificate(c) for c in certificates], source=source
        )
        if any(new for _, new in added):
            self.reevaluate()
        return added

    def remove_anchor(self, anchor_id: str) -> StoredAnchor:
        """Remove a trust anchor (id or unique prefix ≥ 6), then re-evaluate every stored
        credential. Raises NotFound, StorageError."""
        removed = self.store.remove_anchor(anchor_id)
        self.reevaluate()
        return removed

    def trust_demo_root(self, root_pem: bytes) -> list[tuple[StoredAnchor, bool]]:
        """``--demo``: the demo issuer's root, a new certificate on every run, replaces the
        roots earlier demo runs added (source "demo"), then every stored credential is
        re-evaluated. Raises StorageError."""
        from wallet_app.trust.anchors import TrustAnchor, read_certificates

        name = "the demo issuer's root"
        current = {
            TrustAnchor.from_certificate(c).id for c in read_certificates(root_pem, name=name)
        }
        for old in self.store.list_anchors():
            if old.source == "demo" and old.anchor.id not in current:
                self.store.remove_anchor(old.anchor.id)
        return self.add_anchor_certificates(root_pem, source="demo", name=name)

    # -- verification ------------------------------------------------------------------------
    def verify(
        self,
        format: str,
        credential: str,
        holder_jwk: Mapping[str, object] | None,
        *,
        check_status: bool = True,
    ) -> Verification:
        """One credential's verification against the current anchors (``holder_jwk`` is the
        public key it must be bound to). Raises StorageError."""
        return self._verifier().verify(format, credential, holder_jwk, check_status=check_status)

    def reevaluate(
        self, ids: Sequence[str] | None = None, *, status: bool = False, force: bool = False
    ) -> dict[str, Verification]:
        """Verify stored credentials again (every issued one, or those of ``ids``) and store
        the results in one transaction. Without ``status`` no status list is fetched and the
        last known status is kept; ``force`` drops cached status lists first. Returns the
        new verifications by id. Raises NotFound (an unknown id), StorageError."""
        if status and force:
            self.store.forget_status_lists()
        verifier = self._verifier()
        anchors = verifier.anchors()
        previous = self.store.verifications()
        wanted = (
            [c.id for c in self.store.list_credentials() if c.status == "issued"]
            if ids is None
            else list(ids)
        )
        results: dict[str, Verification] = {}
        for credential_id in wanted:
            record = self.store.get_credential(credential_id)
            if not record.instances:
                continue
            fmt = record.stored.format
            verification = worst(
                [
                    verifier.verify(
                        fmt,
                        i.credential,
                        holder_public_jwk(i.holder_private_jwk),
                        check_status=status,
                        anchors=anchors,
                    )
                    for i in record.instances
                ]
            )
            before = previous.get(record.stored.id)
            if not status:
                verification = keep_status(verification, before)
            verification = _keep_type_metadata(verification, before)
            results[record.stored.id] = verification
        self.store.set_verifications(results)
        return results

    def refresh_status(self, credential_id: str, *, force: bool = False) -> Verification:
        """Fetch the status of one credential again (``force``: not from the cache) and
        store its new verification. Network: never call it on the GUI thread. Raises
        NotFound, StorageError; a status list that cannot be fetched gives status
        *unknown* with the reason, not an error."""
        results = self.reevaluate([credential_id], status=True, force=force)
        if not results:
            raise WalletError(
                "This credential has not been issued yet, so it has no status.",
                code="not_issued",
            )
        return next(iter(results.values()))
