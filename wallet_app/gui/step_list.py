"""The step list of an issuance flow: one row per protocol step with status and time."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

__all__ = ["FAILED_COLOR", "StepList"]

_GLYPHS = {"waiting": "○", "running": "◔", "done": "✓", "failed": "✗", "skipped": "–"}
_COLORS = {"done": "#2e7d32", "failed": "#c62828"}
FAILED_COLOR = _COLORS["failed"]


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
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._items: dict[str, QTreeWidgetItem] = {}
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
            "skipped": self.tr("Skipped"),
        }
        return words.get(status, status)

    def set_step(self, key: str, status: str, ms: float) -> None:
        """Show ``status`` and ``ms`` (0: no time) for step ``key``; unknown keys are ignored."""
        item = self._items.get(key)
        if item is None:
            return
        item.setText(1, f"{_GLYPHS.get(status, '')} {self.status_text(status)}")
        item.setData(1, Qt.ItemDataRole.UserRole, status)
        item.setText(2, _format_ms(ms) if ms > 0 else "")
        color = _COLORS.get(status)
        palette = self.palette()
        if color is not None:
            item.setForeground(1, QColor(color))
        elif status in ("waiting", "skipped"):
            item.setForeground(1, palette.color(QPalette.ColorRole.PlaceholderText))
        else:
            item.setForeground(1, palette.color(QPalette.ColorRole.Text))

    def reset(self) -> None:
        """Every row back to "waiting" without a time."""
        for key in self._items:
            self.set_step(key, "waiting", 0.0)

    def status_of(self, key: str) -> str:
        """The status shown for ``key`` ("" for an unknown step)."""
        item = self._items.get(key)
        return str(item.data(1, Qt.ItemDataRole.UserRole)) if item is not None else ""


def _format_ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 10_000 else f"{ms / 1000:.1f} s"
