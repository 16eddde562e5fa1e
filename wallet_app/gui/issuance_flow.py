"""Drive one issuance from an accepted offer: jobs for the use cases, the browser step, steps.

Each user step is one job on ``ctx.jobs`` calling a ``ctx.wallet`` use case; while a job runs,
the flow's trace (``Flow.exchanges()``) is polled every 100 ms and mapped to step rows. A
generation id drops results of cancelled flows. See house-style §2 (data flow).

The system browser is started on its own daemon thread per click (``webbrowser`` with
``$BROWSER`` waits until that command exits, which may be when the browser exits), never on the
job pool, and a running launch never blocks the next click. A Transaction Code the issuer
rejected can be entered again (a new trace, §6.3 ``invalid_grant``). A redirect that carries
an error settles the sign-in step itself (``access_denied``: "Declined"). Credentials the
issuer issues later are watched: when the wallet's poll stores them, ``deferred_arrived``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from wallet_app.errors import Cancelled, IssuerError, WalletError
from wallet_app.gui.context import GuiContext
from wallet_app.gui.flow_refusal import NOTIFICATION_WAIT, failure_final, settle_notification
from wallet_app.gui.flow_rows import Leftovers, settle_rows
from wallet_app.gui.flow_steps import (
    derive_steps,
    expected_steps,
    failure_text,
    step_of,
)
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.tx_code_dialog import TxCodeForm
from wallet_app.host.loopback import LoopbackReceiver
from wallet_app.oid4vci.authorize import redirect_params
from wallet_app.oid4vci.models import TxCode
from wallet_app.settings import REDIRECT_URI
from wallet_app.wallet.client_choice import custom_redirect_uri
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.issuance import IssuanceResult, PendingAuthorization
from wallet_app.wallet.resolve import ResolvedOffer
from wallet_app.wallet.store import StoredCredential

__all__ = ["IssuanceFlow"]

log = logging.getLogger(__name__)

_POLL_MS = 100
#: clicks on "Open the browser again" closer together than this open one page
_BROWSER_DEBOUNCE = 0.5
#: token endpoint errors that mean "the transaction code is wrong" (§6.3; some issuers say so)
_TX_CODE_ERRORS = ("invalid_grant", "invalid_tx_code")


class IssuanceFlow(QObject):
    """One issuance (pre-authorized or authorization code) from start to card."""

    step_changed = Signal(str, str, float)
    finished = Signal(object)  # IssuanceResult
    failed = Signal(object)  # BaseException
    waiting_for_browser = Signal(str)
    browser_failed = Signal(str)  # no browser could be started: the URL to open by hand
    cancelled = Signal()
    #: the redirect arrived: the token and credential requests are under way
    completing = Signal()
    #: a rejected transaction code was replaced: the flow runs again from the token request
    restarted = Signal()
    #: True while a browser launch is under way (the launcher may run as long as the browser)
    browser_busy = Signal(bool)
    #: a snapshot of the flow's exchanges (list of dicts) whenever the rows are synced
    trace_updated = Signal(object)
    #: credentials this flow left to be issued later have arrived: tuple[StoredCredential]
    deferred_arrived = Signal(object)
    _redirect_arrived = Signal(str)  # from the loopback thread
    _browser_done = Signal(int, object)  # (generation, result) from the launcher thread

    def __init__(
        self,
        ctx: GuiContext,
        resolved: ResolvedOffer,
        *,
        tx_code: str | None = None,
        flow: Flow | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resolved = resolved
        self._tx_code = tx_code
        self.flow = flow or ctx.wallet.new_flow("offer")
        self.code_flow = resolved.grant == "authorization_code"
        self.phase = "idle"
        self._generation = 0
        self._leftovers = Leftovers(ctx.pending_states)
        self.destroyed.connect(self._leftovers.release)
        self._pending: PendingAuthorization | None = None
        self._loopback: LoopbackReceiver | None = None
        self._auth_started = 0.0
        self._listening = False
        self._auth_ms: float | None = None
        self.steps: dict[str, tuple[str, float]] = {}
        self.expected = expected_steps(resolved)
        self.failure: tuple[str, str] | None = None
        self._last_error: BaseException | None = None
        self._launches = 0
        self._last_launch = -_BROWSER_DEBOUNCE
        #: the ``error`` of a redirect that ended the sign-in without a code
        self.redirect_error: str | None = None
        #: stored ids of the credentials this flow left to be issued later, still pending
        self.awaiting: set[str] = set()
        self.dialog: FlowDialog | None = None
        #: the prompt for another transaction code (after the issuer rejected one)
        self.tx_dialog: TxCodeForm | None = None
        issuer = resolved.issuer
        self._skipped = {
            s
            for s, endpoint in (
                ("nonce", issuer.nonce_endpoint),
                ("notification", issuer.notification_endpoint),
            )
            if not endpoint
        }
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._on_poll_timeout)
        self._redirect_arrived.connect(self.handle_redirect)
        self._browser_done.connect(self._on_browser_opened, Qt.ConnectionType.QueuedConnection)

    @property
    def flow_id(self) -> str:
        """The id of this flow's trace."""
        return self.flow.flow_id

    @property
    def pending_url(self) -> str | None:
        """The authorization URL while the browser step waits."""
        return self._pending.url if self._pending else None

    # -- step bookkeeping --------------------------------------------------------------------
    def _set(self, step: str, status: str, ms: float = 0.0) -> None:
        if step in self.expected and self.steps.get(step) != (status, ms):
            self.steps[step] = (status, ms)
            self.step_changed.emit(step, status, ms)

    def _sync(self, exchanges: Sequence[Mapping[str, object]], *, final: str | None = None) -> None:
        """Map the trace to the rows; ``final`` ("done"/"failed") settles unfinished rows."""
        self.trace_updated.emit([dict(ex) for ex in exchanges])
        for step, status, ms in settle_rows(
            exchanges,
            expected=self.expected,
            skipped=self._skipped,
            code_flow=self.code_flow,
            phase=self.phase,
            redirect_error=self.redirect_error,
            auth_ms=self._auth_ms,
            final=final,
        ):
            self._set(step, status, ms)

    def _on_poll_timeout(self) -> None:
        self._sync(self.flow.exchanges())

    # -- start -------------------------------------------------------------------------------
    def start(self) -> None:
        """Run the flow: one job (pre-authorized) or the browser round (authorization code)."""
        if self.phase != "idle":
            return
        self.phase = "running"
        self._sync(self.flow.exchanges())
        if self.code_flow:
            self._begin_authorization()
        else:
            resolved, flow, tx = self.resolved, self.flow, self._tx_code
            self._run(
                lambda: self.ctx.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=tx),
                self._on_result,
            )

    def _run(
        self,
        fn: Callable[[], object],
        on_done: Callable[[object], None],
        *,
        poll: bool = True,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` as a job; drop its result when the flow was cancelled or destroyed."""
        generation, leftovers, events = self._generation, self._leftovers, self.ctx.events

        def current() -> bool:
            return leftovers.alive and generation == self._generation

        def done(result: object) -> None:
            if not current():
                if isinstance(result, IssuanceResult):  # stored after all: keep the list right
                    events.credentials_changed.emit()
                    events.flow_recorded.emit(result.flow_id)
                return
            if poll:
                self._timer.stop()
            on_done(result)

        def error(exc: BaseException) -> None:
            if current():
                if poll:
                    self._timer.stop()
                (on_error or self._on_failure)(exc)

        if poll:
            self._timer.start()
        self.ctx.jobs.run(fn, done, error)

    # -- authorization code ------------------------------------------------------------------
    def _begin_authorization(self) -> None:
        try:
            if (redirect := self.resolved.profile.redirect) == "loopback":  # settings' default
                self._loopback = LoopbackReceiver(page_title="Wallet")
                self._leftovers.loopback = self._loopback
                redirect_uri = self._loopback.start()
                self._loopback.set_callback(self._redirect_arrived.emit)
            elif redirect == "custom":  # nothing catches it: the person pastes it back
                redirect_uri = custom_redirect_uri(self.resolved.profile)
            else:
                redirect_uri = REDIRECT_URI
                self.ctx.events.redirect_received.connect(self.handle_redirect)
                self._listening = True
        except WalletError as exc:
            self._on_failure(exc)
            return
        self._auth_started = time.monotonic()
        resolved, flow = self.resolved, self.flow
        self._run(
            lambda: self.ctx.wallet.begin_authorization(
                resolved, redirect_uri=redirect_uri, flow=flow
            ),
            self._on_pending,
        )

    def _on_pending(self, pending: object) -> None:
        assert isinstance(pending, PendingAuthorization)
        self._sync(self.flow.exchanges())
        self._pending = pending
        self.ctx.pending_states.add(pending.state)
        self._leftovers.state = pending.state
        if self._loopback is not None:
            self._loopback.expect_state(pending.state)
        self.phase = "browser"
        self.waiting_for_browser.emit(pending.url)
        self.open_browser()

    @property
    def browser_launching(self) -> bool:
        """True while a browser start is under way."""
        return self._launches > 0

    def open_browser(self) -> None:
        """Open the authorization URL on a daemon thread of its own: ``$BROWSER`` may block
        until the browser exits, which must not hold a job-pool thread nor the next click (a
        browser that is still running gets the page as a new tab). Clicks within half a second of
        the last launch open nothing more."""
        url = self.pending_url
        if url is None or self.phase != "browser":
            return
        now = time.monotonic()
        if now - self._last_launch < _BROWSER_DEBOUNCE:
            return
        self._last_launch = now
        self._launches += 1
        if self._launches == 1:
            self.browser_busy.emit(True)
        generation, opener, report = self._generation, self.ctx.open_browser, self._browser_done

        def launch() -> None:
            opened: object
            try:
                opened = opener(url)
            except Exception:  # a broken launcher: show the address instead
                log.exception("The browser could not be started")
                opened = False
            with contextlib.suppress(RuntimeError):  # the flow was closed meanwhile
                report.emit(generation, opened)

        threading.Thread(target=launch, name="open-browser", daemon=True).start()

    def _on_browser_opened(self, generation: int, opened: object) -> None:
        self._launches = max(0, self._launches - 1)
        if self._launches == 0:
            self.browser_busy.emit(False)
        if generation != self._generation:
            return
        if opened is False and self.phase == "browser" and self._pending is not None:
            self.browser_failed.emit(self._pending.url)

    def accepts_redirect(self, url: str) -> bool:
        """True when ``url`` is the redirect this flow waits for (its ``state``)."""
        if self.phase != "browser" or self._pending is None:
            return False
        return redirect_params(url).get("state") == self._pending.state

    def handle_redirect(self, url: str) -> bool:
        """Finish the browser step with the redirect URL; False if it is not ours."""
        if not self.accepts_redirect(url):
            return False
        self.phase = "completing"
        self._release_redirect()
        self._auth_ms = (time.monotonic() - self._auth_started) * 1000
        error = redirect_params(url).get("error")
        if error is not None:  # declined or refused: complete_authorization records it
            self.redirect_error = error
            self._set("authorization", "declined" if error == "access_denied" else "failed")
        else:
            self._set("authorization", "done", self._auth_ms)
            self._set("token", "running")
            if "nonce" not in self._skipped:
                self._set("nonce", "running")
        flow = self.flow
        self.completing.emit()
        self._run(lambda: self.ctx.wallet.complete_authorization(url, flow=flow), self._on_result)
        return True

    def _release_redirect(self) -> None:
        if self._pending is not None:
            self.ctx.pending_states.discard(self._pending.state)
        if self._loopback is not None:
            self._loopback.close()
            self._loopback = None
        if self._listening:
            self._listening = False
            self.ctx.events.redirect_received.disconnect(self.handle_redirect)

    # -- outcome -----------------------------------------------------------------------------
    def _on_result(self, result: object) -> None:
        assert isinstance(result, IssuanceResult)
        self.phase = "done"
        issued = bool(result.credentials)
        if issued and "notification" not in self._skipped:
            self._set("notification", "running")
        self._load_trace(final="done")
        self.awaiting = {d.id for d in result.deferred}
        if self.awaiting:
            # the main window polls the issuer and says so through credentials_changed
            self.ctx.events.credentials_changed.connect(self._check_deferred)
        self.ctx.events.credentials_changed.emit()
        self.ctx.events.flow_recorded.emit(result.flow_id)
        self.finished.emit(result)
        if "notification" in self._skipped:
            return
        if not issued:
            self._set("notification", "skipped")
            return
        wallet, flow = self.ctx.wallet, self.flow

        store, flow_id, code_flow = self.ctx.store, self.flow_id, self.code_flow

        def wait_and_read() -> list[Mapping[str, object]]:  # not for the status (it may be held)
            wallet.wait_for_notifications(NOTIFICATION_WAIT, skip=[*result.status_checks.values()])
            # the code flow ran in another Flow object: its stored trace is the full record,
            # and the notification request was appended to it after it went out
            return store.get_trace(flow_id) if code_flow else flow.exchanges()

        def waited(exchanges: object) -> None:
            if not isinstance(exchanges, list):
                return
            # the notification request came after the credential: draw its arrow too
            self.trace_updated.emit([dict(ex) for ex in exchanges])
            status, ms = derive_steps(exchanges, ["notification"])["notification"]
            self._set("notification", "failed" if status == "failed" else "done", ms)

        self._run(
            wait_and_read,
            waited,
            poll=False,
            on_error=lambda exc: None,
        )

    def _check_deferred(self) -> None:
        """Look in the store for the credentials this flow left pending (in a job)."""
        if not self.awaiting:
            return
        store, awaiting = self.ctx.store, set(self.awaiting)

        def arrived() -> list[StoredCredential]:
            return [
                c for c in store.list_credentials() if c.id in awaiting and c.status == "issued"
            ]

        def found(result: object) -> None:
            if not isinstance(result, list):
                return
            new = [c for c in result if isinstance(c, StoredCredential) and c.id in self.awaiting]
            if not new:
                return
            self.awaiting -= {c.id for c in new}
            if not self.awaiting:
                self.ctx.events.credentials_changed.disconnect(self._check_deferred)
            self.deferred_arrived.emit(tuple(new))

        self.ctx.jobs.run(arrived, found, lambda exc: None, owner=self)

    def _load_trace(self, *, final: str, exc: BaseException | None = None) -> None:
        """Settle the rows from the stored trace (the code flow continues in another
        ``Flow`` object inside the use case, so the sealed trace is the full record)."""
        if not self.code_flow:
            self._sync(self.flow.exchanges(), final=final)
            if exc is not None:
                self._emit_failure(exc, self.flow.exchanges())
            return
        store, flow_id = self.ctx.store, self.flow_id

        def loaded(trace: object) -> None:
            if not isinstance(trace, list):
                return
            self._sync(trace, final=final)
            if exc is not None:
                self._emit_failure(exc, trace)

        def missing(_: BaseException) -> None:  # nothing was recorded (e.g. unknown state)
            loaded(self.flow.exchanges())

        self._run(lambda: store.get_trace(flow_id), loaded, poll=False, on_error=missing)

    def _on_failure(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.cancel()
            return
        if not isinstance(exc, WalletError):
            log.error("Issuance failed unexpectedly", exc_info=exc)
        self.phase = "failed"
        self._last_error = exc
        self._release_redirect()
        self.ctx.events.flow_recorded.emit(self.flow_id)
        self._load_trace(final=failure_final(exc), exc=exc)
        settle_notification(self, exc)  # a refused credential: the issuer was told

    def _emit_failure(self, exc: BaseException, trace: Sequence[Mapping[str, object]]) -> None:
        self.failure = failure_text(exc, trace)
        self.failed.emit(exc)

    # -- another transaction code -------------------------------------------------------------
    @property
    def tx_code_spec(self) -> TxCode | None:
        """The offer's ``tx_code`` description (pre-authorized flows only, §4.1.1)."""
        grant = self.resolved.offer.pre_authorized_code
        return grant.tx_code if grant is not None and not self.code_flow else None

    @property
    def can_retry_tx_code(self) -> bool:
        """True when the flow failed because the issuer rejected the transaction code."""
        exc = self._last_error
        return (
            self.phase == "failed"
            and self.tx_code_spec is not None
            and isinstance(exc, IssuerError)
            and exc.error in _TX_CODE_ERRORS
        )

    def retry_with_tx_code(self, tx_code: str) -> None:
        """Run the flow again with another transaction code (a new trace that keeps the
        metadata exchanges). Does nothing unless :attr:`can_retry_tx_code`."""
        if not self.can_retry_tx_code:
            return
        old = self.flow
        self._generation += 1
        self.flow = self.ctx.wallet.new_flow(old.kind)
        self.flow.extend(
            [ex for ex in old.exchanges() if step_of(str(ex.get("step", ""))) == "metadata"]
        )
        self._tx_code = tx_code
        self.steps = {}
        self.failure = None
        self._last_error = None
        self.phase = "idle"
        self.restarted.emit()
        self.start()

    def cancel(self) -> None:
        """Stop the flow: late results are dropped and the pending sign-in is discarded.

        After the redirect was handled ("completing") the credential is being stored: the
        flow then runs to its end and nothing is recorded as cancelled."""
        if self.phase in ("done", "failed", "cancelled", "completing"):
            return
        self.phase = "cancelled"
        self._generation += 1
        self._timer.stop()
        self._release_redirect()
        pending, wallet, flow = self._pending, self.ctx.wallet, self.flow
        issuer = self.resolved.issuer.credential_issuer

        def forget() -> None:
            if pending is not None:
                wallet.store.take_pending(pending.state)
            wallet.record_failure(flow, issuer, Cancelled())

        self.ctx.jobs.run(forget, lambda _: None, lambda exc: None)
        self.cancelled.emit()
