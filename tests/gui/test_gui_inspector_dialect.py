"""The inspector names the protocol draft a flow spoke, and whether it was detected from the
metadata or chosen in the client profile (issue 10, W1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_tools_kit import tools_env
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.inspector import InspectorWindow
from wallet_app.profiles import ClientProfile


@pytest.mark.parametrize(
    ("draft", "configuration", "label"),
    [
        ("1.0", "pid_sd_jwt", "OID4VCI 1.0"),
        ("13", "pid_sd_jwt", "draft 13"),
        ("11", "degree_jwt_vc", "draft 11"),
    ],
)
def test_the_detected_draft_is_in_the_status_line(
    qtbot: QtBot, tmp_path: Path, draft: str, configuration: str, label: str
) -> None:
    config = DemoConfig(issuer_path="/demo", separate_as_path="/auth", draft=draft)
    with tools_env(tmp_path, config) as env:
        flow_id = env.receive(configuration)
        trace = env.ctx.store.get_trace(flow_id)
        credential = next(ex for ex in trace if ex.get("step") == "credential")
        assert credential["dialect"] == {"draft": draft, "source": "metadata"}
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        assert f"dialect: {label} (detected from the metadata)" in window.status.text()


def test_a_profile_override_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    """A draft-15 issuer spoken to as draft 15 by the profile's choice (its requests are
    the same as the detected ones would be: the override is what the line reports)."""
    config = DemoConfig(issuer_path="/demo", separate_as_path="/auth", draft="15")
    with tools_env(tmp_path, config) as env:
        offer = env.issuer.create_offer(["pid_sd_jwt"])
        flow = env.wallet.new_flow("pre-authorized_code")
        resolved = env.wallet.resolve_offer(
            offer.uri, flow=flow, profile=ClientProfile(name="custom", draft="15")
        )
        result = env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        env.wallet.wait_for_notifications(5)
        window = InspectorWindow(env.ctx, result.flow_id)
        qtbot.addWidget(window)
        assert "dialect: draft 15 (profile override)" in window.status.text()
        steps = [window.model.exchange(r) for r in range(window.model.rowCount())]
        before = next(ex for ex in steps if ex.get("step") == "issuer metadata")
        assert "dialect" not in before  # recorded from the token request on
