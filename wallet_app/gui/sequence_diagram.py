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

import time
from collections.abc import Mapping, Sequence

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QEvent,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
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

from wallet_app.gui.sequence_canvas import ArrowButton, Canvas
from wallet_app.gui.sequence_rows import (
    BROWSER_HOPS,
    LANES,
    WALLET,
    Endpoints,
    Row,
    answering_lane,
    is_code_token_request,
    is_failure,
    moment,
    request_label,
    response_label,
    translate,
)

__all__ = ["SequenceDiagram", "reduced_motion"]

_DURATION_MS = 300


def reduced_motion(widget: QWidget | None = None) -> bool:
    """True when animations should not play: the application's ``reducedMotion`` property
    is set (``app.setProperty("reducedMotion", True)``), or the style gives widget
    animations no time (``SH_Widget_Animation_Duration`` 0)."""
    app = QApplication.instance()
    if app is not None and bool(app.property("reducedMotion")):
        return True
    style = widget.style() if widget is not None else QApplication.style()
    return style.styleHint(QStyle.StyleHint.SH_Widget_Animation_Duration, None, widget) <= 0


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
        self._browser: list[Row] = []
        self._browser_state = ""
        self._rows: list[Row] = []
        self._presentation = False
        self._base_point_size = 0.0
        self.animated = not reduced_motion(self)
        self.selected_row: Row | None = None
        self.canvas = Canvas(self)
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
            moment(a) != moment(b) or a.get("url") != b.get("url")
            for a, b in zip(old, snapshot, strict=False)
        ):
            self._browser = []  # another flow (or a restarted one): start over
            self._browser_state = ""
        self._exchanges = snapshot
        self._rebuild()

    def set_browser_state(self, state: str) -> None:
        """The browser hop: "opened" (sign-in page shown), "returned" (redirect back) or ""."""
        if state == self._browser_state or state not in BROWSER_HOPS:
            self._browser_state = state if state in BROWSER_HOPS or not state else ""
            return
        self._browser_state = state
        now = time.time()
        for i, (src, dst, label) in enumerate(BROWSER_HOPS[state]):
            key: tuple[object, ...] = ("browser", state, len(self._browser))
            self._browser.append(Row(key, src, dst, translate(label), now + i * 1e-6))
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

    def _exchange_rows(self) -> list[Row]:
        rows: list[Row] = []
        ends = Endpoints.of(self._exchanges)
        inferred_browser = not self._browser
        found = {str(ex.get("step")) for ex in self._exchanges if ex.get("status") == 200}
        for i, ex in enumerate(self._exchanges):
            at = moment(ex)
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
            if inferred_browser and is_code_token_request(ex):
                for state in ("opened", "returned"):
                    for j, (src, dst, label) in enumerate(BROWSER_HOPS[state]):
                        offset = (2 if state == "opened" else 1) * 1e-3 - j * 1e-4
                        rows.append(
                            Row(("inferred", state, j), src, dst, translate(label), at - offset)
                        )
            rows.append(
                Row(
                    ("exchange", i, at, ex.get("url")),
                    WALLET,
                    answering_lane(ex, ends),
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
        kept: list[ArrowButton] = []
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
                button = ArrowButton(self.canvas, row)
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

    def _animate(self, row: Row, button: ArrowButton) -> None:
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

    def _on_clicked(self, button: ArrowButton) -> None:
        index = button.row.exchange_index
        if index is not None:
            self.exchange_activated.emit(index)
