"""The structural floor for ISO mdoc (``mso_mdoc``): what cannot be verified is refused.

ISO/IEC 18013-5 §9.1.2.4 and §9.3.1 (issuer data authentication): the ``IssuerSigned``
CBOR must decode, ``issuerAuth`` must be a COSE_Sign1 (RFC 9052 §4.2) with an allowed
algorithm and an ``x5chain`` (RFC 9360) whose leaf verifies the signature, the Mobile
Security Object must name a known digest algorithm, every data element must match its
digest (each digest ID once per namespace) and ``validityInfo`` must hold now. Raises
:class:`~wallet_app.errors.InvalidCredential`; never RecursionError (cbor2 caps nesting at
400, and the element values are walked iteratively up to
:data:`~wallet_app.jsonsafe.MAX_DEPTH`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import TypeVar

import cbor2

from wallet_app.errors import FormatError, InvalidCredential
from wallet_app.formats.floor import FloorParse, MdocParts
from wallet_app.formats.mdoc import (
    _DIGESTS,
    _ECDSA,
    _EDDSA,
    _TAG_ENCODED_CBOR,
    _X5CHAIN,
    _as_datetime,
    _cbor,
    _embedded,
    _issuer_signed,
    _sign1,
    _top,
    _verify,
)
from wallet_app.jsonsafe import MAX_DEPTH, has_lone_surrogate

__all__ = ["validate_mdoc"]

T = TypeVar("T")
MDOC = "ISO/IEC 18013-5 §9.3.1"
CLOCK_SKEW = 60.0


def _decoded(step: Callable[[], T]) -> T:
    """Run one decoding step of :mod:`.mdoc`, its FormatError as InvalidCredential."""
    try:
        return step()
    except FormatError as exc:
        raise InvalidCredential(
            ("The issuer sent an mdoc that cannot be verified ({reason}). Nothing was stored."),
            params={"reason": str(exc.detail or "malformed")[:200]},
            detail=f"{MDOC}: {exc.detail or exc.user_message}",
        ) from exc
    except RecursionError:
        raise InvalidCredential(
            "The issuer sent an mdoc nested too deeply. Nothing was stored.",
            detail=f"{MDOC}; CBOR nesting",
        ) from None


def _check_value(value: object) -> None:
    """An element value: depth at most MAX_DEPTH, text valid Unicode (iterative)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidCredential(
                (
                    "The issuer sent an mdoc whose data is nested more than {depth}"
                    " levels deep. Nothing was stored."
                ),
                params={"depth": MAX_DEPTH},
                detail=f"{MDOC}; the wallet reads at most {MAX_DEPTH} levels",
            )
        if isinstance(item, str):
            if has_lone_surrogate(item):
                raise InvalidCredential(
                    (
                        "The issuer sent an mdoc with text that is not valid Unicode. "
                        "Nothing was stored."
                    ),
                    detail="RFC 8949 §3.1: a text string is valid UTF-8",
                )
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, Mapping):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, cbor2.CBORTag):
            stack.append((item.value, depth + 1))


