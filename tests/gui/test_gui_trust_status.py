"""Status re-checks never block the card list (issue 9 "Done when"): the demo issuer holds its
status list response for 5 s while the list paints and reloads at once; after the issuer
revokes a credential, one refresh shows "revoked" on its card.

Real demo issuer on 127.0.0.1 (``status_latency`` holds only the status endpoint), real store,
the main window driven through its action and the details dialog.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_e2e_kit import STEP_MS, DemoApp, demo_app
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from wallet_app.gui.credential_model import Roles
from wallet_app.gui.credential_view import CredentialDetailsDialog
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.status_refresh import status_refresher

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

HOLD = 5.0  # seconds the status endpoint holds its answer


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        service = status_refresher(running.ctx).service()
        service.add_anchor_certificates(running.issuer.root_certificate_pem(), source="demo")
        yield running


def _receive(qtbot: QtBot, app: DemoApp, configuration_id: str, name: str) -> str:
    made = app.issuer.create_offer([configuration_id])
    app.ctx.events.offer_received.emit(made.uri, "demo")
    app.receive_to_card(qtbot, name)
    for flow in app.window.findChildren(FlowDialog):  # Done: the next offer gets its own
        flow.close()
    return app.wait_card(qtbot, name).id


def _trust(app: DemoApp, credential_id: str) -> object:
    model = app.window.model
    return model.index(model.row_of(credential_id)).data(Roles.Trust)


def test_held_status_response_never_blocks_the_card_list(qtbot: QtBot, app: DemoApp) -> None:
    first = _receive(qtbot, app, "pid_sd_jwt", "Personal ID")
    second = _receive(qtbot, app, "mdl_mdoc", "Driving Licence")
    qtbot.waitUntil(lambda: _trust(app, first) == "trusted", timeout=STEP_MS)
    app.issuer.faults.status_latency = HOLD
    app.ctx.store.forget_status_lists()  # every re-check below must ask the (held) issuer
    refresher = status_refresher(app.ctx)
    # a person opens a card (its status is re-checked) and re-checks all (Ctrl+Shift+R)
    details = CredentialDetailsDialog(app.ctx, first, app.window)
    qtbot.addWidget(details)
    details.show()
    app.window.status_action.trigger()
    assert refresher.is_running(first) and refresher.is_running(second)
    started = time.monotonic()
    # the GUI thread is free: a timer fires on time, the list paints and reloads at once
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    picture = app.window.list_view.grab()
    assert not picture.isNull()
    app.ctx.events.credentials_changed.emit()
    qtbot.waitUntil(lambda: not app.window._loading, timeout=2000)  # no network in a load
    assert app.window.model.rowCount() == 2
    assert _trust(app, first) == "trusted"  # painted from the stored verification
    qtbot.wait(500)
    assert len(ticks) >= 4, ticks  # ~10 expected in 0.5 s: the event loop never stalled
    assert time.monotonic() - started < HOLD / 2  # all of that while the issuer holds
    assert details.trust is not None and "checking now" in details.trust.status.text()
    # the held answers arrive later and the card and the details follow
    qtbot.waitUntil(lambda: not refresher.is_running(first), timeout=int(HOLD * 1000) + STEP_MS)
    qtbot.waitUntil(lambda: not refresher.is_running(second), timeout=int(HOLD * 1000) + STEP_MS)
    assert time.monotonic() - started >= HOLD - 0.5
    assert details.trust.check_button.isEnabled()
    assert details.trust.status.text().startswith("Valid")
    timer.stop()
    details.close()


@pytest.mark.parametrize(
    ("configuration_id", "name"), [("pid_sd_jwt", "Personal ID"), ("mdl_mdoc", "Driving Licence")]
)
def test_revoked_by_the_issuer_shows_revoked_after_one_refresh(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    credential_id = _receive(qtbot, app, configuration_id, name)
    qtbot.waitUntil(lambda: _trust(app, credential_id) == "trusted", timeout=STEP_MS)
    record = app.ctx.store.get_credential(credential_id)
    app.issuer.set_status(record.instances[0].credential, 1)
    app.window.status_action.trigger()  # one refresh
    qtbot.waitUntil(lambda: _trust(app, credential_id) == "revoked", timeout=STEP_MS)
    info = app.window.model.info(app.window.model.row_of(credential_id))
    assert info.validity == "revoked"
    message = app.window.statusBar().currentMessage()
    assert message == "Status checked for 1 credential.", message
