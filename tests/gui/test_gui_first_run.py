"""First run on a desktop: the once-only offer to open credential offer links (an info bar, not
a dialog), the demo wallet's banner, and Help → Open log folder.

The desktop's link settings are a fake of the OS calls (``FakeDesktop``) except in one test,
which runs the real ``host.uri_scheme`` functions (xdg-mime) in a temporary home.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_desktop import FakeDesktop
from gui_tools_kit import tools_env
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from wallet_app.gui.context import GuiContext, LinkHandler
from wallet_app.gui.info_bar import InfoBar
from wallet_app.gui.main_window import MainWindow
from wallet_app.logs import LOG_DIR_ENV
from wallet_app.preferences import Preferences, load_preferences, save_preferences


@pytest.fixture
def prefs(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def _window(qtbot: QtBot, ctx: GuiContext, prefs: Path) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.handler_offer.path = prefs
    window.show()
    return window


def _buttons(bar: InfoBar) -> dict[str, QPushButton]:
    return {b.text(): b for b in bar.findChildren(QPushButton) if not b.isHidden()}


def test_offer_shows_once_and_not_now_is_remembered(
    qtbot: QtBot, tmp_path: Path, prefs: Path
) -> None:
    desktop = FakeDesktop(default=False)
    with tools_env(tmp_path) as env:
        ctx = dataclasses.replace(env.ctx, link_handler=desktop.handler())
        window = _window(qtbot, ctx, prefs)
        assert window.handler_offer.applies and window.handler_offer.timer.isActive()
        window.handler_offer.start(delay_ms=0)
        qtbot.waitUntil(lambda: window.handler_offer.bar is not None, timeout=5000)
        bar = window.handler_offer.bar
        assert bar is not None and bar.isVisible() and bar.kind == "info"
        assert bar.label.text().startswith("Open credential offer links with Wallet?")
        buttons = _buttons(bar)
        assert list(buttons) == ["Make Wallet the default", "Not now"]
        assert QApplication.activeModalWidget() is None  # a strip, not a dialog
        with qtbot.waitSignal(ctx.events.status_message) as shown:
            buttons["Not now"].click()
        assert "Settings" in shown.args[0]
        assert not bar.isVisible()
        assert load_preferences(prefs).handler_offer_answered
        assert desktop.calls == ["is_default"]
        # the next start: answered, so the desktop is not even asked
        again = _window(qtbot, ctx, prefs)
        again.handler_offer.check()
        qtbot.waitUntil(lambda: ctx.jobs.active == 0, timeout=5000)
        assert again.handler_offer.bar is None and desktop.calls == ["is_default"]


@pytest.mark.parametrize("default", [True, None], ids=["already-default", "cannot-tell"])
def test_no_offer_when_already_the_handler_or_unknown(
    qtbot: QtBot, tmp_path: Path, prefs: Path, default: bool | None
) -> None:
    desktop = FakeDesktop(default=default)
    with tools_env(tmp_path) as env:
        window = _window(qtbot, dataclasses.replace(env.ctx, link_handler=desktop.handler()), prefs)
        window.handler_offer.check()
        qtbot.waitUntil(lambda: desktop.calls == ["is_default"], timeout=5000)
        qtbot.waitUntil(lambda: env.ctx.jobs.active == 0, timeout=5000)
        assert window.handler_offer.bar is None
        assert not load_preferences(prefs).handler_offer_answered


@pytest.mark.parametrize("case", ["demo", "throwaway", "no-desktop"])
def test_never_offered_in_the_demo_or_without_the_desktop(
    qtbot: QtBot, tmp_path: Path, prefs: Path, case: str
) -> None:
    desktop = FakeDesktop(default=False)
    with tools_env(tmp_path) as env:
        changes: dict[str, object] = {
            "demo": {"link_handler": desktop.handler(), "demo_base_url": "http://127.0.0.1:1"},
            "throwaway": {"link_handler": desktop.handler(), "throwaway_store": True},
            "no-desktop": {},  # what every other GUI test gets: no OS calls at all
        }[case]
        window = _window(qtbot, dataclasses.replace(env.ctx, **changes), prefs)
        assert not window.handler_offer.applies
        window.handler_offer.start(delay_ms=0)
        assert not window.handler_offer.timer.isActive()
        qtbot.wait(100)
        assert desktop.calls == [] and window.handler_offer.bar is None


def test_make_default_failure_then_success(qtbot: QtBot, tmp_path: Path, prefs: Path) -> None:
    desktop = FakeDesktop(default=False, fail_register=True)
    with tools_env(tmp_path) as env:
        window = _window(qtbot, dataclasses.replace(env.ctx, link_handler=desktop.handler()), prefs)
        window.handler_offer.check()
        qtbot.waitUntil(lambda: window.handler_offer.bar is not None, timeout=5000)
        bar = window.handler_offer.bar
        assert bar is not None
        _buttons(bar)["Make Wallet the default"].click()
        qtbot.waitUntil(lambda: bar.kind == "error", timeout=5000)
        assert "could not be changed" in bar.label.text()
        assert not load_preferences(prefs).handler_offer_answered  # not answered yet
        desktop.fail_register = False
        _buttons(bar)["Try again"].click()
        qtbot.waitUntil(lambda: bar.kind == "positive", timeout=5000)
        assert bar.label.text().startswith("Wallet now opens credential offer links.")
        assert bar.close_button.isVisible() and _buttons(bar) == {}
        assert desktop.calls == ["is_default", "register", "register"] and desktop.default
        assert load_preferences(prefs).handler_offer_answered
        bar.close_button.click()
        assert not bar.isVisible()


def test_answer_is_saved_without_losing_other_preferences(
    qtbot: QtBot, tmp_path: Path, prefs: Path
) -> None:
    save_preferences(prefs, Preferences(language="de", redirect_mode="loopback"))
    desktop = FakeDesktop(default=False)
    with tools_env(tmp_path) as env:
        window = _window(qtbot, dataclasses.replace(env.ctx, link_handler=desktop.handler()), prefs)
        window.handler_offer.check()
        qtbot.waitUntil(lambda: window.handler_offer.bar is not None, timeout=5000)
        window.handler_offer.not_now()
    assert load_preferences(prefs) == Preferences(
        language="de", redirect_mode="loopback", handler_offer_answered=True
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop only")
def test_make_default_with_the_real_desktop_calls_in_a_temporary_home(
    qtbot: QtBot, tmp_path: Path, prefs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("xdg-mime") is None:
        pytest.skip("xdg-mime is not installed (.ci/setup installs xdg-utils)")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for name in ("XDG_CURRENT_DESKTOP", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"):
        monkeypatch.delenv(name, raising=False)
    from wallet_app.host.uri_scheme import DESKTOP_ID, SCHEMES, is_default_handler

    with tools_env(tmp_path) as env:
        ctx = dataclasses.replace(env.ctx, link_handler=LinkHandler.of_desktop())
        window = _window(qtbot, ctx, prefs)
        window.handler_offer.check()
        qtbot.waitUntil(lambda: window.handler_offer.bar is not None, timeout=15_000)
        bar = window.handler_offer.bar
        assert bar is not None
        _buttons(bar)["Make Wallet the default"].click()
        qtbot.waitUntil(lambda: bar.kind != "info", timeout=30_000)
        assert bar.kind == "positive", bar.label.text()
    assert is_default_handler() is True
    mimeapps = (home / "config" / "mimeapps.list").read_text(encoding="utf-8")
    for scheme in SCHEMES:
        assert f"x-scheme-handler/{scheme}={DESKTOP_ID}" in mimeapps
    assert (home / "data" / "applications" / DESKTOP_ID).exists()
    assert load_preferences(prefs).handler_offer_answered


# -- the demo banner ------------------------------------------------------------------------------


def test_a_throwaway_wallet_says_so_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = MainWindow(dataclasses.replace(env.ctx, throwaway_store=True))
        qtbot.addWidget(window)
        window.resize(640, 480)
        window.show()
        banner = window.demo_banner
        assert banner is not None and banner.isVisible() and banner.kind == "warning"
        assert banner.label.text() == (
            "Demo wallet: nothing you receive here is kept after you close it."
        )
        assert not banner.close_button.isVisible()  # it stays while the window is open
        assert banner.geometry().bottom() < window.pages.geometry().top()  # above the cards
        kept = MainWindow(env.ctx)
        qtbot.addWidget(kept)
        assert kept.demo_banner is None and kept.bar_area.bars() == []


# -- Help → Open log folder -----------------------------------------------------------------------


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)  # required: openUrl calls it by name
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toLocalFile())


@pytest.fixture
def opened_files(qapp: object) -> Iterator[list[str]]:
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")  # before the catcher goes (platform.md P8b)
    del catcher


def test_help_menu_opens_the_log_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened_files: list[str]
) -> None:
    logs = tmp_path / "logs"
    monkeypatch.setenv(LOG_DIR_ENV, str(logs))
    with tools_env(tmp_path) as env:
        window = MainWindow(env.ctx)
        qtbot.addWidget(window)
        [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
        assert window.log_action in help_menu.actions()
        window.log_action.trigger()
    assert opened_files == [str(logs)]
    assert logs.is_dir()
