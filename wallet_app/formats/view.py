"""The common, format-independent view of one issued credential, and the format dispatch.

Every decoder in this package (SD-JWT VC, mdoc, JWT VC) returns a :class:`CredentialView`:
enough to show the credential and to check its holder binding. Nothing here talks to the
network or checks issuer trust.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from wallet_app import jsonsafe
from wallet_app.errors import FormatError
from wallet_app.frozen import frozen

if TYPE_CHECKING:
    from wallet_app.formats.floor import FloorParse
    from wallet_app.formats.jwt_vc import Jws

__all__ = [
    "BinaryData",
    "ClaimPath",
    "CredentialView",
    "Disclosure",
    "b64url_decode",
    "binary_claim",
    "claim_value",
    "decode_credential",
    "describe_binary",
]

ClaimPath = tuple[str | int, ...]

SD_JWT_FORMATS = frozenset({"dc+sd-jwt", "vc+sd-jwt"})
JWT_VC_FORMATS = frozenset({"jwt_vc_json", "jwt_vc_json-ld", "jwt_vc"})
JSON_VC_FORMATS = frozenset({"ldp_vc"})
MDOC_FORMAT = "mso_mdoc"

_B64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}")
_URL_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
_DATA_URI = re.compile(r"data:([\w.+-]+/[\w.+-]+)?(?:;[\w-]+=[^;,]*)*;base64,(.*)", re.DOTALL)
#: leading bytes of the image formats a claim may carry (ISO 18013-5 portrait: JPEG, JPEG 2000)
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "image/jp2"),
    (b"\xffO\xffQ", "image/jp2"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")


@frozen
class Disclosure:
    """One SD-JWT disclosure: ``[salt, name, value]`` (object member) or ``[salt, value]``."""

    digest: str
    salt: str
    name: str | None
    value: object
    raw: str


@frozen
class CredentialView:
    """What the wallet shows of one credential, whatever its format.

    ``claims`` holds plain JSON values only; ``header``/``payload`` are the raw structures
    for an "explorer" view. ``signature_verified`` is ``None`` when no key was embedded.
    """

    format: str
    type: str | None
    issuer: str | None
    issued_at: datetime | None
    valid_from: datetime | None
    expires_at: datetime | None
    holder_key: Mapping[str, object] | None
    claims: Mapping[str, object]
    header: Mapping[str, object]
    payload: Mapping[str, object]
    disclosures: tuple[Disclosure, ...]
    status: Mapping[str, object] | None
    digests_verified: bool
    signature_verified: bool | None
    warnings: tuple[str, ...]


@frozen
class BinaryData:
    """A binary claim value (an mdoc ``bstr``, a ``data:`` URI): its bytes and, when they
    are a known image format, its media type (from the bytes, not from what was declared)."""

    data: bytes
    media_type: str | None

    @property
    def is_image(self) -> bool:
        """True when the bytes are JPEG, PNG, JPEG 2000 or GIF."""
        return self.media_type is not None


def _sniff_media_type(data: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def binary_claim(value: object) -> BinaryData | None:
    """The bytes of a binary claim value, or None when ``value`` is not one.

    Binary values are the mdoc form ``{"$bytes": <base64url>, "length": n}`` (see
    :func:`wallet_app.formats.mdoc.json_safe`) and ``data:…;base64,…`` URIs (an SD-JWT
    ``picture``). Never raises.
    """
    if isinstance(value, Mapping) and set(value) == {"$bytes", "length"}:
        encoded = value.get("$bytes")
        try:
            data = b64url_decode(encoded) if isinstance(encoded, str) else None
        except ValueError:
            data = None
    elif isinstance(value, str) and value.startswith("data:"):
        match = _DATA_URI.fullmatch(value.strip())
        try:
            data = base64.b64decode(match.group(2), validate=False) if match else None
        except (binascii.Error, ValueError):
            data = None
    else:
        return None
    if data is None:
        return None
    return BinaryData(data, _sniff_media_type(data))


def describe_binary(binary: BinaryData) -> str:
    """A one-line summary such as ``<image/jpeg, 14 321 bytes>`` (digits grouped by spaces)."""
    size = f"{len(binary.data):,}".replace(",", " ")
    kind = binary.media_type or "binary data"
    return f"<{kind}, {size} bytes>"


def b64url_decode(text: str) -> bytes:
    """Decode base64url with or without padding.

    Raises ValueError when ``text`` is not base64url.
    """
    if not _B64URL.fullmatch(text):
        raise ValueError("not base64url")
    stripped = text.rstrip("=")
    padded = (stripped + "=" * (-len(stripped) % 4)).encode("ascii")  # ASCII: matched above
    try:  # what base64.urlsafe_b64decode does, without its layers (a disclosure each)
        return binascii.a2b_base64(padded.translate(_URL_TO_STANDARD))
    except binascii.Error as exc:
        raise ValueError(str(exc)) from exc


def claim_value(claims: Mapping[str, object], path: Sequence[str | int | None]) -> list[object]:
    """Select the claims a claims path pointer addresses (OID4VCI 1.0 Appendix C).

    A string selects an object member, ``None`` every array element, an integer one array
    element. A missing claim, a type mismatch, a negative index or an empty path select
    nothing (``[]``); this function never raises.
    """
    if not path:
        return []
    selected: list[object] = [claims]
    for component in path:
        nxt: list[object] = []
        for element in selected:
            if isinstance(component, str):
                if not isinstance(element, Mapping):
                    return []
                if component in element:
                    nxt.append(element[component])
            elif component is None:
                if not isinstance(element, list):
                    return []
                nxt.extend(element)
            elif isinstance(component, int) and not isinstance(component, bool):
                if component < 0 or not isinstance(element, list):
                    return []
                if component < len(element):
                    nxt.append(element[component])
            else:
                return []
        selected = nxt
    return selected


def opaque_view(
    format: str, credential: str | Mapping[str, object], warning: str
) -> CredentialView:
    """A view that keeps only the raw credential (unknown or unreadable format)."""
    payload: Mapping[str, object] = dict(credential) if isinstance(credential, Mapping) else {}
    return CredentialView(
        format=format,
        type=None,
        issuer=None,
        issued_at=None,
        valid_from=None,
        expires_at=None,
        holder_key=None,
        claims={},
        header={},
        payload=payload,
        disclosures=(),
        status=None,
        digests_verified=False,
        signature_verified=None,
        warnings=(warning,),
    )


def _sniff(text: str, token: Jws | None = None) -> str | None:
    """Guess the format from the credential itself: an SD-JWT, a JWT, or None. ``token``:
    its JWS as the floor parsed it (its header is not decoded again)."""
    first = text.split("~", 1)[0]
    if not _JWS.fullmatch(first):
        return None
    header: object
    if token is not None and token.compact == first:
        header = token.header
    else:
        try:
            header = jsonsafe.loads(b64url_decode(first.split(".", 1)[0]), surrogates="repair")
        except ValueError:
            return None
    typ = header.get("typ") if isinstance(header, dict) else None
    if isinstance(typ, str) and typ in SD_JWT_FORMATS:  # a list or object is no media type
        return typ
    return "dc+sd-jwt" if "~" in text else "jwt_vc_json"


def decode_credential(
    format: str, credential: str | Mapping[str, object], *, floor: FloorParse | None = None
) -> CredentialView:
    """Decode one issued credential of the given format into a :class:`CredentialView`.
    ``floor``: what the structural floor parsed and checked of it
    (:func:`~wallet_app.formats.validate.validate_credential`), taken instead of parsing
    and checking again (the view is the same).

    The declared ``format`` (OID4VCI 1.0 Appendix A) is checked against the credential: an
    SD-JWT (``~`` separators or JWS ``typ``) or a plain JWT is recognised even when the
    metadata named another format, and a warning says so. Unknown formats give a raw-only
    view. Raises FormatError when a credential of a known format cannot be decoded.
    """
    # The decoders import this module for CredentialView, hence the local imports (and
    # each where it is used: mdoc's loads CBOR, which other formats do not need).
    from wallet_app.formats import jwt_vc, sd_jwt

    if isinstance(credential, Mapping):
        if format in JSON_VC_FORMATS or "credentialSubject" in credential:
            return jwt_vc.decode_vc_document(format, credential)
        return opaque_view(format, credential, f"The wallet cannot show {format} credentials.")
    text = credential.strip()
    if not text:
        raise FormatError("The issuer sent an empty credential.", detail=f"format {format}")
    sniffed = _sniff(text, floor.token if floor is not None else None)
    warnings: tuple[str, ...] = ()
    if sniffed is not None:
        family = SD_JWT_FORMATS if sniffed in SD_JWT_FORMATS else JWT_VC_FORMATS
        actual = format if format in family else sniffed
        if actual != format:
            warnings = (f"The issuer announced {format} but sent {actual}.",)
        if sniffed in SD_JWT_FORMATS:
            view = sd_jwt.decode_sd_jwt(text, format=actual, floor=floor)
        else:
            view = jwt_vc.decode_jwt_vc(text, format=actual, floor=floor)
    elif format == MDOC_FORMAT:
        from wallet_app.formats.mdoc import decode_mdoc

        return decode_mdoc(text, floor=floor)
    elif format in SD_JWT_FORMATS or format in JWT_VC_FORMATS:
        raise FormatError(
            "The issuer sent a credential that the wallet cannot read.",
            detail=f"format {format}: the credential is not a JWS compact serialization",
        )
    else:
        from wallet_app.formats.mdoc import decode_mdoc

        try:
            view = decode_mdoc(text, floor=floor)
        except FormatError:
            return opaque_view(format, text, f"The wallet cannot show {format} credentials.")
        warnings = (f"The issuer announced {format} but sent {MDOC_FORMAT}.",)
    if not warnings:
        return view
    return _with_warnings(view, warnings)


def _with_warnings(view: CredentialView, warnings: tuple[str, ...]) -> CredentialView:
    return replace(view, warnings=warnings + view.warnings)
