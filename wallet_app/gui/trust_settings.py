"""The Settings dialog's "Trust" page (issue 9 T1, T7): the trust anchors (organisation,
subject, valid until, where it came from), Add… (a PEM or DER certificate file, or an ETSI TS
119 612 trusted list in XML), Remove, and the signed-metadata policy.

Adding or removing an anchor happens at once (not by Save), in a job: the store re-evaluates
every stored credential and the cards follow (``credentials_changed``). The policy is saved
with the other preferences (``SettingsDialog.collect``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.card_text import when_text
from wallet_app.gui.messages import user_text
from wallet_app.gui.status_refresh import status_refresher

if TYPE_CHECKING:
    from wallet_app.gui.context import GuiContext
    from wallet_app.preferences import Preferences
    from wallet_app.settings import SignedMetadataPolicy
    from wallet_app.wallet.store_trust import StoredAnchor

__all__ = ["TrustPage"]

log = logging.getLogger(__name__)

_POLICIES: tuple[SignedMetadataPolicy, ...] = ("prefer", "require", "ignore")


class TrustPage(QWidget):
    """Trust anchors and the signed-metadata policy."""

    def __init__(self, ctx: GuiContext, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prefs = prefs
        self.anchors: list[StoredAnchor] = []
        self.busy = False
        intro = QLabel(
            self.tr(
                "A credential's issuer is trusted when its certificate chain ends at one of "
                "these certificates (trust anchors: IACA roots for mdoc, issuer CAs for SD-JWT "
                "VC). Adding or removing one re-checks every stored credential."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Organisation"), self.tr("Subject"), self.tr("Valid until"), self.tr("Source")]
        )
        self.table.setAccessibleName(self.tr("Trust anchors"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(130)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setAccessibleName(self.tr("Add trust anchors from a file"))
        self.add_button.clicked.connect(self.choose_file)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected trust anchor"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Trust anchors: result"))
        anchors_box = QGroupBox(self.tr("Trust anchors"))
        box = QVBoxLayout(anchors_box)
        for widget in (intro, self.table):
            box.addWidget(widget)
        box.addLayout(buttons)
        box.addWidget(self.message)

        self.policy = QComboBox()
        self.policy.setAccessibleName(self.tr("Signed issuer metadata"))
        names = {
            "prefer": self.tr("Use it when the issuer signs it (recommended)"),
            "require": self.tr("Require it: refuse issuers without valid signed metadata"),
            "ignore": self.tr("Ignore it: use the plain metadata"),
        }
        for policy in _POLICIES:
            self.policy.addItem(names[policy], policy)
        chosen = prefs.signed_metadata or "prefer"  # the preferences file, not the env
        self.policy.setCurrentIndex(max(self.policy.findData(chosen), 0))
        policy_note = QLabel(
            self.tr(
                "Issuers may sign their metadata (OID4VCI 1.0 §12.2.3); signed values then take "
                "precedence and the review can say who vouches for the issuer. Applies from "
                "the next start."
            )
        )
        policy_note.setWordWrap(True)
        policy_box = QGroupBox(self.tr("Signed issuer metadata"))
        form = QFormLayout(policy_box)
        form.addRow(self.tr("Policy:"), self.policy)
        form.addRow(policy_note)

        layout = QVBoxLayout(self)
        layout.addWidget(anchors_box)
        layout.addWidget(policy_box)
        layout.addStretch(1)
        self._update_buttons()
        self.reload()

    # -- anchors -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the anchors from the store (in a job)."""
        store = self.ctx.store
        self.ctx.jobs.run(store.list_anchors, self._show_anchors, self._on_failed, owner=self)

    def _show_anchors(self, anchors: list[StoredAnchor]) -> None:
        self.anchors = list(anchors)
        self.table.setRowCount(0)
        sources = {
            "user": self.tr("Added by you"),
            "demo": self.tr("Demo issuer"),
            "trusted-list": self.tr("Trusted list"),
        }
        for stored in self.anchors:
            anchor = stored.anchor
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (
                anchor.organisation or "—",
                anchor.subject,
                when_text(anchor.not_after.isoformat()),
                sources.get(stored.source, stored.source),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column != 1 else f"{anchor.subject}\nSHA-256 {anchor.id}")
                item.setData(Qt.ItemDataRole.UserRole, anchor.id)
                self.table.setItem(row, column, item)
        if not self.anchors:
            self.message.setText(
                self.tr("No trust anchors yet: every issuer shows as not in your trust list.")
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(not self.busy)
        self.remove_button.setEnabled(not self.busy and self.table.currentRow() >= 0)

    def selected_anchor_id(self) -> str | None:
        """The id of the selected anchor, or None."""
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def choose_file(self) -> None:
        """Ask for a certificate file, then add its certificates."""
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add trust anchors"),
            "",
            self.tr(
                "Certificates and trusted lists (*.pem *.crt *.cer *.der *.xml);;All files (*)"
            ),
        )
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        """Add the certificates of ``path`` (PEM, DER or a trusted list) in a job; the
        stored credentials are re-checked and the cards follow."""
        refresher = status_refresher(self.ctx)
        self._start(self.tr("Adding {name}…").format(name=path.name))

        def work() -> list[tuple[StoredAnchor, bool]]:
            return refresher.service().add_anchor_file(path, source="user")

        self.ctx.jobs.run(work, self._on_added, self._on_failed, owner=self)

    def _on_added(self, results: list[tuple[StoredAnchor, bool]]) -> None:
        added = sum(1 for _, new in results if new)
        if added:
            text = self.tr("Added {n} trust anchor(s); your credentials were checked again.")
            self.message.setText(text.format(n=added))
        else:
            self.message.setText(self.tr("These certificates are in your trust list already."))
        self._finish()

    def remove_selected(self) -> None:
        """Remove the selected anchor in a job; the stored credentials are re-checked."""
        anchor_id = self.selected_anchor_id()
        if anchor_id is None:
            return
        refresher = status_refresher(self.ctx)
        self._start(self.tr("Removing…"))

        def work() -> StoredAnchor:
            return refresher.service().remove_anchor(anchor_id)

        def removed(stored: StoredAnchor) -> None:
            name = stored.anchor.organisation or stored.anchor.subject
            self.message.setText(
                self.tr("Removed {name}; your credentials were checked again.").format(name=name)
            )
            self._finish()

        self.ctx.jobs.run(work, removed, self._on_failed, owner=self)

    def _start(self, text: str) -> None:
        self.busy = True
        self.message.setText(text)
        self._update_buttons()

    def _finish(self) -> None:
        self.busy = False
        self._update_buttons()
        self.ctx.events.credentials_changed.emit()  # the cards show the new verdicts
        self.reload()

    def _on_failed(self, exc: BaseException) -> None:
        log.info("trust anchors: %s", exc)
        self.busy = False
        self.message.setText(user_text(exc))
        self._update_buttons()

    # -- the policy ------------------------------------------------------------------------------
    def chosen_policy(self) -> SignedMetadataPolicy | None:
        """The policy to save: None while the saved choice (or the default) is untouched, so
        a later default change reaches the user."""
        value = self.policy.currentData()
        current = self.prefs.signed_metadata or "prefer"
        if value == current:
            return self.prefs.signed_metadata
        return value if value in _POLICIES else None
