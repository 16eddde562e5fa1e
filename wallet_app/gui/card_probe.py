"""The scale benchmark's probe (``tests/benchmarks/scale_gui.py``): off unless
``WALLET_APP_SCALE_PROBE`` is set (to the seconds to watch after the main window shows).

It prints, on stdout, one ``LABEL value`` line each:

- ``CARDS <time.time()>``: the card list's first paint with cards in it;
- ``FILLED <time.time()>``: the model holds every stored credential;
- ``FREEZE <ms>``: the longest gap of a 5 ms heartbeat timer on the GUI thread from the main
  window's showing to the end of the watch (what the user feels as a stuck window);
- ``STARTUP_FREEZE <ms>``: the same before the main window showed (start-up, for honesty);
- ``RSS <kB>``: the process's peak resident set (``VmHWM``);

then quits the application. With ``WALLET_APP_SCALE_SHOT`` set to a path, the window is
saved there as PNG before quitting.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["SCALE_PROBE_ENV", "ScaleProbe", "scale_probe"]

SCALE_PROBE_ENV = "WALLET_APP_SCALE_PROBE"
_SHOT_ENV = "WALLET_APP_SCALE_SHOT"
_BEAT_MS = 5
_SETTLE_S = 1.0  # watched on after the model is full


def _peak_rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _say(label: str, value: object) -> None:
    sys.stdout.write(f"{label} {value!r}\n")
    sys.stdout.flush()


class ScaleProbe(QObject):
    """Heartbeat, first card paint and peak memory of one start (benchmark only)."""

    def __init__(self, app: QApplication, watch_s: float) -> None:
        super().__init__()
        self.app = app
        self.watch_s = watch_s
        self.window: QWidget | None = None
        self.shown_at: float | None = None
        self.filled_at: float | None = None
        self.last = time.perf_counter()
        self.startup_gap = 0.0
        self.gap = 0.0
        self.painted = False
        self.beat = QTimer(self)
        self.beat.setTimerType(Qt.TimerType.PreciseTimer)
        self.beat.setInterval(_BEAT_MS)
        self.beat.timeout.connect(self._tick)
        self.beat.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap, self.last = now - self.last, now
        if self.shown_at is None:
            self.startup_gap = max(self.startup_gap, gap)
            return
        self.gap = max(self.gap, gap)
        model = getattr(self.window, "model", None)
        if self.filled_at is None and model is not None and not getattr(model, "filling", False):
            self.filled_at = now
            _say("FILLED", time.time())
        end = self.shown_at + self.watch_s
        if self.filled_at is not None:
            end = max(end, self.filled_at + _SETTLE_S)
        if self.painted and now >= end:
            self._finish()

    def watch(self, window: QWidget) -> None:
        """The main window was built and is about to show."""
        self.window = window
        self.shown_at = time.perf_counter()
        self.last = self.shown_at  # the window's building counted as start-up
        view = getattr(window, "list_view", None)
        if view is not None:
            view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint:
            model = getattr(self.window, "model", None)
            if model is not None and model.rowCount() > 0:
                self.painted = True
                _say("CARDS", time.time())
        return False

    def _finish(self) -> None:
        self.beat.stop()
        model = getattr(self.window, "model", None)
        _say("ROWS", model.rowCount() if model is not None else -1)
        _say("FREEZE", round(self.gap * 1000, 1))
        _say("STARTUP_FREEZE", round(self.startup_gap * 1000, 1))
        _say("RSS", _peak_rss_kb())
        shot = os.environ.get(_SHOT_ENV)
        if shot and self.window is not None:
            self.window.grab().save(shot)
        QTimer.singleShot(0, self.app.quit)


def scale_probe(app: QApplication) -> ScaleProbe | None:
    """The probe when ``WALLET_APP_SCALE_PROBE`` is set, else None (the normal case)."""
    value = os.environ.get(SCALE_PROBE_ENV)
    if not value:
        return None
    try:
        watch_s = float(value)
    except ValueError:
        watch_s = 3.0
    return ScaleProbe(app, watch_s)
