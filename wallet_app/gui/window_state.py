"""The main window's remembered state: geometry, the demo panel and presentation mode.

Kept in a small JSON file next to the preferences (``window.json`` in ``WALLET_APP_CONFIG_DIR``
or the platformdirs config dir), written when the window closes and read when it opens. A
missing or damaged file means the first-run layout; a saved geometry is clamped to the screen
it is shown on (a monitor may have gone, the resolution changed).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from wallet_app.frozen import frozen
from wallet_app.preferences import write_text_atomically

if TYPE_CHECKING:
    from wallet_app.gui.main_window import MainWindow

__all__ = [
    "FIRST_RUN_FRACTION",
    "WindowState",
    "apply_window_state",
    "capture_window_state",
    "clamp_to",
    "first_run_geometry",
    "load_window_state",
    "save_window_state",
    "scale_app_font",
    "window_state_path",
]

log = logging.getLogger(__name__)

_FILE_NAME = "window.json"
_MAX_BYTES = 16 * 1024
#: the first-run window takes this share of the available width and height
FIRST_RUN_FRACTION = (0.8, 0.85)
_FIRST_RUN_MAX = (1280, 860)

DockArea = Literal["left", "right"]


@frozen
class WindowState:
    """Where the main window was and how its demo panel looked; None: not known yet."""

    geometry: tuple[int, int, int, int] | None = None  # x, y, width, height
    maximized: bool = False
    panel_visible: bool | None = None
    panel_area: DockArea = "right"
    panel_width: int | None = None
    presentation: bool = False

    def to_json(self) -> dict[str, object]:
        """The file's JSON document."""
        return {
            "version": 1,
            "geometry": list(self.geometry) if self.geometry else None,
            "maximized": self.maximized,
            "panel_visible": self.panel_visible,
            "panel_area": self.panel_area,
            "panel_width": self.panel_width,
            "presentation": self.presentation,
        }

    @classmethod
    def from_json(cls, doc: object) -> WindowState:
        """Read leniently: a member of the wrong type is its default. Raises nothing."""
        if not isinstance(doc, dict):
            return cls()
        raw = doc.get("geometry")
        geometry: tuple[int, int, int, int] | None = None
        if isinstance(raw, list) and len(raw) == 4 and all(type(v) is int for v in raw):
            x, y, w, h = raw
            geometry = (x, y, w, h) if w > 0 and h > 0 else None
        visible = doc.get("panel_visible")
        width = doc.get("panel_width")
        area = doc.get("panel_area")
        return cls(
            geometry=geometry,
            maximized=doc.get("maximized") is True,
            panel_visible=visible if isinstance(visible, bool) else None,
            panel_area="left" if area == "left" else "right",
            panel_width=width if type(width) is int and width > 0 else None,
            presentation=doc.get("presentation") is True,
        )


def window_state_path(env: dict[str, str] | None = None) -> Path:
    """``window.json`` beside the preferences file (``WALLET_APP_CONFIG_DIR`` overrides)."""
    from wallet_app.preferences import preferences_path

    return preferences_path(os.environ.copy() if env is None else env).with_name(_FILE_NAME)


def load_window_state(path: Path) -> WindowState:
    """The saved state; the first-run state when the file is missing or damaged. Raises
    nothing (a damaged file is logged)."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            log.warning("ignoring %s: too large", path)
            return WindowState()
        return WindowState.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return WindowState()
    except (OSError, ValueError) as exc:
        log.warning("ignoring the window state in %s: %s", path, exc)
        return WindowState()


def save_window_state(path: Path, state: WindowState) -> bool:
    """Write ``state`` atomically; False (logged) when it cannot be written. Raises nothing:
    a window that cannot remember its place must still close."""
    text = json.dumps(state.to_json(), indent=2) + "\n"
    try:
        write_text_atomically(path, text, prefix=".window-")
    except OSError as exc:
        log.warning("could not save the window state to %s: %s", path, exc)
        return False
    return True


def clamp_to(rect: QRect, available: QRect) -> QRect:
    """``rect`` made to fit inside ``available``: no larger, then moved inside it."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    x = min(max(rect.x(), available.left()), available.left() + available.width() - width)
    y = min(max(rect.y(), available.top()), available.top() + available.height() - height)
    return QRect(x, y, width, height)


def first_run_geometry(available: QRect) -> QRect:
    """A window of ``FIRST_RUN_FRACTION`` of the available area (at most 1280×860), centred."""
    width = min(int(available.width() * FIRST_RUN_FRACTION[0]), _FIRST_RUN_MAX[0])
    height = min(int(available.height() * FIRST_RUN_FRACTION[1]), _FIRST_RUN_MAX[1])
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def capture_window_state(window: MainWindow) -> WindowState:
    """What ``window`` looks like now: its normal geometry, the demo panel, presentation."""
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    dock = window.demo_dock
    left = dock is not None and (
        window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    )
    return WindowState(
        geometry=(normal.x(), normal.y(), normal.width(), normal.height()),
        maximized=window.isMaximized(),
        panel_visible=None if dock is None else dock.isVisible(),
        panel_area="left" if left else "right",
        panel_width=None if dock is None else dock.width(),
        presentation=window.presentation_action.isChecked(),
    )


def apply_window_state(window: MainWindow, state: WindowState) -> None:
    """Put ``window`` where ``state`` says, clamped to the screen it lands on; in demo mode
    show the panel unless it was hidden last time."""
    if state.geometry is not None:
        saved = QRect(*state.geometry)
        screen = QGuiApplication.screenAt(saved.center()) or window.screen()
        window.setGeometry(clamp_to(saved, screen.availableGeometry()))
    if state.maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    if state.presentation:
        window.set_presentation_mode(True)
    if window.ctx.demo_base_url is None or state.panel_visible is False:
        return
    window.show_demo()
    dock = window.demo_dock
    if dock is None:
        return
    if state.panel_area == "left":
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    if state.panel_width is not None:  # never more than half the window
        width = min(state.panel_width, max(window.width() // 2, dock.minimumWidth()))
        window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)


def scale_app_font(point_size: float) -> None:
    """Set the application font to ``point_size`` and let every widget take it."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = app.font()
    font.setPointSizeF(point_size)
    app.setFont(font)
    # widgets polished under the application style sheet keep their font until it is
    # applied again
    app.setStyleSheet(app.styleSheet())
