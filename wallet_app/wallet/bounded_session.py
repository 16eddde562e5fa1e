"""An HTTP session whose every request ends by one shared moment.

The status check after a receive (and after a deferred poll) runs on a worker while the CLI
waits for it the time it states (``NOTIFICATION_WAIT``). Its requests (the status list, an
issuer key fetched again) must all have ended by then, else a status list server that never
answers holds the process at exit for the session's own total (twice ``--timeout``).
Imported on use: it loads the HTTP stack.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from wallet_app.oid4vci.bounds import Deadline
from wallet_app.oid4vci.http import HttpResponse, HttpSession

__all__ = ["BoundedSession"]


class BoundedSession(HttpSession):
    """The requests of ``session`` (its client, policy, size cap and trace sink), each one
    ending by ``deadline`` (``time.monotonic``) whatever its own total; one asked to start
    after it raises NetworkError (``too_slow``) without sending anything."""

    def __init__(self, session: HttpSession, deadline: float, *, wait: float) -> None:
        super().__init__(
            session.http,
            on_exchange=session.on_exchange,
            max_response_bytes=session.max_response_bytes,
            allow_http_loopback=session.allow_http_loopback,
            clock=session.clock,
            accept_language=session.accept_language,
            total_timeout=session.total_timeout,
            alarms=session.alarms,
        )
        self.deadline = deadline
        self.wait = wait  # the whole wait, for the sentence ("within 5 seconds")

    def request(self, method: str, url: str, **kwargs: Any) -> HttpResponse:
        left = self.deadline - time.monotonic()
        if left <= 0:
            host = urlsplit(url).hostname or url
            raise Deadline(self.deadline, self.wait).too_slow(host, method, url)
        asked = kwargs.pop("total_timeout", None)
        total = left if asked is None else min(float(asked), left)
        return super().request(method, url, total_timeout=total, **kwargs)
