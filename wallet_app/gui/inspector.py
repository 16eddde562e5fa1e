"""Protocol inspector: the recorded HTTP exchanges of every flow, JWTs decoded, export as JSON.

Traces are stored already redacted (``oid4vci.exchange``), so what is shown here holds no
tokens, codes or credentials.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFontDatabase, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
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
from wallet_app.gui.explorer_parts import size_to_screen
from wallet_app.gui.i18n import QT_TRANSLATE_NOOP
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.gui.table_model import RowsTableModel
from wallet_app.gui.theme import colour
from wallet_app.wallet.store import HistoryEntry

__all__ = [
    "DecodedJwt",
    "ExchangeDetails",
    "ExchangeTableModel",
    "InspectorWindow",
    "find_jwts",
    "open_inspector",
    "show_exchange",
]

log = logging.getLogger(__name__)

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")
_Index = QModelIndex | QPersistentModelIndex

# The names a trace gives its steps (oid4vci.client) and a flow's outcomes, for lupdate; shown
# through step_label / outcome_label (anything else is shown as it is).
_WORDS = (
    QT_TRANSLATE_NOOP("ProtocolStep", "credential offer"),
    QT_TRANSLATE_NOOP("ProtocolStep", "issuer metadata"),
    QT_TRANSLATE_NOOP("ProtocolStep", "authorization server metadata"),
    QT_TRANSLATE_NOOP("ProtocolStep", "pushed authorization request"),
    QT_TRANSLATE_NOOP("ProtocolStep", "token"),
    QT_TRANSLATE_NOOP("ProtocolStep", "nonce"),
    QT_TRANSLATE_NOOP("ProtocolStep", "credential"),
    QT_TRANSLATE_NOOP("ProtocolStep", "deferred credential"),
    QT_TRANSLATE_NOOP("ProtocolStep", "notification"),
    QT_TRANSLATE_NOOP("FlowOutcome", "issued"),
    QT_TRANSLATE_NOOP("FlowOutcome", "deferred"),
    QT_TRANSLATE_NOOP("FlowOutcome", "failed"),
    QT_TRANSLATE_NOOP("FlowOutcome", "cancelled"),
    QT_TRANSLATE_NOOP("FlowOutcome", "deleted"),
)


def step_label(step: str) -> str:
    """A protocol step's name in the UI language."""
    return QCoreApplication.translate("ProtocolStep", step) if step else step


def outcome_label(outcome: str) -> str:
    """A flow's outcome in the UI language."""
    return QCoreApplication.translate("FlowOutcome", outcome) if outcome else outcome


def completed_later(trace: Sequence[Mapping[str, object]]) -> bool:
    """True when the flow was deferred and polled (its trace has deferred requests)."""
    return any(ex.get("step") == "deferred credential" for ex in trace)


@dataclass(frozen=True, slots=True)
class DecodedJwt:
    """A JWT found in a header or body: where, its header and payload (signature not checked)."""

    where: str
    header: Mapping[str, object]
    payload: Mapping[str, object] | None


def _b64json(part: str) -> Mapping[str, object] | None:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        doc = json.loads(raw)
    except (binascii.Error, ValueError, RecursionError):
        return None
    return doc if isinstance(doc, Mapping) else None


def find_jwts(where: str, text: str | None) -> list[DecodedJwt]:
    """Every compact JWS in ``text`` whose header decodes to JSON (DPoP and key proofs, ...).

    Raises nothing.
    """
    found: list[DecodedJwt] = []
    for match in _JWT.finditer(text or ""):
        head, payload, _sig = match.group(0).split(".")
        header = _b64json(head)
        if header is not None:
            found.append(DecodedJwt(where, header, _b64json(payload)))
    return found


def _exchange_jwts(exchange: Mapping[str, object]) -> list[DecodedJwt]:
    found: list[DecodedJwt] = []
    for side in ("request", "response"):
        headers = exchange.get(f"{side}_headers")
        if isinstance(headers, Mapping):
            for name, value in headers.items():
                found += find_jwts(f"{side} header {name}", str(value))
        body = exchange.get(f"{side}_body")
        found += find_jwts(f"{side} body", body if isinstance(body, str) else None)
    return found


