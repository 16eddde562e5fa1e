"""Offer review against the in-process demo issuer: host first, review, tx code, decline."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoIssuer
from wallet_app.gui import flow_start
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.images import ImageCache
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.offer_review import LINK_ACCEPT_DELAY, OfferReviewDialog, start_offer_review
from wallet_app.gui.theme import BADGE_ROLES, colour
from wallet_app.gui.tx_code_dialog import TxCodeDialog, TxCodeForm
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.oid4vci.models import TxCode
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.resolve import ResolvedOffer
from wallet_app.wallet.store import CredentialStore

ISSUER = "https://issuer.test"
Started = list[tuple[ResolvedOffer, str | None]]


@pytest.fixture
def issuer() -> DemoIssuer:
    return DemoIssuer(ISSUER)


@pytest.fixture
def ctx(tmp_path: Path, issuer: DemoIssuer, qapp: QApplication) -> Iterator[GuiContext]:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    wallet = Wallet(store, http)
    jobs = JobRunner()
    context = GuiContext(
        wallet=wallet,
        store=store,
        settings=Settings(data_dir=tmp_path / "data"),
        jobs=jobs,
        events=AppEvents(),
        open_browser=lambda _url: True,
        # the issuer logo comes from the in-process issuer, not the network
        extras={"image_cache": ImageCache(jobs, client=http)},
    )
    yield context
    context.jobs.shutdown()
    wallet.close()
    http.close()
    store.close()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    """Replace the flow screen (another module) by a recorder."""
    calls: Started = []

    def fake(
        ctx: GuiContext,
        resolved: ResolvedOffer,
        *,
        tx_code: str | None,
        parent: QWidget | None,
        flow: object = None,
    ) -> None:
        calls.append((resolved, tx_code))

    monkeypatch.setattr(flow_start, "start_issuance", fake)
    return calls


def save_shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def open_review(qtbot: QtBot, ctx: GuiContext, text: str, source: str) -> OfferReviewDialog:
    dialog = start_offer_review(ctx, text, source, None)
    # the dialog deletes itself when closed (WA_DeleteOnClose): close it only if still alive

    def close_if_alive() -> None:
        if shiboken6.isValid(dialog):
            dialog.close()

    _CLEANUPS.append(close_if_alive)
    return dialog


_CLEANUPS: list[Callable[[], None]] = []


@pytest.fixture(autouse=True)
def _close_reviews() -> Iterator[None]:
    yield
    while _CLEANUPS:
        _CLEANUPS.pop()()


def closed(dialog: OfferReviewDialog) -> bool:
    """True once the dialog is hidden or already deleted."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def wait_review(qtbot: QtBot, dialog: OfferReviewDialog) -> None:
    qtbot.waitUntil(lambda: dialog.review_page is not None, timeout=5000)
    assert dialog.pages.currentWidget() is dialog.review_page


