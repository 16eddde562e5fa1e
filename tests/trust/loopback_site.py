"""A tiny real HTTP server on 127.0.0.1 for trust tests: fixed answers per path, every
request recorded (path and Accept header), so tests can see what the wallet asked and how
often."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

__all__ = ["Answer", "Site", "serve"]


@dataclass
class Answer:
    """One canned response."""

    body: bytes
    content_type: str = "application/json"
    status: int = 200


@dataclass
class Site:
    """Paths → answers; ``requests`` records (path, Accept) of every request."""

    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    base: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def put(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "application/json",
        status: int = 200,
    ) -> str:
        """Serve ``body`` at ``path``; return its full URL."""
        data = body.encode() if isinstance(body, str) else body
        self.answers[path] = Answer(data, content_type, status)
        return self.base + path

    def count(self, path: str) -> int:
        """How many requests ``path`` got."""
        with self._lock:
            return sum(1 for p, _ in self.requests if p == path)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        with self._lock:
            self.requests.append((path, environ.get("HTTP_ACCEPT", "")))
        answer = self.answers.get(path, Answer(b"not found", "text/plain", 404))
        start_response(
            f"{answer.status} X",
            [("Content-Type", answer.content_type), ("Content-Length", str(len(answer.body)))],
        )
        return [answer.body]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Run ``site`` on 127.0.0.1 (a free port) in a thread; ``site.base`` is its origin."""
    server: WSGIServer = make_server("127.0.0.1", 0, site, handler_class=_Quiet)
    site.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
