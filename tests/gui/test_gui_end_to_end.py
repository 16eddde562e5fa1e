"""The desktop wallet end to end, as ``wallet-app --demo`` runs it (issue 3 "Done when").

Everything is real: the demo issuer on 127.0.0.1, the store, the Wallet use cases, the main
window, the dialogs a person clicks through, the single-instance channel with
``python -m wallet_app <uri>`` subprocesses, and a scripted browser subprocess for sign-in.
Offscreen; each test builds its own app (``gui_e2e_kit.demo_app``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_e2e_kit import (
    STEP_MS,
    DemoApp,
    accept_offer,
    demo_app,
    desktop_with_qr,
    qr_png,
    run_gui_subprocess,
    tx_code_on_card,
    wait_finished,
    wait_review_page,
)
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wallet_app.gui.demo_panel import DEFERRED_POLLS
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.offer_input import AddCredentialDialog
from wallet_app.gui.offer_review import LINK_ACCEPT_DELAY, OfferReviewDialog
from wallet_app.settings import REDIRECT_URI, RedirectMode

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        yield running


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def _paths(app: DemoApp) -> list[str]:
    return [r.path for r in app.issuer.received_requests()]


# -- 1. `wallet-app --demo` runs every demo scenario to a card, offline ------------------------


def test_demo_id_card_with_transaction_code(app: DemoApp, qtbot: QtBot) -> None:
    panel = app.demo_panel()
    code = tx_code_on_card(panel, "tx_code")
    qtbot.mouseClick(panel.cards["tx_code"].receive_button, Qt.MouseButton.LeftButton)
    review = app.wait_review(qtbot)
    wait_review_page(qtbot, review)
    assert review.issuer_label.text() == "\u2068Demo Issuer\u2069"  # bidi isolated
    dialog, issuance = accept_offer(qtbot, app, review, tx_code=code)
    assert review.tx_dialog is not None
    assert review.tx_dialog.host_label.text() == "127.0.0.1"  # where the code goes
    wait_finished(qtbot, dialog, issuance)
    assert dialog.result_heading.text() == "Credential received", issuance.failure
    card = app.wait_card(qtbot, "Personal ID")
    assert card.credential_configuration_id == "pid_sd_jwt"
    token = next(r for r in app.issuer.received_requests() if r.path == "/token")
    assert token.body is not None and token.body["tx_code"] == code
    assert app.window.pages.currentWidget() is app.window.list_view


@pytest.mark.parametrize("redirect_mode", ["scheme", "loopback"])
def test_demo_diploma_via_browser_login(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, redirect_mode: RedirectMode
) -> None:
    with demo_app(tmp_path, qtbot, monkeypatch, redirect_mode=redirect_mode) as app:
        panel = app.demo_panel()
        panel.cards["browser"].receive_button.click()
        review = app.wait_review(qtbot)
        dialog, issuance = accept_offer(qtbot, app, review)
        assert issuance.code_flow
        wait_finished(qtbot, dialog, issuance)
        trail = app.browser_trail()
        assert issuance.phase == "done", f"{issuance.failure}\n{trail}"
        card = app.wait_card(qtbot, "University Diploma")
        assert card.credential_configuration_id == "diploma_sd_jwt"
        assert dialog.steps.status_of("authorization") == "done"
        token = next(r for r in app.issuer.received_requests() if r.path == "/token")
        assert token.body is not None
        if redirect_mode == "scheme":  # the OS path: `wallet-app <redirect>` → channel → flow
            assert token.body["redirect_uri"] == REDIRECT_URI
            assert "hand redirect (io.github.walletapp:)" in trail, trail
            assert "wallet exited 0" in trail, trail
        else:
            assert str(token.body["redirect_uri"]).startswith("http://127.0.0.1:")
            assert "loopback answered 200" in trail, trail
        qtbot.waitUntil(lambda: app.browser_exits == [0], timeout=STEP_MS)
        assert app.ctx.pending_states == set()


def test_demo_driving_licence_mdoc(app: DemoApp, qtbot: QtBot) -> None:
    panel = app.demo_panel()
    panel.receive("mdoc")
    review = app.wait_review(qtbot)
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "done", issuance.failure
    card = app.wait_card(qtbot, "Driving Licence")
    assert card.format == "mso_mdoc"


def test_demo_deferred_issuance_completes_on_its_own(app: DemoApp, qtbot: QtBot) -> None:
    panel = app.demo_panel()
    panel.cards["deferred"].receive_button.click()
    assert app.issuer.faults.deferred_pending_polls == DEFERRED_POLLS
    review = app.wait_review(qtbot)
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "done", issuance.failure
    assert dialog.result_heading.text() == "Your credential will be issued later"
    assert "Personal ID" in dialog.result_text.text()
    assert dialog.card_widgets == []
    pending = app.wait_card(qtbot, "Personal ID", status="deferred")  # a pending card first
    # then the main window's poll timer fetches it, honouring the issuer's interval
    issued = app.wait_card(qtbot, "Personal ID", status="issued")
    assert issued.id == pending.id
    # the open flow dialog no longer says "will be issued later": it shows the card
    qtbot.waitUntil(lambda: len(dialog.card_widgets) == 1, timeout=STEP_MS)
    assert dialog.result_heading.text() == "Credential received"
    assert dialog.done_button.isVisible() and dialog.focusWidget() is dialog.done_button
    with qtbot.waitSignal(app.ctx.events.show_credential, timeout=STEP_MS) as shown:
        qtbot.keyClick(dialog.done_button, Qt.Key.Key_Return)
    assert shown.args == [issued.id]
    assert [c.status for _, c in app.cards()] == ["issued"]
    assert _paths(app).count("/deferred") == DEFERRED_POLLS + 1
    assert app.ctx.store.list_deferred() == []


def test_demo_batch_of_three(app: DemoApp, qtbot: QtBot) -> None:
    panel = app.demo_panel()
    panel.cards["batch"].receive_button.click()
    review = app.wait_review(qtbot)
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "done", issuance.failure
    card = app.wait_card(qtbot, "Personal ID")
    assert card.instance_count == 3
    [shown] = dialog.card_widgets  # one card for the batch, its copies on it
    assert "3 uses left" in f"{shown.accessibleName()} {shown.accessibleDescription()}"
    credential_request = next(r for r in app.issuer.received_requests() if r.path == "/credential")
    assert credential_request.body is not None
    proofs = credential_request.body["proofs"]
    assert isinstance(proofs, dict) and len(proofs["jwt"]) == 3


# -- 2. an offer pasted, dropped, read from an image, read from the screen, handed off --------


def test_pasted_offer_with_transaction_code(app: DemoApp, qtbot: QtBot) -> None:
    offer = app.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    assert offer.tx_code is not None
    dialog = app.open_add_dialog(qtbot)
    QGuiApplication.clipboard().setText(offer.uri)
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.text_edit.toPlainText() == offer.uri
    assert dialog.continue_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    app.receive_to_card(qtbot, "Personal ID", tx_code=offer.tx_code)


def test_dropped_offer(app: DemoApp, qtbot: QtBot) -> None:
    offer = app.issuer.create_offer(["mdl_mdoc"])  # by value: the whole offer in the link
    dialog = app.open_add_dialog(qtbot)
    mime = QMimeData()
    mime.setText(offer.uri)
    pos, buttons = QPointF(40, 40), Qt.MouseButton.LeftButton
    mods, action = Qt.KeyboardModifier.NoModifier, Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos.toPoint(), action, mime, buttons, mods)
    dialog.dragEnterEvent(enter)  # sendEvent drops drag events with no drag in progress
    assert enter.isAccepted()
    dialog.dropEvent(QDropEvent(pos, action, mime, buttons, mods))
    app.receive_to_card(qtbot, "Driving Licence")


def test_offer_read_from_an_image_file(app: DemoApp, qtbot: QtBot, tmp_path: Path) -> None:
    offer = app.issuer.create_offer(["diploma_sd_jwt"], by_reference=True)
    image = tmp_path / "offer.png"
    image.write_bytes(qr_png(offer.uri))
    dialog = app.open_add_dialog(qtbot)
    assert dialog.open_image_file(str(image)), dialog.status.text()
    app.receive_to_card(qtbot, "University Diploma")


def test_offer_read_from_the_screen(app: DemoApp, qtbot: QtBot) -> None:
    offer = app.issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    grabs: list[bool] = []

    def grab() -> QImage:  # what grab_screens returns on a real desktop showing the QR
        grabs.append(dialog.isVisible())
        return desktop_with_qr(offer.uri)

    dialog = AddCredentialDialog(app.ctx, app.window, grab=grab)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    qtbot.mouseClick(dialog.scan_screen_button, Qt.MouseButton.LeftButton)
    app.receive_to_card(qtbot, "Personal ID")
    assert grabs == [False]  # the dialog hid itself for the screenshot


def test_offer_link_handed_off_by_a_second_process(app: DemoApp, qtbot: QtBot) -> None:
    offer = app.issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    proc = app.hand_off(offer.uri)
    review = app.wait_review(qtbot)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=STEP_MS)
    output, _ = proc.communicate()
    assert proc.returncode == 0, output
    # a link: first where it points, and nothing sent anywhere yet
    assert review.pages.currentWidget() is review.confirm_page
    assert review.host_label.text() == "It points to 127.0.0.1."
    qtbot.wait(50)
    assert app.issuer.received_requests() == []
    qtbot.mouseClick(review.continue_button, Qt.MouseButton.LeftButton)
    wait_review_page(qtbot, review)
    assert _paths(app)[0].startswith("/offers/")
    qtbot.wait(int(LINK_ACCEPT_DELAY * 1000) + 100)  # a link's Accept ignores the first moment
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "done", issuance.failure
    app.wait_card(qtbot, "Personal ID")


# -- 3. a failing issuance: one plain sentence, the details behind a fold, nothing stored ------


def test_failing_issuance_shows_sentence_and_details_and_stores_nothing(
    app: DemoApp, qtbot: QtBot
) -> None:
    panel = app.demo_panel()
    app.issuer.faults.fail_next("credential", 400, "credential_request_denied")
    panel.receive("mdoc")
    review = app.wait_review(qtbot)
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "failed"
    assert dialog.pages.currentIndex() == 3  # the failure page
    sentence = dialog.failure_text.text()
    assert sentence and "\n" not in sentence
    assert "credential_request_denied" not in sentence  # plain words, no codes
    assert not dialog.details.isVisible()
    qtbot.mouseClick(dialog.details_toggle, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible()
    details = dialog.details.toPlainText()
    assert "credential_request_denied" in details
    assert "HTTP status: 400" in details
    assert "/credential" in details
    assert dialog.steps.status_of("credential") == "failed"
    assert app.ctx.store.list_credentials() == []
    qtbot.waitUntil(lambda: app.ctx.jobs.active == 0, timeout=STEP_MS)
    assert app.window.model.rowCount() == 0
    assert app.window.pages.currentWidget() is app.window.empty


# -- run_gui itself: `wallet-app --demo` with links from `wallet-app <uri>` processes ----------


def test_run_gui_demo_takes_a_link_handed_off_by_wallet_app(tmp_path: Path) -> None:
    report = run_gui_subprocess(tmp_path, "after")
    assert report["exit"] == 0
    assert report["windows"] == 1
    assert report["handoffs"] == [0]
    assert report["reviews"] == 1 and report["confirming"] == 1  # the host first
    requests = report["requests"]
    assert isinstance(requests, list)
    assert not any(str(p).startswith("/offers/") for p in requests)  # nothing before Continue


def test_run_gui_keeps_a_link_handed_off_while_it_starts(tmp_path: Path) -> None:
    report = run_gui_subprocess(tmp_path, "during")
    assert report["handoffs"] == [0, 0]  # both accepted by the running wallet...
    assert report["reviews"] == 2  # ...so both must be reviewed


def test_a_finished_offer_leaves_no_dialogs_behind(app: DemoApp, qtbot: QtBot) -> None:
    app.demo_panel().receive("mdoc")
    review = app.wait_review(qtbot)
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    app.wait_card(qtbot, "Driving Licence")
    qtbot.waitUntil(lambda: app.ctx.jobs.active == 0, timeout=STEP_MS)
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert app.window.findChildren(OfferReviewDialog) == []
    assert app.window.findChildren(FlowDialog) == []
