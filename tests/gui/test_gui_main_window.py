"""MainWindow: empty state, cards from the store, search, URIs, delete key, deferred poller."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_cards_kit import Env, demo_env, fake_credentials
from gui_e2e_kit import run_gui_subprocess
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.app import UriBridge, wire_window
from wallet_app.gui.card_layout import CARD_SIZE
from wallet_app.gui.credential_model import Roles
from wallet_app.gui.demo_panel import DemoPanel
from wallet_app.gui.main_window import PRESENTATION_SCALE, MainWindow
from wallet_app.gui.window_state import WindowState, first_run_geometry, load_window_state
from wallet_app.host.single_instance import InstanceServer
from wallet_app.wallet.store import StoredCredential

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with demo_env(tmp_path, demo_base_url="https://issuer.test") as made:
        yield made


def _window(qtbot: QtBot, env: Env) -> MainWindow:
    window = MainWindow(env.ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window._loading)
    return window


def test_empty_state_offers_add_and_demo(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, env)
    assert window.pages.currentWidget() is window.empty
    assert window.empty.demo_button.isVisibleTo(window) and not window.empty.demo_hint.isVisibleTo(
        window
    )
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "open_add_dialog", lambda self: opened.append("add"))
    monkeypatch.setattr(MainWindow, "toggle_demo", lambda self, checked=True: opened.append("demo"))
    window.empty.add_requested.disconnect()
    window.empty.add_requested.connect(lambda: window.open_add_dialog())
    window.empty.add_button.click()
    window.empty.demo_button.click()
    assert opened == ["add", "demo"]


def test_without_demo_the_hint_explains_the_flag(qtbot: QtBot, tmp_path: Path) -> None:
    with demo_env(tmp_path) as plain:
        window = _window(qtbot, plain)
        assert not window.empty.demo_button.isVisibleTo(window)
        assert "--demo" in window.empty.demo_hint.text() and window.empty.demo_hint.isVisibleTo(
            window
        )
        assert not window.demo_action.isVisible()


def test_cards_appear_on_credentials_changed_and_search_filters(qtbot: QtBot, env: Env) -> None:
    window = _window(qtbot, env)
    window.refresh()
    env.receive("pid_sd_jwt")
    env.receive("diploma_sd_jwt")
    env.ctx.events.credentials_changed.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.pages.currentWidget() is window.list_view
    names = {window.proxy.index(r, 0).data() for r in range(2)}
    assert names == {"Personal ID", "University Diploma"}
    window.search.setText("diploma")
    assert window.proxy.rowCount() == 1
    window.search.setText("zzz")
    assert window.pages.currentWidget() is window.no_match
    window.search.clear()
    assert window.pages.currentWidget() is window.list_view


def test_every_control_has_an_accessible_name(qtbot: QtBot, env: Env) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListView, QWidget

    window = _window(qtbot, env)
    controls: list[QWidget] = [
        *window.findChildren(QAbstractButton),
        *window.findChildren(QLineEdit),
        *window.findChildren(QListView),
    ]
    unnamed = [
        (type(c).__name__, c.objectName())
        for c in controls
        if c.isVisibleTo(window) and not c.accessibleName()
    ]
    assert controls and unnamed == []


def test_handle_uri_routes_offers_and_redirects(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, env)
    reviewed: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "wallet_app.gui.offer_review.start_offer_review",
        lambda ctx, text, source, parent: reviewed.append((text, source)),
        raising=False,
    )
    redirects: list[str] = []
    env.ctx.events.redirect_received.connect(redirects.append)
    env.ctx.pending_states.add("xyz")  # a flow waits for this sign-in
    window.handle_uri(
        "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.test%2Fo"
    )
    window.handle_uri("io.github.walletapp:/callback?code=abc&state=xyz")
    assert redirects == ["io.github.walletapp:/callback?code=abc&state=xyz"]
    assert window.stray_bar is None
    assert reviewed == [
        ("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.test%2Fo", "link")
    ]


def test_delete_key_asks_then_deletes(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, env)
    [stored] = env.receive("pid_sd_jwt")
    env.ctx.events.credentials_changed.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.list_view.setFocus()
    window.list_view.setCurrentIndex(window.proxy.index(0, 0))
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not window.delete_selected()
    assert env.store.list_credentials() != []
    QTest.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert "Personal ID" in asked[0] and len(asked) == 2
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert env.store.list_credentials() == [] and window.pages.currentWidget() is window.empty
    assert stored.id


def test_deferred_credentials_are_polled_on_their_own(qtbot: QtBot, tmp_path: Path) -> None:
    with demo_env(tmp_path, config=DemoConfig(batch_size=None, deferred_interval=1)) as env:
        env.issuer.faults.deferred_pending_polls = 1
        [pending] = env.receive("pid_sd_jwt")
        assert pending.status == "deferred"
        window = _window(qtbot, env)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)
        # Loading the pending card starts a poll job; that job's result (the entry's due time),
        # not the load, arms the timer: wait for it instead of racing the job.
        qtbot.waitUntil(window.poller.timer.isActive, timeout=5000)
        assert not window.poller.busy
        # the issuer's 1 s interval (a coarse QTimer adds up to 5 %), not the 60 s failure retry
        assert 0 <= window.poller.timer.remainingTime() < 2000
        assert [c.status for c in env.store.list_credentials()] == ["deferred"]
        window.poll_deferred_now()
        qtbot.waitUntil(lambda: not window.poller.busy, timeout=5000)
        qtbot.waitUntil(
            lambda: [c.status for c in env.store.list_credentials()] == ["issued"], timeout=10_000
        )
        qtbot.waitUntil(lambda: window.model.index(0).data(Roles.Status) == "issued", timeout=5000)


def _fake_store(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, rows: list[StoredCredential]
) -> list[StoredCredential]:
    current = list(rows)
    monkeypatch.setattr(window.ctx.store, "list_credentials", lambda: list(current))
    return current


def test_refresh_keeps_scroll_position_and_selection(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, env)
    window.resize(1020, 680)  # three cards a row, as the test was written for
    rows = fake_credentials(3001)
    current = _fake_store(window, monkeypatch, rows[1:])
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3000)
    view = window.list_view
    bar = view.verticalScrollBar()
    row_height = CARD_SIZE.height() + 20
    columns = max(1, view.viewport().width() // view.gridSize().width())
    full = (3000 // columns) * row_height - view.viewport().height()
    qtbot.waitUntil(lambda: bar.maximum() >= full - row_height)  # batched layout done
    target = window.proxy.mapFromSource(window.model.index(1500))
    view.setCurrentIndex(target)
    view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
    before = bar.value()
    assert before > 100 * row_height
    selected = window.selected_credential_id()
    assert selected == rows[1501].id

    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    window.refresh()  # nothing changed: no reset, nothing moves
    qtbot.waitUntil(lambda: not window._loading)
    assert resets == [] and bar.value() == before and window.selected_credential_id() == selected

    current.insert(0, rows[0])  # a new credential arrives at the top
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3001)
    qtbot.wait(10)
    assert resets == []
    assert abs(bar.value() - before) <= row_height
    assert window.selected_credential_id() == selected
    assert view.selectionModel().isSelected(view.currentIndex())

    del current[2000:2100]  # removals below and a reordering (a reset) keep the place too
    current.append(current.pop(5))
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2901)
    qtbot.wait(10)
    assert abs(bar.value() - before) <= row_height
    assert window.selected_credential_id() == selected


# -- issue 8 ------------------------------------------------------------------------------------


def test_a_redirect_nobody_waits_for_is_explained_in_the_window(qtbot: QtBot, env: Env) -> None:
    """P3: e.g. the wallet was started by a late redirect: the window says what happened."""
    window = _window(qtbot, env)
    redirects: list[str] = []
    env.ctx.events.redirect_received.connect(redirects.append)
    window.handle_uri("io.github.walletapp:/callback?code=abc&state=gone")
    assert redirects == []
    assert window.stray_bar is not None and window.stray_bar.isVisibleTo(window)
    assert "no longer waiting" in window.stray_bar.label.text()


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_refused_redirect_from_a_second_process_shows_in_the_running_window(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P3: the refusal went only to the handing-off process's stderr; now the running
    window shows it (single-instance channel, real ``python -m wallet_app <redirect>``)."""
    runtime = Path(tempfile.mkdtemp(prefix="wa-"))  # short: AF_UNIX paths are limited
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("WALLET_APP_INSTANCE", f"wallet-mw-{uuid.uuid4().hex[:10]}")
    window = _window(qtbot, env)
    bridge = UriBridge(env.ctx.pending_states)
    server = InstanceServer(bridge.on_uris)
    server.start()
    wire_window(bridge, window)
    try:
        child = subprocess.run(
            [sys.executable, "-m", "wallet_app", "io.github.walletapp:/callback?code=a&state=old"],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.returncode == 1 and "not waiting" in child.stderr
        qtbot.waitUntil(lambda: window.stray_bar is not None, timeout=5000)
    finally:
        server.close()
        bridge.deleteLater()
        shutil.rmtree(runtime, ignore_errors=True)


def test_show_credential_selects_scrolls_to_and_outlines_the_card(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = _window(qtbot, env)
    window.resize(900, 600)
    rows = _fake_store(window, monkeypatch, fake_credentials(40))
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 40)
    target = rows[37].id
    window.search.setText("no such card")  # a search that hides it is cleared
    env.ctx.events.show_credential.emit(target)
    assert window.selected_credential_id() == target
    assert window.search.text() == ""
    index = window.list_view.currentIndex()
    assert window.list_view.viewport().rect().contains(window.list_view.visualRect(index))
    assert window.highlight.active
    assert window.highlight.geometry().contains(window.list_view.visualRect(index))
    window.grab().save(str(tmp_path / "show_credential.png"))
    qtbot.waitUntil(lambda: not window.highlight.isVisible(), timeout=5000)  # it fades away


def test_show_credential_waits_for_the_card_being_loaded(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, env)
    rows = _fake_store(window, monkeypatch, fake_credentials(3))
    window.refresh()  # a flow's Done arrives while the list reloads
    env.ctx.events.show_credential.emit(rows[2].id)
    qtbot.waitUntil(lambda: window.selected_credential_id() == rows[2].id, timeout=5000)


def test_notify_in_the_status_bar_while_the_window_is_active(qtbot: QtBot, env: Env) -> None:
    window = _window(qtbot, env)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    env.ctx.events.notify.emit("Credential received", "Personal ID is now in your wallet.")
    assert window.notifier.last == (
        "status",
        "Credential received",
        "Personal ID is now in your wallet.",
    )
    assert "Personal ID" in window.statusBar().currentMessage()
    assert window.notifier.tray is None  # made only when a tray message is shown


def test_deferred_completion_notifies_with_the_credential_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with demo_env(tmp_path, config=DemoConfig(batch_size=None, deferred_interval=1)) as env:
        env.issuer.faults.deferred_pending_polls = 1
        env.receive("pid_sd_jwt")
        window = _window(qtbot, env)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)
        with qtbot.waitSignal(env.ctx.events.notify, timeout=15_000) as blocker:
            qtbot.waitUntil(lambda: not window.poller.busy, timeout=5000)
            window.poll_deferred_now()
        assert blocker.args == ["Credential received", "Personal ID is now in your wallet."]


