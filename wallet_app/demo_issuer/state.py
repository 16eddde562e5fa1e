"""Shared state of one demo issuer: URLs, keys, clock and the thread-safe record store."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from joserfc.jwk import ECKey

from wallet_app.frozen import frozen

from .config import DemoConfig
from .faults import DemoFaults
from .minting import IssuerKeys
from .pki import DemoPki
from .status import STATUS_PATH, StatusList

__all__ = [
    "AccessGrant",
    "AuthRequest",
    "DemoState",
    "PreAuthGrant",
    "RecordedRequest",
    "Transaction",
    "new_secret",
]

TOKEN_LIFETIME = 3600
CODE_LIFETIME = 300
NONCE_LIFETIME = 300
PAR_LIFETIME = 60


def new_secret(nbytes: int = 24) -> str:
    """A fresh unguessable URL-safe value. Raises nothing."""
    return secrets.token_urlsafe(nbytes)


@frozen
class RecordedRequest:
    """What a client sent: method, path, query, selected headers and the parsed body."""

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: Mapping[str, object] | None


@frozen
class PreAuthGrant:
    """A pre-authorized code from an offer (§4.1.1)."""

    configuration_ids: tuple[str, ...]
    tx_code: str | None


@frozen
class AuthRequest:
    """A validated authorization request (RFC 6749 §4.1.1, PKCE, RAR)."""

    client_id: str
    redirect_uri: str
    state: str | None
    code_challenge: str
    configuration_ids: tuple[str, ...]
    used_authorization_details: bool
    issuer_state: str | None
    #: the end-user's preferred languages for the pages (OpenID Connect Core §3.1.2.1)
    ui_locales: str | None = None


@frozen
class AccessGrant:
    """What an access token allows."""

    configuration_ids: tuple[str, ...]
    client_id: str | None
    anonymous: bool
    jkt: str | None
    identifiers: Mapping[str, str] | None
    """credential_identifier -> configuration id, when the token response listed them."""
    expires_at: float


@dataclass(slots=True)
class Transaction:
    """A deferred issuance (§9)."""

    access_token: str
    pending_polls: int
    configuration_id: str
    credentials: list[str]


@dataclass(slots=True)
class DemoState:
    """Everything the endpoint handlers share; `lock` guards every dict below.

    Raises nothing.
    """

    base_url: str
    config: DemoConfig
    faults: DemoFaults
    clock: Callable[[], float]
    keys: IssuerKeys
    """The signer with its chain (signer, issuing CA) that signs credentials."""
    pki: DemoPki
    lock: threading.RLock = field(default_factory=threading.RLock)
    status_list: StatusList = field(default_factory=StatusList)
    #: the key wallets encrypt credential requests to (§10), published in the metadata
    encryption_key: ECKey = field(default_factory=lambda: ECKey.generate_key("P-256", private=True))
    offers: dict[str, dict[str, object]] = field(default_factory=dict)
    pre_auth: dict[str, PreAuthGrant] = field(default_factory=dict)
    issuer_states: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: issuer_state values whose authorization code was exchanged for a token
    redeemed_issuer_states: set[str] = field(default_factory=set)
    par_requests: dict[str, tuple[AuthRequest, float]] = field(default_factory=dict)
    sessions: dict[str, tuple[AuthRequest, float]] = field(default_factory=dict)
    codes: dict[str, tuple[AuthRequest, float]] = field(default_factory=dict)
    spent_codes: dict[str, list[str]] = field(default_factory=dict)
    tokens: dict[str, AccessGrant] = field(default_factory=dict)
    c_nonces: dict[str, float] = field(default_factory=dict)
    dpop_nonces: dict[str, float] = field(default_factory=dict)
    dpop_jtis: dict[str, float] = field(default_factory=dict)
    #: wallet attestation challenges handed out (App. E) and PoP jti values seen: expiry
    attestation_challenges: dict[str, float] = field(default_factory=dict)
    attestation_jtis: dict[str, float] = field(default_factory=dict)
    transactions: dict[str, Transaction] = field(default_factory=dict)
    notification_ids: dict[str, tuple[str, str]] = field(default_factory=dict)
    notifications: list[dict[str, object]] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    #: every credential sent in a credential or deferred response, for tests that check
    #: none of them leaks unencrypted (tests/e2e/conftest.py's secret scan)
    issued_credentials: list[str] = field(default_factory=list)

    @property
    def credential_issuer(self) -> str:
        """The Credential Issuer Identifier (§12.2.1)."""
        return self.base_url + self.config.issuer_path

    @property
    def as_path(self) -> str:
        """Path of the authorization server identifier under base_url."""
        separate = self.config.separate_as_path
        return self.config.issuer_path if separate is None else separate

    @property
    def as_issuer(self) -> str:
        """The authorization server identifier (RFC 8414 issuer)."""
        return self.base_url + self.as_path

    @property
    def status_uri(self) -> str:
        """The URI of the status list every credential refers to."""
        return self.credential_issuer + STATUS_PATH

    def credential_keys(self) -> IssuerKeys:
        """The keys that sign the next credential: the real signer and chain unless a trust
        fault is on (forged, expired_signer, broken_chain). Raises nothing."""
        faults, pki = self.faults, self.pki
        if faults.forged:
            return IssuerKeys.self_signed(self.credential_issuer, self.now())
        if faults.expired_signer:
            expired = pki.expired_signer()
            return IssuerKeys(expired, (expired.certificate, pki.issuing_ca.certificate))
        if faults.broken_chain:
            return IssuerKeys(pki.signer, (pki.signer.certificate, pki.impostor_ca().certificate))
        return self.keys

    def now(self) -> float:
        """The injected clock's time. Raises whatever the clock raises."""
        return self.clock()

    def current_dpop_nonce(self) -> str:
        """A server DPoP nonce valid for NONCE_LIFETIME; rotated every 60 s (RFC 9449 §8)."""
        now = self.now()
        with self.lock:
            for nonce, expires in self.dpop_nonces.items():
                if expires - now > NONCE_LIFETIME - 60:
                    return nonce
            nonce = new_secret(16)
            self.dpop_nonces[nonce] = now + NONCE_LIFETIME
            return nonce

    def dpop_nonce_valid(self, nonce: str) -> bool:
        """Whether `nonce` is a DPoP nonce this server handed out and is still valid."""
        with self.lock:
            expires = self.dpop_nonces.get(nonce)
        return expires is not None and expires > self.now()
