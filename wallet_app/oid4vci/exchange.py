"""One HTTP exchange of a flow, recorded for the protocol trace with secrets redacted.

What is redacted: bearer/DPoP access tokens, refresh tokens, authorization codes,
pre-authorized codes, transaction codes, PKCE verifiers, client secrets, and issued
credentials. Proof JWTs stay (an engineer needs them and they are bound to one nonce), and
so do ``state``, nonces and ids.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wallet_app.jsonsafe import loads, repair_text

__all__ = [
    "SECRET_FIELDS",
    "Exchange",
    "redact_body",
    "redact_headers",
    "redact_url",
]

REDACTED = "[redacted]"

#: Parameter / JSON member names whose values are secret wherever they appear.
SECRET_FIELDS = frozenset(
    {
        "access_token",
        "refresh_token",
        "code",
        "code_verifier",
        "pre-authorized_code",
        "tx_code",
        "user_pin",
        "client_secret",
        "credential",
        "acceptance_token",
        "id_token",
        "password",
        "d",
        "p",
        "q",
        "dp",
        "dq",
        "qi",
        "k",
    }
)

_SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})


@dataclass(frozen=True, slots=True)
class Exchange:
    """A request and its response (or failure), already redacted."""

    method: str
    url: str
    request_headers: Mapping[str, str] = field(default_factory=dict)
    request_body: str | None = None
    status: int | None = None
    response_headers: Mapping[str, str] = field(default_factory=dict)
    response_body: str | None = None
    started_at: float = 0.0
    duration_ms: float = 0.0
    error: str | None = None
    local: bool = False
    step: str = ""

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (for the sealed trace and the inspector export)."""
        return {
            "step": self.step,
            "method": self.method,
            "url": self.url,
            "request_headers": dict(self.request_headers),
            "request_body": self.request_body,
            "status": self.status,
            "response_headers": dict(self.response_headers),
            "response_body": self.response_body,
            "started_at": self.started_at,
            "duration_ms": round(self.duration_ms, 1),
            "error": self.error,
            "local": self.local,
        }


def redact_url(url: str) -> str:
    """Return ``url`` with secret query parameters (e.g. ``code``) replaced."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "[malformed URL]"
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name in SECRET_FIELDS for name, _ in pairs):
        return url
    query = urlencode([(n, REDACTED if n in SECRET_FIELDS else v) for n, v in pairs])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Keep header names; hide credentials in ``Authorization`` and cookies, and secret
    query parameters of redirect targets (``Location``)."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        lower = name.lower()
        if lower in _SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            out[name] = f"{scheme} {REDACTED}".strip()
        elif lower in ("location", "content-location"):
            out[name] = redact_url(value)
        else:
            out[name] = value
    return out


def _redact_json(value: object) -> object:
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for k, v in value.items():
            if k in SECRET_FIELDS:
                out[str(k)] = _hide(v)
            elif k == "credentials" and isinstance(v, list):
                # draft 14 sends raw credential strings in this array; 1.0 sends objects
                out[str(k)] = [_hide(i) if isinstance(i, str) else _redact_json(i) for i in v]
            else:
                out[str(k)] = _redact_json(v)
        return out
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    return value


def _hide(value: object) -> str:
    if isinstance(value, str):
        return f"{REDACTED} ({len(value)} characters)"
    if isinstance(value, Mapping | list):
        return f"{REDACTED} (JSON value)"
    return REDACTED


def redact_body(body: str | bytes | None, content_type: str | None) -> str | None:
    """Redact a JSON or form body; other bodies are summarised, never copied."""
    if body is None:
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else repair_text(body)
    if not text:
        return ""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        pairs = parse_qsl(text, keep_blank_values=True)
        return urlencode([(n, REDACTED if n in SECRET_FIELDS else v) for n, v in pairs])
    if ctype.endswith("json") or text.lstrip().startswith(("{", "[")):
        try:
            doc = loads(text, surrogates="repair")  # a "\ud800" escape: U+FFFD, sealable
        except ValueError:  # also JsonRejected: nested too deeply
            return f"[{len(text)} characters, not JSON]"
        # compact (the C encoder; indent=2 took the pure-Python one, ~1 ms per issuance): the
        # views pretty-print when they show a body (gui/exchange_view.py)
        return json.dumps(_redact_json(doc), ensure_ascii=False, separators=(",", ":"))
    if ctype in ("text/html", "text/plain"):
        return text[:2000]
    return f"[{len(text)} characters of {ctype or 'unknown type'}]"