def _popup_menu(qtbot: QtBot) -> QMenu:
    found: list[QMenu] = []

    def shown() -> bool:
        found[:] = [m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu)]
        found[:] = [m for m in found if m.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=2000)
    return found[0]


@pytest.mark.parametrize("keys", ["menu", "shift+f10"])
def test_card_context_menu_from_the_keyboard(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch, keys: str
) -> None:
    window = _window(qtbot, env)
    rows = _fake_store(window, monkeypatch, fake_credentials(3))
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "open_details", lambda self, cid: opened.append(cid))
    view = window.list_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the second card
    if keys == "menu":
        qtbot.keyClick(view, Qt.Key.Key_Menu)
    else:
        qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = _popup_menu(qtbot)
    texts = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    assert texts[0] == "Open details" and texts[-1] == "Delete…"
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # the first item is active
    qtbot.waitUntil(lambda: opened == [window.selected_credential_id()], timeout=2000)
    assert opened[0] in {r.id for r in rows}


def test_toolbar_actions_are_in_the_tab_order(qtbot: QtBot, env: Env) -> None:
    """P12: every toolbar action is reachable with Tab, left to right, then the cards."""
    window = _window(qtbot, env)
    window.activateWindow()
    buttons = [
        w
        for a in window.toolbar.actions()
        if (w := window.toolbar.widgetForAction(a)) is not None and w.isVisibleTo(window)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    names = [b.accessibleName() for b in buttons]
    for wanted in ("Add credential", "Scan QR code", "Explore issuer", "Protocol inspector"):
        assert wanted in names, names
    assert "Settings" in names and "Search credentials" in names
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus)
    visited = [QApplication.focusWidget()]
    for _ in range(len(buttons)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited[: len(buttons)] == buttons
    assert all(w is not None and w.accessibleName() for w in visited)


def test_presentation_mode_scales_the_font_and_is_remembered(
    qtbot: QtBot, env: Env, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.font().pointSizeF()
    window = _window(qtbot, env)
    window.restore_state(tmp_path / "window.json")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.list_view, Qt.Key.Key_F5)
    assert window.presentation_action.isChecked()
    assert app.font().pointSizeF() == pytest.approx(base * PRESENTATION_SCALE)
    window.close()
    assert app.font().pointSizeF() == pytest.approx(base)  # the window put it back
    saved = json.loads((tmp_path / "window.json").read_text())
    assert saved["presentation"] is True
    again = _window(qtbot, env)
    again.restore_state(tmp_path / "window.json")
    assert again.presentation_action.isChecked()
    assert app.font().pointSizeF() == pytest.approx(base * PRESENTATION_SCALE)
    qtbot.keyClick(again.list_view, Qt.Key.Key_P, CTRL_SHIFT)
    assert app.font().pointSizeF() == pytest.approx(base)


def _demo_env_with_issuer(env: Env) -> None:
    env.ctx.demo_base_url = env.issuer.base_url
    env.ctx.extras["demo_issuer"] = env.issuer
    env.ctx.extras["demo_batch_issuer"] = env.issuer  # in-process: no loopback server


def test_demo_opens_with_its_panel_and_remembers_it(qtbot: QtBot, env: Env, tmp_path: Path) -> None:
    """P2: ``--demo`` opens with the panel; hidden, moved or resized, it comes back so."""
    _demo_env_with_issuer(env)
    path = tmp_path / "window.json"
    first = _window(qtbot, env)
    first.restore_state(path)
    assert first.demo_dock is not None and first.demo_dock.isVisible()
    assert first.demo_action.isChecked()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.demo_dock)
    first.close()
    saved = WindowState.from_json(json.loads(path.read_text()))
    assert saved.panel_visible is True and saved.panel_area == "left"
    assert saved.panel_width is not None and saved.panel_width > 0
    second = _window(qtbot, env)
    second.restore_state(path)
    assert second.demo_dock is not None and second.demo_dock.isVisible()
    assert second.dockWidgetArea(second.demo_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    second.demo_dock.close()  # the user hides it
    second.close()
    third = _window(qtbot, env)
    third.restore_state(path)
    assert third.demo_dock is None or not third.demo_dock.isVisible()


def test_window_size_and_place_are_remembered(qtbot: QtBot, env: Env, tmp_path: Path) -> None:
    path = tmp_path / "window.json"
    first = _window(qtbot, env)
    first.restore_state(path)
    first.setGeometry(40, 50, 700, 560)
    first.close()
    assert WindowState.from_json(json.loads(path.read_text())).geometry == (40, 50, 700, 560)
    second = _window(qtbot, env)
    second.restore_state(path)
    assert (second.width(), second.height()) == (700, 560)
    assert (second.geometry().x(), second.geometry().y()) == (40, 50)


def test_saved_geometry_is_clamped_to_the_available_screen(
    qtbot: QtBot, env: Env, tmp_path: Path
) -> None:
    path = tmp_path / "window.json"
    path.write_text(json.dumps({"version": 1, "geometry": [5000, -300, 9000, 7000]}))
    window = _window(qtbot, env)
    window.restore_state(path)
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())


