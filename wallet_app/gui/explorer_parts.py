"""Pieces of the issuer explorer: the fetched-URL table model and a collapsible section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.i18n import QT_TRANSLATE_NOOP
from wallet_app.gui.table_model import RowsTableModel
from wallet_app.gui.theme import colour
from wallet_app.oid4vci.client import FetchAttempt
from wallet_app.oid4vci.models import ClaimDisplay, Display
from wallet_app.text import isolate, printable

__all__ = [
    "NO",
    "YES",
    "AttemptTableModel",
    "FittedTable",
    "Section",
    "best_display",
    "breakable",
    "claim_path_text",
    "labels_text",
    "locales_text",
    "size_to_screen",
]

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
    """The display in the first matching locale (else the first with a name), its name
    printable: no control or bidi override character of the issuer's reaches a title."""
    for tag in locales:
        for d in displays:
            if d.name and d.locale and d.locale.lower().split("-")[0] == tag.lower().split("-")[0]:
                return replace(d, name=printable(d.name))
    first = next((d for d in displays if d.name), None)
    return replace(first, name=printable(first.name or "")) if first is not None else None


def labels_text(displays: Sequence[ClaimDisplay]) -> str:
    """Each named label as "name (locale)", the names bidi isolated, joined by "; "."""
    return "; ".join(f"{isolate(d.name)} ({d.locale or '—'})" for d in displays if d.name)


def locales_text(displays: Sequence[Display]) -> str:
    return printable(
        "\n".join(f"{d.locale or '—'}: {d.name}" for d in displays if d.name) or "—", limit=20_000
    )


class Section(QWidget):
    """A titled section that expands and collapses; ``action`` sits in its title row, so it
    stays visible (and one Tab away) while the section is collapsed."""

    def __init__(
        self,
        title: str,
        body: QWidget,
        *,
        expanded: bool = False,
        action: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setAccessibleName(title)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(expanded)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.body = body
        self.action = action
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.toggle, 1, Qt.AlignmentFlag.AlignLeft)
        if action is not None:
            head.addWidget(action, 0, Qt.AlignmentFlag.AlignRight)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        box.addLayout(head)
        box.addWidget(body)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self._on_toggle_toggled(expanded)

    def _on_toggle_toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.body.setVisible(on)


def claim_path_text(path: Sequence[object]) -> str:
    """A claim path as ``address.street_address`` (``*`` for every array element)."""
    return ".".join("*" if p is None else str(p) for p in path)


def breakable(text: str, after: str = "._") -> str:
    """``text`` with a line-break opportunity after each character of ``after`` (long claim
    paths such as ``org.iso.18013.5.1.driving_privileges.*.vehicle_category_code`` or URLs,
    with ``"/"``, wrap instead of being cut)."""
    for char in after:
        text = text.replace(char, char + "\u200b")
    return text


class FittedTable(QTableWidget):
    """A table as tall as all its rows: it never scrolls inside the page that scrolls, and
    its rows grow whenever its width changes, so wrapped text is never cut."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._fit_pending = False
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)

    def fit_rows(self) -> None:
        """Size every row to its wrapped text and the table to every row."""
        self.resizeRowsToContents()
        height = self.verticalHeader().length() + self.horizontalHeader().height()
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)

    def _on_section_resized(self, *_args: int) -> None:
        self._fit_later()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_later()

    def _fit_later(self) -> None:
        """Fit once the header has laid out its sections for the new width (it does so after
        the resize event, in a queued layout pass)."""
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_now)

    def _fit_now(self) -> None:
        self._fit_pending = False
        self.fit_rows()


def size_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less: never past the available screen."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - 40)
        height = min(height, area.height() - 60)
    window.resize(max(width, 320), max(height, 240))
