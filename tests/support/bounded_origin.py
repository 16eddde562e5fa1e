"""A real HTTP(S) server on 127.0.0.1 that misbehaves on purpose, for the bounds tests: it
drips a body one byte a second (or its headers, two bytes a second), hangs before answering,
serves a gzip or deflate bomb, or redirects where it is told. Each path picks the behaviour
(``/drip``, ``/drip-headers``, ``/hang``,
``/bomb/gzip``, ``/bomb/deflate``, ``/redirect?to=<url>``, ``/json?doc=<name>``); every
other path answers ``{"ok": true}``.

Run as a script (``python -m tests.support.bounded_origin``) it serves plain HTTP and prints
its port, so a measuring subprocess can use it too.
"""

from __future__ import annotations

import json
import ssl
import sys
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

__all__ = ["BOMB_CHUNK", "bomb_stream", "bounded_origin"]

#: decoded bytes per compressed piece of a bomb (zeros compress about 1000:1, so each piece is
#: about 256 KiB on the wire: a client decoding a whole network read at once holds 256 MiB)
BOMB_CHUNK = 256 * 1024 * 1024


def bomb_stream(encoding: str, total: int) -> Iterator[bytes]:
    """A compressed stream of ``total`` zero bytes, made lazily (a client that stops reading
    early never makes the server compress all of it)."""
    wbits = 31 if encoding == "gzip" else 15  # gzip wrapper, or the zlib wrapper of deflate
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(BOMB_CHUNK)
    sent = 0
    while sent < total:
        piece = comp.compress(zeros) + comp.flush(zlib.Z_SYNC_FLUSH)
        sent += len(zeros)
        yield piece
    yield comp.flush()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    docs: ClassVar[Mapping[str, object]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        try:
            if path == "/drip":
                self._drip(int(query.get("size", "100000")))
            elif path == "/drip-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                for _ in range(100_000):
                    self.wfile.flush()
                    time.sleep(0.5)
                    self.wfile.write(b"a")
            elif path == "/hang":
                time.sleep(float(query.get("for", "60")))
            elif path.startswith("/bomb/"):
                self._bomb(path.removeprefix("/bomb/"), int(query.get("gb", "10")) << 30)
            elif path == "/redirect":
                self.send_response(int(query.get("status", "302")))
                self.send_header("Location", query["to"])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/json" or path in self.docs:
                doc = self.docs[query["doc"] if path == "/json" else path]
                self._send(doc if isinstance(doc, bytes) else json.dumps(doc).encode())
            elif path.startswith("/.well-known/"):
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(b'{"ok": true}')
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            return  # the client gave up, as it should

    do_POST = do_GET

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, size: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.write(b"[")
        self.wfile.flush()
        for _ in range(size - 1):
            time.sleep(1.0)
            self.wfile.write(b" ")
            self.wfile.flush()

    def _bomb(self, encoding: str, total: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in bomb_stream(encoding, total):
            if piece:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read the responses, not the server's log."""


@contextmanager
def bounded_origin(
    *,
    tls: ssl.SSLContext | None = None,
    docs: Mapping[str, object] | None = None,  # read at each request: may be filled later
    seen: list[str] | None = None,
) -> Iterator[int]:
    """Serve on 127.0.0.1:<free port> (HTTPS when ``tls`` is a server context); yield the
    port. ``docs`` are the documents ``/json?doc=<name>`` serves (bytes as they are, else
    as JSON), or the path serves when the name starts with ``/``; other well-known paths
    answer 404. ``seen`` collects the path of every request."""
    attrs = {"docs": docs if docs is not None else {}, "seen": seen if seen is not None else []}
    handler = type("Handler", (_Handler,), attrs)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


if __name__ == "__main__":  # pragma: no cover - used by measuring subprocesses
    with bounded_origin() as port:
        print(port, flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin
