"""Text from issuers made safe to show: no control characters, bounded length.

``printable`` is for terminals; ``isolate`` is for GUI text, where the issuer's string is also
wrapped in a bidi isolate so right-to-left or override characters cannot reorder what follows.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FSI", "PDI", "isolate", "printable"]

FSI = "\u2068"
PDI = "\u2069"


def printable(text: str, *, limit: int = 2000) -> str:
    """``text`` without C0/C1 control and bidi-override characters (keeps newlines, tabs).

    A lone surrogate (which no encoder can write) becomes U+FFFD.
    """
    out = []
    for ch in text[:limit]:
        if ch in "\n\t":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf") or ch in "\u2028\u2029":
            continue
        out.append("\ufffd" if cat == "Cs" else ch)
    return "".join(out)


def isolate(text: str, *, limit: int = 2000) -> str:
    """``printable(text)`` between FSI (U+2068) and PDI (U+2069), for text shown in the GUI."""
    return FSI + printable(text, limit=limit) + PDI
