"""Every window and dialog fits the screen it is on.

``install_screen_fit(app)`` puts one event filter on the application: when a top-level window
or dialog is shown, or resized while shown, its frame is clamped to its screen's available
geometry (size first, then position), down to 960×540, which is 1920×1080 at 200 %. Windows
whose content cannot shrink that far still need a scroll area of their own: ``overflow()``
says which (the fit test reports them by class name).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

__all__ = [
    "ScreenFit",
    "available_area",
    "fit_to_screen",
    "install_screen_fit",
    "overflow",
    "uninstall_screen_fit",
]

_FITTED = (
    Qt.WindowType.Window,
    Qt.WindowType.Dialog,
    Qt.WindowType.Sheet,
    Qt.WindowType.Tool,
)


def available_area(widget: QWidget) -> QRect:
    """The available geometry of the screen ``widget`` is on (the primary screen when Qt does
    not know yet); an empty rect without any screen. Raises nothing."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect()


def _margins(widget: QWidget) -> QSize:
    """Width and height the window frame (title bar, borders) adds around ``widget``."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    return QSize(max(0, frame.width() - inner.width()), max(0, frame.height() - inner.height()))


def fit_to_screen(widget: QWidget) -> bool:
    """Shrink and move top-level ``widget`` so its frame lies inside the available geometry
    of its screen; lower its minimum size when that is larger. True when anything changed.
    Raises nothing."""
    area = available_area(widget)
    if area.isEmpty() or not widget.isWindow():
        return False
    extra = _margins(widget)
    most = QSize(area.width() - extra.width(), area.height() - extra.height())
    changed = False
    minimum = widget.minimumSize()
    if minimum.width() > most.width() or minimum.height() > most.height():
        widget.setMinimumSize(minimum.boundedTo(most))
        changed = True
    size = widget.size()
    if size.width() > most.width() or size.height() > most.height():
        widget.resize(size.boundedTo(most))
        changed = True
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.x()), max(y, area.y()))
        changed = True
    return changed


def overflow(widget: QWidget) -> QSize:
    """How far the least size ``widget``'s content can take exceeds its screen's available
    geometry (0×0 when it fits): content that would be cut off unless it scrolls."""
    area = available_area(widget)
    least = widget.minimumSizeHint().expandedTo(QSize(0, 0))
    layout = widget.layout()
    if layout is not None:
        least = least.expandedTo(layout.totalMinimumSize())
    extra = _margins(widget)
    return QSize(
        max(0, least.width() + extra.width() - area.width()),
        max(0, least.height() + extra.height() - area.height()),
    )


class ScreenFit(QObject):
    """The application-wide event filter of :func:`install_screen_fit`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind != QEvent.Type.Show and kind != QEvent.Type.Resize:
            return False
        if self._busy or not isinstance(watched, QWidget) or not watched.isWindow():
            return False
        if watched.windowType() not in _FITTED:
            return False
        if kind == QEvent.Type.Resize and not watched.isVisible():
            return False
        self._busy = True
        try:
            fit_to_screen(watched)
        finally:
            self._busy = False
        return False


def install_screen_fit(app: QApplication) -> ScreenFit:
    """Clamp every top-level window and dialog of ``app`` to its screen from now on; returns
    the filter (a child of ``app``). Raises nothing."""
    existing = app.findChild(ScreenFit)
    if existing is not None:
        return existing
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    return fit


def uninstall_screen_fit(app: QApplication) -> None:
    """Stop clamping (before the application is torn down: a Python event filter that still
    sees the events of windows destroyed at exit can crash the process). Raises nothing."""
    fit = app.findChild(ScreenFit)
    if fit is not None:
        app.removeEventFilter(fit)
        fit.setParent(None)
