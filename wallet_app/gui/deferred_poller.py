"""Polls the wallet's pending (deferred) credentials when they are due (OID4VCI §9).

One job at a time; the next poll is timed from the entries' due times (never before the
issuer's ``interval``, at most five minutes away). A credential that arrives refreshes the cards
and is announced with ``AppEvents.notify`` (a desktop notification when the window is in the
background).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer

from wallet_app.gui.context import GuiContext
from wallet_app.gui.credential_model import CredentialListModel
from wallet_app.gui.messages import sentence_text

__all__ = ["DeferredPoller"]

log = logging.getLogger(__name__)

# the poller looks again after this long at most (seconds)
_POLL_CEILING = 300.0
_POLL_FLOOR = 1.0
# after a failed poll job (the store could not be read)
_RETRY_AFTER_FAILURE = 60.0

_Outcome = tuple[list[tuple[str, str, str]], float | None]


class DeferredPoller(QObject):
    """Polls pending credentials in jobs; ``model`` names them in the notification."""

    def __init__(self, ctx: GuiContext, model: CredentialListModel, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll_now)
        #: a poll job is running
        self.busy = False

    def schedule(self, seconds: float) -> None:
        """Poll in ``seconds`` (clamped), unless a poll is running or comes sooner."""
        delay = min(max(seconds, _POLL_FLOOR), _POLL_CEILING)
        if not self.busy and (
            not self.timer.isActive() or self.timer.remainingTime() > delay * 1000
        ):
            self.timer.start(int(delay * 1000))

    def poll_now(self) -> None:
        """Poll the pending credentials that are due (never before the issuer's interval)."""
        if self.busy:
            return
        self.busy = True
        wallet, store = self.ctx.wallet, self.ctx.store

        def poll() -> _Outcome:
            results = wallet.poll_deferred(max_wait=0)
            later = [r.next_poll_at for r in store.list_deferred()]
            return results, (min(later) - time.time() if later else None)

        self.ctx.jobs.run(poll, self._on_polled, self._on_failed)

    def _on_polled(self, outcome: _Outcome) -> None:
        self.busy = False
        results, next_in = outcome
        for credential_id, kind, message in results:
            if kind in ("issued", "failed") and message:
                self.ctx.events.status_message.emit(sentence_text(message))
            if kind == "issued":  # the pending card's name is already in the model
                row = self.model.row_of(credential_id)
                name = self.model.info(row).name if row >= 0 else self.tr("A credential")
                self.ctx.events.notify.emit(
                    self.tr("Credential received"),
                    self.tr("{name} is now in your wallet.").format(name=name),
                )
        if any(kind == "issued" for _, kind, _ in results):
            self.ctx.events.credentials_changed.emit()  # a failure changes no card
        if next_in is not None:
            self.schedule(next_in)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        log.info("deferred poll failed: %s", exc)
        self.schedule(_RETRY_AFTER_FAILURE)
