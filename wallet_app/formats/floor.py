"""What the structural floor (:mod:`.validate`) parsed and verified, handed to the decoders so
that a credential is parsed once and its issuer signature checked once on receipt (issue 11).

The floor reads strictly (UTF-8, no lone surrogate, bounded depth) and raises for anything
its format says MUST abort; what it hands on is what passed. The decoders take it instead of
parsing the text again (:func:`~wallet_app.formats.view.decode_credential`'s ``floor``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from wallet_app.frozen import frozen

if TYPE_CHECKING:
    from wallet_app.formats.jwt_vc import Jws
    from wallet_app.formats.view import Disclosure

__all__ = ["FloorParse", "MdocParts", "SignatureResult"]

#: (verified: None when no key is embedded, the x5c leaf's subject, warnings)
SignatureResult = tuple[bool | None, str | None, tuple[str, ...]]


@frozen
class MdocParts:
    """An ``IssuerSigned`` as the floor decoded it: every digest matched, the signature
    checked with the ``x5chain`` leaf."""

    top: object
    """The top-level CBOR item (IssuerSigned, Document or DeviceResponse)."""
    protected: Mapping[object, object]
    """The COSE protected header of ``issuerAuth``."""
    mso: Mapping[object, object]
    """The Mobile Security Object."""
    elements: Mapping[object, tuple[Mapping[object, object], ...]]
    """Per namespace, each IssuerSignedItem decoded (its digest matched)."""


@frozen
class FloorParse:
    """The floor's parse of one credential that passed it."""

    token: Jws | None = None
    """The issuer-signed JWS (JWT formats), header and payload decoded."""
    disclosures: tuple[Disclosure, ...] | None = None
    """The SD-JWT's disclosures in order (None: not read as an SD-JWT)."""
    signature: SignatureResult = (None, None, ())
    """The signature checked with the key the credential embeds."""
    signer: object | None = None
    """The key that verified it (a joserfc key; None: not verified here)."""
    mdoc: MdocParts | None = None
