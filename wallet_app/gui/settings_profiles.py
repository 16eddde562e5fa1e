"""The Settings dialog's "Profiles" page: the client profiles remembered per issuer (chosen
with "Remember for this issuer" in an offer's advanced section), each with Forget.

Forgetting takes effect when the dialog is saved, like every other field; the running wallet
then uses the default profile for that issuer at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.context import GuiContext
from wallet_app.preferences import Preferences
from wallet_app.profiles import ClientProfile

__all__ = ["ProfilesPage", "profile_summary"]


def profile_summary(profile: ClientProfile) -> str:
    """What a profile changes, in a few words ("Draft 13, DPoP never")."""
    parts = []
    if profile.client_id:
        parts.append(
            QCoreApplication.translate("ProfilesPage", "client id {client_id}").format(
                client_id=profile.client_id
            )
        )
    if profile.redirect == "loopback":
        parts.append(QCoreApplication.translate("ProfilesPage", "local address"))
    elif profile.redirect == "custom":
        parts.append(
            QCoreApplication.translate("ProfilesPage", "returns to {uri}").format(
                uri=profile.redirect_uri or "?"
            )
        )
    if profile.wallet_provider == "dev":
        parts.append(QCoreApplication.translate("ProfilesPage", "development wallet provider"))
    elif profile.wallet_provider:
        parts.append(
            QCoreApplication.translate("ProfilesPage", "wallet provider {file}").format(
                file=Path(profile.wallet_provider).name
            )
        )
    if profile.dpop == "always":
        parts.append(QCoreApplication.translate("ProfilesPage", "DPoP always"))
    elif profile.dpop == "never":
        parts.append(QCoreApplication.translate("ProfilesPage", "DPoP never"))
    if profile.draft:
        parts.append(
            QCoreApplication.translate("ProfilesPage", "draft {draft}").format(draft=profile.draft)
        )
    return ", ".join(parts) or QCoreApplication.translate("ProfilesPage", "the wallet defaults")


class ProfilesPage(QWidget):
    """The remembered profiles, one row per issuer, and a Forget button."""

    def __init__(self, ctx: GuiContext, prefs: Preferences, dialog: QDialog) -> None:
        super().__init__()
        self._ctx = ctx
        self._profiles: dict[str, ClientProfile] = dict(prefs.profiles)
        box = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "How the wallet presents itself to an issuer: chosen under Advanced when you "
                "review an offer, with Remember for this issuer."
            )
        )
        explain.setWordWrap(True)
        box.addWidget(explain)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Issuer URL"), self.tr("Profile")])
        self.table.setAccessibleName(self.tr("Remembered profiles"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        box.addWidget(self.table)
        self.empty = QLabel(self.tr("No profile is remembered."))
        box.addWidget(self.empty)
        self.forget_button = QPushButton(self.tr("Forget"))
        self.forget_button.setAccessibleName(self.tr("Forget the selected profile"))
        self.forget_button.clicked.connect(self._on_forget_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.forget_button)
        box.addLayout(row)
        box.addStretch(1)
        self._fill()
        dialog.accepted.connect(self._on_dialog_accepted)

    def _fill(self) -> None:
        self.table.setRowCount(0)
        for issuer, profile in self._profiles.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(issuer))
            name = profile.name if profile.name != "custom" else self.tr("custom")
            summary = f"{name}: {profile_summary(profile)}"
            self.table.setItem(row, 1, QTableWidgetItem(summary))
        if self._profiles:
            self.table.setCurrentCell(0, 0)
        self.table.setVisible(bool(self._profiles))
        self.empty.setVisible(not self._profiles)
        self.forget_button.setEnabled(bool(self._profiles))

    def _on_forget_clicked(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self._profiles.pop(item.text(), None)
        self._fill()
        self.table.setFocus()

    def kept(self) -> Mapping[str, ClientProfile]:
        """The profiles still remembered (what Save writes)."""
        return dict(self._profiles)

    def _on_dialog_accepted(self) -> None:
        # saved: the running wallet forgets at once (a remembered one applies at once too)
        self._ctx.wallet.options = replace(self._ctx.wallet.options, profiles=self.kept())
