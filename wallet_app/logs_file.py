"""The desktop app's log file handler: rotating, private (0600), repeats collapsed.

Apart from :mod:`wallet_app.logs` because ``logging.handlers`` (with ``socket``, ``pickle``
and ``queue``) costs every CLI command ~10 ms to import, and only the desktop app writes a
log file. :func:`configure_file_logging` lives here too, so :mod:`wallet_app.logs` never
imports this module (it knows the handler by its marker attribute).
"""

from __future__ import annotations

import logging
import os
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from wallet_app.logs import (
    _BACKUPS,
    _FORMAT,
    _MAX_BYTES,
    LOG_FILE_NAME,
    RedactingFilter,
    RedactingFormatter,
    RepeatCounter,
    _Collapsing,
    log_dir,
)

__all__ = ["PrivateRotatingFileHandler", "configure_file_logging"]


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


def configure_file_logging(directory: Path | None = None) -> Path | None:
    """Add the desktop app's log file to the root logger: ``wallet-app.log`` in ``directory``
    (default :func:`log_dir`), INFO and above, redacted, rotated at 1 MB keeping 3 old files,
    mode 0600 in a 0700 folder. Handlers already there keep the level they had; with none
    (nothing configured logging), warnings also go to stderr as before.

    Returns the file's path, or None when the folder cannot be made (logged on stderr; the
    app runs without a log file). Raises nothing.
    """
    root = logging.getLogger()
    for existing in root.handlers:
        if isinstance(existing, PrivateRotatingFileHandler):
            return Path(existing.baseFilename)
    folder = directory or log_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        handler = PrivateRotatingFileHandler(path, max_bytes=_MAX_BYTES, backups=_BACKUPS)
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file in %s: %s", folder, exc)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(RedactingFormatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    before = root.getEffectiveLevel()
    if not root.handlers:  # never configured (a start from the menu): nothing on stderr
        root.addHandler(logging.NullHandler())  # (logging's last resort would print there)
    for other in root.handlers:  # e.g. stderr at WARNING: lowering the root must not add lines
        if other.level == logging.NOTSET:
            other.setLevel(before)
        if isinstance(other.formatter, logging.Formatter) and not isinstance(
            other.formatter, RedactingFormatter
        ):
            # a plain formatter would cache the unredacted traceback text on the record first
            other.setFormatter(RedactingFormatter(other.formatter._fmt))
    root.addHandler(handler)
    root.setLevel(min(before, logging.INFO))
    for noisy in ("httpx", "httpcore"):  # request lines with URLs: not for the file
        if logging.getLogger(noisy).level == logging.NOTSET:
            logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
