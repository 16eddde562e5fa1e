"""QR codes in: decode a QImage, grab the screens, pick a screen region, read an image file.

Decoding uses zxing-cpp over an ``ImageView`` of a Grayscale8 copy of the image, honouring
Qt's 4-byte row padding (platform.md §7, pitfalls P7a/P7b), and looks for QR codes only
(14 ms instead of 200 ms for a 1080p frame). The camera scanner is in ``camera.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import zxingcpp
from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QScreen,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from wallet_app.errors import OfferError
from wallet_app.gui.theme import colour

__all__ = [
    "RegionSelector",
    "decode_qr",
    "grab_screens",
    "image_from_bytes",
    "scan_image_file",
    "scan_screen",
]

log = logging.getLogger(__name__)

#: SVGs are rendered at least this large so small QR modules survive rasterisation
_SVG_MIN_SIDE = 800
_MAX_IMAGE_BYTES = 20 * 1024 * 1024


def decode_qr(image: QImage) -> list[str]:
    """The texts of every QR code in ``image`` (empty when there is none). Raises nothing."""
    if image.isNull():
        return []
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)  # kept alive for the view
    view = zxingcpp.ImageView(
        gray.constBits(),
        gray.width(),
        gray.height(),
        zxingcpp.ImageFormat.Lum,
        gray.bytesPerLine(),
        1,
    )
    try:
        found = zxingcpp.read_barcodes(
            view, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
    except (RuntimeError, ValueError, TypeError):  # a damaged image must not crash the GUI
        log.warning("QR decoding failed", exc_info=True)
        return []
    return [code.text for code in found if code.valid and code.text]


def _is_svg(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower()


def _render_svg(data: bytes) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return QImage()
    size = renderer.defaultSize()
    if size.isEmpty():
        size = QSize(_SVG_MIN_SIDE, _SVG_MIN_SIDE)
    scale = max(1.0, _SVG_MIN_SIDE / max(1, min(size.width(), size.height())))
    image = QImage(
        round(size.width() * scale),
        round(size.height() * scale),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor("white"))  # a transparent background would read as black
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def image_from_bytes(data: bytes) -> QImage:
    """A PNG, JPEG, SVG (or any format Qt reads) as a QImage; a null image if unreadable."""
    if _is_svg(data):
        return _render_svg(data)
    image = QImage.fromData(data)
    if image.hasAlphaChannel():  # transparent PNG: put it on white like a page would
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        return flat
    return image


def scan_image_file(path: str | Path) -> list[str]:
    """The QR code texts in a PNG, JPEG or SVG file.

    Raises OfferError when the file cannot be read or is not an image.
    """
    file = Path(path)
    try:
        if file.stat().st_size > _MAX_IMAGE_BYTES:
            raise OfferError("This image file is too large to scan.", detail=str(file))
        data = file.read_bytes()
    except OSError as exc:
        raise OfferError("The image file could not be opened.", detail=str(exc)) from exc
    image = image_from_bytes(data)
    if image.isNull():
        raise OfferError(
            "This file is not an image the wallet can read (use PNG, JPEG or SVG).",
            detail=str(file),
        )
    return decode_qr(image)


def grab_screens(screens: Sequence[QScreen] | None = None) -> QImage:
    """A screenshot of ``screens`` (default: all of them) composed in their desktop layout.

    Offscreen the grab is blank (platform.md §7); tests inject their own grab function.
    """
    chosen = list(screens) if screens is not None else QGuiApplication.screens()
    if not chosen:
        return QImage()
    area = QRect()
    for screen in chosen:
        area = area.united(screen.geometry())
    result = QImage(area.size(), QImage.Format.Format_RGB32)
    result.fill(QColor("black"))
    painter = QPainter(result)
    for screen in chosen:
        shot = screen.grabWindow(0)
        target = screen.geometry().translated(-area.topLeft())
        painter.drawPixmap(target, shot)  # scales HiDPI grabs to logical pixels
    painter.end()
    return result


def scan_screen(grab: Callable[[], QImage] | None = None) -> list[str]:
    """The QR code texts visible on the screens (``grab`` replaces the screenshot in tests)."""
    return decode_qr((grab or grab_screens)())


def _span(a: QPoint, b: QPoint) -> QRect:
    return QRect(min(a.x(), b.x()), min(a.y(), b.y()), abs(a.x() - b.x()), abs(a.y() - b.y()))


class RegionSelector(QWidget):
    """A full-screen overlay over a screenshot: drag a rectangle to scan it, Esc cancels.

    Emits ``region_chosen(QImage)`` with the chosen part of the screenshot, or ``cancelled``.
    """

    region_chosen = Signal(QImage)
    cancelled = Signal()

    def __init__(self, screenshot: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shot = screenshot
        self._origin: QPoint | None = None
        self._rect = QRect()
        self.setWindowFlags(
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.Tool
        )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Select a screen region"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(screenshot.size() if not screenshot.isNull() else QSize(800, 600))

    def start(self) -> None:
        """Cover the whole desktop and take the keyboard."""
        area = QRect()
        for screen in QGuiApplication.screens():
            area = area.united(screen.geometry())
        self.setGeometry(area if area.isValid() else QRect(QPoint(0, 0), self._shot.size()))
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def selection(self) -> QRect:
        """The rectangle dragged so far, in widget coordinates."""
        return QRect(self._rect)

    def _to_image(self, rect: QRect) -> QRect:
        sx = self._shot.width() / max(1, self.width())
        sy = self._shot.height() / max(1, self.height())
        return QRect(
            round(rect.x() * sx),
            round(rect.y() * sy),
            round(rect.width() * sx),
            round(rect.height() * sy),
        ).intersected(self._shot.rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the screenshot dimmed, the selection clear, and a hint."""
        painter = QPainter(self)
        painter.drawImage(self.rect(), self._shot)
        dim = QColor(colour("overlay"))
        dim.setAlpha(110)
        painter.fillRect(self.rect(), dim)
        if not self._rect.isEmpty():
            painter.drawImage(self._rect, self._shot, self._to_image(self._rect))
            painter.setPen(QPen(QColor(colour("camera_frame")), 2))
            painter.drawRect(self._rect.adjusted(0, 0, -1, -1))
        hint = self.tr("Drag a rectangle around the QR code. Press Esc to cancel.")
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        painter.setFont(font)
        box = painter.fontMetrics().boundingRect(hint).adjusted(-16, -8, 16, 8)
        box.moveCenter(QPoint(self.width() // 2, 40))
        painter.setPen(Qt.PenStyle.NoPen)
        backing = QColor(colour("overlay"))
        backing.setAlpha(190)
        painter.setBrush(backing)
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QColor(colour("overlay_text")))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, hint)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start a rectangle."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            self._rect = QRect(self._origin, QSize())
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Grow the rectangle."""
        if self._origin is not None:
            self._rect = _span(self._origin, event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Finish: emit the chosen part of the screenshot (tiny rectangles are ignored)."""
        if self._origin is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._rect = _span(self._origin, event.position().toPoint())
        self._origin = None
        if self._rect.width() < 8 or self._rect.height() < 8:
            self._rect = QRect()
            self.update()
            return
        self.region_chosen.emit(self._shot.copy(self._to_image(self._rect)))
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc cancels."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            self.close()
        else:
            super().keyPressEvent(event)
