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
    ClaimPath,
    CredentialView,
    Disclosure,
    claim_value,
    decode_credential,
)

__all__ = [
    "ClaimPath",
    "ClaimRow",
    "CredentialView",
    "Disclosure",
    "claim_descriptions",
    "claim_value",
    "credential_display",
    "decode_credential",
    "label_claims",
    "pick_locale",
]
