"""The offer review's Advanced section (client profile), remembering it, the Settings page that
forgets it, and a custom redirect pasted back in the flow window; against the in-process demo
issuer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.demo_login import sign_in
from wallet_app.demo_issuer import DemoIssuer
from wallet_app.gui import flow_start, offer_profile
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.offer_review import OfferReviewDialog
from wallet_app.gui.settings_dialog import SettingsDialog
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.preferences import load_preferences, preferences_path, remember_profile
from wallet_app.profiles import PRESETS, ClientProfile
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import IssuanceResult, Wallet
from wallet_app.wallet.resolve import ResolvedOffer
from wallet_app.wallet.store import CredentialStore

ISSUER = "https://issuer.test"
CUSTOM = "http://127.0.0.1:9/elsewhere"  # nothing listens there: the person pastes it back
SHOTS = os.environ.get("PROFILE_SHOTS")  # a folder: save screenshots there
Started = list[ResolvedOffer]


@pytest.fixture
def issuer() -> DemoIssuer:
    return DemoIssuer(ISSUER)


@pytest.fixture
def ctx(tmp_path: Path, issuer: DemoIssuer, qapp: QApplication) -> Iterator[GuiContext]:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    wallet = Wallet(store, http)
    context = GuiContext(
        wallet=wallet,
        store=store,
        settings=Settings(data_dir=tmp_path / "data"),
        jobs=JobRunner(),
        events=AppEvents(),
        open_browser=lambda _url: True,
    )
    yield context
    context.jobs.shutdown()
    wallet.close()
    http.close()
    store.close()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    """Record what the review starts (the flow screen is tested below, for real)."""
    calls: Started = []

    def record(ctx: GuiContext, resolved: ResolvedOffer, **_: object) -> None:
        calls.append(resolved)

    monkeypatch.setattr(flow_start, "start_issuance", record)
    return calls


def _review(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, **offer: object
) -> OfferReviewDialog:
    made = issuer.create_offer(["pid_sd_jwt"], **offer)  # type: ignore[arg-type]
    dialog = OfferReviewDialog(ctx, made.uri, "paste", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.reviewed is not None, timeout=10_000)
    return dialog


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_advanced_is_folded_and_shows_the_detected_draft(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, started: Started
) -> None:
    dialog = _review(ctx, issuer, qtbot)
    section = dialog.profile_section
    assert section.toggle.text() == "Advanced" and not section.body.isVisible()
    section.toggle.click()
    assert section.body.isVisible()
    assert section.draft.currentText() == "Auto (detected: 1.0)"
    assert section.preset.currentData() == "default"
    assert not section.redirect_uri.isVisible() and not section.provider_note.isVisible()
    _shot(dialog, "advanced-open")
    dialog.accept_button.click()
    (resolved,) = started
    assert resolved.profile.name == "default" and resolved.draft == "1.0"


def test_preset_and_fields_reach_the_flow(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, started: Started
) -> None:
    dialog = _review(ctx, issuer, qtbot)
    section = dialog.profile_section
    section.toggle.click()
    section.preset.setCurrentIndex(section.preset.findData("draft13"))
    section.preset.activated.emit(section.preset.currentIndex())
    assert section.draft.currentData() == "13"
    section.provider.setCurrentIndex(section.provider.findData("dev"))
    section.provider.activated.emit(section.provider.currentIndex())
    assert section.preset.currentData() == "custom"  # edited: no longer the preset
    assert section.provider_note.isVisible()
    assert "Issuers in production do not accept this" in section.provider_note.text()
    section.dpop.setCurrentIndex(section.dpop.findData("never"))
    qtbot.keyClicks(section.client_id, "my-client")
    dialog.accept_button.click()
    (resolved,) = started
    assert resolved.profile == ClientProfile(
        name="custom", client_id="my-client", wallet_provider="dev", dpop="never", draft="13"
    )
    assert resolved.draft == "13"


def test_custom_redirect_needs_an_address_and_says_it_is_pasted(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, started: Started
) -> None:
    dialog = _review(ctx, issuer, qtbot)
    section = dialog.profile_section
    section.toggle.click()
    section.redirect.setCurrentIndex(section.redirect.findData("custom"))
    assert section.redirect_uri.isVisible() and section.redirect_note.isVisible()
    assert "cannot catch a return to a custom address" in section.redirect_note.text()
    dialog.accept_button.click()
    assert started == [] and section.problem.isVisible()
    assert "Enter the custom return address" in section.problem.text()
    qtbot.keyClicks(section.redirect_uri, CUSTOM)
    assert not section.problem.isVisible()
    dialog.accept_button.click()
    (resolved,) = started
    assert (resolved.profile.redirect, resolved.profile.redirect_uri) == ("custom", CUSTOM)


def test_remember_writes_the_preferences_and_applies_at_once(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, started: Started
) -> None:
    dialog = _review(ctx, issuer, qtbot)
    section = dialog.profile_section
    section.toggle.click()
    section.preset.setCurrentIndex(section.preset.findData("loopback"))
    section.preset.activated.emit(section.preset.currentIndex())
    section.remember.setChecked(True)
    dialog.accept_button.click()
    assert len(started) == 1
    saved = load_preferences(preferences_path()).profiles
    assert saved == {issuer.credential_issuer: PRESETS["loopback"]}
    assert ctx.wallet.options.profile_for(issuer.credential_issuer) == PRESETS["loopback"]
    # the next review of this issuer starts from the remembered profile
    again = _review(ctx, issuer, qtbot)
    assert again.profile_section.preset.currentData() == "loopback"
    assert again.profile_section.redirect.currentData() == "loopback"


def test_keyboard_path(ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, started: Started) -> None:
    dialog = _review(ctx, issuer, qtbot)
    qtbot.waitUntil(dialog.isActiveWindow)
    section = dialog.profile_section
    assert dialog.accept_button.hasFocus()
    # Shift+Tab from Accept reaches the toggle (Decline, then the section); Space unfolds it
    for _ in range(4):
        if section.toggle.hasFocus():
            break
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier
        )
    assert section.toggle.hasFocus()
    qtbot.keyClick(section.toggle, Qt.Key.Key_Space)
    assert section.body.isVisible() and section.preset.hasFocus()
    qtbot.keyClick(section.preset, Qt.Key.Key_Down)  # the next preset
    assert section.preset.currentData() == "haip"
    assert section.provider.currentData() == "dev" and section.dpop.currentData() == "always"
    qtbot.keyClick(section.preset, Qt.Key.Key_Tab)
    assert section.draft.hasFocus()
    dialog.accept_button.setFocus()
    qtbot.keyClick(dialog.accept_button, Qt.Key.Key_Return)
    (resolved,) = started
    assert resolved.profile == PRESETS["haip"]


def test_an_arrow_key_onto_from_a_file_then_cancel_keeps_the_provider(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Down from "Development" reaches "From a file…", which opens the file dialog (a fake of
    the OS dialog here, cancelled): the development provider stays chosen, not None."""
    asked: list[str] = []

    def cancelled_dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append("file dialog")
        return "", ""

    monkeypatch.setattr(offer_profile.QFileDialog, "getOpenFileName", cancelled_dialog)
    dialog = _review(ctx, issuer, qtbot)
    section = dialog.profile_section
    section.toggle.click()
    section.provider.setFocus()
    qtbot.keyClick(section.provider, Qt.Key.Key_Down)  # None -> Development
    assert section.provider.currentData() == "dev" and section.provider_note.isVisible()
    qtbot.keyClick(section.provider, Qt.Key.Key_Down)  # -> From a file…, cancelled
    assert asked == ["file dialog"]
    assert section.provider.currentData() == "dev" and section.provider_note.isVisible()
    profile = section.chosen()
    assert isinstance(profile, ClientProfile) and profile.wallet_provider == "dev"


