"""A card that does not open (issue 11): a record the store cannot read is listed as
"Damaged record"; opening it says so and offers to delete it, never an internal error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from wallet_app.errors import NotFound, WalletError
from wallet_app.gui.messages import user_text

if TYPE_CHECKING:
    from wallet_app.gui.main_window import MainWindow

__all__ = ["cannot_open"]


def cannot_open(window: MainWindow, credential_id: str, exc: WalletError) -> QMessageBox | None:
    """The details of ``credential_id`` did not open with ``exc``: a credential deleted
    meanwhile is a status line and a reload; any other (a damaged record) a message with
    "Delete…" (the usual confirmation follows) and "Close". Returns the message shown (open,
    not modal to the application), or None. Raises nothing."""
    if isinstance(exc, NotFound):  # deleted by another wallet process meanwhile
        window.ctx.events.status_message.emit(user_text(exc))
        window.refresh()
        return None
    box = QMessageBox(window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("DamagedRecord", "Damaged record"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        QCoreApplication.translate(
            "DamagedRecord", "This record cannot be opened. Nothing else in the wallet is affected."
        )
    )
    box.setInformativeText(user_text(exc))  # the store's sentence: damaged, delete it
    delete = box.addButton(
        QCoreApplication.translate("DamagedRecord", "Delete…"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    delete.setAccessibleName(
        QCoreApplication.translate("DamagedRecord", "Delete the damaged record")
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Close)

    def answered() -> None:
        if box.clickedButton() is delete:
            from wallet_app.gui.credential_delete import confirm_and_delete

            confirm_and_delete(
                window.ctx,
                credential_id,
                window,
                name=QCoreApplication.translate("DamagedRecord", "Damaged record"),
            )

    box.finished.connect(answered)
    box.open()
    return box
