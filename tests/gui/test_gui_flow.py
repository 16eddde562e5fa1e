"""The issuance flow dialog against the demo issuer (in process; loopback over 127.0.0.1)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import shiboken6
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.support.demo_login import sign_in
from wallet_app.demo_issuer import DemoIssuer, DemoOffer
from wallet_app.errors import AuthorizationError
from wallet_app.gui.card_delegate import CardWidget
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.flow_start import start_issuance
from wallet_app.gui.flow_steps import derive_steps, failure_text, step_of
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.i18n import install_translator
from wallet_app.gui.images import ImageCache
from wallet_app.gui.issuance_flow import IssuanceFlow
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.sequence_diagram import SequenceDiagram
from wallet_app.gui.step_list import StepList
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.resolve import ResolvedOffer
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"
SHOTS = os.environ.get("FLOW_SHOTS")  # a folder: save a screenshot of each state there


_TRACKED: list[QWidget] = []


def track(widget: QWidget) -> None:
    """Close ``widget`` after the test unless it already deleted itself (WA_DeleteOnClose)."""
    _TRACKED.append(widget)


@pytest.fixture(autouse=True)
def _close_tracked() -> Iterator[None]:
    yield
    while _TRACKED:
        widget = _TRACKED.pop()
        if shiboken6.isValid(widget):
            widget.close()


@dataclass
class Env:
    issuer: DemoIssuer
    http: httpx.Client
    ctx: GuiContext
    opened: list[str]
    browser: list[Callable[[str], bool]]

    def resolve(self, offer: DemoOffer) -> tuple[Flow, ResolvedOffer]:
        flow = self.ctx.wallet.new_flow("offer")
        return flow, self.ctx.wallet.resolve_offer(offer.uri, flow=flow)

    def start(self, offer: DemoOffer, parent: QWidget, qtbot: QtBot) -> IssuanceFlow:
        flow, resolved = self.resolve(offer)
        issuance = start_issuance(
            self.ctx,
            resolved,
            tx_code=offer.tx_code,
            parent=parent,
            flow=flow,
        )
        assert issuance.dialog is not None
        track(issuance.dialog)
        return issuance

    def start_sign_in(self, parent: QWidget, qtbot: QtBot) -> tuple[IssuanceFlow, FlowDialog]:
        """A diploma by browser sign-in, started and waiting for the browser it opened."""
        offer = self.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
        issuance = self.start(offer, parent, qtbot)
        assert issuance.dialog is not None
        qtbot.waitUntil(
            lambda: issuance.phase == "browser" and len(self.opened) == 1, timeout=10_000
        )
        return issuance, issuance.dialog


@pytest.fixture
def make_env(tmp_path: Path, qtbot: QtBot) -> Iterator[Callable[..., Env]]:
    made: list[tuple[Env, CredentialStore, Wallet, JobRunner]] = []

    def make(redirect_mode: str = "scheme") -> Env:
        issuer = DemoIssuer(BASE)
        http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
        store = CredentialStore.open(tmp_path / f"d{len(made)}", secrets=MemorySecretStore())
        # the redirect of an issuer without a remembered profile, as compose.wallet_options wires it
        wallet = Wallet(store, http, WalletOptions(redirect=redirect_mode))  # type: ignore[arg-type]
        jobs = JobRunner()
        opened: list[str] = []
        browser: list[Callable[[str], bool]] = []

        def open_browser(url: str) -> bool:  # runs in a job
            opened.append(url)
            return browser[0](url) if browser else True

        settings = Settings(data_dir=tmp_path, redirect_mode=redirect_mode)  # type: ignore[arg-type]
        ctx = GuiContext(wallet, store, settings, jobs, AppEvents(), open_browser)
        # card art and logos from the in-process issuer, not the network
        ctx.extras["image_cache"] = ImageCache(jobs, client=http)
        env = Env(issuer, http, ctx, opened, browser)
        made.append((env, store, wallet, jobs))
        return env

    yield make
    for _env, store, wallet, jobs in made:
        qtbot.waitUntil(lambda j=jobs: j.active == 0, timeout=10_000)  # type: ignore[misc]
        cache = _env.ctx.extras.get("image_cache")
        if isinstance(cache, ImageCache):
            cache.close()
        jobs.shutdown()
        wallet.close()
        store.close()
        _env.http.close()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def statuses(issuance: IssuanceFlow) -> dict[str, str]:
    assert issuance.dialog is not None
    return {s: issuance.dialog.steps.status_of(s) for s in issuance.expected}


# -- pure mapping ---------------------------------------------------------------------------


def test_trace_steps_map_to_rows() -> None:
    assert step_of("token (DPoP nonce retry)") == "token"
    assert step_of("deferred credential") == "credential"
    assert step_of("pushed authorization request") == "authorization"
    assert step_of("issuer metadata (fallback)") == "metadata"
    assert step_of("image") is None
    trace = [
        {"step": "issuer metadata", "status": 200, "duration_ms": 5.0},
        {"step": "token", "status": 200, "duration_ms": 7.0},
    ]
    got = derive_steps(trace, ["metadata", "token", "nonce", "credential"])
    assert got == {
        "metadata": ("done", 5.0),
        "token": ("done", 7.0),
        "nonce": ("running", 0.0),
        "credential": ("waiting", 0.0),
    }
    retry = [
        {"step": "credential", "status": 400, "duration_ms": 3.0},
        {"step": "credential", "status": 200, "duration_ms": 4.0},
    ]
    assert derive_steps(retry, ["credential"]) == {"credential": ("done", 7.0)}


def test_failure_text_triage() -> None:
    assert failure_text(RuntimeError("boom"))[0] == (  # type: ignore[index]
        "Something went wrong. Details are in the log."
    )
    sentence, details = failure_text(  # type: ignore[misc]
        AuthorizationError("Sign in again.", detail="state mismatch", code="bad_state")
    )
    assert sentence == "Sign in again." and "bad_state" in details and "state mismatch" in details


# -- pre-authorized -------------------------------------------------------------------------


def test_pre_authorized_with_tx_code_shows_the_card(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    changed: list[str] = []
    env.ctx.events.credentials_changed.connect(lambda: changed.append("x"))
    recorded: list[str] = []
    env.ctx.events.flow_recorded.connect(recorded.append)
    flow, resolved = env.resolve(offer)
    dialog_parent = parent
    with qtbot.waitSignal(env.ctx.events.flow_recorded, timeout=10_000):
        issuance = start_issuance(
            env.ctx,
            resolved,
            tx_code=offer.tx_code,
            parent=dialog_parent,
            flow=flow,
        )
        assert issuance.dialog is not None
        track(issuance.dialog)
    dialog = issuance.dialog
    assert changed and recorded == [issuance.flow_id]
    assert dialog.pages.currentIndex() == 2 and dialog.done_button.isVisible()
    assert "Personal ID" in dialog.result_heading.text() or dialog.cards.count() == 1
    assert dialog.cards.count() == 1
    qtbot.waitUntil(lambda: statuses(issuance)["notification"] == "done", timeout=10_000)
    got = statuses(issuance)
    assert "authorization" not in got
    assert got == {s: "done" for s in ("metadata", "token", "nonce", "credential", "notification")}
    # the notification went out after the credential: the live diagram draws its arrow too
    assert dialog.diagram is not None
    labels = [row[2] for row in dialog.diagram.row_summary()]  # type: ignore[attr-defined]
    # (the status list check runs beside it and may be drawn before or after it)
    assert "Notification" in labels, labels
    assert labels.index("Notification") > labels.index("Credential request"), labels
    metadata_row = dialog.steps.topLevelItem(0)
    assert metadata_row is not None and metadata_row.text(2).endswith("ms")  # the review's time
    [stored] = env.ctx.store.list_credentials()
    assert stored.credential_configuration_id == "pid_sd_jwt"
    shot(dialog, "pre_authorized_success")
    # the success moment: the card as the main grid paints it, the issuer by name, and Done
    # (Return: it has the focus) leads to the new card
    [card] = dialog.card_widgets
    assert isinstance(card, CardWidget)
    assert dialog.title.text() == "Personal ID from Demo Issuer"
    assert dialog.focusWidget() is dialog.done_button
    with qtbot.waitSignal(env.ctx.events.show_credential, timeout=1_000) as shown:
        qtbot.keyClick(dialog.done_button, Qt.Key.Key_Return)
    assert shown.args == [stored.id]
    assert not dialog.isVisible()


def test_a_flow_that_ends_in_the_background_notifies(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    env.issuer.faults.latency = 0.2
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    issuance = env.start(offer, parent, qtbot)
    view = issuance.dialog
    assert view is not None
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=3_000)
    assert not view.isActiveWindow()
    with qtbot.waitSignal(env.ctx.events.notify, timeout=10_000) as told:
        pass
    assert told.args == ["Credential received", "Personal ID"]


def test_failure_shows_sentence_and_details(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    env.issuer.faults.fail_next("credential", 400, "invalid_credential_request", "Proof too old")
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = env.resolve(offer)
    issuance = IssuanceFlow(env.ctx, resolved, flow=flow)
    dialog = FlowDialog("x", issuance.expected, parent)
    track(dialog)
    issuance2 = start_issuance(env.ctx, resolved, tx_code=None, parent=parent)
    assert issuance2.dialog is not None
    track(issuance2.dialog)
    with qtbot.waitSignal(issuance2.failed, timeout=10_000) as blocker:
        pass
    exc = blocker.args[0] if blocker.args else None
    assert exc is not None
    view = issuance2.dialog
    assert view.pages.currentIndex() == 3
    assert view.failure_text.text() and "Something went wrong" not in view.failure_text.text()
    details = view.details.toPlainText()
    assert "invalid_credential_request" in details and "Proof too old" in details
    assert "HTTP status: 400" in details and f"{BASE}/credential" in details
    assert "HTTP exchanges:" in details and "POST https://issuer.test/token → 200" in details
    assert not view.details.isVisible()
    view.details_toggle.click()
    assert view.details.isVisible()
    wrapper = view.pages.currentWidget()
    assert isinstance(wrapper, QScrollArea)
    qtbot.wait(50)
    assert not wrapper.horizontalScrollBar().isVisible()  # the buttons' row fits the column
    assert statuses(issuance2)["credential"] == "failed"
    assert statuses(issuance2)["token"] == "done"
    assert view.inspector_button.isVisible()
    shot(view, "failure")
    assert env.ctx.store.list_credentials() == []
    del issuance  # constructed only to check it does nothing until start()


def test_unexpected_error_says_details_are_in_the_log(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = env.resolve(offer)

    def broken(*a: object, **kw: object) -> object:
        raise RuntimeError("bug")

    monkeypatch.setattr(env.ctx.wallet, "receive_pre_authorized", broken)
    issuance = IssuanceFlow(env.ctx, resolved, flow=flow)
    with qtbot.waitSignal(issuance.failed, timeout=10_000):
        issuance.start()
    assert issuance.failure is not None
    assert issuance.failure[0] == "Something went wrong. Details are in the log."
    assert "RuntimeError" in issuance.failure[1]


def test_deferred_shows_will_be_issued_later(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    env.issuer.faults.deferred_pending_polls = 2
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = env.resolve(offer)
    issuance = start_issuance(env.ctx, resolved, tx_code=None, parent=parent, flow=flow)
    assert issuance.dialog is not None
    track(issuance.dialog)
    qtbot.waitUntil(lambda: issuance.phase == "done", timeout=10_000)
    view = issuance.dialog
    assert view.pages.currentIndex() == 2 and view.cards.count() == 0
    assert "later" in view.result_heading.text()
    assert statuses(issuance)["notification"] == "skipped"
    assert [c.status for c in env.ctx.store.list_credentials()] == ["deferred"]
    shot(view, "deferred")


def test_cancel_during_a_job_drops_the_late_result(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    env.issuer.faults.latency = 0.15
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow, resolved = env.resolve(offer)
    issuance = start_issuance(env.ctx, resolved, tx_code=None, parent=parent, flow=flow)
    assert issuance.dialog is not None
    track(issuance.dialog)
    finished: list[object] = []
    issuance.finished.connect(finished.append)
    qtbot.waitUntil(lambda: statuses(issuance)["token"] == "running", timeout=5_000)
    shot(issuance.dialog, "running")
    with qtbot.waitSignal(env.ctx.events.credentials_changed, timeout=10_000):
        with qtbot.waitSignal(issuance.cancelled, timeout=1_000):
            issuance.dialog.cancel_button.click()
        assert not issuance.dialog.isVisible()
    assert finished == [] and issuance.phase == "cancelled"


# -- authorization code ---------------------------------------------------------------------


def test_code_flow_with_pasted_redirect(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    offer = env.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    issuance = env.start(offer, parent, qtbot)
    view = issuance.dialog
    assert view is not None
    qtbot.waitUntil(lambda: len(env.opened) == 1, timeout=10_000)
    assert issuance.phase == "browser" and view.pages.currentIndex() == 1
    assert "issuer.test" in view.browser_text.text()
    assert statuses(issuance)["authorization"] == "running"
    assert len(env.ctx.pending_states) == 1
    shot(view, "browser_waiting")
    location = sign_in(env.http, env.opened[0])
    assert location.startswith("io.github.walletapp:/callback?")

    view.paste_edit.setText("io.github.walletapp:/callback?code=x&state=wrong")
    view.paste_button.click()
    assert view.paste_error.isVisible() and issuance.phase == "browser"
    shot(view, "browser_paste_error")

    view.paste_edit.setText(location)
    with qtbot.waitSignal(issuance.finished, timeout=10_000):
        view.paste_button.click()
    assert env.ctx.pending_states == set()
    assert view.cards.count() == 1
    qtbot.waitUntil(lambda: statuses(issuance)["credential"] == "done", timeout=5_000)
    got = statuses(issuance)
    assert {got[s] for s in ("metadata", "authorization", "token", "nonce", "credential")} == {
        "done"
    }
    token_row = view.steps.topLevelItem(3)
    assert token_row is not None and token_row.text(2)  # the token time: from the sealed trace
    qtbot.waitUntil(lambda: statuses(issuance)["notification"] == "done", timeout=10_000)
    # the notification went out after the sealed trace was read: its arrow is drawn too
    assert view.diagram is not None
    labels = [row[2] for row in view.diagram.row_summary()]  # type: ignore[attr-defined]
    # (the status list check runs beside it and may be drawn before or after it)
    assert "Notification" in labels, labels
    assert labels.index("Notification") > labels.index("Credential request"), labels
    shot(view, "code_flow_success")
    # the browser button opens the page again only while waiting
    issuance.open_browser()
    assert len(env.opened) == 1


def test_code_flow_redirect_from_the_os_event(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")

    def browser(url: str) -> bool:
        env.ctx.events.redirect_received.emit(sign_in(env.http, url))
        return True

    env.browser.append(browser)
    offer = env.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    with qtbot.waitSignal(env.ctx.events.flow_recorded, timeout=10_000):
        issuance = env.start(offer, parent, qtbot)
    assert issuance.phase == "done" and len(env.ctx.store.list_credentials()) == 1
    # a second, unrelated redirect is ignored
    assert not issuance.handle_redirect("io.github.walletapp:/callback?code=a&state=b")


def test_cancel_while_waiting_for_the_browser(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    issuance, _view = env.start_sign_in(parent, qtbot)
    location = sign_in(env.http, env.opened[0])
    assert issuance.dialog is not None
    issuance.dialog.reject()
    assert issuance.phase == "cancelled" and env.ctx.pending_states == set()
    assert not issuance.handle_redirect(location)
    env.ctx.events.redirect_received.emit(location)  # no longer listening
    qtbot.waitUntil(lambda: env.ctx.jobs.active == 0, timeout=5_000)
    with pytest.raises(AuthorizationError):  # the pending sign-in was discarded
        env.ctx.wallet.complete_authorization(location)
    history = env.ctx.store.list_history()
    assert any(h.flow_id == issuance.flow_id and h.outcome == "cancelled" for h in history)


def test_no_browser_shows_the_address(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    env.browser.append(lambda url: False)
    offer = env.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    issuance = env.start(offer, parent, qtbot)
    view = issuance.dialog
    assert view is not None
    qtbot.waitUntil(lambda: view.manual_url.isVisible(), timeout=10_000)
    assert view.manual_url.text() == env.opened[0]
    shot(view, "no_browser")
    issuance.cancel()


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_code_flow_with_loopback_redirect(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("loopback")

    def browser(url: str) -> bool:
        location = sign_in(env.http, url)
        with httpx.Client() as real:  # the loopback receiver is a real socket
            return real.get(location).status_code == 200

    env.browser.append(browser)
    offer = env.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    started = time.monotonic()
    with qtbot.waitSignal(env.ctx.events.flow_recorded, timeout=15_000):
        issuance = env.start(offer, parent, qtbot)
    assert time.monotonic() - started < 15
    assert issuance.phase == "done" and issuance._loopback is None
    token = next(r for r in env.issuer.received_requests() if r.path == "/token")
    assert token.body is not None and str(token.body["redirect_uri"]).startswith(
        "http://127.0.0.1:"
    )


# -- a rejected transaction code, the browser launcher, Close while completing --------------


def _wrong(code: str) -> str:
    return "".join(str((int(c) + 1) % 10) for c in code)


def test_wrong_tx_code_can_be_entered_again(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    offer = env.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    assert offer.tx_code is not None
    flow, resolved = env.resolve(offer)
    first_flow = flow.flow_id
    issuance = start_issuance(
        env.ctx, resolved, tx_code=_wrong(offer.tx_code), parent=parent, flow=flow
    )
    view = issuance.dialog
    assert view is not None
    track(view)
    qtbot.waitUntil(lambda: issuance.phase == "failed" and view.pages.currentIndex() == 3)
    assert issuance.can_retry_tx_code
    assert view.retry_button.isVisible() and view.retry_button.text() == "Enter the code again"
    assert statuses(issuance)["token"] == "failed"
    shot(view, "tx_code_rejected")

    view.retry_button.click()
    prompt = issuance.tx_dialog
    assert prompt is not None and prompt.isVisible()
    # a page of the flow dialog: no second modal dialog stacks on it
    assert prompt.window() is view and view.pages.currentWidget() is view.code_page
    assert prompt.host_label.text() == "issuer.test"
    assert view.focusWidget() is prompt.edit and prompt.ok_button.isDefault()
    qtbot.keyClicks(prompt.edit, offer.tx_code)
    with qtbot.waitSignal(issuance.finished, timeout=10_000):
        qtbot.keyClick(prompt.edit, Qt.Key.Key_Return)
    assert issuance.flow_id != first_flow  # a new trace for the new attempt
    assert view.pages.currentIndex() == 2 and view.cards.count() == 1
    assert not view.retry_button.isVisible()
    assert statuses(issuance)["token"] == "done" and statuses(issuance)["metadata"] == "done"
    assert len(env.ctx.store.list_credentials()) == 1
    outcomes = {h.flow_id: h.outcome for h in env.ctx.store.list_history()}
    assert outcomes[first_flow] == "failed"


def test_other_failures_offer_no_code_retry(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env()
    env.issuer.faults.fail_next("token", 400, "invalid_grant", "expired")
    offer = env.issuer.create_offer(["pid_sd_jwt"])  # no tx_code: nothing to enter again
    issuance = env.start(offer, parent, qtbot)
    qtbot.waitUntil(lambda: issuance.phase == "failed")
    view = issuance.dialog
    assert view is not None
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 3)
    assert not issuance.can_retry_tx_code and not view.retry_button.isVisible()
    issuance.retry_with_tx_code("1234")  # ignored
    assert issuance.phase == "failed"


def test_browser_launch_runs_on_its_own_thread(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    release = threading.Event()
    threads: list[str] = []

    def blocking(url: str) -> bool:  # like webbrowser with $BROWSER: returns when it exits
        threads.append(threading.current_thread().name)
        release.wait(10)
        return True

    env.browser.append(blocking)
    offer = env.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    issuance = env.start(offer, parent, qtbot)
    view = issuance.dialog
    assert view is not None
    try:
        qtbot.waitUntil(lambda: len(env.opened) == 1, timeout=10_000)
        assert threads == ["open-browser"]
        # the launcher may block as long as the browser runs ($BROWSER): the button is never
        # tied to it (it stayed disabled while a browser started through $BROWSER ran)
        assert issuance.browser_launching and view.browser_button.isEnabled()
        qtbot.waitUntil(lambda: env.ctx.jobs.active == 0, timeout=5_000)  # no pool thread held
        view.browser_button.click()  # a double click: one page
        assert len(env.opened) == 1
        qtbot.wait(1100)
        view.browser_button.click()  # later: the page again, while the first launch runs
        qtbot.waitUntil(lambda: len(env.opened) == 2, timeout=5_000)
        assert threads == ["open-browser", "open-browser"]
    finally:
        release.set()
    qtbot.waitUntil(lambda: not issuance.browser_launching, timeout=5_000)
    assert view.browser_button.isEnabled()
    issuance.cancel()


def test_browser_wait_ticks_prepares_the_prompt_and_enter_never_cancels(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    """The browser-wait screen looked hung: the time froze at "3 ms" and Enter pressed the
    focused Cancel. Now the wait ticks every second, the page says what the browser will ask,
    and Return (on Cancel too) opens the browser again."""
    env = make_env("scheme")
    issuance, view = env.start_sign_in(parent, qtbot)
    qtbot.waitExposed(view)
    assert view.waiting_label.text() == "Waiting 0:00"
    assert "choose Open" in view.browser_prompt.text()
    assert "close the browser tab" in view.browser_after.text()
    assert view.browser_button.isDefault() and not view.cancel_button.autoDefault()
    assert view.focusWidget() is view.browser_button
    qtbot.waitUntil(lambda: view.waiting_label.text() == "Waiting 0:01", timeout=3_000)
    assert view.steps.time_text("authorization") in ("0:01", "0:02")
    shot(view, "browser_waiting_ticks")
    view.cancel_button.setFocus()
    qtbot.keyClick(view.cancel_button, Qt.Key.Key_Return)
    assert issuance.phase == "browser" and view.isVisible()
    qtbot.waitUntil(lambda: len(env.opened) == 2, timeout=5_000)  # the page, again
    # Return in the paste field continues with the address and opens nothing
    view.paste_edit.setFocus()
    qtbot.keyClicks(view.paste_edit, "io.github.walletapp:/callback?code=x&state=wrong")
    qtbot.wait(1100)
    qtbot.keyClick(view.paste_edit, Qt.Key.Key_Return)
    assert view.paste_error.isVisible() and len(env.opened) == 2
    issuance.cancel()


def test_declined_sign_in_shows_declined_not_a_token_failure(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    """Deny at the issuer showed "Sign-in ✓ Done, Access token ✗ Failed"."""
    env = make_env("scheme")
    issuance, view = env.start_sign_in(parent, qtbot)
    location = sign_in(env.http, env.opened[0], action="deny")
    assert "error=access_denied" in location
    with qtbot.waitSignal(issuance.failed, timeout=10_000):
        env.ctx.events.redirect_received.emit(location)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 3, timeout=5_000)
    got = statuses(issuance)
    assert got["authorization"] == "declined"
    assert {got[s] for s in ("token", "nonce", "credential", "notification")} == {"skipped"}
    row = view.steps.topLevelItem(1)
    assert row is not None and row.text(1) == "⊘ Declined"
    assert "declined" in view.failure_text.text()
    shot(view, "declined")


def test_close_while_completing_lets_the_credential_arrive(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    issuance, view = env.start_sign_in(parent, qtbot)
    location = sign_in(env.http, env.opened[0])
    env.issuer.faults.latency = 0.15
    flow_id = issuance.flow_id
    assert view.cancel_button.text() == "Cancel"
    assert issuance.handle_redirect(location)
    assert issuance.phase == "completing" and view.cancel_button.text() == "Close"
    issuance.cancel()  # ignored now: the credential is being stored
    assert issuance.phase == "completing"
    with qtbot.waitSignal(env.ctx.events.credentials_changed, timeout=10_000):
        view.cancel_button.click()
    qtbot.waitUntil(lambda: env.ctx.jobs.active == 0, timeout=10_000)
    assert len(env.ctx.store.list_credentials()) == 1
    history = env.ctx.store.list_history()
    assert not any(h.outcome == "cancelled" for h in history)
    assert any(h.flow_id == flow_id for h in history)


# -- German, keyboard names, the live sequence diagram -------------------------------------


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    translators = set(qapp.findChildren(QTranslator))
    assert install_translator(qapp, ["de-DE"]) == "de"
    yield
    for translator in set(qapp.findChildren(QTranslator)) - translators:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


def test_german_step_statuses_are_never_clipped(german: None, qtbot: QtBot) -> None:
    """ "Läuft…" was clipped: the status and time columns are as wide as their widest text
    in the UI language (the glyph from a fallback font included)."""
    steps = StepList(["metadata", "authorization", "token", "nonce", "credential"])
    qtbot.addWidget(steps)
    steps.resize(480, steps.height())
    steps.show()
    assert steps.status_text("running") == "Läuft…"
    metrics = steps.fontMetrics()
    header = steps.header()
    for status in ("waiting", "running", "done", "failed", "declined", "skipped"):
        steps.set_step("token", status, 12_345.0)
        row = steps.topLevelItem(2)
        assert row is not None
        needed = metrics.horizontalAdvance(row.text(1) + "M")  # + the glyph's fallback slack
        assert needed <= header.sectionSize(1), (row.text(1), needed, header.sectionSize(1))
        assert metrics.horizontalAdvance(row.text(2)) < header.sectionSize(2)


def test_technical_details_are_in_the_ui_language(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot, qapp: QApplication
) -> None:
    """Our labels in the details go through the translator (English ones showed in the German
    UI); the issuer's own codes and words stay as sent."""

    class Marked(QTranslator):  # a translator that marks every FlowSteps label it is asked for
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            return f"«{source}»" if context == "FlowSteps" else ""

        def isEmpty(self) -> bool:
            return False

    marked = Marked()
    qapp.installTranslator(marked)
    try:
        env = make_env()
        env.issuer.faults.fail_next("credential", 400, "invalid_credential_request", "Too old")
        issuance = env.start(env.issuer.create_offer(["pid_sd_jwt"]), parent, qtbot)
        qtbot.waitUntil(lambda: issuance.failure is not None, timeout=10_000)
        assert issuance.failure is not None
        details = issuance.failure[1]
    finally:
        qapp.removeTranslator(marked)
    assert "«HTTP status»: 400" in details and "«Description»: Too old" in details
    assert "«HTTP exchanges:»" in details and "invalid_credential_request" in details


