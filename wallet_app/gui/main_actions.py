"""The main window's actions (Add, Explore, Inspector, Settings, Demo, ...) and its Scan QR
menu, set as the window's attributes for its toolbar and menus (``main_menus``). Texts keep
the ``MainWindow`` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from wallet_app.gui.status_refresh import status_refresher

if TYPE_CHECKING:
    from wallet_app.gui.main_window import MainWindow

__all__ = ["build_actions"]


def _action(
    window: MainWindow, text: str, slot: object, shortcut: QKeySequence | None = None
) -> QAction:
    action = QAction(text, window)
    action.setToolTip(text)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action


def build_actions(window: MainWindow) -> None:
    """Make the window's actions and its Scan QR menu (set as its attributes)."""
    keys = QKeySequence.StandardKey
    window.add_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Add credential"),
        window.open_add_dialog,
        QKeySequence(keys.New),
    )
    window.explore_action = _action(
        window, QCoreApplication.translate("MainWindow", "Explore issuer"), window.open_explorer
    )
    window.inspector_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Protocol inspector"),
        window.open_inspector,
    )
    window.settings_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Settings"),
        window.open_settings,
        QKeySequence(keys.Preferences),
    )
    window.demo_action = _action(
        window, QCoreApplication.translate("MainWindow", "Demo"), window.toggle_demo
    )
    window.demo_action.setCheckable(True)
    window.demo_action.setVisible(window.ctx.demo_base_url is not None)
    window.quit_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Quit"),
        window.close,
        QKeySequence(keys.Quit),
    )
    window.log_action = _action(
        window, QCoreApplication.translate("MainWindow", "Open log folder"), window.open_log_folder
    )
    window.find_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Find"),
        lambda: window.search.setFocus(),
        QKeySequence(keys.Find),
    )
    window.activity_action = _action(
        window, QCoreApplication.translate("MainWindow", "Activity…"), window.open_activity
    )
    window.presentation_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Presentation mode"),
        window.set_presentation_mode,
    )
    window.presentation_action.setCheckable(True)
    window.presentation_action.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Shift+P")])
    window.presentation_action.setToolTip(
        QCoreApplication.translate("MainWindow", "Larger type for projectors (F5)")
    )
    window.status_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Check status of all credentials"),
        lambda: status_refresher(window.ctx).refresh_all(),
        QKeySequence("Ctrl+Shift+R"),
    )
    window.status_action.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "Ask the issuers whether any credential was revoked (Ctrl+Shift+R)"
        )
    )
    window.scan_menu = QMenu(QCoreApplication.translate("MainWindow", "Scan QR code"), window)
    window.scan_menu.setAccessibleName(QCoreApplication.translate("MainWindow", "Scan QR code"))
    for text, method in (
        (QCoreApplication.translate("MainWindow", "From the screen"), "scan_screen"),
        (QCoreApplication.translate("MainWindow", "From a screen region…"), "select_region"),
        (QCoreApplication.translate("MainWindow", "From an image file…"), "choose_image_file"),
        (QCoreApplication.translate("MainWindow", "With the camera…"), "open_camera"),
    ):
        action = window.scan_menu.addAction(text)
        action.triggered.connect(lambda _=False, m=method: window.scan_qr(m))
