"""Issuer text made safe for the terminal (printable) and the GUI (isolate)."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest

from wallet_app.text import (
    FSI,
    PDI,
    PrintableWriter,
    escape_unsafe,
    isolate,
    json_text,
    printable,
)

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


def test_the_unsafe_set_is_every_control_format_and_surrogate_code_point() -> None:
    # printable's regex against unicodedata, over all of Unicode: what it drops is exactly
    # Cc (but newline, tab), Cf, Cs, U+2028/U+2029, plus Cf code points of newer Unicode
    # versions (unassigned here)
    for code in range(0x110000):
        ch = chr(code)
        cat = unicodedata.category(ch)
        dropped = printable(ch) != ch
        unsafe = (cat in ("Cc", "Cf", "Cs") or ch in "\u2028\u2029") and ch not in "\n\t"
        if unsafe:
            assert dropped, f"U+{code:04X} ({cat}) kept"
        elif dropped:
            assert cat == "Cn", f"U+{code:04X} ({cat}) dropped"


def test_json_text_escapes_what_a_terminal_would_obey_and_keeps_the_value() -> None:
    value = {"name": HOSTILE, "tag": "\U000e0041", "ok": "Köln ✓"}
    text = json_text(value)
    assert json.loads(text) == value
    assert _clean(text)
    assert "Köln ✓" in text  # non-ASCII text stays readable
    assert "\\u202e" in text and "\\udb40\\udc41" in text
    assert json_text([1], indent=None) == "[1]"


def test_escape_unsafe_shows_any_text_as_sent_without_obeying_it() -> None:
    raw = f"HTTP/1.1 400\nx-note: {HOSTILE}\n\tbody\r\n"
    shown = escape_unsafe(raw)
    assert _clean(shown)
    assert "\\u202e" in shown and "\\u000d" in shown  # the override and the CR, as escapes
    assert shown.count("\n") == raw.count("\n") and "\tbody" in shown  # lines and tabs kept
    assert escape_unsafe("plain Köln ✓") == "plain Köln ✓"


def test_printable_writer_filters_every_write_and_delegates_the_rest() -> None:
    buffer = io.StringIO()
    writer = PrintableWriter(buffer)
    assert writer.write(HOSTILE) == len(HOSTILE)
    writer.writelines(["\x1b[2J", "x\n"])
    writer.flush()
    assert writer.getvalue() == printable(HOSTILE) + "[2Jx\n"  # type: ignore[attr-defined]
    assert writer.wrapped is buffer
