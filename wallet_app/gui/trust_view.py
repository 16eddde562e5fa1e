"""Issuer trust in the details (issue 9 T8): the verdict, who vouches, the status and when it
was checked, with "Why?" (every check with ✓/✗/?, its name in words, its reason and the spec
section that asks for it) and "Check status now".

Opening a card re-checks its status in a job (``gui.status_refresh``); the section follows the
result. Check reasons are core sentences, translated by ``gui.messages.sentence_text``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.card_text import when_text
from wallet_app.gui.messages import sentence_text
from wallet_app.gui.screen_fit import available_area
from wallet_app.gui.status_refresh import status_refresher
from wallet_app.gui.theme import BADGE_ROLES, RoleName, colour
from wallet_app.gui.trust_badge import (
    TrustLook,
    check_mark,
    check_title,
    status_words,
    trust_summary,
    verdict_look,
)

if TYPE_CHECKING:
    from wallet_app.gui.context import GuiContext
    from wallet_app.trust.chain import ChainResult
    from wallet_app.trust.model import Verification
    from wallet_app.wallet.store import StoredCredential

__all__ = [
    "TrustSection",
    "TrustWhyDialog",
    "checked_text",
    "issuer_trust_pill",
    "trust_pill",
    "trust_section",
]


def trust_pill(look: TrustLook, name: str) -> QLabel:
    """The verdict as a pill in the cards' badge colours, its mark before the words."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName(name)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    restyle_pill(label, look)
    return label


def restyle_pill(label: QLabel, look: TrustLook) -> None:
    """Show ``look`` on a pill made by :func:`trust_pill`."""
    label.setText(look.text)
    label.setAccessibleName(look.label)
    background, foreground = (colour(role, label.palette()) for role in BADGE_ROLES[look.kind])
    label.setStyleSheet(
        f"QLabel#{label.objectName()} {{ background: {background}; color: {foreground};"
        " font-weight: 600; border-radius: 8px; padding: 2px 8px; }"
    )
    label.adjustSize()


def checked_text(checked_at: float) -> str:
    """When a verification was made, in the user's locale."""
    return when_text(datetime.fromtimestamp(checked_at, UTC).isoformat())


def _mark_role(ok: bool | None) -> RoleName:
    return "success_text" if ok is True else "error_text" if ok is False else "warning_text"


