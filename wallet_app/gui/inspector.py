"""Protocol inspector: the recorded HTTP exchanges of every flow, JWTs decoded, export as JSON.

Traces are stored already redacted (``oid4vci.exchange``), so what is shown here holds no
tokens, codes or credentials. One exchange's views are in ``exchange_view``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import WalletError
from wallet_app.gui.context import GuiContext
from wallet_app.gui.exchange_view import (
    ExchangeDetails,
    ExchangeTableModel,
    completed_later,
    outcome_label,
)
from wallet_app.gui.explorer_parts import size_to_screen
from wallet_app.gui.lint_view import FindingsTable
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.wallet.store import HistoryEntry

__all__ = ["InspectorWindow", "open_inspector"]

log = logging.getLogger(__name__)


def _outcome_icon(widget: QWidget, outcome: str) -> QIcon:
    pixmaps = {
        "issued": QStyle.StandardPixmap.SP_DialogApplyButton,
        "deferred": QStyle.StandardPixmap.SP_BrowserReload,
        "failed": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "cancelled": QStyle.StandardPixmap.SP_DialogCancelButton,
        "deleted": QStyle.StandardPixmap.SP_TrashIcon,
    }
    return widget.style().standardIcon(
        pixmaps.get(outcome, QStyle.StandardPixmap.SP_MessageBoxInformation)
    )


def open_inspector(ctx: GuiContext, flow_id: str | None, parent: QWidget | None) -> InspectorWindow:
    """Open the protocol inspector on ``flow_id`` (None: the newest flow); returns its window."""
    window = InspectorWindow(ctx, flow_id, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.raise_()
    return window


class InspectorWindow(QMainWindow):
    """History of flows │ their HTTP exchanges (table or sequence diagram) │ one exchange."""

    def __init__(self, ctx: GuiContext, flow_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window)
        from wallet_app.gui.sequence_diagram import SequenceDiagram

        self.ctx = ctx
        self.setWindowTitle(self.tr("Protocol inspector"))
        size_to_screen(self, 1200, 720)
        self._history: list[HistoryEntry] = []
        self._trace: list[Mapping[str, object]] = []
        self.current_flow: str | None = None

        self.history_list = QListWidget()
        self.history_list.setAccessibleName(self.tr("Flows"))
        self.history_list.setWordWrap(True)
        self.history_list.currentRowChanged.connect(self._on_history_row_changed)
        self.model = ExchangeTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("HTTP exchanges"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._on_exchange_changed)

        self.diagram = SequenceDiagram()
        self.diagram.set_animated(False)  # a recorded flow: drawn at once
        self.diagram.exchange_activated.connect(self.select_exchange)
        self.views = QTabWidget()
        self.views.setAccessibleName(self.tr("Exchanges or sequence"))
        self.views.addTab(self.table, self.tr("Exchanges"))
        self.views.addTab(self.diagram, self.tr("Sequence"))
        # the issuer lint over this flow's responses, beside its exchanges
        self.findings = FindingsTable()
        self.findings.exchange_activated.connect(self._on_finding_activated)
        self.views.addTab(self.findings, self.tr("Lint findings"))

        self.details = ExchangeDetails()
        self.request_view = self.details.request_view
        self.response_view = self.details.response_view
        self.jwt_view = self.details.jwt_view

        self.export_button = QPushButton(self.tr("Export JSON…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.views)
        right.addWidget(self.details)
        right.setSizes([400, 300])
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        flows_label = QLabel(self.tr("Flows"))
        flows_label.setBuddy(self.history_list)
        left_box.addWidget(flows_label)
        left_box.addWidget(self.history_list)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 860])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        central = QWidget()
        box = QVBoxLayout(central)
        box.addWidget(splitter, 1)
        box.addLayout(bottom)
        self.setCentralWidget(central)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.setContext(Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)

        ctx.events.flow_recorded.connect(self._on_flow_recorded)
        ctx.events.credentials_changed.connect(self._on_credentials_changed)
        self.refresh(select=flow_id)

    # -- loading ------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Reload the history; select ``select`` (else keep the current flow, else the newest)."""
        from wallet_app.gui.card_text import local_date

        wanted = select or self.current_flow
        try:
            self._history = self.ctx.store.list_history()
        except WalletError as exc:
            self.status.setText(user_text(exc))
            return
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for entry in self._history:
            when = local_date(entry.at, with_time=True)
            summary = sentence_text(entry.summary) if entry.summary else entry.kind
            outcome = outcome_label(entry.outcome)
            text = f"{summary}\n{entry.issuer}\n{when} · {outcome}"
            item = QListWidgetItem(_outcome_icon(self, entry.outcome), text)
            item.setData(Qt.ItemDataRole.UserRole, entry.flow_id)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{summary}, {entry.issuer}, {when}, {outcome}"
            )
            item.setToolTip(f"{summary}\n{entry.flow_id}")
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        ids = [e.flow_id for e in self._history]
        row = ids.index(wanted) if wanted in ids else (0 if ids else -1)
        self.history_list.setCurrentRow(row)
        self._load_flow(ids[row] if row >= 0 else None)
        self.export_button.setEnabled(self.current_flow is not None)
        if not ids:
            self.status.setText(self.tr("No flows recorded yet. Receive a credential first."))

    def _load_flow(self, flow_id: str | None) -> None:
        self.current_flow = flow_id
        trace: list[Mapping[str, object]] = []
        if flow_id is not None:
            try:
                trace = self.ctx.store.get_trace(flow_id)
            except WalletError as exc:
                self.status.setText(user_text(exc))
        self._trace = trace
        self.model.set_exchanges(trace)
        self.diagram.set_exchanges([])  # another flow: no arrows kept from the last one
        self.diagram.set_exchanges(trace)
        entry = next((e for e in self._history if e.flow_id == flow_id), None)
        text = self.tr("{count} HTTP exchanges").format(count=len(trace)) if flow_id else ""
        if entry is not None and completed_later(trace):
            text += " · " + (
                self.tr("deferred, then issued")
                if entry.outcome == "issued"
                else self.tr("deferred, polled later")
            )
        steps = {ex.get("step") for ex in trace}
        if trace and "issuer metadata" not in steps and "credential" in steps:
            text += " · " + self.tr("issuer metadata taken from the wallet's cache (no request)")
        dialect = next((d for ex in trace if isinstance(d := ex.get("dialect"), Mapping)), None)
        if dialect is not None:
            text += " · " + self._dialect_text(dialect)
        self.status.setText(text)
        self._show_findings(trace)
        if trace:
            self.table.selectRow(0)
        else:
            self._show_exchange(None)

    def _show_findings(self, trace: list[Mapping[str, object]]) -> None:
        from wallet_app.wallet.lint import sort_findings
        from wallet_app.wallet.lint_responses import lint_exchanges

        findings = sort_findings(lint_exchanges(trace))
        self.findings.set_findings(
            findings,
            note=self.tr("Double-click a finding to see its exchange.") if findings else "",
        )
        errors = sum(1 for f in findings if f.severity == "error")
        label = self.tr("Lint findings ({count})").format(count=len(findings))
        self.views.setTabText(self.views.indexOf(self.findings), label)
        self.views.setTabToolTip(
            self.views.indexOf(self.findings),
            self.tr("{errors} errors in this flow's responses").format(errors=errors),
        )

    def _on_finding_activated(self, index: int) -> None:
        self.views.setCurrentWidget(self.table)
        self.select_exchange(index)

    def _dialect_text(self, dialect: Mapping[str, object]) -> str:
        """The status line's note of the draft the flow spoke: detected, or the profile's."""
        draft = str(dialect.get("draft"))
        name = self.tr("OID4VCI 1.0") if draft == "1.0" else self.tr("draft {n}").format(n=draft)
        if dialect.get("source") == "profile":
            return self.tr("dialect: {name} (profile override)").format(name=name)
        return self.tr("dialect: {name} (detected from the metadata)").format(name=name)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.reload_trace()

    def reload_trace(self) -> None:
        """Show exchanges added to the current flow since it was loaded (a notification sent
        after the flow was stored, a deferred poll), keeping the selected exchange."""
        if self.current_flow is None:
            return
        try:
            trace = self.ctx.store.get_trace(self.current_flow)
        except WalletError:
            return
        if len(trace) != len(self._trace):
            row = self.table.currentIndex().row()
            self._load_flow(self.current_flow)
            if 0 <= row < len(trace):
                self.table.selectRow(row)

    def _on_history_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._history):
            self._load_flow(self._history[row].flow_id)
            self.export_button.setEnabled(True)

    def _on_flow_recorded(self, flow_id: str) -> None:
        self.refresh(select=flow_id)

    def _on_credentials_changed(self) -> None:
        # a deferred credential arrived: its flow's outcome and trace changed
        self.refresh()

    def select_exchange(self, index: int) -> None:
        """Select exchange ``index`` of the current flow (table, diagram and details)."""
        if 0 <= index < self.model.rowCount():
            self.table.selectRow(index)

    def _on_exchange_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else None
        self.diagram.select_exchange(row)
        self._show_exchange(self.model.exchange(row) if row is not None else None)

    def _show_exchange(self, ex: Mapping[str, object] | None) -> None:
        self.details.show_exchange(ex)

    # -- export -------------------------------------------------------------------------------
    def export_trace(self, path: Path) -> None:
        """Write the current flow's trace (already redacted) as JSON. Raises OSError."""
        entry = next((e for e in self._history if e.flow_id == self.current_flow), None)
        doc = {
            "flow_id": self.current_flow,
            "kind": entry.kind if entry else None,
            "issuer": entry.issuer if entry else None,
            "outcome": entry.outcome if entry else None,
            "at": entry.at if entry else None,
            "summary": entry.summary if entry else None,
            "exchanges": [dict(e) for e in self._trace],
            "findings": [f.to_json() for f in self.findings.findings],  # the issuer lint's
        }
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def _on_export_clicked(self) -> None:
        if self.current_flow is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export flow trace"),
            f"wallet-flow-{self.current_flow[:8]}.json",
            self.tr("JSON files (*.json)"),
        )
        if not name:
            return
        try:
            self.export_trace(Path(name))
        except OSError as exc:
            log.warning("export failed: %s", exc)
            self.status.setText(self.tr("The trace could not be saved: {error}").format(error=exc))
            return
        self.status.setText(self.tr("Saved to {path}").format(path=name))
