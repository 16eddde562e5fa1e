"""One-shot loopback redirect receiver (RFC 8252 §7.3, §8.3; protocol notes §4.6).

Binds ``127.0.0.1`` on a random free port (never ``localhost``, and without ``SO_REUSEADDR`` /
``SO_REUSEPORT``, RFC 8252 App. B.5), records the first authorization response that reaches
``/callback`` and shows the browser a self-contained "you can close this tab" page. The query
string carries the authorization code, so nothing here logs it.
"""

from __future__ import annotations

import html
import logging
import socket
import socketserver
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from wallet_app.errors import NetworkError

__all__ = ["LoopbackReceiver"]

log = logging.getLogger(__name__)

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d1f23;margin:0;
display:flex;min-height:100vh;align-items:center;justify-content:center}}
main{{background:#fff;border-radius:12px;padding:2em 2.5em;max-width:32em;
box-shadow:0 2px 12px rgba(0,0,0,.08)}}
h1{{font-size:1.4em;margin-top:0}} p{{line-height:1.5}} code{{word-break:break-all}}
</style></head>
<body><main><h1>{heading}</h1>{body}</main></body></html>
"""
_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
}


def _render(title: str, heading: str, body: str) -> bytes:
    """An HTML page; ``body`` must already be escaped markup."""
    page = _PAGE.format(title=html.escape(title), heading=html.escape(heading), body=body)
    return page.encode("utf-8")


def _result_page(title: str, query: str) -> bytes:
    params = parse_qs(query)
    error = params.get("error", [""])[0]
    if not error:
        return _render(
            title,
            "You're signed in",
            "<p>You can close this tab and return to the wallet.</p>",
        )
    description = params.get("error_description", [""])[0][:300]
    details = f"<p><code>{html.escape(error[:100])}</code></p>"
    if description:
        details += f"<p>{html.escape(description)}</p>"
    return _render(
        title,
        "Authorization did not complete",
        "<p>The issuer did not grant access. You can close this tab and return to the wallet"
        f" to try again.</p>{details}",
    )


class _Server(ThreadingHTTPServer):
    """HTTP server without address reuse and without the reverse DNS lookup in server_bind."""

    allow_reuse_address = False
    allow_reuse_port = False
    daemon_threads = True

    def __init__(self, address: tuple[str, int], receiver: LoopbackReceiver) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.receiver = receiver
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a DNS query we neither need nor want.
        socketserver.TCPServer.server_bind(self)
        self.server_name = self.receiver.host
        self.server_port = self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        log.exception("Loopback redirect receiver: request handling failed")


class _Handler(BaseHTTPRequestHandler):
    timeout = 10  # a browser's idle pre-connection must not hold a thread forever

    def version_string(self) -> str:
        return "wallet"  # no Python version in the Server header

    server: _Server

    def do_GET(self) -> None:
        receiver = self.server.receiver
        parts = urlsplit(self.path)
        if parts.path != receiver.path:
            self._send(HTTPStatus.NOT_FOUND, _render(receiver.page_title, "Not found", ""))
            return
        status, page = receiver._on_request(parts.query)
        self._send(status, page)
        receiver._notify()

    def _refuse(self) -> None:
        page = _render(self.server.receiver.page_title, "Method not allowed", "")
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, page, allow="GET")

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = _refuse

    def _send(self, status: HTTPStatus, page: bytes, *, allow: str | None = None) -> None:
        self.send_response(status)
        for key, value in _HEADERS.items():
            self.send_header(key, value)
        if allow:
            self.send_header("Allow", allow)
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)
        log.debug("Loopback receiver: %s %s -> %d", self.command, urlsplit(self.path).path, status)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the stdlib's stderr access log: its request line holds the code."""


class LoopbackReceiver:
    """Receives one OAuth redirect on ``http://127.0.0.1:<port><path>`` in a daemon thread."""

    def __init__(
        self, *, path: str = "/callback", host: str = "127.0.0.1", page_title: str = "Wallet"
    ) -> None:
        self.path = path
        self.page_title = page_title
        self.host = host
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._redirect_uri: str | None = None
        self._lock = threading.Lock()
        self._arrived = threading.Event()
        self._url: str | None = None
        self._expected_state: str | None = None
        self._page: bytes | None = None
        self._callback: Callable[[str], None] | None = None
        self._notified = False
        self._closed = False

    @property
    def redirect_uri(self) -> str:
        """``http://127.0.0.1:<port><path>``; raises RuntimeError before :meth:`start`."""
        if self._redirect_uri is None:
            raise RuntimeError("LoopbackReceiver.start() has not been called")
        return self._redirect_uri

    def start(self) -> str:
        """Bind a free loopback port, start serving, return the redirect URI.

        Raises NetworkError if no port can be bound; RuntimeError after :meth:`close`.
        """
        if self._closed:
            raise RuntimeError("LoopbackReceiver is closed")
        if self._redirect_uri is not None:
            return self._redirect_uri
        try:
            server = _Server((self.host, 0), self)
        except OSError as exc:
            raise NetworkError(
                "The wallet could not listen for the browser's answer on this computer.",
                detail=f"bind {self.host}:0: {exc}",
            ) from exc
        self._server = server
        port = server.server_address[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self._redirect_uri = f"http://{host}:{port}{self.path}"
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name="wallet-loopback",
        )
        self._thread.start()
        log.info("Waiting for the authorization response on loopback port %d", port)
        return self._redirect_uri

    def wait(self, timeout: float | None) -> str | None:
        """The full redirect URL once it has arrived, or None when ``timeout`` passes first."""
        if not self._arrived.wait(timeout):
            return None
        return self._url

    def expect_state(self, state: str) -> None:
        """Accept only a redirect carrying this ``state`` (others get an error page)."""
        with self._lock:
            self._expected_state = state

    def set_callback(self, fn: Callable[[str], None]) -> None:
        """Call ``fn(url)`` on the server thread when the redirect arrives (at once if it has).

        "Has arrived" is what :meth:`wait` sees: the URL is recorded before the server thread has
        sent the page and notified, and ``fn`` then runs here, once (the server thread skips it).
        """
        with self._lock:
            self._callback = fn
            url = self._url
            if url is not None:
                self._notified = True
        if url is not None:
            fn(url)

    def _on_request(self, query: str) -> tuple[HTTPStatus, bytes]:
        """Record the first authorization response; later ones get the same page."""
        with self._lock:
            if self._page is not None:
                return HTTPStatus.OK, self._page
            params = parse_qs(query)
            if "code" not in params and "error" not in params:
                body = "<p>This page only receives the issuer's answer to the wallet.</p>"
                return HTTPStatus.BAD_REQUEST, _render(self.page_title, "Nothing to do", body)
            if self._expected_state is not None and params.get("state") != [self._expected_state]:
                # another page or process guessed our port: ignore it, keep waiting
                body = "<p>This answer does not belong to the sign-in the wallet started.</p>"
                return HTTPStatus.BAD_REQUEST, _render(self.page_title, "Not for this wallet", body)
            self._page = _result_page(self.page_title, query)
            self._url = f"{self.redirect_uri}?{query}"
            self._arrived.set()
        log.info("Authorization response received on the loopback redirect")
        return HTTPStatus.OK, self._page

    def _notify(self) -> None:
        with self._lock:
            if self._url is None or self._notified:
                return
            self._notified = True
            callback, url = self._callback, self._url
        if callback is not None:
            callback(url)

    def close(self) -> None:
        """Stop serving and release the port; safe to call more than once."""
        self._closed = True
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LoopbackReceiver:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
