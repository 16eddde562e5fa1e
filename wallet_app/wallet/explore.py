"""Explore an issuer: every metadata URL tried, the documents, and what they promise.

The explorer (GUI) and ``wallet-app explore`` show an :class:`IssuerReport`: issuer metadata
(§12.2) found through the 1.0 inserted well-known path or the legacy appended one, each
authorization server's metadata (§12.3, RFC 8414 §3), a summary of capabilities and the raw
JSON. A document that exists but does not validate is reported, not raised.

Bounded: of a document describing more than :data:`EXPLORED_CONFIGURATIONS` credential
configurations, the first ones are parsed, linted and shown and the rest counted
(``IssuerReport.omitted_configurations``): 100,000 of them once took 12 s and printed 33 MB.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from itertools import islice

import httpx

from wallet_app.errors import MetadataError, WalletError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.client import FetchAttempt, MetadataFetch, Oid4vciClient
from wallet_app.oid4vci.dialect import version_label
from wallet_app.oid4vci.exchange import Exchange
from wallet_app.oid4vci.http import DEFAULT_MAX_RESPONSE_BYTES, HttpSession
from wallet_app.oid4vci.metadata import parse_auth_server_metadata, parse_issuer_metadata
from wallet_app.oid4vci.models import (
    AuthServerMetadata,
    ClaimDescription,
    CredentialConfiguration,
    Display,
    IssuerMetadata,
    ProofTypeSupport,
)
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.lint import Finding, sort_findings
from wallet_app.wallet.lint_metadata import lint_report

__all__ = [
    "EXPLORED_CONFIGURATIONS",
    "PRE_AUTHORIZED_GRANT",
    "AuthServerReport",
    "ConfigurationSummary",
    "EncryptionSummary",
    "IssuerReport",
    "Problem",
    "explore_issuer",
]

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
#: credential configurations explore examines at most (real issuers describe a few dozen)
EXPLORED_CONFIGURATIONS = 200
_NO_PROOF = ProofTypeSupport(signing_algs=())
#: RFC 8414 §2: what an AS supports when it omits ``grant_types_supported``.
_DEFAULT_GRANTS = ("authorization_code", "implicit")


@frozen
class Problem:
    """Why a document that was found cannot be used (a MetadataError, as data).

    ``message`` is the English sentence; built by :meth:`of` it is a
    :class:`~wallet_app.errors.Sentence` that keeps the error's template and params, so the
    GUI can translate it (``to_json`` writes the sentence only).
    """

    code: str
    message: str
    detail: str | None

    @classmethod
    def of(cls, exc: WalletError) -> Problem:
        """The problem described by ``exc``. Raises nothing."""
        return cls(exc.code, exc.sentence, exc.detail)

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict."""
        return {"code": self.code, "message": self.message, "detail": self.detail}


@frozen
class EncryptionSummary:
    """``credential_request_encryption`` / ``credential_response_encryption`` (§12.2.4)."""

    supported: bool
    required: bool
    alg_values: tuple[str, ...] = ()
    enc_values: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict."""
        return {
            "supported": self.supported,
            "required": self.required,
            "alg_values_supported": list(self.alg_values),
            "enc_values_supported": list(self.enc_values),
        }


@frozen
class ConfigurationSummary:
    """One credential configuration as the explorer shows it (§12.2.4); ``raw`` is its
    entry in the metadata document (for what the model does not keep)."""

    configuration: CredentialConfiguration
    raw: Mapping[str, object] = field(default_factory=dict, repr=False)

    def key_attestations(self, proof_type: str) -> Mapping[str, object] | None:
        """``key_attestations_required`` of ``proof_type`` as published (App. D): an object
        with ``key_storage`` / ``user_authentication`` lists, or None when not required."""
        proofs = self.raw.get("proof_types_supported")
        proof = proofs.get(proof_type) if isinstance(proofs, Mapping) else None
        value = proof.get("key_attestations_required") if isinstance(proof, Mapping) else None
        if isinstance(value, Mapping):
            return value
        if self.configuration.proof_types.get(proof_type, _NO_PROOF).key_attestations_required:
            return {}  # required, in a shape the model normalised (e.g. a draft's boolean)
        return None

    @property
    def key_attestation_required(self) -> bool:
        """Whether any proof type requires key attestations (§12.2.4, App. D)."""
        return any(p.key_attestations_required for p in self.configuration.proof_types.values())

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict."""
        c = self.configuration
        return {
            "id": c.id,
            "format": c.format,
            "scope": c.scope,
            "vct": c.vct,
            "doctype": c.doctype,
            "cryptographic_binding_methods_supported": list(c.binding_methods),
            "credential_signing_alg_values_supported": list(c.signing_algs),
            "proof_types_supported": {
                name: {
                    "proof_signing_alg_values_supported": list(p.signing_algs),
                    "key_attestations_required": self.key_attestations(name),
                }
                for name, p in c.proof_types.items()
            },
            "key_attestation_required": self.key_attestation_required,
            "display": [display_json(d) for d in c.display],
            "claims": [claim_json(cl) for cl in c.claims],
        }


