"""Credential cards on screen: the list delegate and a single-card widget share one painter
(``card_paint``); and the empty state shown where no card is yet. Everything outside cards
follows the system palette.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QPaintDevice,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from wallet_app.gui.card_info import CardInfo
from wallet_app.gui.card_layout import CARD_SIZE
from wallet_app.gui.card_paint import paint_card, paint_card_colour
from wallet_app.gui.card_text import card_summary
from wallet_app.gui.credential_model import Roles
from wallet_app.gui.images import ImageCache

__all__ = ["CardDelegate", "CardWidget", "EmptyState"]

_MARGIN = 10  # space around a card inside its grid cell
_PAINT_BUDGET_S = 0.012  # new card faces painted per paint event, about
_ON_SCREEN = 1  # QPaintDevice.devType() of a widget (QInternal::Widget): not a print or image
_FACES_KEPT = 48  # painted cards kept as pixmaps (a screenful is 9-30; ~270 kB each)


class CardDelegate(QStyledItemDelegate):
    """Paints each row of a credential view as a card (no widget per row).

    A painted card is kept as a pixmap (the cards on screen and around them), so a repaint
    (an image arrived, a status changed elsewhere, a scroll) copies pixels instead of painting
    gradients, paths and text again. Painting new cards takes at most about
    :data:`_PAINT_BUDGET_S` per paint event: the cards past it show their colour at once and
    their faces an event-loop turn later, so a screenful of new cards never holds the window.
    """

    def __init__(self, images: ImageCache | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = images
        self._faces: OrderedDict[str, tuple[tuple[object, ...], QPixmap]] = OrderedDict()
        self._generation = 0  # images loaded since: every kept face is stale
        self._turn_started: float | None = None
        self._deferred = False
        self._widget = parent
        if images is not None:
            images.image_ready.connect(self._on_image_ready)

    def _on_image_ready(self, _uri: str) -> None:
        self._generation += 1

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
        cell: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        device = painter.device()
        ratio = device.devicePixelRatioF() if isinstance(device, QPaintDevice) else 1.0
        # what the face depends on besides the card: images loaded, palette (theme), font
        looks = (self._generation, option.palette.cacheKey(), option.font.key())
        key = (info, selected, cell.width(), cell.height(), ratio, looks)
        kept = self._faces.get(info.id)
        if kept is not None and kept[0] == key:
            self._faces.move_to_end(info.id)
            painter.drawPixmap(cell.topLeft(), kept[1])
            return
        now = time.perf_counter()
        if self._turn_started is None:
            self._turn_started = now
            QTimer.singleShot(0, self._end_turn)  # runs once this paint event is over
        elif now - self._turn_started > _PAINT_BUDGET_S and device.devType() == _ON_SCREEN:
            paint_card_colour(painter, cell.adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN), info)
            self._deferred = True
            return
        face = QPixmap(cell.size() * ratio)
        face.setDevicePixelRatio(ratio)
        face.fill(Qt.GlobalColor.transparent)
        face_painter = QPainter(face)
        face_painter.setFont(option.font)
        paint_card(
            face_painter,
            QRect(0, 0, cell.width(), cell.height()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN),
            info,
            self._images,
            pending_label=QApplication.translate("CardDelegate", "Pending"),
            local_label=QApplication.translate("CardDelegate", "Local issuer"),
            selected=selected,
            highlight=option.palette.highlight().color(),
        )
        face_painter.end()
        painter.drawPixmap(cell.topLeft(), face)
        self._faces[info.id] = (key, face)
        self._faces.move_to_end(info.id)
        while len(self._faces) > _FACES_KEPT:
            self._faces.popitem(last=False)

    def _end_turn(self) -> None:
        self._turn_started = None
        if self._deferred:
            self._deferred = False
            view = self._widget
            if isinstance(view, QAbstractItemView):
                view.viewport().update()


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

    @property
    def info(self) -> CardInfo:
        """What the card shows."""
        return self._info

    def set_info(self, info: CardInfo) -> None:
        """Show ``info`` instead (e.g. a new trust verdict)."""
        self._info = info
        self.setAccessibleName(card_summary(info))
        self.update()

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
