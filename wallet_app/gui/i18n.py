"""Qt translations: English source strings, German (and more) from compiled .qm files.

The .ts sources live in ``resources/translations``; ``tests/tools/build_translations.py``
compiles them into ``wallet_app/gui/translations/wallet_<lang>.qm`` (shipped as package data).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

__all__ = ["QT_TRANSLATE_NOOP", "TRANSLATIONS_DIR", "available_languages", "install_translator"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation in ``context`` without translating it (typed, unlike
    PySide6's). Raises nothing."""
    del context
    return text


TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def available_languages() -> list[str]:
    """Language codes with a compiled translation, plus ``en`` (the source language)."""
    found = sorted(p.stem.removeprefix("wallet_") for p in TRANSLATIONS_DIR.glob("wallet_*.qm"))
    return ["en", *[lang for lang in found if lang != "en"]]


def install_translator(app: QApplication, locales: Sequence[str]) -> str:
    """Install the best translation for ``locales``; return the language chosen."""
    for tag in locales:
        lang = tag.split("-")[0].lower()
        if lang == "en":
            return "en"
        qm = TRANSLATIONS_DIR / f"wallet_{lang}.qm"
        if qm.exists():
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                qt_tr = QTranslator(app)  # Qt's own dialogs (buttons) in the same language
                if qt_tr.load(
                    QLocale(lang),
                    "qtbase",
                    "_",
                    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                ):
                    app.installTranslator(qt_tr)
                QLocale.setDefault(QLocale(lang))
                return lang
    return "en"