def test_damaged_window_state_gives_the_first_run_layout(tmp_path: Path) -> None:
    path = tmp_path / "window.json"
    path.write_text("{not json")
    assert load_window_state(path) == WindowState()
    path.write_text(json.dumps({"geometry": ["a", 1, 2, 3], "panel_width": -5, "maximized": 1}))
    assert load_window_state(path) == WindowState()


def test_first_run_size_is_a_share_of_the_screen(qtbot: QtBot, env: Env) -> None:
    for available in (QRect(0, 0, 1280, 720), QRect(0, 0, 960, 540), QRect(0, 0, 1440, 900)):
        rect = first_run_geometry(available)
        assert available.contains(rect)
        assert rect.width() <= int(available.width() * 0.8)
    window = _window(qtbot, env)
    assert window.screen().availableGeometry().contains(window.geometry())


def test_with_the_panel_the_window_fits_a_960_px_wide_screen(qtbot: QtBot, env: Env) -> None:
    """P8: 1920×1080 at 200 % leaves 960 logical pixels; the panel must not push past it."""
    _demo_env_with_issuer(env)
    window = _window(qtbot, env)
    window.show_demo()
    qtbot.waitUntil(lambda: window.demo_dock is not None and window.demo_dock.isVisible())
    assert window.minimumSizeHint().width() <= 960, window.minimumSizeHint()
    window.resize(960, 540)
    assert window.width() <= 960


