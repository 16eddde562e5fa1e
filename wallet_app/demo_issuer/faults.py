"""Fault switches that tests flip at run time to make the demo issuer misbehave."""

from __future__ import annotations

import threading

from wallet_app.frozen import frozen

__all__ = ["ENDPOINTS", "DemoFaults", "InjectedFailure"]

ENDPOINTS = frozenset(
    {
        "token",
        "credential",
        "nonce",
        "par",
        "deferred",
        "notification",
        "metadata",
        "as_metadata",
        "offer",
        "status",
    }
)


@frozen
class InjectedFailure:
    """One queued OAuth-style error response."""

    status: int
    error: str
    description: str | None


class DemoFaults:
    """Mutable, thread-safe fault switches of one demo issuer.

    Raises nothing on construction; fail_next raises ValueError for an unknown endpoint.
    """

    def __init__(
        self,
        *,
        latency: float = 0.0,
        deferred_pending_polls: int = 0,
        invalid_nonce_once: bool = False,
        status_latency: float = 0.0,
        broken_chain: bool = False,
        expired_signer: bool = False,
        revoked: bool = False,
        status_wrong_key: bool = False,
        forged: bool = False,
        tampered: bool = False,
        broken_copy: bool = False,
        notification_latency: float = 0.0,
        malformed: str | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._latency = latency
        self._deferred_pending_polls = deferred_pending_polls
        self._invalid_nonce_once = invalid_nonce_once
        self._status_latency = status_latency
        self._broken_chain = broken_chain
        self._expired_signer = expired_signer
        self._revoked = revoked
        self._status_wrong_key = status_wrong_key
        self._forged = forged
        self._tampered = tampered
        self._broken_copy = broken_copy
        self._notification_latency = notification_latency
        self._malformed = malformed
        self._failures: dict[str, list[InjectedFailure]] = {}

    @property
    def latency(self) -> float:
        """Seconds slept before every response."""
        with self._lock:
            return self._latency

    @latency.setter
    def latency(self, value: float) -> None:
        with self._lock:
            self._latency = value

    @property
    def deferred_pending_polls(self) -> int:
        """>0: the next credential request is deferred; the deferred endpoint stays pending
        this many times before answering with the credentials."""
        with self._lock:
            return self._deferred_pending_polls

    @deferred_pending_polls.setter
    def deferred_pending_polls(self, value: int) -> None:
        with self._lock:
            self._deferred_pending_polls = value

    @property
    def invalid_nonce_once(self) -> bool:
        """The next credential request fails once with invalid_nonce."""
        with self._lock:
            return self._invalid_nonce_once

    @invalid_nonce_once.setter
    def invalid_nonce_once(self, value: bool) -> None:
        with self._lock:
            self._invalid_nonce_once = value

    @property
    def status_latency(self) -> float:
        """Seconds the status list endpoint alone sleeps before answering."""
        with self._lock:
            return self._status_latency

    @status_latency.setter
    def status_latency(self, value: float) -> None:
        with self._lock:
            self._status_latency = value

    # --- trust faults: what new credentials and the status list are signed with -------------

    @property
    def broken_chain(self) -> bool:
        """Credentials carry [signer, a CA with the issuing CA's name that did not sign it]."""
        with self._lock:
            return self._broken_chain

    @broken_chain.setter
    def broken_chain(self, value: bool) -> None:
        with self._lock:
            self._broken_chain = value

    @property
    def expired_signer(self) -> bool:
        """Credentials are signed by a signer whose certificate expired before issuance."""
        with self._lock:
            return self._expired_signer

    @expired_signer.setter
    def expired_signer(self, value: bool) -> None:
        with self._lock:
            self._expired_signer = value

    @property
    def revoked(self) -> bool:
        """New credentials are issued with status 1 (invalid) in the status list."""
        with self._lock:
            return self._revoked

    @revoked.setter
    def revoked(self, value: bool) -> None:
        with self._lock:
            self._revoked = value

    @property
    def status_wrong_key(self) -> bool:
        """The status list token is signed by an unrelated self-signed key."""
        with self._lock:
            return self._status_wrong_key

    @status_wrong_key.setter
    def status_wrong_key(self, value: bool) -> None:
        with self._lock:
            self._status_wrong_key = value

    @property
    def forged(self) -> bool:
        """Credentials are signed by a fresh self-signed certificate that names the issuer
        (a forgery: the demo's chain is not used)."""
        with self._lock:
            return self._forged

    @forged.setter
    def forged(self, value: bool) -> None:
        with self._lock:
            self._forged = value

    @property
    def tampered(self) -> bool:
        """Credentials are altered after signing: one disclosed value (SD-JWT VC) or one data
        element (mdoc) no longer matches the digest the issuer signed."""
        with self._lock:
            return self._tampered

    @tampered.setter
    def tampered(self, value: bool) -> None:
        with self._lock:
            self._tampered = value

    @property
    def broken_copy(self) -> bool:
        """In a batch of two or more copies, the second is sent damaged: it cannot be read
        (the others are sound)."""
        with self._lock:
            return self._broken_copy

    @broken_copy.setter
    def broken_copy(self, value: bool) -> None:
        with self._lock:
            self._broken_copy = value

    @property
    def malformed(self) -> str | None:
        """New credentials break one rule that MUST abort processing: a mode of
        :data:`wallet_app.demo_issuer.tampering.MALFORMED_MODES` (alg none, digest mismatch,
        unknown _sd_alg, KB-JWT from the issuer, expired, ...); None: well formed."""
        with self._lock:
            return self._malformed

    @malformed.setter
    def malformed(self, value: str | None) -> None:
        with self._lock:
            self._malformed = value

    @property
    def notification_latency(self) -> float:
        """Seconds the notification endpoint alone sleeps before answering."""
        with self._lock:
            return self._notification_latency

    @notification_latency.setter
    def notification_latency(self, value: float) -> None:
        with self._lock:
            self._notification_latency = value

    def fail_next(
        self, endpoint: str, status: int, error: str, description: str | None = None
    ) -> None:
        """Make the next request to `endpoint` fail with an OAuth-style JSON error.

        Raises ValueError when `endpoint` is not one of ENDPOINTS.
        """
        if endpoint not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {sorted(ENDPOINTS)}")
        with self._lock:
            self._failures.setdefault(endpoint, []).append(
                InjectedFailure(status, error, description)
            )

    def take_failure(self, endpoint: str) -> InjectedFailure | None:
        """Pop the queued failure for `endpoint`, if any. Raises nothing."""
        with self._lock:
            queue = self._failures.get(endpoint)
            return queue.pop(0) if queue else None

    def take_deferred(self) -> int:
        """Pop the deferred switch: the number of pending polls (0: not deferred)."""
        with self._lock:
            polls, self._deferred_pending_polls = self._deferred_pending_polls, 0
            return polls

    def take_invalid_nonce(self) -> bool:
        """Pop the invalid_nonce_once switch. Raises nothing."""
        with self._lock:
            once, self._invalid_nonce_once = self._invalid_nonce_once, False
            return once
