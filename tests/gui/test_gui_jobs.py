"""JobRunner: results on the GUI thread, captured data released, dead owners skipped."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wallet_app.gui.jobs import JobRunner


class _Payload:
    pass


def test_result_arrives_and_the_job_lets_go_of_its_data(qtbot: QtBot) -> None:
    runner = JobRunner()
    payload = _Payload()
    ref = weakref.ref(payload)
    results: list[object] = []

    def work(p: _Payload = payload) -> str:
        return "done"

    runner.run(work, results.append, results.append)
    del payload, work
    qtbot.waitUntil(lambda: results == ["done"], timeout=2000)
    qtbot.waitUntil(lambda: runner.active == 0, timeout=2000)
    gc.collect()
    assert ref() is None, "a finished job must not keep what it captured"
    runner.shutdown()


def test_errors_arrive_as_exceptions(qtbot: QtBot) -> None:
    runner = JobRunner()
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("x")

    runner.run(boom, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=2000)
    assert isinstance(errors[0], ValueError)
    runner.shutdown()


def test_callbacks_are_skipped_when_the_owner_is_gone(qtbot: QtBot) -> None:
    runner = JobRunner()
    owner = QWidget()
    called: list[object] = []
    runner.run(lambda: 1, called.append, called.append, owner=owner)
    shiboken6.delete(owner)  # gone before the queued result can be delivered
    qtbot.waitUntil(lambda: runner.active == 0, timeout=2000)
    qtbot.wait(20)
    assert called == []
    runner.shutdown()
