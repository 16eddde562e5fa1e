"""Bounds of one request: the URLs it may reach, its total deadline, where its redirects may
lead.

The client's timeouts (httpx) bound each phase and each read, not the whole: an issuer that
drips its answer a byte a second never trips a 15 s read timeout. :class:`Deadline` is the
whole request's end, which every phase's timeout is clipped to and the body loop checks.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import socket
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from wallet_app.errors import NetworkError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.exchange import redact_url
from wallet_app.oid4vci.urls import is_loopback_url

__all__ = [
    "DEFAULT_TOTAL_TIMEOUT",
    "MAX_CREDENTIAL_REQUESTS",
    "MAX_SECONDS",
    "Alarms",
    "Deadline",
    "Sockets",
    "Watchdog",
    "check_url",
    "positive_seconds",
    "redirect_target",
    "total_for",
]

#: seconds one request may take in all (connect, headers, body; redirects and retries
#: included), whatever the per-read timeout: an issuer dripping its answer a byte at a
#: time is cut off here (twice the default per-read timeout of 15 s)
DEFAULT_TOTAL_TIMEOUT = 30.0

#: credential requests one flow sends at most (configurations of an offer, or credential
#: identifiers of a token response, §6.2). Neither OID4VCI nor HAIP sets a limit; the
#: largest real offers (a PID in its two HAIP formats, SD-JWT VC and mdoc, beside a few
#: attestations) name 2 to 4. Each request costs a key proof (and batch_size copies, up to
#: the wallet's batch limit), a store write and a line the person reviews: 10 is more than
#: any honest issuer needs, while 100,000 would mean 15 minutes of requests and memory.
MAX_CREDENTIAL_REQUESTS = 10


def total_for(timeout: httpx.Timeout) -> float:
    """The total deadline that goes with a client's ``timeout``: twice its read timeout
    (the settings' ``--timeout``), :data:`DEFAULT_TOTAL_TIMEOUT` when reads are unbounded."""
    read = timeout.read
    return 2 * read if read is not None and read > 0 else DEFAULT_TOTAL_TIMEOUT


def check_url(url: str, *, allow_http_loopback: bool = True) -> bool:
    """Check that the wallet may call ``url``; return True when it is a local (loopback) URL.

    Raises NetworkError for anything but ``https``, or ``http`` on a loopback host.
    """
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        _ = parts.port  # raises ValueError for a malformed port
    except ValueError:
        hostname = None
        parts = urlsplit("")
    local = is_loopback_url(url)
    if parts.scheme == "https" and hostname:
        return local
    if parts.scheme == "http" and local and allow_http_loopback:
        return True
    raise NetworkError(
        "The issuer uses an insecure or invalid address, so the wallet will not contact it.",
        detail=f"Refused URL {redact_url(url)!r}: https is required (http only on loopback).",
        code="insecure_url",
    )


def redirect_target(url: str, location: str) -> str:
    """Where a redirect from ``url`` leads. Raises NetworkError for ``https`` → ``http``
    (whatever the host: a remote issuer must not steer the wallet to a local service)."""
    target = urljoin(url, location)
    if urlsplit(url).scheme == "https" and urlsplit(target).scheme.lower() != "https":
        raise NetworkError(
            "The issuer redirected the wallet from a secure (https) address to an insecure "
            "one, so the wallet did not follow.",
            detail=f"Refused redirect from {redact_url(url)} to {redact_url(target)}",
            code="insecure_url",
        )
    return target


@frozen
class Deadline:
    """The moment (``time.monotonic``) one request must have ended by, and its length."""

    at: float
    seconds: float

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.remaining() <= 0

    def timeout(self, base: httpx.Timeout) -> httpx.Timeout:
        """``base`` with no phase longer than what is left (at least 10 ms: an exhausted
        deadline then fails at once). Raises NetworkError when nothing is left."""
        left = max(self.remaining(), 0.01)

        def clip(value: float | None) -> float:
            return left if value is None or math.isnan(value) else min(value, left)

        return httpx.Timeout(
            connect=clip(base.connect),
            read=clip(base.read),
            write=clip(base.write),
            pool=clip(base.pool),
        )

    def too_slow(self, host: str, method: str, url: str) -> NetworkError:
        seconds = f"{self.seconds:g}"
        return NetworkError(
            "{host} was too slow: its answer did not arrive within {seconds} seconds, so the "
            "wallet stopped waiting. Try again later.",
            params={"host": host, "seconds": seconds},
            detail=f"total deadline of {seconds} s passed on {method} {redact_url(url)}",
            code="too_slow",
        )


class Sockets:
    """The sockets one session's responses came over, per origin (held weakly): a request
    sent over a kept-alive connection shows no connect event, so its watchdog cuts those."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_origin: dict[str, weakref.WeakSet[socket.socket]] = {}

    def remember(self, origin: str, sock: socket.socket | None) -> None:
        if sock is not None:
            with self._lock:
                self._by_origin.setdefault(origin, weakref.WeakSet()).add(sock)

    def of(self, origin: str) -> list[socket.socket]:
        with self._lock:
            return list(self._by_origin.get(origin, ()))


class Alarms:
    """One thread that calls each request's watchdog when its deadline passes (a client's
    requests share it; it was one ``threading.Timer`` per request, whose start and cancel
    cost each request a thread and its hand-offs). Started on the first deadline, it ends
    once it has had nothing to watch for ``idle`` seconds, and is started again when needed.
    Thread-safe."""

    def __init__(self, idle: float = 5.0) -> None:
        self._idle = idle
        self._changed = threading.Condition(threading.Lock())
        self._due: list[list[Any]] = []  # heap of [monotonic time, order, call or None]
        self._live = 0
        self._order = itertools.count()
        self._running = False
        self._wakes_at = math.inf  # when the thread wakes next (monotonic)

    def add(self, at: float, call: Callable[[], None]) -> list[Any]:
        """Call ``call`` (on the alarms' thread) at ``at`` (``time.monotonic``) unless the
        returned entry is cancelled first."""
        entry: list[Any] = [at, next(self._order), call]
        with self._changed:
            heapq.heappush(self._due, entry)
            self._live += 1
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="request-deadlines", daemon=True).start()
            elif at < self._wakes_at:  # earlier than the thread wakes: wake it now
                self._changed.notify()
        return entry

    def cancel(self, entry: list[Any]) -> None:
        """Do not call ``entry``'s call (nothing happens when it was called already)."""
        with self._changed:
            if entry[2] is not None:
                entry[2] = None
                self._live -= 1
                if not self._live:
                    self._due.clear()  # all cancelled: the thread waits idle, not until them

    def _run(self) -> None:
        while True:
            due: list[Callable[[], None]] = []
            with self._changed:
                now = time.monotonic()
                while self._due and (self._due[0][2] is None or self._due[0][0] <= now):
                    entry = heapq.heappop(self._due)
                    if entry[2] is not None:
                        due.append(entry[2])
                        entry[2] = None
                        self._live -= 1
                if not due:
                    # a later deadline added meanwhile does not wake it (most do: each
                    # request's is its start plus the same total)
                    if not self._due:
                        self._wakes_at = now + self._idle
                        self._changed.wait(self._idle)
                        if not self._due:
                            self._running = False
                            self._wakes_at = math.inf
                            return
                    else:
                        self._wakes_at = self._due[0][0]
                        self._changed.wait(self._due[0][0] - now)
            for call in due:
                call()


class Watchdog:
    """Cuts one request's connection when its deadline passes, even in the middle of a read
    (a server dripping its headers a byte a second never trips the per-read timeout).

    Its socket comes from httpcore's ``trace`` extension (:meth:`trace`, for a new
    connection) or the response (:meth:`attach`); before either, from ``fallback`` (the
    sockets of earlier responses from the same origin, so a request running beside it to that
    origin may be cut too: only once the origin has already overrun a whole deadline). The cut
    is ``shutdown``: the reading thread gets end-of-file at once, and the pool drops the
    connection. The deadline is watched by the client's :class:`Alarms`.
    """

    def __init__(
        self,
        deadline: Deadline,
        fallback: Callable[[], Iterable[socket.socket]],
        alarms: Alarms,
    ) -> None:
        self.fallback = fallback
        self.sock: socket.socket | None = None
        self.fired = False
        self._lock = threading.Lock()
        self._deadline = deadline
        self._alarms = alarms
        self._entry: list[Any] | None = None

    def __enter__(self) -> Watchdog:
        self._entry = self._alarms.add(self._deadline.at, self._fire)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._entry is not None:
            self._alarms.cancel(self._entry)

    def trace(self, name: str, info: Mapping[str, object]) -> None:
        """httpcore's trace callback: takes the socket of a connection just made."""
        if name.endswith(("connect_tcp.complete", "start_tls.complete")):
            self.attach(info.get("return_value"))

    def attach(self, stream: object) -> socket.socket | None:
        """Watch the socket of ``stream`` (an httpcore network stream); return it."""
        get = getattr(stream, "get_extra_info", None)
        sock = get("socket") if callable(get) else None
        if not isinstance(sock, socket.socket):
            return None
        with self._lock:
            self.sock = sock
            fired = self.fired
        if fired:
            _cut([sock])
        return sock

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            own = self.sock
        _cut([own] if own is not None else self.fallback())


def _cut(sockets: Iterable[socket.socket]) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError, ValueError):
            sock.shutdown(socket.SHUT_RDWR)


#: the longest lifetime or wait an issuer's number of seconds is read as (~68 years)
MAX_SECONDS = 2**31 - 1


def positive_seconds(value: object) -> float | None:
    """A JSON number of seconds above 0, capped at :data:`MAX_SECONDS`; None for anything
    else (bools, text, NaN, ±inf, 0 and below). An integer too large for a float (JSON has
    no limit: a 5,000-digit ``expires_in`` parses) is capped, not an OverflowError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return float(min(value, MAX_SECONDS)) if value > 0 else None
    if not math.isfinite(value) or value <= 0:
        return None
    return min(value, float(MAX_SECONDS))
