"""Credential cards, painted: the list delegate and a single-card widget share one painter;
and the empty state shown where no card is yet.

A card uses the issuer's ``background_color``, ``text_color``, ``background_image`` and logo
(OID4VCI 1.0 §12.2.4 credential display); without them it gets a colour made from the issuer
host and the credential's initials. Everything outside cards follows the system palette.
"""

from __future__ import annotations

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

from wallet_app.gui.card_text import card_summary, local_date, uses_text, validity_text
from wallet_app.gui.credential_model import CardInfo, Roles
from wallet_app.gui.images import ImageCache
from wallet_app.gui.theme import BADGE_ROLES, colour
from wallet_app.wallet.cards import format_label

__all__ = ["CARD_SIZE", "CardDelegate", "CardWidget", "EmptyState", "card_colors", "paint_card"]

#: card size in the grid (ID-1 card ratio 85.6 × 54 mm)
CARD_SIZE = QSize(300, 189)
_MARGIN = 10  # space around a card inside its grid cell
_RADIUS = 14.0
_PAD = 16
_LOGO = 40
_PORTRAIT_W = 52
_PORTRAIT_H = 66


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


def _badge(
    painter: QPainter, right: float, top: float, label: str, kind: str
) -> tuple[float, float]:
    """Paint a pill badge of ``kind`` (``theme.BADGE_ROLES``) ending at ``right``; return its
    left and bottom edges. Its text is the app's small size (>= 11 px), not smaller."""
    background, foreground = BADGE_ROLES[kind]
    font = QFont(painter.font())
    font.setPixelSize(max(11, round(QFontInfo(font).pixelSize() * 0.92)))
    font.setBold(True)
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(label) + 16
    rect = QRectF(right - width, top, width, metrics.height() + 6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour(background)))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(font)
    painter.setPen(QColor(colour(foreground)))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    return rect.left(), rect.bottom()


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


def _paint_texts(
    painter: QPainter,
    rect: QRect,
    info: CardInfo,
    base: QFont,
    text: QColor,
    width: int,
    beside_portrait: bool,
) -> None:
    """Name, issuer, then "Received <date> · <format>" and "<uses> · <validity>"."""
    name_font = QFont(base)
    name_font.setBold(True)
    name_font.setPointSizeF(base.pointSizeF() * 1.25)
    small = QFont(base)
    small.setPointSizeF(base.pointSizeF() * 0.92)
    name_metrics, small_metrics = QFontMetrics(name_font), QFontMetrics(small)
    line = small_metrics.height()
    left = rect.x() + _PAD
    status_y = rect.bottom() - _PAD - line + 1
    received_y = status_y - line
    issuer_y = received_y - line - 2
    narrow = width - (_PORTRAIT_W + 8 if beside_portrait else 0)
    name_rect = QRect(
        left, issuer_y - 2 * name_metrics.height() - 2, narrow, 2 * name_metrics.height()
    )
    painter.setFont(name_font)
    painter.setPen(text)
    name = name_metrics.elidedText(info.name, Qt.TextElideMode.ElideRight, narrow * 2 - 20)
    painter.drawText(
        name_rect,
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap),
        name,
    )
    painter.setFont(small)
    muted = QColor(text)
    muted.setAlphaF(0.85)
    painter.setPen(muted)
    received = QCoreApplication.translate("CardDelegate", "Received {date}").format(
        date=local_date(info.received_at)
    )
    status = (
        validity_text(info)
        if info.status == "deferred"
        else f"{uses_text(info.copies)} · {validity_text(info)}"
    )
    for y, line_width, value in (
        (issuer_y, narrow, info.issuer_name),
        (received_y, width, f"{received} · {format_label(info.format)}"),
        (status_y, width, status),
    ):
        painter.drawText(
            QRect(left, y, line_width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText(value, Qt.TextElideMode.ElideRight, line_width),
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

    logo_rect = QRect(rect.x() + _PAD, rect.y() + _PAD, _LOGO, _LOGO)
    logo = (
        images.pixmap(info.logo_uri, logo_rect.size())
        if images is not None and info.logo_uri
        else None
    )
    _paint_logo(painter, logo_rect, info, logo, text)

    right = float(rect.right() - _PAD + 1)
    top = float(rect.y() + _PAD)
    badge_bottom = top
    for shown, label, kind in (
        (info.status == "deferred", pending_label, "pending"),
        (info.validity == "expired", validity_text(info), "error"),
        (info.is_new, QCoreApplication.translate("CardDelegate", "New"), "new"),
        (info.local_issuer, local_label, "local"),
    ):
        if shown:
            painter.save()  # each badge sizes its text from the card's font, not the initials'
            painter.setFont(base)
            right, badge_bottom = _badge(painter, right, top, label, kind)
            painter.restore()
            right -= 6

    width = rect.width() - 2 * _PAD
    portrait = _portrait(info, QSize(_PORTRAIT_W, _PORTRAIT_H), painter.device())
    if portrait is not None:
        spot = QRect(
            rect.right() - _PAD - _PORTRAIT_W + 1,
            int(max(badge_bottom + 8, rect.y() + _PAD)),
            _PORTRAIT_W,
            _PORTRAIT_H,
        )
        frame = QPainterPath()
        frame.addRoundedRect(QRectF(spot), 6, 6)
        painter.save()
        painter.setClipPath(frame)
        painter.drawPixmap(spot, portrait)
        painter.restore()
    _paint_texts(painter, rect, info, base, text, width, portrait is not None)
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
