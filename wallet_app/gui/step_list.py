"""The step list of an issuance flow: one row per protocol step with status and time.

A running step's time ticks every second ("0:12"), so a step that waits for a person (the
sign-in in the browser) never looks frozen.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from wallet_app.gui.theme import RoleName, colour

__all__ = ["StepList", "format_elapsed"]

_GLYPHS = {
    "waiting": "○",
    "running": "◔",
    "done": "✓",
    "failed": "✗",
    "declined": "⊘",
    "skipped": "–",
}
#: status → theme role of its text colour (the rest follow the palette)
_ROLES: dict[str, RoleName] = {"done": "success_text", "failed": "error_text"}


class StepList(QTreeWidget):
    """Protocol steps with status and elapsed time, one row each."""

    def __init__(self, steps: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Step"), self.tr("Status"), self.tr("Time")])
        self.setRootIsDecorated(False)
        self.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Protocol steps"))
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # status and time get the width of their widest possible text up front (in the UI
        # language), so a longer word later ("Läuft…", "Fehlgeschlagen") is never clipped
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, self.status_width())
        header.resizeSection(2, self.time_width())
        self._items: dict[str, QTreeWidgetItem] = {}
        #: when each running step started (time.monotonic), for the ticking time column
        self._started: dict[str, float] = {}
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may tick early
        self._ticker.timeout.connect(self._tick)
        for key in steps:
            item = QTreeWidgetItem([self.step_label(key), "", ""])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.addTopLevelItem(item)
            self._items[key] = item
            self.set_step(key, "waiting", 0.0)
        rows = max(1, len(steps))
        height = self.sizeHintForRow(0) * rows + header.sizeHint().height() + 2 * self.frameWidth()
        self.setFixedHeight(height + 4)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def step_label(self, key: str) -> str:
        """The translated name of a step."""
        labels = {
            "metadata": self.tr("Issuer metadata"),
            "authorization": self.tr("Sign-in (authorization)"),
            "token": self.tr("Access token"),
            "nonce": self.tr("Nonce"),
            "credential": self.tr("Credential"),
            "notification": self.tr("Notification"),
        }
        return labels.get(key, key)

    def status_text(self, status: str) -> str:
        """The translated word for a step status."""
        words = {
            "waiting": self.tr("Waiting"),
            "running": self.tr("Running…"),
            "done": self.tr("Done"),
            "failed": self.tr("Failed"),
            "declined": self.tr("Declined"),
            "skipped": self.tr("Skipped"),
        }
        return words.get(status, status)

    def _column_width(self, texts: Sequence[str], column: int) -> int:
        metrics = self.fontMetrics()
        header = self.headerItem().text(column)
        widest = max(metrics.horizontalAdvance(t) for t in [*texts, header])
        # the item's margins and, for glyphs drawn from a fallback font, one wide character
        return (
            widest
            + metrics.horizontalAdvance("M")
            + 3 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin)
            + 12
        )

    def status_width(self) -> int:
        """The status column's width: the widest status word with its glyph."""
        return self._column_width(
            [f"{glyph} {self.status_text(status)}" for status, glyph in _GLYPHS.items()], 1
        )

    def time_width(self) -> int:
        """The time column's width: the widest time it shows."""
        return self._column_width(["9999 ms", "999.9 s", "59:59"], 2)

    def set_step(self, key: str, status: str, ms: float) -> None:
        """Show ``status`` and ``ms`` (0: no time) for step ``key``; unknown keys are ignored."""
        item = self._items.get(key)
        if item is None:
            return
        item.setText(1, f"{_GLYPHS.get(status, '')} {self.status_text(status)}")
        item.setData(1, Qt.ItemDataRole.UserRole, status)
        if status == "running":
            self._started.setdefault(key, time.monotonic())
            if not self._ticker.isActive():
                self._ticker.start()
            self._show_elapsed(key, item)
        else:
            self._started.pop(key, None)
            item.setText(2, _format_ms(ms) if ms > 0 else "")
            if not self._started:
                self._ticker.stop()
        role = _ROLES.get(status)
        palette = self.palette()
        if role is not None:
            item.setForeground(1, QColor(colour(role, palette)))
        elif status in ("waiting", "skipped"):
            item.setForeground(1, palette.color(QPalette.ColorRole.PlaceholderText))
        else:
            item.setForeground(1, palette.color(QPalette.ColorRole.Text))

    def _show_elapsed(self, key: str, item: QTreeWidgetItem) -> None:
        seconds = round(time.monotonic() - self._started[key])
        item.setText(2, format_elapsed(seconds) if seconds > 0 else "")

    def _tick(self) -> None:
        for key in self._started:
            self._show_elapsed(key, self._items[key])

    def time_text(self, key: str) -> str:
        """The time column of ``key`` as shown ("" for an unknown step)."""
        item = self._items.get(key)
        return item.text(2) if item is not None else ""

    def reset(self) -> None:
        """Every row back to "waiting" without a time."""
        for key in self._items:
            self.set_step(key, "waiting", 0.0)

    def status_of(self, key: str) -> str:
        """The status shown for ``key`` ("" for an unknown step)."""
        item = self._items.get(key)
        return str(item.data(1, Qt.ItemDataRole.UserRole)) if item is not None else ""


def format_elapsed(seconds: int) -> str:
    """Whole seconds as minutes:seconds ("0:07", "12:30")."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _format_ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 10_000 else f"{ms / 1000:.1f} s"
