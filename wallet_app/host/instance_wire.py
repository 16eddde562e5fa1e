"""The single-instance channel's wire format (protocol notes §4.5); stdlib only.

Both ways one UTF-8 JSON line of at most 64 KiB:
request ``{"v": 1, "uris": [...]}``, reply ``{"accepted": bool, "message": str | null}``.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable

from wallet_app.errors import WalletError
from wallet_app.frozen import frozen

__all__ = [
    "CHANNEL_ERROR",
    "MAX_MESSAGE",
    "PROTOCOL_VERSION",
    "TOO_LARGE",
    "ChannelError",
    "Delivery",
    "drain",
    "encode",
    "parse_reply",
    "parse_request",
    "read_line",
]

MAX_MESSAGE = 64 * 1024
PROTOCOL_VERSION = 1
CHANNEL_ERROR = "single_instance"


@frozen
class Delivery:
    """The primary's answer to forwarded URIs."""

    uris: tuple[str, ...]
    accepted: bool
    message: str | None


class ChannelError(WalletError):
    """The single-instance channel failed; by default: the running wallet did not answer.

    A WalletError subclass (not a helper that takes the sentence) so that the messages
    raised with it are extracted for translation like every other core message.
    """

    code = CHANNEL_ERROR
    default_message = "The running wallet did not answer. Close it and try again."


def encode(obj: dict[str, object]) -> bytes:
    """One JSON line."""
    return json.dumps(obj, separators=(",", ":")).encode("utf-8") + b"\n"


def parse_request(line: bytes) -> tuple[str, ...] | None:
    """The URIs of a well-formed request line, else None."""
    try:
        obj: object = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(obj, dict) or obj.get("v") != PROTOCOL_VERSION:
        return None
    uris: object = obj.get("uris")
    if not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
        return None
    return tuple(str(u) for u in uris)


def parse_reply(line: bytes, uris: tuple[str, ...]) -> Delivery:
    """The primary's reply line as a Delivery; raises WalletError when it is malformed."""
    try:
        obj: object = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ChannelError(detail="malformed reply from the primary") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("accepted"), bool):
        raise ChannelError(detail="malformed reply from the primary")
    message: object = obj.get("message")
    return Delivery(uris, obj["accepted"] is True, message if isinstance(message, str) else None)


def read_line(recv: Callable[[int], bytes]) -> bytes | None:
    """Read up to one newline; None when the peer sends more than MAX_MESSAGE bytes."""
    buf = bytearray()
    while len(buf) <= MAX_MESSAGE:
        chunk = recv(min(65536, MAX_MESSAGE + 1 - len(buf)))
        if not chunk:
            break
        buf += chunk
        end = buf.find(b"\n")
        if end >= 0:
            return bytes(buf[:end]) if end <= MAX_MESSAGE else None
    return None if len(buf) > MAX_MESSAGE else bytes(buf)


def drain(conn: socket.socket) -> None:
    """Discard what an oversized sender still sends (bounded), so that closing with unread
    data does not reset the connection before the peer has read our reply."""
    conn.shutdown(socket.SHUT_WR)
    conn.settimeout(0.5)
    for _ in range(64):
        if not conn.recv(65536):
            return


TOO_LARGE = encode({"accepted": False, "message": "Message too large."})
