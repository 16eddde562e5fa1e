"""Start-up without a system keyring: a dialog creates a passphrase wallet (the next start asks
for the passphrase); Quit leaves nothing behind; an existing keyring wallet keeps its error."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wallet_app.errors import KeyringError
from wallet_app.gui.app import StartupWindow, _Session
from wallet_app.gui.main_window import MainWindow
from wallet_app.gui.passphrase_dialog import PassphraseDialog
from wallet_app.gui.passphrase_setup import CreatePassphraseDialog
from wallet_app.gui.wallet_opening import WalletOpening, _build_window
from wallet_app.host.secrets import MemorySecretStore, keyring_available
from wallet_app.settings import Settings
from wallet_app.wallet.store import CredentialStore
from wallet_app.wallet.vault import store_is_set_up

CHOSEN = "copper kettle north rain"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No usable system keyring, as with PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
    (keyring reads that variable once per process, so the backend is set directly)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        assert not keyring_available()
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def startup(qtbot: QtBot) -> StartupWindow:
    window = StartupWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def _open(
    qtbot: QtBot, settings: Settings, session: _Session, startup: StartupWindow
) -> tuple[WalletOpening, list[QWidget], list[object]]:
    """Phase 2 with the real window builder; the windows and failures it reports."""

    def build(*args: object) -> QWidget:
        window = _build_window(*args)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    opening = WalletOpening(settings, False, set(), session, startup, build=build)
    ready: list[QWidget] = []
    failed: list[object] = []
    opening.ready.connect(ready.append)
    opening.failed.connect(failed.append)
    opening.begin()
    return opening, ready, failed


def test_no_keyring_creates_a_passphrase_wallet_that_the_next_start_unlocks(
    qtbot: QtBot, tmp_path: Path, startup: StartupWindow, no_keyring: None
) -> None:
    data = tmp_path / "data"
    settings = Settings(data_dir=data, locales=("en",))
    session = _Session()
    try:
        opening, ready, failed = _open(qtbot, settings, session, startup)
        qtbot.waitUntil(lambda: opening.create_dialog is not None, timeout=10_000)
        dialog = opening.create_dialog
        assert isinstance(dialog, CreatePassphraseDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert str(data) in dialog.folder_label.text()
        assert "cannot be recovered" in dialog.warning.text()
        assert "protects the wallet on this computer" in dialog.intro.text()
        assert startup.status_label.text() == "No system keyring is available."
        assert not failed and not ready
        dialog.edit.setText(CHOSEN)
        dialog.repeat.setText(CHOSEN)
        with qtbot.waitSignal(opening.ready, timeout=15_000):
            qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
        [window] = ready
        assert isinstance(window, MainWindow) and not failed
        assert opening.create_dialog is None and not dialog.isVisible()
        assert dialog.edit.text() == "" and dialog.repeat.text() == ""  # not kept
        assert window.ctx.store.mode.value == "passphrase"
        assert not window.ctx.throwaway_store and window.demo_banner is None
    finally:
        session.close()
    assert store_is_set_up(data)

    # the next start: the same settings, still no keyring → the unlock prompt, then the wallet
    session = _Session()
    try:
        opening, ready, failed = _open(qtbot, settings, session, startup)
        qtbot.waitUntil(lambda: opening.passphrase_dialog is not None, timeout=10_000)
        unlock = opening.passphrase_dialog
        assert isinstance(unlock, PassphraseDialog) and opening.create_dialog is None
        unlock.edit.setText(CHOSEN)
        with qtbot.waitSignal(opening.ready, timeout=15_000):
            unlock.unlock_button.click()
        [window] = ready
        assert isinstance(window, MainWindow) and not failed
        assert window.ctx.store.list_credentials() == []
    finally:
        session.close()


def test_quit_leaves_nothing_behind(
    qtbot: QtBot,
    tmp_path: Path,
    startup: StartupWindow,
    no_keyring: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    data = tmp_path / "data"
    session = _Session()
    try:
        opening, ready, _failed = _open(qtbot, Settings(data_dir=data), session, startup)
        qtbot.waitUntil(lambda: opening.create_dialog is not None, timeout=10_000)
        dialog = opening.create_dialog
        assert dialog is not None
        assert data.exists()  # the failed keyring attempt made the folder and an empty file
        dialog.edit.setText(CHOSEN)
        with qtbot.waitSignal(opening.failed, timeout=2_000) as blocker:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert blocker.args == [None] and not ready
    finally:
        session.close()
    assert not data.exists()
    assert "could not remove" not in caplog.text


def test_quit_keeps_a_folder_that_was_there(
    qtbot: QtBot, tmp_path: Path, startup: StartupWindow, no_keyring: None
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("mine")
    session = _Session()
    try:
        opening, _ready, _failed = _open(qtbot, Settings(data_dir=data), session, startup)
        qtbot.waitUntil(lambda: opening.create_dialog is not None, timeout=10_000)
        dialog = opening.create_dialog
        assert dialog is not None
        with qtbot.waitSignal(opening.failed, timeout=2_000):
            dialog.quit_button.click()
    finally:
        session.close()
    assert sorted(p.name for p in data.iterdir()) == ["notes.txt"]


def test_an_existing_keyring_wallet_is_not_replaced(
    qtbot: QtBot, tmp_path: Path, startup: StartupWindow, no_keyring: None
) -> None:
    data = tmp_path / "data"
    CredentialStore.open(data, secrets=MemorySecretStore()).close()  # a keyring-mode wallet
    before = (data / "wallet.sqlite3").read_bytes()
    session = _Session()
    try:
        opening, ready, failed = _open(qtbot, Settings(data_dir=data), session, startup)
        qtbot.waitUntil(lambda: bool(failed), timeout=10_000)
    finally:
        session.close()
    [exc] = failed
    assert isinstance(exc, KeyringError) and opening.create_dialog is None and not ready
    assert (data / "wallet.sqlite3").read_bytes() == before


def test_the_dialog_checks_what_was_typed(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CreatePassphraseDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[str] = []
    dialog.create_requested.connect(sent.append)
    assert dialog.hint.text().startswith("Use at least 8 characters (8 more).")
    dialog.edit.setText("short")
    assert "(3 more)" in dialog.hint.text()
    dialog.create_button.click()
    assert dialog.error.text() == "The passphrase is too short: use at least 8 characters."
    assert sent == []
    dialog.edit.setText("long enough")
    assert dialog.error.isHidden() and dialog.hint.text().startswith("Long enough.")
    dialog.repeat.setText("long enuogh")
    dialog.create_button.click()
    assert dialog.error.text().startswith("The two passphrases do not match.")
    dialog.edit.setText(" padded words ")
    dialog.repeat.setText(" padded words ")
    dialog.create_button.click()
    assert "space" in dialog.error.text() and sent == []
    dialog.edit.setText(CHOSEN)
    assert dialog.hint.text() == "A strong length."
    dialog.repeat.setText(CHOSEN)
    dialog.create_button.click()
    assert sent == [CHOSEN]
    assert not dialog.create_button.isEnabled() and not dialog.quit_button.isEnabled()
    dialog.reject()  # Escape while the wallet is being created is ignored
    assert dialog.isVisible()
    dialog.show_error("The folder is not writable.")
    assert dialog.create_button.isEnabled() and dialog.error.text() == "The folder is not writable."


def test_keyboard_order_and_show_passphrase(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CreatePassphraseDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.edit.setFocus()
    order = [dialog.edit]
    for _ in range(4):
        order.append(order[-1].nextInFocusChain())
        while not order[-1].focusPolicy() & Qt.FocusPolicy.TabFocus:
            order[-1] = order[-1].nextInFocusChain()
    assert order == [
        dialog.edit,
        dialog.repeat,
        dialog.show_box,
        dialog.quit_button,
        dialog.create_button,
    ]
    sent: list[str] = []
    dialog.create_requested.connect(sent.append)
    qtbot.keyClicks(dialog.edit, CHOSEN)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)  # Enter in the first field: on to the second
    assert dialog.focusWidget() is dialog.repeat  # the focus within the dialog
    assert dialog.error.isHidden() and sent == []  # not "Create wallet" with half the input
    qtbot.keyClicks(dialog.repeat, CHOSEN)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)  # Enter in the second: Create wallet
    assert sent == [CHOSEN]
    dialog.show_error("again")
    assert dialog.create_button.isDefault()
    assert dialog.edit.echoMode() == dialog.edit.EchoMode.Password
    dialog.show_box.setChecked(True)
    assert dialog.edit.echoMode() == dialog.repeat.echoMode() == dialog.edit.EchoMode.Normal


def test_an_empty_first_open_counts_as_new_and_is_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert not store_is_set_up(data)
    with pytest.raises(KeyringError):
        CredentialStore.open(data)  # neither keyring nor passphrase: leaves an empty file
    assert (data / "wallet.sqlite3").exists() and not store_is_set_up(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    from wallet_app.gui.passphrase_setup import remove_unfinished_wallet

    remove_unfinished_wallet(data, remove_folder=True)
    assert not data.exists()
    CredentialStore.open(data, passphrase=CHOSEN).close()
    remove_unfinished_wallet(data, remove_folder=True)  # a set-up wallet is never touched
    assert store_is_set_up(data) and (data / "wallet.sqlite3").exists()
