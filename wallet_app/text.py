"""Text from issuers made safe to print: no control characters, bounded length."""

from __future__ import annotations

import unicodedata

__all__ = ["printable"]


def printable(text: str, *, limit: int = 2000) -> str:
    """``text`` without C0/C1 control and bidi-override characters (keeps newlines, tabs)."""
    out = []
    for ch in text[:limit]:
        if ch in "\n\t":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf") or ch in "\u2028\u2029":
            continue
        out.append(ch)
    return "".join(out)
