"""One recorded HTTP exchange: its step and outcome labels, JWTs decoded, the exchanges table
model, the request/response/JWT tabs and the window that shows one exchange on its own.

Traces are stored already redacted (``oid4vci.exchange``), so what is shown here holds no
tokens, codes or credentials.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wallet_app.frozen import frozen
from wallet_app.gui.attestation_retry import jwt_provider_note
from wallet_app.gui.explorer_parts import size_to_screen
from wallet_app.gui.i18n import QT_TRANSLATE_NOOP
from wallet_app.gui.table_model import RowsTableModel
from wallet_app.gui.theme import colour
from wallet_app.text import escape_unsafe, json_text

__all__ = [
    "DecodedJwt",
    "ExchangeDetails",
    "ExchangeDialog",
    "ExchangeTableModel",
    "completed_later",
    "find_jwts",
    "outcome_label",
    "show_exchange",
    "step_label",
]

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


@frozen
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
    nested = [  # a key attestation travels inside a jwt proof's header (App. D, F.1)
        inner
        for outer in found
        for inner in find_jwts(f"{outer.where} · key_attestation", _text(outer.header))
    ]
    return found + nested


def _text(header: Mapping[str, object]) -> str | None:
    value = header.get("key_attestation")
    return value if isinstance(value, str) else None


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
        self.request_view.setPlainText(escape_unsafe(request + (f"\n\n{body}" if body else "")))
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
        self.response_view.setPlainText(escape_unsafe(response + (f"\n\n{body}" if body else "")))
        jwts = _exchange_jwts(ex)
        parts = [
            f"── {j.where}{jwt_provider_note(j.payload)} ──\n"
            f"header:\n{json_text(j.header)}\n"
            f"payload:\n{json_text(j.payload)}"
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
        from wallet_app.gui.sequence_rows import request_label, response_label

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
