"""Behaviour switches of the demo issuer, fixed when it is built."""

from __future__ import annotations

from wallet_app.frozen import frozen

__all__ = ["DemoConfig"]


@frozen
class DemoConfig:
    """How the demo issuer behaves; every switch maps to a spec option.

    Raises nothing.
    """

    issuer_path: str = ""
    """credential_issuer = base_url + issuer_path ("/demo" exercises the inserted well-known)."""
    separate_as_path: str | None = None
    """None: the issuer is its own AS; else the AS id is base_url + this path (§11.2.3)."""
    require_par: bool = False
    """Advertise require_pushed_authorization_requests and reject /authorize without PAR."""
    dpop: bool = False
    """Require DPoP proofs at the token endpoint and issue DPoP-bound tokens (RFC 9449)."""
    dpop_nonce: bool = False
    """Challenge DPoP proofs without a current server nonce (RFC 9449 §8, §9)."""
    credential_identifiers: bool = False
    """Token responses carry credential_identifiers, which the credential endpoint requires."""
    batch_size: int | None = 3
    """batch_credential_issuance.batch_size (§11.2.3); None: one proof per request."""
    nonce_endpoint: bool = True
    """Advertise the Nonce Endpoint (§7) and require c_nonce in key proofs."""
    iss_in_response: bool = True
    """Send the RFC 9207 iss parameter in authorization responses."""
    anonymous_preauth: bool = True
    """pre-authorized_grant_anonymous_access_supported (§12.3)."""
    deferred_interval: int = 1
    """Seconds, the interval in deferred (202) responses (§9)."""
    encryption: bool = False
    """Require encrypted credential requests and responses (§10): ECDH-ES, A128GCM/A256GCM."""
    status_ttl: int = 300
    """Seconds, the ttl of the Status List Token (Token Status List §5.1)."""
    signed_metadata: bool = False
    """Answer metadata requests that accept application/jwt with signed metadata (§12.2.3)."""
    plain_sd_jwt_metadata: bool = False
    """The SD-JWT VC configurations (PID, diploma) have no credential display and no claim
    labels: the diploma's name, colours and labels can then only come from its type metadata
    (SD-JWT VC §5); the PID's vct is a URN, which names no type metadata to fetch."""
    jwt_vc_json: bool = False
    """The 1.0 mode also offers a jwt_vc_json degree (OID4VCI 1.0 App. A.1); the draft modes
    always do."""
    draft: str = "1.0"
    """The protocol draft the issuer speaks: "1.0", "15", "14", "13" or "11" (metadata, offer,
    token, credential and deferred shapes of that draft; see demo_issuer/drafts*.py)."""
    single_use_nonce: bool = False
    """Each c_nonce is accepted in one credential request only (§7 allows this)."""
    require_wallet_attestation: bool = False
    """PAR and token requests need OAuth-Client-Attestation(-PoP) headers (HAIP 1.0, App. E)."""
    require_key_attestation: bool = False
    """Every configuration requires key attestations; proofs must carry one (App. D)."""
    attestation_before_dpop: bool = False
    """With require_wallet_attestation: PAR and token requests check the client attestation
    (spending its PoP jti and challenge) before DPoP, as some servers do, so a DPoP nonce
    retry must bring a new PoP (and, the challenge spent, a new challenge)."""
    deviations: frozenset[str] = frozenset()
    """Seeded deviations from the specs that an issuer lint must find (deviations.py)."""
    display_name: str | None = None
    """When set, every ``name`` in the metadata's ``display`` objects (issuer, credential and
    claim displays, every locale) is this text: tests of hostile issuer text."""
