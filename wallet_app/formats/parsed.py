"""One credential copy parsed once on receipt (issue 11): the structural floor
(:func:`~wallet_app.formats.validate.validate_credential`) parses it and checks its
signature with the key it embeds; the decoder builds the view from that parse; the holder
binding, the card, the list card's facts and the trust verification all use the result.
"""

from __future__ import annotations

from wallet_app.errors import FormatError
from wallet_app.formats.floor import FloorParse
from wallet_app.formats.view import MDOC_FORMAT, CredentialView, decode_credential
from wallet_app.frozen import frozen

__all__ = ["ParsedCredential", "parse_credential"]


@frozen
class ParsedCredential:
    """A credential as received, its view, and what its verification reuses."""

    format: str
    """The format it was received as (the configuration's)."""
    credential: str
    """The credential as the issuer sent it."""
    view: CredentialView
    """``decode_credential(format, credential)``."""
    floor: FloorParse
    """What the floor parsed and checked (the issuer-signed JWS, the key that verified it)."""
    chain: tuple[bytes, ...] | None = None
    """An mdoc's ``x5chain`` (DER, leaf first); None for other formats."""
    doc_type: str | None = None
    """An mdoc Document's ``docType`` (None for a bare IssuerSigned)."""


def parse_credential(
    format: str, credential: object, *, now: float, doctype: str | None = None
) -> ParsedCredential | None:
    """``credential`` checked by the structural floor and decoded from the floor's parse.
    None when it is not text the floor parses, or does not decode (the decoders then say
    why, as without this). Raises InvalidCredential (the floor's refusal)."""
    from wallet_app.formats.validate import validate_credential

    floor = validate_credential(format, credential, now=now, doctype=doctype)
    if floor is None or not isinstance(credential, str):
        return None
    try:
        view = decode_credential(format, credential, floor=floor)
        if floor.mdoc is None or view.format != MDOC_FORMAT:
            return ParsedCredential(format, credential, view, floor)
        from wallet_app.formats.mdoc import chain_of

        ders, doc_type = chain_of(floor.mdoc.top, floor.mdoc.protected)
    except FormatError:
        return None
    return ParsedCredential(format, credential, view, floor, tuple(ders), doc_type)
