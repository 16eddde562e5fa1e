"""Serve a DemoIssuer over real HTTP(S) on loopback in a daemon thread."""

from __future__ import annotations

import logging
import socket
import ssl
import threading
from socketserver import ThreadingMixIn
from types import TracebackType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from .app import DemoIssuer
from .config import DemoConfig
from .faults import DemoFaults

__all__ = ["RunningIssuer", "serve"]

log = logging.getLogger(__name__)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    ssl_context: ssl.SSLContext | None = None

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, addr = super().get_request()
        if self.ssl_context is not None:
            # handshake lazily in the handler thread so a slow client can't block accept()
            conn = self.ssl_context.wrap_socket(
                conn, server_side=True, do_handshake_on_connect=False
            )
        return conn, addr

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("connection from %s failed", client_address, exc_info=True)


class RunningIssuer:
    """A demo issuer served on loopback; stop() (or leaving the `with`) closes the socket.

    Raises nothing.
    """

    def __init__(self, server: _ThreadingServer, issuer: DemoIssuer) -> None:
        self._server = server
        self.issuer = issuer
        self.base_url = issuer.base_url
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self._stopped = False

    def stop(self) -> None:
        """Stop serving and close the listening socket. Idempotent; raises nothing."""
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningIssuer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    config: DemoConfig = DemoConfig(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    ssl_context: ssl.SSLContext | None = None,
    faults: DemoFaults | None = None,
    public_name: str | None = None,
) -> RunningIssuer:
    """Bind host:port (0: a free port), then serve a new DemoIssuer for that URL.

    ``public_name`` puts another host name in the issuer's URL than the one bound, for a test
    that reaches the issuer through a proxy which resolves that name to loopback.
    Raises OSError when the address cannot be bound.
    """
    server = _ThreadingServer((host, port), _QuietHandler)
    server.ssl_context = ssl_context
    scheme = "https" if ssl_context is not None else "http"
    bound_port = server.server_address[1]
    shown_host = public_name or (f"[{host}]" if ":" in host else host)
    issuer = DemoIssuer(f"{scheme}://{shown_host}:{bound_port}", config, faults)
    server.set_app(issuer)
    log.info("demo issuer listening on %s", issuer.base_url)
    return RunningIssuer(server, issuer)
