"""The Transaction Code prompt of a pre-authorized offer (§4.1.1 ``tx_code``, §13.6.2).

Honours ``input_mode`` (numeric: digits only, numeric keyboard hint), ``length`` (a mask of
that many slots) and ``description`` (the issuer's own words, shown as plain text), and names
the host the code will be sent to (the token endpoint) so a phished code is easier to spot.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.messages import user_text
from wallet_app.oid4vci.models import TxCode
from wallet_app.wallet.issuance import check_tx_code

__all__ = ["TxCodeDialog"]

#: masks get unwieldy past this; longer codes use a plain field with a length check
_MAX_MASK_LENGTH = 12


class TxCodeDialog(QDialog):
    """Asks for the Transaction Code; ``code()`` is valid once the dialog was accepted."""

    def __init__(self, spec: TxCode, host: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.setWindowTitle(self.tr("Transaction code"))
        self.setModal(True)
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        numeric = spec.input_mode == "numeric"
        intro = (
            self.tr("The issuer asks for a numeric transaction code.")
            if numeric
            else self.tr("The issuer asks for a transaction code.")
        )
        if spec.length is not None:
            intro += " " + (
                self.tr("It has {n} digits.") if numeric else self.tr("It has {n} characters.")
            ).format(n=spec.length)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        if spec.description:
            layout.addWidget(self._description(spec.description))
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Transaction code"))
        self._shape_input(numeric)
        layout.addWidget(self.edit)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setStyleSheet("color: #d32f2f; font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        sent_to = QLabel(self.tr("The code will be sent to:"))
        layout.addWidget(sent_to)
        self.host_label = QLabel(host or self.tr("an unknown host"))
        self.host_label.setObjectName("tokenHost")
        self.host_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.host_label.font()
        bold.setBold(True)
        self.host_label.setFont(bold)
        layout.addWidget(self.host_label)
        layout.addWidget(QLabel(self.tr("Only continue if you expect this.")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Send code"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(lambda _t: self.error.hide())
        self.edit.setFocus()

    def _description(self, text: str) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        said = QLabel(self.tr("The issuer says:"))
        quote = QLabel(text[:300])
        quote.setTextFormat(Qt.TextFormat.PlainText)  # issuer text: never rich text
        quote.setWordWrap(True)
        font = quote.font()
        font.setItalic(True)
        quote.setFont(font)
        box.addWidget(said)
        box.addWidget(quote)
        return frame

    def _shape_input(self, numeric: bool) -> None:
        length = self._spec.length
        if numeric:
            self.edit.setInputMethodHints(
                Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
            )
            pattern = f"[0-9]{{0,{length}}}" if length else "[0-9]*"
            self.edit.setValidator(
                QRegularExpressionValidator(QRegularExpression(pattern), self.edit)
            )
        else:
            self.edit.setInputMethodHints(
                Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
            )
        if length is not None and length <= _MAX_MASK_LENGTH:
            # one slot per character: "0" = optional digit, "x" = optional any character
            self.edit.setInputMask(("0" if numeric else "x") * length + ";_")
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSizeF(self.edit.font().pointSizeF() * 1.6)
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
            self.edit.setFont(font)
            self.edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        elif length is not None:
            self.edit.setMaxLength(length)
        elif numeric:
            self.edit.setPlaceholderText(self.tr("Digits only"))

    def code(self) -> str:
        """The code as entered (without mask blanks)."""
        return self.edit.text().strip()

    def accept(self) -> None:
        """Close only with a code that fits the offer's ``tx_code`` description."""
        problem = check_tx_code(self.code(), self._spec)
        if problem is not None:
            self.error.setText(user_text(problem))
            self.error.show()
            self.edit.setFocus()
            return
        super().accept()
