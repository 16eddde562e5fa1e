"""The ``tampered`` fault: a credential altered after the issuer signed it.

One selectively disclosed value of an SD-JWT VC, or one data element of an mdoc, is changed,
so its digest no longer matches the one under the issuer's signature (RFC 9901 §7.1,
ISO/IEC 18013-5 §9.3.1). A wallet must never store such a credential.
"""

from __future__ import annotations

import json

import cbor2

from .minting import b64url, b64url_decode

__all__ = ["tamper_mdoc", "tamper_sd_jwt"]


def _changed(value: object) -> object:
    return f"{value}!" if isinstance(value, str) else "tampered"


def tamper_sd_jwt(credential: str) -> str:
    """``credential`` with its first object-member disclosure's value changed. Raises
    ValueError when it has no such disclosure."""
    jws, *disclosures = credential.split("~")
    for position, encoded in enumerate(disclosures):
        if not encoded:
            continue
        decoded = json.loads(b64url_decode(encoded))
        if isinstance(decoded, list) and len(decoded) == 3:
            decoded[2] = _changed(decoded[2])
            disclosures[position] = b64url(json.dumps(decoded).encode("utf-8"))
            return "~".join([jws, *disclosures])
    raise ValueError("the SD-JWT has no object-member disclosure to tamper with")


def tamper_mdoc(credential: str) -> str:
    """``credential`` (base64url IssuerSigned) with its first data element's value changed.
    Raises ValueError when it has no data element."""
    issuer_signed = cbor2.loads(b64url_decode(credential))
    for items in issuer_signed["nameSpaces"].values():
        if items:
            item = cbor2.loads(items[0].value)
            item["elementValue"] = _changed(item["elementValue"])
            items[0] = cbor2.CBORTag(24, cbor2.dumps(item))
            return b64url(cbor2.dumps(issuer_signed))
    raise ValueError("the mdoc has no data element to tamper with")
