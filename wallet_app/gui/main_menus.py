"""The main window's toolbar and menu bar, built from the window's actions.

Toolbar buttons are Tab stops (a QToolBar keeps them out of the Tab chain by default), in
toolbar order, followed by the cards and the demo panel. Texts keep the ``MainWindow``
translation context.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget

if TYPE_CHECKING:
    from wallet_app.gui.main_window import MainWindow

__all__ = ["build_menus", "build_toolbar", "set_tab_order"]


def build_toolbar(window: MainWindow) -> tuple[QToolBar, QToolButton]:
    """Add the toolbar; return it and its Scan QR button."""
    toolbar = window.addToolBar(QCoreApplication.translate("MainWindow", "Main"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setAccessibleName(QCoreApplication.translate("MainWindow", "Main toolbar"))
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addAction(window.add_action)
    scan_button = QToolButton()
    scan_button.setText(QCoreApplication.translate("MainWindow", "Scan QR"))
    scan_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Scan QR code"))
    scan_button.setMenu(window.scan_menu)
    scan_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar.addWidget(scan_button)
    toolbar.addSeparator()
    for action in (window.explore_action, window.inspector_action, window.demo_action):
        toolbar.addAction(action)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(window.search)
    toolbar.addAction(window.settings_action)
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if widget is not None and not widget.accessibleName():
            widget.setAccessibleName(action.text())
        if isinstance(widget, QToolButton):  # toolbars keep them out of the Tab chain
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return toolbar, scan_button


def build_menus(window: MainWindow) -> None:
    """Fill the menu bar: Wallet, View, Tools, Help."""
    bar = window.menuBar()
    wallet_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Wallet"))
    wallet_menu.addAction(window.add_action)
    wallet_menu.addMenu(window.scan_menu)
    wallet_menu.addAction(window.activity_action)
    wallet_menu.addAction(window.status_action)
    wallet_menu.addSeparator()
    wallet_menu.addAction(window.quit_action)
    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addAction(window.find_action)
    view_menu.addAction(window.demo_action)
    view_menu.addAction(window.presentation_action)
    tools = bar.addMenu(QCoreApplication.translate("MainWindow", "&Tools"))
    for action in (window.explore_action, window.inspector_action, window.settings_action):
        tools.addAction(action)
    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(window.log_action)


def set_tab_order(window: MainWindow) -> None:
    """Toolbar left to right, then the cards (the demo panel follows when shown)."""
    chain: list[QWidget] = []
    for action in window.toolbar.actions():
        widget = window.toolbar.widgetForAction(action)
        if widget is not None and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            chain.append(widget)
    chain.append(window.list_view)
    for first, second in pairwise(chain):
        window.setTabOrder(first, second)
