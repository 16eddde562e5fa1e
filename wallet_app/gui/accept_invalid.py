"""Receiving a credential that is only outside its validity period or whose certificate chain
does not validate (issue 9 T8): a dialog says what failed and asks whether to keep it anyway,
marked invalid. The default (Enter, Esc, closing) is not to keep it.

The issuance runs in a job on a worker thread; :class:`AcceptInvalidAsker` is the Wallet's
``accept_invalid`` callback: it sends the question to the GUI thread by a queued signal and
blocks the worker on a ``threading.Event`` until the person answers. The GUI thread never
waits.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.messages import sentence_text
from wallet_app.gui.trust_badge import check_mark, check_title

if TYPE_CHECKING:
    from wallet_app.trust.model import Verification
    from wallet_app.wallet.issuance import Wallet

__all__ = ["AcceptInvalidAsker", "AcceptInvalidDialog", "install_accept_invalid"]

log = logging.getLogger(__name__)


class AcceptInvalidDialog(QDialog):
    """What failed, and "Keep anyway?" (default: don't keep). Accepted means keep."""

    def __init__(self, verification: Verification, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verification = verification
        self.setWindowTitle(self.tr("Keep this credential?"))
        self.setAccessibleName(self.tr("Keep a credential that did not pass every check?"))
        heading = QLabel(self.tr("This credential did not pass every check"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setWordWrap(True)
        lines = [
            self.tr("{mark} {check}: {reason}").format(
                mark=check_mark(c.ok), check=check_title(c.name), reason=sentence_text(c.detail)
            )
            for c in verification.failures()
        ]
        self.failures = QLabel("\n".join(lines) or self.tr("A check failed."))
        self.failures.setTextFormat(Qt.TextFormat.PlainText)
        self.failures.setWordWrap(True)
        self.failures.setAccessibleName(self.tr("What failed"))
        self.failures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain = QLabel(
            self.tr(
                "Its signature holds, but it is outside its validity period or its issuer's "
                "certificate chain does not validate, so a verifier may refuse it. You can keep "
                "it, marked invalid, or not keep it."
            )
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.reject_button = buttons.addButton(
            self.tr("Don't keep"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.keep_button = buttons.addButton(
            self.tr("Keep anyway, marked invalid"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.reject_button.setDefault(True)
        self.reject_button.setAutoDefault(True)
        self.keep_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.failures)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def showEvent(self, event: QShowEvent) -> None:
        """Focus starts on "Don't keep" (Enter does not keep)."""
        super().showEvent(event)
        self.reject_button.setFocus(Qt.FocusReason.OtherFocusReason)


@dataclass
class _Question:
    verification: Verification
    answered: threading.Event = field(default_factory=threading.Event)
    keep: bool = False


class AcceptInvalidAsker(QObject):
    """The Wallet's ``accept_invalid`` callback for the GUI: callable from any thread."""

    _ask = Signal(object)  # a _Question, to the GUI thread
    #: a dialog was shown (tests and the screenshot tool find it here)
    asked = Signal(object)  # AcceptInvalidDialog

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ask.connect(self._on_ask, Qt.ConnectionType.QueuedConnection)
        self._open: list[_Question] = []
        self._closed = False

    def __call__(self, verification: Verification) -> bool:
        """Ask the person whether to keep ``verification``'s credential; True: keep it.
        On a worker thread this blocks until they answer; False when the app is closing."""
        question = _Question(verification)
        if QThread.currentThread() is self.thread():  # not expected: ask modally
            self._on_ask(question).exec()
            return question.keep
        try:
            if self._closed or not shiboken6.isValid(self):
                return False
            self._ask.emit(question)
        except RuntimeError:  # the asker is gone (the app is closing)
            return False
        while not question.answered.wait(0.25):
            if self.closed:
                return False
        return question.keep

    @property
    def closed(self) -> bool:
        """True once the app is closing (open questions are answered "don't keep")."""
        return self._closed

    def _on_ask(self, question: object) -> AcceptInvalidDialog:
        assert isinstance(question, _Question)
        self._open.append(question)
        app = QApplication.instance()
        parent = None
        if isinstance(app, QApplication):
            parent = app.activeModalWidget() or app.activeWindow()
        dialog = AcceptInvalidDialog(question.verification, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(result: int) -> None:
            if question.answered.is_set():  # the first answer counts
                return
            question.keep = result == QDialog.DialogCode.Accepted.value
            question.answered.set()
            if question in self._open:
                self._open.remove(question)

        dialog.finished.connect(answered)
        # gone unanswered (its parent, the flow dialog, was closed and deleted): don't keep
        dialog.destroyed.connect(lambda: answered(QDialog.DialogCode.Rejected.value))
        dialog.open()
        self.asked.emit(dialog)
        return dialog

    def close(self) -> None:
        """The app is closing: every open question is answered "don't keep"."""
        self._closed = True
        self._release()

    def _release(self) -> None:
        for question in self._open:
            question.answered.set()
        self._open = []


def install_accept_invalid(wallet: Wallet, parent: QObject | None = None) -> AcceptInvalidAsker:
    """Give ``wallet`` (a ``wallet.issuance.Wallet``) the GUI's ``accept_invalid`` callback;
    questions are closed "don't keep" when the application quits. Raises nothing."""
    asker = AcceptInvalidAsker(parent or QApplication.instance())
    wallet.accept_invalid = asker
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(asker.close)
    return asker
