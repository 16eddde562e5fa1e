"""The protocol drafts the wallet speaks: OID4VCI 1.0 and the drafts deployed issuers still use.

``Draft`` names a dialect; ``detect_draft`` guesses it from what an issuer publishes
(protocol-notes §2.1: there is no version field); ``Dialect`` shapes the requests each draft
expects (§2 rows 17, 18, 23; the drafts' own examples are in tests/fixtures/drafts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal, get_args

from wallet_app.frozen import frozen

if TYPE_CHECKING:  # annotations only: client profiles (and so the settings) import this module
    from wallet_app.oid4vci.models import CredentialConfiguration, CredentialOffer, IssuerMetadata

__all__ = [
    "DRAFTS",
    "Dialect",
    "Draft",
    "detect_draft",
    "draft_of_metadata",
    "format_parameters",
    "version_label",
]

Draft = Literal["1.0", "15", "14", "13", "11"]
DRAFTS: tuple[Draft, ...] = get_args(Draft)


def detect_draft(issuer: IssuerMetadata, offer: CredentialOffer | None = None) -> Draft:
    """The draft an issuer speaks, from the markers of its metadata and offer (§2.1): draft 11
    when the offer has ``credentials`` / ``user_pin_required``, else
    :func:`draft_of_metadata`. Raises nothing."""
    if offer is not None and offer.legacy:
        return "11"
    return draft_of_metadata(issuer.raw)


def draft_of_metadata(raw: Mapping[str, object]) -> Draft:
    """The draft an issuer metadata document follows (§2.1; the one detector, also behind
    :func:`version_label`):

    - draft 11: a ``credentials_supported`` array;
    - 1.0: a configuration with ``credential_metadata``, or mdoc algorithms as COSE integers;
    - draft 15: a ``nonce_endpoint``, ``dc+sd-jwt``, claims as an array, or
      ``key_attestations_required`` (none of them existed before draft 15);
    - draft 14: draft-13/14 markers (``vc+sd-jwt``, claims as object maps, a
      ``credentialSubject`` map, config-level ``display``, ``credential_identifiers_supported``,
      ``batch_credential_endpoint``) with ``batch_credential_issuance`` (new in draft 14);
    - draft 13: those markers without it (a draft-14 issuer without batch looks the same).

    With no marker at all the answer is "1.0": what the wallet spoke before it knew drafts.
    Raises nothing.
    """
    if "credentials_supported" in raw:
        return "11"
    configs = raw.get("credential_configurations_supported")
    entries = (
        [c for c in configs.values() if isinstance(c, Mapping)]
        if isinstance(configs, Mapping)
        else []
    )
    if any(_looks_final(c) for c in entries):
        return "1.0"
    if raw.get("nonce_endpoint") is not None or any(_looks_draft15(c) for c in entries):
        return "15"
    old = (
        "credential_identifiers_supported" in raw
        or "batch_credential_endpoint" in raw
        or any(_looks_draft13(c) for c in entries)
    )
    if not old:
        return "1.0"
    return "14" if "batch_credential_issuance" in raw else "13"


#: how explore and the lint name what a metadata document looks like
_LABELS: Mapping[Draft, str] = {
    "1.0": "1.0",
    "15": "draft 15",
    "14": "draft 14",
    # without batch_credential_issuance a draft-14 document has no marker of its own
    "13": "draft 13/14",
    "11": "draft 11",
}


def version_label(raw: Mapping[str, object]) -> str:
    """What an issuer metadata document looks like, for display: ``"1.0"``, ``"draft 15"``,
    ``"draft 14"``, ``"draft 13/14"`` (the metadata alone cannot tell) or ``"draft 11"``;
    from :func:`draft_of_metadata`, the draft the wallet then speaks. Raises nothing."""
    return _LABELS[draft_of_metadata(raw)]


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


@frozen
class Dialect:
    """How one draft shapes the credential, deferred and token requests."""

    draft: Draft = "1.0"

    @property
    def batch_proofs(self) -> bool:
        """Whether one request may carry several proofs (``proofs``: draft 14 on, and in
        drafts 14/15 only where the issuer publishes ``batch_credential_issuance``)."""
        return self.draft in ("1.0", "15", "14")

    @property
    def nonce_in_responses(self) -> bool:
        """Whether ``c_nonce`` comes in token and credential responses (drafts up to 14)."""
        return self.draft in ("14", "13", "11")

    @property
    def pin_param(self) -> Literal["tx_code", "user_pin"]:
        """The token request parameter of the user's code: ``user_pin`` in draft 11 only."""
        return "user_pin" if self.draft == "11" else "tx_code"

    @property
    def format_selector(self) -> bool:
        """Whether a request without a credential identifier names the credential by
        ``format`` and its type parameters (drafts 11-14) instead of its configuration id."""
        return self.draft in ("14", "13", "11")

    def credential_request(
        self,
        conf: CredentialConfiguration,
        *,
        identifier: str | None,
        proofs: Sequence[str],
        proof_type: str = "jwt",
    ) -> dict[str, object]:
        """The credential request body this draft expects (§8.2 and its predecessors).

        - 1.0: ``credential_identifier`` or ``credential_configuration_id``, and
          ``proofs: {proof_type: [...]}``;
        - draft 15: the same selectors; one proof as ``proof``, several as ``proofs``
          (``proofs`` is only for issuers with ``batch_credential_issuance``, drafts 14/15
          §11.2.3, so the caller sends several only to those);
        - draft 14: ``credential_identifier`` or ``format`` + type parameters; ``proof`` or
          ``proofs`` as in draft 15;
        - draft 13: ``credential_identifier`` or ``format`` + ``vct`` / ``doctype`` /
          ``credential_definition``; one ``proof: {proof_type, jwt}``;
        - draft 11: ``format`` + ``types`` (``doctype`` for mdoc); one ``proof``.

        Raises ValueError when the draft cannot carry that many proofs in one request.
        """
        body: dict[str, object] = {}
        if identifier is not None and self.draft != "11":
            body["credential_identifier"] = identifier
        elif self.format_selector:
            body["format"] = conf.format
            body.update(format_parameters(conf, self.draft))
        else:
            body["credential_configuration_id"] = conf.id
        if not proofs:
            return body
        if self.draft == "1.0" or (self.batch_proofs and len(proofs) > 1):
            body["proofs"] = {proof_type: list(proofs)}
        elif len(proofs) == 1:
            body["proof"] = {"proof_type": proof_type, proof_type: proofs[0]}
        else:
            raise ValueError(f"draft {self.draft} carries one proof per request")
        return body

    def deferred_request(self, transaction_id: str) -> tuple[dict[str, object], str | None]:
        """The deferred credential request: ``(body, bearer)``; ``bearer`` replaces the
        access token when not None (draft 11 sends the ``acceptance_token`` as the Bearer
        token with an empty body; later drafts post ``transaction_id`` with the token)."""
        if self.draft == "11":
            return {}, transaction_id
        return {"transaction_id": transaction_id}, None


