"""The status check's session: every request ends by one shared deadline, against a real
server on 127.0.0.1 that never answers (the CLI states it waits 5 s for the status check;
``--timeout 60`` alone would let one request run 120 s)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.support.bounded_origin import bounded_origin
from wallet_app.errors import NetworkError
from wallet_app.oid4vci.exchange import Exchange
from wallet_app.oid4vci.http import HttpSession
from wallet_app.wallet.bounded_session import BoundedSession

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


@pytest.fixture
def slow_session() -> Iterator[tuple[HttpSession, list[Exchange]]]:
    """A session with --timeout 60 (a total of 120 s per request), recording its trace."""
    seen: list[Exchange] = []
    with httpx.Client(timeout=60) as client:
        yield HttpSession(client, on_exchange=seen.append), seen


def test_a_request_that_never_ends_is_cut_at_the_shared_deadline(
    slow_session: tuple[HttpSession, list[Exchange]],
) -> None:
    session, trace = slow_session
    with bounded_origin() as port:
        started = time.monotonic()
        bounded = BoundedSession(session, started + 1.5, wait=1.5)
        with pytest.raises(NetworkError) as info:
            bounded.request("GET", f"http://127.0.0.1:{port}/hang", step="status list")
        took = time.monotonic() - started
    assert info.value.code == "too_slow"
    assert took <= 1.5 + 2.0, took
    assert [e.url for e in trace] == [f"http://127.0.0.1:{port}/hang"]  # in the flow's trace


def test_after_the_deadline_nothing_is_sent(
    slow_session: tuple[HttpSession, list[Exchange]],
) -> None:
    session, _ = slow_session
    seen: list[str] = []
    with bounded_origin(seen=seen) as port:
        bounded = BoundedSession(session, time.monotonic() - 0.1, wait=5.0)
        with pytest.raises(NetworkError) as info:
            bounded.request("GET", f"http://127.0.0.1:{port}/ok", step="status list")
        with pytest.raises(NetworkError):  # one deadline for all, not one per request
            bounded.request("GET", f"http://127.0.0.1:{port}/ok", step="issuer key")
    assert info.value.code == "too_slow" and "5 seconds" in info.value.user_message
    assert seen == []


def test_before_the_deadline_a_request_is_answered(
    slow_session: tuple[HttpSession, list[Exchange]],
) -> None:
    session, _ = slow_session
    with bounded_origin() as port:
        bounded = BoundedSession(session, time.monotonic() + 10, wait=10)
        resp = bounded.request("GET", f"http://127.0.0.1:{port}/ok", step="status list")
    assert resp.status == 200 and resp.body == b'{"ok": true}'
