"""Technical renderings of a credential for the details dialog: CBOR diagnostic notation
(RFC 8949 §8, with ``<< >>`` for embedded CBOR from RFC 8610 App. G) and JWK thumbprints
(RFC 7638)."""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Mapping
from datetime import date, datetime

import cbor2

__all__ = ["cbor_diagnostic", "jwk_thumbprint"]

_THUMBPRINT_MEMBERS = {
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "RSA": ("e", "kty", "n"),
}


def cbor_diagnostic(value: object, indent: int = 0) -> str:
    """``value`` (as decoded by cbor2) in CBOR diagnostic notation, pretty-printed."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, cbor2.CBORTag):
        if value.tag == 24 and isinstance(value.value, bytes):
            try:
                embedded = cbor2.loads(value.value)
            except (cbor2.CBORDecodeError, ValueError):
                return f"24({cbor_diagnostic(value.value, indent)})"
            return f"24(<< {cbor_diagnostic(embedded, indent)} >>)"
        return f"{value.tag}({cbor_diagnostic(value.value, indent)})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else ("Infinity" if math.isinf(value) else repr(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return f"h'{value.hex()}'"
    if isinstance(value, datetime):
        return f'0("{value.isoformat().replace("+00:00", "Z")}")'
    if isinstance(value, date):
        return f'1004("{value.isoformat()}")'
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [
            f"{inner}{cbor_diagnostic(k, indent + 1)}: {cbor_diagnostic(v, indent + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [f"{inner}{cbor_diagnostic(v, indent + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return str(value)  # undefined and simple values print as cbor2 names them


def jwk_thumbprint(jwk: Mapping[str, object]) -> str | None:
    """The RFC 7638 SHA-256 thumbprint of a public JWK, or None for an unknown key type."""
    members = _THUMBPRINT_MEMBERS.get(str(jwk.get("kty")))
    if members is None or any(not isinstance(jwk.get(m), str) for m in members):
        return None
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
