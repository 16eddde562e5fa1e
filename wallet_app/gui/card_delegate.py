"""Credential cards, painted: the list delegate and a single-card widget share one painter;
and the empty state shown where no card is yet.

A card uses the issuer's ``background_color``, ``text_color``, ``background_image`` and logo
(OID4VCI 1.0 §12.2.4 credential display); without them it gets a colour made from the issuer
host and the credential's initials. Everything outside cards follows the system palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetrics,
    QImage,
    QLinearGradient,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.card_text import card_summary, received_text, status_text, validity_text
from wallet_app.gui.credential_model import CardInfo, Roles
from wallet_app.gui.images import ImageCache
from wallet_app.gui.theme import BADGE_ROLES, colour

__all__ = [
    "CARD_SIZE",
    "Badge",
    "CardDelegate",
    "CardLayout",
    "CardWidget",
    "EmptyState",
    "card_colors",
    "card_layout",
    "paint_card",
]

#: card size in the grid (ID-1 card ratio 85.6 × 54 mm)
CARD_SIZE = QSize(300, 189)
_MARGIN = 10  # space around a card inside its grid cell
_RADIUS = 14.0
_PAD = 16
_LOGO = 40
_PORTRAIT_W = 52
_PORTRAIT_H = 66
_GAP = 6  # between a card's boxes
_BADGE_GAP = 6
_MIN_TEXT = 100  # the narrowest a text line may get beside the logo or portrait


def _color(text: str | None) -> QColor | None:
    color = QColor(text) if text else QColor()
    return color if color.isValid() else None


def card_colors(info: CardInfo) -> tuple[QColor, QColor]:
    """Background and text colour of a card; text contrasts when the issuer gave none."""
    background = _color(info.background_color) or info.fallback_color
    text = _color(info.text_color)
    if text is None:
        light = background.lightnessF() > 0.6
        text = QColor(colour("card_text_on_light" if light else "card_text_on_dark"))
    return background, text


def _badge_font(base: QFont) -> QFont:
    """The badges' font: the app's small size (>= 11 px), bold."""
    font = QFont(base)
    font.setPixelSize(max(11, round(QFontInfo(base).pixelSize() * 0.92)))
    font.setBold(True)
    return font


def _paint_badge(painter: QPainter, badge: Badge, font: QFont) -> None:
    """A pill badge of ``badge.kind`` (``theme.BADGE_ROLES``) filling ``badge.rect``."""
    background, foreground = BADGE_ROLES[badge.kind]
    rect = QRectF(badge.rect)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour(background)))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(font)
    painter.setPen(QColor(colour(foreground)))
    label = QFontMetrics(font).elidedText(
        badge.label, Qt.TextElideMode.ElideRight, badge.rect.width() - 12
    )
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)


def _paint_logo(
    painter: QPainter, rect: QRect, info: CardInfo, logo: QPixmap | None, text: QColor
) -> None:
    if logo is not None:
        x = rect.x() + (rect.width() - logo.width()) // 2
        y = rect.y() + (rect.height() - logo.height()) // 2
        painter.drawPixmap(x, y, logo)
        return
    painter.setPen(Qt.PenStyle.NoPen)
    circle = QColor(text)
    circle.setAlphaF(0.22)
    painter.setBrush(circle)
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(rect.height() * 2 // 5)
    painter.setFont(font)
    painter.setPen(text)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, info.initials)


@dataclass(frozen=True, slots=True)
class Badge:
    """One badge on a card: its box, words and ``theme.BADGE_ROLES`` kind."""

    rect: QRect
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
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
    """The badges a card shows, most important first."""
    shown = (
        (info.status == "deferred", pending_label, "pending"),
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


def _paint_texts(painter: QPainter, layout: CardLayout, info: CardInfo, text: QColor) -> None:
    """Name, issuer, then "Received <date> · <format>" and "<uses> · <validity>"."""
    painter.setFont(layout.name_font)
    painter.setPen(text)
    name_metrics = QFontMetrics(layout.name_font)
    box = layout.name
    name = name_metrics.elidedText(
        info.name, Qt.TextElideMode.ElideRight, box.width() * layout.name_lines - 20
    )
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
    if layout.name_lines > 1:
        painter.drawText(box, int(flags | Qt.TextFlag.TextWordWrap), name)
    else:
        elided = name_metrics.elidedText(info.name, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(box, int(flags), elided)
    painter.setFont(layout.small_font)
    muted = QColor(text)
    muted.setAlphaF(0.85)
    painter.setPen(muted)
    small_metrics = QFontMetrics(layout.small_font)
    for box, value in (
        (layout.issuer, info.issuer_name),
        (layout.received, received_text(info)),
        (layout.status, status_text(info)),
    ):
        painter.drawText(
            box,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText(value, Qt.TextElideMode.ElideRight, box.width()),
        )


def _portrait(info: CardInfo, size: QSize, device: object) -> QPixmap | None:
    """The card's portrait scaled to fill ``size`` (cached in QPixmapCache); None when
    there is none or Qt cannot read its format (JPEG 2000 needs an image plugin)."""
    if not info.portrait:
        return None
    ratio = device.devicePixelRatioF() if isinstance(device, QPaintDevice) else 1.0
    key = f"wallet-portrait:{info.id}:{size.width()}x{size.height()}@{ratio}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached) and not cached.isNull():
        return cached
    image = QImage.fromData(info.portrait)
    if image.isNull():
        return None
    target = size * ratio
    scaled = image.scaled(
        target,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (scaled.width() - target.width()) // 2
    y = (scaled.height() - target.height()) // 2
    pixmap = QPixmap.fromImage(scaled.copy(x, y, target.width(), target.height()))
    pixmap.setDevicePixelRatio(ratio)
    QPixmapCache.insert(key, pixmap)
    return pixmap


def paint_card(
    painter: QPainter,
    rect: QRect,
    info: CardInfo,
    images: ImageCache | None,
    *,
    pending_label: str = "Pending",
    local_label: str = "Local issuer",
    selected: bool = False,
    highlight: QColor | None = None,
) -> None:
    """Paint one credential card into ``rect`` (images come from ``images`` when loaded)."""
    painter.save()
    base = QFont(painter.font())  # before logo and badges change the painter's font
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    background, text = card_colors(info)
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), _RADIUS, _RADIUS)
    gradient = QLinearGradient(QPointF(rect.topLeft()), QPointF(rect.bottomRight()))
    gradient.setColorAt(0.0, background)
    gradient.setColorAt(1.0, background if info.has_display else background.darker(125))
    painter.fillPath(path, QBrush(gradient))
    painter.setClipPath(path)
    art = (
        images.pixmap(info.background_image_uri, rect.size(), crop=True)
        if images is not None and info.background_image_uri
        else None
    )
    if art is not None:
        painter.drawPixmap(
            rect.x() - (art.width() - rect.width()) // 2,
            rect.y() - (art.height() - rect.height()) // 2,
            art,
        )
        # a scrim in the card colour keeps the name readable over the issuer's artwork
        scrim = QLinearGradient(
            QPointF(0, rect.y() + rect.height() * 0.45), QPointF(0, rect.bottom())
        )
        clear, solid = QColor(background), QColor(background)
        clear.setAlpha(0)
        solid.setAlpha(235)
        scrim.setColorAt(0.0, clear)
        scrim.setColorAt(0.55, solid)
        scrim.setColorAt(1.0, solid)
        painter.fillRect(rect, QBrush(scrim))
    painter.setClipping(False)

    layout = card_layout(rect, info, base, pending_label=pending_label, local_label=local_label)
    portrait = (
        _portrait(info, layout.portrait.size(), painter.device())
        if layout.portrait is not None
        else None
    )
    if layout.portrait is not None and portrait is None:  # a format Qt cannot read
        layout = card_layout(
            rect, info, base, pending_label=pending_label, local_label=local_label, portrait=False
        )
    logo = (
        images.pixmap(info.logo_uri, layout.logo.size())
        if images is not None and info.logo_uri
        else None
    )
    _paint_logo(painter, layout.logo, info, logo, text)
    for badge in layout.badges:
        _paint_badge(painter, badge, layout.badge_font)
    if portrait is not None and layout.portrait is not None:
        frame = QPainterPath()
        frame.addRoundedRect(QRectF(layout.portrait), 6, 6)
        painter.save()
        painter.setClipPath(frame)
        painter.drawPixmap(layout.portrait, portrait)
        painter.restore()
    _paint_texts(painter, layout, info, text)
    if selected and highlight is not None:
        painter.setPen(QPen(highlight, 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(rect).adjusted(-3, -3, 3, 3), _RADIUS + 3, _RADIUS + 3)
    painter.restore()


class CardDelegate(QStyledItemDelegate):
    """Paints each row of a credential view as a card (no widget per row)."""

    def __init__(self, images: ImageCache | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = images

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Every card has the same size (the view sets uniform item sizes)."""
        return CARD_SIZE + QSize(2 * _MARGIN, 2 * _MARGIN)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Paint the card of ``index``; the focus ring uses the palette's highlight."""
        info = index.data(Roles.Card)
        if not isinstance(info, CardInfo):
            return
        state = option.state
        rect: QRect = option.rect.adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        palette = option.palette
        paint_card(
            painter,
            rect,
            info,
            self._images,
            pending_label=QApplication.translate("CardDelegate", "Pending"),
            local_label=QApplication.translate("CardDelegate", "Local issuer"),
            selected=bool(state & QStyle.StateFlag.State_Selected),
            highlight=palette.highlight().color(),
        )


