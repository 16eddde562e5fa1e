"""Every window and dialog fits the available screen from 1280x720 up to 200 % scaling
(issue 8, P8): the clamp of gui/screen_fit, and every screen the screenshot tool renders at
1280x720, 1440x900 and 1920x1080 at 2x (960x540 logical)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QVBoxLayout
from pytestqt.qtbot import QtBot
from screens_kit import screens_report

from wallet_app.gui.screen_fit import (
    ScreenFit,
    available_area,
    fit_to_screen,
    install_screen_fit,
    overflow,
    uninstall_screen_fit,
)

SIZES = ("1280x720", "1440x900", "1920x1080@2")


def _inside(frame: QRect, area: QRect) -> bool:
    return area.contains(frame)


def test_a_dialog_larger_than_the_screen_is_clamped_when_shown(
    qtbot: QtBot, screen_fit: ScreenFit
) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = available_area(dialog)
    dialog.setMinimumSize(area.width() + 300, 200)
    dialog.resize(area.width() + 400, area.height() + 300)
    dialog.move(area.right() - 50, area.bottom() - 50)  # mostly off-screen
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _inside(dialog.frameGeometry(), area), (dialog.frameGeometry(), area)
    assert dialog.minimumWidth() <= area.width()


def test_uninstalled_it_leaves_windows_alone(qapp: QApplication, qtbot: QtBot) -> None:
    """run_gui takes the filter off when the event loop ends, so no Python event filter sees
    the windows destroyed at exit (a start-up failure crashed with SIGSEGV once in six runs)."""
    install_screen_fit(qapp)
    uninstall_screen_fit(qapp)
    assert qapp.findChild(ScreenFit) is None
    uninstall_screen_fit(qapp)  # twice is harmless
    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = available_area(dialog)
    dialog.resize(area.width() + 400, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() == area.width() + 400


def test_a_window_resized_past_the_screen_while_shown_is_clamped(
    qtbot: QtBot, screen_fit: ScreenFit
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    area = available_area(window)
    window.resize(area.width() * 2, area.height() * 2)
    qtbot.waitUntil(lambda: _inside(window.frameGeometry(), area), timeout=2_000)
    window.move(-500, -500)
    assert fit_to_screen(window)
    assert _inside(window.frameGeometry(), area)


def test_a_window_that_fits_is_left_alone(
    qtbot: QtBot, qapp: QApplication, screen_fit: ScreenFit
) -> None:
    assert install_screen_fit(qapp) is screen_fit  # installed once however often asked
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(300, 200)
    dialog.move(10, 10)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.size() == QSize(300, 200)
    assert not fit_to_screen(dialog)


def test_overflow_names_content_that_cannot_shrink(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = QVBoxLayout(dialog)
    tall = QLabel("tall")
    tall.setMinimumHeight(available_area(dialog).height() + 100)
    box.addWidget(tall)
    assert overflow(dialog).height() >= 100
    assert overflow(dialog).width() == 0


@pytest.mark.timeout(300)
@pytest.mark.parametrize("size", SIZES)
def test_every_screen_fits(size: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Open every screen of the screenshot tool (German, the longest texts) on a screen of
    ``size``: each visible top-level window or dialog lies inside the available geometry, and
    its content's least size fits too (else it would be cut off: it needs a scroll area)."""
    folder: Path = tmp_path_factory.getbasetemp() / "screens"
    report = screens_report("de-light", size, folder)
    assert not report["failures"], "\n".join(report["failures"])
    screens = report["screens"]
    assert len(screens) >= 20, sorted(screens)
    offenders = []
    for name, shot in sorted(screens.items()):
        for window in shot["windows"]:
            x, y, w, h = window["frame"]
            ax, ay, aw, ah = window["available"]
            if x < ax or y < ay or x + w > ax + aw or y + h > ay + ah:
                offenders.append(
                    f"{name}: {window['class']} frame {w}x{h}+{x}+{y} outside {aw}x{ah}+{ax}+{ay}"
                )
            over_w, over_h = window["overflow"]
            if over_w or over_h:
                offenders.append(
                    f"{name}: {window['class']} content needs {over_w} px more width and "
                    f"{over_h} px more height than the {aw}x{ah} screen"
                )
    assert not offenders, f"at {size}:\n" + "\n".join(offenders)
