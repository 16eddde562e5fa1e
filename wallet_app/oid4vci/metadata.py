"""Issuer and Authorization Server metadata: well-known URLs, parsing, validation (§12.2, §12.3).

Documents are normalised to the 1.0 model; the draft shapes still deployed (draft 11–15:
``credentials_supported``, config-level ``display``/``claims`` maps, ``authorization_server``,
``token_endpoint``) are converted by :mod:`wallet_app.oid4vci.metadata_legacy`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Literal, TypeGuard
from urllib.parse import urlsplit

from wallet_app.errors import MetadataError
from wallet_app.oid4vci import metadata_legacy as legacy
from wallet_app.oid4vci.metadata_legacy import parse_claim_display
from wallet_app.oid4vci.models import (
    AuthServerMetadata,
    ClaimDescription,
    CredentialConfiguration,
    Display,
    IssuerMetadata,
    Logo,
    ProofTypeSupport,
)

__all__ = [
    "auth_server_metadata_urls",
    "is_claims_path",
    "issuer_metadata_urls",
    "legacy_auth_server_metadata",
    "parse_auth_server_metadata",
    "parse_claim_display",
    "parse_credential_configuration",
    "parse_display",
    "parse_issuer_metadata",
    "select_auth_server",
]

log = logging.getLogger(__name__)

ISSUER_WELL_KNOWN = "/.well-known/openid-credential-issuer"
OAUTH_WELL_KNOWN = "/.well-known/oauth-authorization-server"
OIDC_WELL_KNOWN = "/.well-known/openid-configuration"
legacy_auth_server_metadata = legacy.legacy_auth_server_metadata

_Party = Literal["issuer", "authorization server"]
_INVALID_IDENTIFIER: Mapping[_Party, str] = {
    "issuer": "The issuer address is not valid.",
    "authorization server": "The authorization server address is not valid.",
}
_INVALID_ENDPOINT: Mapping[_Party, str] = {
    "issuer": "The issuer configuration has an invalid address for {key}.",
    "authorization server": (
        "The authorization server configuration has an invalid address for {key}."
    ),
}


def _split_identifier(identifier: str, what: _Party) -> tuple[str, str]:
    parts = urlsplit(identifier)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or "?" in identifier
        or ("#" in identifier)
    ):
        raise MetadataError(
            _INVALID_IDENTIFIER[what],
            detail=f"{identifier!r}: an http(s) URL without query or fragment is required",
        )
    return f"{parts.scheme}://{parts.netloc}", parts.path


def _dedupe(urls: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(urls))


def issuer_metadata_urls(credential_issuer: str) -> tuple[str, ...]:
    """Where to fetch issuer metadata, in order: 1.0 inserted form, then draft appended form.

    §12.2.2 inserts the well-known segment between host and path (a trailing ``/`` of the
    path is kept); drafts ≤ 15 appended it. Raises MetadataError for a malformed identifier.
    """
    origin, path = _split_identifier(credential_issuer, "issuer")
    inserted = origin + ISSUER_WELL_KNOWN + path
    appended = credential_issuer.rstrip("/") + ISSUER_WELL_KNOWN
    return _dedupe([inserted, appended])


def auth_server_metadata_urls(as_id: str) -> tuple[str, ...]:
    """Where to fetch AS metadata: RFC 8414 inserted, appended, then OIDC discovery (§12.3).

    Raises MetadataError for a malformed identifier.
    """
    origin, path = _split_identifier(as_id, "authorization server")
    base = as_id.rstrip("/")
    return _dedupe(
        [
            origin + OAUTH_WELL_KNOWN + path.rstrip("/"),
            base + OAUTH_WELL_KNOWN,
            base + OIDC_WELL_KNOWN,
        ]
    )


def _str(doc: Mapping[str, object], key: str) -> str | None:
    value = doc.get(key)
    return value if isinstance(value, str) and value else None


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v)


def _endpoint(doc: Mapping[str, object], key: str, where: _Party) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    host: str | None = None
    parts = None
    if isinstance(value, str):
        try:
            parts = urlsplit(value)
            _ = parts.port  # ValueError for a malformed port
            host = parts.hostname
        except ValueError:
            parts = None
    if parts is None or not host or parts.scheme not in ("http", "https"):
        raise MetadataError(
            _INVALID_ENDPOINT[where],
            params={"key": key},
            detail=f"{key}: {value!r} is not an absolute http(s) URL",
        )
    return str(value)


def _check_identity(received: object, expected: str, key: str, url: str) -> None:
    if received != expected:
        raise MetadataError(
            "The configuration found is for “{received}”, not for “{expected}”. "
            "The wallet will not use it.",
            params={"received": str(received), "expected": expected},
            detail=f"{key} mismatch: expected {expected!r}, received {received!r}"
            + (f" (from {url})" if url else ""),
        )


def parse_issuer_metadata(
    doc: Mapping[str, object], *, expected_issuer: str, url: str = ""
) -> IssuerMetadata:
    """Validate Credential Issuer metadata and normalise it to the 1.0 model (§12.2.4).

    ``credential_issuer`` must equal ``expected_issuer`` exactly. Malformed configurations
    are skipped with a warning. Raises MetadataError on a mismatch, a missing or invalid
    endpoint, or when no usable credential configuration remains.
    """
    _check_identity(doc.get("credential_issuer"), expected_issuer, "credential_issuer", url)
    credential_endpoint = _endpoint(doc, "credential_endpoint", "issuer")
    if credential_endpoint is None:
        raise MetadataError(
            "The issuer's configuration has no credential endpoint.",
            detail="credential_endpoint is missing",
        )
    servers = _strings(doc.get("authorization_servers"))
    if not servers and _str(doc, "authorization_server"):
        servers = (str(doc["authorization_server"]),)
    configurations = _configurations(doc)
    if not configurations:
        raise MetadataError(
            "The issuer does not describe any credential this wallet can request.",
            detail="no usable entry in credential_configurations_supported",
        )
    return IssuerMetadata(
        credential_issuer=expected_issuer,
        authorization_servers=servers,
        credential_endpoint=credential_endpoint,
        nonce_endpoint=_endpoint(doc, "nonce_endpoint", "issuer"),
        deferred_credential_endpoint=_endpoint(doc, "deferred_credential_endpoint", "issuer"),
        notification_endpoint=_endpoint(doc, "notification_endpoint", "issuer"),
        batch_size=_batch_size(doc.get("batch_credential_issuance")),
        display=parse_display(doc.get("display")),
        configurations=configurations,
        raw=dict(doc),
        url=url,
        legacy_token_endpoint=_endpoint(doc, "token_endpoint", "issuer"),
        response_encryption_required=_encryption_required(doc, "credential_response_encryption"),
        request_encryption_required=_encryption_required(doc, "credential_request_encryption"),
    )


def _batch_size(value: object) -> int | None:
    size = value.get("batch_size") if isinstance(value, Mapping) else None
    if isinstance(size, int) and not isinstance(size, bool) and size >= 2:
        return size
    return None


def _encryption_required(doc: Mapping[str, object], key: str) -> bool:
    value = doc.get(key)
    return isinstance(value, Mapping) and value.get("encryption_required") is True


def _configurations(doc: Mapping[str, object]) -> dict[str, CredentialConfiguration]:
    entries = legacy.configuration_entries(doc)
    result: dict[str, CredentialConfiguration] = {}
    skipped: list[tuple[str, str | None]] = []
    for config_id, entry in entries:
        try:
            result[config_id] = parse_credential_configuration(config_id, entry)
        except MetadataError as exc:
            skipped.append((config_id, exc.detail))
    if skipped:  # one line, however many (100,000 entries once made 100,000 lines)
        named = ", ".join(f"{config_id!r:.80}" for config_id, _ in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        log.warning(
            "skipping %d credential configuration(s): %s%s; the first: %.200s",
            len(skipped),
            named,
            more,
            skipped[0][1],
        )
    return result


def parse_credential_configuration(config_id: str, obj: object) -> CredentialConfiguration:
    """Parse one ``credential_configurations_supported`` entry (§12.2.4, App. A).

    Accepts the 1.0 shape (``credential_metadata``) and drafts 11–15 (config-level
    ``display``, ``claims`` arrays or nested maps, ``cryptographic_suites_supported``).
    Raises MetadataError when the entry is not an object or has no ``format``.
    """
    fmt = _str(obj, "format") if isinstance(obj, Mapping) else None
    if not isinstance(obj, Mapping) or fmt is None:
        raise MetadataError(
            "A credential description of the issuer is malformed.",
            detail=f"{config_id}: not an object with a format",
        )
    meta = obj.get("credential_metadata")
    if not isinstance(meta, Mapping):
        meta = {}
    algs = obj.get("credential_signing_alg_values_supported")
    if algs is None:
        algs = obj.get("cryptographic_suites_supported")
    return CredentialConfiguration(
        id=config_id,
        format=fmt,
        scope=_str(obj, "scope"),
        binding_methods=_strings(obj.get("cryptographic_binding_methods_supported")),
        signing_algs=_signing_algs(algs),
        proof_types=_proof_types(obj.get("proof_types_supported")),
        display=parse_display(meta["display"] if "display" in meta else obj.get("display")),
        claims=_claims(config_id, meta, obj),
        vct=_str(obj, "vct"),
        doctype=_str(obj, "doctype"),
        raw=dict(obj),
    )


def _signing_algs(value: object) -> tuple[str | int, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str | int) and not isinstance(v, bool))


def _proof_types(value: object) -> dict[str, ProofTypeSupport]:
    if isinstance(value, list):  # draft 12: a bare list of proof type names
        return {name: ProofTypeSupport(signing_algs=()) for name in _strings(value)}
    if not isinstance(value, Mapping):
        return {}
    result: dict[str, ProofTypeSupport] = {}
    for name, spec in value.items():
        if isinstance(spec, Mapping):
            required = spec.get("key_attestations_required")
            result[str(name)] = ProofTypeSupport(
                signing_algs=_strings(spec.get("proof_signing_alg_values_supported")),
                key_attestations_required=required is not None and required is not False,
            )
    return result


def parse_display(value: object) -> tuple[Display, ...]:
    """Parse a ``display`` array of issuer or credential display objects (§12.2.4).

    Entries that are not objects are dropped; draft-11 ``logo.url`` and
    ``logo.alternative_text`` are accepted. Raises nothing.
    """
    if not isinstance(value, list):
        return ()
    return tuple(_display(entry) for entry in value if isinstance(entry, Mapping))


def _display(entry: Mapping[str, object]) -> Display:
    logo_obj = entry.get("logo")
    logo = None
    if isinstance(logo_obj, Mapping):
        uri = _str(logo_obj, "uri") or _str(logo_obj, "url")
        alt = _str(logo_obj, "alt_text") or _str(logo_obj, "alternative_text")
        logo = Logo(uri=uri, alt_text=alt) if uri else None
    background = entry.get("background_image")
    background_uri = _str(background, "uri") if isinstance(background, Mapping) else None
    return Display(
        name=_str(entry, "name"),
        locale=_str(entry, "locale"),
        logo=logo,
        description=_str(entry, "description"),
        background_color=_str(entry, "background_color"),
        background_image=background_uri,
        text_color=_str(entry, "text_color"),
    )


def _claims(
    config_id: str, meta: Mapping[str, object], obj: Mapping[str, object]
) -> tuple[ClaimDescription, ...]:
    value = meta["claims"] if "claims" in meta else obj.get("claims")
    if isinstance(value, list):
        return _claims_array(config_id, value)
    return legacy.claims_from_maps(value, obj)


def _claims_array(config_id: str, items: list[object]) -> tuple[ClaimDescription, ...]:
    result: list[ClaimDescription] = []
    malformed: list[object] = []
    for item in items:
        path = item.get("path") if isinstance(item, Mapping) else None
        if not isinstance(item, Mapping) or not is_claims_path(path):
            malformed.append(item)
            continue
        result.append(
            ClaimDescription(
                path=tuple(path),
                mandatory=item.get("mandatory") is True,
                display=parse_claim_display(item.get("display")),
            )
        )
    if malformed:  # one line per configuration, however many
        log.warning(
            "ignoring %d malformed claim description(s) in %.200r (the first: %s)",
            len(malformed),
            config_id,
            "an object without a valid path" if isinstance(malformed[0], Mapping) else "no object",
        )
    return tuple(result)


def is_claims_path(path: object) -> TypeGuard[list[str | int | None]]:
    """App. C: a non-empty array of strings, nulls and non-negative integers."""
    return (
        isinstance(path, list)
        and bool(path)
        and all(
            v is None
            or isinstance(v, str)
            or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
            for v in path
        )
    )


def parse_auth_server_metadata(
    doc: Mapping[str, object], *, expected_issuer: str, url: str = ""
) -> AuthServerMetadata:
    """Validate OAuth Authorization Server metadata (RFC 8414 §3.3, §12.3).

    ``issuer`` must equal ``expected_issuer`` exactly; ``token_endpoint`` is required.
    Raises MetadataError otherwise.
    """
    _check_identity(doc.get("issuer"), expected_issuer, "issuer", url)
    token_endpoint = _endpoint(doc, "token_endpoint", "authorization server")
    if token_endpoint is None:
        raise MetadataError(
            "The authorization server's configuration has no token endpoint.",
            detail="token_endpoint is missing" + (f" ({url})" if url else ""),
        )
    as_: _Party = "authorization server"
    return AuthServerMetadata(
        issuer=expected_issuer,
        authorization_endpoint=_endpoint(doc, "authorization_endpoint", as_),
        token_endpoint=token_endpoint,
        pushed_authorization_request_endpoint=_endpoint(
            doc, "pushed_authorization_request_endpoint", as_
        ),
        require_pushed_authorization_requests=_flag(doc, "require_pushed_authorization_requests"),
        code_challenge_methods_supported=_strings(doc.get("code_challenge_methods_supported")),
        dpop_signing_alg_values_supported=_strings(doc.get("dpop_signing_alg_values_supported")),
        pre_authorized_grant_anonymous_access_supported=_flag(
            doc, "pre-authorized_grant_anonymous_access_supported"
        ),
        authorization_response_iss_parameter_supported=_flag(
            doc, "authorization_response_iss_parameter_supported"
        ),
        authorization_details_types_supported=_strings(
            doc.get("authorization_details_types_supported")
        ),
        grant_types_supported=_strings(doc.get("grant_types_supported")),
        scopes_supported=_strings(doc.get("scopes_supported")),
        raw=dict(doc),
        url=url,
    )


def _flag(doc: Mapping[str, object], key: str) -> bool:
    """A boolean metadata parameter: only JSON ``true`` counts, anything else is the default."""
    return doc.get(key) is True


def select_auth_server(issuer: IssuerMetadata, hint: str | None) -> str:
    """Choose the authorization server for a grant (§12.2.4, §4.1.1).

    With the offer's ``authorization_server`` hint, it must be one the issuer lists, else the
    wallet MUST NOT proceed: raises MetadataError. Without a hint, the first one.
    """
    candidates = issuer.auth_server_ids()
    if hint is None:
        return candidates[0]
    if hint not in candidates:
        raise MetadataError(
            "The offer names an authorization server that the issuer does not list, so the "
            "wallet will not continue.",
            detail=f"authorization_server {hint!r} not in {list(candidates)!r}",
        )
    return hint