def test_every_focus_stop_of_the_flow_dialog_has_a_name(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    issuance, view = env.start_sign_in(parent, qtbot)
    qtbot.waitExposed(view)
    unnamed = [
        repr(w)
        for w in view.findChildren(QWidget)
        if w.isVisible()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not (w.accessibleName() or getattr(w, "text", lambda: "")())
    ]
    assert unnamed == []
    issuance.cancel()


def test_the_sequence_diagram_follows_the_flow_and_opens_an_exchange(
    make_env: Callable[..., Env], parent: QWidget, qtbot: QtBot
) -> None:
    env = make_env("scheme")
    env.browser.append(lambda url: True)
    offer = env.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    issuance = env.start(offer, parent, qtbot)
    view = issuance.dialog
    assert view is not None
    diagram = view.diagram
    assert isinstance(diagram, SequenceDiagram)
    qtbot.waitUntil(lambda: issuance.phase == "browser" and len(env.opened) == 1, timeout=10_000)
    # drawn as the requests happen: the metadata and the pushed authorization request so far
    qtbot.waitUntil(lambda: diagram.exchange_arrow(0) is not None, timeout=5_000)
    before = len(diagram.arrows())
    assert diagram.exchange_arrow(len(issuance.flow.exchanges()) - 1) is not None
    location = sign_in(env.http, env.opened[0])
    with qtbot.waitSignal(issuance.finished, timeout=10_000):
        env.ctx.events.redirect_received.emit(location)
    qtbot.waitUntil(lambda: len(diagram.arrows()) > before + 2, timeout=5_000)
    token = next(i for i, ex in enumerate(issuance.flow.exchanges()) if ex.get("step") == "token")
    arrow = diagram.exchange_arrow(token)
    assert arrow is not None
    shot(view, "sequence_diagram")
    arrow.click()  # opens that one exchange (the inspector's exchange window)
    opened = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not view]
    assert any("token" in w.windowTitle().lower() for w in opened), [
        w.windowTitle() for w in opened
    ]
    for window in opened:
        if window is not parent:
            window.close()