class TrustWhyDialog(QDialog):
    """Every check of a verification: mark, name, reason and spec section (issue 9 T8)."""

    def __init__(self, verification: Verification, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verification = verification
        self.setWindowTitle(self.tr("Why this verdict"))
        look = verdict_look(verification.verdict)
        self.pill = trust_pill(look, "whyVerdict")
        summary = QLabel(trust_summary(verification))
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(summary, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, value in (
            (self.tr("Issuer organisation"), verification.organisation or "—"),
            (self.tr("Trust anchor"), verification.anchor or self.tr("None in your trust list")),
            (self.tr("Status"), status_words(verification.status)),
            (self.tr("Checked"), checked_text(verification.checked_at)),
        ):
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label)
            form.addRow(label, field)
        self.checks = QTableWidget(0, 4)
        self.checks.setAccessibleName(self.tr("Checks"))
        self.checks.setWordWrap(True)  # long reasons wrap; rows grow to fit
        self.checks.setAlternatingRowColors(True)
        self.checks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checks.verticalHeader().hide()
        self.checks.setHorizontalHeaderLabels(
            ["", self.tr("Check"), self.tr("Result"), self.tr("Specification")]
        )
        header = self.checks.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.checks.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = [
            (c.ok, check_mark(c.ok), check_title(c.name), sentence_text(c.detail), c.spec)
            for c in verification.checks
        ] or [(None, "?", self.tr("No checks recorded"), "", "")]
        for ok, *texts in rows:
            row = self.checks.rowCount()
            self.checks.insertRow(row)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.checks.setItem(row, column, item)
            mark = self.checks.item(row, 0)
            assert mark is not None
            mark.setForeground(QBrush(QColor(colour(_mark_role(ok), self.palette()))))
            mark.setData(Qt.ItemDataRole.AccessibleTextRole, self._mark_words(ok))
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            font = mark.font()
            font.setBold(True)
            mark.setFont(font)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.checks, 1)
        layout.addWidget(buttons)
        area = available_area(self).size()
        self.resize(min(860, area.width() - 24), min(520, area.height() - 48))

    def _mark_words(self, ok: bool | None) -> str:
        if ok is True:
            return self.tr("held")
        if ok is False:
            return self.tr("failed")
        return self.tr("could not be decided")

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(mark, check, result, spec) of each row, as shown."""
        table = self.checks

        def text(row: int, column: int) -> str:
            item = table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2), text(r, 3)) for r in range(table.rowCount())]


class TrustSection(QGroupBox):
    """The details' "Issuer trust" box: verdict, anchor and organisation, status and when it
    was checked; "Why?" and "Check status now". Opening it starts a status re-check."""

    #: the verdict changed after a re-check (the details' card follows it)
    verdict_changed = Signal(str)

    def __init__(
        self,
        ctx: GuiContext,
        credential_id: str,
        verification: Verification | None,
        parent: QWidget | None = None,
        *,
        recheck: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Issuer trust"))
        self.ctx = ctx
        self.credential_id = credential_id
        self.verification = verification
        self.pill = trust_pill(verdict_look("untrusted"), "trustVerdict")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("Trust verdict"))
        self.anchor = self._field(self.tr("Vouched for by"))
        self.status = self._field(self.tr("Status"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Vouched for by"), self.anchor)
        form.addRow(self.tr("Status"), self.status)
        self.why_button = QPushButton(self.tr("Why?"))
        self.why_button.setAccessibleName(self.tr("Why: every check and its reason"))
        self.why_button.clicked.connect(self.show_why)
        self.check_button = QPushButton(self.tr("Check status now"))
        self.check_button.setAccessibleName(self.tr("Check the status with the issuer now"))
        self.check_button.clicked.connect(lambda: self.recheck(force=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.why_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.why_dialog: TrustWhyDialog | None = None
        refresher = status_refresher(ctx)
        refresher.verification_changed.connect(self._on_changed)
        refresher.refresh_failed.connect(self._on_failed)
        self._show()
        if recheck:
            self.recheck()

    def _field(self, name: str) -> QLabel:
        field = QLabel()
        field.setTextFormat(Qt.TextFormat.PlainText)
        field.setWordWrap(False)  # as the details' fields: the content scrolls sideways
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        field.setAccessibleName(name)
        return field

    def _show(self, checking: bool = False) -> None:
        v = self.verification
        if v is None:
            self.summary.setText(self.tr("Not verified yet."))
            self.anchor.setText("—")
            status = "—"
        else:
            restyle_pill(self.pill, verdict_look(v.verdict))
            self.summary.setText(trust_summary(v))
            organisation = v.organisation or ""
            anchor = v.anchor or ""
            if anchor:
                self.anchor.setText(f"{organisation}\n{anchor}" if organisation else anchor)
            else:
                self.anchor.setText(self.tr("No anchor in your trust list"))
            status = self.tr("{status}, checked {when}").format(
                status=status_words(v.status), when=checked_text(v.checked_at)
            )
        if checking:
            status = self.tr("{status} (checking now…)").format(status=status)
        self.status.setText(status)
        self.pill.setVisible(v is not None)
        self.why_button.setEnabled(v is not None)

    def recheck(self, *, force: bool = False) -> None:
        """Ask the issuer's status list again, in a job (never on the GUI thread)."""
        refresher = status_refresher(self.ctx)
        if refresher.refresh(self.credential_id, force=force) or refresher.is_running(
            self.credential_id
        ):
            self.check_button.setEnabled(False)
            self._show(checking=True)

    def _on_changed(self, credential_id: str, verification: object) -> None:
        if credential_id != self.credential_id:
            return
        before = self.verification.verdict if self.verification is not None else None
        self.verification = verification  # type: ignore[assignment]
        self.check_button.setEnabled(True)
        self._show()
        if self.verification is not None and self.verification.verdict != before:
            self.verdict_changed.emit(self.verification.verdict)

    def _on_failed(self, credential_id: str, message: str) -> None:
        if credential_id not in (self.credential_id, ""):
            return
        self.check_button.setEnabled(True)
        self._show()
        self.status.setText(
            self.tr("{status} The check failed: {reason}").format(
                status=self.status.text(), reason=message
            )
        )

    def show_why(self) -> TrustWhyDialog | None:
        """Open the "Why?" dialog for the verification shown."""
        if self.verification is None:
            return None
        dialog = TrustWhyDialog(self.verification, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.why_dialog = dialog
        dialog.open()
        return dialog


def trust_section(ctx: GuiContext, stored: StoredCredential) -> TrustSection | None:
    """The details' trust box for an issued credential (its stored verification, and a
    status re-check started at once); None for a pending one. Raises StorageError."""
    if stored.status != "issued":
        return None
    return TrustSection(ctx, stored.id, ctx.store.get_verification(stored.id))


def issuer_trust_pill(chain: ChainResult | None) -> QLabel | None:
    """The review's word on an issuer whose signed metadata carried a certificate chain
    (OID4VCI 1.0 §12.2.3): verified by an anchor (positive), not in your trust list
    (neutral), or what failed (negative). None when the issuer signed nothing."""
    if chain is None:
        return None
    failed = chain.problem
    if failed is not None:
        look = TrustLook(
            QCoreApplication.translate("Trust", "Issuer certificate: {reason}").format(
                reason=sentence_text(failed.detail)
            ),
            "negative",
            "✗",
        )
    elif chain.anchor is not None:
        who = chain.anchor.organisation or chain.anchor.subject
        look = TrustLook(
            QCoreApplication.translate("Trust", "Issuer verified by {organisation}").format(
                organisation=who
            ),
            "positive",
            "✓",
        )
    else:
        look = TrustLook(
            QCoreApplication.translate("Trust", "Issuer certificate not in your trust list"),
            "neutral",
            "?",
        )
    pill = trust_pill(look, "issuerTrustBadge")
    if failed is not None:  # a reason may be long: it wraps
        pill.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        pill.setWordWrap(True)
    return pill
