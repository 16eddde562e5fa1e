"""Offer resolution: from pasted text to an offer with validated metadata.

Issuer metadata and a speculative fetch of the authorization-server metadata at the issuer's
own identifier run side by side (most issuers are their own AS), so resolving a by-value
offer costs one round trip.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import field
from typing import TYPE_CHECKING, Literal

from wallet_app.errors import AttestationRequired, MetadataError, OfferError, WalletError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.attestation import needs_key_attestation, requires_wallet_attestation
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.dialect import Draft, detect_draft
from wallet_app.oid4vci.encryption import plan_encryption
from wallet_app.oid4vci.http import is_loopback_url
from wallet_app.oid4vci.metadata import (
    legacy_auth_server_metadata,
    parse_auth_server_metadata,
    parse_issuer_metadata,
    select_auth_server,
)
from wallet_app.oid4vci.models import (
    AuthServerMetadata,
    CredentialConfiguration,
    CredentialOffer,
    IssuerMetadata,
    OfferReference,
)
from wallet_app.oid4vci.offer import parse_offer, parse_offer_json
from wallet_app.oid4vci.proof import choose_proof_alg
from wallet_app.profiles import ClientProfile

if TYPE_CHECKING:
    from wallet_app.trust.anchors import TrustAnchor
    from wallet_app.trust.chain import ChainResult
    from wallet_app.wallet.store import CredentialStore

__all__ = [
    "GrantChoice",
    "MetadataCache",
    "MetadataTrust",
    "ResolvedIssuer",
    "ResolvedOffer",
    "check_supported",
    "needs_key_attestation",
    "resolve_issuer",
]

GrantChoice = Literal["pre-authorized_code", "authorization_code"]


@frozen
class ResolvedIssuer:
    """An issuer with validated metadata and the AS chosen for a grant."""

    issuer: IssuerMetadata
    auth_server: AuthServerMetadata
    #: the signer of signed metadata (OID4VCI 1.0 §12.2.3): who vouches for the issuer before
    #: anything is issued (anchor set: the signed values are used), or a signer no anchor
    #: vouches for (anchor None: the unsigned form was used, ``prefer``); None without signed
    #: metadata (not kept in to_json)
    issuer_trust: ChainResult | None = field(default=None, compare=False, repr=False)

    @property
    def local(self) -> bool:
        """True when the issuer is on a loopback address (plain http allowed)."""
        return is_loopback_url(self.issuer.credential_issuer)

    def to_json(self) -> dict[str, object]:
        """Raw documents to rebuild this after a restart, without network."""
        legacy = self.auth_server == legacy_auth_server_metadata(self.issuer)
        auth_doc = {"__legacy__": True} if legacy else dict(self.auth_server.raw)
        return {
            "issuer": {
                "id": self.issuer.credential_issuer,
                "url": self.issuer.url,
                "doc": dict(self.issuer.raw),
            },
            "auth_server": {
                "id": self.auth_server.issuer,
                "url": self.auth_server.url,
                "doc": auth_doc,
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ResolvedIssuer:
        """Rebuild from :meth:`to_json` output. Raises MetadataError if it is damaged."""
        issuer = _section(data, "issuer")
        auth = _section(data, "auth_server")
        issuer_md = parse_issuer_metadata(
            _doc(issuer), expected_issuer=str(issuer.get("id")), url=str(issuer.get("url", ""))
        )
        auth_doc = _doc(auth)
        if auth_doc.get("__legacy__"):
            legacy = legacy_auth_server_metadata(issuer_md)
            if legacy is None:
                raise MetadataError(detail="stored legacy AS metadata is unusable")
            return cls(issuer_md, legacy)
        auth_md = parse_auth_server_metadata(
            auth_doc, expected_issuer=str(auth.get("id")), url=str(auth.get("url", ""))
        )
        return cls(issuer_md, auth_md)


def _section(data: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise MetadataError(detail=f"stored metadata lacks {key}")
    return value


def _doc(section: Mapping[str, object]) -> Mapping[str, object]:
    doc = section.get("doc")
    if not isinstance(doc, Mapping):
        raise MetadataError(detail="stored metadata document missing")
    return doc


@frozen
class ResolvedOffer:
    """An offer whose issuer and authorization server are known and validated."""

    offer: CredentialOffer
    resolved: ResolvedIssuer
    configurations: tuple[CredentialConfiguration, ...]
    grant: GrantChoice
    unknown_configuration_ids: tuple[str, ...] = ()
    source: str = field(default="", repr=False)
    #: how the wallet presents itself to this issuer (client id, redirect, attestation, DPoP,
    #: draft): the one chosen in the review or on the command line, else the remembered one
    profile: ClientProfile = field(default_factory=ClientProfile)

    @property
    def draft(self) -> Draft:
        """The protocol draft spoken with this issuer: the profile's override, else the one
        the metadata (and the offer) show."""
        if self.profile.draft is not None:
            return self.profile.draft
        return detect_draft(self.issuer, self.offer)

    @property
    def issuer(self) -> IssuerMetadata:
        """The issuer's metadata."""
        return self.resolved.issuer

    @property
    def auth_server(self) -> AuthServerMetadata:
        """The authorization server's metadata."""
        return self.resolved.auth_server


