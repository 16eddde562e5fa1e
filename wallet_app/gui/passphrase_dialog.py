"""The passphrase prompt shown at start-up when the wallet is protected by a passphrase.

The dialog only collects the passphrase and shows what went wrong; the caller opens the store
(off the GUI thread) and reports a wrong passphrase back with :meth:`PassphraseDialog.show_error`.
The passphrase is never logged or kept beyond the field.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.theme import colour

__all__ = ["PassphraseDialog", "buttons_row", "error_label", "folder_label", "secret_field"]


def secret_field(name: str) -> QLineEdit:
    """A masked line edit for a passphrase, kept out of input-method prediction."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhHiddenText
    )
    return edit


def folder_label(text: str) -> QLabel:
    """The muted, selectable line naming the wallet's folder."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def error_label() -> QLabel:
    """A hidden red line for what went wrong (plain text: it may quote the system)."""
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setStyleSheet(f"color: {colour('error_text')}; font-weight: 600;")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def buttons_row(status: QLabel, quit_button: QPushButton, primary: QPushButton) -> QHBoxLayout:
    """Status on the left; Quit (never the default) and the primary, default button."""
    quit_button.setAutoDefault(False)
    primary.setProperty("primary", True)
    primary.setDefault(True)
    row = QHBoxLayout()
    row.addWidget(status)
    row.addStretch(1)
    row.addWidget(quit_button)
    row.addWidget(primary)
    return row


class PassphraseDialog(QDialog):
    """Asks for the wallet's passphrase: "Unlock" emits ``unlock_requested``, "Quit" (or
    closing the dialog) emits ``quit_requested``. Raises nothing."""

    unlock_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock your wallet"))
        self.setModal(True)
        self.setMinimumWidth(420)
        self._busy = False
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr("This wallet is protected by a passphrase. Enter it to open the wallet.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.folder_label = folder_label(
            self.tr("Wallet folder: {path}").format(path=str(data_dir))
        )
        layout.addWidget(self.folder_label)
        self.edit = secret_field(self.tr("Passphrase"))
        self.edit.returnPressed.connect(self._on_unlock)
        layout.addWidget(self.edit)
        self.error = error_label()
        layout.addWidget(self.error)
        self.edit.textChanged.connect(lambda _t: self.error.hide())
        self.status = QLabel()
        self.status.hide()
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.reject)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.clicked.connect(self._on_unlock)
        layout.addLayout(buttons_row(self.status, self.quit_button, self.unlock_button))
        self.edit.setFocus()

    def _on_unlock(self) -> None:
        if self._busy:
            return
        passphrase = self.edit.text()
        if not passphrase:
            self.show_error(self.tr("Enter the passphrase."))
            return
        self.set_busy(True)
        self.unlock_requested.emit(passphrase)

    def set_busy(self, busy: bool) -> None:
        """While the wallet is being unlocked the field and "Unlock" are disabled."""
        self._busy = busy
        self.edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.status.setText(self.tr("Unlocking…"))
        self.status.setVisible(busy)

    def show_error(self, text: str) -> None:
        """Show why the wallet did not open (e.g. a wrong passphrase) and let the user retry."""
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
        self.edit.selectAll()
        self.edit.setFocus()

    def accept(self) -> None:
        """Close after the wallet opened; the field is cleared."""
        self.edit.clear()
        super().accept()

    def reject(self) -> None:
        """Quit: the user does not want to unlock the wallet now."""
        self.edit.clear()
        self.quit_requested.emit()
        super().reject()
