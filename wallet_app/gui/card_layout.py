"""Where each part of a credential card goes: the card size and the boxes of its logo,
badges, name, texts and portrait, computed from the card rect and its font alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

from wallet_app.frozen import frozen
from wallet_app.gui.card_info import CardInfo
from wallet_app.gui.card_text import validity_text
from wallet_app.gui.trust_badge import verdict_look

__all__ = ["CARD_SIZE", "Badge", "CardLayout", "card_layout"]

#: card size in the grid (ID-1 card ratio 85.6 × 54 mm)
CARD_SIZE = QSize(300, 189)
_PAD = 16
_LOGO = 40
_PORTRAIT_W = 52
_PORTRAIT_H = 66
_GAP = 6  # between a card's boxes
_BADGE_GAP = 6
_MIN_TEXT = 100  # the narrowest a text line may get beside the logo or portrait


def _badge_font(base: QFont) -> QFont:
    """The badges' font: the app's small size (>= 11 px), bold."""
    font = QFont(base)
    font.setPixelSize(max(11, round(QFontInfo(base).pixelSize() * 0.92)))
    font.setBold(True)
    return font


@frozen
class Badge:
    """One badge on a card: its box, words and ``theme.BADGE_ROLES`` kind."""

    rect: QRect
    label: str
    kind: str


@frozen
class CardLayout:
    """Where each part of a card is painted, computed from the card rect and its font alone;
    no two boxes overlap and each lies inside the card (padding included)."""

    logo: QRect
    badges: tuple[Badge, ...]
    portrait: QRect | None
    name: QRect
    name_lines: int
    issuer: QRect
    received: QRect
    status: QRect
    name_font: QFont
    small_font: QFont
    badge_font: QFont

    def boxes(self) -> dict[str, QRect]:
        """Every painted box by a readable name (for checks and tests)."""
        boxes = {"logo": self.logo, "name": self.name, "issuer": self.issuer}
        boxes |= {"received": self.received, "status": self.status}
        boxes |= {f"badge {b.label}": b.rect for b in self.badges}
        if self.portrait is not None:
            boxes["portrait"] = self.portrait
        return boxes


def _badges(info: CardInfo, pending_label: str, local_label: str) -> list[tuple[str, str]]:
    """The badges a card shows, most important first (the issuer-trust verdict right after
    "Pending")."""
    trust = verdict_look(info.trust) if info.trust is not None else None
    shown = (
        # a damaged record's state is unknown: no "Pending" of what it was (issue 11)
        (info.status == "deferred" and not info.damaged, pending_label, "pending"),
        (trust is not None, trust.text if trust else "", trust.kind if trust else ""),
        (info.validity == "expired", validity_text(info), "error"),
        (info.is_new, QCoreApplication.translate("CardDelegate", "New"), "new"),
        (info.local_issuer, local_label, "local"),
    )
    return [(label, kind) for on, label, kind in shown if on]


def _place_badges(
    specs: list[tuple[str, str]], inner: QRect, logo: QRect, font: QFont
) -> list[Badge]:
    """Badges right-aligned from the top right, in rows; a row beside the logo ends before
    it, a badge that fits nowhere beside it goes to a row below the logo."""
    metrics = QFontMetrics(font)
    height = metrics.height() + 6
    placed: list[Badge] = []
    y = inner.top()
    right = inner.right()
    row_used = False
    for label, kind in specs:
        width = metrics.horizontalAdvance(label) + 16
        while True:
            beside_logo = y <= logo.bottom() + _GAP
            left = logo.right() + 1 + _GAP if beside_logo else inner.left()
            if right - width + 1 >= left:
                break
            if row_used:  # a new row
                y, right, row_used = y + height + _BADGE_GAP, inner.right(), False
            elif beside_logo:  # too wide beside the logo: a row below it
                y = logo.bottom() + 1 + _GAP
            else:  # wider than the card: elided
                width = right - left + 1
                break
        placed.append(Badge(QRect(right - width + 1, y, width, height), label, kind))
        right -= width + _BADGE_GAP
        row_used = True
    return placed


def card_layout(
    rect: QRect,
    info: CardInfo,
    font: QFont,
    *,
    pending_label: str = "Pending",
    local_label: str = "Local issuer",
    portrait: bool | None = None,
) -> CardLayout:
    """The boxes of a card painted into ``rect`` with ``font`` as its base font: logo top
    left, badges top right (wrapping, never over the logo), the texts at the bottom and the
    portrait at the right beside them (``portrait`` None: when the card has one).

    When the space runs short the name takes one line instead of two and the least
    important badges are left out (their facts are in the texts), so nothing overlaps."""
    has_portrait = bool(info.portrait) if portrait is None else portrait
    inner = rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
    logo = QRect(inner.left(), inner.top(), _LOGO, _LOGO)
    name_font = QFont(font)
    name_font.setBold(True)
    name_font.setPointSizeF(font.pointSizeF() * 1.25)
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.92)
    badge_font = _badge_font(font)
    name_height = QFontMetrics(name_font).height()
    line = QFontMetrics(small).height()
    status_y = inner.bottom() - line + 1
    received_y = status_y - line
    issuer_y = received_y - line - 2
    specs = _badges(info, pending_label, local_label)
    below_logo = logo.bottom() + 1 + _GAP
    while True:
        badges = _place_badges(specs, inner, logo, badge_font)
        below_badges = max([b.rect.bottom() + 1 + _GAP for b in badges], default=inner.top())
        # best first: a two-line name below the logo, one line below it, one line beside it
        lines = next(
            (
                n
                for n, floor in ((2, below_logo), (1, below_logo), (1, below_badges))
                if issuer_y - n * name_height - 2 >= max(floor, below_badges)
            ),
            0,
        )
        if lines or not specs:
            break
        specs = specs[:-1]  # the least important badge gives way (its fact is in the texts)
    lines = max(lines, 1)
    name_top = issuer_y - lines * name_height - 2
    width = inner.width()
    spot: QRect | None = None
    if has_portrait:
        top = below_badges
        height = min(_PORTRAIT_H, inner.bottom() - top + 1)
        portrait_w = min(_PORTRAIT_W, height * _PORTRAIT_W // _PORTRAIT_H)
        left = inner.right() - portrait_w + 1
        if height >= 24 and left > logo.right() + _GAP:
            spot = QRect(left, top, portrait_w, height)

    def row(y: int, height: int) -> QRect:
        box = QRect(inner.left(), y, width, height)
        if box.intersects(logo):  # a short card: the name beside the logo
            box.setLeft(logo.right() + 1 + _GAP)
        if spot is not None and box.intersects(spot):
            box.setRight(spot.left() - 1 - _GAP)
        return box

    if spot is not None and row(name_top, lines * name_height).width() < _MIN_TEXT:
        spot = None  # too little room: the name matters more than the photo

    return CardLayout(
        logo=logo,
        badges=tuple(badges),
        portrait=spot,
        name=row(name_top, lines * name_height),
        name_lines=lines,
        issuer=row(issuer_y, line),
        received=row(received_y, line),
        status=row(status_y, line),
        name_font=name_font,
        small_font=small,
        badge_font=badge_font,
    )