@pytest.mark.parametrize(("width", "height"), [(1440, 900 - 60), (1280, 720 - 50)])
def test_every_demo_scenario_is_reachable_unclipped(
    qtbot: QtBot, env: Env, tmp_path: Path, width: int, height: int
) -> None:
    """P2: at 1440×900 all five cards show at once; at 1280×720 Tab scrolls each into full
    view (the sizes are the screens less a task bar)."""
    _demo_env_with_issuer(env)
    window = _window(qtbot, env)
    window.restore_state(tmp_path / "window.json")
    window.resize(width, height)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.demo_dock
    assert isinstance(panel, DemoPanel) and panel.isVisible()
    viewport = panel.scroll_area.viewport()
    qtbot.wait(50)  # the dock settles into the new width
    all_at_once = True
    for card in panel.cards.values():
        assert card.width() >= card.minimumSizeHint().width()  # no card cut sideways
        card.receive_button.setFocus()  # what Tab does, one card at a time
        qtbot.waitUntil(card.receive_button.hasFocus)
        top_left = card.mapTo(viewport, card.rect().topLeft())
        shown = viewport.rect().contains(QRect(top_left, card.size()))
        assert shown, (card.scenario.key, top_left.y(), card.height(), viewport.height())
        all_at_once = all_at_once and panel.scroll_area.verticalScrollBar().value() == 0
    if width == 1440:
        assert all_at_once, "at 1440×900 no scrolling is needed"
    window.grab().save(str(tmp_path / f"demo_{width}.png"))


