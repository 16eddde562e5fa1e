"""Per-user single-instance channel: the first wallet process listens, later ones hand over URIs.

The OS starts a new ``wallet-app <uri>`` process for every link it routes to us (an offer, or
the OAuth redirect on our private-use scheme, RFC 8252 §7.1). That process calls
:func:`forward_uris`; if a primary (the GUI, or a headless ``receive``) is listening it gets the
URIs and the forwarder exits. Protocol notes §4.5.

Election is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows), so a crashed
primary frees it automatically; only the lock holder may remove a stale socket file. The
transport ("socket") is an ``AF_UNIX`` stream socket in a private per-user directory, where the
kernel authenticates both ends (0700 folder, ``SO_PEERCRED``). On Windows it is a named pipe
("pipe"), which anyone may create first, so both ends prove a per-start key
(:mod:`wallet_app.host.instance_pipe`); tests run that transport on Linux over a unix socket.
No Qt: the headless CLI and the GUI share this module, and forwarding must be fast.

The wire format is in :mod:`wallet_app.host.instance_wire`, the channel's folder and the
election lock in :mod:`wallet_app.host.instance_lock`.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import selectors
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from wallet_app.errors import UsageError
from wallet_app.host.instance_lock import (
    acquire_lock,
    channel_dir,
    channel_paths,
    lock_is_held,
    safe_name,
    unlock,
)
from wallet_app.host.instance_wire import (
    MAX_MESSAGE,
    PROTOCOL_VERSION,
    TOO_LARGE,
    ChannelError,
    Delivery,
    drain,
    encode,
    parse_reply,
    parse_request,
    read_line,
)

if TYPE_CHECKING:
    from wallet_app.host.instance_pipe import PipeServer

__all__ = [
    "AlreadyRunning",
    "Delivery",
    "InstanceServer",
    "default_channel_name",
    "forward_uris",
]

log = logging.getLogger(__name__)

_PEER_TIMEOUT = 2.0  # how long the server waits for one forwarder to send its line
_RETRY_PAUSE = 0.02

OnUris = Callable[[tuple[str, ...]], tuple[bool, "str | None"]]
#: "socket": AF_UNIX + SO_PEERCRED (POSIX); "pipe": a key-authenticated named pipe (Windows)
Transport = Literal["socket", "pipe"]


def _transport(choice: Transport | None) -> Transport:
    return choice or ("pipe" if sys.platform == "win32" else "socket")


def _key_path(lock_path: str) -> str:
    return lock_path.removesuffix(".lock") + ".key"


class AlreadyRunning(Exception):
    """Another live wallet process is already the primary for this channel."""


def default_channel_name() -> str:
    """The per-user channel name; ``WALLET_APP_INSTANCE`` overrides it (tests use unique names)."""
    override = os.environ.get("WALLET_APP_INSTANCE")
    if override:
        return safe_name(override)
    if sys.platform == "win32":
        user = getpass.getuser()
    else:
        user = str(os.getuid())
    return safe_name(f"io.github.walletapp-{user}")


def _answer(line: bytes, on_uris: OnUris) -> bytes:
    """Run one request line through ``on_uris``; never raises (the accept loop must survive)."""
    uris = parse_request(line)
    if uris is None:
        log.warning("Ignored a malformed message on the single-instance channel")
        return encode({"accepted": False, "message": "Malformed request."})
    log.info("Received %d URI(s) from another wallet process", len(uris))
    try:
        accepted, message = on_uris(uris)
    except Exception:  # a failing handler must not take the channel down
        log.exception("Handling forwarded URIs failed")
        return encode({"accepted": False, "message": "The wallet could not handle this link."})
    text = message if isinstance(message, str) else None
    return encode({"accepted": accepted is True, "message": text})


def _peer_uid_ok(sock: socket.socket) -> bool:
    """Linux SO_PEERCRED: the other end runs as our user (True where it cannot be checked)."""
    opt = getattr(socket, "SO_PEERCRED", None)
    if sys.platform == "win32" or opt is None:
        return True
    else:
        fmt = "3i"  # struct ucred: pid, uid, gid
        try:
            _pid, uid, _gid = struct.unpack(
                fmt, sock.getsockopt(socket.SOL_SOCKET, opt, struct.calcsize(fmt))
            )
        except OSError:
            return True
        return bool(uid == os.getuid())


# --- primary -------------------------------------------------------------------------------


class InstanceServer:
    """The primary's end of the channel: receives forwarded URIs on a daemon thread.

    ``on_uris`` runs on that thread, one delivery at a time, and returns ``(accepted, message)``,
    which is sent back to the forwarder. ``address`` is the socket path (pipe name on Windows),
    set by :meth:`start`. ``transport`` defaults to the platform's (see the module docstring).
    """

    def __init__(
        self, on_uris: OnUris, *, name: str | None = None, transport: Transport | None = None
    ) -> None:
        self._on_uris = on_uris
        self._name = safe_name(name) if name else default_channel_name()
        self._transport = _transport(transport)
        self._pipe: PipeServer | None = None
        self.address = ""
        self._lock_path = ""
        self._lock_fd: int | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._wake: tuple[socket.socket, socket.socket] | None = None

    def __enter__(self) -> InstanceServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Become the primary and listen.

        Raises AlreadyRunning if a live primary holds the lock; WalletError if the channel
        cannot be set up (unsafe runtime folder, socket error).
        """
        if self._lock_fd is not None:
            return
        try:
            runtime = channel_dir(create=True)
            if runtime is None:
                raise FileNotFoundError("runtime folder vanished")
            self.address, self._lock_path = channel_paths(self._name, runtime)
            self._lock_fd = acquire_lock(self._lock_path)
        except OSError as exc:
            raise ChannelError(_SETUP_FAILED, detail=str(exc)) from exc
        if self._lock_fd is None:
            raise AlreadyRunning(self._name)
        self._stop.clear()
        try:
            self._listen()
        except OSError as exc:
            self.close()
            raise ChannelError(_SETUP_FAILED, detail=str(exc)) from exc
        log.info("Listening for links from other wallet processes")

    def _listen(self) -> None:
        if self._transport == "pipe":
            self._listen_pipe()
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.address)  # stale: we hold the lock, so no live primary owns it
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._listener = listener
            listener.bind(self.address)
            os.chmod(self.address, 0o600)
            listener.listen(16)
            self._wake = socket.socketpair()
            self._thread = threading.Thread(target=self._serve_unix, args=(listener, self._wake[0]))
            self._thread.name = "wallet-single-instance"
            self._thread.daemon = True
            self._thread.start()

    def _listen_pipe(self) -> None:
        from wallet_app.host.instance_pipe import PipeServer, pipe_address, write_key

        address, family = pipe_address(self._name, os.path.dirname(self._lock_path))
        if family == "AF_UNIX":
            with contextlib.suppress(FileNotFoundError):
                os.unlink(address)  # stale: we hold the lock, so no live primary owns it
        key = write_key(_key_path(self._lock_path))  # a new key for every primary
        self.address = address
        on_uris = self._on_uris
        self._pipe = PipeServer(
            address, family, key, lambda line: _answer(line, on_uris), lambda: _PEER_TIMEOUT
        )

    def _serve_unix(self, listener: socket.socket, wake: socket.socket) -> None:
        with selectors.DefaultSelector() as sel:
            sel.register(listener, selectors.EVENT_READ)
            sel.register(wake, selectors.EVENT_READ)
            while not self._stop.is_set():
                for key, _ in sel.select():
                    if key.fileobj is wake or self._stop.is_set():
                        return
                    try:
                        conn, _addr = listener.accept()
                    except OSError:
                        continue
                    with conn:
                        self._serve_one(conn)

    def _serve_one(self, conn: socket.socket) -> None:
        try:
            if not _peer_uid_ok(conn):
                log.warning("Refused a connection from another user on the single-instance channel")
                return
            conn.settimeout(_PEER_TIMEOUT)
            line = read_line(conn.recv)
            conn.sendall(TOO_LARGE if line is None else _answer(line, self._on_uris))
            if line is None:
                drain(conn)
        except OSError as exc:
            log.debug("Single-instance connection failed: %s", exc.__class__.__name__)

    def close(self) -> None:
        """Stop listening, remove the socket and release the lock; safe to call twice."""
        self._stop.set()
        if self._wake is not None:
            with contextlib.suppress(OSError):
                self._wake[1].send(b"x")
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(OSError):
                os.unlink(self.address)
        if self._wake is not None:
            for end in self._wake:
                end.close()
            self._wake = None
        if self._lock_fd is not None:
            if self._transport == "pipe":
                from wallet_app.host.instance_pipe import remove_key

                remove_key(_key_path(self._lock_path))
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path)  # while still holding it; see acquire_lock
            with contextlib.suppress(OSError):
                unlock(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None


_SETUP_FAILED = "The wallet could not set up its link with other wallet windows."


# --- forwarder -----------------------------------------------------------------------------


def forward_uris(
    uris: Sequence[str],
    *,
    name: str | None = None,
    timeout: float = 2.0,
    transport: Transport | None = None,
) -> Delivery | None:
    """Hand ``uris`` to the running primary and return its answer; None if no primary runs.

    While the lock is held but the primary is not listening yet, retries for up to ``timeout``.
    Raises UsageError if the URIs exceed 64 KiB; WalletError if a primary holds the lock but does
    not answer in time, the channel's folder is unsafe, or (pipe) the other end does not hold
    the key.
    """
    payload = tuple(uris)
    request = encode({"v": PROTOCOL_VERSION, "uris": list(payload)})
    if len(request) > MAX_MESSAGE:
        raise UsageError(
            "These links are too long to hand over to the running wallet.",
            detail=f"{len(request)} bytes, limit {MAX_MESSAGE}",
        )
    channel = safe_name(name) if name else default_channel_name()
    try:
        runtime = channel_dir(create=False)
    except OSError as exc:
        raise ChannelError(detail=str(exc)) from exc
    if runtime is None:
        return None
    address, lock_path = channel_paths(channel, runtime)
    if _transport(transport) == "pipe":
        return _forward_pipe(channel, lock_path, request, payload, timeout)
    deadline = time.monotonic() + timeout
    while True:
        remaining = max(deadline - time.monotonic(), 0.05)
        try:
            reply = _exchange(address, request, remaining)
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            if not lock_is_held(lock_path):
                return None
            if time.monotonic() >= deadline:
                raise ChannelError(detail="primary holds the lock but is not listening") from exc
            time.sleep(_RETRY_PAUSE)
            continue
        except OSError as exc:
            raise ChannelError(detail=f"{exc.__class__.__name__}: {exc}") from exc
        if reply is None:
            raise ChannelError(detail="reply too large")
        return _delivered(reply, payload)


def _forward_pipe(
    channel: str, lock_path: str, request: bytes, payload: tuple[str, ...], timeout: float
) -> Delivery | None:
    """forward_uris over the key-authenticated pipe. Only while our own primary holds the lock
    is anything sent (a squatter on the pipe name gets nothing then), and only after the
    server has proved the key."""
    from wallet_app.host.instance_pipe import pipe_address, pipe_exchange, read_key

    address, family = pipe_address(channel, os.path.dirname(lock_path))
    deadline = time.monotonic() + timeout
    while True:
        if not lock_is_held(lock_path):
            return None
        key = read_key(_key_path(lock_path))
        remaining = max(deadline - time.monotonic(), 0.05)
        try:
            if key is None:  # the primary is starting: it writes the key, then listens
                raise FileNotFoundError("no key yet")
            reply = pipe_exchange(address, family, key, request, remaining)
        except ChannelError:  # the server did not prove the key
            if read_key(_key_path(lock_path)) not in (key, None) and time.monotonic() < deadline:
                continue  # a new primary rotated the key between our read and its answer
            raise
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            if time.monotonic() >= deadline:
                raise ChannelError(detail="primary holds the lock but is not listening") from exc
            time.sleep(_RETRY_PAUSE)
            continue
        except (OSError, EOFError) as exc:
            raise ChannelError(detail=f"{exc.__class__.__name__}: {exc}") from exc
        if reply is None:
            raise ChannelError(detail="reply too large")
        return _delivered(reply, payload)


def _delivered(reply: bytes, payload: tuple[str, ...]) -> Delivery:
    delivery = parse_reply(reply, payload)
    log.info(
        "Handed %d URI(s) to the running wallet (accepted: %s)", len(payload), delivery.accepted
    )
    return delivery


def _exchange(address: str, request: bytes, timeout: float) -> bytes | None:
    """Send one request line and read one reply line (None when it is too large)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(address)
        if not _peer_uid_ok(sock):
            raise PermissionError("the channel's socket belongs to another user")
        sock.sendall(request)
        return read_line(sock.recv)
