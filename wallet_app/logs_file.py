"""The desktop app's log file handler: rotating, private (0600), repeats collapsed.

Apart from :mod:`wallet_app.logs` because ``logging.handlers`` (with ``socket``, ``pickle``
and ``queue``) costs every CLI command ~10 ms to import, and only the desktop app writes a
log file: :func:`wallet_app.logs.configure_file_logging` imports this module.
"""

from __future__ import annotations

import os
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from wallet_app.logs import RepeatCounter, _Collapsing

__all__ = ["PrivateRotatingFileHandler"]


def _private_opener(path: str, flags: int) -> int:
    fd = os.open(path, flags, 0o600)
    if hasattr(os, "fchmod"):  # an older file made with a wider mode is narrowed (POSIX)
        os.fchmod(fd, 0o600)
    return fd


class PrivateRotatingFileHandler(_Collapsing, RotatingFileHandler):
    """``RotatingFileHandler`` whose files (the current one and each new one after a
    rollover) are created readable by the user only; repeated messages collapsed."""

    #: how :mod:`wallet_app.logs` knows the log file's handler without importing this module
    private_log_file = True

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
        )
        self.repeats = RepeatCounter()

    def _open(self) -> TextIOWrapper:
        stream = open(  # noqa: SIM115  (the handler owns and closes the stream)
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=_private_opener,
        )
        assert isinstance(stream, TextIOWrapper)  # text mode ("a")
        return stream
