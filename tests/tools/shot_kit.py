"""Helpers the screenshot tool's screens share: progress notes, optional GUI modules, every
user-visible text of a widget (for the ``--report``) and a fake of the desktop's link settings."""

from __future__ import annotations

import importlib
import sys
from typing import Any

__all__ = ["FakeDesktop", "describe", "module", "note", "plain", "widget_texts"]


def note(text: str) -> None:
    """A progress line on stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def module(name: str) -> Any:
    """``wallet_app.gui.<name>`` or None when it does not exist yet."""
    try:
        return importlib.import_module(f"wallet_app.gui.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("wallet_app"):
            return None
        raise


def describe(widget: Any) -> str:
    """``Class#objectName`` of ``widget`` (the object name only when it has one)."""
    name = widget.objectName()
    return type(widget).__name__ + (f"#{name}" if name else "")


def plain(text: str) -> str:
    """``text`` without markup when it is rich text."""
    import re

    from PySide6.QtGui import QTextDocumentFragment

    rich = re.search(r"<(?:[a-zA-Z][^<>]*|/[a-zA-Z]+)>", text) is not None
    return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text


def widget_texts(root: Any) -> list[list[str]]:
    """Every user-visible text of ``root`` and its shown children: [widget, kind, text] for
    titles, labels, buttons, tooltips, placeholders, group and tab titles, combo items, item
    view headers and cells, actions and menus, accessible names and descriptions."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    found: list[list[str]] = []

    def add(widget: Any, kind: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            found.append([describe(widget), kind, plain(text)])

    def actions(widget: Any, owner: Any, depth: int = 0) -> None:
        for action in widget.actions():
            if not action.isVisible() or action.isSeparator():
                continue
            add(owner, "action", action.text().replace("&", ""))
            add(
                owner,
                "action tooltip",
                action.toolTip() if action.toolTip() != action.text().replace("&", "") else "",
            )
            if action.menu() is not None and depth < 3:
                actions(action.menu(), owner, depth + 1)

    def model_texts(view: Any) -> None:
        model = view.model()
        if model is None or not hasattr(model, "rowCount"):
            return
        try:
            model.columnCount(QModelIndex())
        except TypeError:  # a view's internal model (its columnCount is private in Python)
            return
        for orientation in (Qt.Orientation.Horizontal,):
            for section in range(model.columnCount(QModelIndex())):
                add(view, "header", model.headerData(section, orientation))

        def rows(parent: Any, depth: int) -> None:
            for row in range(min(model.rowCount(parent), 100)):
                for column in range(model.columnCount(parent)):
                    index = model.index(row, column, parent)
                    add(view, "cell", model.data(index))
                    add(view, "cell tooltip", model.data(index, Qt.ItemDataRole.ToolTipRole))
                if depth < 2:
                    rows(model.index(row, 0, parent), depth + 1)

        rows(QModelIndex(), 0)

    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget.isWindow():
            add(widget, "title", widget.windowTitle())
        add(widget, "tooltip", widget.toolTip())
        add(widget, "accessible name", widget.accessibleName())
        add(widget, "accessible description", widget.accessibleDescription())
        if isinstance(widget, QLabel):
            add(widget, "label", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, "button", widget.text().replace("&", ""))
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(widget, "placeholder", widget.placeholderText())
            if widget.isReadOnly():
                for line in widget.toPlainText().splitlines():
                    add(widget, "text", line)
        elif isinstance(widget, QGroupBox):
            add(widget, "group", widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, "tab", widget.tabText(i).replace("&", ""))
                add(widget, "tab tooltip", widget.tabToolTip(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, "item", widget.itemText(i))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QComboBox):
            model_texts(widget)
        actions(widget, widget)
    return found


class FakeDesktop:
    """A fake of the desktop's link settings (screenshots must not change the real ones)."""

    def __init__(self) -> None:
        self.default = False

    def handler(self) -> Any:
        from wallet_app.gui.context import LinkHandler

        def register() -> str:
            self.default = True
            return "registered"

        def unregister() -> str:
            self.default = False
            return "unregistered"

        return LinkHandler(lambda: self.default, register, unregister)
