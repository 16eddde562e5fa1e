"""Start-up phase 2: the store opens on a worker thread (keyring hint), a passphrase wallet
asks for its passphrase (wrong one: the message, then retry), Quit ends start-up."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import wallet_app.compose
from wallet_app.errors import StorageError
from wallet_app.gui.app import StartupWindow, _Session
from wallet_app.gui.passphrase_dialog import PassphraseDialog
from wallet_app.gui.wallet_opening import WalletOpening, _OpenedStore
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.store import CredentialStore

RIGHT = "correct horse battery"


class Built:
    """A stand-in for the main window builder: records what phase 2 handed over."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.calls: list[tuple[Settings, _OpenedStore, str]] = []

    def __call__(
        self, settings: Settings, demo: bool, states: set[str], session: _Session, o: _OpenedStore
    ) -> QWidget:
        self.calls.append((settings, o, threading.current_thread().name))
        widget = QWidget()
        self.qtbot.addWidget(widget)
        return widget


@pytest.fixture
def session() -> Iterator[_Session]:
    made = _Session()
    yield made
    made.close()


@pytest.fixture
def startup(qtbot: QtBot) -> StartupWindow:
    window = StartupWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def _passphrase_wallet(data: Path) -> None:
    CredentialStore.open(data, passphrase=RIGHT).close()


@pytest.mark.parametrize("flagged", [False, True], ids=["store-meta", "settings-flag"])
def test_passphrase_wallet_asks_and_lets_the_user_retry(
    tmp_path: Path,
    qtbot: QtBot,
    session: _Session,
    startup: StartupWindow,
    flagged: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    data = tmp_path / "data"
    _passphrase_wallet(data)
    settings = Settings(data_dir=data, use_passphrase=flagged)
    build = Built(qtbot)
    opening = WalletOpening(settings, False, set(), session, startup, build=build)
    failed: list[object] = []
    opening.failed.connect(failed.append)
    opening.begin()
    qtbot.waitUntil(lambda: opening.passphrase_dialog is not None, timeout=10_000)
    dialog = opening.passphrase_dialog
    assert isinstance(dialog, PassphraseDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert str(data) in dialog.folder_label.text()
    assert dialog.unlock_button.text() == "Unlock" and dialog.quit_button.text() == "Quit"
    assert startup.isVisible() and not failed

    dialog.edit.setText("wrong horse")
    dialog.unlock_button.click()
    assert not dialog.unlock_button.isEnabled()  # busy while the worker unlocks
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "passphrase is wrong" in dialog.error.text()
    assert dialog.unlock_button.isEnabled() and not failed and build.calls == []

    dialog.edit.setText(RIGHT)
    with qtbot.waitSignal(opening.ready, timeout=10_000):
        dialog.edit.returnPressed.emit()
    [(used, opened, thread)] = build.calls
    assert used.use_passphrase and used.passphrase == RIGHT
    assert thread == threading.main_thread().name  # the window is built on the GUI thread
    assert opened.store.list_credentials() == []
    assert opening.passphrase_dialog is None and not dialog.isVisible()
    assert not failed
    assert RIGHT not in caplog.text and "wrong horse" not in caplog.text


def test_quit_at_the_passphrase_ends_start_up(
    tmp_path: Path, qtbot: QtBot, session: _Session, startup: StartupWindow
) -> None:
    data = tmp_path / "data"
    _passphrase_wallet(data)
    opening = WalletOpening(
        Settings(data_dir=data), False, set(), session, startup, build=Built(qtbot)
    )
    opening.begin()
    qtbot.waitUntil(lambda: opening.passphrase_dialog is not None, timeout=10_000)
    dialog = opening.passphrase_dialog
    assert dialog is not None
    with qtbot.waitSignal(opening.failed, timeout=2_000) as blocker:
        dialog.quit_button.click()
    assert blocker.args == [None]
    assert opening.passphrase_dialog is None


def test_empty_passphrase_is_not_sent(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(tmp_path)
    qtbot.addWidget(dialog)
    sent: list[str] = []
    dialog.unlock_requested.connect(sent.append)
    dialog.unlock_button.click()
    assert sent == [] and dialog.error.text() == "Enter the passphrase."
    dialog.edit.setText("x")
    assert dialog.error.isHidden()
    dialog.unlock_button.click()
    assert sent == ["x"]


def test_store_opens_on_a_worker_while_the_window_says_it_waits_for_the_keyring(
    tmp_path: Path,
    qtbot: QtBot,
    session: _Session,
    startup: StartupWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    threads: list[str] = []

    def slow_keyring(settings: Settings) -> CredentialStore:  # like a keyring unlock prompt
        threads.append(threading.current_thread().name)
        release.wait(10)
        return CredentialStore.open(settings.data_dir, secrets=MemorySecretStore())

    monkeypatch.setattr(wallet_app.compose, "open_store", slow_keyring)
    build = Built(qtbot)
    opening = WalletOpening(
        Settings(data_dir=tmp_path / "data"),
        False,
        set(),
        session,
        startup,
        build=build,
        keyring_hint_ms=50,
    )
    try:
        opening.begin()
        assert startup.status_label.text() == "Opening your wallet…"
        # the GUI thread keeps running: the timer fires and the label repaints
        qtbot.waitUntil(
            lambda: startup.status_label.text() == "Waiting for the system keyring…",
            timeout=5_000,
        )
        assert threads == ["open-wallet"] and build.calls == []
    finally:
        release.set()
    with qtbot.waitSignal(opening.ready, timeout=10_000):
        pass
    assert len(build.calls) == 1


def test_other_errors_fail_start_up(
    tmp_path: Path,
    qtbot: QtBot,
    session: _Session,
    startup: StartupWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(settings: Settings) -> CredentialStore:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(wallet_app.compose, "open_store", broken)
    opening = WalletOpening(
        Settings(data_dir=tmp_path / "data"), False, set(), session, startup, build=Built(qtbot)
    )
    with qtbot.waitSignal(opening.failed, timeout=5_000) as blocker:
        opening.begin()
    [exc] = blocker.args
    assert isinstance(exc, StorageError) and opening.passphrase_dialog is None


def test_a_new_passphrase_wallet_asks_before_it_is_created(
    tmp_path: Path, qtbot: QtBot, session: _Session, startup: StartupWindow
) -> None:
    data = tmp_path / "data"  # no wallet yet; open_store says "passphrase_required"
    build = Built(qtbot)
    opening = WalletOpening(
        Settings(data_dir=data, use_passphrase=True), False, set(), session, startup, build=build
    )
    opening.begin()
    qtbot.waitUntil(lambda: opening.passphrase_dialog is not None, timeout=10_000)
    dialog = opening.passphrase_dialog
    assert dialog is not None
    dialog.edit.setText(RIGHT)
    with qtbot.waitSignal(opening.ready, timeout=10_000):
        dialog.unlock_button.click()
    [(used, opened, _thread)] = build.calls
    assert used.passphrase == RIGHT
    opened.store.close()
    with pytest.raises(StorageError, match="passphrase is wrong"):
        CredentialStore.open(data, passphrase="another one")
