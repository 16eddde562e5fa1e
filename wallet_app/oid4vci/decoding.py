"""Content-Encoding decoded incrementally against the size cap (RFC 9110 §8.4).

httpx decodes each network read whole: 64 KiB of gzip'd zeros become 64 MiB before any cap
can look at them, so a "bomb" held hundreds of megabytes although the answer was refused.
:class:`BoundedDecoder` decodes with ``max_length`` instead: the decoded bytes held never
exceed the cap (plus one byte, to notice the excess), however much the input expands.
"""

from __future__ import annotations

import zlib

__all__ = ["ACCEPT_ENCODING", "BoundedDecoder", "DecodedTooLarge", "UnreadableEncoding"]

#: what the wallet asks for: only what :class:`BoundedDecoder` decodes within bounds
ACCEPT_ENCODING = "gzip, deflate"


class DecodedTooLarge(ValueError):
    """The decoded body passed the cap."""


class UnreadableEncoding(ValueError):
    """An encoding the wallet does not decode, or a compressed stream that is broken."""


class _Inflate:
    """One zlib stage: gzip, or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.first = True
        wbits = zlib.MAX_WBITS | 16 if encoding == "gzip" else zlib.MAX_WBITS
        self.obj = zlib.decompressobj(wbits)

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode ``data`` into at most ``room`` bytes. Raises DecodedTooLarge (more would
        come out), UnreadableEncoding."""
        try:
            return self._feed(data, room)
        except zlib.error as exc:
            if self.encoding == "deflate" and self.first:  # raw deflate, without the wrapper
                self.first = False
                self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
                try:
                    return self._feed(data, room)
                except zlib.error as again:
                    raise UnreadableEncoding(f"{self.encoding}: {again}") from again
            raise UnreadableEncoding(f"{self.encoding}: {exc}") from exc

    def _feed(self, data: bytes, room: int) -> bytes:
        if self.obj.eof:
            return b""  # trailing bytes after the end of the stream are ignored
        out = self.obj.decompress(data, room + 1)
        self.first = False
        parts = [out]
        size = len(out)
        while self.obj.unconsumed_tail and size <= room and not self.obj.eof:
            more = self.obj.decompress(self.obj.unconsumed_tail, room + 1 - size)
            if not more:
                break
            parts.append(more)
            size += len(more)
        if size > room:
            raise DecodedTooLarge(f"{self.encoding}: decoded body passes the size cap")
        return b"".join(parts) if len(parts) > 1 else out


class BoundedDecoder:
    """Decodes a body with the ``Content-Encoding`` value ``header`` (codings in the order
    applied), never holding more than ``limit`` decoded bytes. Raises UnreadableEncoding for
    a coding other than gzip, deflate and identity (at construction)."""

    def __init__(self, header: str | None, limit: int) -> None:
        self.limit = limit
        self.size = 0
        codings = [c.strip().lower() for c in (header or "").split(",")]
        stages: list[_Inflate] = []
        for coding in codings:
            if coding in ("", "identity"):
                continue
            if coding in ("gzip", "x-gzip"):
                stages.append(_Inflate("gzip"))
            elif coding == "deflate":
                stages.append(_Inflate("deflate"))
            else:
                raise UnreadableEncoding(f"content coding {coding[:40]!r} is not supported")
        if len(stages) > 2:
            raise UnreadableEncoding(f"{len(stages)} content codings stacked")
        self.stages = stages[::-1]  # the last applied is undone first

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes of ``data``. Raises DecodedTooLarge, UnreadableEncoding."""
        for stage in self.stages:
            data = stage.feed(data, self.limit - self.size)
        self.size += len(data)
        if self.size > self.limit:
            raise DecodedTooLarge(f"body exceeds {self.limit} bytes")
        return data
