"""Explorer window: explore in a job, report beside raw JSON and fetched URLs, request a
configuration (wallet-initiated issuance hands over to flow_start.start_issuance)."""

from __future__ import annotations

import sys
import time
import types
from pathlib import Path

import pytest
from gui_tools_kit import mismatched_issuer_report, tools_env
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QTabBar, QTableWidget, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wallet_app.gui.explorer import ExplorerWindow
from wallet_app.gui.explorer_parts import Section
from wallet_app.gui.theme import colour as theme_colour
from wallet_app.text import FSI, PDI
from wallet_app.wallet.resolve import ResolvedOffer


def _bare(text: str) -> str:
    """``text`` without the bidi isolates (FSI … PDI) the explorer puts around issuer text."""
    return text.replace(FSI, "").replace(PDI, "")


def _page(window: ExplorerWindow) -> QWidget:
    page = window.report_area.widget()
    assert page is not None
    return page


def _explore(qtbot: QtBot, window: ExplorerWindow, url: str) -> None:
    window.url_edit.setText(url)
    qtbot.mouseClick(window.explore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.explore_button.isEnabled(), timeout=10_000)


def test_explore_renders_report_json_and_urls(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        _explore(qtbot, window, "https://issuer.test/demo")
        assert window.report is not None and window.report.usable
        qtmodeltester.check(window.attempts)
        model = window.attempts
        assert model.rowCount() == 2  # issuer + AS, both found at the first URL
        assert model.data(model.index(0, 0)) == "200"
        assert str(model.data(model.index(0, 2))).endswith("/openid-credential-issuer/demo")
        assert model.data(model.index(1, 1)) == "authorization server"
        assert model.rowCount(model.index(0, 0)) == 0
        assert model.data(QModelIndex()) is None
        assert '"credential_issuer": "https://issuer.test/demo"' in window.json_view.toPlainText()
        assert window.document_choice.count() == 2
        window.document_choice.setCurrentIndex(1)
        assert '"issuer": "https://issuer.test/auth"' in window.json_view.toPlainText()
        page = _page(window)
        sections = page.findChildren(Section)
        names = [_bare(s.toggle.text()) for s in sections]
        assert names[0] == "Endpoints and capabilities"
        assert any(n.startswith("Personal ID") for n in names)
        checklist = sections[0].body
        assert isinstance(checklist, QTableWidget)
        rows = {
            str(checklist.model().index(r, 0).data()): str(checklist.model().index(r, 1).data())
            for r in range(checklist.rowCount())
        }
        assert rows["nonce_endpoint"] == "✓" and rows["DPoP"] == "✗" and rows["PAR"] == "✓"
        assert rows["credential_response_encryption"] == "✗"
        details = {  # the issuer's URLs keep their direction inside the table (bidi isolates)
            str(checklist.model().index(r, 0).data()): str(checklist.model().index(r, 2).data())
            for r in range(checklist.rowCount())
        }
        nonce_url = details["nonce_endpoint"]
        assert nonce_url.startswith(FSI) and nonce_url.endswith(PDI)
        assert _bare(nonce_url).replace("\u200b", "").startswith("https://issuer.test/")
        # configurations start collapsed and expand on click
        pid = next(s for s in sections if _bare(s.toggle.text()).startswith("Personal ID"))
        assert pid.body.isHidden()
        pid.toggle.click()
        assert not pid.body.isHidden()
        buttons = page.findChildren(QPushButton, "request:pid_sd_jwt")
        assert buttons and buttons[0].isEnabled()


def test_fallback_404_is_visible_and_colour_coded(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    report = mismatched_issuer_report()
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        window.show_report(report)
        qtmodeltester.check(window.attempts)
        model = window.attempts
        statuses = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
        assert statuses[:2] == ["404", "200"]
        colour = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
        assert isinstance(colour, QColor) and colour.name() == theme_colour("warning_text")
        ok = model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole)
        assert isinstance(ok, QColor) and ok.name() == theme_colour("success_text")
        # the mismatch is shown with both values, and nothing can be requested
        assert "someone-else.test" in window.status.text()
        assert "legacy.test/t" in window.status.text()
        assert not _page(window).findChildren(QPushButton)


def test_not_found_shows_one_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        _explore(qtbot, window, "https://issuer.test/nothing-here")
        assert window.report is None
        assert "could not be found" in window.status.text()
        window.url_edit.setText("")
        window.explore()
        assert window.status.text() == "Enter an issuer URL."


def test_request_this_credential_starts_the_issuance_flow(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[ResolvedOffer, object, object]] = []
    fake = types.ModuleType("wallet_app.gui.flow_start")

    def start_issuance(
        ctx: object, resolved: ResolvedOffer, *, tx_code: object, parent: object
    ) -> None:
        calls.append((resolved, tx_code, parent))

    fake.start_issuance = start_issuance  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wallet_app.gui.flow_start", fake)
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        _explore(qtbot, window, "https://issuer.test/demo")
        (button,) = _page(window).findChildren(QPushButton, "request:diploma_sd_jwt")
        button.click()
        qtbot.waitUntil(lambda: bool(calls), timeout=10_000)
        resolved, tx_code, parent = calls[0]
        assert [c.id for c in resolved.configurations] == ["diploma_sd_jwt"]
        assert resolved.grant == "authorization_code"
        assert resolved.issuer.credential_issuer == "https://issuer.test/demo"
        assert tx_code is None and parent is window


# -- issue 8: P15 request action and claim paths, cached metadata, P12 Escape, P8 fit ----------


def _fake_flow_start(monkeypatch: pytest.MonkeyPatch) -> list[ResolvedOffer]:
    """Stands in for the flow screen (its own tests drive it); records what it was given."""
    calls: list[ResolvedOffer] = []
    fake = types.ModuleType("wallet_app.gui.flow_start")

    def start_issuance(ctx: object, resolved: ResolvedOffer, **_kw: object) -> None:
        calls.append(resolved)

    fake.start_issuance = start_issuance  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wallet_app.gui.flow_start", fake)
    return calls


def test_request_action_is_in_the_header_row_and_keyboard_reachable(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fake_flow_start(monkeypatch)
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        _explore(qtbot, window, "https://issuer.test/demo")
        sections = {_bare(s.toggle.text()): s for s in _page(window).findChildren(Section)}
        pid = next(s for name, s in sections.items() if name.startswith("Personal ID"))
        assert pid.body.isHidden()  # collapsed, yet its action is visible
        (button,) = _page(window).findChildren(QPushButton, "request:pid_sd_jwt")
        assert button.isVisible() and pid.action is button
        assert not pid.body.isAncestorOf(button)
        name = _bare(button.accessibleName())
        assert name == "Request this credential: Personal ID (dc+sd-jwt)"
        # Tab from the section's title reaches its action; Space presses it
        pid.toggle.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is pid.toggle)
        qtbot.keyClick(pid.toggle, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is button
        qtbot.keyClick(button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: bool(calls), timeout=10_000)
        assert [c.id for c in calls[0].configurations] == ["pid_sd_jwt"]


def test_claim_paths_are_shown_whole_and_tables_do_not_scroll(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        window.resize(960, 540)
        window.url_edit.setText("https://issuer.test/demo")
        window.explore()  # the report is built before the window is shown
        qtbot.waitUntil(lambda: window.report is not None, timeout=10_000)
        for section in _page(window).findChildren(Section):
            section.toggle.setChecked(True)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(20)  # one pass of the event loop for the tables' queued fit
        tables = _page(window).findChildren(QTableWidget)
        assert len(tables) >= 3
        for table in tables:  # no scroll area inside the scrolling page
            assert table.verticalScrollBar().maximum() == 0
        claims = [t for t in tables if t.accessibleName() == "Claims"]
        checklist = [t for t in tables if t.accessibleName() == "Endpoints and capabilities"]
        paths = 0
        for table, column in [(t, 0) for t in claims] + [(t, 2) for t in checklist]:
            width = table.columnWidth(column)
            fm = table.fontMetrics()
            for row in range(table.rowCount()):
                item = table.item(row, column)
                full = item.toolTip()
                assert item.text().replace("\u200b", "") == full
                needed = fm.boundingRect(
                    QRect(0, 0, width - 8, 10_000),
                    int(Qt.TextFlag.TextWordWrap),
                    item.text(),
                )
                assert needed.height() <= table.rowHeight(row), full
                assert needed.width() <= width, full
                paths += 1
        assert paths > 10


def test_cached_metadata_is_marked_with_its_age(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        _explore(qtbot, window, "https://issuer.test/demo")
        assert "fetch the metadata again" in window.cache_note.text()
        env.receive("pid_sd_jwt")  # a flow caches the issuer's metadata
        _explore(qtbot, window, "https://issuer.test/demo")
        note = window.cache_note.text()
        assert note.startswith("Cached:") and "less than a minute ago" in note
        assert "5 min old" in note
        env.ctx.wallet.cache.clock = lambda: time.monotonic() + 125  # two minutes later
        window.show_cache_note()
        assert "from 2 min ago" in window.cache_note.text()
        env.ctx.wallet.cache.clock = lambda: time.monotonic() + 400  # expired
        window.show_cache_note()
        assert "fetch the metadata again" in window.cache_note.text()


def test_escape_closes_the_explorer_and_it_fits_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        area = window.screen().availableGeometry()
        assert window.frameGeometry().width() <= area.width()
        assert window.frameGeometry().height() <= area.height()
        _explore(qtbot, window, "https://issuer.test/demo")
        for section in _page(window).findChildren(Section):
            section.toggle.setChecked(True)
        least = window.minimumSizeHint()  # fits 960×540 (1920×1080 at 200 %)
        assert least.width() <= 960 and least.height() <= 540
        for widget in window.findChildren(QWidget):
            if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
                if isinstance(widget, QTabBar):
                    name = "".join(widget.tabText(i)[:1] for i in range(widget.count()))
                assert name, f"{type(widget).__name__} without an accessible name"
        window.url_edit.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.url_edit)
        qtbot.keyClick(window.url_edit, Qt.Key.Key_Escape)
        assert not window.isVisible()
