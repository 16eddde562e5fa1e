"""Inspector window: history of flows, exchanges model, details with JWTs decoded, export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import shiboken6
from gui_tools_kit import tools_env
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QTabBar, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.exchange_view import (
    ExchangeDetails,
    ExchangeTableModel,
    find_jwts,
    show_exchange,
)
from wallet_app.gui.inspector import InspectorWindow, open_inspector


def _select_step(window: InspectorWindow, step: str) -> None:
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.exchange(r).get("step") == step)
    window.table.selectRow(row)


def test_flow_exchanges_with_decoded_proofs(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    config = DemoConfig(issuer_path="/demo", separate_as_path="/auth", dpop=True)
    with tools_env(tmp_path, config) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        assert window.current_flow == flow_id
        qtmodeltester.check(window.model)
        model = window.model
        steps = [model.exchange(r)["step"] for r in range(model.rowCount())]
        assert {"issuer metadata", "token", "nonce", "credential"} <= set(steps)
        assert model.headerData(2, Qt.Orientation.Horizontal) == "URL"
        token_row = steps.index("token")
        assert model.data(model.index(token_row, 1)) == "POST"
        assert model.data(model.index(token_row, 3)) == "200"
        assert str(model.data(model.index(token_row, 4))).isdigit()

        _select_step(window, "token")
        assert window.request_view.toPlainText().startswith("POST https://issuer.test/auth/token")
        assert "[redacted]" in window.request_view.toPlainText()  # pre-authorized code
        assert '"access_token": "[redacted' in window.response_view.toPlainText()
        jwts = window.jwt_view.toPlainText()
        assert "request header dpop" in jwts.lower() and '"typ": "dpop+jwt"' in jwts
        assert "(1)" in window.details.tabText(2)

        _select_step(window, "credential")
        jwts = window.jwt_view.toPlainText()
        assert '"typ": "openid4vci-proof+jwt"' in jwts and "request body" in jwts
        assert '"aud": "https://issuer.test/demo"' in jwts


def test_history_refreshes_on_flow_recorded_and_export(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tools_env(tmp_path) as env:
        window = InspectorWindow(env.ctx, None)
        qtbot.addWidget(window)
        assert window.history_list.count() == 0 and not window.export_button.isEnabled()
        assert "No flows recorded yet" in window.status.text()
        first = env.receive("pid_sd_jwt")
        env.ctx.events.flow_recorded.emit(first)
        assert window.history_list.count() == 1 and window.current_flow == first
        second = env.receive("mdl_mdoc")
        env.ctx.events.flow_recorded.emit(second)
        assert window.history_list.count() == 2
        assert window.history_list.item(0).data(Qt.ItemDataRole.UserRole) == second  # newest first
        assert window.current_flow == second
        assert not window.history_list.item(0).icon().isNull()
        window.history_list.setCurrentRow(1)
        assert window.current_flow == first

        target = tmp_path / "trace.json"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON files (*.json)")
        )
        window.export_button.click()
        doc = json.loads(target.read_text())
        assert doc["flow_id"] == first and doc["outcome"] == "issued"
        assert [e["step"] for e in doc["exchanges"]] == [
            window.model.exchange(r)["step"] for r in range(window.model.rowCount())
        ]
        assert "Saved to" in window.status.text()
        text = target.read_text()
        assert "pre-authorized_code=[redacted]" in text or "[redacted]" in text


def test_find_jwts_ignores_non_json_segments() -> None:
    assert find_jwts("body", "eyJhbGciOi.not-base64!.x") == []
    assert find_jwts("body", None) == []
    token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"
    (found,) = find_jwts("body", f"x {token}~WyJzYWx0Il0~")
    assert found.header == {"alg": "ES256"} and found.payload == {"sub": "a"}


def test_empty_model(qtmodeltester: ModelTester) -> None:
    model = ExchangeTableModel()
    qtmodeltester.check(model)
    model.set_exchanges([{"step": "x", "method": "GET", "url": "u", "status": None}])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 3)) == "failed"


# -- issue 8: sequence tab, show_exchange, Escape, notification, deferred, dates, fit ----------


def test_sequence_tab_arrow_selects_that_exchange(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = open_inspector(env.ctx, flow_id, None)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        assert [window.views.tabText(i) for i in range(window.views.count())] == [
            "Exchanges",
            "Sequence",
            "Lint findings (0)",
        ]
        window.views.setCurrentWidget(window.diagram)
        steps = [str(window.model.exchange(r)["step"]) for r in range(window.model.rowCount())]
        token = window.diagram.exchange_arrow(steps.index("token"))
        assert token is not None and token.accessibleName().startswith("Token request")
        token.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is token)
        qtbot.keyClick(token, Qt.Key.Key_Return)
        assert window.table.currentIndex().row() == steps.index("token")
        assert window.request_view.toPlainText().startswith("POST https://issuer.test/auth/token")
        # and the other way: a row selected in the table marks its arrow
        window.table.selectRow(steps.index("credential"))
        assert window.diagram.selected_row is not None
        assert window.diagram.selected_row.label == "Credential request"


def test_the_notification_request_is_among_the_exchanges(qtbot: QtBot, tmp_path: Path) -> None:
    """P15: the flow says "Notification ✓ Done", so the inspector shows that request."""
    with tools_env(tmp_path) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        steps = [window.model.exchange(r)["step"] for r in range(window.model.rowCount())]
        # after the credential was stored: the notification and its status list, side by side
        assert sorted(steps[-2:]) == ["notification", "status list"]
        _select_step(window, "notification")
        assert window.request_view.toPlainText().startswith("POST https://issuer.test/demo/")
        assert '"event": "credential_accepted"' in window.request_view.toPlainText()
        assert window.response_view.toPlainText().startswith("HTTP 204")


def test_a_deferred_flow_shows_its_polls_and_completion(qtbot: QtBot, tmp_path: Path) -> None:
    """P7: one flow, deferred then issued, with its polls in it (no second unlinked flow)."""
    config = DemoConfig(issuer_path="/demo", separate_as_path="/auth")
    with tools_env(tmp_path, config) as env:
        env.issuer.faults.deferred_pending_polls = 1
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        assert window.history_list.count() == 1
        assert "deferred" in window.history_list.item(0).text()
        for _ in range(2):  # due now (the issuer's interval is at least 5 s)
            for record in env.ctx.store.list_deferred():
                env.ctx.store.update_deferred(record.stored.id, next_poll_at=0)
            env.wallet.poll_deferred()
        env.wallet.wait_for_notifications(5)
        env.ctx.events.credentials_changed.emit()  # what the main window emits on arrival
        assert window.history_list.count() == 1 and window.current_flow == flow_id
        assert "issued" in window.history_list.item(0).text()
        steps = [window.model.exchange(r)["step"] for r in range(window.model.rowCount())]
        assert steps.count("deferred credential") == 2
        assert sorted(steps[-2:]) == ["notification", "status list"]  # after the store
        assert "deferred, then issued" in window.status.text()
        labels = [r[2] for r in window.diagram.row_summary()]
        assert labels.count("Deferred credential request") == 2


def test_escape_closes_the_inspector_and_the_exchange_window(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        exchange = show_exchange(window.model.exchange(0), window)
        qtbot.waitExposed(exchange)
        details = exchange.findChild(ExchangeDetails)
        assert details is not None and details.tabText(0) == "Request"
        assert details.request_view.toPlainText().startswith("GET https://")
        exchange.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is exchange)
        qtbot.keyClick(QApplication.focusWidget() or exchange, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not shiboken6.isValid(exchange) or not exchange.isVisible())
        window.activateWindow()
        window.history_list.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.history_list)
        qtbot.keyClick(window.history_list, Qt.Key.Key_Escape)
        assert not window.isVisible()


def test_dates_follow_the_locale_with_the_full_year(qtbot: QtBot, tmp_path: Path) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        with tools_env(tmp_path) as env:
            window = InspectorWindow(env.ctx, env.receive("pid_sd_jwt"))
            qtbot.addWidget(window)
            text = window.history_list.item(0).text()
    finally:
        QLocale.setDefault(previous)
    assert re.search(r"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b", text), text
    assert "T" not in text.split("\n")[2]


def test_the_inspector_fits_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = InspectorWindow(env.ctx, env.receive("pid_sd_jwt"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        area = window.screen().availableGeometry()
        assert window.frameGeometry().width() <= area.width()
        assert window.frameGeometry().height() <= area.height()
        for widget in window.findChildren(QWidget):
            if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
                if isinstance(widget, QTabBar):  # each tab is named by its text
                    name = "".join(widget.tabText(i)[:1] for i in range(widget.count()))
                assert name, f"{type(widget).__name__} without an accessible name"


def test_a_flow_on_cached_metadata_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        first = env.receive("pid_sd_jwt")
        second = env.receive("pid_sd_jwt")  # within the cache's lifetime: no metadata request
        window = InspectorWindow(env.ctx, second)
        qtbot.addWidget(window)
        steps = {window.model.exchange(r)["step"] for r in range(window.model.rowCount())}
        assert "issuer metadata" not in steps
        assert "metadata taken from the wallet's cache" in window.status.text()
        window.refresh(select=first)
        assert "cache" not in window.status.text()


def test_exchanges_added_later_show_when_the_window_is_activated(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with tools_env(tmp_path) as env:
        flow_id = env.receive("pid_sd_jwt")
        trace = env.ctx.store.get_trace(flow_id)
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.table.selectRow(2)
        other = QWidget()  # the user looks at another window meanwhile
        qtbot.addWidget(other)
        other.show()
        other.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
        late = dict(trace[-1], started_at=float(str(trace[-1]["started_at"])) + 1)
        assert env.ctx.store.append_trace(flow_id, [late])
        assert window.model.rowCount() == len(trace)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.model.rowCount() == len(trace) + 1)
        assert window.table.currentIndex().row() == 2
