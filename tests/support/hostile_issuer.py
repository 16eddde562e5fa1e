"""A hostile credential issuer for tests: the demo issuer on 127.0.0.1 behind a scriptable
front that breaks exactly one thing per case.

Every request reaches the real demo issuer (``wallet_app.demo_issuer``): its metadata, token,
nonce and credential responses are correct and its credentials verify. A *hook* per endpoint
then gets the request and the demo issuer's reply and returns what is really sent: the same
reply, another body, another status, bytes dripped one per second, a decompression bomb, an
endless body, raw bytes that are not HTTP, or nothing for a minute. Credentials are re-minted
with the demo issuer's own key and certificate chain (``credential_keys``), so a case breaks
only what it means to break.
"""

from __future__ import annotations

import contextlib
import io
import json
import ssl
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from wallet_app.demo_issuer import DemoConfig, DemoFaults
from wallet_app.demo_issuer.app import DemoIssuer, DemoOffer
from wallet_app.demo_issuer.minting import IssuerKeys

__all__ = [
    "ENDPOINTS",
    "Hook",
    "HostileIssuer",
    "Reply",
    "Seen",
    "bomb",
    "endpoint_of",
    "json_hook",
]

#: the endpoint names hooks are keyed by (``endpoint_of``)
ENDPOINTS = (
    "metadata",
    "as_metadata",
    "jwt_vc_issuer",
    "token",
    "nonce",
    "credential",
    "deferred",
    "notification",
    "status",
    "offer",
    "type_metadata",
    "other",
)


def endpoint_of(path: str) -> str:
    """The endpoint a request path is for (one of ``ENDPOINTS``). Raises nothing."""
    if path.startswith("/.well-known/openid-credential-issuer"):
        return "metadata"
    if path.startswith("/.well-known/oauth-authorization-server"):
        return "as_metadata"
    if path.startswith("/.well-known/jwt-vc-issuer"):
        return "jwt_vc_issuer"
    if path.startswith("/offers/"):
        return "offer"
    if path.startswith("/status"):
        return "status"
    if path.startswith(("/type", "/vct")) or "type-metadata" in path:
        return "type_metadata"
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if last in ("token", "nonce", "credential", "deferred", "notification"):
        return last
    return "other"


@dataclass(frozen=True, slots=True)
class Seen:
    """One request the hostile issuer received."""

    method: str
    path: str
    endpoint: str
    headers: Mapping[str, str]
    body: bytes
    tls: bool = False


@dataclass(frozen=True, slots=True)
class Reply:
    """What is sent back. ``raw``: bytes written as they are, no HTTP framing; ``delay``:
    seconds of silence first (ended early when the server stops); ``drip``: seconds between
    single body bytes; ``endless``: a chunked body of ``body`` repeated until the client goes;
    ``length``: the Content-Length claimed (default: the body's)."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    raw: bytes | None = None
    delay: float = 0.0
    drip: float = 0.0
    endless: bool = False
    length: int | None = None

    def json(self) -> Any:
        """The body as JSON. Raises ValueError when it is not JSON."""
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        """The first header ``name`` (case-insensitive), or None. Raises nothing."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def with_body(self, body: bytes, content_type: str | None = None, **changes: Any) -> Reply:
        """This reply with another body (and content type). Raises nothing."""
        headers = tuple(
            (k, v)
            for k, v in self.headers
            if k.lower() != "content-length"
            and (content_type is None or k.lower() != "content-type")
        )
        if content_type is not None:
            headers = (*headers, ("Content-Type", content_type))
        return replace(self, body=body, headers=headers, **changes)

    def with_json(self, value: object, **changes: Any) -> Reply:
        """This reply with ``value`` as its JSON body (``\\uXXXX`` escapes for what is not
        ASCII, so lone surrogates travel as the escapes a hostile issuer would send)."""
        return self.with_body(json.dumps(value).encode("ascii"), "application/json", **changes)


#: (request, the demo issuer's reply, the hostile issuer) -> what is really sent
Hook = Callable[[Seen, Reply, "HostileIssuer"], Reply]


def json_hook(change: Callable[[Any, HostileIssuer], object], *, status: int | None = None) -> Hook:
    """A hook that rewrites the JSON body of a successful reply: ``change(document, issuer)``
    returns the new document (or changes it in place and returns None)."""

    def hook(seen: Seen, reply: Reply, issuer: HostileIssuer) -> Reply:
        if reply.status >= 300:
            return reply
        document = reply.json()
        changed = change(document, issuer)
        new = document if changed is None else changed
        return reply.with_json(new, status=reply.status if status is None else status)

    return hook


