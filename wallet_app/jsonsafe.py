"""JSON from issuers read within bounds: nesting depth and text that can be stored.

``json.loads`` alone turns a 100,000-deep payload into RecursionError (which escapes
``except ValueError``) and lets ``"\\ud800"`` through as a lone surrogate, which then cannot
be encoded to UTF-8 when the value is sealed or printed. :func:`loads` turns both into
:class:`JsonRejected` (a ValueError), or repairs lone surrogates to U+FFFD when asked.
"""

from __future__ import annotations

import json
import re
from typing import Literal

__all__ = ["MAX_DEPTH", "JsonRejected", "check_depth", "has_lone_surrogate", "loads", "repair_text"]

#: nesting deeper than this is refused; no message of OID4VCI, SD-JWT or their metadata nests
#: anywhere near it (claim paths of real credentials stay under 10)
MAX_DEPTH = 64

Surrogates = Literal["reject", "repair"]


class JsonRejected(ValueError):
    """JSON that parses but is nested too deeply or carries text that is not valid Unicode."""


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point in U+D800..U+DFFF (not encodable as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def repair_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD."""
    if not has_lone_surrogate(text):
        return text
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def _fix(value: object, surrogates: Surrogates, max_depth: int) -> object:
    """Walk ``value`` iteratively: check the depth, and reject or repair lone surrogates."""
    root: list[object] = [value]
    # (container, key in container, depth of the value at that key)
    stack: list[tuple[list[object] | dict[str, object], int | str, int]] = [(root, 0, 0)]
    while stack:
        holder, key, depth = stack.pop()
        item = holder[key]  # type: ignore[index]
        if depth > max_depth:
            raise JsonRejected(f"JSON nested deeper than {max_depth} levels")
        if isinstance(item, str):
            if has_lone_surrogate(item):
                if surrogates == "reject":
                    raise JsonRejected("JSON text holds a lone surrogate (not valid Unicode)")
                holder[key] = repair_text(item)  # type: ignore[index]
        elif isinstance(item, list):
            stack.extend((item, i, depth + 1) for i in range(len(item)))
        elif isinstance(item, dict):
            bad = [k for k in item if has_lone_surrogate(k)]
            if bad:
                if surrogates == "reject":
                    raise JsonRejected("JSON member name holds a lone surrogate")
                for k in bad:
                    item[repair_text(k)] = item.pop(k)
            stack.extend((item, k, depth + 1) for k in item)
    return root[0]


def check_depth(value: object, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise JsonRejected when the already parsed ``value`` nests deeper than ``max_depth``.

    Only containers are pushed, so a document of many scalars costs little."""
    stack: list[tuple[list[object] | dict[str, object], int]] = []
    if isinstance(value, list | dict):
        stack.append((value, 1))
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, list | dict):
                if depth + 1 > max_depth + 1:
                    raise JsonRejected(f"JSON nested deeper than {max_depth} levels")
                stack.append((child, depth + 1))


#: a JSON escape that decodes to a surrogate code point (paired or not)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
#: a surrogate code point written in UTF-8 (json.loads decodes bytes with "surrogatepass")
_SURROGATE_UTF8 = re.compile(rb"\xed[\xa0-\xbf]")


def _may_hold_surrogate(data: str | bytes | bytearray) -> bool:
    """Whether parsing ``data`` could yield a lone surrogate: an escaped one, or a raw one in
    the text or in its UTF-8 (bytes in UTF-16 or UTF-32 always get the full walk)."""
    if isinstance(data, str):
        return (
            has_lone_surrogate(data)
            or _SURROGATE_ESCAPE.search(data.encode("utf-8", "surrogatepass")) is not None
        )
    if json.detect_encoding(data) not in ("utf-8", "utf-8-sig"):
        return True
    return _SURROGATE_ESCAPE.search(data) is not None or _SURROGATE_UTF8.search(data) is not None


def loads(
    data: str | bytes | bytearray,
    *,
    max_depth: int = MAX_DEPTH,
    surrogates: Surrogates = "reject",
) -> object:
    """Parse ``data`` as JSON; raise JsonRejected (a ValueError) for nesting beyond
    ``max_depth`` or lone surrogates (``surrogates="repair"`` replaces them with U+FFFD), and
    ValueError for what is not JSON. Never raises RecursionError."""
    try:
        value = json.loads(data)
    except RecursionError as exc:
        raise JsonRejected(f"JSON nested deeper than {max_depth} levels") from exc
    if not _may_hold_surrogate(data):  # the common case: only the depth needs a look
        check_depth(value, max_depth=max_depth)
        return value
    return _fix(value, surrogates, max_depth)
