"""Text from issuers made safe to show: no control characters, bounded length.

``printable`` is for terminals; ``isolate`` is for GUI text, where the issuer's string is also
wrapped in a bidi isolate so right-to-left or override characters cannot reorder what follows.
``PrintableWriter`` applies ``printable`` to every write of a stream (the CLI's stdout and
stderr), and ``json_text`` writes JSON whose invisible characters are all ``\\u`` escapes, so
what a command prints is safe whichever code path built it.
"""

from __future__ import annotations

import json
import re
from typing import TextIO

__all__ = ["FSI", "PDI", "PrintableWriter", "escape_unsafe", "isolate", "json_text", "printable"]

FSI = "\u2068"
PDI = "\u2069"

#: Every C0/C1 control but newline and tab, every format character (Cf: bidi embeddings,
#: overrides and isolates, zero-width characters, soft hyphen, BOM, tags…), the line and
#: paragraph separators, and lone surrogates (Cs). Unicode 15.1's Cf set, checked against
#: ``unicodedata`` by tests/test_text.py. A pattern, compiled (by ``re``'s cache) on the first
#: text that needs it: most text never does (the quick check below), and compiling it cost
#: every start ~0.5 ms.
_UNSAFE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _drop(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def _nothing_unsafe(text: str) -> bool:
    """A quick check (C loops, ~5x faster than the regex on 2 MB of JSON): True means no
    character of ``text`` is unsafe; False means there may be (``isprintable`` also says no
    to spaces other than U+0020, private use and unassigned code points)."""
    if "\n" in text:
        text = text.replace("\n", "")
    if "\t" in text:
        text = text.replace("\t", "")
    return text.isprintable()


def printable(text: str, *, limit: int = 2000) -> str:
    """``text`` (its first ``limit`` characters) without C0/C1 control and format (bidi)
    characters; newlines and tabs are kept, a lone surrogate (which no encoder can write)
    becomes U+FFFD."""
    text = text[:limit]
    return text if _nothing_unsafe(text) else re.sub(_UNSAFE, _drop, text)


def isolate(text: str, *, limit: int = 2000) -> str:
    """``printable(text)`` between FSI (U+2068) and PDI (U+2069), for text shown in the GUI."""
    return FSI + printable(text, limit=limit) + PDI


def _escape(match: re.Match[str]) -> str:
    data = match.group().encode("utf-16-le", "surrogatepass")
    units = [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]
    return "".join(f"\\u{unit:04x}" for unit in units)


def json_text(value: object, *, indent: int | None = 2) -> str:
    """``value`` as JSON (non-ASCII kept) in which every character :func:`printable` would
    drop is a ``\\uXXXX`` escape: the same document, and nothing in it a terminal obeys.
    Raises TypeError / ValueError as ``json.dumps`` does."""
    return escape_unsafe(json.dumps(value, ensure_ascii=False, indent=indent))


def escape_unsafe(text: str) -> str:
    """``text`` in which every character :func:`printable` would drop (controls but newline
    and tab, bidi overrides and isolates, …) is written as a ``\\uXXXX`` escape: JSON stays
    the same document, and a technical view shows what was sent without obeying it."""
    return text if _nothing_unsafe(text) else re.sub(_UNSAFE, _escape, text)


class PrintableWriter:
    """A text stream whose writes pass through :func:`printable` (no length limit): the
    CLI's stdout and stderr, so no issuer text reaches the terminal raw, whoever wrote it.
    Everything else (flush, isatty, fileno, encoding …) is the wrapped stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def wrapped(self) -> TextIO:
        """The stream written to."""
        return self._stream

    def write(self, text: str) -> int:
        """Write ``printable(text)``; returns ``len(text)`` (all of it was consumed)."""
        self._stream.write(printable(text, limit=len(text)))
        return len(text)

    def write_checked(self, text: str) -> int:
        """Write ``text`` that is already safe (made by :func:`json_text` or
        :func:`printable`) without checking it again: a large JSON document once."""
        return self._stream.write(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
