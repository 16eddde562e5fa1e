"""Start-up without a system keyring: offer a new wallet protected by a passphrase.

Shown instead of an error when the app, started from a menu, finds no usable keyring
(``KeyringError``) and there is no wallet yet in the data folder. The dialog only collects
the passphrase (twice) and explains it; the caller creates the wallet off the GUI thread and
reports a failure back with :meth:`CreatePassphraseDialog.show_error`. Quit leaves nothing
behind (:func:`remove_unfinished_wallet`). The passphrase is never logged or kept beyond the
fields.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import KeyringError
from wallet_app.gui.passphrase_dialog import buttons_row, error_label, folder_label, secret_field
from wallet_app.settings import Settings
from wallet_app.wallet.vault import discard_unfinished_store, store_is_set_up

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "CreatePassphraseDialog",
    "can_create_passphrase_wallet",
    "remove_unfinished_wallet",
]

log = logging.getLogger(__name__)

#: shorter passphrases are refused (NIST SP 800-63B: at least 8 for a chosen secret)
MIN_PASSPHRASE_LENGTH = 8
#: from this length on the hint calls the passphrase strong (e.g. three or four words)
_STRONG_LENGTH = 16


def can_create_passphrase_wallet(exc: BaseException, settings: Settings) -> bool:
    """Whether start-up failed for want of a keyring with no wallet yet, so a new passphrase
    wallet can be offered (a keyring wallet that exists keeps its error). Raises nothing."""
    return (
        isinstance(exc, KeyringError)
        and not settings.use_passphrase
        and not store_is_set_up(settings.data_dir)
    )


def remove_unfinished_wallet(data_dir: Path, *, remove_folder: bool) -> None:
    """Delete the empty database a failed first open left in ``data_dir`` (and the folder
    when ``remove_folder`` and it is empty then). A set-up wallet is never touched. Raises
    nothing."""
    if store_is_set_up(data_dir):
        return
    discard_unfinished_store(data_dir)
    if remove_folder:
        with contextlib.suppress(OSError):  # not empty (or gone): keep it
            data_dir.rmdir()


class CreatePassphraseDialog(QDialog):
    """Asks for a new passphrase, twice: "Create wallet" emits ``create_requested`` with it;
    "Quit" (Escape, or closing the dialog) emits ``quit_requested``. Raises nothing."""

    create_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect your wallet"))
        self.setModal(True)
        self.setMinimumWidth(460)
        self._busy = False
        self.intro = intro = QLabel(
            self.tr(
                "No system keyring (such as GNOME Keyring or KWallet) is available to protect "
                "your wallet. Choose a passphrase instead: it protects the wallet on this "
                "computer, and you enter it each time the wallet starts."
            )
        )
        intro.setWordWrap(True)
        self.folder_label = folder_label(
            self.tr("Wallet folder: {path}").format(path=str(data_dir))
        )
        self.edit = secret_field(self.tr("New passphrase"))
        self.repeat = secret_field(self.tr("Repeat the passphrase"))
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.show_box = QCheckBox(self.tr("Show passphrase"))
        self.show_box.toggled.connect(self._on_show_toggled)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.edit)
        form.addRow("", self.hint)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow("", self.show_box)
        self.warning = QLabel(
            self.tr(
                "The passphrase cannot be recovered. If you forget it, the credentials in "
                "this wallet are lost and you need to receive them again."
            )
        )
        self.warning.setObjectName("recoveryWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: 600;")
        self.error = error_label()
        self.status = QLabel(self.tr("Creating your wallet…"))
        self.status.hide()
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.reject)
        self.create_button = QPushButton(self.tr("Create wallet"))
        self.create_button.clicked.connect(self._on_create)
        row = buttons_row(self.status, self.quit_button, self.create_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (intro, self.folder_label):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.edit.textChanged.connect(self._on_text_changed)
        self.repeat.textChanged.connect(self._on_text_changed)
        # Enter in the first field moves on to the second (the dialog would press "Create
        # wallet" with half the input); Enter in the second presses it (the default button)
        self.edit.installEventFilter(self)
        for first, second in (
            (self.edit, self.repeat),
            (self.repeat, self.show_box),
            (self.show_box, self.quit_button),
            (self.quit_button, self.create_button),
        ):
            self.setTabOrder(first, second)
        self._on_text_changed()
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.repeat.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def _on_text_changed(self, _text: str = "") -> None:
        self.error.hide()
        self.hint.setText(self.strength_hint(self.edit.text()))

    def strength_hint(self, passphrase: str) -> str:
        """What the length of ``passphrase`` means (a hint, not a measure of guessability)."""
        length = len(passphrase)
        if length < MIN_PASSPHRASE_LENGTH:
            return self.tr(
                "Use at least {n} characters ({left} more). Several unrelated words are easy "
                "to remember and hard to guess."
            ).format(n=MIN_PASSPHRASE_LENGTH, left=MIN_PASSPHRASE_LENGTH - length)
        if length < _STRONG_LENGTH:
            return self.tr("Long enough. A longer passphrase is stronger.")
        return self.tr("A strong length.")

    def problem(self) -> tuple[str, QLineEdit] | None:
        """Why the entered passphrases cannot be used and the field to fix, or None."""
        passphrase = self.edit.text()
        if len(passphrase) < MIN_PASSPHRASE_LENGTH:
            text = self.tr("The passphrase is too short: use at least {n} characters.")
            return text.format(n=MIN_PASSPHRASE_LENGTH), self.edit
        if passphrase.strip() != passphrase:
            text = self.tr("The passphrase starts or ends with a space. Remove it, or add words.")
            return text, self.edit
        if self.repeat.text() != passphrase:
            text = self.tr("The two passphrases do not match. Type the same passphrase twice.")
            return text, self.repeat
        return None

    def _on_create(self) -> None:
        if self._busy:
            return
        problem = self.problem()
        if problem is not None:
            text, field = problem
            self.show_error(text)
            field.selectAll()
            field.setFocus()
            return
        self.set_busy(True)
        self.create_requested.emit(self.edit.text())

    def set_busy(self, busy: bool) -> None:
        """While the wallet is being created, the fields and buttons are disabled."""
        self._busy = busy
        for widget in (self.edit, self.repeat, self.show_box, self.create_button, self.quit_button):
            widget.setEnabled(not busy)
        self.status.setVisible(busy)

    def show_error(self, text: str) -> None:
        """Show why no wallet was created and let the user try again."""
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        """Close after the wallet was created; the fields are cleared."""
        self.edit.clear()
        self.repeat.clear()
        super().accept()

    def reject(self) -> None:
        """Quit: no wallet is created now (ignored while one is being created)."""
        if self._busy:
            return
        self.edit.clear()
        self.repeat.clear()
        self.quit_requested.emit()
        super().reject()
