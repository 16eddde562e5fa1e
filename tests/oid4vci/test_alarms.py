"""The one thread that watches a client's request deadlines (``bounds.Alarms``)."""

from __future__ import annotations

import threading
import time

from wallet_app.oid4vci.bounds import Alarms


def _alarm_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "request-deadlines"]


def test_due_calls_run_in_deadline_order_and_cancelled_ones_never() -> None:
    alarms = Alarms(idle=0.2)
    fired: list[str] = []
    done = threading.Event()
    now = time.monotonic()
    alarms.add(now + 0.15, lambda: (fired.append("late"), done.set()))
    alarms.add(now + 0.05, lambda: fired.append("early"))
    dropped = alarms.add(now + 0.10, lambda: fired.append("cancelled"))
    alarms.cancel(dropped)
    alarms.cancel(dropped)  # twice is fine
    assert done.wait(5)
    assert fired == ["early", "late"]


def test_many_requests_share_one_thread_which_ends_when_idle() -> None:
    before = set(_alarm_threads())  # other tests' sessions may have theirs, ending meanwhile
    alarms = Alarms(idle=0.2)
    entries = [alarms.add(time.monotonic() + 30, lambda: None) for _ in range(20)]
    (ours,) = set(_alarm_threads()) - before
    for entry in entries:
        alarms.cancel(entry)
    # all cancelled: nothing is called, and the thread ends after its idle time
    ours.join(40)
    assert not ours.is_alive()
    # and starts again for the next deadline
    called = threading.Event()
    alarms.add(time.monotonic() + 0.01, called.set)
    assert called.wait(5)


def test_an_earlier_deadline_wakes_the_thread() -> None:
    alarms = Alarms(idle=0.2)
    alarms.add(time.monotonic() + 30, lambda: None)  # the thread now waits 30 s
    called = threading.Event()
    started = time.monotonic()
    alarms.add(time.monotonic() + 0.05, called.set)
    assert called.wait(5)
    assert time.monotonic() - started < 5
