"""The single-instance channel over a ``multiprocessing.connection`` pipe, authenticated by a key.

Why: on Windows the channel is a named pipe ``\\\\.\\pipe\\<name>``. Pipe names are global, so
another local user can create ours first (a squatter) and would receive every forwarded link,
including offers whose pre-authorized code is a bearer secret; nor can a pipe say who serves it.
So both ends prove they hold a random 256-bit key that the primary writes, when it starts, into
a file in the user's private channel folder (mode 0600; on Windows the folder is in the user's
profile, which only they can read). Each start writes a new key; close removes it.

The same code runs on POSIX with family ``"AF_UNIX"`` (a unix socket standing in for the pipe),
which is how the tests exercise it on Linux. The POSIX production path is the plain socket in
:mod:`wallet_app.host.single_instance`, where the kernel already authenticates both ends (a 0700
folder, ``SO_PEERCRED``), so it needs no key.

Handshake, role-bound HMAC-SHA256, every read bounded by a timeout::

    C→S  MAGIC + nc                              (nc, ns: 32 random bytes each)
    S→C  ns + HMAC(key, "server" + nc + ns)      the client checks it before sending anything
    C→S  HMAC(key, "client" + ns + nc)           the server checks it before reading the request
    C→S  request line;   S→C  reply line         (wire format: instance_wire)

Not ``Listener/Client(authkey=…)``: their challenge is the same in both directions (a party that
talks to both ends can relay one side's answer to the other), they block without a timeout (a
silent peer would hang the forwarder or the accept loop), and on Python 3.11 they use HMAC-MD5
and ``assert`` on malformed input.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable
from typing import Literal, Protocol

from wallet_app.host.instance_wire import MAX_MESSAGE, TOO_LARGE, ChannelError

__all__ = [
    "KEY_BYTES",
    "Family",
    "PipeServer",
    "client_handshake",
    "pipe_address",
    "pipe_exchange",
    "read_key",
    "remove_key",
    "server_handshake",
    "write_key",
]

log = logging.getLogger(__name__)

Family = Literal["AF_PIPE", "AF_UNIX"]
KEY_BYTES = 32
MAGIC = b"wallet-app-channel/1\n"
_NONCE = 32
_MAC = hashlib.sha256().digest_size


class _Conn(Protocol):
    """What we use of ``multiprocessing.connection.Connection`` / ``PipeConnection``."""

    def send_bytes(self, buf: bytes) -> None: ...
    def recv_bytes(self, maxlength: int | None = None) -> bytes: ...
    def poll(self, timeout: float | None = 0.0) -> bool: ...
    def close(self) -> None: ...


# --- the key file --------------------------------------------------------------------------


def write_key(path: str) -> bytes:
    """Write a fresh random key to ``path`` (owner-only, atomic replace); return it.

    Raises OSError when the file cannot be written.
    """
    key = secrets.token_bytes(KEY_BYTES)
    tmp = f"{path}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, key.hex().encode("ascii"))
    finally:
        os.close(fd)
    for attempt in range(50):
        try:
            os.replace(tmp, path)
            break
        except PermissionError:  # Windows: a forwarder is reading the old key right now
            if attempt == 49:
                os.unlink(tmp)
                raise
            time.sleep(0.01)
    return key


def read_key(path: str) -> bytes | None:
    """The key in ``path``; None when there is none (no primary) or it is malformed."""
    try:
        with open(path, "rb") as f:
            text = f.read(2 * KEY_BYTES + 1)
    except FileNotFoundError:
        return None
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


def remove_key(path: str) -> None:
    """Remove the key file (the primary is closing); never raises."""
    with contextlib.suppress(OSError):
        os.unlink(path)


# --- the handshake -------------------------------------------------------------------------


def _mac(key: bytes, role: bytes, first: bytes, second: bytes) -> bytes:
    return hmac.new(key, role + b"\0" + first + second, hashlib.sha256).digest()


def _recv(conn: _Conn, maxlength: int, deadline: float) -> bytes:
    """One message, waiting at most until ``deadline``; raises TimeoutError, EOFError, OSError."""
    if not conn.poll(max(deadline - time.monotonic(), 0.0)):
        raise TimeoutError("the other end did not answer")
    return conn.recv_bytes(maxlength)


def server_handshake(conn: _Conn, key: bytes, timeout: float) -> bool:
    """Prove the key to a client and check its proof; False (logged) when it does not hold it.

    Raises OSError, EOFError or TimeoutError when the connection fails.
    """
    deadline = time.monotonic() + timeout
    hello = _recv(conn, len(MAGIC) + _NONCE, deadline)
    if len(hello) != len(MAGIC) + _NONCE or not hello.startswith(MAGIC):
        log.warning("Refused a connection on the single-instance channel: not a wallet")
        return False
    client_nonce = hello[len(MAGIC) :]
    nonce = secrets.token_bytes(_NONCE)
    conn.send_bytes(nonce + _mac(key, b"server", client_nonce, nonce))
    proof = _recv(conn, _MAC, deadline)
    if not hmac.compare_digest(proof, _mac(key, b"client", nonce, client_nonce)):
        log.warning("Refused a connection on the single-instance channel: wrong key")
        return False
    return True


def client_handshake(conn: _Conn, key: bytes, timeout: float) -> None:
    """Check that the server holds the key, then prove it ourselves.

    Raises ChannelError when the server does not hold the key (nothing else is sent then);
    OSError, EOFError or TimeoutError when the connection fails.
    """
    deadline = time.monotonic() + timeout
    nonce = secrets.token_bytes(_NONCE)
    conn.send_bytes(MAGIC + nonce)
    answer = _recv(conn, _NONCE + _MAC, deadline)
    server_nonce, server_mac = answer[:_NONCE], answer[_NONCE:]
    if len(answer) != _NONCE + _MAC or not hmac.compare_digest(
        server_mac, _mac(key, b"server", nonce, server_nonce)
    ):
        raise ChannelError(
            "Another program answered in place of the running wallet, so the link was not "
            "handed over. Close other wallet windows and try again.",
            detail="the channel's server does not hold this user's key",
        )
    conn.send_bytes(_mac(key, b"client", server_nonce, nonce))


# --- both ends -----------------------------------------------------------------------------


class PipeServer:
    """Accepts connections on ``address`` on a daemon thread; ``handle(line) -> reply``.

    Only clients that hold ``key`` reach ``handle``. Raises OSError from the constructor when
    the address cannot be taken (on Windows: another process already created the pipe).
    """

    def __init__(
        self,
        address: str,
        family: Family,
        key: bytes,
        handle: Callable[[bytes], bytes],
        peer_timeout: Callable[[], float],
    ) -> None:
        from multiprocessing.connection import Listener

        self.address = address
        self._family: Family = family
        self._key = key
        self._handle = handle
        self._peer_timeout = peer_timeout
        self._stop = threading.Event()
        self._listener = Listener(address, family=family, backlog=16)
        if family == "AF_UNIX":
            os.chmod(address, 0o600)
        self._thread = threading.Thread(target=self._serve, name="wallet-single-instance")
        self._thread.daemon = True
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn = self._listener.accept()
            except OSError:
                if self._stop.is_set():
                    return
                continue
            with conn:
                if not self._stop.is_set():
                    self._serve_one(conn)

    def _serve_one(self, conn: _Conn) -> None:
        try:
            if not server_handshake(conn, self._key, self._peer_timeout()):
                return
            try:
                line = _recv(conn, MAX_MESSAGE + 1, time.monotonic() + self._peer_timeout())
            except OSError as exc:  # "bad message length": larger than MAX_MESSAGE
                if isinstance(exc, TimeoutError):
                    raise
                conn.send_bytes(TOO_LARGE)
                return
            conn.send_bytes(self._handle(line.rstrip(b"\n")))
        except (OSError, EOFError) as exc:
            log.debug("Single-instance connection failed: %s", exc.__class__.__name__)

    def close(self) -> None:
        """Stop accepting and join the thread; safe to call twice."""
        if self._stop.is_set():
            return
        self._stop.set()
        from multiprocessing.connection import Client

        with contextlib.suppress(OSError), Client(self.address, family=self._family):
            pass  # wakes the blocking accept()
        self._thread.join(timeout=5)
        self._listener.close()


def pipe_exchange(
    address: str, family: Family, key: bytes, request: bytes, timeout: float
) -> bytes | None:
    """Authenticate, send one request line and read one reply line (None when too large).

    Raises FileNotFoundError/ConnectionRefusedError when nobody listens; ChannelError when the
    server does not hold the key; OSError, EOFError or TimeoutError when the exchange fails.
    """
    from multiprocessing.connection import Client

    with Client(address, family=family) as conn:
        deadline = time.monotonic() + timeout
        client_handshake(conn, key, timeout)
        conn.send_bytes(request)
        try:
            reply = _recv(conn, MAX_MESSAGE + 1, deadline)
        except OSError as exc:
            if isinstance(exc, TimeoutError):
                raise
            return None
        return reply.rstrip(b"\n")


def pipe_address(name: str, runtime_dir: str) -> tuple[str, Family]:
    """Where channel ``name`` listens: a named pipe on Windows, else a socket in ``runtime_dir``."""
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}", "AF_PIPE"
    return os.path.join(runtime_dir, f"{name}.pipe"), "AF_UNIX"
