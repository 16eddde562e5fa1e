"""One background job per user step: a plain function on QThreadPool, result by signal.

Workers never touch widgets. The result (or exception) is delivered on the GUI thread
through a queued signal. Running jobs are kept alive in a set until they report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

__all__ = ["JobRunner"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable, Generic[T]):
    def __init__(self, fn: Callable[[], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
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
        self._running: set[_Job[object]] = set()

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``fn`` in the pool; ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""
        job: _Job[object] = _Job(fn)

        def finished_ok(result: object) -> None:
            self._running.discard(job)
            on_done(result)  # type: ignore[arg-type]

        def finished_err(exc: object) -> None:
            self._running.discard(job)
            if isinstance(exc, BaseException):
                on_error(exc)

        job.signals.done.connect(finished_ok)
        job.signals.failed.connect(finished_err)
        self._running.add(job)
        self._pool.start(job)

    @property
    def active(self) -> int:
        """Jobs started and not yet reported."""
        return len(self._running)

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Stop taking work and wait briefly for running jobs."""
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
