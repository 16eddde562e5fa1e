"""The pages of :class:`~wallet_app.gui.flow_view.FlowDialog`: the small widget helpers and the
builders of the working, browser, result and failure pages (their widgets become the dialog's
attributes; strings keep the dialog's translation context)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.theme import colour
from wallet_app.wallet.store import StoredCredential

if TYPE_CHECKING:
    from wallet_app.gui.flow_view import FlowDialog
    from wallet_app.gui.images import ImageCache

__all__ = [
    "browser_page",
    "busy_bar",
    "card_widget",
    "failure_page",
    "heading",
    "result_page",
    "scrolling",
    "working_page",
    "wrapped",
]


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    return bar


def card_widget(
    stored: StoredCredential, locales: Sequence[str], images: ImageCache | None
) -> QWidget:
    """The new credential as the main grid paints it (art, logo, colours): the card
    delegate's own widget, so the success moment shows the very card the wallet will show."""
    from wallet_app.gui.card_delegate import CardWidget
    from wallet_app.gui.card_info import card_info

    info = card_info(stored, locales)
    card = CardWidget(info, images)
    card.setObjectName("flowCard")  # its accessible name is the card's own summary
    card.setAccessibleDescription(QCoreApplication.translate("FlowDialog", "Your new card"))
    return card


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that is no focus stop of its own."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(page)
    return area


def working_page(dialog: FlowDialog) -> QWidget:
    page = QWidget()
    box = QVBoxLayout(page)
    box.addWidget(dialog.status)
    dialog.busy_bar = busy_bar()
    box.addWidget(dialog.busy_bar)
    box.addStretch(1)
    return page


def browser_page(dialog: FlowDialog) -> QWidget:
    page = QWidget()
    box = QVBoxLayout(page)
    box.addWidget(heading(QCoreApplication.translate("FlowDialog", "Continue in your browser")))
    dialog.browser_text = wrapped()
    box.addWidget(dialog.browser_text)
    # Chromium asks "Open wallet-app?", Firefox and Safari "Open Wallet?": say so first
    dialog.browser_prompt = wrapped(
        QCoreApplication.translate(
            "FlowDialog",
            "Your browser will ask whether to open Wallet when the issuer sends you back: "
            "choose Open.",
        )
    )
    dialog.browser_prompt.setObjectName("browserPromptHint")
    bold = dialog.browser_prompt.font()
    bold.setBold(True)
    dialog.browser_prompt.setFont(bold)
    box.addWidget(dialog.browser_prompt)
    dialog.browser_after = wrapped(
        QCoreApplication.translate(
            "FlowDialog",
            "When the sign-in is finished, the wallet comes back to the front, receives the "
            "credential and shows it here. You can then close the browser tab.",
        )
    )
    box.addWidget(dialog.browser_after)
    # a browser started through $BROWSER is a process of its own that may run until the
    # browser exits: the button never waits for it (each click opens the page again)
    dialog.browser_button = QPushButton(
        QCoreApplication.translate("FlowDialog", "Open the browser again")
    )
    dialog.browser_button.setAccessibleName(
        QCoreApplication.translate("FlowDialog", "Open the browser again")
    )
    dialog.browser_button.clicked.connect(dialog.browser_requested)
    row = QHBoxLayout()
    row.addWidget(dialog.browser_button)
    row.addStretch(1)
    box.addLayout(row)
    dialog.browser_problem = wrapped()
    dialog.browser_problem.hide()
    box.addWidget(dialog.browser_problem)
    dialog.manual_url = QLineEdit()
    dialog.manual_url.setReadOnly(True)
    dialog.manual_url.setAccessibleName(QCoreApplication.translate("FlowDialog", "Sign-in address"))
    dialog.manual_url.hide()
    box.addWidget(dialog.manual_url)
    waiting = QHBoxLayout()
    dialog.waiting_label = QLabel()
    dialog.waiting_label.setObjectName("browserWaiting")
    waiting.addWidget(dialog.waiting_label)
    dialog.browser_bar = busy_bar()
    waiting.addWidget(dialog.browser_bar, 1)
    box.addLayout(waiting)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    box.addWidget(line)
    dialog.paste_label = wrapped(
        QCoreApplication.translate(
            "FlowDialog",
            "Did the browser not return to the wallet? Paste the address it ended on:",
        )
    )
    box.addWidget(dialog.paste_label)
    dialog.paste_edit = QLineEdit()
    dialog.paste_edit.setPlaceholderText("io.github.walletapp:/callback?code=…")
    dialog.paste_edit.setAccessibleName(
        QCoreApplication.translate("FlowDialog", "Redirect address")
    )
    # Return in the field continues with the pasted address and goes no further (the
    # dialog would otherwise also press its default button, "Open the browser again")
    dialog.paste_edit.installEventFilter(dialog)
    dialog.paste_button = QPushButton(QCoreApplication.translate("FlowDialog", "Continue"))
    dialog.paste_button.setAccessibleName(
        QCoreApplication.translate("FlowDialog", "Continue with the pasted address")
    )
    dialog.paste_button.setAutoDefault(False)
    dialog.paste_button.clicked.connect(dialog._on_paste_clicked)
    row = QHBoxLayout()
    row.addWidget(dialog.paste_edit, 1)
    row.addWidget(dialog.paste_button)
    box.addLayout(row)
    dialog.paste_error = wrapped()
    dialog.paste_error.setStyleSheet(f"color: {colour('error_text', dialog.palette())}")
    dialog.paste_error.hide()
    box.addWidget(dialog.paste_error)
    box.addStretch(1)
    return page


