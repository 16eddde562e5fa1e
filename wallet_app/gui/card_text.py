"""The words on a card and in its accessible name: localized dates, uses left, validity."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from wallet_app.formats import binary_claim
from wallet_app.gui.i18n import localized_date, localized_datetime
from wallet_app.wallet.cards import format_label

if TYPE_CHECKING:
    from wallet_app.gui.card_info import CardInfo

__all__ = [
    "card_summary",
    "claim_text",
    "damaged_text",
    "format_text",
    "local_date",
    "received_text",
    "status_text",
    "uses_text",
    "validity_text",
    "value_text",
    "when_text",
]


def local_date(iso: str, *, with_time: bool = False) -> str:
    """An ISO 8601 date or date-time in the user's locale (short form, always a 4-digit year,
    local time); the text unchanged when it is not ISO 8601 (issue 8 P13: no raw ISO dates)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    shown = localized_datetime if with_time else localized_date
    try:
        return shown(iso.strip(), locale=locale)
    except ValueError:
        return iso


def uses_text(copies: int) -> str:
    """ "3 uses left" / "1 use left" (batch copies, each shown to a verifier once)."""
    if copies == 1:
        return QCoreApplication.translate("CardDelegate", "1 use left")
    return QCoreApplication.translate("CardDelegate", "{n} uses left").format(n=copies)


def validity_text(info: CardInfo) -> str:
    """ "Valid", "Expires in 5 days", "Expired", "Pending", "Revoked", "Suspended"…"""
    match info.validity:
        case "pending":
            return QCoreApplication.translate("CardDelegate", "Pending")
        case "expired":
            return QCoreApplication.translate("CardDelegate", "Expired")
        case "not_yet_valid":
            return QCoreApplication.translate("CardDelegate", "Not yet valid")
        case "revoked":
            return QCoreApplication.translate("CardDelegate", "Revoked")
        case "suspended":
            return QCoreApplication.translate("CardDelegate", "Suspended")
        case "expiring" if info.days_left == 0:
            return QCoreApplication.translate("CardDelegate", "Expires today")
        case "expiring" if info.days_left == 1:
            return QCoreApplication.translate("CardDelegate", "Expires tomorrow")
        case "expiring":
            return QCoreApplication.translate("CardDelegate", "Expires in {n} days").format(
                n=info.days_left
            )
    return QCoreApplication.translate("CardDelegate", "Valid")


def received_text(info: CardInfo) -> str:
    """ "Received 07/12/2026 · SD-JWT VC"; a pending card was only requested so far:
    "Requested 07/12/2026 · SD-JWT VC"."""
    date = local_date(info.received_at)
    if info.damaged:  # neither requested nor received for sure: only when it was stored
        when = QCoreApplication.translate("CardDelegate", "Stored {date}").format(date=date)
    elif info.status == "deferred":
        when = QCoreApplication.translate("CardDelegate", "Requested {date}").format(date=date)
    else:
        when = QCoreApplication.translate("CardDelegate", "Received {date}").format(date=date)
    return f"{when} · {format_label(info.format)}"


def status_text(info: CardInfo) -> str:
    """ "3 uses left · Valid"; a pending card has no copies yet: "Pending"; a damaged record
    (issue 11) says it can only be deleted."""
    if info.damaged:
        return damaged_text()
    if info.status == "deferred":
        return validity_text(info)
    return f"{uses_text(info.copies)} · {validity_text(info)}"


def damaged_text() -> str:
    """What a damaged record's card says it can be used for."""
    return QCoreApplication.translate("CardDelegate", "Cannot be opened · Delete it")


def card_summary(info: CardInfo) -> str:
    """What a screen reader says for a card, distinct for identical cards: "Personal ID,
    Demo Issuer, received 07/12/2026 10:15, 3 uses left, Valid" (", new" when new)."""
    parts = [info.name, info.issuer_name]
    when = local_date(info.received_at, with_time=True)
    if info.damaged:
        return ", ".join([*parts, damaged_text()])
    if info.status == "deferred":  # asked for, not received yet
        parts.append(
            QCoreApplication.translate("CardDelegate", "requested {date}").format(date=when)
        )
    else:
        parts.append(
            QCoreApplication.translate("CardDelegate", "received {date}").format(date=when)
        )
        parts.append(uses_text(info.copies))
    parts.append(validity_text(info))
    if info.trust is not None and info.validity != info.trust:  # "Revoked" is said once
        from wallet_app.gui.trust_badge import verdict_look

        parts.append(verdict_look(info.trust).label)
    if info.is_new:
        parts.append(QCoreApplication.translate("CardDelegate", "new"))
    return ", ".join(parts)


def value_text(value: object) -> str:
    """A claim value as one line, with "yes"/"no" in the UI language."""
    # wallet.details loads the key code (joserfc): not on the start-up path of the cards
    from wallet_app.wallet.details import format_claim_value

    return format_claim_value(
        value,
        yes=QCoreApplication.translate("CredentialDetailsDialog", "yes"),
        no=QCoreApplication.translate("CredentialDetailsDialog", "no"),
    )


def when_text(iso: object) -> str:
    """A date-time from the store or a credential in the user's locale (never ISO)."""
    return local_date(iso, with_time=True) if isinstance(iso, str) and iso else "—"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")


def claim_text(value: object) -> str:
    """A claim value for people: dates in the locale, binary data summarised, lists joined."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return local_date(value, with_time="T" in value)
    if isinstance(value, list) and not any(isinstance(v, Mapping | list) for v in value):
        return ", ".join(claim_text(v) for v in value)
    binary = binary_claim(value)
    if binary is not None:
        return QCoreApplication.translate(
            "CredentialDetailsDialog", "Binary data, {n} bytes"
        ).format(n=QLocale().toString(len(binary.data)))
    return value_text(value)


def format_text(fmt: str) -> str:
    """ "SD-JWT VC (dc+sd-jwt)": the common name with the identifier, or the identifier."""
    label = format_label(fmt)
    return fmt if label == fmt else f"{label} ({fmt})"
