"""Painting a credential card: its colours, artwork, logo, badges, portrait and texts,
into the boxes ``card_layout`` gives.

A card uses the issuer's ``background_color``, ``text_color``, ``background_image`` and logo
(OID4VCI 1.0 §12.2.4 credential display); without them it gets a colour made from the issuer
host and the credential's initials.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QLinearGradient,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPixmapCache,
)

from wallet_app.gui.card_info import CardInfo
from wallet_app.gui.card_layout import Badge, CardLayout, card_layout
from wallet_app.gui.card_text import received_text, status_text
from wallet_app.gui.images import ImageCache
from wallet_app.gui.theme import BADGE_ROLES, colour
from wallet_app.text import isolate

__all__ = ["card_colors", "paint_card", "paint_card_colour"]

_RADIUS = 14.0


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
    # issuer words are isolated (FSI…PDI): a right-to-left name cannot reorder the rest
    if layout.name_lines > 1:
        painter.drawText(box, int(flags | Qt.TextFlag.TextWordWrap), isolate(name))
    else:
        elided = name_metrics.elidedText(info.name, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(box, int(flags), isolate(elided))
    painter.setFont(layout.small_font)
    muted = QColor(text)
    muted.setAlphaF(0.85)
    painter.setPen(muted)
    small_metrics = QFontMetrics(layout.small_font)
    for box, value, issuers in (
        (layout.issuer, info.issuer_name, True),
        (layout.received, received_text(info), False),
        (layout.status, status_text(info), False),
    ):
        shown = small_metrics.elidedText(value, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(
            box,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            isolate(shown) if issuers else shown,
        )


def _portrait(info: CardInfo, size: QSize, device: object) -> QPixmap | None:
    """The card's portrait scaled to fill ``size`` (cached in QPixmapCache); None when
    there is none or Qt cannot read its format (JPEG 2000 needs an image plugin)."""
    if not info.portrait:
        return None
    ratio = device.devicePixelRatioF() if isinstance(device, QPaintDevice) else 1.0
    # by content: the cards of one person share their photo
    key = f"wallet-portrait:{hash(info.portrait)}:{size.width()}x{size.height()}@{ratio}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached) and not cached.isNull():
        return cached
    image = info.portrait_image or QImage.fromData(info.portrait)
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


def paint_card_colour(painter: QPainter, rect: QRect, info: CardInfo) -> None:
    """The card's shape in its colour only: what shows for the moment it takes to paint it."""
    background, _ = card_colors(info)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(QRectF(rect), _RADIUS, _RADIUS)
    painter.restore()


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
