"""Inspector window: history of flows, exchanges model, details with JWTs decoded, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gui_tools_kit import tools_env
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.inspector import ExchangeTableModel, InspectorWindow, find_jwts


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
