"""The issuer lint's findings in the GUI: a table (severity, check, spec section, what was
found, where) for the explorer, with a button that probes the issuer's responses, and for
the protocol inspector, where a finding about an exchange selects that exchange."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import WalletError
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.gui.theme import RoleName, colour
from wallet_app.wallet.lint import Finding

if TYPE_CHECKING:
    from wallet_app.gui.context import GuiContext
    from wallet_app.wallet.explore import IssuerReport

__all__ = ["ExplorerFindings", "FindingsTable", "add_explorer_findings"]

log = logging.getLogger(__name__)

_COLOURS: Mapping[str, RoleName] = MappingProxyType(
    {"error": "error_text", "warning": "warning_text", "info": "info_text"}
)


class FindingsTable(QWidget):
    """A summary line over the findings table. ``exchange_activated(index)``: a finding
    about exchange ``index`` of a flow's trace was double-clicked (or Enter pressed)."""

    exchange_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(self.tr("Lint findings"))
        self.table.setHorizontalHeaderLabels([self.tr("Severity"), self.tr("Finding")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.cellActivated.connect(self._on_activated)
        self.table.cellDoubleClicked.connect(self._on_activated)
        self.top = QHBoxLayout()
        self.top.addWidget(self.summary, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.top)
        box.addWidget(self.table, 1)
        self.set_findings([])

    def severity_text(self, severity: str) -> str:
        """The severity in the UI language."""
        return {
            "error": self.tr("Error"),
            "warning": self.tr("Warning"),
            "info": self.tr("Info"),
        }.get(severity, severity)

    def set_findings(self, findings: Sequence[Finding], *, note: str = "") -> None:
        """Show ``findings`` (already sorted); ``note`` is added to the summary line."""
        self.findings = list(findings)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in _COLOURS}
        if findings:
            text = self.tr("Errors: {errors} · warnings: {warnings} · notes: {infos}").format(
                errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
            )
        else:
            text = self.tr("No findings.")
        self.summary.setText(f"{text} · {note}" if note else text)
        self.table.setRowCount(len(self.findings))
        for row, f in enumerate(self.findings):
            severity = QTableWidgetItem(self.severity_text(f.severity))
            severity.setForeground(QColor(colour(_COLOURS[f.severity])))
            font = severity.font()
            font.setBold(f.severity == "error")
            severity.setFont(font)
            where = f"\n{f.where}" if f.where else ""
            text = f"{f.check}  [{f.section}]\n{sentence_text(f.message)}{where}"
            items = [severity, QTableWidgetItem(text)]
            items[1].setToolTip(text)
            for col, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()

    def _on_activated(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.findings) and self.findings[row].exchange is not None:
            index = self.findings[row].exchange
            assert index is not None
            self.exchange_activated.emit(index)


class ExplorerFindings(FindingsTable):
    """The explorer's findings tab: the report's metadata findings, and after "Probe
    responses" (harmless requests, nothing spent) those of the issuer's answers too."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: IssuerReport | None = None
        self._generation = 0
        self.probe_button = QPushButton(self.tr("Probe responses"))
        self.probe_button.setToolTip(
            self.tr(
                "Send harmless requests (a made-up pre-authorized code, a credential request "
                "without a token, nonce requests, an unused sign-in request) and check the "
                "answers. Nothing is spent."
            )
        )
        self.probe_button.clicked.connect(self.probe)
        self.probe_button.setEnabled(False)
        self.top.addWidget(self.probe_button)

    def set_report(self, report: IssuerReport) -> None:
        """Show the findings of a freshly explored ``report``."""
        self.report = report
        self._generation += 1
        self.probe_button.setEnabled(True)
        self.set_findings(report.findings, note=self.tr("metadata only"))

    def probe(self) -> None:
        """Probe the issuer in a job and show the metadata and response findings."""
        report = self.report
        if report is None:
            return
        from wallet_app.settings import REDIRECT_URI
        from wallet_app.wallet.flow import Flow
        from wallet_app.wallet.lint_probe import ProbeOptions, probe_and_lint

        settings, http = self.ctx.settings, self.ctx.wallet.http
        generation = self._generation
        options = ProbeOptions(settings.client_id_for(report.issuer_url), REDIRECT_URI)

        def work() -> list[Finding]:
            return probe_and_lint(
                http,
                report,
                options,
                flow=Flow("lint probe"),
                allow_http_loopback=settings.allow_http_loopback,
                max_response_bytes=settings.max_response_bytes,
            )

        def done(findings: list[Finding]) -> None:
            if generation == self._generation:
                self.probe_button.setEnabled(True)
                self.set_findings(findings, note=self.tr("metadata and probed responses"))

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.probe_button.setEnabled(True)
            if isinstance(exc, WalletError):
                self.summary.setText(user_text(exc))
            else:
                log.error("lint probe failed", exc_info=exc)
                self.summary.setText(self.tr("Something went wrong. Details are in the log."))

        self.probe_button.setEnabled(False)
        self.summary.setText(self.tr("Probing {url}…").format(url=report.issuer_url))
        self.ctx.jobs.run(work, done, failed, owner=self)


def add_explorer_findings(ctx: GuiContext, tabs: QTabWidget) -> ExplorerFindings:
    """Add the explorer's findings tab to ``tabs``; returns it."""
    panel = ExplorerFindings(ctx)
    tabs.addTab(panel, panel.tr("Lint findings"))
    return panel
