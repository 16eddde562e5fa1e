"""The wallet's data directory and database file on disk: created private, kept private.

A new directory is created 0700 and the database file 0600 (SQLite gives its ``-wal`` and
``-shm`` files the database's mode). An existing directory made by an older version, or
loosened by hand, gets those modes back each time the store is opened.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["prepare_files"]

log = logging.getLogger(__name__)

_DIR_MODE = 0o700
_FILE_MODE = 0o600


def _tighten(path: Path, mode: int) -> None:
    """Remove every permission beyond ``mode`` from ``path`` (owned by us); a file we may
    not change is logged and left."""
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return
    if current & ~mode == 0 or path.is_symlink():
        return
    try:
        os.chmod(path, current & mode)
    except OSError as exc:
        log.warning("could not make %s private: %s", path, exc)


def prepare_files(data_dir: Path, path: Path, side_files: Sequence[str]) -> None:
    """Create ``data_dir`` (0700) and the database file ``path`` (0600) if missing, and take
    group and other permissions away from existing ones and from SQLite's side files.

    Raises OSError when the directory or file cannot be created.
    """
    if not data_dir.exists():
        data_dir.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    else:
        _tighten(data_dir, _DIR_MODE)
    # Creating the file ourselves fixes its mode; SQLite gives -wal and -shm the same one.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, _FILE_MODE)
    os.close(fd)
    for candidate in (path, *(path.with_name(path.name + s) for s in side_files)):
        _tighten(candidate, _FILE_MODE)
