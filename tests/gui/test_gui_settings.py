"""Settings dialog: loads the preferences file, validates, saves atomically."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import trustme
from fake_desktop import FakeDesktop
from gui_tools_kit import tools_env
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from wallet_app.gui.settings_dialog import SettingsDialog, check_ca_file
from wallet_app.gui.theme import colour
from wallet_app.logs import LOG_DIR_ENV
from wallet_app.preferences import Preferences, load_preferences, save_preferences
from wallet_app.settings import load_settings


def test_defaults_edit_and_save(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    ca = trustme.CA()
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    with tools_env(tmp_path) as env:
        dialog = SettingsDialog(env.ctx, path=path)
        qtbot.addWidget(dialog)
        assert dialog.language.currentData() is None  # System
        assert [dialog.language.itemData(i) for i in range(dialog.language.count())][:2] == [
            None,
            "en",
        ]
        assert dialog.scheme.isChecked() and dialog.allow_http.isChecked()
        assert dialog.data_dir.text() == str(tmp_path / "data")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.loopback.setChecked(True)
        dialog.add_client_id("https://issuer.example", "my-client")
        dialog.add_client_id("https://", "")  # an untouched new row is ignored
        dialog.allow_http.setChecked(False)
        dialog.ca_file.setText(str(pem))
        with qtbot.waitSignal(env.ctx.events.status_message):
            dialog.save()
        assert dialog.result() == SettingsDialog.DialogCode.Accepted
        assert load_preferences(path) == Preferences(
            language="en",
            redirect_mode="loopback",
            client_ids={"https://issuer.example": "my-client"},
            allow_http_loopback=False,
            extra_ca_file=str(pem),
            data_dir=None,  # unchanged location is not pinned
        )


def test_loads_existing_and_removes_rows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    save_preferences(
        path,
        Preferences(redirect_mode="loopback", client_ids={"https://a.example": "a"}),
    )
    with tools_env(tmp_path) as env:
        dialog = SettingsDialog(env.ctx, path=path)
        qtbot.addWidget(dialog)
        assert dialog.loopback.isChecked()
        assert dialog.client_ids.rowCount() == 1
        dialog.client_ids.setCurrentCell(0, 0)
        dialog._on_remove_clicked()
        assert dialog.client_ids.rowCount() == 0
        monkeypatch.setattr(
            QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "elsewhere")
        )
        dialog._on_change_data_clicked()
        dialog.save()
        assert load_preferences(path) == Preferences(
            redirect_mode="loopback", data_dir=str(tmp_path / "elsewhere")
        )


def test_invalid_input_is_explained_not_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    with tools_env(tmp_path) as env:
        dialog = SettingsDialog(env.ctx, path=path)
        qtbot.addWidget(dialog)
        dialog.ca_file.setText(str(bad))
        dialog.save()
        assert not path.exists() and not dialog.error.isHidden()
        assert "no usable PEM certificates" in dialog.error.text()
        dialog.ca_file.setText("")
        dialog.add_client_id("issuer.example", "x")
        dialog.save()
        assert "Row 1" in dialog.error.text() and not path.exists()


def test_check_ca_file(tmp_path: Path) -> None:
    assert check_ca_file(str(tmp_path / "missing.pem")) == "The file does not exist."
    pem = tmp_path / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(pem))
    assert check_ca_file(str(pem)) is None


def test_environment_and_flags_are_shown_not_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_preferences(path, Preferences(data_dir=str(tmp_path / "mine")))
    env = {
        "WALLET_APP_REDIRECT": "loopback",
        "WALLET_APP_DATA_DIR": str(tmp_path / "from-env"),
        "WALLET_APP_LANG": "de",
    }
    effective = load_settings(env=env, preferences=load_preferences(path), client_id="cli-id")
    assert effective.redirect_mode == "loopback"  # what the running wallet uses
    with tools_env(tmp_path) as tools:
        tools.ctx.settings = effective
        dialog = SettingsDialog(tools.ctx, path=path, env=env)
        qtbot.addWidget(dialog)
        assert dialog.scheme.isChecked()  # the file's value, not the environment's
        assert dialog.data_dir.text() == str(tmp_path / "mine")
        assert dialog.language.currentData() is None
        notes = dialog.override_notes
        assert set(notes) == {"redirect_mode", "data_dir", "language", "client_ids"}
        assert "WALLET_APP_REDIRECT" in notes["redirect_mode"].text()
        assert "WALLET_APP_DATA_DIR" in notes["data_dir"].text()
        assert "command-line option" in notes["client_ids"].text()
        assert all(not note.isHidden() for note in notes.values())
        dialog.save()
        assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_preferences(path) == Preferences(data_dir=str(tmp_path / "mine"))


def test_no_notes_without_overrides(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as tools:
        dialog = SettingsDialog(tools.ctx, path=tmp_path / "settings.json", env={})
        qtbot.addWidget(dialog)
        assert dialog.override_notes == {}
        dialog.save()
    assert load_preferences(tmp_path / "settings.json") == Preferences()


# -- links from issuers (the desktop's handler) and the log file ---------------------------------


def test_link_handler_section_shows_and_changes_the_handler(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    desktop = FakeDesktop(default=False)
    with tools_env(tmp_path) as tools:
        ctx = dataclasses.replace(tools.ctx, link_handler=desktop.handler())
        dialog = SettingsDialog(ctx, path=path, env={})
        qtbot.addWidget(dialog)
        section = dialog.handler_section
        assert section is not None
        qtbot.waitUntil(lambda: section.make_button.isEnabled(), timeout=5000)
        assert section.status.text().startswith("Another app, or none, opens")
        assert not section.remove_button.isEnabled()
        section.make_button.click()
        qtbot.waitUntil(lambda: section.remove_button.isEnabled(), timeout=5000)
        assert section.status.text().startswith("Wallet opens credential offer links")
        assert section.outcome.text() == "Wallet now opens credential offer links."
        assert not section.make_button.isEnabled() and desktop.default is True
        assert load_preferences(path).handler_offer_answered  # no first-run offer later
        section.remove_button.click()
        qtbot.waitUntil(lambda: section.make_button.isEnabled(), timeout=5000)
        assert section.outcome.text() == "Wallet no longer opens credential offer links."
        assert desktop.calls == ["is_default", "register", "is_default", "unregister", "is_default"]
        desktop.fail_register = True
        section.make_button.click()
        qtbot.waitUntil(lambda: "could not be changed" in section.outcome.text(), timeout=5000)
        qtbot.waitUntil(lambda: section.make_button.isEnabled(), timeout=5000)
        assert colour("error_text") in section.outcome.styleSheet()  # shown as an error
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.save()  # Save keeps the answer the section wrote
    assert load_preferences(path) == Preferences(language="en", handler_offer_answered=True)


@pytest.mark.parametrize("default", [None])
def test_link_handler_section_when_the_desktop_cannot_tell(
    qtbot: QtBot, tmp_path: Path, default: bool | None
) -> None:
    desktop = FakeDesktop(default=default)
    with tools_env(tmp_path) as tools:
        ctx = dataclasses.replace(tools.ctx, link_handler=desktop.handler())
        dialog = SettingsDialog(ctx, path=tmp_path / "settings.json", env={})
        qtbot.addWidget(dialog)
        section = dialog.handler_section
        assert section is not None
        qtbot.waitUntil(lambda: section.make_button.isEnabled(), timeout=5000)
        assert section.status.text() == (
            "Wallet cannot tell which app opens credential offer links here."
        )
        assert section.remove_button.isEnabled()  # both stay possible
        plain = SettingsDialog(tools.ctx, path=tmp_path / "settings.json", env={})
        qtbot.addWidget(plain)
        assert plain.handler_section is None  # no desktop calls in this run: no section


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)  # required: openUrl calls it by name
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toLocalFile())


def test_the_log_file_is_shown_and_its_folder_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = tmp_path / "logs"
    monkeypatch.setenv(LOG_DIR_ENV, str(logs))
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    try:
        with tools_env(tmp_path) as tools:
            dialog = SettingsDialog(tools.ctx, path=tmp_path / "settings.json", env={})
            qtbot.addWidget(dialog)
            assert dialog.log_path.text() == str(logs / "wallet-app.log")
            dialog.open_log.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")  # before the catcher goes (platform.md P8b)
    assert catcher.urls == [str(logs)]


def test_settings_fit_a_960x540_screen_with_save_and_cancel_outside_the_scroll(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """At 1280x720 Save and Cancel were below the screen's edge (issue 8, P8): the pages scroll,
    the buttons stay under them, and the least size fits 960x540 (1920x1080 at 200 %)."""
    from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

    with tools_env(tmp_path) as env:
        desktop = FakeDesktop()
        ctx = dataclasses.replace(env.ctx, link_handler=desktop.handler())
        dialog = SettingsDialog(ctx, path=tmp_path / "settings.json")
        qtbot.addWidget(dialog)
        least = dialog.minimumSizeHint()  # the pages scroll: far less than the 453 px of old
        assert least.width() <= 960 - 20 and least.height() <= 300, least
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        texts = {b.text() for b in buttons.buttons()}
        assert {"Save", "Cancel"} <= texts
        parent = buttons.parentWidget()
        while parent is not None:
            assert not isinstance(parent, QScrollArea)
            parent = parent.parentWidget()
        pages = [dialog.tabs.widget(i) for i in range(dialog.tabs.count())]
        assert pages and all(isinstance(page, QScrollArea) for page in pages)
        dialog.resize(least)
        dialog.show()
        qtbot.waitExposed(dialog)
        for button in buttons.buttons():
            corner = button.mapTo(dialog, button.rect().bottomRight())
            assert dialog.rect().contains(corner), button.text()
