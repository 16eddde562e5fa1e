"""Token Status List bits (draft-ietf-oauth-status-list §4): the ``status_list`` claim
decompressed, and the value of one entry. No I/O; split from :mod:`.status_list`, which
checks the token around it."""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Mapping

from wallet_app.frozen import frozen

__all__ = ["MAX_LIST_BYTES", "StatusList", "decode_status_list"]

_BITS = frozenset({1, 2, 4, 8})
MAX_LIST_BYTES = 4 * 1024 * 1024  # 32 million entries at 1 bit: far more than any real list


@frozen
class StatusList:
    """A decompressed status list: ``bits`` per entry, packed from the least significant
    bit of each byte (§4.1)."""

    bits: int
    data: bytes

    @property
    def size(self) -> int:
        """How many entries the list holds."""
        return len(self.data) * 8 // self.bits

    def value_at(self, idx: int) -> int | None:
        """The status value of entry ``idx``; None when it is outside the list."""
        if idx < 0 or idx >= self.size:
            return None
        per_byte = 8 // self.bits
        byte = self.data[idx // per_byte]
        return (byte >> ((idx % per_byte) * self.bits)) & ((1 << self.bits) - 1)


def decode_status_list(claim: object) -> StatusList:
    """The ``status_list`` claim of a Status List Token (§4.2: ``bits`` 1/2/4/8, ``lst`` the
    base64url ZLIB-compressed bytes; §4.3: ``lst`` the bytes) decompressed, at most
    MAX_LIST_BYTES.

    Raises ValueError with the reason when it is malformed or too large.
    """
    if not isinstance(claim, Mapping):
        raise ValueError("status_list is not an object")
    bits, lst = claim.get("bits"), claim.get("lst")
    if isinstance(bits, bool) or bits not in _BITS or not isinstance(bits, int):
        raise ValueError(f"bits is {bits!r}, not 1, 2, 4 or 8")
    if isinstance(lst, bytes) and lst:  # the CBOR form (§4.3) carries the bytes themselves
        compressed = lst
    elif not isinstance(lst, str) or not lst:
        raise ValueError("lst is not a string")
    else:
        try:
            padded = lst + "=" * (-len(lst) % 4)
            compressed = base64.b64decode(padded, altchars=b"-_", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("lst is not base64url") from exc
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(compressed, MAX_LIST_BYTES + 1)
    except zlib.error as exc:
        raise ValueError(f"lst is not ZLIB data ({exc})") from exc
    if len(data) > MAX_LIST_BYTES:
        raise ValueError(f"lst inflates to more than {MAX_LIST_BYTES} bytes")
    if not inflater.eof:
        raise ValueError("lst is truncated ZLIB data")
    return StatusList(bits=bits, data=data)
