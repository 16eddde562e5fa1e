"""A real HTTPS server on 127.0.0.1 for network tests: answers every GET with JSON naming the
path and the Host header it was sent, over TLS with a certificate from a throw-away trustme CA.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme

__all__ = ["TLS_NAMES", "tls_origin"]

#: the names the server's certificate holds: a name only a proxy can reach, and loopback
TLS_NAMES = ("issuer.example", "127.0.0.1", "localhost")


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = json.dumps({"path": self.path, "host": self.headers.get("host")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read the responses, not the server's log."""


@contextmanager
def tls_origin(ca: trustme.CA) -> Iterator[int]:
    """Serve HTTPS on 127.0.0.1:<free port> with a certificate ``ca`` issued; yield the port."""
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*TLS_NAMES).configure_cert(server_context)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    server.daemon_threads = True
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()