def result_page(dialog: FlowDialog) -> QWidget:
    page = QWidget()
    dialog.result_box = QVBoxLayout(page)
    dialog.result_heading = heading("")
    dialog.result_text = wrapped()
    dialog.cards = QVBoxLayout()
    dialog.cards.setSpacing(10)
    dialog.result_box.addWidget(dialog.result_heading)
    dialog.result_box.addWidget(dialog.result_text)
    dialog.result_box.addLayout(dialog.cards)
    dialog.result_box.addStretch(1)
    return page


def failure_page(dialog: FlowDialog) -> QWidget:
    page = QWidget()
    box = QVBoxLayout(page)
    box.addWidget(
        heading(QCoreApplication.translate("FlowDialog", "The credential was not received"))
    )
    dialog.failure_text = wrapped()
    box.addWidget(dialog.failure_text)
    dialog.retry_button = QPushButton(
        QCoreApplication.translate("FlowDialog", "Enter the code again")
    )
    dialog.retry_button.setAutoDefault(False)
    dialog.retry_button.clicked.connect(dialog.retry_requested)
    dialog.retry_button.hide()
    retry_row = QHBoxLayout()
    retry_row.addWidget(dialog.retry_button)
    retry_row.addStretch(1)
    box.addLayout(retry_row)
    dialog.details_toggle = QToolButton()
    dialog.details_toggle.setText(QCoreApplication.translate("FlowDialog", "Technical details"))
    dialog.details_toggle.setAccessibleName(
        QCoreApplication.translate("FlowDialog", "Technical details")
    )
    dialog.details_toggle.setCheckable(True)
    dialog.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    dialog.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
    dialog.details_toggle.setAutoRaise(True)
    dialog.details_toggle.toggled.connect(dialog._on_details_toggled)
    dialog.details = QPlainTextEdit()
    dialog.details.setReadOnly(True)
    dialog.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    dialog.details.setAccessibleName(QCoreApplication.translate("FlowDialog", "Technical details"))
    dialog.details.setMinimumHeight(140)
    dialog.details.hide()
    dialog.copy_button = QPushButton(QCoreApplication.translate("FlowDialog", "Copy details"))
    dialog.copy_button.setAutoDefault(False)
    dialog.copy_button.clicked.connect(
        lambda: QGuiApplication.clipboard().setText(dialog.details.toPlainText())
    )
    dialog.inspector_button = QPushButton(
        QCoreApplication.translate("FlowDialog", "Open in protocol inspector")
    )
    dialog.inspector_button.setAutoDefault(False)
    dialog.inspector_button.clicked.connect(dialog.inspector_requested)
    row = QHBoxLayout()
    row.addWidget(dialog.details_toggle)
    row.addStretch(1)
    row.addWidget(dialog.copy_button)
    row.addWidget(dialog.inspector_button)
    box.addLayout(row)
    box.addWidget(dialog.details, 1)
    box.addStretch(0)
    return page
