"""Logging set-up and the secret-redacting filter (a safety net, not a permission)."""

from __future__ import annotations

import logging
import re

__all__ = ["RedactingFilter", "configure_logging", "redact_text"]

_PATTERNS = (
    # JWTs / SD-JWTs (header.payload.signature[~...])
    re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:~[A-Za-z0-9_~.-]*)?"),
    # secret query/form parameters
    re.compile(
        r"(?i)((?:access_token|refresh_token|code|code_verifier|pre-authorized_code|tx_code|"
        r"password)=)[^&\s\"']+"
    ),
    # Authorization headers
    re.compile(r"(?i)((?:Bearer|DPoP)\s+)[A-Za-z0-9._~+/=-]{8,}"),
    # the same names as JSON members or in a dict repr: "access_token": "…"
    re.compile(
        r"(?i)([\"'](?:access_token|refresh_token|code|code_verifier|pre-authorized_code|"
        r"tx_code|password|credential)[\"']\s*:\s*[\"'])[^\"']+"
    ),
)


def redact_text(text: str) -> str:
    """Replace anything that looks like a token, code or credential."""
    text = _PATTERNS[0].sub("[redacted-jwt]", text)
    text = _PATTERNS[1].sub(r"\1[redacted]", text)
    text = _PATTERNS[2].sub(r"\1[redacted]", text)
    return _PATTERNS[3].sub(r"\1[redacted]", text)


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


def configure_logging(*, verbose: bool = False) -> None:
    """Log to stderr: warnings by default, flow steps and HTTP lines with ``verbose``."""
    root = logging.getLogger()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
