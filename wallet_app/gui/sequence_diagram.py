"""A live sequence diagram of one issuance flow: the seed's Figure 1, drawn as requests happen.

Four lifelines (Wallet, Browser, Authorization Server, Credential Issuer). Every HTTP exchange of
the flow's trace becomes a request arrow from the wallet to the server that answered it and a
dashed response arrow back, labelled in plain words ("Token request", "400 invalid_grant");
failures are drawn in the error colour. The browser hops (the wallet opens the browser, the user
signs in at the authorization server, the redirect brings them back) come from
``set_browser_state`` or, for a recorded flow, from the authorization-code token request.

Each arrow is a focusable button (Tab / arrow keys, Enter or a click) with an accessible name;
activating an exchange's arrow emits ``exchange_activated(index)`` with its index in the list
given to ``set_exchanges``. New arrows grow in over ~300 ms, unless motion is reduced (see
:func:`reduced_motion`) or ``set_animated(False)``; ``finish_animations()`` settles them.
"""

from __future__ import annotations

import http
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
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
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.i18n import QT_TRANSLATE_NOOP

__all__ = ["LANES", "SequenceDiagram", "exchange_lane", "reduced_motion", "response_label"]

#: lifeline indexes
WALLET, BROWSER, AUTH_SERVER, ISSUER = range(4)

LANES = (
    QT_TRANSLATE_NOOP("SequenceDiagram", "Wallet"),
    QT_TRANSLATE_NOOP("SequenceDiagram", "Browser"),
    QT_TRANSLATE_NOOP("SequenceDiagram", "Authorization Server"),
    QT_TRANSLATE_NOOP("SequenceDiagram", "Credential Issuer"),
)

_REQUEST_LABELS: Mapping[str, str] = {
    "credential offer": QT_TRANSLATE_NOOP("SequenceDiagram", "Credential offer request"),
    "issuer metadata": QT_TRANSLATE_NOOP("SequenceDiagram", "Issuer metadata request"),
    "authorization server metadata": QT_TRANSLATE_NOOP(
        "SequenceDiagram", "Authorization server metadata request"
    ),
    "pushed authorization request": QT_TRANSLATE_NOOP(
        "SequenceDiagram", "Pushed authorization request"
    ),
    "token": QT_TRANSLATE_NOOP("SequenceDiagram", "Token request"),
    "nonce": QT_TRANSLATE_NOOP("SequenceDiagram", "Nonce request"),
    "credential": QT_TRANSLATE_NOOP("SequenceDiagram", "Credential request"),
    "deferred credential": QT_TRANSLATE_NOOP("SequenceDiagram", "Deferred credential request"),
    "notification": QT_TRANSLATE_NOOP("SequenceDiagram", "Notification"),
}

_BROWSER_HOPS: Mapping[str, tuple[tuple[int, int, str], ...]] = {
    "opened": (
        (WALLET, BROWSER, QT_TRANSLATE_NOOP("SequenceDiagram", "Opens the sign-in page")),
        (BROWSER, AUTH_SERVER, QT_TRANSLATE_NOOP("SequenceDiagram", "Sign-in and consent")),
    ),
    "returned": (
        (AUTH_SERVER, BROWSER, QT_TRANSLATE_NOOP("SequenceDiagram", "Redirect with the code")),
        (BROWSER, WALLET, QT_TRANSLATE_NOOP("SequenceDiagram", "Back to the wallet")),
    ),
}

_AS_STEPS = frozenset({"authorization server metadata", "pushed authorization request", "token"})
_AS_KEYS = ("token_endpoint", "pushed_authorization_request_endpoint", "authorization_endpoint")
_ISSUER_KEYS = (
    "credential_endpoint",
    "nonce_endpoint",
    "deferred_credential_endpoint",
    "notification_endpoint",
)
_AS_PATHS = (
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
    "/token",
    "/par",
    "/as/par",
)
_DURATION_MS = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("SequenceDiagram", text)