@frozen
class AuthServerReport:
    """One authorization server: URLs tried, its document, validation result."""

    identifier: str
    attempts: tuple[FetchAttempt, ...]
    url: str | None = None
    raw: Mapping[str, object] | None = field(default=None, repr=False)
    metadata: AuthServerMetadata | None = None
    problem: Problem | None = None

    @property
    def grant_types(self) -> tuple[str, ...]:
        """Listed grant types, or the RFC 8414 §2 default when the list is absent."""
        if self.metadata is None:
            return ()
        return self.metadata.grant_types_supported or _DEFAULT_GRANTS

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict."""
        md = self.metadata
        summary: dict[str, object] | None = None
        if md is not None:
            summary = {
                "authorization_endpoint": md.authorization_endpoint,
                "token_endpoint": md.token_endpoint,
                "pushed_authorization_request_endpoint": md.pushed_authorization_request_endpoint,
                "require_pushed_authorization_requests": md.require_pushed_authorization_requests,
                "dpop_signing_alg_values_supported": list(md.dpop_signing_alg_values_supported),
                "code_challenge_methods_supported": list(md.code_challenge_methods_supported),
                "pre-authorized_grant_anonymous_access_supported": (
                    md.pre_authorized_grant_anonymous_access_supported
                ),
                "authorization_response_iss_parameter_supported": (
                    md.authorization_response_iss_parameter_supported
                ),
                "grant_types_supported": list(self.grant_types),
                "scopes_supported": list(md.scopes_supported),
            }
        return {
            "identifier": self.identifier,
            "url": self.url,
            "attempts": [attempt_json(a) for a in self.attempts],
            **({"problem": self.problem.to_json()} if self.problem else {}),
            "summary": summary,
        }


@frozen
class IssuerReport:
    """What the explorer learned about one credential issuer."""

    issuer_url: str
    url: str
    attempts: tuple[FetchAttempt, ...]
    raw: Mapping[str, object] = field(repr=False)
    version_hint: str
    metadata: IssuerMetadata | None
    problem: Problem | None
    configurations: tuple[ConfigurationSummary, ...]
    request_encryption: EncryptionSummary
    response_encryption: EncryptionSummary
    auth_servers: tuple[AuthServerReport, ...]
    #: the issuer lint's findings (metadata; with ``explore --probe`` also responses)
    findings: tuple[Finding, ...] = ()
    #: configurations the document describes beyond :data:`EXPLORED_CONFIGURATIONS`: left
    #: out of ``raw`` (and so of the parse, the lint and the output), only counted
    omitted_configurations: int = 0

    @property
    def usable(self) -> bool:
        """True when the issuer metadata validated and one authorization server did."""
        return self.problem is None and any(a.metadata for a in self.auth_servers)

    @property
    def display(self) -> tuple[Display, ...]:
        """The issuer's display entries in every locale."""
        return self.metadata.display if self.metadata else ()

    @property
    def grants_supported(self) -> tuple[str, ...]:
        """The grant types any usable authorization server supports, in order."""
        grants: dict[str, None] = {}
        for server in self.auth_servers:
            grants.update(dict.fromkeys(server.grant_types))
        return tuple(grants)

    def endpoints(self) -> dict[str, str | None]:
        """The issuer's endpoints by metadata name (§12.2.4)."""
        md = self.metadata
        return {
            "credential_endpoint": md.credential_endpoint if md else None,
            "nonce_endpoint": md.nonce_endpoint if md else None,
            "deferred_credential_endpoint": md.deferred_credential_endpoint if md else None,
            "notification_endpoint": md.notification_endpoint if md else None,
        }

    def documents(self) -> list[tuple[str, str, Mapping[str, object]]]:
        """Every fetched document as (role, url, JSON)."""
        docs: list[tuple[str, str, Mapping[str, object]]] = [("issuer", self.url, self.raw)]
        for server in self.auth_servers:
            if server.raw is not None and server.url is not None:
                docs.append(("authorization_server", server.url, server.raw))
        return docs

    def all_attempts(self) -> list[tuple[str, FetchAttempt]]:
        """Every URL tried, in order, with the role it was tried for."""
        rows = [("issuer", a) for a in self.attempts]
        for server in self.auth_servers:
            rows.extend(("authorization_server", a) for a in server.attempts)
        return rows

    def to_json(self) -> dict[str, object]:
        """The ``explore --json`` document."""
        md = self.metadata
        return {
            "credential_issuer": self.issuer_url,
            "metadata_url": self.url,
            "version_hint": self.version_hint,
            "attempts": [attempt_json(a) for a in self.attempts],
            **({"problem": self.problem.to_json()} if self.problem else {}),
            "usable": self.usable,
            "display": [display_json(d) for d in self.display],
            "endpoints": self.endpoints(),
            "batch_size": md.batch_size if md else None,
            "credential_request_encryption": self.request_encryption.to_json(),
            "credential_response_encryption": self.response_encryption.to_json(),
            "grants_supported": list(self.grants_supported),
            "credential_configurations": [c.to_json() for c in self.configurations],
            "credential_configurations_omitted": self.omitted_configurations,
            "authorization_servers": [a.to_json() for a in self.auth_servers],
            "documents": [
                {"role": role, "url": url, "json": dict(doc)} for role, url, doc in self.documents()
            ],
            "findings": [f.to_json() for f in self.findings],
        }