@frozen
class MetadataTrust:
    """The signed issuer metadata policy (OID4VCI 1.0 §12.2.3) and what it needs:
    ``ignore`` (not asked for), ``prefer`` (asked for, used when it verifies, else the
    unsigned metadata), ``require`` (an issuer without verified signed metadata is refused)."""

    policy: str
    anchors: Callable[[], Sequence[TrustAnchor]]
    clock: Callable[[], float] = time.time

    @classmethod
    def of_store(
        cls, policy: str, store: CredentialStore, clock: Callable[[], float] = time.time
    ) -> MetadataTrust:
        """The policy with the store's trust anchors (read when metadata is verified)."""
        return cls(policy, lambda: [s.anchor for s in store.list_anchors()], clock)


class MetadataCache:
    """Validated metadata kept for ``ttl`` seconds (a per-process cache)."""

    def __init__(self, ttl: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._issuers: dict[str, tuple[float, IssuerMetadata]] = {}
        self._trust: dict[str, ChainResult] = {}
        self._servers: dict[str, tuple[float, AuthServerMetadata]] = {}
        self._lock = threading.Lock()

    def issuer(self, issuer_id: str) -> IssuerMetadata | None:
        """A cached, still fresh issuer metadata document."""
        with self._lock:
            hit = self._issuers.get(issuer_id)
        return hit[1] if hit and self.clock() - hit[0] < self.ttl else None

    def auth_server(self, as_id: str) -> AuthServerMetadata | None:
        """A cached, still fresh AS metadata document."""
        with self._lock:
            hit = self._servers.get(as_id)
        return hit[1] if hit and self.clock() - hit[0] < self.ttl else None

    def issuer_age(self, issuer_id: str) -> float | None:
        """Seconds since the issuer's metadata was cached, while it is fresh; else None."""
        with self._lock:
            hit = self._issuers.get(issuer_id)
        age = self.clock() - hit[0] if hit else None
        return age if age is not None and age < self.ttl else None

    def put_issuer(self, md: IssuerMetadata, trust: ChainResult | None = None) -> None:
        """Remember issuer metadata (and the signer of its verified signed form)."""
        with self._lock:
            self._issuers[md.credential_issuer] = (self.clock(), md)
            if trust is None:
                self._trust.pop(md.credential_issuer, None)
            else:
                self._trust[md.credential_issuer] = trust

    def issuer_trust(self, issuer_id: str) -> ChainResult | None:
        """The signer of the cached issuer metadata, when it came signed (see ResolvedIssuer)."""
        with self._lock:
            return self._trust.get(issuer_id)

    def put_auth_server(self, md: AuthServerMetadata) -> None:
        """Remember AS metadata."""
        with self._lock:
            self._servers[md.issuer] = (self.clock(), md)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._issuers.clear()
            self._servers.clear()
            self._trust.clear()


def _fetch_as(client: Oid4vciClient, cache: MetadataCache, as_id: str) -> AuthServerMetadata:
    cached = cache.auth_server(as_id)
    if cached is not None:
        return cached
    md = client.fetch_auth_server_metadata(as_id)
    cache.put_auth_server(md)
    return md


def resolve_issuer(
    client: Oid4vciClient,
    cache: MetadataCache,
    executor: Executor,
    credential_issuer: str,
    *,
    as_hint: str | None = None,
    trust: MetadataTrust | None = None,
) -> ResolvedIssuer:
    """Fetch issuer metadata and the right AS metadata, overlapping the two where possible.

    ``trust``: the signed metadata policy (None: ignore). Raises MetadataError /
    NetworkError.
    """
    resolved = _resolve_issuer(client, cache, executor, credential_issuer, as_hint, trust)
    signer = cache.issuer_trust(credential_issuer)
    return resolved if signer is None else _with_trust(resolved, signer)


def _with_trust(resolved: ResolvedIssuer, signer: ChainResult) -> ResolvedIssuer:
    return ResolvedIssuer(resolved.issuer, resolved.auth_server, issuer_trust=signer)


def _fetch_issuer(
    client: Oid4vciClient, credential_issuer: str, trust: MetadataTrust | None
) -> tuple[IssuerMetadata, ChainResult | None]:
    """The issuer's metadata under the signed metadata policy, with the signer of its
    verified signed form. Raises MetadataError / NetworkError."""
    if trust is None or trust.policy == "ignore":
        return client.fetch_issuer_metadata(credential_issuer), None
    found = client.discover_issuer_metadata(credential_issuer, signed=True)
    if found.jwt is None:
        if trust.policy == "require":
            raise MetadataError(
                "The issuer does not sign its metadata, and your settings require signed metadata.",
                detail=f"{found.url} answered application/json",
                code="signed_metadata_required",
            )
        md = parse_issuer_metadata(found.doc, expected_issuer=credential_issuer, url=found.url)
        return md, None
    from wallet_app.trust.signed_metadata import verify_signed_metadata

    claims, checks, chain = verify_signed_metadata(
        found.jwt, credential_issuer=credential_issuer, anchors=trust.anchors(), now=trust.clock()
    )
    if claims is not None and chain is not None:
        md = parse_issuer_metadata(claims, expected_issuer=credential_issuer, url=found.url)
        return md, chain
    reason = checks[-1].detail if checks else ""
    if trust.policy == "require":
        raise MetadataError(
            "The issuer's signed metadata could not be trusted, and your settings require "
            "signed metadata. {reason}",
            params={"reason": reason},
            code="signed_metadata_untrusted",
        )
    # prefer: the signed form is not used; the unsigned one is asked for instead. A signer
    # no anchor vouches for (or whose chain fails) is still shown in the review, as such.
    shown = chain if chain is not None and chain.anchor is None else None
    return client.fetch_issuer_metadata(credential_issuer), shown


def _resolve_issuer(
    client: Oid4vciClient,
    cache: MetadataCache,
    executor: Executor,
    credential_issuer: str,
    as_hint: str | None,
    trust: MetadataTrust | None,
) -> ResolvedIssuer:
    speculative: Future[AuthServerMetadata] | None = None
    issuer_md = cache.issuer(credential_issuer)
    if issuer_md is None:
        # Guess only the issuer itself: an offer's AS hint is not validated until the
        # issuer's metadata lists it (§4.1.1), so it is never contacted before that.
        if cache.auth_server(credential_issuer) is None:
            speculative = executor.submit(_fetch_as, client, cache, credential_issuer)
        try:
            issuer_md, signer = _fetch_issuer(client, credential_issuer, trust)
        except BaseException:
            if speculative is not None:
                speculative.cancel()
            raise
        cache.put_issuer(issuer_md, signer)
    as_id = select_auth_server(issuer_md, as_hint)
    if speculative is not None and credential_issuer == as_id:
        try:
            return ResolvedIssuer(issuer_md, speculative.result())
        except WalletError:
            legacy = legacy_auth_server_metadata(issuer_md)
            if legacy is None:
                raise
            return ResolvedIssuer(issuer_md, legacy)
    # A wrong guess is left to finish in the background; its result is simply not used.
    try:
        return ResolvedIssuer(issuer_md, _fetch_as(client, cache, as_id))
    except WalletError:
        legacy = legacy_auth_server_metadata(issuer_md)
        if legacy is None:
            raise
        return ResolvedIssuer(issuer_md, legacy)


def read_offer(client: Oid4vciClient, text: str) -> CredentialOffer:
    """Parse pasted/scanned text and dereference ``credential_offer_uri`` if needed."""
    parsed = parse_offer(text)
    if isinstance(parsed, OfferReference):
        return client.fetch_offer(parsed.uri)
    return parsed


def choose_grant(offer: CredentialOffer, prefer: GrantChoice | None) -> GrantChoice:
    """Pick the grant: the preferred one if offered, else pre-authorized, else code."""
    offered: list[GrantChoice] = []
    if offer.pre_authorized_code is not None:
        offered.append("pre-authorized_code")
    if offer.authorization_code is not None:
        offered.append("authorization_code")
    if prefer is not None and prefer in offered:
        return prefer
    if prefer is not None and offered:
        raise OfferError(
            "This offer cannot be received that way.",
            detail=f"grant {prefer} not offered; offered: {offered}",
            code="grant_not_offered",
        )
    # No grants at all: the wallet discovers them from the AS (§4.1.1) → code flow.
    return offered[0] if offered else "authorization_code"


def offer_from_json(doc: object) -> CredentialOffer:
    """Re-read a stored offer document."""
    return parse_offer_json(doc)


def check_supported(
    issuer: IssuerMetadata,
    configurations: Sequence[CredentialConfiguration],
    *,
    auth_server: AuthServerMetadata | None = None,
    profile: ClientProfile | None = None,
) -> None:
    """Refuse, before any code is spent, what this wallet cannot complete.

    Checks proof types and proof algorithms of each configuration, that the issuer's required
    encryption (§8.2, §10) is possible and, when the client ``profile`` names no wallet
    provider, that neither a key attestation (App. D) nor a wallet attestation (the AS
    accepts only attestation-based client authentication, App. E) is required; a provider
    file cannot attest new keys, so with one no key attestation may be required. Raises
    MetadataError, AttestationRequired.
    """
    missing: list[str] = []
    detail: list[str] = []
    wallet_provider = profile.wallet_provider if profile is not None else None
    if (
        wallet_provider is None
        and auth_server is not None
        and requires_wallet_attestation(auth_server)
    ):
        missing.append("wallet_attestation")
        detail.append(f"{auth_server.issuer}: token_endpoint_auth_methods_supported")
    for conf in configurations:
        if conf.requires_proof:
            choose_proof_alg(conf)
            # a provider file's key attestation is fixed: it cannot attest keys made now
            if wallet_provider != "dev" and needs_key_attestation(conf):
                if "key_attestation" not in missing:
                    missing.append("key_attestation")
                detail.append(f"{conf.id}: key_attestations_required")
    plan_encryption(issuer)  # raises MetadataError when required encryption is impossible
    if missing and wallet_provider is not None:
        raise AttestationRequired(
            "The wallet provider file has no key attestation for the keys of this "
            "credential. Retry with the development wallet provider?",
            detail=f"{wallet_provider}: cannot attest new keys; {'; '.join(detail)}",
            missing=("key_attestation",),
        )
    if missing:
        raise attestation_required(tuple(missing), "; ".join(detail))


def attestation_required(missing: tuple[str, ...], detail: str) -> AttestationRequired:
    """The refusal that names what the issuer requires (and offers the development
    provider). Raises nothing."""
    hint = f"{detail}; use --wallet-provider dev (development only) or --wallet-provider FILE"
    if missing == ("key_attestation",):
        return AttestationRequired(detail=hint, missing=missing)
    if missing == ("wallet_attestation",):
        return AttestationRequired(
            "This issuer requires a wallet attestation from a wallet provider. Retry with "
            "the development wallet provider?",
            detail=hint,
            missing=missing,
            code="wallet_attestation_required",
        )
    return AttestationRequired(
        "This issuer requires a wallet attestation and a key attestation from a wallet "
        "provider. Retry with the development wallet provider?",
        detail=hint,
        missing=missing,
        code="wallet_attestation_required",
    )
