"""Issue 8 "Done when": the ``--demo`` window driven through every scenario with the keyboard.

The window is built as ``run_gui(settings, demo=True)`` builds it (``gui_e2e_kit.demo_app``:
demo issuer on 127.0.0.1, a throw-away store, the single-instance channel, a scripted browser
subprocess), and its state restored as ``run_gui`` does, which opens the demo panel. Then only
keys: Tab to a scenario's Receive button (found by the name a screen reader says), Space,
Return on the review, the transaction code typed as read from the panel's label, Return on
Done. Each scenario must end with its new card selected in the main window. No widget is
clicked and no method is called other than to read what a person sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_e2e_kit import DEFERRED_MS, STEP_MS, DemoApp, demo_app, wait_review_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.gui.demo_panel import SCENARIOS, DemoPanel
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.offer_review import OfferReviewDialog

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

#: the scenario titles as the panel shows them, and the card each one adds
EXPECTED = {
    "tx_code": "pid_sd_jwt",
    "browser": "diploma_sd_jwt",
    "mdoc": "mdl_mdoc",
    "deferred": "pid_sd_jwt",
    "batch": "pid_sd_jwt",
}


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        # the sign-in page is completed by pressing Enter (HTML implicit submission)
        running.env["SCRIPTED_BROWSER_ACTION"] = "enter"
        running.window.restore_state(tmp_path / "config" / "window.json")  # as run_gui does
        running.window.activateWindow()
        qtbot.waitUntil(running.window.isActiveWindow, timeout=STEP_MS)
        yield running


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def _press(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(_focused(), key)


def _tab_to(qtbot: QtBot, name: str, limit: int = 80) -> QWidget:
    """Press Tab until the focused widget is called ``name`` (its accessible name)."""
    seen: list[str] = []
    for _ in range(limit):
        widget = _focused()
        if widget.accessibleName() == name:
            return widget
        seen.append(widget.accessibleName() or type(widget).__name__)
        _press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def _visible(window: QWidget, kind: type[QWidget]) -> QWidget | None:
    shown = [d for d in window.findChildren(kind) if d.isVisible()]
    return shown[0] if len(shown) == 1 else None


def _code_on_panel(panel: DemoPanel, key: str) -> str:
    """The transaction code as the panel shows it (what a presenter reads out)."""
    match = re.search(r">([0-9A-Z]{6})</b>", panel.cards[key].code_label.text())
    assert match is not None, panel.cards[key].code_label.text()
    return match.group(1)


def _receive_by_keyboard(qtbot: QtBot, app: DemoApp, key: str) -> str | None:
    """Receive scenario ``key`` with keys only; return the id of the card selected at the end."""
    window = app.window
    panel = window.demo_dock
    assert isinstance(panel, DemoPanel) and panel.isVisible(), "--demo opens with the panel"
    title = panel.cards[key].title_label.text()
    before = {c.id for _, c in app.cards()}
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=STEP_MS)
    _tab_to(qtbot, f"Receive: {title}")
    _press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _visible(window, OfferReviewDialog) is not None, timeout=STEP_MS)
    # read while the review is open, as the audience sees it (issue 8 P1)
    code = _code_on_panel(panel, key) if panel.cards[key].code_label.isVisible() else None
    review = _visible(window, OfferReviewDialog)
    assert isinstance(review, OfferReviewDialog)
    wait_review_page(qtbot, review)  # the offer resolved: issuer and credentials shown
    qtbot.waitUntil(lambda: _focused() is review.accept_button, timeout=STEP_MS)
    _press(qtbot, Qt.Key.Key_Return)  # Accept
    if code is not None:  # the code page of the review: type what the panel shows
        qtbot.waitUntil(lambda: review.pages.currentWidget() is review.tx_page, timeout=STEP_MS)
        qtbot.keyClicks(_focused(), code)
        _press(qtbot, Qt.Key.Key_Return)  # Send code
    qtbot.waitUntil(lambda: _visible(window, FlowDialog) is not None, timeout=STEP_MS)
    dialog = _visible(window, FlowDialog)
    assert isinstance(dialog, FlowDialog)
    qtbot.waitUntil(dialog.done_button.isVisible, timeout=STEP_MS)
    qtbot.waitUntil(lambda: _focused() is dialog.done_button, timeout=STEP_MS)
    assert dialog.done_button.text() == "Done"  # not "Close": the flow did not fail
    _press(qtbot, Qt.Key.Key_Return)  # Done: the new card is selected in the main window
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=STEP_MS)
    qtbot.waitUntil(lambda: window.selected_credential_id() not in (None, *before), timeout=STEP_MS)
    selected = window.selected_credential_id()
    stored = {c.id: c for _, c in app.cards()}
    assert selected is not None and selected not in before
    assert stored[selected].credential_configuration_id == EXPECTED[key]
    return selected


def test_every_demo_scenario_with_the_keyboard_only(app: DemoApp, qtbot: QtBot) -> None:
    selected: dict[str, str | None] = {}
    for scenario in SCENARIOS:
        selected[scenario.key] = _receive_by_keyboard(qtbot, app, scenario.key)
    assert set(selected) == {s.key for s in SCENARIOS}
    # the deferred one completes on its own (the main window polls), the batch gave 3 copies
    deferred = selected["deferred"]
    qtbot.waitUntil(
        lambda: any(c.id == deferred and c.status == "issued" for _, c in app.cards()),
        timeout=DEFERRED_MS,
    )
    qtbot.waitUntil(lambda: app.browser_exits == [0], timeout=STEP_MS)
    assert "press Enter" in app.browser_trail()


def test_browser_sign_in_completed_by_pressing_enter(app: DemoApp, qtbot: QtBot) -> None:
    """The sign-in form is submitted by Enter (implicit submission: the first submit button,
    Approve), the tab hands the redirect on, and the credential is issued."""
    selected = _receive_by_keyboard(qtbot, app, "browser")
    trail = app.browser_trail()
    assert "press Enter: the first submit button sends action=approve" in trail, trail
    assert "following its refresh" in trail, trail
    qtbot.waitUntil(lambda: app.browser_exits == [0], timeout=STEP_MS)
    paths = [r.path for r in app.issuer.received_requests()]
    assert "/token" in paths and "/credential" in paths
    assert any(c.id == selected and c.status == "issued" for _, c in app.cards())
