"""Plain request/response values and JSON/OAuth response helpers for the demo issuer."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import field
from urllib.parse import parse_qs

from wallet_app.frozen import frozen

__all__ = [
    "Request",
    "Response",
    "html_response",
    "json_response",
    "oauth_error",
    "redirect",
]

NO_STORE = (("Cache-Control", "no-store"),)


@frozen
class Request:
    """One parsed HTTP request. Header names are lower case."""

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: bytes
    url: str
    """Absolute URL without query, as the client addressed it (for DPoP htu)."""
    duplicate_params: frozenset[str] = field(default_factory=frozenset)

    def form(self) -> dict[str, str]:
        """The application/x-www-form-urlencoded body (first value of each name)."""
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {name: values[0] for name, values in parsed.items()}

    def form_duplicates(self) -> frozenset[str]:
        """Form parameter names that occur more than once (RFC 6749 §3.1 forbids that)."""
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return frozenset(name for name, values in parsed.items() if len(values) > 1)

    def json(self) -> Mapping[str, object] | None:
        """The JSON object body, or None when the body is not a JSON object."""
        try:
            value = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(value, dict):
            return None
        return {str(k): v for k, v in value.items()}


@frozen
class Response:
    """One HTTP response."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    def with_headers(self, *headers: tuple[str, str]) -> Response:
        """A copy with extra headers. Raises nothing."""
        return Response(self.status, self.headers + headers, self.body)


def json_response(
    status: int,
    body: Mapping[str, object],
    *,
    no_store: bool = False,
    headers: tuple[tuple[str, str], ...] = (),
    content_type: str = "application/json",
) -> Response:
    """A JSON response; no_store adds Cache-Control: no-store. Raises nothing."""
    extra = NO_STORE if no_store else ()
    try:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (DemoConfig.display_name): as a \ud800 escape
        data = json.dumps(body).encode("ascii")
    return Response(status, (("Content-Type", content_type), *extra, *headers), data)


def oauth_error(
    status: int,
    error: str,
    description: str | None = None,
    *,
    headers: tuple[tuple[str, str], ...] = (),
) -> Response:
    """An RFC 6749 §5.2 style error body. Raises nothing."""
    body: dict[str, object] = {"error": error}
    if description:
        body["error_description"] = description
    return json_response(status, body, no_store=True, headers=headers)


def html_response(status: int, html: str) -> Response:
    """An HTML page that must not be cached or framed. Raises nothing."""
    return Response(
        status,
        (
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-store"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
        ),
        html.encode("utf-8"),
    )


def redirect(location: str) -> Response:
    """A 302 redirect. Raises nothing."""
    return Response(302, (("Location", location), ("Cache-Control", "no-store")))
