"""The offer review's building blocks: plain-text labels, badges, an offered credential's card
and the grant choice. Issuer-supplied text is always shown as plain text; the texts keep the
review dialog's translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from wallet_app.formats import pick_locale
from wallet_app.gui.theme import BADGE_ROLES, colour
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.text import isolate, printable
from wallet_app.wallet.cards import build_card, claim_labels
from wallet_app.wallet.resolve import GrantChoice, ResolvedOffer

__all__ = [
    "badge_label",
    "button_row",
    "enlarge",
    "grant_choice",
    "offered_credential",
    "plain_label",
]


def plain_label(text: str, *, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # issuer-controlled text: never rich text
    label.setWordWrap(wrap)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def enlarge(label: QLabel, factor: float) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    label.setFont(font)


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def badge_label(text: str, kind: str, *, name: str) -> QLabel:
    """A pill of ``kind`` (``theme.BADGE_ROLES``: the same colours as the cards' badges)."""
    label = plain_label(text, wrap=False)
    label.setObjectName(name)
    background, foreground = (colour(role, label.palette()) for role in BADGE_ROLES[kind])
    style = f"background: {background}; color: {foreground};"
    label.setStyleSheet(f"QLabel#{name} {{ {style} border-radius: 8px; padding: 2px 8px; }}")
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text) + 24)  # padding
    return label


def offered_credential(
    resolved: ResolvedOffer,
    conf: CredentialConfiguration,
    locales: tuple[str, ...],
    palette: QPalette,
) -> QFrame:
    """An offered credential as a card: its name, description and the claims it contains."""
    card = build_card(resolved.issuer, conf, locales=locales, local=False)
    entries = card.get("display")
    chosen = (
        pick_locale([d for d in entries if isinstance(d, dict)], locales)
        if isinstance(entries, list)
        else None
    ) or {}
    frame = QFrame()
    frame.setObjectName("offeredCredential")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    background, text = chosen.get("background_color"), chosen.get("text_color")
    if isinstance(background, str) and background.startswith("#"):
        if isinstance(text, str) and text.startswith("#"):
            fg = text  # the issuer's own colours
        else:  # text that contrasts with the issuer's background, as on the cards
            light = QColor(background).lightnessF() > 0.6
            fg = colour("card_text_on_light" if light else "card_text_on_dark", palette)
        frame.setStyleSheet(
            f"QFrame#offeredCredential {{ background: {background}; border-radius: 10px; }}"
            f" QFrame#offeredCredential QLabel {{ color: {fg}; background: transparent; }}"
        )
    box = QVBoxLayout(frame)
    # issuer text: plain, bidi isolated (an RTL name cannot reorder what follows it)
    box.addWidget(plain_label(isolate(str(card.get("name") or conf.id)), bold=True))
    description = chosen.get("description")
    if isinstance(description, str) and description:
        box.addWidget(plain_label(isolate(description)))
    labels = claim_labels(conf, locales)
    if labels:
        box.addWidget(plain_label(QCoreApplication.translate("OfferReviewDialog", "Contains:")))
        # one claim group per line: "Address (Street, City)" stays together and wraps
        claims = plain_label("\n".join(f"• {isolate(label)}" for label in labels))
        claims.setObjectName("claims")
        claims.setAccessibleName(
            QCoreApplication.translate("OfferReviewDialog", "Contains: {claims}").format(
                claims=printable(", ".join(labels))
            )
        )
        box.addWidget(claims)
    return frame


def grant_choice(
    current: GrantChoice, count: int, buttons: dict[GrantChoice, QRadioButton]
) -> QFrame:
    """Transaction code or sign-in, when the offer has both grants; fills ``buttons``."""
    frame = QFrame()
    box = QVBoxLayout(frame)
    question = (
        QCoreApplication.translate("OfferReviewDialog", "How would you like to receive it?")
        if count < 2
        else QCoreApplication.translate("OfferReviewDialog", "How would you like to receive them?")
    )
    box.addWidget(plain_label(question, bold=True))
    group = QButtonGroup(frame)
    options: tuple[tuple[GrantChoice, str], ...] = (
        (
            "pre-authorized_code",
            QCoreApplication.translate("OfferReviewDialog", "Use a transaction code"),
        ),
        (
            "authorization_code",
            QCoreApplication.translate("OfferReviewDialog", "Sign in at the issuer"),
        ),
    )
    for grant, label in options:
        button = QRadioButton(label)
        button.setChecked(grant == current)
        group.addButton(button)
        box.addWidget(button)
        buttons[grant] = button
    return frame
