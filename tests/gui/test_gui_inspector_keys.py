"""The inspector shows a stored proof whose key is a thumbprint and whose signature is gone."""

from __future__ import annotations

from pathlib import Path

from gui_tools_kit import tools_env
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.exchange_view import show_exchange
from wallet_app.gui.inspector import InspectorWindow


def test_redacted_proofs_are_decoded_in_the_inspector(qtbot: QtBot, tmp_path: Path) -> None:
    config = DemoConfig(issuer_path="/demo", separate_as_path="/auth", dpop=True)
    with tools_env(tmp_path, config) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        model = window.model
        steps = [model.exchange(r)["step"] for r in range(model.rowCount())]
        for step in ("token", "credential"):
            row = steps.index(step)
            window.table.selectRow(row)
            jwts = window.jwt_view.toPlainText()
            assert '"thumbprint": "' in jwts and '"redacted": "public key"' in jwts
            assert '"x": "' not in jwts and '"y": "' not in jwts
            dialog = show_exchange(model.exchange(row), window)
            qtbot.addWidget(dialog)
        window.table.selectRow(steps.index("credential"))
        jwts = window.jwt_view.toPlainText()
        assert (
            '"typ": "openid4vci-proof+jwt"' in jwts and '"aud": "https://issuer.test/demo"' in jwts
        )
        assert '"typ": "dpop+jwt"' in jwts and '"htm": "POST"' in jwts