def validate_mdoc(text: str, now: float, *, doctype: str | None = None) -> FloorParse:
    """Raise InvalidCredential unless the base64url ``IssuerSigned`` ``text`` can be verified
    (see the module) and, when ``doctype`` is given, its MSO names that docType. Returns what
    it decoded and checked, for the decoder (:func:`~.mdoc.decode_mdoc`'s ``floor``). Raises
    nothing else."""
    top = _decoded(lambda: _top(text))
    issuer_signed = _decoded(lambda: _issuer_signed(top))
    sign1 = _decoded(lambda: _sign1(issuer_signed["issuerAuth"]))
    protected: object = {}
    if sign1[0]:
        protected = _decoded(lambda: _cbor(sign1[0], "protected header"))
    if not isinstance(protected, Mapping):
        raise InvalidCredential(
            ("The issuer sent an mdoc whose signature header is not a map. Nothing was stored."),
            detail=MDOC,
        )
    alg = protected.get(1)
    if alg is None or not sign1[3]:
        raise InvalidCredential(
            "The issuer sent an mdoc that is not signed (no algorithm). Nothing was stored.",
            detail="RFC 9052 §3.1: the protected header of issuerAuth names the algorithm; "
            "ISO/IEC 18013-5 §9.1.2.4",
        )
    if not isinstance(alg, int) or isinstance(alg, bool) or alg not in {*_ECDSA, *_EDDSA}:
        raise InvalidCredential(
            (
                "The issuer signed the mdoc with an algorithm that is not "
                "allowed ({alg}). Nothing was stored."
            ),
            params={"alg": str(alg)[:40]},
            detail=f"{MDOC}; RFC 9053 §2: ECDSA or EdDSA",
        )
    if sign1[1].get(_X5CHAIN, protected.get(_X5CHAIN)) is None:
        raise InvalidCredential(
            ("The issuer sent an mdoc without the certificate that signed it. Nothing was stored."),
            detail="ISO/IEC 18013-5 §9.3.3: issuerAuth carries x5chain",
        )
    verified, _subject, warnings = _verify(sign1, protected)
    if not verified:
        raise InvalidCredential(
            ("The mdoc's signature does not verify with its certificate. Nothing was stored."),
            detail=f"{MDOC}: the issuerAuth signature MUST verify; {' '.join(warnings)}",
        )
    mso = _decoded(lambda: _embedded(_cbor(sign1[2], "MSO"), "MSO"))
    if not isinstance(mso, Mapping):
        raise InvalidCredential(
            ("The issuer sent an mdoc whose security object is not a map. Nothing was stored."),
            detail=MDOC,
        )
    algorithm = _DIGESTS.get(str(mso.get("digestAlgorithm")))
    if algorithm is None:
        raise InvalidCredential(
            (
                "The mdoc uses a digest algorithm the wallet does not know "
                "({alg}). Nothing was stored."
            ),
            params={"alg": str(mso.get("digestAlgorithm"))[:40]},
            detail="ISO/IEC 18013-5 §9.1.2.5: SHA-256, SHA-384 or SHA-512",
        )
    if doctype is not None and mso.get("docType") != doctype:
        raise InvalidCredential(
            (
                "The mdoc's document type {found} is not the one the issuer "
                "offered ({expected}). Nothing was stored."
            ),
            params={"found": str(mso.get("docType"))[:80], "expected": doctype[:80]},
            detail="ISO/IEC 18013-5 §9.3.1: the MSO docType MUST be the document's; OID4VCI 1.0 "
            "§A.2.2: the configuration's doctype",
        )
    elements = _check_digests(issuer_signed.get("nameSpaces"), mso, algorithm)
    _check_validity(mso.get("validityInfo"), now)
    return FloorParse(
        signature=(verified, _subject, tuple(warnings)),
        mdoc=MdocParts(top=top, protected=protected, mso=mso, elements=elements),
    )


