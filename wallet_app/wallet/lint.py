"""The issuer lint: findings with a stable check id, a severity and the spec section.

Every check is registered in :data:`CHECKS` (id → severity, section, one line). Metadata
checks run over an :class:`~wallet_app.wallet.explore.IssuerReport`
(:func:`wallet_app.wallet.lint_metadata.lint_report`); response checks run over a flow's
recorded exchanges (:func:`wallet_app.wallet.lint_responses.lint_exchanges`), whether from
a real issuance or from ``explore --probe`` (:mod:`wallet_app.wallet.lint_probe`).
A finding's message is a :class:`~wallet_app.errors.Sentence` with a literal template.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal
from urllib.parse import urlsplit

from wallet_app.errors import Sentence
from wallet_app.frozen import frozen
from wallet_app.oid4vci.urls import is_loopback_url

__all__ = [
    "CHECKS",
    "SEVERITIES",
    "Check",
    "Finding",
    "Severity",
    "finding",
    "json_strings",
    "not_https",
    "sort_findings",
]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

_O = "OID4VCI 1.0"


@frozen
class Check:
    """One lint check: its stable id, default severity, spec section and what it checks."""

    id: str
    severity: Severity
    section: str
    summary: str


@frozen
class Finding:
    """One thing a check found. ``where`` is a URL or a JSON path; ``exchange`` the index
    of the exchange in the flow's trace it is about (response checks)."""

    check: str
    severity: Severity
    section: str
    message: Sentence
    where: str | None = None
    exchange: int | None = None

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict (``explore --json`` ``findings[]``)."""
        out: dict[str, object] = {
            "check": self.check,
            "severity": self.severity,
            "section": self.section,
            "message": str(self.message),
        }
        if self.where is not None:
            out["where"] = self.where
        if self.exchange is not None:
            out["exchange"] = self.exchange
        return out


def _registry(*checks: Check) -> Mapping[str, Check]:
    return MappingProxyType({c.id: c for c in checks})


CHECKS: Mapping[str, Check] = _registry(
    # -- issuer metadata --------------------------------------------------------------------
    Check("issuer_metadata_invalid", "error", f"{_O} §12.2.4", "issuer metadata does not validate"),
    Check(
        "issuer_metadata_location",
        "warning",
        f"{_O} §12.2.2",
        "issuer metadata not at the 1.0 (inserted) well-known URL",
    ),
    Check(
        "credential_issuer_match",
        "error",
        f"{_O} §12.2.4",
        "credential_issuer differs from the identifier the metadata URL was built from",
    ),
    Check(
        "issuer_identifier_form",
        "error",
        f"{_O} §12.2.1",
        "the issuer identifier is not an https URL without query and fragment",
    ),
    Check("credential_endpoint_required", "error", f"{_O} §12.2.4", "no credential_endpoint"),
    Check("endpoint_https", "error", f"{_O} §12.2.4", "an issuer endpoint is not an https URL"),
    Check(
        "authorization_servers_shape",
        "error",
        f"{_O} §12.2.4",
        "authorization_servers is not a non-empty array of strings",
    ),
    Check(
        "configurations_required",
        "error",
        f"{_O} §12.2.4",
        "credential_configurations_supported missing, empty or not an object",
    ),
    Check("configuration_format", "error", f"{_O} §12.2.4", "a configuration has no format"),
    Check(
        "proof_types_binding",
        "error",
        f"{_O} §12.2.4",
        "proof_types_supported and cryptographic_binding_methods_supported not present together",
    ),
    Check(
        "proof_signing_algs",
        "error",
        f"{_O} §12.2.4",
        "a proof type without a non-empty proof_signing_alg_values_supported",
    ),
    Check(
        "proof_alg_weak",
        "error",
        f"{_O} App. F.1",
        "a proof type allows 'none' or a symmetric (HS*) algorithm",
    ),
    Check(
        "key_attestations_shape",
        "error",
        f"{_O} §12.2.4, App. D",
        "key_attestations_required is not an object of non-empty key_storage/user_authentication",
    ),
    Check(
        "key_attestations_required",
        "info",
        f"{_O} App. D",
        "a configuration requires key attestations (the wallet needs a wallet provider)",
    ),
    Check("display_shape", "error", f"{_O} §12.2.4", "display entries malformed (name, logo uri)"),
    Check(
        "display_locale_unique",
        "error",
        f"{_O} §12.2.4",
        "more than one display object for the same locale",
    ),
    Check(
        "nonce_endpoint",
        "warning",
        f"{_O} §7; HAIP 1.0 §4.1",
        "key binding without a nonce_endpoint",
    ),
    Check("batch_size", "error", f"{_O} §12.2.4", "batch_size not an integer of 2 or more"),
    Check(
        "encryption_enc_values",
        "error",
        f"{_O} §12.2.4; RFC 7518 §5.1",
        "enc_values_supported missing, empty or holding key management (alg) values",
    ),
    Check(
        "encryption_alg_values",
        "error",
        f"{_O} §12.2.4; RFC 7518 §4.1",
        "response alg_values_supported missing, empty or holding content (enc) values",
    ),
    Check(
        "request_encryption_jwks",
        "error",
        f"{_O} §12.2.4",
        "credential_request_encryption.jwks missing, or a key without kid or alg",
    ),
    Check(
        "encryption_required_flag",
        "error",
        f"{_O} §12.2.4",
        "encryption_required missing or not a boolean",
    ),
    Check(
        "signed_metadata_member",
        "warning",
        f"{_O} §12.2.3",
        "draft-era signed_metadata member (1.0 serves application/jwt instead)",
    ),
    Check(
        "signed_metadata_jwt",
        "error",
        f"{_O} §12.2.3",
        "signed metadata without typ openidvci-issuer-metadata+jwt, an asymmetric alg, a key "
        "reference, sub = the issuer, or iat",
    ),
    Check(
        "deprecated_member",
        "warning",
        f"{_O} §12.2.4",
        "a member from a pre-final draft in metadata otherwise shaped as 1.0",
    ),
    Check(
        "metadata_version",
        "info",
        f"{_O} §14.7",
        "the metadata follows a pre-final draft",
    ),
    Check(
        "configuration_scope",
        "warning",
        f"{_O} §12.2.4; HAIP 1.0 §4.1",
        "a configuration without scope, or a scope the authorization server does not list",
    ),
    # -- authorization server metadata --------------------------------------------------------
    Check(
        "as_metadata_missing",
        "error",
        "RFC 8414 §3; OID4VCI 1.0 §12.2.4",
        "no usable authorization server metadata",
    ),
    Check(
        "as_metadata_location",
        "error",
        "RFC 8414 §3.1; OID4VCI 1.0 §12.2.4",
        "AS metadata not at the RFC 8414 (inserted oauth-authorization-server) URL",
    ),
    Check(
        "as_issuer_match",
        "error",
        "RFC 8414 §3.3",
        "the AS metadata issuer differs from the AS identifier",
    ),
    Check(
        "as_required_members",
        "error",
        "RFC 8414 §2",
        "issuer, token_endpoint, authorization_endpoint or response_types_supported missing",
    ),
    Check("as_endpoint_https", "error", "RFC 8414 §2", "an AS endpoint is not an https URL"),
    Check(
        "grant_types_preauth",
        "error",
        "RFC 8414 §2; OID4VCI 1.0 §12.3",
        "pre-authorized code grant in use but not in grant_types_supported",
    ),
    Check(
        "grant_types_code",
        "error",
        "RFC 8414 §2",
        "authorization code grant offered but not in grant_types_supported",
    ),
    Check(
        "response_types_code",
        "error",
        "RFC 8414 §2; RFC 6749 §3.1.1",
        "authorization code grant without response type 'code'",
    ),
    Check(
        "pkce_s256",
        "warning",
        "RFC 7636 §4.2; HAIP 1.0 §4",
        "code_challenge_methods_supported missing or without S256",
    ),
    Check(
        "par_required_endpoint",
        "error",
        "RFC 9126 §5",
        "PAR required but no pushed_authorization_request_endpoint",
    ),
    Check(
        "par_endpoint",
        "info",
        "RFC 9126 §5; HAIP 1.0 §4",
        "authorization code grant without a PAR endpoint",
    ),
    Check(
        "dpop_algs",
        "error",
        "RFC 9449 §5.1",
        "dpop_signing_alg_values_supported empty, or 'none' or symmetric",
    ),
    Check(
        "anonymous_preauth_flag",
        "error",
        f"{_O} §12.3",
        "pre-authorized_grant_anonymous_access_supported is not a boolean",
    ),
    Check(
        "iss_parameter",
        "info",
        "RFC 9207 §3; HAIP 1.0 §4",
        "authorization responses without the iss parameter",
    ),
    # -- responses of a real flow (or of explore --probe) ------------------------------------
    Check("par_status", "error", "RFC 9126 §2.2", "a successful PAR answered other than 201"),
    Check(
        "par_response_members",
        "error",
        "RFC 9126 §2.2",
        "PAR response without request_uri or expires_in",
    ),
    Check("token_status", "error", "RFC 6749 §5.1, §5.2", "token response status not 200/400/401"),
    Check(
        "token_response_members",
        "error",
        "RFC 6749 §5.1",
        "token response without access_token or token_type",
    ),
    Check(
        "token_type_dpop",
        "warning",
        "RFC 9449 §5",
        "a DPoP-bound token request answered with token_type other than DPoP",
    ),
    Check("no_store", "error", "RFC 6749 §5.1", "token response without Cache-Control: no-store"),
    Check("nonce_status", "error", f"{_O} §7.2", "nonce response without a 2xx status"),
    Check(
        "nonce_no_store", "error", f"{_O} §7.2", "nonce response without Cache-Control: no-store"
    ),
    Check("nonce_response_members", "error", f"{_O} §7.2", "nonce response without c_nonce"),
    Check(
        "c_nonce_reuse", "info", f"{_O} §7.2", "the nonce endpoint returned the same c_nonce again"
    ),
    Check(
        "credential_status",
        "error",
        f"{_O} §8.3",
        "credential response status not 200, 202 or an error status",
    ),
    Check(
        "credential_response_members",
        "error",
        f"{_O} §8.3",
        "credential response without credentials / transaction_id (+ interval)",
    ),
    Check(
        "credential_without_token",
        "error",
        f"RFC 6750 §3.1; {_O} §8.3.1.1",
        "a credential request without an access token not answered with 401",
    ),
    Check(
        "www_authenticate_401",
        "error",
        "RFC 6750 §3; RFC 9449 §7.1",
        "a 401 response without WWW-Authenticate",
    ),
    Check(
        "notification_status",
        "info",
        f"{_O} §11.2",
        "a successful notification answered other than 204",
    ),
    Check(
        "content_type_json",
        "error",
        "RFC 6749 §5.1, §5.2; OID4VCI 1.0 §7.2, §8.3",
        "a JSON response not sent as application/json",
    ),
    Check("error_member", "error", "RFC 6749 §5.2", "an error response without an 'error' member"),
    Check(
        "error_description_member",
        "warning",
        "RFC 6749 §5.2",
        "error text in a non-standard member instead of error_description",
    ),
    Check(
        "error_code_registered",
        "warning",
        f"RFC 6749 §5.2; RFC 6750 §3.1; {_O} §8.3.1.2",
        "an error code not defined for the endpoint",
    ),
    Check(
        "preauth_code_error",
        "error",
        f"{_O} §6.3; RFC 6749 §5.2",
        "an unknown pre-authorized code not answered with 400 invalid_grant",
    ),
    Check(
        "tx_code_error", "error", f"{_O} §6.3", "a wrong tx_code not answered with invalid_grant"
    ),
    Check(
        "dpop_nonce_header",
        "error",
        "RFC 9449 §8, §9",
        "a use_dpop_nonce error without a DPoP-Nonce header",
    ),
    Check(
        "dpop_nonce_loop",
        "warning",
        "RFC 9449 §8",
        "a retry with the server's DPoP nonce was challenged again",
    ),
    Check("server_error", "warning", "RFC 9110 §15.6", "the server answered with a 5xx status"),
)


def finding(
    check: str,
    message: Sentence,
    *,
    where: str | None = None,
    exchange: int | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding of registered check ``check`` (its severity unless overridden).

    Raises KeyError for an unregistered check id (a bug at the call site).
    """
    spec = CHECKS[check]
    return Finding(
        check=check,
        severity=severity or spec.severity,
        section=spec.section,
        message=message,
        where=where,
        exchange=exchange,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; stable within a severity. A finding repeated
    with the same check, message and place (two nonce probes alike) is kept once."""
    seen: set[tuple[str, str, str | None]] = set()
    unique = []
    for f in findings:
        key = (f.check, str(f.message), f.where)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return sorted(unique, key=lambda f: SEVERITIES.index(f.severity))


def json_strings(value: object) -> list[str] | None:
    """The value as a list of strings, or None when it is not an array of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return [str(v) for v in value]


def not_https(url: object) -> bool:
    """True when ``url`` is not an https URL (http on loopback is tolerated: a test server)."""
    if not isinstance(url, str) or not url:
        return True
    if is_loopback_url(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    return parts.scheme != "https" or not parts.hostname
