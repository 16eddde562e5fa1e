"""Logging set-up, the secret-redacting filter and formatter (a safety net, not a permission),
and the desktop app's log file: rotating, private (0600), in the platform's user log directory.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from types import TracebackType

__all__ = [
    "LOG_DIR_ENV",
    "LOG_FILE_NAME",
    "CollapsingStreamHandler",
    "RedactingFilter",
    "RedactingFormatter",
    "RepeatCounter",
    "configure_logging",
    "log_dir",
    "redact_text",
]

#: overrides the log folder (tests, portable installs)
LOG_DIR_ENV = "WALLET_APP_LOG_DIR"
LOG_FILE_NAME = "wallet-app.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

#: what looks like a token, code or credential, and its replacement (patterns compiled by
#: ``re``'s cache on the first text redacted: a command that logs nothing never compiles them)
_REDACTIONS = (
    # JWTs / SD-JWTs (header.payload.signature[~...])
    (
        r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:~[A-Za-z0-9_~.-]*)?",
        "[redacted-jwt]",
    ),
    # secret query/form parameters
    (
        r"(?i)((?:access_token|refresh_token|code|code_verifier|pre-authorized_code|tx_code|"
        r"password)=)[^&\s\"']+",
        r"\1[redacted]",
    ),
    # Authorization headers
    (r"(?i)((?:Bearer|DPoP)\s+)[A-Za-z0-9._~+/=-]{8,}", r"\1[redacted]"),
    # the same names as JSON members or in a dict repr: "access_token": "…"
    (
        r"(?i)([\"'](?:access_token|refresh_token|code|code_verifier|pre-authorized_code|"
        r"tx_code|password|credential)[\"']\s*:\s*[\"'])[^\"']+",
        r"\1[redacted]",
    ),
)


def redact_text(text: str) -> str:
    """Replace anything that looks like a token, code or credential."""
    for pattern, replacement in _REDACTIONS:
        text = re.sub(pattern, replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Redacts secrets in every record's rendered message."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: logging reports it in emit()
            return True
        clean = redact_text(message)
        if clean != message:
            record.msg = clean
            record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """A formatter whose whole output is redacted: the message, and also the traceback
    (``exc_info``) and ``stack_info``, whose source lines and exception messages the filter
    never sees. The traceback text that ``logging`` caches on the record is redacted too, so
    another handler's plain formatter cannot write the original."""

    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        return redact_text(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return redact_text(super().formatStack(stack_info))

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


class RepeatCounter:
    """Which records repeat one already written. A warning (or worse) repeats another from
    the same logger, level and message template, whatever its arguments (100,000 skipped
    configurations are one message); a lower record only when its text is the same (the
    ``-v`` lines of different requests all stay). The first of each is written at once, the
    others counted; :meth:`summaries` gives one record per message that repeated: the last
    one, ending "(repeated N times)" (N counts them all). A message repeating for longer than
    ``interval`` seconds is summarised as it goes. At most ``max_keys`` messages are tracked
    (the older ones without a pending repeat are forgotten to make room; with all of them
    pending, a new one is written as it comes). Thread-safe; raises nothing."""

    def __init__(self, *, interval: float = 60.0, max_keys: int = 1000) -> None:
        self._lock = threading.Lock()
        self._interval = interval
        self._max_keys = max_keys
        self._seen: dict[tuple[object, ...], _Seen] = {}

    @staticmethod
    def _key(record: logging.LogRecord) -> tuple[object, ...]:
        if record.levelno >= logging.WARNING:
            return (record.name, record.levelno, str(record.msg))
        try:
            return (record.name, record.levelno, record.getMessage())
        except (TypeError, ValueError):
            return (record.name, record.levelno, str(record.msg))

    def admit(self, record: logging.LogRecord) -> logging.LogRecord | None:
        """The record to write now: ``record`` when it is new, a summary when its message
        has repeated for ``interval`` seconds, else None (counted)."""
        key = self._key(record)
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(key)
            if seen is None:
                if len(self._seen) >= self._max_keys:
                    self._forget_some()
                if len(self._seen) < self._max_keys:
                    self._seen[key] = _Seen(since=now)
                return record
            seen.count += 1
            seen.last = record
            if now - seen.since < self._interval:
                return None
            count = seen.count
            seen.count, seen.last, seen.since = 0, None, now
        return _summary(record, count + 1)

    def _forget_some(self) -> None:
        """Make room: forget the older half of the messages with no repeat pending (a long
        ``-v`` session writes many different lines)."""
        idle = [key for key, seen in self._seen.items() if seen.last is None]
        for key in idle[: max(1, len(idle) // 2)]:
            del self._seen[key]

    def summaries(self) -> list[logging.LogRecord]:
        """One record per message repeated since it was last written; resets the counts."""
        out = []
        with self._lock:
            for seen in self._seen.values():
                if seen.last is not None:
                    out.append(_summary(seen.last, seen.count + 1))
                    seen.count, seen.last = 0, None
        return out


class _Seen:
    """A message written once: the repeats counted since, the last of them, and when the
    message was last written."""

    __slots__ = ("count", "last", "since")

    def __init__(self, since: float) -> None:
        self.since = since
        self.count = 0
        self.last: logging.LogRecord | None = None


def _summary(record: logging.LogRecord, count: int) -> logging.LogRecord:
    """``record`` (without traceback) with " (repeated ``count`` times)" after its text."""
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        message = str(record.msg)
    summary = logging.makeLogRecord(record.__dict__)
    summary.msg, summary.args = f"{message} (repeated {count} times)", None
    summary.exc_info = summary.exc_text = summary.stack_info = None
    return summary


class _Collapsing(logging.Handler):
    """A handler that writes a repeated message once, and its count when it closes
    (``logging.shutdown`` at exit) or while it keeps repeating (see RepeatCounter)."""

    repeats: RepeatCounter

    def handle(self, record: logging.LogRecord) -> bool:
        admitted = self.repeats.admit(record)
        if admitted is None:
            return False
        return bool(super().handle(admitted))

    def write_repeats(self) -> None:
        """Write the pending "(repeated N times)" lines now."""
        for summary in self.repeats.summaries():
            super().handle(summary)

    def close(self) -> None:
        self.write_repeats()
        super().close()


class CollapsingStreamHandler(_Collapsing, logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that collapses repeated messages (see RepeatCounter)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(stream)
        self.repeats = RepeatCounter()


def _stderr_handler(stream: TextIO | None = None) -> logging.Handler:
    """Redacted lines on stderr (or ``stream``): ``LEVEL logger: message``, repeats
    collapsed."""
    handler = CollapsingStreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    return handler


def configure_logging(*, verbose: bool = False, stream: TextIO | None = None) -> None:
    """Log to stderr (or ``stream``) only with ``verbose``: flow steps, HTTP lines and
    warnings, each repeated message collapsed into one line with a count. Without it no
    record reaches stderr (what the person must know, commands print themselves); the
    desktop app's log file (:func:`wallet_app.logs_file.configure_file_logging`) still gets
    its records."""
    root = logging.getLogger()
    kept = [h for h in root.handlers if _is_log_file(h)]
    for old in root.handlers:
        if old not in kept and isinstance(old, _Collapsing):
            old.close()  # its pending "(repeated N times)" lines
    # a NullHandler, not none: logging's last resort would print warnings on stderr
    extra = _stderr_handler(stream) if verbose else logging.NullHandler()
    root.handlers[:] = [*kept, extra]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def log_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the log file: ``WALLET_APP_LOG_DIR``, else the platform's user log dir
    (Linux ``~/.local/state/wallet-app/log``, Windows ``%LOCALAPPDATA%\\wallet-app\\Logs``,
    macOS ``~/Library/Logs/wallet-app``)."""
    env = os.environ if env is None else env
    override = env.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # local import: only the desktop app writes a log file

    return Path(platformdirs.user_log_dir("wallet-app", appauthor=False))


def _is_log_file(handler: logging.Handler) -> bool:
    """The desktop app's log file handler (:mod:`wallet_app.logs_file`, known by its marker:
    this module does not import ``logging.handlers``)."""
    return getattr(handler, "private_log_file", False) is True