def test_link_shows_the_host_and_fetches_nothing_before_continue(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    demo = issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    dialog = open_review(qtbot, ctx, demo.uri, "link")
    qtbot.wait(50)
    assert dialog.pages.currentWidget() is dialog.confirm_page
    assert dialog.host_label.text() == "It points to issuer.test."
    assert issuer.received_requests() == []
    save_shot(dialog, "review_link_confirm")
    dialog.continue_button.click()
    wait_review(qtbot, dialog)
    assert issuer.received_requests()[0].path.startswith("/offers/")


def test_link_return_continues_then_accept_has_the_focus(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer, started: Started
) -> None:
    """The keyboard path of a person: Return on the host page continues (it pressed Cancel
    while the page was built without a parent); the review then has its focus on Accept (it
    was an unnamed scroll area, where Enter did nothing), so Return accepts, but not the
    Return that confirmed the host a moment before."""
    demo = issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    dialog = open_review(qtbot, ctx, demo.uri, "link")
    qtbot.waitExposed(dialog)
    assert dialog.continue_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    wait_review(qtbot, dialog)
    focused = dialog.focusWidget()
    assert focused is dialog.accept_button and dialog.accept_button.isDefault()
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # the host page's Return, repeated at once
    qtbot.wait(50)
    assert started == [] and dialog.pages.currentWidget() is dialog.review_page
    qtbot.wait(int(LINK_ACCEPT_DELAY * 1000) + 100)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert [code for _, code in started] == [None]
    assert closed(dialog)


def test_every_focus_stop_of_the_review_has_a_name(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    """Tab from Accept visits only named widgets (Decline, the grant choice, Accept)."""
    demo = issuer.create_offer(["diploma_sd_jwt"], grant="both", tx_code=True)
    dialog = open_review(qtbot, ctx, demo.uri, "paste")
    wait_review(qtbot, dialog)
    qtbot.waitExposed(dialog)
    seen = []
    for _ in range(6):
        widget = dialog.focusWidget()
        assert widget is not None
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
        assert name, f"unnamed focus stop: {widget!r}"
        seen.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert seen[0] == "Accept" and "Decline" in seen


def test_link_cancel_makes_no_request(qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer) -> None:
    demo = issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    dialog = open_review(qtbot, ctx, demo.uri, "link")
    dialog.cancel_button.click()
    qtbot.wait(50)
    assert closed(dialog)
    assert issuer.received_requests() == []


def test_review_shows_issuer_credentials_claims_and_badges(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    demo = issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], tx_code=True)
    dialog = open_review(qtbot, ctx, demo.uri, "paste")  # pasted: resolved right away
    wait_review(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.logo_label.pixmap().isNull(), timeout=3000)
    assert dialog.logo_label.accessibleName() == "Demo Issuer logo"
    dialog.resize(560, 640)
    save_shot(dialog, "review_offer")
    resolved = dialog.reviewed.resolved if dialog.reviewed else None
    assert resolved is not None
    assert dialog.issuer_label.text()  # the issuer's display name
    assert dialog.issuer_host_label.text() == "Issued from issuer.test"
    assert [b.text() for b in dialog.badges] == ["First time from this issuer"]
    unisolated = str.maketrans("", "", "\u2068\u2069")  # issuer text is bidi isolated
    texts = [label.text().translate(unisolated) for label in dialog.findChildren(QLabel)]
    claims = [
        label.text().translate(unisolated).splitlines()
        for label in dialog.findChildren(QLabel, "claims")
    ]
    assert len(claims) == 2
    assert claims[0][:2] == ["• Given name", "• Family name"]  # one per line, metadata order
    address = [line for line in claims[0] if line.startswith("• Address")]
    assert address and "(Street, City, " in address[0]  # nested claims under their parent
    assert "Contains:" in texts
    for conf in resolved.configurations:
        english = [d.name for d in conf.display if (d.locale or "en").startswith("en")]
        assert english and english[0] in texts  # each card shows its display name
    assert dialog.grant_buttons == {}  # only one grant offered


def test_accept_with_tx_code_validates_and_starts_issuance(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer, started: Started
) -> None:
    demo = issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    dialog = open_review(qtbot, ctx, demo.uri, "paste")
    wait_review(qtbot, dialog)
    dialog.accept_button.click()
    tx = dialog.tx_dialog
    assert tx is not None and tx.isVisible()
    # a page of the review, not a second modal dialog stacked on it
    assert tx.window() is dialog and dialog.pages.currentWidget() is dialog.tx_page
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [dialog]
    assert tx.host_label.text() == "issuer.test"  # the token endpoint's host (§13.6.2)
    assert "Enter the 6-digit code" in "\n".join(label.text() for label in tx.findChildren(QLabel))
    save_shot(dialog, "review_tx_code")
    qtbot.keyClicks(dialog.focusWidget(), "12")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert tx.isVisible() and tx.error.text() == "The transaction code has 6 digits."
    save_shot(dialog, "review_tx_code_error")
    assert started == []
    tx.edit.clear()
    assert demo.tx_code is not None
    qtbot.keyClicks(tx.edit, demo.tx_code)
    qtbot.keyClick(tx.edit, Qt.Key.Key_Return)  # Enter sends: Send code is the default
    assert started and started[0][1] == demo.tx_code
    assert started[0][0].grant == "pre-authorized_code"
    assert closed(dialog)


def test_tx_code_field_is_plain_named_and_send_code_is_primary(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer, started: Started
) -> None:
    """No input mask (it drew a black block cursor and "______", read aloud as such): a plain
    field named "Transaction code" with the length in words; Send code is the primary,
    default button; Back returns to the review."""
    demo = issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    dialog = open_review(qtbot, ctx, demo.uri, "paste")
    wait_review(qtbot, dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Accept has the focus
    tx = dialog.tx_dialog
    assert isinstance(tx, TxCodeForm) and tx.isVisible()
    assert dialog.focusWidget() is tx.edit
    assert tx.edit.inputMask() == "" and tx.edit.text() == "" and tx.edit.displayText() == ""
    assert tx.edit.accessibleName() == "Transaction code"
    assert tx.edit.placeholderText() == "6 digits" and tx.edit.maxLength() == 6
    assert tx.ok_button.property("primary") is True and tx.ok_button.isDefault()
    assert not tx.cancel_button.autoDefault()
    for widget in tx.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            assert widget.accessibleName() or getattr(widget, "text", lambda: "")(), widget
    tx.cancel_button.click()
    assert dialog.pages.currentWidget() is dialog.review_page and dialog.tx_dialog is None
    assert started == []


def test_tx_code_dialog_numeric_rejects_letters_and_text_mode_accepts(qtbot: QtBot) -> None:
    numeric = TxCodeDialog(TxCode("numeric", 4, "Code from the letter"), "as.example")
    qtbot.addWidget(numeric)
    qtbot.keyClicks(numeric.edit, "1a2b34")
    assert numeric.code() == "1234"
    text = TxCodeDialog(TxCode("text", None, None), "as.example")
    qtbot.addWidget(text)
    qtbot.keyClicks(text.edit, "AB-9")
    assert text.code() == "AB-9"
    text.ok_button.click()
    assert text.result() == TxCodeDialog.DialogCode.Accepted


def test_grant_choice_sign_in_skips_the_tx_code(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer, started: Started
) -> None:
    demo = issuer.create_offer(["diploma_sd_jwt"], grant="both", tx_code=True)
    dialog = open_review(qtbot, ctx, demo.uri, "paste")
    wait_review(qtbot, dialog)
    assert set(dialog.grant_buttons) == {"pre-authorized_code", "authorization_code"}
    assert dialog.grant_buttons["pre-authorized_code"].isChecked()
    save_shot(dialog, "review_grant_choice")
    dialog.grant_buttons["authorization_code"].setChecked(True)
    dialog.accept_button.click()
    assert dialog.tx_dialog is None
    assert [(r.grant, code) for r, code in started] == [("authorization_code", None)]


def test_decline_stores_nothing(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer, started: Started
) -> None:
    demo = issuer.create_offer(["pid_sd_jwt"])
    dialog = open_review(qtbot, ctx, demo.uri, "paste")
    wait_review(qtbot, dialog)
    before = len(issuer.received_requests())
    dialog.decline_button.click()
    qtbot.wait(50)
    assert started == []
    assert ctx.store.list_credentials() == []
    assert ctx.store.list_history() == []
    assert len(issuer.received_requests()) == before  # no token request, nothing else


def test_resolution_error_shows_one_sentence_and_details(qtbot: QtBot, ctx: GuiContext) -> None:
    text = (
        "openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A%22"
        "https%3A%2F%2Fissuer.test%22%2C%22credential_configuration_ids%22%3A%5B%22nope%22%5D%7D"
    )
    dialog = open_review(qtbot, ctx, text, "paste")
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.error_page, timeout=5000)
    assert "cannot be received" in dialog.error_label.text()
    assert not dialog.details.isVisible()
    dialog.details_button.click()
    assert dialog.details.isVisible()
    assert "code: unknown_configuration" in dialog.details.toPlainText()
    save_shot(dialog, "review_error")


def test_review_reassures_and_fits_its_content(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    """First time from an issuer is a neutral note (it was a red alarm), the dialog is as tall
    as its content (it was half empty), and two credentials get a plural question."""
    demo = issuer.create_offer(["pid_sd_jwt", "diploma_sd_jwt"], grant="both", tx_code=True)
    dialog = open_review(qtbot, ctx, demo.uri, "paste")
    wait_review(qtbot, dialog)
    [badge] = dialog.badges
    assert badge.objectName() == "firstTimeBadge"
    info = [colour(role, badge.palette()) for role in BADGE_ROLES["info"]]
    assert all(c in badge.styleSheet() for c in info)  # a neutral note, not the error red
    assert colour(BADGE_ROLES["error"][0], badge.palette()) not in badge.styleSheet()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "How would you like to receive them?" in texts
    save_shot(dialog, "review_two_credentials")
    single = open_review(qtbot, ctx, issuer.create_offer(["pid_sd_jwt"]).uri, "paste")
    wait_review(qtbot, single)
    qtbot.waitExposed(single)
    page = single.review_page
    assert page is not None
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    # the dialog fits itself once its page is laid out (a late layout pass may show the
    # scroll bar for a moment)
    qtbot.waitUntil(lambda: not scroll.verticalScrollBar().isVisible(), timeout=3000)
    body = scroll.widget()
    assert body is not None
    # the content fills the dialog: at most a few lines of empty space below it
    spare = scroll.viewport().height() - body.minimumSizeHint().height()
    assert 0 <= spare < 4 * single.fontMetrics().height(), spare
    save_shot(single, "review_single")


def test_known_issuer_has_no_first_time_badge(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    first = issuer.create_offer(["pid_sd_jwt"])
    flow = ctx.wallet.new_flow("offer")
    resolved = ctx.wallet.resolve_offer(first.uri, flow=flow)
    ctx.wallet.receive_pre_authorized(resolved, flow=flow)
    second = issuer.create_offer(["mdl_mdoc"])
    dialog = open_review(qtbot, ctx, second.uri, "paste")
    wait_review(qtbot, dialog)
    assert dialog.badges == []


def test_loopback_issuer_gets_the_local_badge(qtbot: QtBot, tmp_path: Path) -> None:
    local = DemoIssuer("http://127.0.0.1:8765")
    store = CredentialStore.open(tmp_path / "local", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=local))
    wallet = Wallet(store, http)
    jobs = JobRunner()
    ctx = GuiContext(wallet, store, Settings(data_dir=tmp_path), jobs, AppEvents(), lambda _u: True)
    ctx.extras["image_cache"] = ImageCache(jobs, client=http)
    try:
        dialog = open_review(qtbot, ctx, local.create_offer(["pid_sd_jwt"]).uri, "paste")
        wait_review(qtbot, dialog)
        assert [b.text() for b in dialog.badges] == [
            "Local issuer on this computer",
            "First time from this issuer",
        ]
        # the teal of the cards' local badge (card_delegate paints the same role), not olive
        local = colour(BADGE_ROLES["local"][0], dialog.badges[0].palette())
        assert local in dialog.badges[0].styleSheet()
        assert dialog.issuer_host_label.text() == "Issued from 127.0.0.1:8765"
        save_shot(dialog, "review_local_issuer")
    finally:
        jobs.shutdown()
        wallet.close()
        http.close()
        store.close()


def test_error_details_labels_are_in_the_ui_language(
    qtbot: QtBot, ctx: GuiContext, qapp: QApplication
) -> None:
    """The details' labels are our words, so they follow the UI language (they stayed English
    in the German UI); the code itself stays as it is."""

    class Marked(QTranslator):  # marks every review string it is asked for
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            return f"«{source}»" if context == "OfferReviewDialog" else ""

        def isEmpty(self) -> bool:
            return False

    text = (
        "openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A%22"
        "https%3A%2F%2Fissuer.test%22%2C%22credential_configuration_ids%22%3A%5B%22nope%22%5D%7D"
    )
    marked = Marked()
    qapp.installTranslator(marked)
    try:
        dialog = open_review(qtbot, ctx, text, "paste")
        qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.error_page, timeout=5000)
    finally:
        qapp.removeTranslator(marked)
    assert "«code: {code}»".replace("{code}", "unknown_configuration") in (
        dialog.details.toPlainText()
    )
