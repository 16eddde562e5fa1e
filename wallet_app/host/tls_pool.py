"""A truststore context whose handshakes overlap (macOS, Windows: :mod:`wallet_app.host.tls`).

truststore runs each handshake of a context under that context's lock (it changes the context
around the handshake), so one context serialises a flow's parallel requests: measured on
loopback with a server 300 ms slow to answer the ClientHello, 3 parallel handshakes took
0.97 s with one truststore context and 0.31 s with the standard library's. :class:`PooledTrust`
lends each handshake a context of its own (made alike, kept for reuse), so they overlap again.
Its own module so that Linux, which never uses truststore, does not import it.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator

import truststore

__all__ = ["PooledTrust"]


class PooledTrust(truststore.SSLContext):
    """A truststore context that lends every handshake an idle sibling context.

    Siblings come from ``make`` (so they hold the same roots) and get the ALPN protocols last
    set here; one in use by a handshake is never lent to another. Only the client side the
    wallet uses is pooled (``wrap_socket``, ``wrap_bio``); the rest is this context's own.
    Raises what ``make`` raises (StorageError for an unreadable extra CA file), at once.
    """

    def __new__(cls, make: Callable[[], truststore.SSLContext]) -> PooledTrust:
        """``ssl.SSLContext.__new__`` takes the protocol: always a client context here."""
        del make
        made: PooledTrust = super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)
        return made

    def __init__(self, make: Callable[[], truststore.SSLContext]) -> None:
        super().__init__(ssl.PROTOCOL_TLS_CLIENT)
        self._make = make
        self._idle: list[truststore.SSLContext] = [make()]  # fails here, not at first use
        self._pool_lock = threading.Lock()
        self._alpn: list[str] | None = None

    @property
    def kept(self) -> int:
        """Idle siblings kept for the next handshakes (as many as ran at once, at most)."""
        with self._pool_lock:
            return len(self._idle)

    def set_alpn_protocols(self, alpn_protocols: Iterable[str]) -> None:
        """Remembered for every sibling (httpcore sets them before each connection)."""
        with self._pool_lock:
            self._alpn = list(alpn_protocols)

    @contextlib.contextmanager
    def _sibling(self) -> Iterator[truststore.SSLContext]:
        with self._pool_lock:
            ctx = self._idle.pop() if self._idle else None
            alpn = self._alpn
        if ctx is None:
            ctx = self._make()
        if alpn is not None:
            ctx.set_alpn_protocols(alpn)
        try:
            yield ctx
        finally:
            with self._pool_lock:
                self._idle.append(ctx)

    def wrap_socket(
        self,
        sock: socket.socket,
        server_side: bool = False,
        do_handshake_on_connect: bool = True,
        suppress_ragged_eofs: bool = True,
        server_hostname: str | None = None,
        session: ssl.SSLSession | None = None,
    ) -> ssl.SSLSocket:
        """Wrap (and by default handshake) with a sibling no other handshake holds."""
        with self._sibling() as ctx:
            return ctx.wrap_socket(
                sock,
                server_side=server_side,
                do_handshake_on_connect=do_handshake_on_connect,
                suppress_ragged_eofs=suppress_ragged_eofs,
                server_hostname=server_hostname,
                session=session,
            )

    def wrap_bio(
        self,
        incoming: ssl.MemoryBIO,
        outgoing: ssl.MemoryBIO,
        server_side: bool = False,
        server_hostname: str | None = None,
        session: ssl.SSLSession | None = None,
    ) -> ssl.SSLObject:
        """As :meth:`wrap_socket`, for TLS inside a TLS proxy tunnel (the handshake follows)."""
        with self._sibling() as ctx:
            return ctx.wrap_bio(
                incoming,
                outgoing,
                server_side=server_side,
                server_hostname=server_hostname,
                session=session,
            )
