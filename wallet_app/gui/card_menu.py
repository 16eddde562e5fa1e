"""The cards' context menu: right click, the Menu key and Shift+F10 on the card list.

Open details, Activity… (the card's history) and Delete…;
the window's own slots do the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from wallet_app.gui.credential_model import Roles

if TYPE_CHECKING:
    from wallet_app.gui.main_window import MainWindow

__all__ = ["CardMenu"]


class CardMenu(QObject):
    """Installs the context menu on ``window.list_view``. Raises nothing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        view = window.list_view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_requested)
        # Qt turns only a real Menu key into a context menu event; as shortcuts both keys
        # work everywhere (and in tests)
        for keys in (QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")):
            shortcut = QShortcut(keys, view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._on_menu_key)

    def menu_for(self, index: QModelIndex | QPersistentModelIndex) -> QMenu:
        """The menu of the card at ``index``: Open details, Activity…, Delete…."""
        window = self.window
        credential_id = index.data(Roles.Id)
        menu = QMenu(window.list_view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setAccessibleName(self.tr("Card actions"))
        if not isinstance(credential_id, str):
            return menu
        menu.addAction(self.tr("Open details"), lambda: window.open_details(credential_id))
        menu.addAction(self.tr("Activity…"), lambda: window.open_activity(credential_id))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), window.delete_selected)
        return menu

    def _on_requested(self, pos: QPoint, *, from_keyboard: bool = False) -> None:
        view = self.window.list_view
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        menu = self.menu_for(index)
        if from_keyboard:  # Up/Down/Return work at once
            menu.setActiveAction(menu.actions()[0])
        menu.popup(view.viewport().mapToGlobal(pos))

    def _on_menu_key(self) -> None:
        view = self.window.list_view
        index = view.currentIndex()
        if index.isValid():
            self._on_requested(view.visualRect(index).center(), from_keyboard=True)
