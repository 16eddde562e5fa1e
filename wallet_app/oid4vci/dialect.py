"""The protocol drafts the wallet speaks: OID4VCI 1.0 and the drafts deployed issuers still use.

``Draft`` names a dialect; ``detect_draft`` guesses it from what an issuer publishes
(protocol-notes §2.1: there is no version field).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from wallet_app.oid4vci.models import CredentialOffer, IssuerMetadata

__all__ = ["DRAFTS", "Draft", "detect_draft"]

Draft = Literal["1.0", "15", "14", "13", "11"]
DRAFTS: tuple[Draft, ...] = get_args(Draft)


def detect_draft(issuer: IssuerMetadata, offer: CredentialOffer | None = None) -> Draft:
    """The draft an issuer speaks, from the markers of its metadata and offer (§2.1).

    - draft 11: a ``credentials_supported`` array, or an offer with ``credentials`` /
      ``user_pin_required``;
    - 1.0: a configuration with ``credential_metadata``, or mdoc algorithms as COSE integers;
    - draft 15: a ``nonce_endpoint``, ``dc+sd-jwt``, claims as an array, or
      ``key_attestations_required`` (none of them existed before draft 15);
    - draft 14: draft-13/14 markers (``vc+sd-jwt``, claims as object maps, a
      ``credentialSubject`` map, config-level ``display``, ``credential_identifiers_supported``,
      ``batch_credential_endpoint``) with ``batch_credential_issuance`` (new in draft 14);
    - draft 13: those markers without it.

    With no marker at all the answer is "1.0": what the wallet spoke before it knew drafts.
    Raises nothing.
    """
    raw = issuer.raw
    if "credentials_supported" in raw or (offer is not None and offer.legacy):
        return "11"
    entries = [c.raw for c in issuer.configurations.values()]
    if any(_looks_final(c) for c in entries):
        return "1.0"
    if issuer.nonce_endpoint is not None or any(_looks_draft15(c) for c in entries):
        return "15"
    old = (
        "credential_identifiers_supported" in raw
        or "batch_credential_endpoint" in raw
        or any(_looks_draft13(c) for c in entries)
    )
    if not old:
        return "1.0"
    return "14" if "batch_credential_issuance" in raw else "13"


def _looks_final(config: Mapping[str, object]) -> bool:
    algs = config.get("credential_signing_alg_values_supported")
    numeric = isinstance(algs, list) and any(
        isinstance(a, int) and not isinstance(a, bool) for a in algs
    )
    return "credential_metadata" in config or (config.get("format") == "mso_mdoc" and numeric)


def _looks_draft15(config: Mapping[str, object]) -> bool:
    proof_types = config.get("proof_types_supported")
    attestations = isinstance(proof_types, Mapping) and any(
        isinstance(p, Mapping) and "key_attestations_required" in p for p in proof_types.values()
    )
    return (
        config.get("format") == "dc+sd-jwt"
        or isinstance(config.get("claims"), list)
        or attestations
    )


def _looks_draft13(config: Mapping[str, object]) -> bool:
    definition = config.get("credential_definition")
    subject = isinstance(definition, Mapping) and "credentialSubject" in definition
    return (
        config.get("format") == "vc+sd-jwt"
        or isinstance(config.get("claims"), Mapping)
        or subject
        or "display" in config
        or "order" in config
    )
