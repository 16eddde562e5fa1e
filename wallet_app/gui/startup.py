"""Phase 1 of start-up: the light window that paints at once, and the benchmark's probe.

Only Qt and the standard library are imported here, and no Qt enum namespace is touched
(PySide creates it lazily, at a cost of tens of milliseconds) before the first paint.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

__all__ = ["PROBE_ENV", "PaintProbe", "StartupWindow"]

#: Set by the start-up benchmark: print paint timestamps and quit once the wallet is ready.
PROBE_ENV = "WALLET_APP_STARTUP_PROBE"


class StartupWindow(QMainWindow):
    """The window shown while the wallet opens its store (phase 1).

    ``first_painted`` fires once its content has been painted: phase 2 starts from there, so
    the user sees a window before the slow part begins.
    """

    first_painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._painted = False
        self.setWindowTitle(self.tr("Wallet"))
        self.resize(1020, 680)
        label = QLabel(self.tr("Opening your wallet…"))
        label.setAccessibleName(self.tr("Opening your wallet"))
        label.installEventFilter(self)
        self.status_label = label
        # centred with stretches: touching the Qt enum namespace here would cost ~80 ms of
        # PySide enum creation before the first paint
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(label)
        row.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        central = QWidget()
        central.setLayout(column)
        self.setCentralWidget(central)

    def set_status(self, text: str) -> None:
        """Say what start-up waits for (e.g. the system keyring)."""
        self.status_label.setText(text)
        self.status_label.setAccessibleName(text.rstrip("…"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)
        return False


class PaintProbe(QObject):
    """Reports the first paint of watched windows (benchmark only)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.watched: dict[QObject, str] = {}
        app.installEventFilter(self)

    def watch(self, window: QObject, label: str) -> None:
        self.watched[window] = label

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            top = obj.window() if hasattr(obj, "window") else obj
            label = self.watched.pop(top, None)
            if label is not None:
                sys.stdout.write(f"{label} {time.time()!r}\n")
                sys.stdout.flush()
                if label == "READY":
                    QTimer.singleShot(0, self.app.quit)
        return False
