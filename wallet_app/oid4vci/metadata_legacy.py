"""Draft-era metadata shapes converted to the 1.0 model (protocol-notes §2, §2.1).

Draft 11 listed configurations in a ``credentials_supported`` array (ids in ``id``) and put
``token_endpoint`` into issuer metadata; drafts 13/14 described claims as nested object maps
(``claims`` for SD-JWT and mdoc, ``credential_definition.credentialSubject`` for JWT VCs).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping

from wallet_app.oid4vci.models import (
    AuthServerMetadata,
    ClaimDescription,
    ClaimDisplay,
    CredentialConfiguration,
    CredentialOffer,
    IssuerMetadata,
)
from wallet_app.oid4vci.offer import PRE_AUTHORIZED_GRANT, legacy_credential_label

__all__ = [
    "claims_from_maps",
    "configuration_entries",
    "legacy_auth_server_metadata",
    "offer_configurations",
    "parse_claim_display",
]

log = logging.getLogger(__name__)

# Keys of a draft-13 claim map node that describe the claim itself, with the value type they
# must have; any other key holding an object or array is a nested claim.
_CLAIM_META: Mapping[str, type | tuple[type, ...]] = {
    "mandatory": bool,
    "value_type": str,
    "display": list,
}


def configuration_entries(doc: Mapping[str, object]) -> list[tuple[str, object]]:
    """The ``(id, entry)`` pairs of every configuration, from the 1.0 map or draft 11/12 shapes.

    A draft-11 array entry without a string ``id`` (the draft's own example has none) is named
    by :func:`legacy_credential_label`, as offers name it; one without a ``format`` either is
    skipped with a warning. Raises nothing.
    """
    configs = doc.get("credential_configurations_supported")
    if configs is None:
        configs = doc.get("credentials_supported")
    if isinstance(configs, Mapping):
        return [(str(k), v) for k, v in configs.items()]
    if not isinstance(configs, list):
        return []
    entries: list[tuple[str, object]] = []
    without_id = 0
    for entry in configs:
        config_id = entry.get("id") if isinstance(entry, Mapping) else None
        if isinstance(entry, Mapping) and not (isinstance(config_id, str) and config_id):
            config_id = legacy_credential_label(entry)
        if isinstance(config_id, str) and config_id:
            entries.append((config_id, entry))
        else:
            without_id += 1
    if without_id:  # one line, however many
        log.warning("skipping %d credentials_supported entry(ies) without an id", without_id)
    return entries


def parse_claim_display(value: object) -> tuple[ClaimDisplay, ...]:
    """Parse a claim's ``display`` array of ``{name, locale}`` (App. B.2). Raises nothing."""
    if not isinstance(value, list):
        return ()
    return tuple(
        ClaimDisplay(name=_text(d.get("name")), locale=_text(d.get("locale")))
        for d in value
        if isinstance(d, Mapping)
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def claims_from_maps(
    claims: object, configuration: Mapping[str, object]
) -> tuple[ClaimDescription, ...]:
    """Convert draft-13/14 claim maps into 1.0 claims descriptions with paths (App. B.2).

    ``claims`` maps (SD-JWT: ``{"address": {"street": {…}}}``; mdoc: ``{namespace:
    {element: {…}}}``) become paths as written; a JWT VC ``credentialSubject`` map (in
    ``credential_definition``, or top-level in draft 11) gets the ``credentialSubject``
    prefix. ``order`` is ignored. Raises nothing.
    """
    if isinstance(claims, Mapping):
        return tuple(_walk(claims, ()))
    definition = configuration.get("credential_definition")
    subject = definition.get("credentialSubject") if isinstance(definition, Mapping) else None
    if subject is None:
        subject = configuration.get("credentialSubject")
    if isinstance(subject, Mapping):
        return tuple(_walk(subject, ("credentialSubject",)))
    return ()


def _walk(
    node: Mapping[str, object], prefix: tuple[str | int | None, ...]
) -> Iterator[ClaimDescription]:
    for name, child in node.items():
        yield from _claim((*prefix, str(name)), child)


def _claim(path: tuple[str | int | None, ...], node: object) -> Iterator[ClaimDescription]:
    if isinstance(node, list):
        # An array claim; a described element applies to all elements (null).
        yield ClaimDescription(path=path)
        if node and isinstance(node[0], Mapping):
            yield from _claim((*path, None), node[0])
        return
    if not isinstance(node, Mapping):
        yield ClaimDescription(path=path)
        return
    meta = {k for k, v in node.items() if k in _CLAIM_META and isinstance(v, _CLAIM_META[k])}
    nested = {str(k): v for k, v in node.items() if k not in meta and isinstance(v, Mapping | list)}
    if meta or not nested:
        yield ClaimDescription(
            path=path,
            mandatory=node.get("mandatory") is True,
            display=parse_claim_display(node.get("display")),
        )
    yield from _walk(nested, path)


def legacy_auth_server_metadata(issuer: IssuerMetadata) -> AuthServerMetadata | None:
    """AS metadata built from a draft-11 ``token_endpoint`` in issuer metadata (pre-auth only).

    The issuer acts as its own AS; draft-11 pre-authorized token requests carried no
    ``client_id``, so anonymous access is assumed. None when there is no such endpoint.
    Raises nothing.
    """
    if issuer.legacy_token_endpoint is None:
        return None
    return AuthServerMetadata(
        issuer=issuer.credential_issuer,
        authorization_endpoint=None,
        token_endpoint=issuer.legacy_token_endpoint,
        pushed_authorization_request_endpoint=None,
        require_pushed_authorization_requests=False,
        code_challenge_methods_supported=(),
        dpop_signing_alg_values_supported=(),
        pre_authorized_grant_anonymous_access_supported=True,
        authorization_response_iss_parameter_supported=False,
        authorization_details_types_supported=(),
        grant_types_supported=(PRE_AUTHORIZED_GRANT,),
        scopes_supported=(),
        raw=issuer.raw,
        url=issuer.url,
    )


def offer_configurations(
    offer: CredentialOffer, issuer: IssuerMetadata
) -> tuple[list[CredentialConfiguration], list[str]]:
    """The issuer's configurations an offer names, and the names it does not know.

    A name is a configuration id; a draft-11 offer's ``format`` + type object (see
    :func:`legacy_credential_label`) also finds a configuration that has an ``id`` of its
    own when format and type agree. Raises nothing.
    """
    by_label: dict[str, CredentialConfiguration] = {}
    if offer.legacy:
        for candidate in issuer.configurations.values():
            label = legacy_credential_label(candidate.raw)
            if label is not None:
                by_label.setdefault(label, candidate)
    known: list[CredentialConfiguration] = []
    unknown: list[str] = []
    for name in offer.credential_configuration_ids:
        conf = issuer.configurations.get(name) or by_label.get(name)
        if conf is None:
            unknown.append(name)
        elif conf not in known:
            known.append(conf)
    return known, unknown
