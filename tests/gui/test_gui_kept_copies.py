"""The flow's success page says how many copies of a batch were kept and why (issue 10, W6):
the demo issuer on 127.0.0.1 sends one broken copy of three; offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_e2e_kit import DemoApp, accept_offer, demo_app, wait_finished
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        yield running


def test_the_success_page_says_two_of_three_copies_were_kept(app: DemoApp, qtbot: QtBot) -> None:
    app.issuer.faults.broken_copy = True
    app.demo_panel().receive("mdoc")
    review = app.wait_review(qtbot)
    dialog, issuance = accept_offer(qtbot, app, review)
    wait_finished(qtbot, dialog, issuance)
    assert issuance.phase == "done", issuance.failure
    assert dialog.result_heading.text() == "Credential received"
    text = dialog.result_text.text()
    assert text.startswith("2 of 3 copies kept: one could not be read ("), text
    assert not dialog.result_text.isHidden()
    card = app.wait_card(qtbot, "Driving Licence")
    assert card.instance_count == 2
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(folder) / "flow_kept_copies.png"))
    [event] = app.issuer.received_notifications()
    assert event["event"] == "credential_accepted"
