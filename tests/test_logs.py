"""The logging set-up and its secret-redacting filter (wallet_app.logs)."""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from wallet_app.logs import (
    LOG_DIR_ENV,
    LOG_FILE_NAME,
    CollapsingStreamHandler,
    RedactingFilter,
    RepeatCounter,
    configure_logging,
    log_dir,
    redact_text,
)
from wallet_app.logs_file import configure_file_logging

JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"credential {JWT}~WyJhIiwiYiJd~", JWT),
        (f"sd-jwt {JWT}~WyJhIiwiYiJd~", "WyJhIiwiYiJd"),
        ("POST /token code=abc123&state=s", "abc123"),
        ("form access_token=AT-1 next", "AT-1"),
        ("refresh_token=RT-1", "RT-1"),
        ("code_verifier=VERIFIER", "VERIFIER"),
        ("pre-authorized_code=PRE&tx_code=1234", "PRE"),
        ("pre-authorized_code=PRE&tx_code=1234", "1234"),
        ("PASSWORD=hunter2", "hunter2"),
        ("Authorization: Bearer abcdefgh123", "abcdefgh123"),
        ("Authorization: DPoP token.with.dots-and_more", "token.with.dots-and_more"),
        ('{"access_token": "AT-JSON", "token_type": "Bearer"}', "AT-JSON"),
        ("{'pre-authorized_code': 'PRE-REPR'}", "PRE-REPR"),
        ('"tx_code":"493536"', "493536"),
    ],
)
def test_redact_text_hides_secrets(text: str, secret: str) -> None:
    assert secret not in redact_text(text)


def test_redact_text_keeps_ordinary_text() -> None:
    text = "GET https://issuer.test/.well-known/openid-credential-issuer -> 200 (12 ms) state=abc"
    assert redact_text(text) == text
    # short words after "Bearer" are prose, not tokens
    assert redact_text("use the Bearer scheme") == "use the Bearer scheme"


def test_redact_text_keeps_parameter_names() -> None:
    out = redact_text("code=abc&state=xyz")
    assert out == "code=[redacted]&state=xyz"
    assert redact_text(f"got {JWT}") == "got [redacted-jwt]"


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logger() -> Iterator[tuple[logging.Logger, _ListHandler]]:
    log = logging.getLogger("wallet_app.tests.logs")
    handler = _ListHandler()
    handler.addFilter(RedactingFilter())
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.propagate = False
    yield log, handler
    log.removeHandler(handler)
    log.propagate = True


def test_filter_redacts_arguments_and_drops_args(
    logger: tuple[logging.Logger, _ListHandler],
) -> None:
    log, handler = logger
    log.info("token response %s", {"access_token": "AT-SECRET"})
    log.info("redirect %s", "app:/cb?code=CODE-SECRET&state=s")
    log.info("plain %s", "nothing secret")
    first, second, third = handler.records
    assert "CODE-SECRET" not in second.getMessage() and second.args is None
    assert "AT-SECRET" not in first.getMessage()
    # untouched records keep their args (lazy formatting still works)
    assert third.args == ("nothing secret",) and third.getMessage() == "plain nothing secret"


def test_filter_does_not_raise_on_a_broken_format() -> None:
    # logging itself reports such mistakes via Handler.handleError in emit(); the filter
    # runs before that, outside its try, so it must not raise at the call site
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "%s and %s", ("one",), None)
    assert RedactingFilter().filter(record) is True
    assert record.args == ("one",)


def test_configure_logging_levels_and_filter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    httpx_level = logging.getLogger("httpx").level
    try:
        configure_logging(verbose=False)
        [handler] = root.handlers
        assert root.level == logging.WARNING
        assert type(handler) is logging.NullHandler  # nothing on stderr without -v
        configure_logging(verbose=True)
        [handler] = root.handlers  # replaced, not added
        assert any(isinstance(f, RedactingFilter) for f in handler.filters)
        assert root.level == logging.DEBUG
        assert logging.getLogger("httpx").level == logging.WARNING
        assert logging.getLogger("httpcore").level == logging.WARNING
        stream = io.StringIO()
        assert isinstance(handler, logging.StreamHandler)
        monkeypatch.setattr(handler, "stream", stream)
        logging.getLogger("wallet_app.x").warning("sent code=%s", "C-SECRET")
        out = stream.getvalue()
        assert "C-SECRET" not in out
        assert out == "WARNING wallet_app.x: sent code=[redacted]\n"
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        logging.getLogger("httpx").setLevel(httpx_level)


