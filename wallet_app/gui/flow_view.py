"""The issuance flow, visible: a step list and one page per state (no protocol logic here).

:class:`FlowDialog` only shows what :class:`~wallet_app.gui.issuance_flow.IssuanceFlow` tells
it and reports what the user asks for by signal.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.step_list import FAILED_COLOR, StepList
from wallet_app.wallet.store import StoredCredential

__all__ = ["FlowDialog", "StepList"]

log = logging.getLogger(__name__)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    return bar


def _card(stored: StoredCredential, locales: Sequence[str]) -> QWidget:
    """A credential card: the shared card painter when available, else a coloured frame."""
    name, issuer, bg, fg = stored.name, stored.issuer, None, None
    try:
        from wallet_app.gui.credential_model import card_info

        info = card_info(stored, locales)
        name, issuer, bg, fg = info.name, info.issuer_name, info.background_color, info.text_color
        if not bg:
            bg = info.fallback_color.name()
    except ImportError:  # the card module is optional here
        pass
    frame = QFrame()
    frame.setObjectName("flowCard")
    frame.setMinimumSize(QSize(300, 110))
    frame.setMaximumWidth(420)
    background = QColor(bg) if bg and QColor.isValidColorName(bg) else QColor("#3f51b5")
    if fg and QColor.isValidColorName(fg):
        text = QColor(fg)
    else:
        text = QColor("#ffffff" if background.lightnessF() < 0.6 else "#111111")
    frame.setStyleSheet(
        f"#flowCard {{ background: {background.name()}; border-radius: 12px; }}"
        f"#flowCard QLabel {{ color: {text.name()}; background: transparent; }}"
    )
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 14)
    title = _heading(name)
    layout.addWidget(title)
    layout.addStretch(1)
    layout.addWidget(QLabel(issuer))
    if stored.instance_count > 1:
        copies = QLabel(
            QCoreApplication.translate("FlowDialog", "{count} copies, each used once").format(
                count=stored.instance_count
            )
        )
        layout.addWidget(copies)
    frame.setAccessibleName(f"{name}, {issuer}")
    return frame


class FlowDialog(QDialog):
    """Steps on top, the current state below, the buttons at the bottom."""

    cancel_requested = Signal()
    browser_requested = Signal()
    redirect_pasted = Signal(str)
    inspector_requested = Signal()
    #: the user wants to enter the transaction code again
    retry_requested = Signal()

    def __init__(self, title: str, steps: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receiving a credential"))
        self.setMinimumWidth(520)
        self._active = True
        self._completing = False
        self._host = ""
        self.title = _heading(title)
        self.steps = StepList(steps)
        self.pages = QStackedWidget()
        self.status = _wrapped()
        self.pages.addWidget(self._working_page())
        self.pages.addWidget(self._browser_page())
        self.pages.addWidget(self._result_page())
        self.pages.addWidget(self._failure_page())
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setProperty("primary", True)
        self.done_button.clicked.connect(self.accept)
        self.done_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.steps)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    # -- pages -------------------------------------------------------------------------------
    def _working_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.status)
        box.addWidget(_busy_bar())
        box.addStretch(1)
        return page

    def _browser_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(_heading(self.tr("Continue in your browser")))
        self.browser_text = _wrapped()
        box.addWidget(self.browser_text)
        self.browser_button = QPushButton(self.tr("Open the browser again"))
        self.browser_button.setAutoDefault(False)  # Enter in the paste field must not press it
        self.browser_button.clicked.connect(self.browser_requested)
        row = QHBoxLayout()
        row.addWidget(self.browser_button)
        row.addStretch(1)
        box.addLayout(row)
        self.browser_problem = _wrapped()
        self.browser_problem.hide()
        box.addWidget(self.browser_problem)
        self.manual_url = QLineEdit()
        self.manual_url.setReadOnly(True)
        self.manual_url.setAccessibleName(self.tr("Sign-in address"))
        self.manual_url.hide()
        box.addWidget(self.manual_url)
        box.addWidget(_wrapped(self.tr("Waiting for the issuer to send you back…")))
        box.addWidget(_busy_bar())
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        box.addWidget(line)
        box.addWidget(
            _wrapped(
                self.tr("Did the browser not return to the wallet? Paste the address it ended on:")
            )
        )
        self.paste_edit = QLineEdit()
        self.paste_edit.setPlaceholderText("io.github.walletapp:/callback?code=…")
        self.paste_edit.setAccessibleName(self.tr("Redirect address"))
        self.paste_button = QPushButton(self.tr("Continue"))
        self.paste_button.setAutoDefault(False)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.paste_edit.returnPressed.connect(self._on_paste_clicked)
        row = QHBoxLayout()
        row.addWidget(self.paste_edit, 1)
        row.addWidget(self.paste_button)
        box.addLayout(row)
        self.paste_error = _wrapped()
        self.paste_error.setStyleSheet(f"color: {FAILED_COLOR}")
        self.paste_error.hide()
        box.addWidget(self.paste_error)
        box.addStretch(1)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_box = QVBoxLayout(page)
        self.result_heading = _heading("")
        self.result_text = _wrapped()
        self.cards = QVBoxLayout()
        self.result_box.addWidget(self.result_heading)
        self.result_box.addWidget(self.result_text)
        self.result_box.addLayout(self.cards)
        self.result_box.addStretch(1)
        return page

    def _failure_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(_heading(self.tr("The credential was not received")))
        self.failure_text = _wrapped()
        box.addWidget(self.failure_text)
        self.retry_button = QPushButton(self.tr("Enter the code again"))
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.hide()
        retry_row = QHBoxLayout()
        retry_row.addWidget(self.retry_button)
        retry_row.addStretch(1)
        box.addLayout(retry_row)
        self.details_toggle = QToolButton()
        self.details_toggle.setText(self.tr("Technical details"))
        self.details_toggle.setCheckable(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.toggled.connect(self._on_details_toggled)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setAccessibleName(self.tr("Technical details"))
        self.details.setMinimumHeight(140)
        self.details.hide()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.details.toPlainText())
        )
        self.inspector_button = QPushButton(self.tr("Open in protocol inspector"))
        self.inspector_button.clicked.connect(self.inspector_requested)
        row = QHBoxLayout()
        row.addWidget(self.details_toggle)
        row.addStretch(1)
        row.addWidget(self.copy_button)
        row.addWidget(self.inspector_button)
        box.addLayout(row)
        box.addWidget(self.details, 1)
        box.addStretch(0)
        return page

    # -- what the flow tells us ----------------------------------------------------------------
    def set_title(self, names: str, host: str) -> None:
        """The heading: what is received from where."""
        self.title.setText(self.tr("{names} from {host}").format(names=names, host=host))

    def set_step(self, key: str, status: str, ms: float) -> None:
        """Update one row of the step list."""
        self.steps.set_step(key, status, ms)

    def show_working(self, text: str) -> None:
        """A busy state with one sentence."""
        self.status.setText(text)
        self.pages.setCurrentIndex(0)

    def show_completing(self, text: str) -> None:
        """The redirect was handled: the credential is being stored, so Cancel becomes
        Close (closing lets the flow finish; nothing is cancelled any more)."""
        self._completing = True
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setToolTip(
            self.tr("The wallet finishes receiving the credential in the background.")
        )
        self.show_working(text)

    def restart(self) -> None:
        """Back to the start for another attempt: rows waiting, Cancel shown."""
        self.steps.reset()
        self._active = True
        self._completing = False
        self.retry_button.hide()
        self.details.clear()
        self.details_toggle.setChecked(False)
        self.done_button.hide()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip("")
        self.cancel_button.show()

    def set_browser_busy(self, busy: bool) -> None:
        """While the browser is being started, "Open the browser again" is disabled."""
        self.browser_button.setEnabled(not busy)

    def show_browser(self, host: str) -> None:
        """The "continue in your browser" page with the paste fallback."""
        self.browser_text.setText(
            self.tr(
                "Sign in at {host} in the browser window that opened. The wallet continues "
                "by itself when the issuer sends you back."
            ).format(host=host)
        )
        self._host = host
        self.paste_error.hide()
        self.pages.setCurrentIndex(1)
        self.adjustSize()

    def show_browser_problem(self, url: str) -> None:
        """No browser could be started: show the address to open by hand."""
        self.browser_problem.setText(
            self.tr("No browser could be opened. Copy this address into your browser:")
        )
        self.browser_text.setText(
            self.tr("Sign in at {host}: open the address below in your browser.").format(
                host=self._host
            )
        )
        self.browser_button.setText(self.tr("Try the browser again"))
        self.manual_url.setText(url)
        self.manual_url.setCursorPosition(0)
        self.browser_problem.show()
        self.manual_url.show()
        self.adjustSize()

    def show_paste_error(self, text: str) -> None:
        """The pasted address was not the one the wallet waits for."""
        self.paste_error.setText(text)
        self.paste_error.show()
        self.adjustSize()

    def show_success(
        self, credentials: Sequence[StoredCredential], later: Sequence[str], locales: Sequence[str]
    ) -> None:
        """The new credential(s) as cards; names of deferred ones in a sentence."""
        self.result_heading.setText(
            self.tr("Credential received")
            if len(credentials) < 2
            else self.tr("Credentials received")
        )
        self.result_text.setText(
            self.tr("{names} will be issued later. The wallet fetches it by itself.").format(
                names=", ".join(later)
            )
            if later
            else ""
        )
        self.result_text.setVisible(bool(later))
        for stored in credentials:
            self.cards.addWidget(_card(stored, locales))
        self._finish()

    def show_deferred(self, names: Sequence[str]) -> None:
        """Nothing issued yet: the issuer issues later."""
        self.result_heading.setText(self.tr("Your credential will be issued later"))
        self.result_text.setText(
            self.tr(
                "The issuer accepted the request for {names} and will issue it later. It appears "
                "as a pending card in your wallet, and the wallet fetches it by itself."
            ).format(names=", ".join(names))
        )
        self.result_text.show()
        self._finish()

    def show_failure(self, sentence: str, details: str, *, can_retry: bool = False) -> None:
        """One sentence with what to do; the details behind the fold. ``can_retry`` offers
        "Enter the code again" (the issuer rejected the transaction code)."""
        self.failure_text.setText(sentence)
        self.details.setPlainText(details)
        self.pages.setCurrentIndex(3)
        self._active = False
        self._completing = False
        self.cancel_button.hide()
        self.retry_button.setVisible(can_retry)
        self.done_button.setText(self.tr("Close"))
        self.done_button.show()
        if can_retry:
            self.retry_button.setFocus()
        else:
            self.done_button.setFocus()

    def set_details(self, details: str) -> None:
        """Replace the technical details (the trace arrives after the failure)."""
        self.details.setPlainText(details)

    def _finish(self) -> None:
        self.pages.setCurrentIndex(2)
        self._active = False
        self.cancel_button.hide()
        self.done_button.setText(self.tr("Done"))
        self.done_button.show()
        self.done_button.setFocus()

    # -- user actions --------------------------------------------------------------------------
    def _on_paste_clicked(self) -> None:
        text = self.paste_edit.text().strip()
        if text:
            self.redirect_pasted.emit(text)

    def _on_details_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def reject(self) -> None:
        """Close; while the flow runs this cancels it (not once the credential is being
        stored: then the flow finishes in the background)."""
        if self._active:
            self._active = False
            if not self._completing:
                self.cancel_requested.emit()
        super().reject()