def format_parameters(conf: CredentialConfiguration, draft: Draft) -> dict[str, object]:
    """The format-specific parameters naming a credential type in a draft 11-14 credential
    request or authorization details entry (the drafts' Appendix E / A): ``vct`` for SD-JWT
    VC, ``doctype`` for mdoc, ``credential_definition`` (``type``, plus ``@context`` for
    JSON-LD formats) for W3C VCs; draft 11 puts ``types`` at the top for ``jwt_vc_json`` and
    calls the list ``types`` inside ``credential_definition``. Raises nothing."""
    raw = conf.raw
    if conf.format == "mso_mdoc":
        return {"doctype": conf.doctype} if conf.doctype else {}
    if conf.format in ("vc+sd-jwt", "dc+sd-jwt"):
        return {"vct": conf.vct} if conf.vct else {}
    types = _types(raw)
    if conf.format == "jwt_vc_json":
        if draft == "11":
            return {"types": types}
        return {"credential_definition": {"type": types}}
    if conf.format in ("ldp_vc", "jwt_vc_json-ld"):
        definition: dict[str, object] = {"@context": _context(raw)}
        definition["types" if draft == "11" else "type"] = types
        return {"credential_definition": definition}
    return {}


def _definition(raw: Mapping[str, object]) -> Mapping[str, object]:
    definition = raw.get("credential_definition")
    return definition if isinstance(definition, Mapping) else {}


def _types(raw: Mapping[str, object]) -> list[str]:
    """The W3C VC type list of a configuration: draft 13+ ``credential_definition.type``,
    draft 11 top-level ``types`` (some issuers wrote ``types`` inside the definition)."""
    definition = _definition(raw)
    for value in (
        definition.get("type"),
        definition.get("types"),
        raw.get("types"),
        raw.get("type"),
    ):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
    return []


def _context(raw: Mapping[str, object]) -> list[object]:
    value = _definition(raw).get("@context", raw.get("@context"))
    return list(value) if isinstance(value, list) else []
