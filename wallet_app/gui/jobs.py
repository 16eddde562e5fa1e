"""One background job per user step: a plain function on QThreadPool, result by signal.

Workers never touch widgets. The result (or exception) is delivered on the GUI thread
through a queued signal. The pool owns and deletes each runnable when it has run (so a job's
captured data — a camera frame, a transaction code — is released at once); the runner keeps
only the small signal object alive until its queued result has been delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

__all__ = ["JobRunner"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], signals: _Signals) -> None:
        super().__init__()
        self.fn: Callable[[], object] | None = fn
        self.signals = signals

    def run(self) -> None:
        fn, self.fn = self.fn, None  # drop captured data as soon as the work is done
        try:
            result = fn() if fn is not None else None
        except BaseException as exc:  # delivered to the GUI thread's error handler
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class JobRunner(QObject):
    """Runs callables off the GUI thread and calls back on it."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[_Signals] = set()

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn`` in the pool; ``on_done(result)`` or ``on_error(exc)`` on the GUI thread.

        With ``owner``, the callbacks are skipped when that object (a dialog that closed and
        deleted itself meanwhile) no longer exists.
        """
        signals = _Signals()

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        def settle() -> None:
            self._running.discard(signals)
            signals.deleteLater()

        def finished_ok(result: object) -> None:
            settle()
            if alive():
                on_done(result)  # type: ignore[arg-type]

        def finished_err(exc: object) -> None:
            settle()
            if alive() and isinstance(exc, BaseException):
                on_error(exc)

        signals.done.connect(finished_ok)
        signals.failed.connect(finished_err)
        self._running.add(signals)
        self._pool.start(_Job(fn, signals))

    @property
    def active(self) -> int:
        """Jobs started and not yet reported."""
        return len(self._running)

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Stop taking work and wait briefly for running jobs."""
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
