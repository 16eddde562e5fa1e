"""The attestation refusal in the GUI and its way on, against the demo issuer on 127.0.0.1 in
the mode that requires wallet attestation and key attestation (OID4VCI 1.0 App. D, E).

The review shows the refusal with "Retry with development provider"; the retry resolves
again with the development provider (the review then says so in a pill), Accept runs the
real flow to a stored credential, and the inspector's decoded JWTs mark the attestations
as the development provider's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig, RunningIssuer, serve
from wallet_app.gui.attestation_retry import AttestationRetry
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.exchange_view import ExchangeDetails
from wallet_app.gui.flow_start import start_issuance
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.offer_review import OfferReviewDialog, start_offer_review
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.profiles import ClientProfile
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

pytestmark = [pytest.mark.allow_hosts(["127.0.0.1"])]

ATTESTED = DemoConfig(require_wallet_attestation=True, require_key_attestation=True)
DEV_LABEL = "Development wallet provider (self-issued, not for production)"


@pytest.fixture
def running() -> Iterator[RunningIssuer]:
    issuer = serve(ATTESTED)
    yield issuer
    issuer.stop()


@pytest.fixture
def ctx(tmp_path: Path, running: RunningIssuer, qapp: QApplication) -> Iterator[GuiContext]:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = httpx.Client(timeout=10)
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


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _close(widget: QWidget) -> None:
    if shiboken6.isValid(widget):
        widget.close()


def test_refusal_offers_the_development_provider_and_the_retry_issues(
    qtbot: QtBot, ctx: GuiContext, running: RunningIssuer
) -> None:
    offer = running.issuer.create_offer(["pid_sd_jwt"])
    dialog = start_offer_review(ctx, offer.uri, "paste", None)
    assert isinstance(dialog, OfferReviewDialog)
    try:
        qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.error_page, timeout=10_000)
        assert dialog.error_label.text() == (
            "This issuer requires a wallet attestation and a key attestation from a wallet "
            "provider. Retry with the development wallet provider?"
        )
        retry = dialog.attestation_retry
        assert retry.isVisible() and retry.button.text() == "Retry with development provider"
        assert "never for real credentials" in retry.explanation.text()
        assert "code: wallet_attestation_required" in dialog.details.toPlainText()
        assert not running.issuer.offer_used(offer)  # refused before anything was spent
        # the page grew to show the explanation and the whole button
        qtbot.waitUntil(
            lambda: retry.button.visibleRegion().boundingRect().size() == retry.button.size()
        )
        _shot(dialog, "attestation_refusal")

        qtbot.mouseClick(retry.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.review_page is not None, timeout=10_000)
        assert dialog.reviewed is not None
        assert dialog.reviewed.resolved.profile.wallet_provider == "dev"
        pill = dialog.findChild(QLabel, "walletProviderBadge")
        assert pill is not None and pill.text() == DEV_LABEL and pill.isVisible()
        _shot(dialog, "attestation_dev_provider_review")

        dialog.accept_offer()
        qtbot.waitUntil(lambda: len(ctx.store.list_credentials()) == 1, timeout=20_000)
        assert running.issuer.offer_used(offer)
    finally:
        _close(dialog)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                _close(widget)

    # the inspector: the token request carries both attestation JWTs, marked as development
    (entry,) = [h for h in ctx.store.list_history() if h.outcome != "failed"]
    trace = ctx.store.get_trace(entry.flow_id)
    token = next(e for e in trace if e.get("step") == "token")
    credential = next(e for e in trace if e.get("step") == "credential")
    view = ExchangeDetails()
    try:
        view.show_exchange(token)
        text = view.jwt_view.toPlainText()
        assert f"request header OAuth-Client-Attestation · {DEV_LABEL}" in text
        assert "oauth-client-attestation-pop+jwt" in text
        view.setCurrentIndex(2)
        view.resize(900, 700)
        view.show()
        _shot(view, "attestation_inspector_token")
        view.show_exchange(credential)
        nested = view.jwt_view.toPlainText()
        assert f"key_attestation · {DEV_LABEL}" in nested  # the key attestation in the proof
        view.setCurrentIndex(2)
        view.resize(900, 700)
        view.show()
        _shot(view, "attestation_inspector")
    finally:
        view.close()


def test_a_flow_refused_for_its_profile_retries_with_the_development_provider(
    qtbot: QtBot, ctx: GuiContext, running: RunningIssuer
) -> None:
    """The review's Advanced section took the provider away: the flow is refused before the
    code is spent, and its failure page offers the same retry."""
    offer = running.issuer.create_offer(["pid_sd_jwt"])
    flow = ctx.wallet.new_flow("offer")
    resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow, overrides={"wallet_provider": "dev"})
    without = replace(resolved, profile=ClientProfile())
    issuance = start_issuance(ctx, without, tx_code=None, parent=None, flow=flow)
    dialog = issuance.dialog
    assert dialog is not None
    try:
        qtbot.waitUntil(lambda: issuance.phase == "failed", timeout=10_000)
        retry = dialog.findChild(AttestationRetry)
        assert retry is not None
        qtbot.waitUntil(retry.isVisible)
        assert "wallet attestation and a key attestation" in dialog.failure_text.text()
        assert not running.issuer.offer_used(offer)
        _shot(dialog, "attestation_flow_refusal")
        qtbot.mouseClick(retry.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(ctx.store.list_credentials()) == 1, timeout=20_000)
        assert running.issuer.offer_used(offer)
    finally:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                _close(widget)