class CardWidget(QWidget):
    """One credential card as a widget (details dialog, offer review)."""

    def __init__(
        self, info: CardInfo, images: ImageCache | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._info = info
        self._images = images
        self.setFixedSize(CARD_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # the card's own words ("Personal ID, Demo Issuer, received …, 3 uses left, Valid"),
        # so two identical cards do not sound the same
        self.setAccessibleName(card_summary(info))
        self.setAccessibleDescription(self.tr("Credential card"))
        if images is not None:
            images.image_ready.connect(self._on_image_ready)

    def _on_image_ready(self, uri: str) -> None:
        if uri in (self._info.logo_uri, self._info.background_image_uri):
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the card over the whole widget."""
        painter = QPainter(self)
        paint_card(
            painter,
            self.rect(),
            self._info,
            self._images,
            pending_label=self.tr("Pending"),
            local_label=self.tr("Local issuer"),
        )
        painter.end()


class EmptyState(QWidget):
    """What an empty wallet shows: a friendly sentence, "Add a credential" and "Try the demo"."""

    add_requested = Signal()
    demo_requested = Signal()

    def __init__(self, demo_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Empty wallet"))
        title = QLabel(self.tr("Your wallet is empty"))
        title.setObjectName("emptyTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            self.tr(
                "Credentials you receive from issuers appear here as cards. Paste an offer "
                "link, scan a QR code, or open an offer link from an issuer's web page."
            )
        )
        text.setWordWrap(True)
        text.setFixedWidth(460)  # a fixed width lets the wrapped text get its full height
        self.add_button = QPushButton(self.tr("Add a credential"))
        self.add_button.setProperty("primary", True)
        self.add_button.setAccessibleName(self.tr("Add a credential"))
        self.add_button.clicked.connect(self.add_requested)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.setAccessibleName(self.tr("Try the demo"))
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_button.setVisible(demo_available)
        self.demo_hint = QLabel(
            self.tr("To try the built-in demo issuer, start the app with wallet-app --demo.")
        )
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setFixedWidth(460)
        self.demo_hint.setEnabled(False)  # muted text in every palette
        self.demo_hint.setVisible(not demo_available)
        for label in (title, text, self.demo_hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if label.wordWrap():  # centred layouts ignore height-for-width: reserve it
                label.setMinimumHeight(label.heightForWidth(label.width()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        ghost = QLabel()
        ghost.setPixmap(self._ghost_card())
        ghost.setAccessibleName(self.tr("Empty card slot"))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (ghost, title, text):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(self.demo_hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def _ghost_card(self) -> QPixmap:
        """A dashed card outline with a plus, in the palette's muted colour."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(220 * ratio), int(139 * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color, 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(QRectF(2, 2, 216, 135), 12, 12)
        painter.setPen(QPen(color, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(96, 69.5), QPointF(124, 69.5))
        painter.drawLine(QPointF(110, 55.5), QPointF(110, 83.5))
        painter.end()
        return pixmap
