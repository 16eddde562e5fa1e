"""The logging set-up and its secret-redacting filter (wallet_app.logs)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from wallet_app.logs import RedactingFilter, configure_logging, redact_text

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
        assert any(isinstance(f, RedactingFilter) for f in handler.filters)
        configure_logging(verbose=True)
        [handler] = root.handlers  # replaced, not added
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
