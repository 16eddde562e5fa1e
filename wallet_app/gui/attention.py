"""Drawing the user's eye: a brief outline around a card, desktop notifications, and which
dialog stays in front when the window is raised.

:class:`CardHighlight` is an overlay on the card list's viewport (it paints above the card
delegate, which stays untouched) that fades out; :class:`Notifier` shows a message through a
system tray icon created on first use, only where the desktop has a tray, else in the window's
status bar.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractAnimation,
    QEasingCurve,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QVariantAnimation,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QListView,
    QMainWindow,
    QSystemTrayIcon,
    QWidget,
)

__all__ = ["HIGHLIGHT_MS", "CardHighlight", "Notifier", "front_dialog"]

#: how long the outline stays before it has faded out
HIGHLIGHT_MS = 2200


def front_dialog(window: QWidget) -> QWidget | None:
    """The dialog of ``window`` the user works in (the modal one, the active one, or the
    newest one shown), to keep in front with the keyboard when the window is raised."""
    for candidate in (QApplication.activeModalWidget(), QApplication.activeWindow()):
        owner = candidate.parentWidget() if candidate is not None else None
        while owner is not None and owner is not window:
            owner = owner.parentWidget()
        if candidate is not None and owner is window:
            return candidate
    shown = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return shown[-1] if shown else None


class CardHighlight(QWidget):
    """A rounded outline drawn around one card of ``view`` that fades out. Raises nothing."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName("cardHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._index: QPersistentModelIndex | None = None
        self._strength = 0.0
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(1.0)
        self.animation.setEndValue(0.0)
        self.animation.setDuration(HIGHLIGHT_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.InQuad)
        self.animation.valueChanged.connect(self._on_value)
        self.animation.finished.connect(self.hide)
        view.verticalScrollBar().valueChanged.connect(self._follow)
        self.hide()

    @property
    def active(self) -> bool:
        """Whether the outline is showing (fading)."""
        running = self.animation.state() == QAbstractAnimation.State.Running
        return self.isVisible() and running

    def flash(self, index: QModelIndex) -> None:
        """Outline the card at ``index`` (of the view's model) and fade the outline out."""
        self._index = QPersistentModelIndex(index)
        self._follow()
        self.show()
        self.raise_()
        self.animation.stop()
        self.animation.start()

    def _follow(self, _value: int = 0) -> None:
        if self._index is None or not self._index.isValid():
            self.hide()
            return
        index = self.view.model().index(self._index.row(), self._index.column())
        rect = self.view.visualRect(index).adjusted(-4, -4, 4, 4)
        self.setGeometry(rect)

    def _on_value(self, value: object) -> None:
        self._strength = float(value) if isinstance(value, int | float) else 0.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The outline in the highlight colour, as strong as the animation says."""
        del event
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlphaF(max(0.0, min(1.0, self._strength)))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 4))
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 14, 14)
        painter.end()


class Notifier:
    """Tells the user something: a tray message when ``window`` is not the active window and
    the desktop has a system tray, else a status bar message. Raises nothing."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        #: what was shown last, as (where, title, body): for the curious and for tests
        self.last: tuple[str, str, str] | None = None

    def notify(self, title: str, body: str) -> None:
        """Show ``title`` and ``body`` where the user will see them."""
        if not self.window.isActiveWindow() and QSystemTrayIcon.isSystemTrayAvailable():
            tray = self._tray()
            tray.showMessage(title, body, self.window.windowIcon(), 8000)
            self.last = ("tray", title, body)
            return
        self.window.statusBar().showMessage(f"{title}: {body}" if body else title, 8000)
        self.last = ("status", title, body)

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:  # lazily: most runs never notify
            self.tray = QSystemTrayIcon(self.window.windowIcon(), self.window)
            self.tray.setToolTip(self.window.windowTitle())
            self.tray.messageClicked.connect(self._on_message_clicked)
            self.tray.show()
        return self.tray

    def _on_message_clicked(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
