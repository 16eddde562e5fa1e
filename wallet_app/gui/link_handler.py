"""Which app opens credential offer links: the first-run offer in the main window and the
section in Settings.

Both ask the desktop through :class:`~wallet_app.gui.context.LinkHandler` (the OS calls of
``host.uri_scheme``, which spawn desktop tools) in a job, never on the GUI thread. The
first-run offer is an :class:`~wallet_app.gui.info_bar.InfoBar`, not a dialog: it appears once
the window has settled, only when the wallet is not the handler, never in the demo, and once
answered ("Make Wallet the default" or "Not now", remembered in the preferences) never again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wallet_app.errors import WalletError
from wallet_app.gui.context import GuiContext, LinkHandler
from wallet_app.gui.info_bar import BarArea, InfoBar
from wallet_app.gui.messages import user_text
from wallet_app.gui.theme import colour
from wallet_app.preferences import load_preferences, mark_handler_offer_answered, preferences_path

__all__ = ["HandlerOffer", "HandlerSection"]

log = logging.getLogger(__name__)

#: the offer waits this long after the window opened (the window paints and settles first)
OFFER_DELAY_MS = 1500


class HandlerOffer(QObject):
    """Asks once, in a strip above the cards, whether the wallet should open credential offer
    links (and its sign-in return links). Raises nothing; failures are shown in the strip."""

    def __init__(
        self,
        ctx: GuiContext,
        area: BarArea,
        parent: QObject | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.area = area
        self.path = path or preferences_path()
        self.bar: InfoBar | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    @property
    def applies(self) -> bool:
        """A desktop run with a real wallet: not a test without OS calls, not the demo."""
        return (
            self.ctx.link_handler is not None
            and self.ctx.demo_base_url is None
            and not self.ctx.throwaway_store
        )

    def start(self, delay_ms: int = OFFER_DELAY_MS) -> None:
        """Check (in a job, after ``delay_ms``) and show the offer when it applies."""
        if self.applies:
            self.timer.start(delay_ms)

    def check(self) -> None:
        """Ask the desktop in a job whether the wallet is the handler; offer when it is not."""
        self.timer.stop()  # asked now: not again when the start-up delay ends
        handler = self.ctx.link_handler
        if handler is None:
            return
        path = self.path

        def status() -> bool | None:
            if load_preferences(path).handler_offer_answered:
                return None  # answered before: nothing to ask
            return handler.is_default()

        self.ctx.jobs.run(status, self._on_status, self._on_status_failed, owner=self)

    def _on_status(self, is_default: bool | None) -> None:
        if is_default is False:  # None: cannot tell (or answered before), so do not ask
            self._show_offer()

    def _on_status_failed(self, exc: BaseException) -> None:
        log.info("could not tell which app opens offer links: %s", exc)

    def _show_offer(self) -> None:
        text = self.tr(
            "Open credential offer links with Wallet? Then a link on an issuer's web page "
            "brings its offer straight here."
        )
        if self.bar is None:
            self.bar = self.area.add_bar(InfoBar(text, "info"))
            self.bar.setProperty("role", "handlerOffer")
        else:
            self.bar.set_message(text, "info", closable=False)
            self.bar.clear_buttons()
        make = self.bar.add_button(self.tr("Make Wallet the default"), primary=True)
        later = self.bar.add_button(self.tr("Not now"))
        make.clicked.connect(self.make_default)
        later.clicked.connect(self.not_now)
        self.bar.show()

    def make_default(self) -> None:
        """Register the wallet as the handler (in a job) and show the outcome."""
        handler = self.ctx.link_handler
        if handler is None or self.bar is None:
            return
        self.bar.clear_buttons()
        self.bar.set_message(self.tr("Making Wallet the default for offer links…"), "info")
        self.ctx.jobs.run(
            handler.register, self._on_registered, self._on_register_failed, owner=self
        )

    def _on_registered(self, _sentence: str) -> None:
        self._remember()
        if self.bar is not None:
            self.bar.set_message(
                self.tr(
                    "Wallet now opens credential offer links. You can change this in Settings."
                ),
                "positive",
                closable=True,
            )
            bar = self.bar
            QTimer.singleShot(12_000, bar, bar.dismiss)

    def _on_register_failed(self, exc: BaseException) -> None:
        log.warning("registering for offer links failed: %s", exc)
        if self.bar is None:
            return
        self.bar.set_message(
            self.tr("Wallet could not become the default for offer links: {reason}").format(
                reason=user_text(exc)
            ),
            "error",
            closable=False,
        )
        again = self.bar.add_button(self.tr("Try again"), primary=True)
        later = self.bar.add_button(self.tr("Not now"))
        again.clicked.connect(self.make_default)
        later.clicked.connect(self.not_now)

    def not_now(self) -> None:
        """Do not ask again; Settings can still make the wallet the default."""
        self._remember()
        if self.bar is not None:
            self.bar.clear_buttons()
            self.bar.dismiss()
        self.ctx.events.status_message.emit(
            self.tr("You can make Wallet the default for offer links in Settings.")
        )

    def _remember(self) -> None:
        try:
            mark_handler_offer_answered(self.path)
        except WalletError as exc:  # the answer holds for this run; the next may ask again
            log.warning("could not remember the answer to the link offer: %s", exc)
            self.ctx.events.status_message.emit(user_text(exc))


class HandlerSection(QGroupBox):
    """Settings: whether the wallet opens offer links and its sign-in links; Make default /
    Remove, with the outcome. The status is read in a job when the section is built."""

    def __init__(
        self,
        ctx: GuiContext,
        handler: LinkHandler,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Links from issuers"))
        self.ctx = ctx
        self.handler = handler
        self.path = path or preferences_path()
        self.is_default: bool | None = None
        self.busy = False
        self.status = QLabel(self.tr("Checking which app opens credential offer links…"))
        self.status.setWordWrap(True)
        self.status.setObjectName("handlerStatus")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("handlerOutcome")
        self.outcome.hide()
        self.make_button = QPushButton(self.tr("Make default"))
        self.make_button.setAccessibleName(self.tr("Make Wallet the default for offer links"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Stop opening offer links with Wallet"))
        for button in (self.make_button, self.remove_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        self.make_button.clicked.connect(self.make_default)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        self.refresh()

    def refresh(self) -> None:
        """Read the status again (in a job)."""
        self.busy = True
        self.ctx.jobs.run(
            self.handler.is_default, self._on_status, self._on_status_failed, owner=self
        )

    def _on_status(self, is_default: bool | None) -> None:
        self.busy = False
        self.is_default = is_default
        if is_default is True:
            text = self.tr(
                "Wallet opens credential offer links (openid-credential-offer:, haip-vci:) and "
                "its sign-in return links."
            )
        elif is_default is False:
            text = self.tr(
                "Another app, or none, opens credential offer links. Make Wallet the default "
                "to receive offers from issuers' web pages with one click."
            )
        else:
            text = self.tr("Wallet cannot tell which app opens credential offer links here.")
        self.status.setText(text)
        self.make_button.setEnabled(is_default is not True)
        self.remove_button.setEnabled(is_default is not False)

    def _on_status_failed(self, exc: BaseException) -> None:
        log.info("could not tell which app opens offer links: %s", exc)
        self._on_status(None)

    def make_default(self) -> None:
        """Register the wallet (in a job); show the outcome and the new status."""
        self._run(self.handler.register, self.tr("Wallet now opens credential offer links."))

    def remove(self) -> None:
        """Unregister the wallet (in a job); show the outcome and the new status."""
        self._run(
            self.handler.unregister, self.tr("Wallet no longer opens credential offer links.")
        )

    def _run(self, action: Callable[[], str], done_text: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.make_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self._show_outcome(self.tr("Changing the desktop's link settings…"), error=False)

        def on_done(_sentence: str) -> None:
            # either answer settles the first-run question
            try:
                mark_handler_offer_answered(self.path)
            except WalletError as exc:
                log.warning("could not remember the link answer: %s", exc)
            self._show_outcome(done_text, error=False)
            self.refresh()

        def on_error(exc: BaseException) -> None:
            self._show_outcome(user_text(exc), error=True)
            self.refresh()

        self.ctx.jobs.run(action, on_done, on_error, owner=self)

    def _show_outcome(self, text: str, *, error: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(
            f"color: {colour('error_text')}; font-weight: 600;" if error else ""
        )
        self.outcome.show()