def _bare(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


def _json_object(body: object) -> Mapping[str, object]:
    if not isinstance(body, str):
        return {}
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    return doc if isinstance(doc, Mapping) else {}


@dataclass(frozen=True, slots=True)
class _Endpoints:
    """The endpoint URLs the metadata responses in a trace name, by role."""

    auth_server: frozenset[str] = frozenset()
    issuer: frozenset[str] = frozenset()

    @classmethod
    def of(cls, exchanges: Sequence[Mapping[str, object]]) -> _Endpoints:
        auth: set[str] = set()
        issuer: set[str] = set()
        for ex in exchanges:
            step = ex.get("step")
            doc = _json_object(ex.get("response_body"))
            if step == "authorization server metadata":
                auth.update(_bare(str(doc[k])) for k in _AS_KEYS if isinstance(doc.get(k), str))
            elif step == "issuer metadata":
                issuer.update(
                    _bare(str(doc[k])) for k in _ISSUER_KEYS if isinstance(doc.get(k), str)
                )
        return cls(frozenset(auth), frozenset(issuer))


def exchange_lane(
    exchange: Mapping[str, object], exchanges: Sequence[Mapping[str, object]] = ()
) -> int:
    """The lifeline that answered ``exchange``: AUTH_SERVER or ISSUER.

    The endpoints named in the trace's metadata decide first (so a token endpoint on the
    issuer's own host still goes to the authorization server), then the protocol step, then
    the URL path.
    """
    return _lane(exchange, _Endpoints.of(exchanges))


def _lane(exchange: Mapping[str, object], ends: _Endpoints) -> int:
    url = _bare(str(exchange.get("url") or ""))
    step = str(exchange.get("step") or "")
    in_as, in_issuer = url in ends.auth_server, url in ends.issuer
    if in_as != in_issuer:
        return AUTH_SERVER if in_as else ISSUER
    if step:
        return AUTH_SERVER if step in _AS_STEPS else ISSUER
    path = urlsplit(url).path if "://" in url else url
    return AUTH_SERVER if any(path.endswith(p) for p in _AS_PATHS) else ISSUER


def request_label(exchange: Mapping[str, object]) -> str:
    """An exchange's request in plain words ("Token request")."""
    step = str(exchange.get("step") or "")
    if step in _REQUEST_LABELS:
        return _tr(_REQUEST_LABELS[step])
    path = urlsplit(str(exchange.get("url") or "")).path or "/"
    return f"{exchange.get('method') or 'GET'} {path}"


def response_label(exchange: Mapping[str, object]) -> str:
    """An exchange's answer in plain words: "200 OK", "400 invalid_grant", "No answer"."""
    status = exchange.get("status")
    if not isinstance(status, int):
        return QCoreApplication.translate("SequenceDiagram", "No answer")
    error = _json_object(exchange.get("response_body")).get("error")
    if status >= 400 and isinstance(error, str) and error:
        return f"{status} {error}"
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def is_failure(exchange: Mapping[str, object]) -> bool:
    """True when the exchange failed (no answer or an HTTP error status)."""
    status = exchange.get("status")
    return not isinstance(status, int) or status >= 400


def _is_code_token_request(exchange: Mapping[str, object]) -> bool:
    if exchange.get("step") != "token":
        return False
    body = exchange.get("request_body")
    if not isinstance(body, str):
        return False
    return dict(parse_qsl(body, keep_blank_values=True)).get("grant_type") == "authorization_code"


def _moment(exchange: Mapping[str, object]) -> float:
    started = exchange.get("started_at")
    return float(started) if isinstance(started, int | float) else 0.0


@dataclass(slots=True)
class _Row:
    """One drawn row: an exchange (request + response arrows) or a browser hop."""

    key: tuple[object, ...]
    source: int
    target: int
    label: str
    at: float
    reply: str = ""
    failed: bool = False
    #: a well-known address that was not there, followed by one that was (muted, not an error)
    probe: bool = False
    exchange_index: int | None = None
    progress: float = 1.0
    animation: QVariantAnimation | None = field(default=None, repr=False)


def reduced_motion(widget: QWidget | None = None) -> bool:
    """True when animations should not play: the application's ``reducedMotion`` property
    is set (``app.setProperty("reducedMotion", True)``), or the style gives widget
    animations no time (``SH_Widget_Animation_Duration`` 0)."""
    app = QApplication.instance()
    if app is not None and bool(app.property("reducedMotion")):
        return True
    style = widget.style() if widget is not None else QApplication.style()
    return style.styleHint(QStyle.StyleHint.SH_Widget_Animation_Duration, None, widget) <= 0


class _ArrowButton(QAbstractButton):
    """One row of the diagram; paints its arrows and takes focus like any button."""

    def __init__(self, canvas: _Canvas, row: _Row) -> None:
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
        src, dst = _tr(LANES[row.source]), _tr(LANES[row.target])
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

    def __init__(self, canvas: _Canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.canvas.paint_header(painter, self.height())
        painter.end()


class _Canvas(QWidget):
    """The drawing surface inside the scroll area: headers, lifelines and the arrow rows."""

    def __init__(self, diagram: SequenceDiagram) -> None:
        super().__init__()
        self.diagram = diagram
        self.buttons: list[_ArrowButton] = []
        self.header = _Header(self)

    # -- geometry -----------------------------------------------------------------------------
    def lane_x(self, lane: int) -> float:
        return (lane + 0.5) * self.width() / len(LANES)

    def pen_width(self) -> float:
        """Arrow thickness: grows with the type (presentation mode, a large app font)."""
        return max(2.2, self.fontMetrics().height() / 7)

    def header_height(self) -> int:
        return self.fontMetrics().height() * 3 + 16

    def row_height(self, row: _Row) -> int:
        line = self.fontMetrics().height()
        return line * 4 + 14 if row.exchange_index is not None else line * 2 + 10

    def minimum_width(self) -> int:
        fm = self.fontMetrics()
        widest = max(fm.horizontalAdvance(_tr(n).split(" ")[0]) for n in LANES)
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
    def arrow_focused(self, button: _ArrowButton) -> None:
        self.diagram.reveal(button)

    def move_focus(self, button: _ArrowButton, step: int) -> None:
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
                box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), _tr(name)
            )
            painter.setPen(QPen(line, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, box.bottom()), QPointF(x, height))

    def paint_row(self, painter: QPainter, button: _ArrowButton, row: _Row) -> None:
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


