"""The settings dialog's proxy row: what the system's proxy is, saving a choice, refusing a
password or an unusable address (nothing saved then)."""

from __future__ import annotations

import os
from pathlib import Path

from gui_tools_kit import tools_env
from pytestqt.qtbot import QtBot

from wallet_app.gui.settings_dialog import SettingsDialog
from wallet_app.preferences import Preferences, load_preferences, save_preferences

SHOTS = Path(os.environ.get("WALLET_APP_SHOTS", "")) if os.environ.get("WALLET_APP_SHOTS") else None


def _shoot(qtbot: QtBot, dialog: SettingsDialog, name: str) -> None:
    """Save the General page as a PNG when WALLET_APP_SHOTS names a folder (to look at)."""
    if SHOTS is None:
        return
    dialog.tabs.setCurrentIndex(0)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # let the layouts settle after the row's label was hidden or shown
    dialog.grab().save(str(SHOTS / name))


def test_the_system_proxy_is_shown_and_a_manual_one_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    env = {"https_proxy": "http://alice:s3cret@proxy.corp:3128"}
    with tools_env(tmp_path) as tools:
        dialog = SettingsDialog(tools.ctx, path=path, env=env)
        qtbot.addWidget(dialog)
        row = dialog.proxy
        assert row.choice.currentData() == "system" and not row.address.isEnabled()
        # the password never reaches the screen
        assert row.found.text() == "Found in the environment: http://proxy.corp:3128"
        _shoot(qtbot, dialog, "settings-proxy-system.png")
        row.choice.setCurrentIndex(row.choice.findData("manual"))
        assert row.address.isEnabled() and row.found.isHidden()
        row.address.setText("proxy.corp:8080")
        with qtbot.waitSignal(tools.ctx.events.status_message):
            dialog.save()
        assert load_preferences(path) == Preferences(proxy="http://proxy.corp:8080")


def test_no_proxy_is_saved_and_the_default_stays_unset(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_preferences(path, Preferences(proxy="none"))
    with tools_env(tmp_path) as tools:
        dialog = SettingsDialog(tools.ctx, path=path, env={})
        qtbot.addWidget(dialog)
        assert dialog.proxy.choice.currentData() == "none"
        dialog.proxy.choice.setCurrentIndex(dialog.proxy.choice.findData("system"))
        assert dialog.proxy.found.text() == (
            "No system proxy is set: the wallet connects directly."
        )
        dialog.save()
        assert load_preferences(path).proxy is None  # "system" is the default: not pinned


def test_a_password_or_a_socks_proxy_is_explained_and_nothing_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    with tools_env(tmp_path) as tools:
        dialog = SettingsDialog(tools.ctx, path=path, env={"WALLET_APP_PROXY": "none"})
        qtbot.addWidget(dialog)
        assert "WALLET_APP_PROXY" in dialog.override_notes["proxy"].text()
        row = dialog.proxy
        row.choice.setCurrentIndex(row.choice.findData("manual"))
        row.address.setText("http://bob:pw@proxy.corp:3128")
        dialog.save()
        assert not path.exists() and "HTTPS_PROXY" in dialog.error.text()
        row.address.setText("socks5://proxy.corp:1080")
        dialog.save()
        assert not path.exists()
        assert "SOCKS proxies are not supported" in dialog.error.text()
        _shoot(qtbot, dialog, "settings-proxy-refused.png")
        row.address.setText("")
        dialog.save()
        assert not path.exists() and "Enter the proxy's address" in dialog.error.text()
