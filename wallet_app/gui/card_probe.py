"""The scale benchmark's probe (``tests/benchmarks/scale_gui.py``): off unless
``WALLET_APP_SCALE_PROBE`` is set (to the seconds to watch after the main window shows).

It prints, on stdout, one ``LABEL value`` line each:

- ``CARDS <time.time()>``: the card list's first paint with cards in it;
- ``FILLED <time.time()>``: the model holds every stored credential;
- ``FREEZE <ms>``: the longest gap of a 5 ms heartbeat timer on the GUI thread from the main
  window's first paint to the end of the watch (what the user feels as a stuck window while
  the cards arrive);
- ``FREEZE_AT <s>``: when that gap ended, after the main window showed;
- ``GC <ms>``: the longest garbage collection (it holds every thread);
- ``STARTUP_FREEZE <ms>``: the same until the main window's first paint (start-up: building
  and first painting the window; not a target, shown for honesty);
- ``RSS <kB>``: the process's peak resident set (``VmHWM``);

then quits the application. With ``WALLET_APP_SCALE_SHOT`` set to a path, the window is
saved there as PNG before quitting.
"""

from __future__ import annotations

import gc
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
_GIVE_UP_S = 60.0  # no cards by then (an empty wallet): report what there is


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
        self.viewport: QWidget | None = None
        self.shown_at: float | None = None
        self.filled_at: float | None = None
        self.last = time.perf_counter()
        self.startup_gap = 0.0
        self.gap = 0.0
        self.gap_at = 0.0  # when the longest gap ended, in seconds after the window showed
        self.painted = False
        self.window_painted = False
        self.beat = QTimer(self)
        self.beat.setTimerType(Qt.TimerType.PreciseTimer)
        self.beat.setInterval(_BEAT_MS)
        self.beat.timeout.connect(self._tick)
        self.beat.start()
        self.gc_ms = 0.0
        self._gc_started = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        """Any thread: the longest collection (it stops every thread)."""
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self._gc_started:
            self.gc_ms = max(self.gc_ms, (time.perf_counter() - self._gc_started) * 1000)

    def _tick(self) -> None:
        now = time.perf_counter()
        gap, self.last = now - self.last, now
        if self.shown_at is None:
            self.startup_gap = max(self.startup_gap, gap)
            if self.window_painted:  # the main window's first paint is start-up too
                self.shown_at = now
            return
        if gap > self.gap:
            self.gap, self.gap_at = gap, now - self.shown_at
        model = getattr(self.window, "model", None)
        if (
            self.filled_at is None
            and model is not None
            and model.rowCount() > 0
            and not getattr(model, "filling", False)
            and not getattr(self.window, "_loading", False)  # the whole list, not a preview
        ):
            self.filled_at = now
            _say("FILLED", time.time())
        end = self.shown_at + self.watch_s
        if self.filled_at is not None:
            end = max(end, self.filled_at + _SETTLE_S)
        elif model is None or hasattr(model, "filling"):
            end = self.shown_at + _GIVE_UP_S  # wait for every card
        if (self.painted and now >= end) or now >= self.shown_at + _GIVE_UP_S:
            self._finish()

    def watch(self, window: QWidget) -> None:
        """The main window was built and is about to show: the watch starts once it has
        been painted."""
        self.window = window
        self.app.installEventFilter(self)
        view = getattr(window, "list_view", None)
        if view is not None:
            self.viewport = view.viewport()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            not self.window_painted
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is self.window
        ):
            self.window_painted = True
        if not self.painted and obj is self.viewport and event.type() == QEvent.Type.Paint:
            model = getattr(self.window, "model", None)
            if model is not None and model.rowCount() > 0:
                self.painted = True
                _say("CARDS", time.time())
                self.app.removeEventFilter(self)  # a Python call per event costs
        return False

    def _finish(self) -> None:
        self.beat.stop()
        model = getattr(self.window, "model", None)
        _say("ROWS", model.rowCount() if model is not None else -1)
        _say("FREEZE", round(self.gap * 1000, 1))
        _say("FREEZE_AT", round(self.gap_at, 3))
        _say("GC", round(self.gc_ms, 1))
        gc.callbacks.remove(self._on_gc)
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