class SequenceDiagram(QWidget):
    """The flow as a sequence diagram (Wallet, Browser, Authorization Server, Credential Issuer).

    ``set_exchanges`` takes the flow's trace snapshot (``Flow.exchanges()``, one dict per
    ``Exchange.to_json``) as often as it likes; only new exchanges animate in.
    """

    #: an exchange's arrow was clicked or activated with Enter: its index in the exchanges
    exchange_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sequence diagram of the flow"))
        self._exchanges: list[Mapping[str, object]] = []
        self._browser: list[_Row] = []
        self._browser_state = ""
        self._rows: list[_Row] = []
        self._presentation = False
        self._base_point_size = 0.0
        self.animated = not reduced_motion(self)
        self.selected_row: _Row | None = None
        self.canvas = _Canvas(self)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName(self.tr("Sequence diagram"))
        self._follow_newest = False
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._reveal_newest)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.scroll_area)

    # -- public API ---------------------------------------------------------------------------
    def set_exchanges(self, exchanges: Sequence[Mapping[str, object]]) -> None:
        """Show the flow's exchanges so far (a snapshot; new ones animate in)."""
        snapshot = list(exchanges)
        old = self._exchanges
        if snapshot == old:
            return  # the flow dialog polls every 100 ms; most polls bring nothing new
        if len(snapshot) < len(old) or any(
            _moment(a) != _moment(b) or a.get("url") != b.get("url")
            for a, b in zip(old, snapshot, strict=False)
        ):
            self._browser = []  # another flow (or a restarted one): start over
            self._browser_state = ""
        self._exchanges = snapshot
        self._rebuild()

    def set_browser_state(self, state: str) -> None:
        """The browser hop: "opened" (sign-in page shown), "returned" (redirect back) or ""."""
        if state == self._browser_state or state not in _BROWSER_HOPS:
            self._browser_state = state if state in _BROWSER_HOPS or not state else ""
            return
        self._browser_state = state
        now = time.time()
        for i, (src, dst, label) in enumerate(_BROWSER_HOPS[state]):
            key: tuple[object, ...] = ("browser", state, len(self._browser))
            self._browser.append(_Row(key, src, dst, _tr(label), now + i * 1e-6))
        self._rebuild()

    def set_presentation(self, on: bool) -> None:
        """Larger type and thicker arrows for a projector."""
        if on == self._presentation:
            return
        self._presentation = on
        self._apply_font()

    # -- extras for tests and the inspector --------------------------------------------------
    def set_animated(self, on: bool) -> None:
        """Turn the arrow animation on or off (off: new arrows appear drawn)."""
        self.animated = on
        if not on:
            self.finish_animations()

    def finish_animations(self) -> None:
        """Draw every arrow in full now."""
        for row in self._rows:
            if row.animation is not None:
                row.animation.stop()
                row.animation = None
            row.progress = 1.0
        for button in self.canvas.buttons:
            button.update()

    def is_animating(self) -> bool:
        """True while an arrow is still growing."""
        return any(r.animation is not None for r in self._rows)

    def arrows(self) -> list[QAbstractButton]:
        """The rows' buttons, top to bottom (exchanges and browser hops)."""
        return list(self.canvas.buttons)

    def exchange_arrow(self, index: int) -> QAbstractButton | None:
        """The button of exchange ``index``, if it is shown."""
        return next((b for b in self.canvas.buttons if b.row.exchange_index == index), None)

    def select_exchange(self, index: int | None) -> None:
        """Mark exchange ``index`` as the one shown elsewhere (e.g. the inspector's table)."""
        button = next((b for b in self.canvas.buttons if b.row.exchange_index == index), None)
        if index is None:
            button = None
        self.selected_row = button.row if button is not None else None
        if button is not None:
            self.reveal(button)
        for b in self.canvas.buttons:
            b.update()

    def row_summary(self) -> list[tuple[str, str, str, str, bool]]:
        """(source lane, target lane, label, reply, failed) per row, top to bottom."""
        return [
            (LANES[b.row.source], LANES[b.row.target], b.row.label, b.row.reply, b.row.failed)
            for b in self.canvas.buttons
        ]

    # -- internals ----------------------------------------------------------------------------
    def reveal(self, button: QWidget) -> None:
        """Scroll so ``button`` is visible below the lifeline titles."""
        bar = self.scroll_area.verticalScrollBar()
        top = button.y() - self.canvas.header_height() - 4
        bottom = button.y() + button.height() + 4 - self.scroll_area.viewport().height()
        if top < bar.value():
            bar.setValue(max(top, 0))
        elif bottom > bar.value():
            bar.setValue(bottom)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and not self._applying_font:
            self._base_point_size = 0.0
            self._apply_font()

    _applying_font = False

    def _apply_font(self) -> None:
        if not self._base_point_size:
            self._base_point_size = self.font().pointSizeF()
            if self._base_point_size <= 0:
                self._base_point_size = QApplication.font().pointSizeF() or 10.0
        font = self.font()
        font.setPointSizeF(self._base_point_size * (1.6 if self._presentation else 1.0))
        self._applying_font = True
        try:
            self.canvas.setFont(font)
        finally:
            self._applying_font = False
        self.canvas.relayout()

    def _exchange_rows(self) -> list[_Row]:
        rows: list[_Row] = []
        ends = _Endpoints.of(self._exchanges)
        inferred_browser = not self._browser
        found = {str(ex.get("step")) for ex in self._exchanges if ex.get("status") == 200}
        for i, ex in enumerate(self._exchanges):
            at = _moment(ex)
            step = str(ex.get("step") or "")
            probe = (
                step in ("issuer metadata", "authorization server metadata")
                and ex.get("status") == 404
                and step in found
            )
            reply = response_label(ex)
            if probe:
                reply = QCoreApplication.translate(
                    "SequenceDiagram", "{answer}, tried the next address"
                ).format(answer=reply)
            if inferred_browser and _is_code_token_request(ex):
                for state in ("opened", "returned"):
                    for j, (src, dst, label) in enumerate(_BROWSER_HOPS[state]):
                        offset = (2 if state == "opened" else 1) * 1e-3 - j * 1e-4
                        rows.append(_Row(("inferred", state, j), src, dst, _tr(label), at - offset))
            rows.append(
                _Row(
                    ("exchange", i, at, ex.get("url")),
                    WALLET,
                    _lane(ex, ends),
                    request_label(ex),
                    at,
                    reply=reply,
                    failed=is_failure(ex) and not probe,
                    probe=probe,
                    exchange_index=i,
                )
            )
        return rows

    def _rebuild(self) -> None:
        rows = sorted(self._exchange_rows() + self._browser, key=lambda r: r.at)
        old = {r.key: r for r in self._rows}
        buttons = {b.row.key: b for b in self.canvas.buttons}
        kept: list[_ArrowButton] = []
        added = False
        focus = QApplication.focusWidget()
        for row in rows:
            previous = old.get(row.key)
            if previous is not None:
                row.progress, row.animation = previous.progress, previous.animation
                button = buttons.pop(row.key)
                button.row = row
                button.refresh_names()
                if previous is self.selected_row:
                    self.selected_row = row
            else:
                button = _ArrowButton(self.canvas, row)
                button.clicked.connect(lambda _=False, b=button: self._on_clicked(b))
                button.show()
                self._animate(row, button)
                added = True
            kept.append(button)
        for stale in buttons.values():
            if stale.row.animation is not None:
                stale.row.animation.stop()
                stale.row.animation = None
            if stale is focus:
                self.setFocus()
            stale.hide()
            stale.deleteLater()
        self._rows = rows
        self.canvas.buttons = kept
        previous_button: QWidget | None = None
        for button in kept:
            if previous_button is not None and button.focusPolicy() != Qt.FocusPolicy.NoFocus:
                QWidget.setTabOrder(previous_button, button)
            if button.focusPolicy() != Qt.FocusPolicy.NoFocus:
                previous_button = button
        self.canvas.relayout()
        if added:
            # once the scroll area has taken the new height (a queued layout request)
            self._follow_newest = True
            QTimer.singleShot(0, self, self._reveal_newest)

    def _reveal_newest(self, *_range: int) -> None:
        if not shiboken6.isValid(self.scroll_area):
            return  # the range changes while the widget is being destroyed
        if self._follow_newest and self.canvas.buttons:
            button = self.canvas.buttons[-1]
            self.reveal(button)
            bar = self.scroll_area.verticalScrollBar()
            if bar.value() >= bar.maximum() or button.y() + button.height() <= (
                bar.value() + self.scroll_area.viewport().height()
            ):
                self._follow_newest = False

    def _animate(self, row: _Row, button: _ArrowButton) -> None:
        if not self.animated:
            row.progress = 1.0
            return
        row.progress = 0.0
        animation = QVariantAnimation(button)  # dies with its arrow
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setDuration(_DURATION_MS)
        animation.setEasingCurve(QEasingCurve.Type.OutCubic)

        def step(value: object) -> None:
            current = button.row
            current.progress = float(value) if isinstance(value, int | float) else 1.0
            button.update()

        def done() -> None:
            button.row.progress = 1.0
            button.row.animation = None
            button.update()

        animation.valueChanged.connect(step)
        animation.finished.connect(done)
        row.animation = animation
        animation.start(QVariantAnimation.DeletionPolicy.DeleteWhenStopped)

    def _on_clicked(self, button: _ArrowButton) -> None:
        index = button.row.exchange_index
        if index is not None:
            self.exchange_activated.emit(index)