def _check_digests(
    name_spaces: object, mso: Mapping[object, object], algorithm: str
) -> dict[object, tuple[Mapping[object, object], ...]]:
    """Each namespace's IssuerSignedItems, decoded, every one matching its digest. Raises
    InvalidCredential."""
    value_digests = mso.get("valueDigests")
    if not isinstance(value_digests, Mapping):
        raise InvalidCredential(
            ("The mdoc's security object has no value digests. Nothing was stored."), detail=MDOC
        )
    elements: dict[object, tuple[Mapping[object, object], ...]] = {}
    if name_spaces is None:
        return elements
    if not isinstance(name_spaces, Mapping):
        raise InvalidCredential(
            "The mdoc's name spaces are not a map. Nothing was stored.",
            detail="ISO/IEC 18013-5 §8.3.2.1.2.2",
        )
    for ns, items in name_spaces.items():
        expected = value_digests.get(ns)
        if not isinstance(items, list) or not isinstance(expected, Mapping):
            raise InvalidCredential(
                (
                    "The mdoc holds data that the issuer did not sign (digest "
                    "mismatch). Nothing was stored."
                ),
                detail=f"{MDOC}: every namespace has value digests",
            )
        ids: set[int] = set()
        decoded: list[Mapping[object, object]] = []
        for tagged in items:
            if not isinstance(tagged, cbor2.CBORTag) or tagged.tag != _TAG_ENCODED_CBOR:
                raise InvalidCredential(
                    (
                        "The mdoc holds a data element that is not encoded as signed. "
                        "Nothing was stored."
                    ),
                    detail="ISO/IEC 18013-5 §8.3.2.1.2.2: IssuerSignedItemBytes (tag 24)",
                )
            item = _decoded(partial(_embedded, tagged, "IssuerSignedItem"))
            if not isinstance(item, Mapping) or not isinstance(item.get("elementIdentifier"), str):
                raise InvalidCredential(
                    "The mdoc holds a malformed data element. Nothing was stored.",
                    detail="ISO/IEC 18013-5 §8.3.2.1.2.2",
                )
            _check_value(item.get("elementIdentifier"))
            _check_value(item.get("elementValue"))
            digest_id = item.get("digestID")
            if not isinstance(digest_id, int) or isinstance(digest_id, bool):
                raise InvalidCredential(
                    ("The mdoc holds a data element without a digest ID. Nothing was stored."),
                    detail=MDOC,
                )
            if digest_id in ids:
                raise InvalidCredential(
                    "The mdoc uses the same digest ID twice. Nothing was stored.",
                    detail="ISO/IEC 18013-5 §9.1.2.4: digest IDs are unique per namespace",
                )
            ids.add(digest_id)
            digest = hashlib.new(algorithm, cbor2.dumps(tagged)).digest()
            if expected.get(digest_id) != digest:
                raise InvalidCredential(
                    (
                        "The mdoc holds data that the issuer did not sign (digest "
                        "mismatch). Nothing was stored."
                    ),
                    detail=f"{MDOC}: each IssuerSignedItem MUST match its value digest",
                )
            decoded.append(item)
        elements[ns] = tuple(decoded)
    return elements


def _check_validity(validity: object, now: float) -> None:
    if not isinstance(validity, Mapping):
        raise InvalidCredential(
            "The mdoc has no validity period. Nothing was stored.",
            detail="ISO/IEC 18013-5 §9.1.2.4: validityInfo",
        )
    signed = _as_datetime(validity.get("signed"))
    valid_from = _as_datetime(validity.get("validFrom"))
    until = _as_datetime(validity.get("validUntil"))
    if valid_from is None or until is None:
        raise InvalidCredential(
            "The mdoc's validity period cannot be read. Nothing was stored.",
            detail="ISO/IEC 18013-5 §9.1.2.4: validFrom and validUntil are tdate",
        )
    if until.timestamp() <= now - CLOCK_SKEW:
        raise InvalidCredential(
            ("The issuer sent an mdoc that has already expired ({date}). Nothing was stored."),
            params={"date": _when(until)},
            detail=f"{MDOC}: validUntil MUST be in the future",
        )
    if valid_from.timestamp() > now + CLOCK_SKEW:
        raise InvalidCredential(
            ("The issuer sent an mdoc that is not valid yet (from {date}). Nothing was stored."),
            params={"date": _when(valid_from)},
            detail=f"{MDOC}: validFrom MUST NOT be in the future",
        )
    if signed is not None and signed.timestamp() > now + CLOCK_SKEW:
        raise InvalidCredential(
            ("The issuer sent an mdoc signed in the future ({date}). Nothing was stored."),
            params={"date": _when(signed)},
            detail=f"{MDOC}: signed MUST NOT be in the future",
        )


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
