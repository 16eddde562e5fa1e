"""The issuer lint in the GUI: the explorer's findings tab (metadata, then probed responses)
and the inspector's findings of a flow beside its exchanges (issue 10, W4). The demo issuer
runs in-process with seeded deviations; screenshots go to WALLET_APP_SHOTS if set."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gui_tools_kit import tools_env
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.explorer import ExplorerWindow
from wallet_app.gui.inspector import InspectorWindow
from wallet_app.gui.lint_view import FindingsTable


def _shoot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def _rows(table: FindingsTable) -> list[tuple[str, str, str, str]]:
    """(severity, check, section, message and place) of each row as shown."""
    t = table.table
    rows = []
    for r in range(t.rowCount()):
        head, rest = t.item(r, 1).text().split("\n", 1)
        check, section = head.split("  [", 1)
        rows.append((t.item(r, 0).text(), check, section.removesuffix("]"), rest))
    return rows


def test_explorer_shows_metadata_findings_then_probed_ones(qtbot: QtBot, tmp_path: Path) -> None:
    config = DemoConfig(
        issuer_path="/demo",
        separate_as_path="/auth",
        deviations=frozenset({"as_metadata_legacy_location", "par_200", "nonce_cacheable"}),
    )
    with tools_env(tmp_path, config) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        window.resize(1280, 760)
        window.url_edit.setText("https://issuer.test/demo")
        qtbot.mouseClick(window.explore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.explore_button.isEnabled(), timeout=10_000)
        panel = window.findings
        assert window.side.tabText(window.side.indexOf(panel)) == "Lint findings"
        rows = _rows(panel)
        assert rows[0][:3] == (
            "Error",
            "as_metadata_location",
            "RFC 8414 §3.1; OID4VCI 1.0 §12.2.4",
        )
        assert "/auth/.well-known/openid-configuration" in rows[0][3]
        assert panel.summary.text().endswith(" · metadata only")
        assert {r[1] for r in rows} == {"as_metadata_location"}
        qtbot.mouseClick(panel.probe_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "probed responses" in panel.summary.text(), timeout=10_000)
        checks = {r[1] for r in _rows(panel)}
        assert {"as_metadata_location", "par_status", "nonce_no_store"} <= checks
        assert panel.summary.text().startswith("Errors: 3 · warnings: 0")
        assert panel.probe_button.isEnabled()
        window.side.setCurrentWidget(panel)
        window.show()
        qtbot.waitExposed(window)
        _shoot(window, "explorer_lint_findings.png")
        # nothing of the wallet was used: no credential, no spent offer
        assert env.ctx.store.list_credentials() == []


def test_inspector_shows_a_flows_findings_beside_its_exchanges(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = DemoConfig(
        issuer_path="/demo",
        separate_as_path="/auth",
        deviations=frozenset({"nonce_cacheable"}),
    )
    with tools_env(tmp_path, config) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        index = window.views.indexOf(window.findings)
        assert window.views.tabText(index) == "Lint findings (1)"
        ((severity, check, section, text),) = _rows(window.findings)
        assert (severity, check, section) == ("Error", "nonce_no_store", "OID4VCI 1.0 §7.2")
        assert "/demo/nonce" in text
        finding = window.findings.findings[0]
        assert finding.exchange is not None
        trace = env.ctx.store.get_trace(flow_id)
        assert trace[finding.exchange]["step"] == "nonce"
        window.views.setCurrentIndex(index)
        window.show()
        qtbot.waitExposed(window)
        _shoot(window, "inspector_lint_findings.png")
        # activating the finding shows its exchange
        window.findings.table.cellActivated.emit(0, 1)
        assert window.views.currentWidget() is window.table
        assert window.table.currentIndex().row() == finding.exchange
        # the exported trace carries the findings
        target = tmp_path / "trace.json"
        window.export_trace(target)
        exported = json.loads(target.read_text())["findings"]
        assert [f["check"] for f in exported] == ["nonce_no_store"]
        assert exported[0]["exchange"] == finding.exchange


def test_a_clean_flow_has_no_findings(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        assert window.views.tabText(window.views.indexOf(window.findings)) == "Lint findings (0)"
        assert window.findings.summary.text() == "No findings."