def attempt_json(attempt: FetchAttempt) -> dict[str, object]:
    """A FetchAttempt as JSON."""
    return {"url": attempt.url, "status": attempt.status, "outcome": attempt.outcome}


def display_json(display: Display) -> dict[str, object]:
    """A display entry as JSON (only the members present)."""
    out: dict[str, object] = {
        "name": display.name,
        "locale": display.locale,
        "description": display.description,
        "background_color": display.background_color,
        "text_color": display.text_color,
        "background_image": display.background_image,
        "logo": display.logo.uri if display.logo else None,
    }
    return {k: v for k, v in out.items() if v is not None}


def claim_json(claim: ClaimDescription) -> dict[str, object]:
    """A claim description with all its labels as JSON."""
    return {
        "path": list(claim.path),
        "mandatory": claim.mandatory,
        "display": [{"name": d.name, "locale": d.locale} for d in claim.display],
    }


def _encryption(raw: Mapping[str, object], key: str) -> EncryptionSummary:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        return EncryptionSummary(supported=False, required=False)

    def strings(name: str) -> tuple[str, ...]:
        items = value.get(name)
        return tuple(i for i in items if isinstance(i, str)) if isinstance(items, list) else ()

    algs = strings("alg_values_supported")
    jwks = value.get("jwks")
    keys = jwks.get("keys") if isinstance(jwks, Mapping) else None
    if not algs and isinstance(keys, list):  # 1.0 request encryption: the keys name the alg
        found = (k.get("alg") for k in keys if isinstance(k, Mapping))
        algs = tuple(dict.fromkeys(a for a in found if isinstance(a, str)))
    return EncryptionSummary(
        supported=True,
        required=value.get("encryption_required") is True,
        alg_values=algs,
        enc_values=strings("enc_values_supported"),
    )


def _auth_server_ids(issuer_url: str, raw: Mapping[str, object]) -> tuple[str, ...]:
    """The AS ids the document names (even when it did not validate), else the issuer."""
    listed = raw.get("authorization_servers")
    if isinstance(listed, list):
        ids = tuple(s for s in listed if isinstance(s, str) and s)
        if ids:
            return ids
    single = raw.get("authorization_server")  # drafts ≤ 12
    if isinstance(single, str) and single:
        return (single,)
    return (issuer_url,)


