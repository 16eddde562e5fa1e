"""The application icon: generated files current, the package copy identical, windows use it."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from gui_tools_kit import tools_env
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wallet_app.gui.app_icon import app_icon
from wallet_app.gui.main_window import MainWindow
from wallet_app.host.desktop_assets import (
    APP_ID,
    ICON_SIZES,
    icon_files,
    install_assets,
    metainfo_file,
)

ROOT = Path(__file__).resolve().parents[2]


def _build_tool() -> ModuleType:
    path = ROOT / "tests" / "tools" / "build_desktop_assets.py"
    spec = importlib.util.spec_from_file_location("build_desktop_assets", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pixels(data: bytes) -> tuple[QSize, bytes]:
    image = QImage.fromData(data).convertToFormat(QImage.Format.Format_ARGB32)
    assert not image.isNull()
    return image.size(), bytes(image.constBits())


def test_generated_files_match_the_svg_and_each_other(qapp: QApplication) -> None:
    """Every generated file is what build_desktop_assets.py writes from the hand-made sources.

    PNGs are compared by pixel (a channel may differ by a few steps between CPUs' rendering
    paths, and PNG bytes between zlib builds); the SVG and metainfo copies by byte.
    """
    tool = _build_tool()
    expected: dict[Path, bytes] = tool.expected_files()
    stale = "run: .venv/bin/python tests/tools/build_desktop_assets.py"
    for path, data in expected.items():
        assert path.is_file(), f"{path} is missing; {stale}"
        actual = path.read_bytes()
        if path.suffix != ".png":
            assert actual == data, f"{path} is stale; {stale}"
            continue
        want_size, want = _pixels(data)
        got_size, got = _pixels(actual)
        assert got_size == want_size, path
        worst = max(abs(a - b) for a, b in zip(want, got, strict=True))
        assert worst <= 8, f"{path} differs from the SVG by {worst}; {stale}"
    # the package holds the same bytes as resources/ (one generated from the other)
    for size in ICON_SIZES:
        name = f"{APP_ID}-{size}.png"
        assert (ROOT / "resources/icons" / name).read_bytes() == (
            ROOT / "wallet_app/gui/resources" / name
        ).read_bytes()
    assert set(icon_files().values()) | {metainfo_file()} == {
        p for p in expected if p.is_relative_to(ROOT / "wallet_app")
    }


def test_the_packaged_icon_has_every_size(qapp: QApplication) -> None:
    for size in ICON_SIZES:
        image = QImage(str(icon_files()[f"{size}x{size}/apps/{APP_ID}.png"]))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
        assert image.pixelColor(0, 0).alpha() == 0  # transparent corner: no box on a panel
    icon = app_icon()
    assert not icon.isNull()
    if icon.name() != APP_ID:  # not the theme's (a --register on this machine): the package's
        assert {(s.width(), s.height()) for s in icon.availableSizes()} == {
            (n, n) for n in ICON_SIZES
        }


_HICOLOR_INDEX = """[Icon Theme]
Name=Hicolor
Comment=Fallback icon theme
Directories=16x16/apps,32x32/apps,48x48/apps,256x256/apps,scalable/apps

[16x16/apps]
Size=16
Context=Applications
Type=Threshold

[32x32/apps]
Size=32
Context=Applications
Type=Threshold

[48x48/apps]
Size=48
Context=Applications
Type=Threshold

[256x256/apps]
Size=256
Context=Applications
Type=Threshold

[scalable/apps]
Size=128
MinSize=8
MaxSize=512
Context=Applications
Type=Scalable
"""


@pytest.fixture
def theme_dir(tmp_path: Path, qapp: QApplication) -> Iterator[Path]:
    """A user data dir (returned) and a system one holding hicolor's index.theme, as the
    hicolor-icon-theme package installs it; Qt's own paths and theme restored afterwards."""
    system = tmp_path / "system" / "icons" / "hicolor"
    system.mkdir(parents=True)
    (system / "index.theme").write_text(_HICOLOR_INDEX, encoding="utf-8")
    user = tmp_path / "user"
    paths, name = QIcon.themeSearchPaths(), QIcon.themeName()
    QIcon.setThemeSearchPaths([str(user / "icons"), str(system.parent)])
    QIcon.setThemeName("hicolor")
    yield user
    QIcon.setThemeSearchPaths(paths)
    QIcon.setThemeName(name)


def test_an_installed_theme_icon_is_preferred(theme_dir: Path) -> None:
    packaged = app_icon()
    assert packaged.name() == ""  # nothing installed in this theme yet: the package's files
    assert packaged.pixmap(32, 32).toImage().pixelColor(16, 24).blue() > 150  # the blue wallet
    install_assets(theme_dir)
    QIcon.setThemeSearchPaths(QIcon.themeSearchPaths())  # Qt caches misses; a new start would not
    themed = app_icon()
    assert themed.name() == APP_ID
    assert not themed.pixmap(32, 32).isNull()


def test_the_main_window_shows_the_app_icon(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        window = MainWindow(env.ctx)
        qtbot.addWidget(window)
        shown = window.windowIcon().pixmap(32, 32).toImage()
        assert shown == app_icon().pixmap(32, 32).toImage()
        assert shown.pixelColor(16, 24).blue() > 150  # the blue wallet, not an empty icon


def test_the_windows_icon_holds_every_size_up_to_256(qapp: QApplication) -> None:
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(ROOT / "resources" / "icons" / f"{APP_ID}.ico"))
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull() and image.hasAlphaChannel()
        sizes.append((image.width(), image.height()))
    assert sizes == [(n, n) for n in ICON_SIZES if n <= 256]
