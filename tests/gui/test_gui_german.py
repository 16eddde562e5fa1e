"""The German UI shows no English sentence (issue 8, P13), and dates are localized.

Every screen the screenshot tool renders in German is walked (titles, labels, buttons,
tooltips, placeholders, group and tab titles, headers and cells, actions, accessible names);
a text fails when it is an English source string, of the catalogue
(resources/translations/wallet_de.ts) or of a tr() call in the code, that has no German
translation on screen. Data (claim values, URLs, names) is never a source string, so it passes.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from screens_kit import REPO, screens_report

from wallet_app.gui.i18n import localized_date, localized_datetime

CATALOGUE = REPO / "resources" / "translations" / "wallet_de.ts"
CODE = REPO / "wallet_app"
_PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n|%L?\d")


def _strings(node: ast.AST) -> str | None:
    """The text of a string literal (implicitly concatenated parts included)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


@cache
def code_sources() -> frozenset[str]:
    """English strings of tr(), translate(ctx, …) and QT_TRANSLATE_NOOP(ctx, …) calls."""
    found: set[str] = set()
    for path in CODE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "tr":
                text = _strings(node.args[0])
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
                text = _strings(node.args[1])
            else:
                continue
            if text:
                found.add(text)
    return frozenset(found)


@cache
def catalogue() -> tuple[frozenset[str], frozenset[str]]:
    """(every source string of wallet_de.ts, the sources whose German is the same text)."""
    sources, same = set(), set()
    for message in ET.parse(CATALOGUE).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        german = "".join(translation.itertext()) if translation is not None else ""
        if translation is not None and translation.get("type") in ("vanished", "obsolete"):
            continue
        sources.add(source)
        if german == source:
            same.add(source)
    return frozenset(sources), frozenset(same)


@cache
def english() -> tuple[frozenset[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """The English texts that must not show in German, and patterns for those with
    placeholders (``{name}``, ``%1``) long enough to be told from data."""
    sources, same = catalogue()
    texts = (sources | code_sources()) - same
    texts = frozenset(t for t in texts if re.search(r"[A-Za-z]{2}", t))
    patterns = []
    for text in texts:
        if not _PLACEHOLDER.search(text):
            continue
        literal = _PLACEHOLDER.sub("", text)
        if len(re.findall(r"[A-Za-z]{3,}", literal)) < 2:
            continue  # "{count} ✓": nothing English to see
        parts = [re.escape(p) for p in _PLACEHOLDER.split(text)]
        patterns.append((re.compile("(?s)" + ".+?".join(parts)), text))
    return texts, tuple(patterns)


def english_in(text: str) -> str | None:
    """The English source string ``text`` shows, else None."""
    texts, patterns = english()
    candidates = {text, text.strip(), text.replace("&", "")}
    for candidate in candidates:
        if candidate in texts:
            return candidate
    for pattern, source in patterns:
        if pattern.fullmatch(text.strip()):
            return source
    return None


def test_the_checker_knows_english_from_german() -> None:
    """The catalogue and the code give the English sources; German passes, English fails."""
    sources, _same = catalogue()
    assert "Add a credential" in sources and len(sources) > 300
    assert "Add a credential" in code_sources()
    assert english_in("Add a credential") == "Add a credential"
    assert english_in("Nachweis hinzufügen") is None
    assert english_in("https://issuer.example/credential") is None


@pytest.mark.timeout(300)
@pytest.mark.parametrize("size", ["1280x720", "1440x900", "1920x1080@2"])
def test_the_german_ui_shows_no_english_sentence(
    size: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every screen at every size the tool renders (a small screen shows other widgets, e.g.
    the flow dialog's steps and diagram in tabs); the fit test shares these runs."""
    folder: Path = tmp_path_factory.getbasetemp() / "screens"
    report = screens_report("de-light", size, folder)
    screens = report["screens"]
    assert len(screens) >= 20, sorted(screens)
    found: dict[str, None] = {}
    missing: set[str] = set()
    walked = 0
    for name, shot in sorted(screens.items()):
        for widget, kind, text in shot["texts"]:
            walked += 1
            source = english_in(text)
            if source is not None:
                found[f"{name}: {widget} {kind}: {text!r}"] = None
                missing.add(source)
    assert walked > 500
    assert not found, (
        f"{len(found)} English texts in the German UI ({len(missing)} source strings):\n"
        + "\n".join(found)
        + "\n\nsource strings without German on screen:\n"
        + "\n".join(sorted(missing))
    )


# --- dates -------------------------------------------------------------------------------------


def test_dates_in_german_have_four_digit_years() -> None:
    de = QLocale("de")
    assert localized_date("2026-12-07", locale=de) == "07.12.2026"
    assert localized_date(date(2026, 12, 7), long=True, locale=de) == "7. Dezember 2026"
    moment = datetime(2026, 12, 7, 13, 5, tzinfo=UTC)
    local = moment.astimezone()
    assert localized_datetime(moment, locale=de) == local.strftime("%d.%m.%Y %H:%M")


def test_dates_in_english_and_from_timestamps() -> None:
    en = QLocale("en")
    assert localized_date("2026-12-07", locale=en) == "12/7/2026"
    assert localized_date("2026-12-07", long=True, locale=en) == "December 7, 2026"
    stamp = datetime(2026, 12, 7, 12, 0, tzinfo=UTC).timestamp()
    assert localized_date(stamp, locale=en) == localized_date(
        datetime.fromtimestamp(stamp, UTC).astimezone().date(), locale=en
    )
    assert localized_datetime("2026-12-07", locale=en) == "12/7/2026"  # a date has no time


def test_dates_follow_the_ui_language() -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("de"))
    try:
        assert localized_date("2026-01-31") == "31.01.2026"
    finally:
        QLocale.setDefault(before)
    with pytest.raises(ValueError):
        localized_date("yesterday")
