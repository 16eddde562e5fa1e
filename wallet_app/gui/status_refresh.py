"""Status re-checks in the background (issue 9 T5): opening a card, "Check status now" and
the main window's "Check status of all cards" ask the issuers' status lists in jobs; the card
list never waits for them.

The :class:`~wallet_app.wallet.trust_service.TrustService` is made on first use, on a worker
thread (it shares the wallet's HTTP client), and kept in ``ctx.extras``. This module imports
no trust code at start-up: the cards paint from the verdicts the store already holds (a
verification itself is opened only when its card is).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

if TYPE_CHECKING:
    from wallet_app.gui.context import GuiContext
    from wallet_app.gui.main_window import MainWindow
    from wallet_app.trust.model import Verification
    from wallet_app.wallet.store import CredentialStore, StoredCredential
    from wallet_app.wallet.trust_service import TrustService

__all__ = [
    "StatusRefresher",
    "load_cards",
    "preview_cards",
    "status_refresher",
    "trust_demo_issuer",
    "trust_service",
    "wire_status_refresh",
]

log = logging.getLogger(__name__)
_EMIT_CHUNK = 500  # re-check results signalled one by one per event-loop turn
_PREVIEW = 100  # the newest cards read first (a full-screen window's worth and more)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the card list is built, then what is alive is
    frozen out of later collections (issue 11).

    A collection walks every tracked object while it holds every thread, the GUI thread too:
    started while 10,000 rows are built it froze the window for 230-360 ms. The rows hold no
    reference cycles, so reference counting frees them when a later list replaces them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_cards(
    store: CredentialStore,
) -> tuple[list[StoredCredential], Mapping[str, str]]:
    """Every stored credential and every stored trust verdict (two queries, no network, no
    cryptography, no verification opened): what the card list paints; run it in a job (off
    the GUI thread), it pauses the garbage collector meanwhile (see
    :func:`_collector_paused`). Raises WalletError."""
    with _collector_paused():
        return store.list_credentials(), store.verdicts()


def preview_cards(window: MainWindow) -> None:
    """The newest :data:`_PREVIEW` cards first, in a job of their own; the window's load of
    the whole list (10,000 cards take the store about half a second) waits until they are
    shown, so the two reads do not compete with each other and the first paint. Call it
    before the window's first ``refresh()`` (which then only notes that a load is due).
    Raises nothing."""
    store, model = window.ctx.store, window.model
    window._loading = True  # the window's refresh() waits (it sets _reload)

    def work() -> tuple[list[StoredCredential], Mapping[str, str]]:
        with _collector_paused():
            return store.list_credentials(limit=_PREVIEW), store.verdicts()

    def load_all() -> None:
        window._loading = window._reload = False
        window.refresh()

    def done(loaded: tuple[list[StoredCredential], Mapping[str, str]]) -> None:
        if model.rowCount() == 0 and loaded[0]:
            model.show_first(*loaded)
            window._update_page()
        QTimer.singleShot(0, load_all)  # after the first cards are painted

    def failed(exc: BaseException) -> None:
        log.info("first cards not read: %s", exc)  # the whole list follows anyway
        load_all()

    window.ctx.jobs.run(work, done, failed, owner=window)


class StatusRefresher(QObject):
    """Runs status re-checks in jobs and says when a credential's trust result changed."""

    #: (credential_id, Verification) after a re-check
    verification_changed = Signal(str, object)
    #: {credential_id: Verification} after a re-check of every card, at once (the card list
    #: repaints once); ``verification_changed`` follows for each, a chunk per event-loop turn
    verifications_changed = Signal(object)
    #: (credential_id, sentence) a re-check could not run (store or network problem)
    refresh_failed = Signal(str, str)
    #: (credential_id) a re-check started
    refresh_started = Signal(str)
    #: every card was re-checked: (how many)
    all_refreshed = Signal(int)

    def __init__(self, ctx: GuiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._running: set[str] = set()
        self._all_running = False
        self._lock = threading.Lock()
        self._service: TrustService | None = None

    def service(self) -> TrustService:
        """The wallet's TrustService, made on first use on any thread (it shares the
        wallet's HTTP client: never call its network methods on the GUI thread). Raises
        WalletError when the HTTP client cannot be made."""
        with self._lock:
            if self._service is None:
                from wallet_app.wallet.trust_service import TrustService

                ctx = self._ctx
                wallet = ctx.wallet
                self._service = TrustService(ctx.store, lambda: wallet.http, ctx.settings)
            return self._service

    def is_running(self, credential_id: str) -> bool:
        """True while a re-check of ``credential_id`` is under way."""
        return credential_id in self._running or self._all_running

    def refresh(self, credential_id: str, *, force: bool = False) -> bool:
        """Re-check one credential's status in a job (``force``: ignore a cached status
        list). False when one is already under way. Raises nothing."""
        if credential_id in self._running:
            return False
        self._running.add(credential_id)
        ctx = self._ctx
        self.refresh_started.emit(credential_id)

        def work() -> Verification:
            return self.service().refresh_status(credential_id, force=force)

        def done(verification: Verification) -> None:
            self._running.discard(credential_id)
            self.verification_changed.emit(credential_id, verification)

        def failed(exc: BaseException) -> None:
            from wallet_app.gui.messages import user_text

            self._running.discard(credential_id)
            log.info("status of %s not re-checked: %s", credential_id, exc)
            self.refresh_failed.emit(credential_id, user_text(exc))

        ctx.jobs.run(work, done, failed, owner=self)
        return True

    def refresh_all(self) -> bool:
        """Re-check every issued credential's status in one job (fresh status lists). False
        when such a run is already under way. Raises nothing."""
        if self._all_running:
            return False
        self._all_running = True
        ctx = self._ctx

        def work() -> dict[str, Verification]:
            # one pass over every issued credential: each status list is fetched once
            return self.service().reevaluate(status=True, force=True)

        def done(found: dict[str, Verification]) -> None:
            self._all_running = False
            self.verifications_changed.emit(found)
            self._emit_each(list(found.items()))
            self.all_refreshed.emit(len(found))

        def failed(exc: BaseException) -> None:
            from wallet_app.gui.messages import user_text

            self._all_running = False
            self.refresh_failed.emit("", user_text(exc))

        ctx.jobs.run(work, done, failed, owner=self)
        return True

    def _emit_each(self, left: list[tuple[str, Verification]]) -> None:
        """``verification_changed`` for each result, :data:`_EMIT_CHUNK` per turn (10,000
        signals in one turn would hold the window)."""
        for credential_id, verification in left[:_EMIT_CHUNK]:
            self.verification_changed.emit(credential_id, verification)
        if len(left) > _EMIT_CHUNK:
            QTimer.singleShot(0, self, lambda: self._emit_each(left[_EMIT_CHUNK:]))


def status_refresher(ctx: GuiContext) -> StatusRefresher:
    """The application's :class:`StatusRefresher`, kept in ``ctx.extras``."""
    found = ctx.extras.get("status_refresher")
    if not isinstance(found, StatusRefresher):
        found = ctx.extras["status_refresher"] = StatusRefresher(ctx, QCoreApplication.instance())
    return found


def trust_service(ctx: GuiContext) -> TrustService:
    """The wallet's TrustService (see :meth:`StatusRefresher.service`): get the refresher on
    the GUI thread first (``status_refresher(ctx)``), then this works on any thread."""
    found = ctx.extras.get("status_refresher")
    if not isinstance(found, StatusRefresher):
        raise RuntimeError("status_refresher(ctx) was not made on the GUI thread")
    return found.service()


def trust_demo_issuer(ctx: GuiContext, root_pem: bytes) -> None:
    """``--demo``: the demo issuer's root certificate replaces the last demo run's in the
    store's trust list (in a job), so demo cards show "Trusted issuer"; the cards follow.
    Raises nothing."""
    refresher = status_refresher(ctx)
    events = ctx.events

    def work() -> object:
        return refresher.service().trust_demo_root(root_pem)

    def failed(exc: BaseException) -> None:
        log.warning("the demo issuer's root was not added to the trust list: %s", exc)

    ctx.jobs.run(work, lambda _: events.credentials_changed.emit(), failed)


def wire_status_refresh(window: MainWindow) -> None:
    """Cards follow the re-checks: a new trust result repaints its card; the status bar
    says when a re-check of every card ended or could not run. The newest cards are read
    first (:func:`preview_cards`)."""
    preview_cards(window)  # before the window's own load of the whole list starts
    refresher = status_refresher(window.ctx)
    refresher.verification_changed.connect(window.model.set_verification)
    refresher.verifications_changed.connect(window.model.set_verifications)

    def during_load(*_: object) -> None:
        # a list load under way may have read the store before this re-check wrote its
        # verdict: it would paint the older verdict over the new one, so it loads again
        if window._loading:
            window._reload = True

    refresher.verification_changed.connect(during_load)
    refresher.verifications_changed.connect(during_load)

    def all_done(count: int) -> None:
        if count == 1:
            text = QCoreApplication.translate("MainWindow", "Status checked for 1 credential.")
        else:
            text = QCoreApplication.translate(
                "MainWindow", "Status checked for {n} credentials."
            ).format(n=count)
        window.statusBar().showMessage(text, 8000)

    def failed(credential_id: str, message: str) -> None:
        if not credential_id:  # the run over every card
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "The status check failed: {m}").format(
                    m=message
                ),
                8000,
            )

    refresher.all_refreshed.connect(all_done)
    refresher.refresh_failed.connect(failed)
