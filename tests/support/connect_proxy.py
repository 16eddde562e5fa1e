"""A real HTTP CONNECT proxy on 127.0.0.1 for tests (threads and sockets, no fakes).

It tunnels every ``CONNECT host:port`` to 127.0.0.1:port whatever host it names, so a test can
address an issuer by a name that resolves nowhere: the client never resolves a proxied name
itself, the proxy does (here: always to loopback). Each request line is logged; with ``auth``
set, a CONNECT without that ``Proxy-Authorization`` gets 407. Anything but CONNECT gets 501.
"""

from __future__ import annotations

import base64
import selectors
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ConnectProxy", "connect_proxy", "dead_proxy_url"]


class ConnectProxy:
    """A threaded CONNECT proxy; ``url`` to use it, ``log`` of request lines, ``close()``."""

    def __init__(self, *, auth: tuple[str, str] | None = None) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._auth = (
            "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode() if auth else None
        )
        self._lock = threading.Lock()
        self._log: list[str] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)
        self._accepter.start()

    @property
    def log(self) -> list[str]:
        """The request lines received so far (``CONNECT host:port HTTP/1.1`` …)."""
        with self._lock:
            return list(self._log)

    def close(self) -> None:
        """Stop accepting, end every tunnel, wait for the threads."""
        self._stop.set()
        self._accepter.join(5)
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        with client:
            client.settimeout(5)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                try:
                    chunk = client.recv(4096)
                except OSError:
                    return
                if not chunk:
                    return
                head += chunk
            lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            with self._lock:
                self._log.append(lines[0])
            method, target, *_ = [*lines[0].split(" "), "", ""]
            if method != "CONNECT":
                client.sendall(b"HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n")
                return
            headers = {
                k.strip().lower(): v.strip()
                for k, _, v in (line.partition(":") for line in lines[1:])
            }
            if self._auth is not None and headers.get("proxy-authorization") != self._auth:
                client.sendall(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                    b'Proxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n'
                )
                return
            port = int(target.rpartition(":")[2])
            try:
                upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            with upstream:
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self._relay(client, upstream)

    def _relay(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        with selectors.DefaultSelector() as sel:
            sel.register(a, selectors.EVENT_READ)
            sel.register(b, selectors.EVENT_READ)
            while not self._stop.is_set():
                for key, _ in sel.select(timeout=0.2):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(65536)
                        if data:
                            peers[source].sendall(data)
                            continue
                    except OSError:
                        pass
                    return


@contextmanager
def connect_proxy(*, auth: tuple[str, str] | None = None) -> Iterator[ConnectProxy]:
    """A running :class:`ConnectProxy`, closed afterwards."""
    proxy = ConnectProxy(auth=auth)
    try:
        yield proxy
    finally:
        proxy.close()


def dead_proxy_url() -> str:
    """``http://127.0.0.1:<port>`` where nothing listens (the port was free a moment ago)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
