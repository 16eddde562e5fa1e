"""Token Status List (draft-ietf-oauth-status-list): the demo issuer's one 2-bit list, the
`status` reference every credential carries and the Status List Token endpoint."""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

import cbor2

from .minting import IssuerKeys, b64url, b64url_decode
from .wsgi import Request, Response, oauth_error

if TYPE_CHECKING:
    from .state import DemoState

__all__ = [
    "MEDIA_TYPE",
    "STATUS_PATH",
    "StatusList",
    "credential_status_index",
    "status_endpoint",
    "status_reference",
    "status_token",
]

MEDIA_TYPE = "application/statuslist+jwt"
STATUS_PATH = "/status/1"
_BITS = 2
_PER_BYTE = 8 // _BITS
_MASK = (1 << _BITS) - 1
_TOKEN_LIFETIME = 24 * 3600


class StatusList:
    """A Status List (§4) with 2 bits per token, indices handed out in order; thread-safe.

    Raises ValueError for an index that was never allocated or a value that needs more bits.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._lock = threading.Lock()
        self._bytes = bytearray((capacity + _PER_BYTE - 1) // _PER_BYTE)
        self._next = 0

    def allocate(self, value: int = 0) -> int:
        """A fresh index whose status is `value`; the list grows when full."""
        self._check_value(value)
        with self._lock:
            idx = self._next
            self._next += 1
            if idx // _PER_BYTE >= len(self._bytes):
                self._bytes.extend(bytes(len(self._bytes)))
            self._put(idx, value)
            return idx

    def set(self, idx: int, value: int) -> None:
        """Set the status of token `idx`: 0 valid, 1 invalid, 2 suspended, 3 application
        specific."""
        self._check_value(value)
        with self._lock:
            self._check_index(idx)
            self._put(idx, value)

    def get(self, idx: int) -> int:
        """The status of token `idx`."""
        with self._lock:
            self._check_index(idx)
            return (self._bytes[idx // _PER_BYTE] >> (idx % _PER_BYTE * _BITS)) & _MASK

    def claim(self) -> dict[str, object]:
        """The `status_list` claim (§4.2): bits and lst = base64url(ZLIB DEFLATE of the bytes)."""
        with self._lock:
            raw = bytes(self._bytes)
        return {"bits": _BITS, "lst": b64url(zlib.compress(raw, 9))}

    def _put(self, idx: int, value: int) -> None:
        shift = idx % _PER_BYTE * _BITS  # the first token sits in the least significant bits
        byte = self._bytes[idx // _PER_BYTE] & ~(_MASK << shift)
        self._bytes[idx // _PER_BYTE] = byte | (value << shift)

    def _check_index(self, idx: int) -> None:
        if not 0 <= idx < self._next:
            raise ValueError(f"status index {idx} was never handed out")

    @staticmethod
    def _check_value(value: int) -> None:
        if not 0 <= value <= _MASK:
            raise ValueError(f"a status needs 0..{_MASK} with {_BITS} bits, got {value}")


def status_reference(uri: str, idx: int) -> dict[str, object]:
    """The Referenced Token's `status` claim / MSO member (§6.1, §6.3). Raises nothing."""
    return {"status_list": {"idx": idx, "uri": uri}}


def status_token(
    keys: IssuerKeys, uri: str, status_list: Mapping[str, object], *, now: float, ttl: int
) -> str:
    """The Status List Token as a JWT (§5.1), signed with `keys` and their x5c chain."""
    claims = {
        "sub": uri,
        "iat": int(now),
        "exp": int(now) + _TOKEN_LIFETIME,
        "ttl": ttl,
        "status_list": dict(status_list),
    }
    return keys.sign_jws({"typ": "statuslist+jwt"}, claims)


def _reference_of(container: object) -> int:
    status = container.get("status") if isinstance(container, Mapping) else None
    ref = status.get("status_list") if isinstance(status, Mapping) else None
    idx = ref.get("idx") if isinstance(ref, Mapping) else None
    if not isinstance(idx, int) or isinstance(idx, bool):
        raise ValueError("the credential has no status_list reference")
    return idx


def credential_status_index(credential: str) -> int:
    """The status list index of an issued SD-JWT VC or mdoc (base64url IssuerSigned).

    Raises ValueError when the text is neither or carries no status reference.
    """
    text = credential.strip()
    if "~" in text or text.count(".") == 2:
        try:
            payload = json.loads(b64url_decode(text.split("~")[0].split(".")[1]))
        except (ValueError, IndexError) as exc:
            raise ValueError(f"not an SD-JWT: {exc}") from exc
        return _reference_of(payload)
    try:
        issuer_signed = cbor2.loads(b64url_decode(text))
        payload = issuer_signed["issuerAuth"][2]
        mso_tag = cbor2.loads(payload)
        mso = cbor2.loads(mso_tag.value if isinstance(mso_tag, cbor2.CBORTag) else mso_tag)
    except (ValueError, TypeError, KeyError, IndexError, cbor2.CBORDecodeError) as exc:
        raise ValueError(f"not an mdoc: {exc}") from exc
    return _reference_of(mso)


def status_endpoint(state: DemoState, request: Request) -> Response:
    """GET {issuer}/status/1: the Status List Token (§8.1). Raises nothing."""
    if request.method != "GET":
        return oauth_error(405, "invalid_request", "use GET")
    delay = state.faults.status_latency
    if delay > 0:
        time.sleep(delay)
    now = state.now()
    keys = (
        IssuerKeys.self_signed(
            state.credential_issuer, now, "Unrelated Status Signer", "Somebody Else Ltd"
        )
        if state.faults.status_wrong_key
        else state.keys
    )
    token = status_token(
        keys,
        state.credential_issuer + STATUS_PATH,
        state.status_list.claim(),
        now=now,
        ttl=state.config.status_ttl,
    )
    headers = (
        ("Content-Type", MEDIA_TYPE),
        ("Cache-Control", f"max-age={state.config.status_ttl}"),
    )
    return Response(200, headers, token.encode("ascii"))
