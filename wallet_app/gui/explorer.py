"""Issuer explorer: an issuer's metadata rendered beside the raw JSON and every URL fetched;
any credential configuration can be requested from here (wallet-initiated, OID4VCI §3.4)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import Cancelled, WalletError
from wallet_app.gui.context import GuiContext
from wallet_app.gui.explorer_parts import (
    NO,
    YES,
    AttemptTableModel,
    FittedTable,
    Section,
    best_display,
    breakable,
    claim_path_text,
    labels_text,
    locales_text,
    size_to_screen,
)
from wallet_app.gui.lint_view import add_explorer_findings
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.gui.theme import colour
from wallet_app.text import isolate, json_text
from wallet_app.wallet.explore import ConfigurationSummary, IssuerReport, explore_issuer
from wallet_app.wallet.resolve import ResolvedOffer

__all__ = ["ExplorerWindow"]

log = logging.getLogger(__name__)


class ExplorerWindow(QMainWindow):
    """Enter an issuer URL; see its metadata, capabilities, raw documents and fetched URLs."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._requesting = False
        self.ctx = ctx
        self.report: IssuerReport | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Explore an issuer"))
        size_to_screen(self, 1200, 760)

        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://issuer.example.com")
        self.url_edit.setAccessibleName(self.tr("Issuer URL"))
        if ctx.demo_base_url:
            self.url_edit.setText(ctx.demo_base_url)
        self.url_edit.returnPressed.connect(self.explore)
        self.explore_button = QPushButton(self.tr("Explore"))
        self.explore_button.setDefault(True)
        self.explore_button.clicked.connect(self.explore)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: where "Request this credential" takes the metadata from (the wallet's cache or not)
        self.cache_note = QLabel()
        self.cache_note.setWordWrap(True)
        self.cache_note.setObjectName("cache_note")
        self.cache_note.hide()

        self.report_area = QScrollArea()
        self.report_area.setWidgetResizable(True)
        self.report_area.setFrameShape(QFrame.Shape.NoFrame)
        self.report_area.setAccessibleName(self.tr("Issuer report"))
        self.report_area.setWidget(self._placeholder())

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.document_choice = QComboBox()
        self.document_choice.setAccessibleName(self.tr("Document"))
        self.document_choice.currentIndexChanged.connect(self._on_document_changed)
        self.json_view = QPlainTextEdit()
        self.json_view.setReadOnly(True)
        self.json_view.setFont(mono)
        self.json_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.json_view.setAccessibleName(self.tr("Raw JSON"))
        raw = QWidget()
        raw_box = QVBoxLayout(raw)
        raw_box.setContentsMargins(0, 0, 0, 0)
        raw_box.addWidget(self.document_choice)
        raw_box.addWidget(self.json_view)
        self.attempts = AttemptTableModel(self)
        self.attempt_table = QTableView()
        self.attempt_table.setModel(self.attempts)
        self.attempt_table.setAccessibleName(self.tr("URLs fetched"))
        self.attempt_table.verticalHeader().hide()
        self.attempt_table.setWordWrap(False)
        self.attempt_table.verticalHeader().setDefaultSectionSize(
            self.attempt_table.fontMetrics().height() + 8
        )
        self.attempt_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.attempt_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.side = QTabWidget()
        self.side.setAccessibleName(self.tr("Documents and URLs fetched"))
        self.side.addTab(raw, self.tr("Raw JSON"))
        self.side.addTab(self.attempt_table, self.tr("URLs fetched"))
        self.findings = add_explorer_findings(ctx, self.side)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Issuer URL:")))
        top.addWidget(self.url_edit, 1)
        top.addWidget(self.explore_button)
        splitter = QSplitter()
        splitter.addWidget(self.report_area)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])  # the report first; raw JSON scrolls sideways anyway
        central = QWidget()
        box = QVBoxLayout(central)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(self.cache_note)
        box.addWidget(splitter, 1)
        self.setCentralWidget(central)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.setContext(Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)

    def _placeholder(self) -> QWidget:
        label = QLabel(
            self.tr(
                "Enter the address of a credential issuer and press Explore. The wallet fetches "
                "its metadata and shows what it offers."
            )
        )
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        return label

    # -- exploring ------------------------------------------------------------------------------
    def explore(self) -> None:
        """Fetch the issuer's metadata in a job."""
        url = self.url_edit.text().strip()
        if not url:
            self.status.setText(self.tr("Enter an issuer URL."))
            return
        self._generation += 1
        generation = self._generation
        settings, wallet = self.ctx.settings, self.ctx.wallet
        flow = wallet.new_flow("explore")
        self.explore_button.setEnabled(False)
        self.status.setText(self.tr("Fetching metadata from {url}…").format(url=url))

        def work() -> IssuerReport:
            return explore_issuer(
                wallet.http,
                url,
                flow=flow,
                allow_http_loopback=settings.allow_http_loopback,
                max_response_bytes=settings.max_response_bytes,
            )

        self.ctx.jobs.run(
            work,
            lambda report: self._on_explored(generation, report),
            lambda exc: self._on_failed(generation, exc),
            owner=self,
        )

    def _on_explored(self, generation: int, report: IssuerReport) -> None:
        if generation != self._generation:
            return
        self.explore_button.setEnabled(True)
        self.show_report(report)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.explore_button.setEnabled(True)
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.status.clear()
        elif isinstance(exc, WalletError):
            text = user_text(exc) + (f"\n{exc.detail}" if exc.detail else "")
            self.status.setText(text)
        else:
            log.error("explorer job failed", exc_info=exc)
            self.status.setText(self.tr("Something went wrong. Details are in the log."))
        self.status.setStyleSheet(f"color: {colour('error_text')};")

    def show_report(self, report: IssuerReport) -> None:
        """Render ``report`` (also used by tests and screenshots)."""
        self.report = report
        self.status.setStyleSheet("")
        if report.problem:
            self.status.setStyleSheet(f"color: {colour('error_text')};")
            detail = f"\n{isolate(report.problem.detail)}" if report.problem.detail else ""
            self.status.setText(sentence_text(report.problem.message) + detail)
        else:
            self.status.setText(
                self.tr("Metadata from {url} (looks like {version}).").format(
                    url=isolate(report.url), version=report.version_hint
                )
            )
        self.show_cache_note()
        self.attempts.set_attempts(report.all_attempts())
        self.findings.set_report(report)
        self.document_choice.blockSignals(True)
        self.document_choice.clear()
        for role, url, _doc in report.documents():
            label = self.tr("Issuer") if role == "issuer" else self.tr("Authorization server")
            self.document_choice.addItem(f"{label} — {isolate(url)}")
        self.document_choice.blockSignals(False)
        self._on_document_changed(0)
        self.report_area.setWidget(self._render(report))

    def show_cache_note(self) -> None:
        """Say whether requests from here use the wallet's cached copy of this issuer's
        metadata (and how old it is) or fetch it again."""
        report = self.report
        if report is None or report.metadata is None:
            self.cache_note.hide()
            return
        age = self.ctx.wallet.cache.issuer_age(report.metadata.credential_issuer)
        if age is None:
            text = self.tr("Shown: fetched just now. Requests from here fetch the metadata again.")
        else:
            minutes = int(age // 60)
            text = (
                self.tr(
                    "Cached: the wallet holds this issuer's metadata from {minutes} min ago; "
                    "requests from here use that copy until it is {ttl} min old."
                )
                if minutes
                else self.tr(
                    "Cached: the wallet holds this issuer's metadata from less than a minute "
                    "ago; requests from here use that copy until it is {ttl} min old."
                )
            ).format(minutes=minutes, ttl=round(self.ctx.wallet.cache.ttl / 60))
        self.cache_note.setText(text)
        self.cache_note.setToolTip(report.url)
        self.cache_note.show()

    def _on_document_changed(self, index: int) -> None:
        docs = self.report.documents() if self.report else []
        if 0 <= index < len(docs):
            self.json_view.setPlainText(json_text(docs[index][2]))

    # -- rendering -------------------------------------------------------------------------------
    def _render(self, report: IssuerReport) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        best = best_display(report.display, self.ctx.settings.locales)
        title = QLabel(isolate(best.name if best and best.name else report.issuer_url))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setWordWrap(True)
        box.addWidget(title)
        shown = [f"{isolate(d.name)} ({d.locale or '—'})" for d in report.display if d.name]
        names_line = self.tr("Names: {names}").format(names=" · ".join(shown) or "—")
        sub = QLabel(f"{isolate(report.issuer_url)}\n{names_line}")
        sub.setWordWrap(True)
        sub.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(sub)
        box.addWidget(
            Section(self.tr("Endpoints and capabilities"), self._checklist(report), expanded=True)
        )
        for summary in report.configurations:
            box.addWidget(self._configuration_section(summary))
        if not report.configurations:
            box.addWidget(QLabel(self.tr("No credential configuration can be shown.")))
        box.addStretch(1)
        return page

    def _checklist(self, report: IssuerReport) -> QTableWidget:
        rows: list[tuple[str, bool, str]] = []
        for name, url in report.endpoints().items():
            rows.append((name, url is not None, url or ""))
        md = report.metadata
        rows.append(
            (
                "batch_credential_issuance",
                bool(md and md.batch_size),
                str(md.batch_size or "") if md else "",
            )
        )
        for label, enc in (
            ("request", report.request_encryption),
            ("response", report.response_encryption),
        ):
            detail = (
                self.tr("required")
                if enc.required
                else self.tr("optional")
                if enc.supported
                else ""
            )
            rows.append((f"credential_{label}_encryption", enc.supported, detail))
        for server in report.auth_servers:
            a = server.metadata
            rows.append(
                (
                    self.tr("authorization server"),
                    a is not None,
                    server.identifier
                    if a
                    else (sentence_text(server.problem.message) if server.problem else ""),
                )
            )
            if a is None:
                continue
            rows += [
                (
                    "grant: authorization_code",
                    "authorization_code" in server.grant_types,
                    a.authorization_endpoint or "",
                ),
                (
                    "grant: pre-authorized_code",
                    any(g.endswith("pre-authorized_code") for g in server.grant_types),
                    "",
                ),
                (
                    "PAR",
                    a.pushed_authorization_request_endpoint is not None,
                    (self.tr("required") if a.require_pushed_authorization_requests else "")
                    + " "
                    + (a.pushed_authorization_request_endpoint or ""),
                ),
                (
                    "DPoP",
                    bool(a.dpop_signing_alg_values_supported),
                    ", ".join(a.dpop_signing_alg_values_supported),
                ),
                (
                    self.tr("anonymous pre-authorized access"),
                    a.pre_authorized_grant_anonymous_access_supported,
                    "",
                ),
                (
                    self.tr("iss in authorization response (RFC 9207)"),
                    a.authorization_response_iss_parameter_supported,
                    "",
                ),
                (
                    "PKCE",
                    bool(a.code_challenge_methods_supported),
                    ", ".join(a.code_challenge_methods_supported),
                ),
            ]
        table = FittedTable(len(rows), 3)
        bold = table.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setHorizontalHeaderLabels([self.tr("Capability"), "", self.tr("Details")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setAccessibleName(self.tr("Endpoints and capabilities"))
        for r, (name, ok, detail) in enumerate(rows):
            mark = QTableWidgetItem(YES if ok else NO)
            mark.setForeground(QColor(colour("success_text" if ok else "error_text")))
            mark.setFont(bold)
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            mark.setData(
                Qt.ItemDataRole.AccessibleTextRole, self.tr("yes") if ok else self.tr("no")
            )
            detail = isolate(detail.strip()) if detail.strip() else ""  # the issuer's text
            for c, item in enumerate(
                (QTableWidgetItem(name), mark, QTableWidgetItem(breakable(detail, "/")))
            ):
                if c != 1:
                    full = detail if c == 2 else name
                    item.setToolTip(full)
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, full)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.fit_rows()
        return table

    def _configuration_section(self, summary: ConfigurationSummary) -> Section:
        c = summary.configuration
        best = best_display(c.display, self.ctx.settings.locales)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(24, 0, 0, 0)
        proofs = "; ".join(
            f"{n}: {', '.join(p.signing_algs) or '—'}" for n, p in c.proof_types.items()
        )
        items = [
            (self.tr("Configuration id"), c.id),
            (
                self.tr("Format"),
                c.format + (f" ({c.vct or c.doctype})" if c.vct or c.doctype else ""),
            ),
            (self.tr("Scope"), c.scope or "—"),
            (self.tr("Binding methods"), ", ".join(c.binding_methods) or "—"),
            (self.tr("Proof types"), proofs or "—"),
            (
                self.tr("Key attestation"),
                self.tr("required")
                if summary.key_attestation_required
                else self.tr("not required"),
            ),
            (self.tr("Names"), locales_text(c.display)),
        ]
        for label, value in items:
            text = QLabel(isolate(value))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label + ":", text)
        claims = FittedTable(len(c.claims), 3)
        claims.setHorizontalHeaderLabels(
            [self.tr("Claim"), self.tr("Labels"), self.tr("Mandatory")]
        )
        claims.setAccessibleName(self.tr("Claims"))
        claims.verticalHeader().hide()
        claims.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, claim in enumerate(c.claims):
            path = claim_path_text(claim.path)
            labels = labels_text(claim.display)
            for col, value in enumerate((path, labels, YES if claim.mandatory else "")):
                item = QTableWidgetItem(breakable(value) if col == 0 else value)
                item.setToolTip(value)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, value)
                item.setData(Qt.ItemDataRole.UserRole, value)
                claims.setItem(r, col, item)
        header = claims.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        claims.fit_rows()
        form.addRow(self.tr("Claims:"), claims if c.claims else QLabel("—"))
        name, fmt = isolate(best.name if best and best.name else c.id), isolate(c.format)
        button = QPushButton(self.tr("Request this credential"))
        button.setObjectName(f"request:{c.id}")
        request = self.tr("Request this credential: {name}")
        button.setAccessibleName(request.format(name=f"{name} ({fmt})"))
        button.setEnabled(self.report is not None and self.report.usable)
        button.clicked.connect(lambda _=False, conf_id=c.id: self.request_configuration(conf_id))
        return Section(f"{name}  ·  {fmt}", body, action=button)

    # -- requesting --------------------------------------------------------------------------------
    def request_configuration(self, conf_id: str) -> None:
        """Resolve ``conf_id`` at the explored issuer in a job, then start the issuance flow."""
        if self.report is None or self._requesting:
            return  # one request at a time: a double click must not start two flows
        self._requesting = True
        report = self.report
        issuer, wallet = report.issuer_url, self.ctx.wallet
        flow = wallet.new_flow("explorer")
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Preparing the request for {id}…").format(id=isolate(conf_id)))

        def resolved_ok(resolved: ResolvedOffer) -> None:
            self._requesting = False
            if self.report is report:  # the user has not moved on to another issuer
                self._on_resolved(resolved)

        def resolved_err(exc: BaseException) -> None:
            self._requesting = False
            self._show_error(exc)

        self.ctx.jobs.run(
            lambda: wallet.resolve_issuer_configurations(issuer, [conf_id], flow=flow),
            resolved_ok,
            resolved_err,
            owner=self,
        )

    def _on_resolved(self, resolved: ResolvedOffer) -> None:
        self.status.clear()
        from wallet_app.gui.flow_start import start_issuance  # the flow screen, when needed

        start_issuance(self.ctx, resolved, tx_code=None, parent=self)
