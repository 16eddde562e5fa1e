"""Qt translations: English source strings, German (and more) from compiled .qm files.

The .ts sources live in ``resources/translations``; ``tests/tools/build_translations.py``
compiles them into ``wallet_app/gui/translations/wallet_<lang>.qm`` (shipped as package data).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLibraryInfo, QLocale, QTime, QTranslator
from PySide6.QtWidgets import QApplication

__all__ = [
    "QT_TRANSLATE_NOOP",
    "TRANSLATIONS_DIR",
    "available_languages",
    "install_translator",
    "localized_date",
    "localized_datetime",
]


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


DateLike = date | datetime | str | int | float


def _as_datetime(value: DateLike) -> datetime | date:
    """``value`` as a date or a local datetime: ISO 8601 text (``2026-12-07``,
    ``2026-12-07T10:00:00Z``), seconds since the epoch, a date or a datetime (an aware one is
    shown in local time). Raises ValueError for text that is no ISO date."""
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC).astimezone()
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.astimezone() if parsed.tzinfo else parsed
    if isinstance(value, datetime):
        return value.astimezone() if value.tzinfo else value
    return value


def _date_format(locale: QLocale, long: bool) -> str:
    """The locale's short format with a 4-digit year (German ``dd.MM.yyyy``, not ``dd.MM.yy``),
    or its long format without the weekday (``7. Dezember 2026``, ``December 7, 2026``)."""
    if long:
        pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
        pattern = re.sub(r"dddd[,.]?\s*", "", pattern).strip(" ,")
    else:
        pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = re.sub(r"y+", "yyyy", pattern)
    return pattern


def localized_date(value: DateLike, *, long: bool = False, locale: QLocale | None = None) -> str:
    """``value`` as a date in the UI language (``QLocale()``, set by ``install_translator``):
    short ``07.12.2026`` / ``12/7/2026`` (always a 4-digit year) or ``long`` ``7. Dezember
    2026`` / ``December 7, 2026``. Raises ValueError for text that is no ISO date."""
    moment = _as_datetime(value)
    day = moment.date() if isinstance(moment, datetime) else moment
    chosen = locale or QLocale()
    return chosen.toString(QDate(day.year, day.month, day.day), _date_format(chosen, long))


def localized_datetime(
    value: DateLike, *, long: bool = False, locale: QLocale | None = None
) -> str:
    """Like :func:`localized_date`, with the time of day in the locale's short time format
    (``07.12.2026 14:05``, ``12/7/2026 2:05 PM``). A plain date gets no time. Raises ValueError
    for text that is no ISO date."""
    moment = _as_datetime(value)
    if not isinstance(moment, datetime):
        return localized_date(moment, long=long, locale=locale)
    chosen = locale or QLocale()
    when = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
    time_format = chosen.timeFormat(QLocale.FormatType.ShortFormat)
    return chosen.toString(when, f"{_date_format(chosen, long)} {time_format}")
