"""Frozen value types of the OID4VCI protocol core.

JSON enters the core as ``Mapping[str, object]`` and leaves the parsers (``offer.py``,
``metadata.py``) as these dataclasses. ``raw`` keeps the original document for the explorer
view; secrets (the pre-authorized code) are kept out of ``repr``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Literal

from wallet_app.frozen import frozen

__all__ = [
    "AuthServerMetadata",
    "AuthorizationCodeGrant",
    "ClaimDescription",
    "ClaimDisplay",
    "CredentialConfiguration",
    "CredentialOffer",
    "Display",
    "IssuerMetadata",
    "Logo",
    "OfferReference",
    "PreAuthorizedCodeGrant",
    "ProofTypeSupport",
    "TxCode",
    "TxCodeInputMode",
]

TxCodeInputMode = Literal["numeric", "text"]


@frozen
class TxCode:
    """What the offer says about the Transaction Code the user must enter (§4.1.1)."""

    input_mode: TxCodeInputMode = "numeric"
    length: int | None = None
    description: str | None = None


@frozen
class AuthorizationCodeGrant:
    """The ``authorization_code`` grant of an offer (§4.1.1)."""

    issuer_state: str | None = None
    authorization_server: str | None = None


@frozen
class PreAuthorizedCodeGrant:
    """The ``urn:ietf:params:oauth:grant-type:pre-authorized_code`` grant of an offer (§4.1.1)."""

    pre_authorized_code: str = field(repr=False)
    tx_code: TxCode | None = None
    authorization_server: str | None = None


@frozen
class CredentialOffer:
    """A Credential Offer normalised to the 1.0 shape (§4.1.1).

    ``legacy`` is True when it arrived in a pre-draft-13 shape (``credentials``,
    ``user_pin_required``).
    """

    credential_issuer: str
    credential_configuration_ids: tuple[str, ...]
    authorization_code: AuthorizationCodeGrant | None
    pre_authorized_code: PreAuthorizedCodeGrant | None
    raw: Mapping[str, object] = field(repr=False)
    legacy: bool = False


@frozen
class OfferReference:
    """An offer passed by reference: ``credential_offer_uri`` still to be fetched (§4.1.3)."""

    uri: str


@frozen
class Logo:
    """A logo (``uri`` may be ``https:`` or ``data:``) with its alternative text."""

    uri: str
    alt_text: str | None = None


@frozen
class Display:
    """One localized display entry of an issuer or a credential configuration (§12.2.4)."""

    name: str | None = None
    locale: str | None = None
    logo: Logo | None = None
    description: str | None = None
    background_color: str | None = None
    background_image: str | None = None
    text_color: str | None = None


@frozen
class ClaimDisplay:
    """One localized label of a claim (App. B.2)."""

    name: str | None = None
    locale: str | None = None


@frozen
class ClaimDescription:
    """A claims description object (App. B.2): a claims path pointer (App. C) and labels."""

    path: tuple[str | int | None, ...]
    mandatory: bool = False
    display: tuple[ClaimDisplay, ...] = ()


@frozen
class ProofTypeSupport:
    """One entry of ``proof_types_supported`` (§12.2.4)."""

    signing_algs: tuple[str, ...]
    key_attestations_required: bool = False


@frozen
class CredentialConfiguration:
    """One entry of ``credential_configurations_supported``, normalised to 1.0 (§12.2.4)."""

    id: str
    format: str
    scope: str | None
    binding_methods: tuple[str, ...]
    signing_algs: tuple[str | int, ...]
    proof_types: Mapping[str, ProofTypeSupport]
    display: tuple[Display, ...]
    claims: tuple[ClaimDescription, ...]
    vct: str | None
    doctype: str | None
    raw: Mapping[str, object] = field(repr=False)

    @property
    def requires_proof(self) -> bool:
        """Whether the Credential Request must carry key proofs (§12.2.4, §8.2)."""
        return bool(self.proof_types) or bool(self.binding_methods)


@frozen
class IssuerMetadata:
    """Credential Issuer metadata, normalised to 1.0 (§12.2.4)."""

    credential_issuer: str
    authorization_servers: tuple[str, ...]
    credential_endpoint: str
    nonce_endpoint: str | None
    deferred_credential_endpoint: str | None
    notification_endpoint: str | None
    batch_size: int | None
    display: tuple[Display, ...]
    configurations: Mapping[str, CredentialConfiguration]
    raw: Mapping[str, object] = field(repr=False)
    url: str = ""
    legacy_token_endpoint: str | None = None
    response_encryption_required: bool = False
    request_encryption_required: bool = False

    def auth_server_ids(self) -> tuple[str, ...]:
        """The authorization servers to use: the listed ones, else the issuer itself (§12.2.4)."""
        return self.authorization_servers or (self.credential_issuer,)


@frozen
class AuthServerMetadata:
    """OAuth 2.0 Authorization Server metadata (RFC 8414, §12.3) as the wallet uses it."""

    issuer: str
    authorization_endpoint: str | None
    token_endpoint: str
    pushed_authorization_request_endpoint: str | None
    require_pushed_authorization_requests: bool
    code_challenge_methods_supported: tuple[str, ...]
    dpop_signing_alg_values_supported: tuple[str, ...]
    pre_authorized_grant_anonymous_access_supported: bool
    authorization_response_iss_parameter_supported: bool
    authorization_details_types_supported: tuple[str, ...]
    grant_types_supported: tuple[str, ...]
    scopes_supported: tuple[str, ...]
    raw: Mapping[str, object] = field(repr=False)
    url: str = ""