def bomb(encoding: str, size: int = 128 * 1024 * 1024) -> bytes:
    """``size`` bytes of spaces compressed with ``encoding`` ("gzip" or "deflate", RFC 9110
    §8.4.1) at level 9: about a thousandth of its size, so one 64 KiB read inflates to about
    64 MiB. Raises ValueError for another encoding."""
    wbits = {"gzip": 31, "deflate": 15}.get(encoding)
    if wbits is None:
        raise ValueError(f"unknown encoding {encoding!r}")
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = b" " * (1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join([*parts, compressor.flush()])


@dataclass
class _Shared:
    demo: DemoIssuer | None = None
    hooks: dict[str, Hook] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)
    owner: HostileIssuer | None = None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read the wallet's output, not the server's log."""

    def _serve(self) -> None:
        shared = self.server.shared
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        headers = {k.lower(): v for k, v in self.headers.items()}
        tls = isinstance(self.connection, ssl.SSLSocket)
        seen = Seen(self.command, path, endpoint_of(path), headers, body, tls)
        with shared.lock:
            shared.seen.append(seen)
        assert shared.demo is not None and shared.owner is not None
        upstream = _call_wsgi(shared.demo, self, path, query, body)
        hook = shared.hooks.get(seen.endpoint)
        try:
            reply = hook(seen, upstream, shared.owner) if hook is not None else upstream
        except Exception as exc:  # a broken case, not a wallet failure: the test reports it
            with shared.lock:
                shared.errors.append(f"hook for {seen.endpoint} failed: {exc!r}")
            reply = Reply(599, (("Content-Type", "text/plain"),), b"hostile hook failed")
        self.close_connection = True
        with contextlib.suppress(OSError):  # the wallet gave up: what many cases want
            self._write(reply, shared.stopping)

    def _write(self, reply: Reply, stopping: threading.Event) -> None:
        if reply.delay > 0 and stopping.wait(reply.delay):
            return
        if reply.raw is not None:
            self.wfile.write(reply.raw)
            self.wfile.flush()
            return
        self.send_response_only(reply.status)
        for name, value in reply.headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Connection", "close")
        if reply.endless:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"%x\r\n%s\r\n" % (len(reply.body), reply.body)
            while not stopping.is_set():
                self.wfile.write(chunk)
            return
        length = len(reply.body) if reply.length is None else reply.length
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if reply.drip <= 0:
            self.wfile.write(reply.body)
            return
        self.wfile.flush()
        for position in range(len(reply.body)):
            self.wfile.write(reply.body[position : position + 1])
            self.wfile.flush()
            if stopping.wait(reply.drip):
                return


def _call_wsgi(
    demo: DemoIssuer, handler: BaseHTTPRequestHandler, path: str, query: str, body: bytes
) -> Reply:
    host, port = handler.server.server_address[:2]
    environ: dict[str, Any] = {
        "REQUEST_METHOD": handler.command,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": str(host),
        "SERVER_PORT": str(port),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": handler.headers.get("Content-Type", ""),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "https" if isinstance(handler.connection, ssl.SSLSocket) else "http",
    }
    for name, value in handler.headers.items():
        key = "HTTP_" + name.upper().replace("-", "_")
        if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
            environ[key] = value
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started.extend([status, headers])
        return lambda _data: None

    chunks: Iterable[bytes] = demo(environ, start_response)
    data = b"".join(chunks)
    status_text, headers = started
    return Reply(int(status_text.split()[0]), tuple(headers), data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    shared: _Shared

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a wallet hanging up mid-reply is an expected outcome here."""


class HostileIssuer:
    """The demo issuer behind per-endpoint hooks, on 127.0.0.1 (HTTPS with ``ssl_context``).

    ``hooks`` maps endpoint names (``ENDPOINTS``) to hooks; endpoints without one answer as
    the demo issuer does. ``plain_twin``: the same issuer also on plain HTTP at
    ``twin_port`` (a downgrade target that answers correctly). Use as a context manager or
    call ``stop``. Raises OSError when no port can be bound.
    """

    def __init__(
        self,
        hooks: Mapping[str, Hook] | None = None,
        *,
        config: DemoConfig | None = None,
        faults: DemoFaults | None = None,
        ssl_context: ssl.SSLContext | None = None,
        host_name: str = "127.0.0.1",
        plain_twin: bool = False,
    ) -> None:
        unknown = set(hooks or {}) - set(ENDPOINTS)
        if unknown:
            raise ValueError(f"unknown endpoints {sorted(unknown)}")
        self._shared = _Shared(hooks=dict(hooks or {}))
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.shared = self._shared
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(self._server.socket, server_side=True)
        self.port: int = self._server.server_address[1]
        scheme = "https" if ssl_context is not None else "http"
        self.base_url = f"{scheme}://{host_name}:{self.port}"
        self.demo = DemoIssuer(self.base_url, config or DemoConfig(batch_size=None), faults)
        self._shared.demo = self.demo
        self._shared.owner = self
        self._servers = [self._server]
        if plain_twin:
            twin = _Server(("127.0.0.1", 0), _Handler)
            twin.shared = self._shared
            self._servers.append(twin)
        self.twin_port: int | None = self._servers[-1].server_address[1] if plain_twin else None
        self._threads = [
            threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            for s in self._servers
        ]
        for thread in self._threads:
            thread.start()

    @property
    def keys(self) -> IssuerKeys:
        """The key and chain the demo issuer signs credentials with. Raises nothing."""
        return self.demo._state.credential_keys()

    @property
    def now(self) -> float:
        """The demo issuer's clock. Raises nothing."""
        return self.demo._state.now()

    def offer(self, configuration_ids: Sequence[str], **kw: Any) -> DemoOffer:
        """A pre-authorized offer of the demo issuer (``DemoIssuer.create_offer``)."""
        return self.demo.create_offer(configuration_ids, **kw)

    def seen(self, endpoint: str | None = None) -> list[Seen]:
        """The requests received so far (for ``endpoint`` only, when given). Raises nothing."""
        with self._shared.lock:
            return [s for s in self._shared.seen if endpoint is None or s.endpoint == endpoint]

    def errors(self) -> list[str]:
        """Hooks that raised (a broken case): each answered 599. Raises nothing."""
        with self._shared.lock:
            return list(self._shared.errors)

    def stop(self) -> None:
        """Stop serving; hanging and dripping replies end. Idempotent; raises nothing."""
        if self._shared.stopping.is_set():
            return
        self._shared.stopping.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> HostileIssuer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
