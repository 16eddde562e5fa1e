"""Deleting a stored credential after asking (details dialog and the card menu)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from wallet_app.errors import WalletError
from wallet_app.gui.card_info import card_info
from wallet_app.gui.context import GuiContext
from wallet_app.gui.messages import user_text
from wallet_app.text import isolate

__all__ = ["confirm_and_delete"]


def confirm_and_delete(
    ctx: GuiContext, credential_id: str, parent: QWidget, *, name: str | None = None
) -> bool:
    """Ask, then delete a credential from the store; True when it was deleted."""
    if name is None:
        try:
            name = card_info(
                ctx.store.get_credential(credential_id).stored, ctx.settings.locales
            ).name
        except WalletError:
            name = credential_id[:8]
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("CredentialDetailsDialog", "Delete credential"),
        QCoreApplication.translate(
            "CredentialDetailsDialog", "Delete “{name}” from this wallet? This cannot be undone."
        ).format(name=isolate(name)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        ctx.store.delete_credential(credential_id)
    except WalletError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("CredentialDetailsDialog", "Delete credential"),
            user_text(exc),
        )
        return False
    ctx.events.credentials_changed.emit()
    ctx.events.status_message.emit(
        QCoreApplication.translate("CredentialDetailsDialog", "Deleted “{name}”.").format(name=name)
    )
    return True
