"""Where the single-instance channel lives, and the OS file lock that elects the primary.

A private per-user directory holds the socket (on Windows the pipe's key file) and the lock file
(``flock`` on POSIX, ``msvcrt.locking`` on Windows), so a crashed primary frees the lock
automatically. Stdlib only.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import stat
import sys
import tempfile
import time

from wallet_app.host.instance_wire import ChannelError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

__all__ = ["acquire_lock", "channel_dir", "channel_paths", "lock_is_held", "safe_name", "unlock"]


def safe_name(name: str) -> str:
    """Keep a channel name usable as one file or pipe name (no separators, bounded length)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80] or "_"


def channel_dir(*, create: bool) -> str | None:
    """Private per-user directory for socket and lock; None if it does not exist (and not created).

    Raises WalletError when the fallback directory exists but is not ours alone.
    """
    if sys.platform == "win32":
        # in the user's profile (its ACL lets only the user, SYSTEM and administrators in): the
        # channel's key file lives here; %TEMP% is used only if LOCALAPPDATA is not set
        profile = os.environ.get("LOCALAPPDATA")
        if profile:
            base = os.path.join(profile, "wallet-app", "channel")
        else:
            base = os.path.join(tempfile.gettempdir(), f"wallet-app-{safe_name(getpass.getuser())}")
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
            raise ChannelError(
                "The wallet cannot use its private folder for talking to other wallet windows.",
                detail=f"{base} is not a directory owned by this user",
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


def channel_paths(name: str, runtime_dir: str) -> tuple[str, str]:
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


def unlock(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def acquire_lock(path: str) -> int | None:
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


def lock_is_held(path: str) -> bool:
    """True while some process holds the election lock (probe with a shared lock)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        if _try_lock(fd, shared=True):
            unlock(fd)
            return False
        return True
    finally:
        os.close(fd)
