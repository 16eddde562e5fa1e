"""The issuance flow, visible: a step list and one page per state (no protocol logic here).

:class:`FlowDialog` only shows what :class:`~wallet_app.gui.issuance_flow.IssuanceFlow` tells
it and reports what the user asks for by signal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.flow_pages import (
    browser_page,
    card_widget,
    failure_page,
    heading,
    result_page,
    scrolling,
    working_page,
    wrapped,
)
from wallet_app.gui.step_list import StepList, format_elapsed
from wallet_app.text import escape_unsafe, isolate
from wallet_app.wallet.store import StoredCredential

if TYPE_CHECKING:
    from wallet_app.gui.images import ImageCache

__all__ = ["FlowDialog", "StepList"]

log = logging.getLogger(__name__)

#: from this available screen width on, the sequence diagram sits beside the steps
_WIDE_SCREEN = 1200
#: the diagram's width beside the steps (four lifelines with their labels)
_DIAGRAM_WIDTH = 600


class FlowDialog(QDialog):
    """Steps on top (with the live sequence diagram beside them when it is available), the
    current state below, the buttons at the bottom."""

    cancel_requested = Signal()
    browser_requested = Signal()
    redirect_pasted = Signal(str)
    inspector_requested = Signal()
    #: the user wants to enter the transaction code again
    retry_requested = Signal()

    # the pages' widgets (built by wallet_app.gui.flow_pages)
    busy_bar: QProgressBar
    browser_text: QLabel
    browser_prompt: QLabel
    browser_after: QLabel
    browser_button: QPushButton
    browser_problem: QLabel
    manual_url: QLineEdit
    waiting_label: QLabel
    browser_bar: QProgressBar
    paste_label: QLabel
    paste_edit: QLineEdit
    paste_button: QPushButton
    paste_error: QLabel
    result_box: QVBoxLayout
    result_heading: QLabel
    result_text: QLabel
    cards: QVBoxLayout
    failure_text: QLabel
    retry_button: QPushButton
    details_toggle: QToolButton
    details: QPlainTextEdit
    copy_button: QPushButton
    inspector_button: QPushButton

    def __init__(self, title: str, steps: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receiving a credential"))
        self.setMinimumWidth(520)
        self._active = True
        self._completing = False
        self._host = ""
        self._waiting_since = 0.0
        #: the credential *Done* leads to (the first new card), set by the success page
        self.shown_credential: str | None = None
        #: the cards of the success page (the card delegate's widgets)
        self.card_widgets: list[QWidget] = []
        self.title = heading(title)
        self.steps = StepList(steps)
        self.diagram: QWidget | None = None
        #: steps and diagram as tabs (narrow screens only)
        self.step_tabs: QTabWidget | None = None
        self._sized = False
        self.pages = QStackedWidget()
        self.status = wrapped()
        # each page scrolls on its own when the screen is too small for it (200 % scaling)
        for page in (
            working_page(self),
            browser_page(self),
            result_page(self),
            failure_page(self),
        ):
            self.pages.addWidget(scrolling(page))
        self._code_box = QVBoxLayout()
        code = QWidget()
        code.setLayout(self._code_box)
        self.code_page = scrolling(code)
        self.pages.addWidget(self.code_page)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)  # Enter never cancels
        self.cancel_button.clicked.connect(self.reject)
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setProperty("primary", True)
        self.done_button.clicked.connect(self.accept)
        self.done_button.hide()
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.cancel_button)
        self._buttons.addWidget(self.done_button)
        self._left = QVBoxLayout()
        self._left.addWidget(self.title)
        self._left.addWidget(self.steps)
        self._left.addWidget(self.pages, 1)
        self._left.addLayout(self._buttons)
        self._main = QHBoxLayout(self)
        self._main.addLayout(self._left, 0)
        self._clock = QTimer(self)
        self._clock.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may tick early
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    # -- the live sequence diagram -------------------------------------------------------------
    def set_diagram(self, diagram: QWidget) -> None:
        """Put the sequence diagram beside everything else, the whole height of the dialog;
        on a narrow screen it shares a tab with the steps instead."""
        self.diagram = diagram
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or screen.availableGeometry().width() >= _WIDE_SCREEN:
            diagram.setMinimumWidth(_DIAGRAM_WIDTH)
            self._main.addWidget(diagram, 1)
            self._main.setStretch(0, 0)
            return
        self.step_tabs = QTabWidget()
        self.step_tabs.setAccessibleName(self.tr("Steps and sequence diagram"))
        self.step_tabs.tabBar().setAccessibleName(self.tr("Steps and sequence diagram"))
        index = self._left.indexOf(self.steps)
        self._left.removeWidget(self.steps)
        self.step_tabs.addTab(self.steps, self.tr("Steps"))
        self.step_tabs.addTab(diagram, self.tr("Sequence diagram"))
        bar = self.step_tabs.tabBar().sizeHint().height()
        self.step_tabs.setMaximumHeight(self.steps.height() + bar + 8)
        self._left.insertWidget(index, self.step_tabs)

    # -- what the flow tells us ----------------------------------------------------------------
    def set_title(self, names: str, issuer: str) -> None:
        """The heading: what is received from whom (the issuer's display name)."""
        self.title.setText(self.tr("{names} from {host}").format(names=names, host=issuer))

    def set_step(self, key: str, status: str, ms: float) -> None:
        """Update one row of the step list."""
        self.steps.set_step(key, status, ms)

    def show_working(self, text: str) -> None:
        """A busy state with one sentence."""
        self.status.setText(text)
        self._clock.stop()
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
        """The browser is being started. The button stays enabled: a browser started
        through ``$BROWSER`` may run for as long as the browser does."""
        del busy

    def show_browser(self, host: str) -> None:
        """The "continue in your browser" page: what the browser will ask, what happens
        after the sign-in, a ticking wait, and the paste fallback."""
        self.browser_text.setText(
            self.tr(
                "Sign in at {host} in the browser window that opened. The wallet continues "
                "by itself when the issuer sends you back."
            ).format(host=host)
        )
        self._host = host
        self.paste_error.hide()
        self.pages.setCurrentIndex(1)
        self._waiting_since = time.monotonic()
        self._tick()
        self._clock.start()
        self.browser_button.setAutoDefault(True)
        self.browser_button.setDefault(True)  # Enter opens the page again, never Cancel
        self.browser_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit()

    def _tick(self) -> None:
        seconds = round(time.monotonic() - self._waiting_since)
        self.waiting_label.setText(
            self.tr("Waiting {elapsed}").format(elapsed=format_elapsed(seconds))
        )

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
        self.browser_button.setAccessibleName(self.tr("Try the browser again"))
        self.manual_url.setText(url)
        self.manual_url.setCursorPosition(0)
        self.browser_problem.show()
        self.manual_url.show()
        self._fit()

    def show_paste_error(self, text: str) -> None:
        """The pasted address was not the one the wallet waits for."""
        self.paste_error.setText(text)
        self.paste_error.show()
        self._fit()

    def show_code_form(self, form: QWidget) -> None:
        """Ask for another transaction code on a page of this dialog (no second dialog)."""
        box = self._code_box
        while box.count():
            item = box.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        box.addWidget(form)
        self.pages.setCurrentWidget(self.code_page)
        self._fit()
        self.done_button.hide()
        self.cancel_button.hide()

    def show_success(
        self,
        credentials: Sequence[StoredCredential],
        later: Sequence[str],
        locales: Sequence[str],
        images: ImageCache | None = None,
    ) -> None:
        """The new credential(s) as the cards the wallet shows; names of deferred ones in a
        sentence."""
        self.result_heading.setText(
            self.tr("Credential received")
            if len(credentials) < 2
            else self.tr("Credentials received")
        )
        self.result_text.setText(
            self.tr("{names} will be issued later. The wallet fetches it by itself.").format(
                names=", ".join(isolate(n) for n in later)
            )
            if later
            else ""
        )
        self.result_text.setVisible(bool(later))
        self._add_cards(credentials, locales, images)
        self._finish()

    def show_arrived(
        self,
        credentials: Sequence[StoredCredential],
        locales: Sequence[str],
        images: ImageCache | None = None,
    ) -> None:
        """A credential that was to be issued later has arrived: show it as received."""
        self._add_cards(credentials, locales, images)
        count = self.cards.count()
        self.result_heading.setText(
            self.tr("Credential received") if count < 2 else self.tr("Credentials received")
        )
        self.result_text.setText(self.tr("The issuer has issued it: it is now in your wallet."))
        self.result_text.show()
        self._finish()
        self._fit()

    def _add_cards(
        self,
        credentials: Sequence[StoredCredential],
        locales: Sequence[str],
        images: ImageCache | None,
    ) -> None:
        for stored in credentials:
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            card = card_widget(stored, locales, images)
            self.card_widgets.append(card)
            box.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
            self.cards.addWidget(holder)
            if self.shown_credential is None:
                self.shown_credential = stored.id

    def show_deferred(self, names: Sequence[str], credential_id: str | None = None) -> None:
        """Nothing issued yet: the issuer issues later (``credential_id``: the pending card)."""
        self.result_heading.setText(self.tr("Your credential will be issued later"))
        self.result_text.setText(
            self.tr(
                "The issuer accepted the request for {names} and will issue it later. It appears "
                "as a pending card in your wallet, and the wallet fetches it by itself."
            ).format(names=", ".join(isolate(n) for n in names))
        )
        self.result_text.show()
        if self.shown_credential is None:
            self.shown_credential = credential_id
        self._finish()

    def show_failure(self, sentence: str, details: str, *, can_retry: bool = False) -> None:
        """One sentence with what to do; the details behind the fold. ``can_retry`` offers
        "Enter the code again" (the issuer rejected the transaction code)."""
        self._clock.stop()
        self.failure_text.setText(sentence)
        self.details.setPlainText(escape_unsafe(details))
        self.pages.setCurrentIndex(3)
        self._fit()
        self._active = False
        self._completing = False
        self.cancel_button.hide()
        self.retry_button.setVisible(can_retry)
        self.done_button.setText(self.tr("Close"))
        self.done_button.show()
        self.done_button.setDefault(True)
        if can_retry:
            self.retry_button.setFocus()
        else:
            self.done_button.setFocus()

    def set_details(self, details: str) -> None:
        """Replace the technical details (the trace arrives after the failure)."""
        self.details.setPlainText(escape_unsafe(details))

    def _finish(self) -> None:
        self._clock.stop()
        self.pages.setCurrentIndex(2)
        self._fit()
        self._active = False
        self.cancel_button.hide()
        self.done_button.setText(self.tr("Done"))
        self.done_button.show()
        self.done_button.setDefault(True)
        self.done_button.setFocus()

    def _fit(self) -> None:
        """As tall as the current page needs at the dialog's width, so wrapped sentences are
        never cut (a long German one included); the app's screen fit clamps to the screen."""
        layout, wrapper = self.layout(), self.pages.currentWidget()
        if layout is None or not isinstance(wrapper, QScrollArea):
            return
        layout.activate()
        content = wrapper.widget()
        box = content.layout() if content is not None else None
        if box is None:
            return
        # no sideways scrolling in the page (the failure page's button row was wider than the
        # steps column beside the diagram): the column takes the page's least width
        least = content.minimumSizeHint().width() if content is not None else 0
        short = least - wrapper.viewport().width()
        if short > 0:
            self.pages.setMinimumWidth(least + wrapper.verticalScrollBar().sizeHint().width())
            self.resize(self.width() + short, self.height())  # the diagram keeps its width
            layout.activate()
        width = wrapper.viewport().width()
        page = (
            box.totalHeightForWidth(width)
            if box.hasHeightForWidth()
            else box.totalSizeHint().height()
        )
        margins = layout.contentsMargins()
        around = self._left.sizeHint().height() - self.pages.sizeHint().height()
        needed = around + page + margins.top() + margins.bottom() + 4
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            needed = min(needed, screen.availableGeometry().height() - 60)
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown: wide enough for the diagram beside the steps, tall enough for the page."""
        super().showEvent(event)
        if self.diagram is not None and self.step_tabs is None and not self._sized:
            self._sized = True
            wanted = self._left.sizeHint().width() + _DIAGRAM_WIDTH + 3 * self._main.spacing()
            self.resize(max(self.width(), wanted), self.height())
        self._fit()

    # -- user actions --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return in the paste field continues with the pasted address (and only that)."""
        if (
            watched is self.paste_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_paste_clicked()
            return True
        return super().eventFilter(watched, event)

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
        self._clock.stop()
        if self._active:
            self._active = False
            if not self._completing:
                self.cancel_requested.emit()
        super().reject()
