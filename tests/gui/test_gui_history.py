"""HistoryDialog: the wallet's and one credential's activity, against a real store filled by
in-process demo issuance (issue 8 "Activity history")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_cards_kit import Env, demo_env
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from wallet_app.errors import IssuerError
from wallet_app.gui.history_view import HistoryDialog


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with demo_env(tmp_path) as made:
        yield made


def _open(qtbot: QtBot, env: Env, credential_id: str | None) -> HistoryDialog:
    dialog = HistoryDialog(env.ctx, credential_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.list.rows) or dialog.list.status.isVisible())
    qtbot.waitUntil(lambda: dialog.entries != [] or dialog.list.status.text() != "Loading…")
    return dialog


def test_wallet_activity_reads_as_sentences_newest_first(qtbot: QtBot, env: Env) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        [pid] = env.receive("pid_sd_jwt")
        env.receive("mdl_mdoc")  # stays: the issuer's display name is known from its card
        env.issuer.faults.fail_next("token", 400, "invalid_grant", "used up")
        offer = env.issuer.create_offer(["pid_sd_jwt"])
        flow = env.wallet.new_flow("pre-authorized_code")
        resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
        with pytest.raises(IssuerError) as failure:
            env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        env.wallet.record_failure(flow, resolved.issuer.credential_issuer, failure.value)
        flow_id = flow.flow_id
        env.store.delete_credential(pid.id)
        dialog = _open(qtbot, env, None)
        texts = [row.text_label.text() for row in dialog.list.rows]
        assert texts[0] == "Deleted “Personal ID”."
        assert any(
            t.startswith("Could not receive a credential from Demo Issuer") for t in texts
        ), texts
        assert "Received Personal ID" in texts
        # dates in the locale with a 4-digit year, never ISO
        whens = [row.when_label.text() for row in dialog.list.rows]
        assert all("T" not in w and "Z" not in w for w in whens), whens
        assert all(w[6:10].isdigit() and w[2] == "." for w in whens), whens
        names = [row.accessibleName() for row in dialog.list.rows]
        assert len(set(names)) == len(names)
        # a deletion has no trace to inspect; the failed attempt does
        assert dialog.list.rows[0].inspect_button is None
        failed = next(r for r in dialog.list.rows if r.entry.kind == "failed")
        assert failed.entry.flow_id == flow_id
        assert failed.inspect_button is not None
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.C))


def test_credential_activity_opens_its_flow_in_the_inspector(qtbot: QtBot, env: Env) -> None:
    [first] = env.receive("pid_sd_jwt")
    dialog = _open(qtbot, env, first.id)
    assert [row.entry.kind for row in dialog.list.rows if row.entry.kind != "notified"] == [
        "received"
    ]
    received = next(r for r in dialog.list.rows if r.entry.kind == "received")
    button = received.inspect_button
    assert isinstance(button, QPushButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    button.setFocus()
    before = set(QApplication.topLevelWidgets())
    QTest.keyClick(button, Qt.Key.Key_Space)
    from wallet_app.gui.inspector import InspectorWindow

    opened = [w for w in QApplication.topLevelWidgets() if w not in before]
    windows = [w for w in opened if isinstance(w, InspectorWindow)]
    assert len(windows) == 1
    qtbot.waitUntil(lambda: windows[0].current_flow == received.entry.flow_id)
    # let the inspector's sequence diagram finish its queued scroll before the test closes
    # the window (a zero-timer without a receiver outlives the widget: reported to its owner)
    qtbot.wait(100)
    windows[0].close()


def test_empty_wallet_says_so(qtbot: QtBot, env: Env) -> None:
    dialog = _open(qtbot, env, None)
    qtbot.waitUntil(lambda: dialog.list.status.text() == "Nothing has happened yet.")
    assert dialog.list.rows == [] and dialog.list.status.isVisible()