class ExchangeTableModel(RowsTableModel[Mapping[str, object]]):
    """The exchanges of one flow: step, method, URL, status, time."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ExchangeTableModel", "Step"),
        QT_TRANSLATE_NOOP("ExchangeTableModel", "Method"),
        QT_TRANSLATE_NOOP("ExchangeTableModel", "URL"),
        QT_TRANSLATE_NOOP("ExchangeTableModel", "Status"),
        QT_TRANSLATE_NOOP("ExchangeTableModel", "Time (ms)"),
    )

    def set_exchanges(self, rows: Sequence[Mapping[str, object]]) -> None:
        """Replace the rows."""
        self.set_rows(rows)

    def exchange(self, row: int) -> Mapping[str, object]:
        """The exchange shown in ``row``."""
        return self.row_value(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ex = self._rows[index.row()]
        col = index.column()
        status = ex.get("status")
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 3:
                return str(status) if isinstance(status, int) else self.tr("failed")
            if col == 4:
                ms = ex.get("duration_ms")
                return f"{ms:.0f}" if isinstance(ms, int | float) else ""
            if col == 0:
                return step_label(str(ex.get("step") or ""))
            return str(ex.get(("step", "method", "url")[col]) or "") if col < 3 else None
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return str(ex.get("url") or "")
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(_status_colour(status if isinstance(status, int) else None))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _status_colour(status: int | None) -> str:
    if status is None or status >= 500:
        return colour("error_text")
    if status >= 400:
        return colour("warning_text")
    return colour("success_text" if status < 300 else "info_text")


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


def _pretty(body: object, headers: object) -> str:
    """JSON indented, forms one ``name = value`` per line, anything else as it is."""
    if not isinstance(body, str):
        return ""
    ctype = ""
    if isinstance(headers, Mapping):
        ctype = next((str(v) for k, v in headers.items() if str(k).lower() == "content-type"), "")
    if ctype.startswith("application/x-www-form-urlencoded"):
        return "\n".join(f"{k} = {v}" for k, v in parse_qsl(body, keep_blank_values=True))
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return body


def _headers_text(headers: object) -> str:
    if not isinstance(headers, Mapping):
        return ""
    return "\n".join(f"{k}: {v}" for k, v in headers.items())


class ExchangeDetails(QTabWidget):
    """One exchange: the request, the response and the JWTs found in them (as stored).

    Its texts keep the inspector's translation context (they were the inspector's own).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Exchange details"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.request_view, self.response_view, self.jwt_view = (
            QPlainTextEdit(),
            QPlainTextEdit(),
            QPlainTextEdit(),
        )
        for view, title in (
            (self.request_view, QCoreApplication.translate("InspectorWindow", "Request")),
            (self.response_view, QCoreApplication.translate("InspectorWindow", "Response")),
            (self.jwt_view, QCoreApplication.translate("InspectorWindow", "Decoded JWTs")),
        ):
            view.setReadOnly(True)
            view.setFont(mono)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            view.setAccessibleName(title)
            self.addTab(view, title)

    def show_exchange(self, ex: Mapping[str, object] | None) -> None:
        """Show ``ex`` (None: clear)."""
        if ex is None:
            for view in (self.request_view, self.response_view, self.jwt_view):
                view.clear()
            return
        request = f"{ex.get('method')} {ex.get('url')}\n{_headers_text(ex.get('request_headers'))}"
        body = _pretty(ex.get("request_body"), ex.get("request_headers"))
        self.request_view.setPlainText(request + (f"\n\n{body}" if body else ""))
        status = ex.get("status")
        first = (
            f"HTTP {status}"
            if status is not None
            else QCoreApplication.translate("InspectorWindow", "Failed: {error}").format(
                error=ex.get("error")
            )
        )
        response = f"{first}\n{_headers_text(ex.get('response_headers'))}"
        body = _pretty(ex.get("response_body"), ex.get("response_headers"))
        self.response_view.setPlainText(response + (f"\n\n{body}" if body else ""))
        jwts = _exchange_jwts(ex)
        parts = [
            f"── {j.where} ──\nheader:\n{json.dumps(j.header, indent=2, ensure_ascii=False)}\n"
            f"payload:\n{json.dumps(j.payload, indent=2, ensure_ascii=False)}"
            for j in jwts
        ]
        self.jwt_view.setPlainText(
            "\n\n".join(parts)
            or QCoreApplication.translate("InspectorWindow", "No JWTs in this exchange.")
        )
        self.setTabText(
            2,
            QCoreApplication.translate("InspectorWindow", "Decoded JWTs ({count})").format(
                count=len(jwts)
            ),
        )


class ExchangeDialog(QDialog):
    """One exchange in a window of its own (opened from a sequence diagram's arrow)."""

    def __init__(self, exchange: Mapping[str, object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from wallet_app.gui.sequence_diagram import request_label, response_label

        title = self.tr("{request} — {response}").format(
            request=request_label(exchange), response=response_label(exchange)
        )
        self.setWindowTitle(title)
        heading = QLabel(f"{exchange.get('method') or ''} {exchange.get('url') or ''}")
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = ExchangeDetails()
        self.details.show_exchange(exchange)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(heading)
        box.addWidget(self.details, 1)
        box.addWidget(buttons)
        size_to_screen(self, 860, 620)


def show_exchange(exchange: Mapping[str, object], parent: QWidget | None) -> QWidget:
    """Open one exchange (request, response, decoded JWTs; redacted as stored) in a window;
    Escape closes it. Returns the window."""
    dialog = ExchangeDialog(exchange, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog


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
        from wallet_app.gui.credential_model import local_date

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
        self.status.setText(text)
        if trace:
            self.table.selectRow(0)
        else:
            self._show_exchange(None)

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
