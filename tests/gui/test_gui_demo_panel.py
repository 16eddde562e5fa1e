"""The demo panel: scenario cards with QR codes emit fresh, correct offers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import shiboken6
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig, DemoIssuer, serve
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.demo_panel import DEFERRED_POLLS, SCENARIOS, DemoPanel
from wallet_app.gui.jobs import JobRunner
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.oid4vci.models import OfferReference
from wallet_app.oid4vci.offer import parse_offer, parse_offer_json
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[GuiContext]:
    store = CredentialStore.open(tmp_path, secrets=MemorySecretStore())
    http = httpx.Client()
    jobs = JobRunner()
    context = GuiContext(
        wallet=Wallet(store, http),
        store=store,
        settings=Settings(data_dir=tmp_path),
        jobs=jobs,
        events=AppEvents(),
        open_browser=lambda url: False,
        demo_base_url=BASE,
    )
    context.extras["demo_issuer"] = DemoIssuer(BASE)
    yield context
    jobs.shutdown()
    http.close()
    store.close()


@pytest.fixture
def panel(ctx: GuiContext, qtbot: QtBot) -> DemoPanel:
    widget = DemoPanel(ctx, None)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _issuer(ctx: GuiContext) -> DemoIssuer:
    issuer = ctx.extras["demo_issuer"]
    assert isinstance(issuer, DemoIssuer)
    return issuer


def test_every_scenario_has_a_card(panel: DemoPanel) -> None:
    assert list(panel.cards) == [s.key for s in SCENARIOS]
    for card in panel.cards.values():
        assert card.receive_button.property("primary") is True
        assert card.qr_label.pixmap() is not None and not card.qr_label.pixmap().isNull()


SCENARIO_OFFERS = [
    ("tx_code", "pid_sd_jwt", "pre"),
    ("browser", "diploma_sd_jwt", "code"),
    ("mdoc", "mdl_mdoc", "pre"),
    ("deferred", "pid_sd_jwt", "pre"),
    ("batch", "pid_sd_jwt", "pre"),
]


@pytest.mark.parametrize(("key", "configuration_id", "grant"), SCENARIO_OFFERS)
def test_receive_click_emits_a_valid_offer(
    panel: DemoPanel, ctx: GuiContext, qtbot: QtBot, key: str, configuration_id: str, grant: str
) -> None:
    shown = panel.offers[key]
    with qtbot.waitSignal(ctx.events.offer_received, timeout=1000) as blocker:
        panel.cards[key].receive_button.click()
    uri, source = blocker.args
    assert (uri, source) == (shown.uri, "demo")
    reference = parse_offer(uri)  # by reference: a short link, a small QR code
    assert isinstance(reference, OfferReference)
    assert reference.uri.startswith(f"{BASE}/offers/")
    offer = parse_offer_json(shown.offer)
    assert offer.credential_issuer == BASE
    assert offer.credential_configuration_ids == (configuration_id,)
    if grant == "pre":
        assert offer.pre_authorized_code is not None and offer.authorization_code is None
    else:
        assert offer.authorization_code is not None and offer.pre_authorized_code is None
        assert offer.authorization_code.issuer_state
    # the offer on screen stays until it is redeemed (issue 8 P1)
    assert panel.offers[key].uri == uri


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_emitted_offer_resolves_against_the_running_demo_issuer(
    tmp_path: Path, qtbot: QtBot
) -> None:
    with serve(DemoConfig()) as running, httpx.Client() as http:
        store = CredentialStore.open(tmp_path, secrets=MemorySecretStore())
        wallet = Wallet(store, http)
        jobs = JobRunner()
        context = GuiContext(
            wallet=wallet,
            store=store,
            settings=Settings(data_dir=tmp_path),
            jobs=jobs,
            events=AppEvents(),
            open_browser=lambda url: False,
            demo_base_url=running.base_url,
            extras={"demo_issuer": running.issuer},
        )
        widget = DemoPanel(context, None)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(context.events.offer_received, timeout=1000) as blocker:
            widget.cards["mdoc"].receive_button.click()
        try:
            resolved = wallet.resolve_offer(blocker.args[0], flow=wallet.new_flow("test"))
        finally:
            jobs.shutdown()
            wallet.close()
            store.close()
    assert [c.id for c in resolved.configurations] == ["mdl_mdoc"]
    assert resolved.offer.pre_authorized_code is not None


def test_tx_code_is_shown_and_matches_the_offer(panel: DemoPanel) -> None:
    card = panel.cards["tx_code"]
    demo_offer = panel.offers["tx_code"]
    assert demo_offer.tx_code is not None and len(demo_offer.tx_code) == 6
    assert card.code_label.isVisible()
    assert demo_offer.tx_code in card.code_label.text()
    assert "e-mail" in card.code_label.text()
    offer = parse_offer_json(demo_offer.offer)
    assert offer.pre_authorized_code is not None
    assert offer.pre_authorized_code.tx_code is not None
    assert offer.pre_authorized_code.tx_code.length == 6
    assert not panel.cards["batch"].code_label.isVisible()


def test_the_code_prompt_is_in_the_wallets_language(ctx: GuiContext, qtbot: QtBot) -> None:
    """The offer's transaction code description is the one issuer text the review shows as
    written: a German wallet gets it in German from the demo issuer."""
    ctx.settings = dataclasses.replace(ctx.settings, locales=("de-DE", "de", "en"))
    german = DemoPanel(ctx, None)
    qtbot.addWidget(german)
    tx_code = parse_offer_json(german.offers["tx_code"].offer).pre_authorized_code
    assert tx_code is not None and tx_code.tx_code is not None
    assert tx_code.tx_code.description == (
        "Geben Sie den 6-stelligen Code ein, den wir Ihnen per E-Mail geschickt haben"
    )


def test_the_code_prompt_is_english_for_an_english_wallet(panel: DemoPanel) -> None:
    tx_code = parse_offer_json(panel.offers["tx_code"].offer).pre_authorized_code
    assert tx_code is not None and tx_code.tx_code is not None
    assert tx_code.tx_code.description == "Enter the 6-digit code we sent you by e-mail"


def _decode(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    view = zxingcpp.ImageView(
        gray.constBits(),
        gray.width(),
        gray.height(),
        zxingcpp.ImageFormat.Lum,
        gray.bytesPerLine(),
        1,
    )
    found = zxingcpp.read_barcodes(
        view, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    return [str(code.text) for code in found]


def test_qr_code_decodes_to_the_current_offer(panel: DemoPanel) -> None:
    for key in ("mdoc", "tx_code", "browser"):
        pixmap = panel.cards[key].qr_label.pixmap()
        assert _decode(pixmap.toImage()) == [panel.offers[key].uri]


def test_deferred_switch_is_armed_only_for_the_deferred_offer(
    panel: DemoPanel, ctx: GuiContext
) -> None:
    issuer = _issuer(ctx)
    panel.cards["deferred"].receive_button.click()
    assert issuer.faults.deferred_pending_polls == DEFERRED_POLLS
    panel.cards["batch"].receive_button.click()  # another scenario disarms it
    assert issuer.faults.deferred_pending_polls == 0


def test_scanned_deferred_offer_also_arms_the_switch(panel: DemoPanel, ctx: GuiContext) -> None:
    uri = panel.offers["deferred"].uri
    ctx.events.offer_received.emit(uri, "screen")
    assert _issuer(ctx).faults.deferred_pending_polls == DEFERRED_POLLS
    assert panel.offers["deferred"].uri == uri  # scanning it does not swap it


def test_copy_link_puts_the_offer_on_the_clipboard(
    panel: DemoPanel, ctx: GuiContext, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(ctx.events.status_message, timeout=1000):
        panel.cards["browser"].copy_button.click()
    assert QGuiApplication.clipboard().text() == panel.offers["browser"].uri


def test_without_demo_issuer_the_panel_explains(ctx: GuiContext, qtbot: QtBot) -> None:
    ctx.extras.clear()
    widget = DemoPanel(ctx, None)
    qtbot.addWidget(widget)
    assert widget.cards == {}


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_only_the_batch_scenario_points_at_a_batching_issuer(tmp_path: Path, qtbot: QtBot) -> None:
    with serve(DemoConfig(batch_size=None)) as running, httpx.Client() as http:
        store = CredentialStore.open(tmp_path, secrets=MemorySecretStore())
        wallet = Wallet(store, http)
        jobs = JobRunner()
        context = GuiContext(
            wallet=wallet,
            store=store,
            settings=Settings(data_dir=tmp_path),
            jobs=jobs,
            events=AppEvents(),
            open_browser=lambda url: False,
            demo_base_url=running.base_url,
            extras={"demo_issuer": running.issuer},
        )
        widget = DemoPanel(context, None)
        try:
            sizes: dict[str, int | None] = {}
            issuers: dict[str, str] = {}
            for key in widget.cards:
                resolved = wallet.resolve_offer(widget.receive(key), flow=wallet.new_flow("t"))
                sizes[key] = resolved.issuer.batch_size
                issuers[key] = resolved.offer.credential_issuer
            batch_issuer = widget.batch_issuer
            assert batch_issuer is not None and batch_issuer is not running.issuer
            assert sizes == {
                "tx_code": None,
                "browser": None,
                "mdoc": None,
                "deferred": None,
                "batch": 3,
            }
            assert issuers["batch"] == f"{batch_issuer.base_url}/batch"
            assert {issuers[k] for k in issuers if k != "batch"} == {running.base_url}
            batch_url = batch_issuer.base_url
            widget.deleteLater()  # the panel's own issuer stops with it
            qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
            with pytest.raises(httpx.ConnectError):
                http.get(f"{batch_url}/.well-known/openid-credential-issuer/batch")
        finally:
            jobs.shutdown()
            wallet.close()
            store.close()


def test_a_batching_main_issuer_serves_the_batch_scenario_itself(panel: DemoPanel) -> None:
    assert panel.batch_issuer is panel.issuer  # DemoIssuer(BASE) advertises batch_size 3
    assert parse_offer_json(panel.offers["batch"].offer).credential_issuer == BASE


def test_new_code_replaces_the_offer_on_request(
    panel: DemoPanel, ctx: GuiContext, qtbot: QtBot
) -> None:
    card = panel.cards["tx_code"]
    shown = panel.offers["tx_code"]
    assert shown.tx_code is not None and shown.tx_code in card.code_label.text()
    card.new_button.setFocus()
    with qtbot.waitSignal(ctx.events.status_message, timeout=1000):
        qtbot.keyClick(card.new_button, Qt.Key.Key_Space)
    fresh = panel.offers["tx_code"]
    assert fresh.uri != shown.uri and fresh.tx_code is not None
    assert fresh.tx_code in card.code_label.text()
    assert _decode(card.qr_label.pixmap().toImage()) == [fresh.uri]


def test_a_finished_flow_replaces_only_the_redeemed_offer(
    panel: DemoPanel, ctx: GuiContext
) -> None:
    before = dict(panel.offers)
    issuer = _issuer(ctx)
    client = httpx.Client(transport=httpx.WSGITransport(app=issuer), base_url=BASE)
    with client:
        redeemed = client.post(
            "/token",
            data={
                "grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code",
                "pre-authorized_code": before["mdoc"].pre_authorized_code or "",
            },
        )
    assert redeemed.status_code == 200
    ctx.events.flow_recorded.emit("flow-1")
    assert panel.offers["mdoc"].uri != before["mdoc"].uri
    assert {k: o.uri for k, o in panel.offers.items() if k != "mdoc"} == {
        k: o.uri for k, o in before.items() if k != "mdoc"
    }


def test_every_focus_stop_in_the_panel_has_a_name(panel: DemoPanel, qtbot: QtBot) -> None:
    """Tab through the panel: each widget that takes focus says what it is (P12)."""
    first = panel.cards["tx_code"].receive_button
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=1000)
    seen: list[QWidget] = []
    for _ in range(3 * len(SCENARIOS) + 2):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in seen:
            break
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in seen if panel.isAncestorOf(w)]
    assert len(names) == 3 * len(SCENARIOS), names
    assert all(names), [w.metaObject().className() for w in seen if not w.accessibleName()]
    assert panel.scroll_area.focusPolicy() == Qt.FocusPolicy.NoFocus


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_the_code_still_shown_after_receive_is_the_one_that_works(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 8 P1: read the code from the panel AFTER clicking Receive (as the audience sees
    it), type it: the credential is issued. Only then does the card show a new code."""
    from gui_e2e_kit import accept_offer, demo_app, tx_code_on_card, wait_finished

    with demo_app(tmp_path, qtbot, monkeypatch) as app:
        panel = app.demo_panel()
        before = panel.offers["tx_code"].uri
        qtbot.mouseClick(panel.cards["tx_code"].receive_button, Qt.MouseButton.LeftButton)
        review = app.wait_review(qtbot)
        shown = tx_code_on_card(panel, "tx_code")  # what the presenter reads now
        assert panel.offers["tx_code"].uri == before
        dialog, issuance = accept_offer(qtbot, app, review, tx_code=shown)
        wait_finished(qtbot, dialog, issuance)
        assert issuance.phase == "done", issuance.failure
        app.wait_card(qtbot, "Personal ID")
        # redeemed: the card takes a fresh offer once the flow is recorded
        qtbot.waitUntil(lambda: panel.offers["tx_code"].uri != before, timeout=5000)
