"""Per-user single-instance channel: the first wallet process listens, later ones hand over URIs.

The OS starts a new ``wallet-app <uri>`` process for every link it routes to us (an offer, or
the OAuth redirect on our private-use scheme, RFC 8252 §7.1). That process calls
:func:`forward_uris`; if a primary (the GUI, or a headless ``receive``) is listening it gets the
URIs and the forwarder exits. Protocol notes §4.5.

Election is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows), so a crashed
primary frees it automatically; only the lock holder may remove a stale socket file. The
transport is an ``AF_UNIX`` stream socket in a private per-user directory (a named pipe on
Windows). No Qt: the headless CLI and the GUI share this module, and forwarding must be fast.

Wire format, both ways one UTF-8 JSON line of at most 64 KiB:
request ``{"v": 1, "uris": [...]}``, reply ``{"accepted": bool, "message": str | null}``.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import re
import selectors
import socket
import stat
import struct
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType

from wallet_app.errors import UsageError, WalletError

if sys.platform == "win32":
    import msvcrt
    from multiprocessing.connection import Client, Connection, Listener, PipeConnection
else:
    import fcntl

__all__ = [
    "AlreadyRunning",
    "Delivery",
    "InstanceServer",
    "default_channel_name",
    "forward_uris",
]

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024
_PROTOCOL_VERSION = 1
_PEER_TIMEOUT = 2.0  # how long the server waits for one forwarder to send its line
_RETRY_PAUSE = 0.02
_CHANNEL_ERROR = "single_instance"

OnUris = Callable[[tuple[str, ...]], tuple[bool, "str | None"]]


class AlreadyRunning(Exception):
    """Another live wallet process is already the primary for this channel."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """The primary's answer to forwarded URIs."""

    uris: tuple[str, ...]
    accepted: bool
    message: str | None


def default_channel_name() -> str:
    """The per-user channel name; ``WALLET_APP_INSTANCE`` overrides it (tests use unique names)."""
    override = os.environ.get("WALLET_APP_INSTANCE")
    if override:
        return _safe_name(override)
    if sys.platform == "win32":
        user = getpass.getuser()
    else:
        user = str(os.getuid())
    return _safe_name(f"io.github.walletapp-{user}")


