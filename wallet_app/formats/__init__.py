"""Credential formats: decode what an issuer delivers into one view, and label its claims.

SD-JWT VC (``dc+sd-jwt``/``vc+sd-jwt``), ISO mdoc (``mso_mdoc``) and W3C VCs as JWT
(``jwt_vc_json``); anything else is kept raw. No Qt, no network, no disk.
"""

from __future__ import annotations

from wallet_app.formats.display import (
    ClaimRow,
    claim_descriptions,
    credential_display,
    label_claims,
    pick_locale,
)
from wallet_app.formats.view import (
    BinaryData,
    ClaimPath,
    CredentialView,
    Disclosure,
    binary_claim,
    claim_value,
    decode_credential,
    describe_binary,
)

__all__ = [
    "BinaryData",
    "ClaimPath",
    "ClaimRow",
    "CredentialView",
    "Disclosure",
    "binary_claim",
    "claim_descriptions",
    "claim_value",
    "credential_display",
    "decode_credential",
    "describe_binary",
    "label_claims",
    "pick_locale",
]
