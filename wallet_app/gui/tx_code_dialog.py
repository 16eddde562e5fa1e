"""The Transaction Code prompt of a pre-authorized offer (§4.1.1 ``tx_code``, §13.6.2).

Honours ``input_mode`` (numeric: digits only, numeric keyboard hint), ``length`` (a maximum
length and a visible hint "6 digits") and ``description`` (the issuer's own words, shown as
plain text), and names the host the code will be sent to (the token endpoint) so a phished
code is easier to spot.

:class:`TxCodeForm` is a page: the offer review and the flow dialog show it in place of their
content, so no second modal dialog stacks on theirs. The field is a plain line edit without
an input mask (a mask draws a block cursor and "______", which screen readers read aloud).
:class:`TxCodeDialog` wraps the form in a dialog of its own for callers without a window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.messages import user_text
from wallet_app.gui.theme import colour
from wallet_app.oid4vci.models import TxCode
from wallet_app.text import isolate
from wallet_app.wallet.issuance import check_tx_code

__all__ = ["TxCodeDialog", "TxCodeForm"]


class TxCodeForm(QWidget):
    """The code field, what the issuer says, where the code goes; *Send code* and *Back*.

    ``submitted`` carries a code that fits the offer's ``tx_code`` description; ``cancelled``
    means the user went back without sending one.
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        spec: TxCode,
        host: str,
        parent: QWidget | None = None,
        *,
        cancel_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._spec = spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        numeric = spec.input_mode == "numeric"
        title = QLabel(QCoreApplication.translate("TxCodeDialog", "Transaction code"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel(
            QCoreApplication.translate(
                "TxCodeDialog", "The issuer asks for a numeric transaction code."
            )
            if numeric
            else QCoreApplication.translate(
                "TxCodeDialog", "The issuer asks for a transaction code."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if spec.description:
            layout.addWidget(self._description(spec.description))
        self.edit = QLineEdit()
        self.edit.setAccessibleName(QCoreApplication.translate("TxCodeDialog", "Transaction code"))
        self.length_hint = QLabel(self._length_text(numeric))
        self.length_hint.setObjectName("txCodeLength")
        self.length_hint.setVisible(bool(self.length_hint.text()))
        self._shape_input(numeric)
        self.edit.setAccessibleDescription(self.length_hint.text())
        layout.addWidget(self.edit)
        layout.addWidget(self.length_hint)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setStyleSheet(
            f"color: {colour('error_text', self.palette())}; font-weight: 600;"
        )
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(
            QLabel(QCoreApplication.translate("TxCodeDialog", "The code will be sent to:"))
        )
        self.host_label = QLabel(
            host or QCoreApplication.translate("TxCodeDialog", "an unknown host")
        )
        self.host_label.setObjectName("tokenHost")
        self.host_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.host_label.font()
        bold.setBold(True)
        self.host_label.setFont(bold)
        layout.addWidget(self.host_label)
        only = QLabel(
            QCoreApplication.translate("TxCodeDialog", "Only continue if you expect this.")
        )
        only.setWordWrap(True)
        layout.addWidget(only)
        layout.addStretch(1)
        self.cancel_button = QPushButton(
            cancel_text or QCoreApplication.translate("TxCodeDialog", "Back")
        )
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancelled)
        self.ok_button = QPushButton(QCoreApplication.translate("TxCodeDialog", "Send code"))
        self.ok_button.setProperty("primary", True)
        self.ok_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.edit.textChanged.connect(lambda _t: self.error.hide())

    def _description(self, text: str) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        said = QLabel(QCoreApplication.translate("TxCodeDialog", "The issuer says:"))
        quote = QLabel(isolate(text, limit=300))  # issuer text: printable, bidi isolated
        quote.setTextFormat(Qt.TextFormat.PlainText)  # and never rich text
        quote.setWordWrap(True)
        font = quote.font()
        font.setItalic(True)
        quote.setFont(font)
        box.addWidget(said)
        box.addWidget(quote)
        return frame

    def _length_text(self, numeric: bool) -> str:
        length = self._spec.length
        if length is None:
            return QCoreApplication.translate("TxCodeDialog", "Digits only") if numeric else ""
        return (
            QCoreApplication.translate("TxCodeDialog", "It has {n} digits.")
            if numeric
            else QCoreApplication.translate("TxCodeDialog", "It has {n} characters.")
        ).format(n=length)

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
        if length is not None:
            self.edit.setMaxLength(length)
            # the length in words, not slots ("______" is what screen readers used to read)
            self.edit.setPlaceholderText(
                (
                    QCoreApplication.translate("TxCodeDialog", "{n} digits")
                    if numeric
                    else QCoreApplication.translate("TxCodeDialog", "{n} characters")
                ).format(n=length)
            )
        # a larger, evenly spaced font: codes are read off a screen or a letter
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.edit.font().pointSizeF() * 1.4)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.edit.setFont(font)

    def activate(self) -> None:
        """Shown: *Send code* is the default button (Enter sends), the field has the focus."""
        self.ok_button.setAutoDefault(True)
        self.ok_button.setDefault(True)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def code(self) -> str:
        """The code as entered."""
        return self.edit.text().strip()

    def accept(self) -> None:
        """Send only a code that fits the offer's ``tx_code`` description; else say why."""
        problem = check_tx_code(self.code(), self._spec)
        if problem is not None:
            self.error.setText(user_text(problem))
            self.error.show()
            self.edit.setFocus()
            return
        self.submitted.emit(self.code())


class TxCodeDialog(QDialog):
    """The form in a dialog of its own; ``code()`` is valid once the dialog was accepted."""

    def __init__(self, spec: TxCode, host: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transaction code"))
        self.setModal(True)
        self.setMinimumWidth(400)
        self.form = TxCodeForm(spec, host, self, cancel_text=self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.edit, self.error, self.host_label = (
            self.form.edit,
            self.form.error,
            self.form.host_label,
        )
        self.ok_button = self.form.ok_button
        self.form.submitted.connect(lambda _code: super(TxCodeDialog, self).accept())
        self.form.cancelled.connect(self.reject)
        self.form.activate()

    def code(self) -> str:
        """The code as entered."""
        return self.form.code()

    def accept(self) -> None:
        """Close only with a code that fits the offer's ``tx_code`` description."""
        self.form.accept()