# -- the desktop app's log file ------------------------------------------------------------------


@pytest.fixture
def clean_root() -> Iterator[logging.Logger]:
    """The root logger as it was, restored (and file handlers closed) afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    noisy = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    root.handlers[:] = []
    try:
        yield root
    finally:
        for handler in root.handlers:
            if handler not in saved_handlers:
                handler.close()
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name, level in noisy.items():
            logging.getLogger(name).setLevel(level)


def _fail_with_secrets() -> None:
    # this call line (with a JWT in it) is quoted by the traceback
    _raise_token_error("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJUQi1TT1VSQ0UifQ.c2lnLXNvdXJjZQ")


def _raise_token_error(token: str) -> None:
    raise ValueError(f"token endpoint said access_token=AT-IN-MESSAGE ({len(token)})")


def test_log_file_is_private_rotating_and_redacts_tracebacks(
    clean_root: logging.Logger, tmp_path: Path
) -> None:
    configure_logging(verbose=True)  # stderr at DEBUG, as the CLI sets it up with -v
    [stderr] = [h for h in clean_root.handlers if type(h) is CollapsingStreamHandler]
    stderr.setLevel(logging.WARNING)
    folder = tmp_path / "logs"
    path = configure_file_logging(folder)
    assert path == folder / LOG_FILE_NAME
    assert configure_file_logging(folder) == path  # once: a second call adds nothing
    assert len([h for h in clean_root.handlers if isinstance(h, RotatingFileHandler)]) == 1
    assert stderr.level == logging.WARNING  # the root went down to INFO, stderr did not
    log = logging.getLogger("wallet_app.tests.file")
    log.debug("a debug line stays out")
    log.info("flow step with code=%s", "CODE-IN-ARGS")
    try:
        _fail_with_secrets()
    except ValueError:
        log.exception("the token request failed", stack_info=True)
    for handler in clean_root.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "flow step with code=[redacted]" in text
    assert "a debug line stays out" not in text
    assert "Traceback (most recent call last)" in text and "_fail_with_secrets" in text
    assert "Stack (most recent call last)" in text
    for secret in ("CODE-IN-ARGS", "AT-IN-MESSAGE", "eyJhbGciOiJFUzI1NiJ9", "UQi1TT1VSQ0U"):
        assert secret not in text
    assert "access_token=[redacted]" in text and "[redacted-jwt]" in text
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [handler] = [h for h in clean_root.handlers if isinstance(h, RotatingFileHandler)]
    assert isinstance(handler, RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)
    handler.doRollover()
    log.warning("after the rollover")
    handler.flush()
    assert path.with_name(LOG_FILE_NAME + ".1").exists()
    assert "after the rollover" in path.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the new file is private too


def test_a_plain_formatter_elsewhere_cannot_leak_the_cached_traceback(
    clean_root: logging.Logger, tmp_path: Path
) -> None:
    other = logging.StreamHandler(io.StringIO())
    other.setFormatter(logging.Formatter("%(message)s"))
    clean_root.addHandler(other)  # formats first and caches record.exc_text
    path = configure_file_logging(tmp_path)
    assert path is not None
    try:
        _fail_with_secrets()
    except ValueError:
        logging.getLogger("wallet_app.tests.file").exception("failed")
    for handler in clean_root.handlers:
        handler.flush()
    assert "AT-IN-MESSAGE" not in path.read_text(encoding="utf-8")
    assert isinstance(other.stream, io.StringIO)
    assert "AT-IN-MESSAGE" not in other.stream.getvalue()


def test_an_unconfigured_root_writes_nothing_on_stderr(
    clean_root: logging.Logger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest_handlers = clean_root.handlers[:]  # pytest's own capture handlers
    clean_root.handlers[:] = []  # as in `wallet-app` started from a menu: nothing configured
    try:
        path = configure_file_logging(tmp_path)
        assert path is not None
        log = logging.getLogger("wallet_app.tests.file")
        log.info("a flow step")
        log.warning("a warning with code=%s", "C-SECRET")
        for handler in clean_root.handlers:
            handler.flush()
    finally:
        clean_root.handlers[:] = clean_root.handlers + pytest_handlers
    err = capsys.readouterr().err
    assert err == ""  # the log file has them; logging's last resort does not print them
    text = path.read_text(encoding="utf-8")
    assert "a flow step" in text and "C-SECRET" not in text
    assert "a warning with code=[redacted]" in text


def test_log_dir_override_and_default() -> None:
    assert log_dir({LOG_DIR_ENV: "/srv/logs"}) == Path("/srv/logs")
    assert "wallet-app" in str(log_dir({}))


def test_an_unusable_log_folder_means_no_file_not_a_crash(
    clean_root: logging.Logger, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert configure_file_logging(blocker / "logs") is None
    assert not [h for h in clean_root.handlers if isinstance(h, RotatingFileHandler)]


# -- no records on stderr without -v; repeated messages collapsed --------------------------------


def test_without_verbose_no_record_reaches_the_stream(clean_root: logging.Logger) -> None:
    stream = io.StringIO()
    configure_logging(verbose=False, stream=stream)
    log = logging.getLogger("wallet_app.tests.quiet")
    log.warning("a warning")
    log.error("an error")
    log.critical("even this")
    assert stream.getvalue() == ""
    configure_logging(verbose=True, stream=stream)
    log.warning("a warning")
    assert stream.getvalue() == "WARNING wallet_app.tests.quiet: a warning\n"


def test_a_warning_repeated_100000_times_is_two_lines(clean_root: logging.Logger) -> None:
    stream = io.StringIO()
    configure_logging(verbose=True, stream=stream)
    log = logging.getLogger("wallet_app.tests.repeat")
    for i in range(100_000):
        log.warning("skipping credential configuration %r: %s", f"c{i}", "no format")
    log.info("GET %s", "/a")
    log.info("GET %s", "/b")  # below WARNING: only identical text counts as a repeat
    log.info("GET %s", "/b")
    log.warning("another warning")
    [handler] = clean_root.handlers
    handler.close()  # as logging.shutdown() does at exit
    lines = stream.getvalue().splitlines()
    assert lines == [
        "WARNING wallet_app.tests.repeat: skipping credential configuration 'c0': no format",
        "INFO wallet_app.tests.repeat: GET /a",
        "INFO wallet_app.tests.repeat: GET /b",
        "WARNING wallet_app.tests.repeat: another warning",
        "WARNING wallet_app.tests.repeat: skipping credential configuration 'c99999': "
        "no format (repeated 100000 times)",
        "INFO wallet_app.tests.repeat: GET /b (repeated 2 times)",
    ]


def test_a_message_repeating_for_long_is_summarised_as_it_goes() -> None:
    counter = RepeatCounter(interval=0.0)
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "again %s", ("a",), None)
    assert counter.admit(record) is record
    summary = counter.admit(record)  # interval 0: every repeat is summarised at once
    assert summary is not None
    assert summary.getMessage() == "again a (repeated 2 times)"
    assert counter.summaries() == []


def test_repeats_in_the_log_file_are_collapsed_and_summarised_on_close(
    clean_root: logging.Logger, tmp_path: Path
) -> None:
    path = configure_file_logging(tmp_path)
    assert path is not None
    log = logging.getLogger("wallet_app.tests.file")
    for i in range(500):
        log.warning("ignoring malformed claim description in %r", f"conf-{i}")
    for handler in clean_root.handlers:
        if isinstance(handler, RotatingFileHandler):
            handler.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("ignoring malformed claim description in 'conf-0'")
    assert lines[1].endswith("in 'conf-499' (repeated 500 times)")


def test_many_different_lines_do_not_stop_the_collapsing() -> None:
    counter = RepeatCounter(max_keys=10)
    for i in range(100):  # a long -v session: many different lines
        line = logging.LogRecord("x", logging.DEBUG, __file__, 1, "line %d", (i,), None)
        assert counter.admit(line) is line
    warning = logging.LogRecord("x", logging.WARNING, __file__, 2, "again %s", ("a",), None)
    assert counter.admit(warning) is warning
    assert counter.admit(warning) is None  # still collapsed
    [summary] = counter.summaries()
    assert summary.getMessage() == "again a (repeated 2 times)"
