"""A message strip across the top of a window (like KDE's KMessageWidget or GTK's InfoBar):
a sentence, a few buttons, optionally a close button. It never blocks the window.

:class:`BarArea` stacks the strips above a window's content; :func:`demo_banner` is the
permanent notice of a throw-away demo wallet.
"""

from __future__ import annotations

from typing import Literal, cast

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.theme import RoleName, colour

__all__ = ["BarArea", "BarKind", "InfoBar", "demo_banner"]

BarKind = Literal["info", "positive", "warning", "error"]

_ICONS: dict[BarKind, QStyle.StandardPixmap] = {
    "info": QStyle.StandardPixmap.SP_MessageBoxQuestion,
    "positive": QStyle.StandardPixmap.SP_DialogApplyButton,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class InfoBar(QFrame):
    """One strip: an icon, a sentence (wrapped), buttons added with :meth:`add_button`, and
    a close button when ``closable`` (it hides the strip and emits ``closed``)."""

    closed = Signal()

    def __init__(
        self,
        text: str,
        kind: BarKind = "info",
        *,
        closable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.icon = QLabel()
        self.icon.setFixedSize(QSize(20, 20))
        self.label = QLabel(text)
        self.label.setObjectName("infoBarText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.setSpacing(10)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.label, 1)
        row.addLayout(self.buttons)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(self.tr("Close this message"))
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        self.close_button.setVisible(closable)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._kind: BarKind = kind
        self.set_message(text, kind)

    @property
    def kind(self) -> BarKind:
        """The strip's look: info, positive, warning or error."""
        return self._kind

    def set_message(
        self, text: str, kind: BarKind | None = None, *, closable: bool | None = None
    ) -> None:
        """Show ``text`` (and change the look and the close button when given)."""
        self.label.setText(text)
        self.setAccessibleName(text)
        if closable is not None:
            self.close_button.setVisible(closable)
        if kind is not None:
            self._kind = kind
        self._restyle()

    def add_button(self, text: str, *, primary: bool = False) -> QPushButton:
        """Append a button (the caller connects ``clicked``)."""
        button = QPushButton(text)
        button.setAutoDefault(False)
        if primary:
            button.setProperty("primary", True)
        self.buttons.addWidget(button)
        return button

    def clear_buttons(self) -> None:
        """Remove every button added with :meth:`add_button`."""
        while (item := self.buttons.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def dismiss(self) -> None:
        """Hide the strip and emit ``closed``."""
        self.hide()
        self.closed.emit()

    def _restyle(self) -> None:
        kind, palette = self._kind, self.palette()
        background = colour(cast(RoleName, f"bar_{kind}_bg"), palette)
        border = colour(cast(RoleName, f"bar_{kind}_border"), palette)
        text = colour(cast(RoleName, f"bar_{kind}_fg"), palette)
        self.setStyleSheet(
            f"QFrame#infoBar {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 8px; }}"
            f" QLabel#infoBarText {{ color: {text}; background: transparent; }}"
            f" QToolButton {{ color: {text}; border: 0; padding: 2px 6px; }}"
        )
        icon = self.style().standardIcon(_ICONS[self._kind])
        self.icon.setPixmap(icon.pixmap(QSize(20, 20)))


class BarArea(QWidget):
    """A column of :class:`InfoBar` strips over ``content`` (a window's central widget)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._added: list[InfoBar] = []
        self._bars = QVBoxLayout()
        self._bars.setContentsMargins(10, 8, 10, 0)
        self._bars.setSpacing(6)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(self._bars)
        column.addWidget(content, 1)
        self._update_margins()

    def add_bar(self, bar: InfoBar) -> InfoBar:
        """Put ``bar`` below the strips already shown; returns it."""
        self._bars.addWidget(bar)
        self._added.append(bar)
        bar.closed.connect(self._update_margins)
        self._update_margins()
        return bar

    def bars(self) -> list[InfoBar]:
        """The strips, visible or not, top to bottom."""
        return list(self._added)

    def _update_margins(self) -> None:
        # no empty band above the content when no strip is shown
        shown = any(not bar.isHidden() for bar in self.bars())
        self._bars.setContentsMargins(10, 8 if shown else 0, 10, 0)


def demo_banner() -> InfoBar:
    """The permanent notice of a throw-away demo wallet (no close button)."""
    bar = InfoBar(
        QCoreApplication.translate(
            "DemoBanner", "Demo wallet: nothing you receive here is kept after you close it."
        ),
        "warning",
    )
    bar.setObjectName("infoBar")
    bar.setProperty("role", "demoBanner")
    return bar
