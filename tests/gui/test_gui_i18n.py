"""German translations: compiled, installed for "de", and complete."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from wallet_app.gui.i18n import TRANSLATIONS_DIR, available_languages, install_translator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "wallet_de.ts"


@pytest.fixture
def german(qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    translators = set(qapp.findChildren(QTranslator))
    lang = install_translator(qapp, ["de-DE", "en"])
    yield lang
    for translator in set(qapp.findChildren(QTranslator)) - translators:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


def _messages() -> list[tuple[str, str, ET.Element]]:
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source", ""), translation))
    return found


def test_german_is_compiled_and_offered() -> None:
    assert (TRANSLATIONS_DIR / "wallet_de.qm").stat().st_size > 1000
    assert "de" in available_languages()


def test_install_translator_picks_german(german: str) -> None:
    assert german == "de"
    assert QLocale().language() == QLocale.Language.German


@pytest.mark.parametrize(
    ("context", "source", "expected"),
    [
        ("DemoPanel", "Demo scenarios", "Demo-Szenarien"),
        ("ScenarioCard", "Receive", "Empfangen"),
        ("TxCodeDialog", "Transaction code", "Transaktionscode"),
    ],
)
def test_known_strings_are_german(german: str, context: str, source: str, expected: str) -> None:
    assert QCoreApplication.translate(context, source) == expected


def test_tr_of_a_widget_uses_its_class_as_context(german: str, qtbot: object) -> None:
    from wallet_app.gui.demo_panel import Scenario, ScenarioCard

    card = ScenarioCard(Scenario("k", "Batch of three", "x", "pid_sd_jwt"))
    try:
        assert card.receive_button.text() == "Empfangen"
    finally:
        card.deleteLater()


def test_english_needs_no_translator(qapp: QApplication) -> None:
    assert install_translator(qapp, ["en-GB", "de"]) == "en"
    assert QCoreApplication.translate("DemoPanel", "Demo scenarios") == "Demo scenarios"


def test_every_source_string_has_a_german_translation() -> None:
    missing = [
        f"{context}: {source}"
        for context, source, translation in _messages()
        if translation.get("type") not in ("vanished", "obsolete")
        and (translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip())
    ]
    assert not missing, (
        "untranslated strings; run tests/tools/build_translations.py and translate "
        "resources/translations/wallet_de.ts:\n" + "\n".join(missing)
    )


def test_placeholders_survive_translation() -> None:
    import re

    braces = re.compile(r"\{[a-z_]*\}")
    for context, source, translation in _messages():
        text = "".join(translation.itertext())
        if text:
            assert sorted(braces.findall(source)) == sorted(braces.findall(text)), (
                context,
                source,
            )
