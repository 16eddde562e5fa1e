"""Pieces of the issuer explorer: the fetched-URL table model and a collapsible section."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from wallet_app.gui.i18n import QT_TRANSLATE_NOOP
from wallet_app.gui.table_model import RowsTableModel
from wallet_app.gui.theme import colour
from wallet_app.oid4vci.client import FetchAttempt
from wallet_app.oid4vci.models import Display

__all__ = ["NO", "YES", "AttemptTableModel", "Section", "best_display", "locales_text"]

_Index = QModelIndex | QPersistentModelIndex
YES, NO = "✓", "✗"


class AttemptTableModel(RowsTableModel[tuple[str, FetchAttempt]]):
    """Every URL fetched during exploration, with its status (colour-coded)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AttemptTableModel", "Status"),
        QT_TRANSLATE_NOOP("AttemptTableModel", "Document"),
        QT_TRANSLATE_NOOP("AttemptTableModel", "URL"),
        QT_TRANSLATE_NOOP("AttemptTableModel", "Outcome"),
    )

    def set_attempts(self, rows: Sequence[tuple[str, FetchAttempt]]) -> None:
        """Replace the rows: (role, attempt)."""
        self.set_rows(rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        role_name, attempt = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            doc = self.tr("issuer") if role_name == "issuer" else self.tr("authorization server")
            values = (str(attempt.status or "—"), doc, attempt.url, attempt.outcome)
            return values[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            status = attempt.status
            ok = status is not None and 200 <= status < 300
            return QColor(
                colour("success_text" if ok else "warning_text" if status else "error_text")
            )
        return None


def best_display(displays: Sequence[Display], locales: Sequence[str]) -> Display | None:
    for tag in locales:
        for d in displays:
            if d.name and d.locale and d.locale.lower().split("-")[0] == tag.lower().split("-")[0]:
                return d
    return next((d for d in displays if d.name), None)


def locales_text(displays: Sequence[Display]) -> str:
    return "\n".join(f"{d.locale or '—'}: {d.name}" for d in displays if d.name) or "—"


class Section(QWidget):
    """A titled section that expands and collapses."""

    def __init__(self, title: str, body: QWidget, *, expanded: bool = False) -> None:
        super().__init__()
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(expanded)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.body = body
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        box.addWidget(self.toggle)
        box.addWidget(body)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self._on_toggle_toggled(expanded)

    def _on_toggle_toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.body.setVisible(on)
