"""MainWindow: empty state, cards from the store, search, URIs, delete key, deferred poller."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_cards_kit import Env, demo_env, fake_credentials
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QMessageBox
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.card_delegate import CARD_SIZE
from wallet_app.gui.credential_model import Roles
from wallet_app.gui.main_window import MainWindow
from wallet_app.wallet.store import StoredCredential


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
    window.handle_uri(
        "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.test%2Fo"
    )
    window.handle_uri("io.github.walletapp:/callback?code=abc&state=xyz")
    assert redirects == ["io.github.walletapp:/callback?code=abc&state=xyz"]
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
        qtbot.waitUntil(window.poll_timer.isActive, timeout=5000)
        assert not window._polling
        # the issuer's 1 s interval (a coarse QTimer adds up to 5 %), not the 60 s failure retry
        assert 0 <= window.poll_timer.remainingTime() < 2000
        assert [c.status for c in env.store.list_credentials()] == ["deferred"]
        window.poll_deferred_now()
        qtbot.waitUntil(lambda: not window._polling, timeout=5000)
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
    rows = fake_credentials(3001)
    current = _fake_store(window, monkeypatch, rows[1:])
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3000)
    view = window.list_view
    bar = view.verticalScrollBar()
    row_height = CARD_SIZE.height() + 20
    qtbot.waitUntil(lambda: bar.maximum() > 300 * row_height)  # batched layout done
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
