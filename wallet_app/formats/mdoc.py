"""ISO mdoc (``mso_mdoc``): decode ``IssuerSigned``, check value digests and the issuer signature.

OID4VCI 1.0 Appendix A.2: the credential is base64url(CBOR ``IssuerSigned``) per ISO/IEC
18013-5 §8.3.2.1.2.2 (``nameSpaces`` of Tag 24 ``IssuerSignedItem`` and ``issuerAuth``, a
COSE_Sign1 over the Tag 24 Mobile Security Object, RFC 9052 §4.4). The signature is checked
with the ``x5chain`` leaf only; whether that certificate is trusted is decided elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import cbor2
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from wallet_app.errors import FormatError
from wallet_app.formats.certificates import certificate_public_key, load_der_certificate
from wallet_app.formats.view import CredentialView, b64url_decode
from wallet_app.jsonsafe import MAX_DEPTH

if TYPE_CHECKING:
    from wallet_app.formats.floor import FloorParse, MdocParts, SignatureResult

__all__ = [
    "chain_of",
    "cose_key_to_jwk",
    "decode_mdoc",
    "decode_mdoc_and_chain",
    "issuer_chain",
    "json_safe",
]

_UNREADABLE = "The issuer sent a credential that the wallet cannot read."
_DIGESTS = {"SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}
# COSE algorithm → hash for ECDSA (RFC 9053 §2.1; fully specified ESP* from RFC 9864).
_ECDSA: Mapping[int, hashes.HashAlgorithm] = {
    -7: hashes.SHA256(),
    -9: hashes.SHA256(),
    -35: hashes.SHA384(),
    -51: hashes.SHA384(),
    -36: hashes.SHA512(),
    -52: hashes.SHA512(),
}
_EDDSA = frozenset({-8, -19})
_EC_CURVES = {1: "P-256", 2: "P-384", 3: "P-521"}
_OKP_CURVES = {4: "X25519", 5: "X448", 6: "Ed25519", 7: "Ed448"}
_TAG_ENCODED_CBOR = 24
_TAG_COSE_SIGN1 = 18
_X5CHAIN = 33


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def json_safe(value: object) -> object:
    """A CBOR value as plain JSON: bytes → ``{"$bytes", "length"}``, dates → ISO strings."""
    if isinstance(value, bytes):
        return {"$bytes": _b64url(value), "length": len(value)}
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return _json_map(value)
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, cbor2.CBORTag):
        return {"$tag": value.tag, "value": json_safe(value.value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # undefined, simple values, and other exotic CBOR items


def _json_map(value: Mapping[object, object]) -> dict[str, object]:
    return {str(k): json_safe(v) for k, v in value.items()}


def _cbor(data: object, what: str) -> object:
    if not isinstance(data, bytes):
        raise FormatError(_UNREADABLE, detail=f"mdoc {what} is not a byte string")
    try:
        value = cbor2.loads(data)
    except (cbor2.CBORError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise FormatError(_UNREADABLE, detail=f"mdoc {what} is not valid CBOR: {exc}") from exc
    if _too_deep(value):
        detail = f"mdoc {what} is nested deeper than {MAX_DEPTH} levels"
        raise FormatError(_UNREADABLE, detail=detail)
    return value


def _too_deep(value: object) -> bool:
    """Whether a decoded CBOR item nests deeper than MAX_DEPTH (walked iteratively: the
    recursive walks that show it, :func:`json_safe`, stay far from Python's limit)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, Mapping):
            stack.extend((v, depth + 1) for v in item.values())
            stack.extend((k, depth + 1) for k in item if isinstance(k, tuple | cbor2.CBORTag))
        elif isinstance(item, cbor2.CBORTag):
            stack.append((item.value, depth + 1))
    return False


def _embedded(value: object, what: str) -> object:
    """Decode a Tag 24 (encoded CBOR data item); tolerate an already decoded item."""
    if isinstance(value, cbor2.CBORTag) and value.tag == _TAG_ENCODED_CBOR:
        return _cbor(value.value, what)
    return value


def _top(credential: str) -> object:
    """The credential's top-level CBOR item. Raises FormatError."""
    try:
        raw = b64url_decode(credential)
    except ValueError as exc:
        raise FormatError(_UNREADABLE, detail=f"mdoc is not base64url: {exc}") from exc
    return _cbor(raw, "IssuerSigned")


def _issuer_signed(top: object) -> Mapping[object, object]:
    if isinstance(top, Mapping) and isinstance(top.get("documents"), list) and top["documents"]:
        top = top["documents"][0]  # a DeviceResponse
    if isinstance(top, Mapping) and isinstance(top.get("issuerSigned"), Mapping):
        top = top["issuerSigned"]  # a Document
    if not isinstance(top, Mapping) or "issuerAuth" not in top:
        raise FormatError(_UNREADABLE, detail="mdoc has no issuerAuth")
    return top


def _sign1(issuer_auth: object) -> tuple[bytes, Mapping[object, object], bytes, bytes]:
    if isinstance(issuer_auth, cbor2.CBORTag) and issuer_auth.tag == _TAG_COSE_SIGN1:
        issuer_auth = issuer_auth.value
    if not isinstance(issuer_auth, list | tuple) or len(issuer_auth) != 4:
        raise FormatError(_UNREADABLE, detail="issuerAuth is not a COSE_Sign1 array of 4")
    protected, unprotected, payload, signature = issuer_auth
    if not (
        isinstance(protected, bytes)
        and isinstance(unprotected, Mapping)
        and isinstance(payload, bytes)
        and isinstance(signature, bytes)
    ):
        raise FormatError(_UNREADABLE, detail="issuerAuth members have the wrong types")
    return protected, unprotected, payload, signature


def issuer_chain(credential: str) -> tuple[list[bytes], str | None]:
    """The ``x5chain`` of ``issuerAuth`` (DER certificates, leaf first; RFC 9360 §2: one
    bstr or an array) and the Document's ``docType`` when the credential is a Document or a
    DeviceResponse (None for a bare IssuerSigned).

    Raises FormatError when the input is not base64url CBOR with an issuerAuth COSE_Sign1.
    """
    return _chain_of(_top(credential.strip()))


def chain_of(
    top: object, protected: Mapping[object, object] | None = None
) -> tuple[list[bytes], str | None]:
    """:func:`issuer_chain` of a decoded top-level item; ``protected``: its issuerAuth's
    protected header, when decoded already. Raises FormatError."""
    return _chain_of(top, protected)


def _chain_of(
    top: object, decoded: Mapping[object, object] | None = None
) -> tuple[list[bytes], str | None]:
    document = top
    if (
        isinstance(document, Mapping)
        and isinstance(document.get("documents"), list)
        and document["documents"]
    ):
        document = document["documents"][0]
    doc_type = document.get("docType") if isinstance(document, Mapping) else None
    sign1 = _sign1(_issuer_signed(top)["issuerAuth"])
    protected = (
        decoded
        if decoded is not None
        else (_cbor(sign1[0], "protected header") if sign1[0] else {})
    )
    chain = sign1[1].get(_X5CHAIN)
    if chain is None and isinstance(protected, Mapping):
        chain = protected.get(_X5CHAIN)
    ders = chain if isinstance(chain, list) else [] if chain is None else [chain]
    if not all(isinstance(der, bytes) for der in ders):
        raise FormatError(_UNREADABLE, detail="x5chain holds something other than certificates")
    return list(ders), doc_type if isinstance(doc_type, str) else None


def cose_key_to_jwk(key: object) -> dict[str, object] | None:
    """A public COSE_Key (RFC 9053 §7) as a JWK; None for unknown key types or curves."""
    if not isinstance(key, Mapping):
        return None
    kty, crv, x, y = key.get(1), key.get(-1), key.get(-2), key.get(-3)
    if kty == 2 and crv in _EC_CURVES and isinstance(x, bytes) and isinstance(y, bytes):
        return {"kty": "EC", "crv": _EC_CURVES[crv], "x": _b64url(x), "y": _b64url(y)}
    if kty == 1 and crv in _OKP_CURVES and isinstance(x, bytes):
        return {"kty": "OKP", "crv": _OKP_CURVES[crv], "x": _b64url(x)}
    return None


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _check_signature(
    protected: Mapping[object, object],
    sig_structure: bytes,
    signature: bytes,
    public: CertificatePublicKeyTypes,
) -> bool:
    alg = protected.get(1)
    hash_alg = _ECDSA.get(alg) if isinstance(alg, int) else None
    try:
        if isinstance(public, ec.EllipticCurvePublicKey) and hash_alg is not None:
            size = (public.curve.key_size + 7) // 8
            if len(signature) != 2 * size:
                return False
            r = int.from_bytes(signature[:size], "big")
            s = int.from_bytes(signature[size:], "big")
            der = encode_dss_signature(r, s)
            public.verify(der, sig_structure, ec.ECDSA(hash_alg))
        elif isinstance(public, ed25519.Ed25519PublicKey) and alg in _EDDSA:
            public.verify(signature, sig_structure)
        else:
            return False
    except (InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _verify(
    sign1: tuple[bytes, Mapping[object, object], bytes, bytes], protected: Mapping[object, object]
) -> tuple[bool | None, str | None, list[str]]:
    """(verified or None without x5chain, leaf subject, warnings) for the COSE_Sign1."""
    protected_raw, unprotected, payload, signature = sign1
    chain = unprotected.get(_X5CHAIN, protected.get(_X5CHAIN))
    if chain is None:
        return None, None, []
    leaf_der = chain[0] if isinstance(chain, list) and chain else chain
    try:
        if not isinstance(leaf_der, bytes):
            raise ValueError("x5chain is not a byte string")
        leaf = load_der_certificate(leaf_der)
        subject = leaf.subject.rfc4514_string()  # decoded lazily: may raise ValueError here
    except ValueError as exc:
        return False, None, [f"The issuer certificate in the mdoc could not be read ({exc})."]
    try:
        public = certificate_public_key(leaf)
    except (ValueError, UnsupportedAlgorithm) as exc:  # cryptography 44 raises ValueError
        return False, subject, [f"The issuer certificate's key could not be read ({exc})."]
    sig_structure = cbor2.dumps(["Signature1", protected_raw, b"", payload])
    if _check_signature(protected, sig_structure, signature, public):
        return True, subject, []
    return False, subject, ["The issuer's signature does not match the mdoc."]


def _items(
    name_spaces: object,
    mso: Mapping[object, object],
    warnings: list[str],
    display: bool = True,
) -> tuple[dict[str, object], bool]:
    """(claims {namespace: {element: value}}, every digest matched); ``display`` False
    leaves each value as decoded CBOR (not made JSON)."""
    algorithm = _DIGESTS.get(str(mso.get("digestAlgorithm")))
    value_digests = mso.get("valueDigests")
    if algorithm is None:
        warnings.append(f"The digest algorithm {mso.get('digestAlgorithm')!r} is not supported.")
    if not isinstance(value_digests, Mapping):
        value_digests = {}
    claims: dict[str, object] = {}
    bad = 0
    for ns, items in name_spaces.items() if isinstance(name_spaces, Mapping) else ():
        elements: dict[str, object] = {}
        expected = value_digests.get(ns)
        for tagged in items if isinstance(items, list) else ():
            item = _embedded(tagged, "IssuerSignedItem")
            if not isinstance(item, Mapping) or not isinstance(item.get("elementIdentifier"), str):
                raise FormatError(_UNREADABLE, detail=f"malformed IssuerSignedItem in {ns}")
            value = item.get("elementValue")
            elements[item["elementIdentifier"]] = json_safe(value) if display else value
            if not isinstance(tagged, cbor2.CBORTag):
                tagged = cbor2.CBORTag(_TAG_ENCODED_CBOR, cbor2.dumps(item))
            digest = hashlib.new(algorithm, cbor2.dumps(tagged)).digest() if algorithm else None
            digest_id = item.get("digestID")
            if (
                not isinstance(expected, Mapping)
                or not isinstance(digest_id, int)  # a hostile map or array key is no digest ID
                or expected.get(digest_id) != digest
            ):
                bad += 1
        claims[str(ns)] = elements
    if bad:
        warnings.append(f"{bad} data element(s) do not match the issuer's digests.")
    return claims, algorithm is not None and bad == 0


def decode_mdoc(credential: str, *, floor: FloorParse | None = None) -> CredentialView:
    """Decode an ``mso_mdoc`` credential (base64url CBOR ``IssuerSigned``).

    Checks every IssuerSignedItem digest against the MSO ``valueDigests`` and the COSE_Sign1
    signature against the ``x5chain`` leaf. ``floor``: the structural floor's parse of
    ``credential``, which decoded it, matched every digest and checked the signature (taken
    instead of doing it again). Raises FormatError when the input is not base64url CBOR of
    that structure.
    """
    if floor is not None and floor.mdoc is not None:
        return _decode(floor.mdoc.top, parts=floor.mdoc, signature=floor.signature)
    return _decode(_top(credential.strip()))


def decode_mdoc_and_chain(
    credential: str, *, display: bool = True
) -> tuple[CredentialView, list[bytes], str | None]:
    """:func:`decode_mdoc` and :func:`issuer_chain` of ``credential``, decoded once (for
    verification). ``display`` False leaves the view's ``header`` and ``payload`` (the
    protected header and the MSO as JSON, for people) empty and its claim values as decoded
    CBOR (not JSON); every check is the same.
    Raises FormatError like them."""
    top = _top(credential.strip())
    view = _decode(top, display=display)
    return (view, *_chain_of(top))


def _decode(
    top: object,
    *,
    display: bool = True,
    parts: MdocParts | None = None,
    signature: SignatureResult | None = None,
) -> CredentialView:
    issuer_signed = _issuer_signed(top)
    sign1 = _sign1(issuer_signed["issuerAuth"])
    warnings: list[str] = []
    if parts is not None:  # decoded and every digest matched by the floor
        protected, mso = parts.protected, parts.mso
        claims: dict[str, object] = {
            str(ns): {
                str(item["elementIdentifier"]): (
                    json_safe(item.get("elementValue")) if display else item.get("elementValue")
                )
                for item in items
            }
            for ns, items in parts.elements.items()
        }
        digests_ok = True
    else:
        read = _cbor(sign1[0], "protected header") if sign1[0] else {}
        if not isinstance(read, Mapping):
            raise FormatError(_UNREADABLE, detail="COSE protected header is not a map")
        read_mso = _embedded(_cbor(sign1[2], "MSO"), "MSO")
        if not isinstance(read_mso, Mapping):
            raise FormatError(_UNREADABLE, detail="the Mobile Security Object is not a map")
        protected, mso = read, read_mso
        claims, digests_ok = _items(issuer_signed.get("nameSpaces"), mso, warnings, display)
    verified, subject, sig_warnings = (
        signature if signature is not None else _verify(sign1, protected)
    )
    validity = mso.get("validityInfo")
    validity = validity if isinstance(validity, Mapping) else {}
    device_key_info = mso.get("deviceKeyInfo")
    device_key = device_key_info.get("deviceKey") if isinstance(device_key_info, Mapping) else None
    holder_key = cose_key_to_jwk(device_key)
    if device_key is not None and holder_key is None:
        warnings.append("The holder's device key has an unsupported type.")
    doc_type, status = mso.get("docType"), json_safe(mso.get("status"))
    return CredentialView(
        format="mso_mdoc",
        type=doc_type if isinstance(doc_type, str) else None,
        issuer=subject,
        issued_at=_as_datetime(validity.get("signed")),
        valid_from=_as_datetime(validity.get("validFrom")),
        expires_at=_as_datetime(validity.get("validUntil")),
        holder_key=holder_key,
        claims=claims,
        header=_json_map(protected) if display else {},
        payload=_json_map(mso) if display else {},
        disclosures=(),
        status=status if isinstance(status, dict) else None,
        digests_verified=digests_ok,
        signature_verified=verified,
        warnings=(*warnings, *sig_warnings),
    )