def _explore_auth_server(
    client: Oid4vciClient, as_id: str, seen: list[Exchange]
) -> AuthServerReport:
    start = len(seen)
    try:
        found = client.discover_auth_server_metadata(as_id)
    except WalletError as exc:  # the issuer is known; a broken AS is part of the report
        tried = tuple(
            FetchAttempt(ex.url, ex.status, ex.error or f"HTTP {ex.status}") for ex in seen[start:]
        )
        return AuthServerReport(as_id, tried, problem=Problem.of(exc))
    try:
        md = parse_auth_server_metadata(found.doc, expected_issuer=as_id, url=found.url)
    except MetadataError as exc:
        return AuthServerReport(
            as_id, found.attempts, found.url, found.doc, problem=Problem.of(exc)
        )
    return AuthServerReport(as_id, found.attempts, found.url, found.doc, metadata=md)


def _issuer_part(
    issuer_url: str, found: MetadataFetch
) -> tuple[IssuerMetadata | None, Problem | None]:
    try:
        md = parse_issuer_metadata(found.doc, expected_issuer=issuer_url, url=found.url)
    except MetadataError as exc:
        return None, Problem.of(exc)
    return md, None


def explore_issuer(
    http: httpx.Client,
    issuer_url: str,
    *,
    flow: Flow,
    allow_http_loopback: bool = True,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> IssuerReport:
    """Fetch and validate an issuer's metadata and its authorization servers' (§12.2, §12.3).

    Every exchange goes to ``flow``'s trace. An invalid document (e.g. a ``credential_issuer``
    mismatch) is reported in ``IssuerReport.problem``. Raises MetadataError when no issuer
    metadata is found at any well-known URL or the URL is malformed, NetworkError when the
    issuer cannot be reached or its address is refused.
    """
    seen: list[Exchange] = []

    def record(exchange: Exchange) -> None:
        seen.append(exchange)
        flow.add(exchange)

    session = HttpSession(
        http,
        on_exchange=record,
        allow_http_loopback=allow_http_loopback,
        max_response_bytes=max_response_bytes,
    )
    client = Oid4vciClient(session)
    found = client.discover_issuer_metadata(issuer_url)
    doc, omitted = _bounded(found.doc)
    found = replace(found, doc=doc)
    metadata, problem = _issuer_part(issuer_url, found)
    as_ids = metadata.auth_server_ids() if metadata else _auth_server_ids(issuer_url, found.doc)
    servers = tuple(_explore_auth_server(client, as_id, seen) for as_id in as_ids)
    report = IssuerReport(
        issuer_url=issuer_url,
        url=found.url,
        attempts=found.attempts,
        raw=found.doc,
        version_hint=version_label(found.doc),
        metadata=metadata,
        problem=problem,
        configurations=tuple(
            ConfigurationSummary(c, _configuration_raw(found.doc, c.id))
            for c in (metadata.configurations.values() if metadata else ())
        ),
        request_encryption=_encryption(found.doc, "credential_request_encryption"),
        response_encryption=_encryption(found.doc, "credential_response_encryption"),
        auth_servers=servers,
        omitted_configurations=omitted,
    )
    return replace(report, findings=tuple(sort_findings(lint_report(report))))


def _bounded(doc: Mapping[str, object]) -> tuple[Mapping[str, object], int]:
    """``doc`` with at most :data:`EXPLORED_CONFIGURATIONS` configurations (the 1.0 map or
    the drafts' ``credentials_supported``), and how many were left out."""
    for key in ("credential_configurations_supported", "credentials_supported"):
        configs = doc.get(key)
        if isinstance(configs, Mapping) and len(configs) > EXPLORED_CONFIGURATIONS:
            kept: object = dict(islice(configs.items(), EXPLORED_CONFIGURATIONS))
        elif isinstance(configs, list) and len(configs) > EXPLORED_CONFIGURATIONS:
            kept = configs[:EXPLORED_CONFIGURATIONS]
        else:
            continue
        return {**doc, key: kept}, len(configs) - EXPLORED_CONFIGURATIONS
    return doc, 0


def _configuration_raw(doc: Mapping[str, object], conf_id: str) -> Mapping[str, object]:
    configs = doc.get("credential_configurations_supported")
    entry = configs.get(conf_id) if isinstance(configs, Mapping) else None
    return entry if isinstance(entry, Mapping) else {}