#: ``python -c`` body: the real ``run_gui(settings, demo=True)``; once the main window shows,
#: print what it looks like (one JSON line), hide the demo panel when argv[2] == "hide", close
#: the window (or quit the app with it open when argv[2] == "quit")
RUN_GUI_DEMO = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from wallet_app.gui.app import run_gui
from wallet_app.gui.main_window import MainWindow
from wallet_app.settings import Settings

def look():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows or not windows[0].isVisible():
        QTimer.singleShot(50, look)
        return
    window = windows[0]
    dock = window.demo_dock
    available = window.screen().availableGeometry()
    print(json.dumps({
        "panel": dock is not None and dock.isVisible(),
        "fits": available.contains(window.frameGeometry()) or available.contains(window.geometry()),
        "share": window.width() / available.width(),
    }))
    if sys.argv[2] == "hide" and dock is not None:
        dock.close()
    if sys.argv[2] == "quit":  # the app ends with the window open (e.g. the session ends)
        QApplication.quit()
    else:
        window.close()

QTimer.singleShot(0, look)
sys.exit(run_gui(Settings(data_dir=Path(sys.argv[1])), demo=True))
"""


def _run_gui_demo(tmp_path: Path, mode: str) -> dict[str, object]:
    return run_gui_subprocess(tmp_path, mode, script=RUN_GUI_DEMO)


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_wallet_app_demo_opens_with_the_panel_and_remembers_it_was_hidden(
    tmp_path: Path,
) -> None:
    """P2 through the real entry point: ``--demo`` opens with the panel (the README says so),
    sized to a share of the screen; hidden and closed, the next start remembers it."""
    first = _run_gui_demo(tmp_path, "hide")
    assert first["panel"] is True and first["fits"] is True
    saved = json.loads((tmp_path / "config" / "window.json").read_text())
    assert saved["panel_visible"] is False and saved["geometry"]
    second = _run_gui_demo(tmp_path, "keep")
    assert second["panel"] is False


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_the_window_state_is_kept_when_the_app_quits_with_the_window_open(
    tmp_path: Path,
) -> None:
    report = _run_gui_demo(tmp_path, "quit")
    assert report["panel"] is True
    saved = json.loads((tmp_path / "config" / "window.json").read_text())
    assert saved["panel_visible"] is True and saved["geometry"]


def test_activity_for_the_wallet_and_for_one_card(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wallet_app.gui.history_view import HistoryDialog

    window = _window(qtbot, env)
    env.receive("pid_sd_jwt")
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.activity_action.isVisible()
    window.activity_action.trigger()  # Wallet > Activity…
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(HistoryDialog)))
    for dialog in window.findChildren(HistoryDialog):
        dialog.reject()
    window.list_view.setCurrentIndex(window.proxy.index(0, 0))
    menu = window.card_menu.menu_for(window.list_view.currentIndex())
    [activity] = [a for a in menu.actions() if a.text() == "Activity…"]
    activity.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(HistoryDialog)))
    menu.deleteLater()