def _safe_name(name: str) -> str:
    """Keep a channel name usable as one file or pipe name (no separators, bounded length)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80] or "_"


def _channel_error(message: str, detail: str) -> WalletError:
    return WalletError(message, detail=detail, code=_CHANNEL_ERROR)


# --- wire format ---------------------------------------------------------------------------


def _encode(obj: dict[str, object]) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode("utf-8") + b"\n"


def _parse_request(line: bytes) -> tuple[str, ...] | None:
    """The URIs of a well-formed request line, else None."""
    try:
        obj: object = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(obj, dict) or obj.get("v") != _PROTOCOL_VERSION:
        return None
    uris: object = obj.get("uris")
    if not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
        return None
    return tuple(str(u) for u in uris)


def _parse_reply(line: bytes, uris: tuple[str, ...]) -> Delivery:
    try:
        obj: object = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _channel_error(_NO_ANSWER, "malformed reply from the primary") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("accepted"), bool):
        raise _channel_error(_NO_ANSWER, "malformed reply from the primary")
    message: object = obj.get("message")
    return Delivery(uris, obj["accepted"] is True, message if isinstance(message, str) else None)


def _answer(line: bytes, on_uris: OnUris) -> bytes:
    """Run one request line through ``on_uris``; never raises (the accept loop must survive)."""
    uris = _parse_request(line)
    if uris is None:
        log.warning("Ignored a malformed message on the single-instance channel")
        return _encode({"accepted": False, "message": "Malformed request."})
    log.info("Received %d URI(s) from another wallet process", len(uris))
    try:
        accepted, message = on_uris(uris)
    except Exception:  # a failing handler must not take the channel down
        log.exception("Handling forwarded URIs failed")
        return _encode({"accepted": False, "message": "The wallet could not handle this link."})
    text = message if isinstance(message, str) else None
    return _encode({"accepted": accepted is True, "message": text})


def _read_line(recv: Callable[[int], bytes]) -> bytes | None:
    """Read up to one newline; None when the peer sends more than MAX_MESSAGE bytes."""
    buf = bytearray()
    while len(buf) <= MAX_MESSAGE:
        chunk = recv(min(65536, MAX_MESSAGE + 1 - len(buf)))
        if not chunk:
            break
        buf += chunk
        end = buf.find(b"\n")
        if end >= 0:
            return bytes(buf[:end]) if end <= MAX_MESSAGE else None
    return None if len(buf) > MAX_MESSAGE else bytes(buf)


def _drain(conn: socket.socket) -> None:
    """Discard what an oversized sender still sends (bounded), so that closing with unread
    data does not reset the connection before the peer has read our reply."""
    conn.shutdown(socket.SHUT_WR)
    conn.settimeout(0.5)
    for _ in range(64):
        if not conn.recv(65536):
            return


_TOO_LARGE = _encode({"accepted": False, "message": "Message too large."})
_NO_ANSWER = "The running wallet did not answer. Close it and try again."


# --- where the channel lives ---------------------------------------------------------------


def _runtime_dir(*, create: bool) -> str | None:
    """Private per-user directory for socket and lock; None if it does not exist (and not created).

    Raises WalletError when the fallback directory exists but is not ours alone.
    """
    if sys.platform == "win32":
        base = os.path.join(tempfile.gettempdir(), f"wallet-app-{_safe_name(getpass.getuser())}")
        if create:
            os.makedirs(base, exist_ok=True)
        return base if os.path.isdir(base) else None
    else:
        xdg = os.environ.get("XDG_RUNTIME_DIR")
        if xdg and _is_private_dir(xdg):
            return xdg
        base = os.path.join(tempfile.gettempdir(), f"wallet-app-{os.getuid()}")
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(base, 0o700)
        try:
            st = os.lstat(base)
        except FileNotFoundError:
            return None
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():  # lstat: no symlinks
            raise _channel_error(
                "The wallet cannot use its private folder for talking to other wallet windows.",
                f"{base} is not a directory owned by this user",
            )
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(base, 0o700)
        return base


def _is_private_dir(path: str) -> bool:
    if sys.platform == "win32":
        return False
    else:
        try:
            st = os.stat(path)
        except OSError:
            return False
        return (
            stat.S_ISDIR(st.st_mode)
            and st.st_uid == os.getuid()
            and not stat.S_IMODE(st.st_mode) & 0o077
        )


def _paths(name: str, runtime_dir: str) -> tuple[str, str]:
    """(address, lock file) of channel ``name``."""
    lock = os.path.join(runtime_dir, f"{name}.lock")
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}", lock
    else:
        return os.path.join(runtime_dir, f"{name}.sock"), lock


# --- election lock -------------------------------------------------------------------------


def _try_lock(fd: int, *, shared: bool = False) -> bool:
    try:
        if sys.platform == "win32":
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _acquire_lock(path: str) -> int | None:
    """An fd holding the exclusive lock on ``path``, or None if a live primary holds it.

    Retries briefly: a forwarder probing the lock holds it for microseconds.
    """
    deadline = time.monotonic() + 0.1
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if _try_lock(fd):
            # The previous primary unlinks its lock file on close; make sure we locked the
            # file that is at `path` now, not an unlinked one.
            if _same_file(fd, path):
                return fd
            os.close(fd)
            continue
        os.close(fd)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def _same_file(fd: int, path: str) -> bool:
    if sys.platform == "win32":
        return True  # Windows cannot unlink an open file; nothing to check
    else:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return False
        fst = os.fstat(fd)
        return (st.st_dev, st.st_ino) == (fst.st_dev, fst.st_ino)


def _lock_is_held(path: str) -> bool:
    """True while some process holds the election lock (probe with a shared lock)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


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
    set by :meth:`start`.
    """

    def __init__(self, on_uris: OnUris, *, name: str | None = None) -> None:
        self._on_uris = on_uris
        self._name = _safe_name(name) if name else default_channel_name()
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
            runtime = _runtime_dir(create=True)
            if runtime is None:
                raise FileNotFoundError("runtime folder vanished")
            self.address, self._lock_path = _paths(self._name, runtime)
            self._lock_fd = _acquire_lock(self._lock_path)
        except OSError as exc:
            raise _channel_error(_SETUP_FAILED, str(exc)) from exc
        if self._lock_fd is None:
            raise AlreadyRunning(self._name)
        self._stop.clear()
        try:
            self._listen()
        except OSError as exc:
            self.close()
            raise _channel_error(_SETUP_FAILED, str(exc)) from exc
        log.info("Listening for links from other wallet processes")

    def _listen(self) -> None:
        if sys.platform == "win32":
            self._thread = threading.Thread(
                target=self._serve_pipe, args=(Listener(self.address, family="AF_PIPE"),)
            )
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
            line = _read_line(conn.recv)
            conn.sendall(_TOO_LARGE if line is None else _answer(line, self._on_uris))
            if line is None:
                _drain(conn)
        except OSError as exc:
            log.debug("Single-instance connection failed: %s", exc.__class__.__name__)

    if sys.platform == "win32":

        def _serve_pipe(self, listener: Listener) -> None:
            with listener:
                while not self._stop.is_set():
                    try:
                        conn = listener.accept()
                    except OSError:
                        continue
                    with conn:
                        if not self._stop.is_set():
                            self._serve_pipe_one(conn)

        def _serve_pipe_one(self, conn: Connection | PipeConnection) -> None:
            try:
                line = conn.recv_bytes(MAX_MESSAGE + 1)
                reply = _answer(line.rstrip(b"\n"), self._on_uris)
            except OSError:
                reply = _TOO_LARGE
            with contextlib.suppress(OSError):
                conn.send_bytes(reply)

    def close(self) -> None:
        """Stop listening, remove the socket and release the lock; safe to call twice."""
        self._stop.set()
        if self._wake is not None:
            with contextlib.suppress(OSError):
                self._wake[1].send(b"x")
        elif sys.platform == "win32" and self._thread is not None:
            with contextlib.suppress(OSError), Client(self.address, family="AF_PIPE"):
                pass  # wakes the blocking accept()
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
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path)  # while still holding it; see _acquire_lock
            with contextlib.suppress(OSError):
                _unlock(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None


_SETUP_FAILED = "The wallet could not set up its link with other wallet windows."


# --- forwarder -----------------------------------------------------------------------------


def forward_uris(
    uris: Sequence[str], *, name: str | None = None, timeout: float = 2.0
) -> Delivery | None:
    """Hand ``uris`` to the running primary and return its answer; None if no primary runs.

    While the lock is held but the primary is not listening yet, retries for up to ``timeout``.
    Raises UsageError if the URIs exceed 64 KiB; WalletError if a primary holds the lock but does
    not answer in time, or the channel's folder is unsafe.
    """
    payload = tuple(uris)
    request = _encode({"v": _PROTOCOL_VERSION, "uris": list(payload)})
    if len(request) > MAX_MESSAGE:
        raise UsageError(
            "These links are too long to hand over to the running wallet.",
            detail=f"{len(request)} bytes, limit {MAX_MESSAGE}",
        )
    channel = _safe_name(name) if name else default_channel_name()
    try:
        runtime = _runtime_dir(create=False)
    except OSError as exc:
        raise _channel_error(_NO_ANSWER, str(exc)) from exc
    if runtime is None:
        return None
    address, lock_path = _paths(channel, runtime)
    deadline = time.monotonic() + timeout
    while True:
        remaining = max(deadline - time.monotonic(), 0.05)
        try:
            reply = _exchange(address, request, remaining)
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            if not _lock_is_held(lock_path):
                return None
            if time.monotonic() >= deadline:
                raise _channel_error(
                    _NO_ANSWER, "primary holds the lock but is not listening"
                ) from exc
            time.sleep(_RETRY_PAUSE)
            continue
        except OSError as exc:
            raise _channel_error(_NO_ANSWER, f"{exc.__class__.__name__}: {exc}") from exc
        if reply is None:
            raise _channel_error(_NO_ANSWER, "reply too large")
        delivery = _parse_reply(reply, payload)
        log.info(
            "Handed %d URI(s) to the running wallet (accepted: %s)", len(payload), delivery.accepted
        )
        return delivery


def _exchange(address: str, request: bytes, timeout: float) -> bytes | None:
    """Send one request line and read one reply line (None when it is too large)."""
    if sys.platform == "win32":
        with Client(address, family="AF_PIPE") as conn:
            conn.send_bytes(request)
            if not conn.poll(timeout):
                raise TimeoutError("no reply")
            return conn.recv_bytes(MAX_MESSAGE + 1).rstrip(b"\n")
    else:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
            if not _peer_uid_ok(sock):
                raise PermissionError("the channel's socket belongs to another user")
            sock.sendall(request)
            return _read_line(sock.recv)