def test_settings_page_lists_and_forgets(ctx: GuiContext, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "prefs" / "settings.json"
    remember_profile(path, "https://a.example", PRESETS["draft13"])
    remember_profile(path, "https://b.example", ClientProfile(name="custom", dpop="never"))
    ctx.wallet.options = ctx.wallet.options.with_profile("https://a.example", PRESETS["draft13"])
    dialog = SettingsDialog(ctx, None, path=path, env={})
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.profiles_page
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Profiles"
    rows = [
        (page.table.item(r, 0).text(), page.table.item(r, 1).text())  # type: ignore[union-attr]
        for r in range(page.table.rowCount())
    ]
    assert rows == [
        ("https://a.example", "draft13: draft 13"),
        ("https://b.example", "custom: DPoP never"),
    ]
    _shot(dialog, "settings-profiles")
    page.table.setCurrentCell(0, 0)
    page.forget_button.click()
    assert page.table.rowCount() == 1
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert set(load_preferences(path).profiles) == {"https://b.example"}
    assert ctx.wallet.options.remembered_profile("https://a.example") is None


def test_custom_redirect_pasted_into_the_flow_window(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot
) -> None:
    offer = issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    flow = ctx.wallet.new_flow("offer")
    profile = ClientProfile(name="custom", redirect="custom", redirect_uri=CUSTOM)
    resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow, profile=profile)
    parent = QWidget()
    qtbot.addWidget(parent)
    issuance = flow_start.start_issuance(ctx, resolved, tx_code=None, parent=parent, flow=flow)
    dialog = issuance.dialog
    assert dialog is not None
    try:
        qtbot.waitUntil(lambda: issuance.phase == "browser", timeout=10_000)
        text = dialog.browser_text.text()
        assert CUSTOM in text and "cannot catch by itself" in text
        assert dialog.paste_edit.placeholderText().startswith(CUSTOM)
        # no "did the browser not return?": it never returns to the wallet here
        assert dialog.paste_label.text() == "After signing in, paste the address here:"
        assert not dialog.browser_prompt.isVisible() and not dialog.browser_after.isVisible()
        _shot(dialog, "flow-custom-redirect")
        url = issuance.pending_url
        assert url is not None
        location = sign_in(ctx.wallet.http, url)
        assert location.startswith(CUSTOM + "?")
        results: list[object] = []
        issuance.finished.connect(results.append)
        dialog.paste_edit.setText(location)
        dialog.paste_button.click()
        qtbot.waitUntil(lambda: bool(results), timeout=10_000)
        (result,) = results
        assert isinstance(result, IssuanceResult) and len(result.credentials) == 1
        token = [r for r in issuer.received_requests() if r.path.endswith("/token")]
        assert token[0].body is not None and token[0].body["redirect_uri"] == CUSTOM
    finally:
        qtbot.waitUntil(lambda: ctx.jobs.active == 0, timeout=10_000)
        if shiboken6.isValid(dialog):
            dialog.close()


def test_default_preset_keeps_the_settings_redirect(
    ctx: GuiContext, issuer: DemoIssuer, qtbot: QtBot, started: Started
) -> None:
    ctx.wallet.options = replace(ctx.wallet.options, redirect="loopback")
    dialog = _review(ctx, issuer, qtbot)
    section = dialog.profile_section
    section.toggle.click()
    assert section.redirect.currentData() == "loopback"
    for name in ("draft13", "default"):
        section.preset.setCurrentIndex(section.preset.findData(name))
        section.preset.activated.emit(section.preset.currentIndex())
    assert section.redirect.currentData() == "loopback"
    dialog.accept_button.click()
    (resolved,) = started
    assert resolved.profile == ClientProfile(redirect="loopback")
