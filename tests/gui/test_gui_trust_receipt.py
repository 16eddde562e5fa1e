"""The status of a credential just received is checked after it is stored (issue 9, T5: the
check adds no round trip to the issuance): the flow dialog reaches its "done" page while the
demo issuer still holds the status list, and the new card there and in the main window
then show the final verdict, here *revoked* for a credential revoked at issuance.

Real demo issuer on 127.0.0.1 (``status_latency`` holds only the status endpoint), real
store, the review and flow dialogs clicked through as a person would.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_e2e_kit import STEP_MS, DemoApp, accept_offer, demo_app, wait_finished
from pytestqt.qtbot import QtBot

from wallet_app.gui.card_delegate import CardWidget
from wallet_app.gui.credential_model import Roles
from wallet_app.gui.status_refresh import status_refresher

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

HOLD = 2.0  # seconds the status endpoint holds its answer


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        service = status_refresher(running.ctx).service()
        service.add_anchor_certificates(running.issuer.root_certificate_pem(), source="demo")
        yield running


def _card_trust(app: DemoApp, credential_id: str) -> object:
    model = app.window.model
    row = model.row_of(credential_id)
    return model.index(row).data(Roles.Trust) if row >= 0 else "no card"


@pytest.mark.parametrize(("configuration_id", "name"), [("pid_sd_jwt", "Personal ID")])
def test_done_page_and_card_show_revoked_when_the_status_check_ends(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    app.issuer.faults.revoked = True
    app.issuer.faults.status_latency = HOLD
    app.ctx.events.offer_received.emit(app.issuer.create_offer([configuration_id]).uri, "demo")
    dialog, issuance = accept_offer(qtbot, app, app.wait_review(qtbot))
    started = time.monotonic()
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "done", issuance.failure
    assert time.monotonic() - started < HOLD, "the flow waited for the status list"
    [stored] = app.ctx.store.list_credentials()
    verification = app.ctx.store.get_verification(stored.id)
    assert verification is not None and verification.status is None  # not known yet
    [card] = [c for c in dialog.card_widgets if isinstance(c, CardWidget)]
    assert card.info.id == stored.id and card.info.trust is None
    app.wait_card(qtbot, name)
    assert _card_trust(app, stored.id) != "revoked"
    # the Notification row does not wait for the held status list either
    assert issuance.dialog is not None
    steps = issuance.dialog.steps
    qtbot.waitUntil(lambda: steps.status_of("notification") == "done", timeout=STEP_MS)
    assert time.monotonic() - started < HOLD, "the Notification row waited for the status list"
    # the held status list arrives: the "done" page's card and the main window's follow
    qtbot.waitUntil(lambda: card.info.trust == "revoked", timeout=STEP_MS)
    qtbot.waitUntil(lambda: _card_trust(app, stored.id) == "revoked", timeout=STEP_MS)
    assert time.monotonic() - started >= HOLD
    final = app.ctx.store.get_verification(stored.id)
    assert final is not None and (final.verdict, final.status) == ("revoked", "invalid")
    assert card.info.validity == "revoked"  # the card no longer says "Valid"
    assert "Revoked" in card.accessibleName()
