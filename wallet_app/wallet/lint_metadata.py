"""Metadata checks of the issuer lint: the issuer's document (its authorization servers': lint_as).

Works on the raw JSON of an :class:`~wallet_app.wallet.explore.IssuerReport` (a document
that did not validate is linted too). Check ids, severities and sections: :data:`CHECKS`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wallet_app.errors import MetadataError, Sentence
from wallet_app.oid4vci.dialect import draft_of_metadata
from wallet_app.oid4vci.metadata import issuer_metadata_urls
from wallet_app.wallet.lint import Finding, finding, json_strings, not_https
from wallet_app.wallet.lint_as import PRE_AUTHORIZED_GRANT, as_findings

if TYPE_CHECKING:
    from wallet_app.wallet.explore import IssuerReport

__all__ = ["PRE_AUTHORIZED_GRANT", "lint_report"]

_ISSUER_ENDPOINTS = (
    "credential_endpoint",
    "nonce_endpoint",
    "deferred_credential_endpoint",
    "notification_endpoint",
)
#: RFC 7518 §4.1 key management algorithms and §5.1 content encryption algorithms
_JWE_ALGS = frozenset(
    (
        "RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "A128KW", "A192KW", "A256KW", "dir", "ECDH-ES",
        "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", "A128GCMKW", "A192GCMKW",
        "A256GCMKW", "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW",
    )
)  # fmt: skip
_JWE_ENCS = frozenset(
    ("A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM")
)
#: members of pre-final drafts that 1.0 metadata no longer has (member → draft)
_DEPRECATED_ISSUER: Mapping[str, str] = MappingProxyType(
    {
        "credentials_supported": "11",
        "authorization_server": "12",
        "credential_identifiers_supported": "13",
        "batch_credential_endpoint": "13",
        "signed_metadata": "14",
    }
)
_DEPRECATED_CONFIGURATION: Mapping[str, str] = MappingProxyType(
    {
        "cryptographic_suites_supported": "11",
        "proof_types": "12",
        "display": "15",
        "claims": "15",
    }
)


def lint_report(report: IssuerReport, *, grants_in_use: Collection[str] = ()) -> list[Finding]:
    """Every metadata finding for ``report``, in document order. Raises nothing.

    ``grants_in_use``: grant types known to be in use (from an offer, or a probe that the
    token endpoint answered as a known grant), checked against ``grant_types_supported``.
    """
    out = list(_issuer_findings(report))
    scopes: set[str] = set()
    any_scopes_listed = False
    for server in report.auth_servers:
        out.extend(as_findings(server, grants_in_use))
        if server.raw is not None:
            listed = json_strings(server.raw.get("scopes_supported"))
            if listed is not None:
                any_scopes_listed = True
                scopes.update(listed)
    out.extend(_scope_findings(report, scopes if any_scopes_listed else None))
    return out


# -- issuer -----------------------------------------------------------------------------------
def _issuer_findings(report: IssuerReport) -> Iterator[Finding]:
    raw = report.raw
    if report.problem is not None:
        yield finding(
            "issuer_metadata_invalid",
            Sentence(
                "The issuer metadata cannot be used: {reason}", {"reason": report.problem.message}
            ),
            where=report.url,
        )
    try:
        first = issuer_metadata_urls(report.issuer_url)[0]
    except MetadataError:  # a malformed identifier is reported below
        first = report.url
    if report.url != first:
        yield finding(
            "issuer_metadata_location",
            Sentence(
                "The issuer metadata is served at {url}, not at the 1.0 well-known URL {expected}.",
                {"url": report.url, "expected": first},
            ),
            where=report.url,
        )
    declared = raw.get("credential_issuer")
    if declared != report.issuer_url:
        yield finding(
            "credential_issuer_match",
            Sentence(
                "credential_issuer is {declared}, but the metadata was fetched for {issuer}.",
                {"declared": repr(declared), "issuer": report.issuer_url},
            ),
            where="credential_issuer",
        )
    parts = urlsplit(report.issuer_url)
    if not_https(report.issuer_url) or parts.query or parts.fragment:
        yield finding(
            "issuer_identifier_form",
            Sentence(
                "The issuer identifier {issuer} must be an https URL without query or fragment.",
                {"issuer": report.issuer_url},
            ),
            where=report.issuer_url,
        )
    if not isinstance(raw.get("credential_endpoint"), str):
        yield finding(
            "credential_endpoint_required",
            Sentence("The issuer metadata has no credential_endpoint."),
            where="credential_endpoint",
        )
    for name in _ISSUER_ENDPOINTS:
        if name in raw and not_https(raw.get(name)):
            yield finding(
                "endpoint_https",
                Sentence("{member} is not an https URL.", {"member": name}),
                where=name,
            )
    servers = raw.get("authorization_servers")
    if servers is not None and not (json_strings(servers) and servers):
        yield finding(
            "authorization_servers_shape",
            Sentence("authorization_servers must be a non-empty array of strings."),
            where="authorization_servers",
        )
    yield from _version_findings(report)
    final = report.version_hint == "1.0"
    yield from _display_findings(raw.get("display"), "display", credential=False, final=final)
    batch = raw.get("batch_credential_issuance")
    if batch is not None:
        size = batch.get("batch_size") if isinstance(batch, Mapping) else None
        if not isinstance(size, int) or isinstance(size, bool) or size < 2:
            yield finding(
                "batch_size",
                Sentence(
                    "batch_credential_issuance.batch_size is {size}; it must be an integer of "
                    "2 or more.",
                    {"size": repr(size)},
                ),
                where="batch_credential_issuance.batch_size",
            )
    yield from _encryption_findings(raw)
    yield from _configuration_findings(raw, final=final)


def _version_findings(report: IssuerReport) -> Iterator[Finding]:
    raw, hint = report.raw, report.version_hint
    if hint != "1.0":
        yield finding(
            "metadata_version",
            Sentence(
                "The metadata looks like {version}: wallets that speak only 1.0 may not "
                "understand it.",
                {"version": hint},
            ),
        )
    final = hint == "1.0"
    for member, draft in _DEPRECATED_ISSUER.items():
        if member in raw:
            yield finding(
                "signed_metadata_member" if member == "signed_metadata" else "deprecated_member",
                Sentence(
                    "{member} is a member of draft {draft} and earlier; 1.0 does not define it.",
                    {"member": member, "draft": draft},
                ),
                where=member,
                severity=None if final or member == "signed_metadata" else "info",
            )


def _display_findings(
    value: object, where: str, *, credential: bool, final: bool = True
) -> Iterator[Finding]:
    if value is None:
        return
    if not isinstance(value, list) or not value or not all(isinstance(d, Mapping) for d in value):
        yield finding(
            "display_shape",
            Sentence("{member} must be a non-empty array of objects.", {"member": where}),
            where=where,
        )
        return
    seen: set[object] = set()
    for i, entry in enumerate(value):
        locale = entry.get("locale")
        if locale in seen:
            yield finding(
                "display_locale_unique",
                Sentence(
                    "{member} has more than one entry for locale {locale}.",
                    {"member": where, "locale": str(locale)},
                ),
                where=f"{where}[{i}]",
            )
        seen.add(locale)
        if credential and not isinstance(entry.get("name"), str):
            yield finding(
                "display_shape",
                Sentence("{member} has an entry without a name.", {"member": where}),
                where=f"{where}[{i}].name",
            )
        for image in ("logo", "background_image"):
            if image in entry:
                obj = entry[image]
                # drafts before 13 named the logo's address "url"
                key = "uri" if final or not isinstance(obj, Mapping) or "url" not in obj else "url"
                if not isinstance(obj, Mapping) or not isinstance(obj.get(key), str):
                    yield finding(
                        "display_shape",
                        Sentence(
                            "{member} has a {image} without a uri.",
                            {"member": where, "image": image},
                        ),
                        where=f"{where}[{i}].{image}",
                    )


def _encryption_findings(raw: Mapping[str, object]) -> Iterator[Finding]:
    for key in ("credential_request_encryption", "credential_response_encryption"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, Mapping):
            value = {}
        enc = json_strings(value.get("enc_values_supported")) or []
        misplaced = [e for e in enc if e in _JWE_ALGS]
        if not enc or misplaced:
            yield finding(
                "encryption_enc_values",
                Sentence(
                    "{member}.enc_values_supported must list content encryption (enc) values; "
                    "it has {values}.",
                    {"member": key, "values": ", ".join(enc) or "none"},
                ),
                where=f"{key}.enc_values_supported",
            )
        if not isinstance(value.get("encryption_required"), bool):
            yield finding(
                "encryption_required_flag",
                Sentence("{member}.encryption_required must be true or false.", {"member": key}),
                where=f"{key}.encryption_required",
            )
        if key == "credential_response_encryption":
            algs = json_strings(value.get("alg_values_supported")) or []
            if not algs or any(a in _JWE_ENCS for a in algs):
                yield finding(
                    "encryption_alg_values",
                    Sentence(
                        "{member}.alg_values_supported must list key management (alg) values; "
                        "it has {values}.",
                        {"member": key, "values": ", ".join(algs) or "none"},
                    ),
                    where=f"{key}.alg_values_supported",
                )
        else:
            yield from _jwks_findings(key, value.get("jwks"))


def _jwks_findings(key: str, jwks: object) -> Iterator[Finding]:
    keys = jwks.get("keys") if isinstance(jwks, Mapping) else None
    if not isinstance(keys, list) or not keys:
        yield finding(
            "request_encryption_jwks",
            Sentence("{member}.jwks must hold one or more public keys.", {"member": key}),
            where=f"{key}.jwks",
        )
        return
    for i, jwk in enumerate(keys):
        jwk = jwk if isinstance(jwk, Mapping) else {}
        if not isinstance(jwk.get("kid"), str):
            yield finding(
                "request_encryption_jwks",
                Sentence(
                    "Key {index} of {member}.jwks has no kid.", {"index": str(i), "member": key}
                ),
                where=f"{key}.jwks.keys[{i}].kid",
            )
        if not isinstance(jwk.get("alg"), str):
            yield finding(
                "request_encryption_jwks",
                Sentence(
                    "Key {index} of {member}.jwks names no alg, so a wallet has to guess the "
                    "key agreement algorithm.",
                    {"index": str(i), "member": key},
                ),
                where=f"{key}.jwks.keys[{i}].alg",
                severity="warning",
            )


def _configuration_findings(raw: Mapping[str, object], *, final: bool) -> Iterator[Finding]:
    configs = raw.get("credential_configurations_supported")
    if not isinstance(configs, Mapping) or not configs:
        if "credentials_supported" not in raw:  # draft 11 is reported as such
            yield finding(
                "configurations_required",
                Sentence("credential_configurations_supported must be a non-empty object."),
                where="credential_configurations_supported",
            )
        return
    # drafts 14 and before send c_nonce in token and credential responses instead
    nonce = "nonce_endpoint" in raw or raw_draft_before_15(raw)
    for cid, conf in configs.items():
        base = f"credential_configurations_supported.{cid}"
        if not isinstance(conf, Mapping):
            conf = {}
        if not isinstance(conf.get("format"), str):
            yield finding(
                "configuration_format",
                Sentence("Configuration {id} has no format.", {"id": str(cid)}),
                where=f"{base}.format",
            )
        binding = conf.get("cryptographic_binding_methods_supported")
        proofs = conf.get("proof_types_supported")
        if (binding is None) != (proofs is None):
            yield finding(
                "proof_types_binding",
                Sentence(
                    "Configuration {id} must list both cryptographic_binding_methods_supported "
                    "and proof_types_supported, or neither.",
                    {"id": str(cid)},
                ),
                where=base,
                severity="error" if proofs is None else "warning",
            )
        if binding is not None and not nonce:
            yield finding(
                "nonce_endpoint",
                Sentence(
                    "Configuration {id} binds the credential to a key, but the issuer has no "
                    "nonce_endpoint: proofs then carry no c_nonce.",
                    {"id": str(cid)},
                ),
                where=base,
            )
        if isinstance(proofs, Mapping):
            for name, proof in proofs.items():
                yield from _proof_findings(
                    str(cid), str(name), proof, f"{base}.proof_types_supported.{name}"
                )
        metadata = conf.get("credential_metadata")
        display = metadata.get("display") if isinstance(metadata, Mapping) else conf.get("display")
        yield from _display_findings(display, f"{base}.display", credential=True, final=final)
        if isinstance(metadata, Mapping):  # 1.0-shaped: draft members beside it are stale
            for member, draft in _DEPRECATED_CONFIGURATION.items():
                if member in conf:
                    yield finding(
                        "deprecated_member",
                        Sentence(
                            "{member} is a member of draft {draft} and earlier; 1.0 does not "
                            "define it.",
                            {"member": f"{cid}.{member}", "draft": draft},
                        ),
                        where=f"{base}.{member}",
                    )


def raw_draft_before_15(raw: Mapping[str, object]) -> bool:
    """Whether issuer metadata is shaped by a draft before 15 (which had no nonce endpoint):
    the draft the wallet itself would speak to it (:func:`draft_of_metadata`)."""
    return draft_of_metadata(raw) in ("14", "13", "11")


def _proof_findings(cid: str, name: str, proof: object, where: str) -> Iterator[Finding]:
    proof = proof if isinstance(proof, Mapping) else {}
    algs = json_strings(proof.get("proof_signing_alg_values_supported"))
    if not algs:
        yield finding(
            "proof_signing_algs",
            Sentence(
                "Proof type {proof} of {id} lists no proof_signing_alg_values_supported.",
                {"proof": name, "id": cid},
            ),
            where=f"{where}.proof_signing_alg_values_supported",
        )
    weak = [a for a in algs or () if a == "none" or a.startswith("HS")]
    if weak:
        yield finding(
            "proof_alg_weak",
            Sentence(
                "Proof type {proof} of {id} allows {algs}; key proofs need an asymmetric "
                "algorithm.",
                {"proof": name, "id": cid, "algs": ", ".join(weak)},
            ),
            where=f"{where}.proof_signing_alg_values_supported",
        )
    if "key_attestations_required" not in proof:
        return
    value = proof["key_attestations_required"]
    good = isinstance(value, Mapping) and all(
        k not in value or bool(json_strings(value[k]))
        for k in ("key_storage", "user_authentication")
    )
    if not good:
        yield finding(
            "key_attestations_shape",
            Sentence(
                "key_attestations_required of {id} ({proof}) must be an object with optional "
                "non-empty key_storage and user_authentication arrays; it is {value}.",
                {"id": cid, "proof": name, "value": repr(value)[:80]},
            ),
            where=f"{where}.key_attestations_required",
        )
        return
    assert isinstance(value, Mapping)
    yield finding(
        "key_attestations_required",
        Sentence(
            "{id} ({proof}) requires a key attestation (key storage: {storage}; user "
            "authentication: {auth}).",
            {
                "id": cid,
                "proof": name,
                "storage": ", ".join(json_strings(value.get("key_storage")) or ["any"]),
                "auth": ", ".join(json_strings(value.get("user_authentication")) or ["any"]),
            },
        ),
        where=f"{where}.key_attestations_required",
    )


def _scope_findings(report: IssuerReport, as_scopes: set[str] | None) -> Iterator[Finding]:
    configs = report.raw.get("credential_configurations_supported")
    if not isinstance(configs, Mapping):
        return
    for cid, conf in configs.items():
        scope = conf.get("scope") if isinstance(conf, Mapping) else None
        where = f"credential_configurations_supported.{cid}.scope"
        if not isinstance(scope, str):
            yield finding(
                "configuration_scope",
                Sentence(
                    "Configuration {id} has no scope: it can only be asked for with "
                    "authorization_details, and HAIP wants a scope for each.",
                    {"id": str(cid)},
                ),
                where=where,
                severity="info",
            )
        elif as_scopes is not None and scope not in as_scopes:
            yield finding(
                "configuration_scope",
                Sentence(
                    "The scope {scope} of {id} is not in the authorization server's "
                    "scopes_supported.",
                    {"scope": scope, "id": str(cid)},
                ),
                where=where,
            )
