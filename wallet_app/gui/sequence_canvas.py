"""The sequence diagram's painted surface: lifelines, their titles and one button per row.

Each row is a focusable :class:`ArrowButton` (Tab / arrow keys, Enter or a click) that paints
its request and response arrows; the :class:`Canvas` lays the rows out and keeps the lifeline
titles at the top while they scroll. The widget that owns them is ``gui.sequence_diagram``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMoveEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QWidget

from wallet_app.gui.sequence_rows import LANES, Row, translate

if TYPE_CHECKING:
    from wallet_app.gui.sequence_diagram import SequenceDiagram

__all__ = ["ArrowButton", "Canvas"]


class ArrowButton(QAbstractButton):
    """One row of the diagram; paints its arrows and takes focus like any button."""

    def __init__(self, canvas: Canvas, row: Row) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.row = row
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if row.exchange_index is not None else Qt.FocusPolicy.NoFocus
        )
        self.refresh_names()

    def refresh_names(self) -> None:
        row = self.row
        src, dst = translate(LANES[row.source]), translate(LANES[row.target])
        name = QCoreApplication.translate(
            "SequenceDiagram", "{label}: {source} to {target}"
        ).format(label=row.label, source=src, target=dst)
        if row.reply:
            name += " — " + QCoreApplication.translate("SequenceDiagram", "answer {reply}").format(
                reply=row.reply
            )
        self.setText(name)
        self.setAccessibleName(name)
        self.setToolTip(name)
        if row.exchange_index is not None:
            self.setAccessibleDescription(
                QCoreApplication.translate("SequenceDiagram", "Press Enter to open this exchange.")
            )

    def sizeHint(self) -> QSize:
        return QSize(self.canvas.width(), self.canvas.row_height(self.row))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
            self.canvas.arrow_focused(self)  # not when the window merely got focus back

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left):
            step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
            self.canvas.move_focus(self, step)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.canvas.paint_row(painter, self, self.row)
        painter.end()


class _Header(QWidget):
    """The lifeline titles; kept at the top of the visible part while the rows scroll."""

    def __init__(self, canvas: Canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.canvas.paint_header(painter, self.height())
        painter.end()


class Canvas(QWidget):
    """The drawing surface inside the scroll area: headers, lifelines and the arrow rows."""

    def __init__(self, diagram: SequenceDiagram) -> None:
        super().__init__()
        self.diagram = diagram
        self.buttons: list[ArrowButton] = []
        self.header = _Header(self)

    # -- geometry -----------------------------------------------------------------------------
    def lane_x(self, lane: int) -> float:
        return (lane + 0.5) * self.width() / len(LANES)

    def pen_width(self) -> float:
        """Arrow thickness: grows with the type (presentation mode, a large app font)."""
        return max(2.2, self.fontMetrics().height() / 7)

    def header_height(self) -> int:
        return self.fontMetrics().height() * 3 + 16

    def row_height(self, row: Row) -> int:
        line = self.fontMetrics().height()
        return line * 4 + 14 if row.exchange_index is not None else line * 2 + 10

    def minimum_width(self) -> int:
        fm = self.fontMetrics()
        widest = max(fm.horizontalAdvance(translate(n).split(" ")[0]) for n in LANES)
        longest = max((fm.horizontalAdvance(b.row.label) for b in self.buttons), default=widest)
        return max(len(LANES) * (widest + 24), longest + 40, 360)

    def relayout(self) -> None:
        y = self.header_height()
        for button in self.buttons:
            h = self.row_height(button.row)
            button.setGeometry(0, y, self.width(), h)
            y += h
        self.setMinimumSize(self.minimum_width(), y + self.fontMetrics().height())
        self.place_header()
        self.update()

    def place_header(self) -> None:
        """Keep the titles at the top of the visible part (rows scroll beneath them)."""
        self.header.setGeometry(0, max(0, -self.y()), self.width(), self.header_height())
        self.header.raise_()
        self.header.update()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self.place_header()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.relayout()

    # -- focus --------------------------------------------------------------------------------
    def arrow_focused(self, button: ArrowButton) -> None:
        self.diagram.reveal(button)

    def move_focus(self, button: ArrowButton, step: int) -> None:
        focusable = [b for b in self.buttons if b.focusPolicy() != Qt.FocusPolicy.NoFocus]
        if button in focusable:
            i = focusable.index(button) + step
            if 0 <= i < len(focusable):
                focusable[i].setFocus(Qt.FocusReason.TabFocusReason)

    # -- colours ------------------------------------------------------------------------------
    def colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        """Text, line, error and accent colours for the current palette."""
        from wallet_app.gui.theme import colour

        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        error = QColor(colour("error_text", pal))
        accent = QColor(colour("accent", pal))
        line = pal.color(QPalette.ColorRole.Mid if dark else QPalette.ColorRole.Dark)
        return text, line, error, accent

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text, line, _error, _accent = self.colours()
        fm = self.fontMetrics()
        head = self.header_height()
        pen = QPen(line, 1.2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for lane in range(len(LANES)):
            x = self.lane_x(lane)
            painter.drawLine(QPointF(x, head - 10), QPointF(x, self.height()))
        if not self.buttons:
            painter.setPen(text)
            painter.drawText(
                QRect(0, head + 8, self.width(), fm.height() * 2),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                QCoreApplication.translate(
                    "SequenceDiagram", "The requests appear here as they happen."
                ),
            )
        painter.end()

    def paint_header(self, painter: QPainter, height: int) -> None:
        """The lifelines' title boxes (painted by the header that stays on top)."""
        text, line, _error, accent = self.colours()
        col = self.width() / len(LANES)
        painter.fillRect(QRectF(0, 0, self.width(), height), self.palette().window())
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        for lane, name in enumerate(LANES):
            x = self.lane_x(lane)
            box = QRectF(x - col / 2 + 6, 6, col - 12, height - 16)
            painter.setPen(QPen(accent, 1.5))
            painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(box, 8, 8)
            painter.setPen(text)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), translate(name)
            )
            painter.setPen(QPen(line, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, box.bottom()), QPointF(x, height))

    def paint_row(self, painter: QPainter, button: ArrowButton, row: Row) -> None:
        text, _line, error, accent = self.colours()
        fm = QFontMetrics(self.font())
        painter.setFont(self.font())
        line_h = fm.height()
        x1, x2 = self.lane_x(row.source), self.lane_x(row.target)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        pen_width = self.pen_width()
        colour = error if row.failed else muted if row.probe else accent
        back = self.palette().color(QPalette.ColorRole.Window)
        first = min(row.progress * 2, 1.0) if row.reply else row.progress
        second = max(row.progress * 2 - 1, 0.0) if row.reply else 0.0
        if button.hasFocus() or button.isDown() or self.diagram.selected_row is row:
            highlight = QColor(accent)
            highlight.setAlpha(40)
            painter.fillRect(button.rect().adjusted(2, 1, -2, -1), highlight)
            mix = 40 / 255
            back = QColor.fromRgbF(
                back.redF() * (1 - mix) + accent.redF() * mix,
                back.greenF() * (1 - mix) + accent.greenF() * mix,
                back.blueF() * (1 - mix) + accent.blueF() * mix,
            )
            if button.hasFocus():
                painter.setPen(QPen(accent, 2, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(button.rect()).adjusted(3, 2, -3, -2), 6, 6)
        y = line_h + 6
        self._arrow(painter, x1, x2, y, first, colour, pen_width, dashed=False)
        self._label(painter, x1, x2, 2, row.label, text, fm, first, back)
        if row.reply:
            y2 = line_h * 3 + 8
            self._arrow(painter, x2, x1, y2, second, colour, pen_width, dashed=True)
            self._label(
                painter,
                x1,
                x2,
                line_h * 2 + 6,
                row.reply,
                error if row.failed else text,
                fm,
                second,
                back,
            )

    @staticmethod
    def _label(
        painter: QPainter,
        x1: float,
        x2: float,
        top: int,
        label: str,
        colour: QColor,
        fm: QFontMetrics,
        shown: float,
        background: QColor,
    ) -> None:
        if shown <= 0:
            return
        left, right = min(x1, x2), max(x1, x2)
        width = int(right - left) - 8
        text = fm.elidedText(label, Qt.TextElideMode.ElideRight, max(width, 40))
        c = QColor(colour)
        c.setAlphaF(min(1.0, shown * 1.5))
        centre = (left + right) / 2
        advance = fm.horizontalAdvance(text) + 8
        back = QRectF(centre - advance / 2, top, advance, fm.height())
        painter.fillRect(back, background)
        painter.setPen(c)
        painter.drawText(back, int(Qt.AlignmentFlag.AlignCenter), text)

    @staticmethod
    def _arrow(
        painter: QPainter,
        x1: float,
        x2: float,
        y: float,
        shown: float,
        colour: QColor,
        width: float,
        *,
        dashed: bool,
    ) -> None:
        if shown <= 0:
            return
        end = x1 + (x2 - x1) * shown
        pen = QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x1, y), QPointF(end, y))
        direction = 1 if x2 >= x1 else -1
        size = width * 4
        head = QPolygonF(
            [
                QPointF(end, y),
                QPointF(end - direction * size, y - size / 2),
                QPointF(end - direction * size, y + size / 2),
            ]
        )
        path = QPainterPath()
        path.addPolygon(head)
        painter.fillPath(path, colour)
