"""Issuer text made safe for the terminal (printable) and the GUI (isolate)."""

from __future__ import annotations

import unicodedata

import pytest

from wallet_app.text import FSI, PDI, isolate, printable

HOSTILE = "A\x1b]0;pwned\x07B\x1b[2J\rC\bD\u202eE\x07\ud800F\x85\x9b\u2066G\u2028H"


def _clean(text: str) -> bool:
    for ch in text:
        if ch in "\n\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch in "\u2028\u2029":
            return False
    return True


def test_printable_strips_controls_and_bidi_and_repairs_surrogates() -> None:
    out = printable(HOSTILE)
    assert _clean(out)
    assert out == "A]0;pwnedB[2JCDE\ufffdFGH"
    out.encode("utf-8")  # a lone surrogate would raise here


def test_printable_keeps_newline_tab_and_ordinary_text() -> None:
    assert printable("Führerschein\n\tمرحبا 😀") == "Führerschein\n\tمرحبا 😀"


def test_printable_bounds_length() -> None:
    assert printable("x" * 5000, limit=10) == "x" * 10


@pytest.mark.parametrize("text", [HOSTILE, "", "plain", "\u202eevil"])
def test_isolate_wraps_printable_in_fsi_pdi(text: str) -> None:
    out = isolate(text)
    assert out.startswith(FSI)
    assert out.endswith(PDI)
    inner = out[1:-1]
    assert inner == printable(text)
    assert FSI not in inner and PDI not in inner
    assert "\u202e" not in out
    out.encode("utf-8")
