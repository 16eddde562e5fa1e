"""The sequence diagram's rows, derived from a flow's trace: lanes, labels and browser hops.

Which lifeline answered an exchange (the endpoints named in the trace's metadata first, then
the protocol step, then the URL path), the request and response labels in plain words, and the
browser hops drawn for the sign-in. No painting here; see ``gui.sequence_canvas``.
"""

from __future__ import annotations

import http
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from PySide6.QtCore import QCoreApplication, QVariantAnimation

from wallet_app.frozen import frozen
from wallet_app.gui.i18n import QT_TRANSLATE_NOOP

__all__ = ["LANES", "Row", "exchange_lane", "request_label", "response_label"]


#: lifeline indexes
WALLET, BROWSER, AUTH_SERVER, ISSUER = range(4)

LANES = (
    QT_TRANSLATE_NOOP("SequenceDiagram", "Wallet"),
    QT_TRANSLATE_NOOP("SequenceDiagram", "Browser"),
    QT_TRANSLATE_NOOP("SequenceDiagram", "Authorization Server"),
    QT_TRANSLATE_NOOP("SequenceDiagram", "Credential Issuer"),
)

_REQUEST_LABELS: Mapping[str, str] = {
    "credential offer": QT_TRANSLATE_NOOP("SequenceDiagram", "Credential offer request"),
    "issuer metadata": QT_TRANSLATE_NOOP("SequenceDiagram", "Issuer metadata request"),
    "authorization server metadata": QT_TRANSLATE_NOOP(
        "SequenceDiagram", "Authorization server metadata request"
    ),
    "pushed authorization request": QT_TRANSLATE_NOOP(
        "SequenceDiagram", "Pushed authorization request"
    ),
    "token": QT_TRANSLATE_NOOP("SequenceDiagram", "Token request"),
    "nonce": QT_TRANSLATE_NOOP("SequenceDiagram", "Nonce request"),
    "credential": QT_TRANSLATE_NOOP("SequenceDiagram", "Credential request"),
    "deferred credential": QT_TRANSLATE_NOOP("SequenceDiagram", "Deferred credential request"),
    "notification": QT_TRANSLATE_NOOP("SequenceDiagram", "Notification"),
}

BROWSER_HOPS: Mapping[str, tuple[tuple[int, int, str], ...]] = {
    "opened": (
        (WALLET, BROWSER, QT_TRANSLATE_NOOP("SequenceDiagram", "Opens the sign-in page")),
        (BROWSER, AUTH_SERVER, QT_TRANSLATE_NOOP("SequenceDiagram", "Sign-in and consent")),
    ),
    "returned": (
        (AUTH_SERVER, BROWSER, QT_TRANSLATE_NOOP("SequenceDiagram", "Redirect with the code")),
        (BROWSER, WALLET, QT_TRANSLATE_NOOP("SequenceDiagram", "Back to the wallet")),
    ),
}

_AS_STEPS = frozenset({"authorization server metadata", "pushed authorization request", "token"})
_AS_KEYS = ("token_endpoint", "pushed_authorization_request_endpoint", "authorization_endpoint")
_ISSUER_KEYS = (
    "credential_endpoint",
    "nonce_endpoint",
    "deferred_credential_endpoint",
    "notification_endpoint",
)
_AS_PATHS = (
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
    "/token",
    "/par",
    "/as/par",
)


def translate(text: str) -> str:
    return QCoreApplication.translate("SequenceDiagram", text)


def _bare(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


def _json_object(body: object) -> Mapping[str, object]:
    if not isinstance(body, str):
        return {}
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    return doc if isinstance(doc, Mapping) else {}


@frozen
class Endpoints:
    """The endpoint URLs the metadata responses in a trace name, by role."""

    auth_server: frozenset[str] = frozenset()
    issuer: frozenset[str] = frozenset()

    @classmethod
    def of(cls, exchanges: Sequence[Mapping[str, object]]) -> Endpoints:
        auth: set[str] = set()
        issuer: set[str] = set()
        for ex in exchanges:
            step = ex.get("step")
            doc = _json_object(ex.get("response_body"))
            if step == "authorization server metadata":
                auth.update(_bare(str(doc[k])) for k in _AS_KEYS if isinstance(doc.get(k), str))
            elif step == "issuer metadata":
                issuer.update(
                    _bare(str(doc[k])) for k in _ISSUER_KEYS if isinstance(doc.get(k), str)
                )
        return cls(frozenset(auth), frozenset(issuer))


def exchange_lane(
    exchange: Mapping[str, object], exchanges: Sequence[Mapping[str, object]] = ()
) -> int:
    """The lifeline that answered ``exchange``: AUTH_SERVER or ISSUER.

    The endpoints named in the trace's metadata decide first (so a token endpoint on the
    issuer's own host still goes to the authorization server), then the protocol step, then
    the URL path.
    """
    return answering_lane(exchange, Endpoints.of(exchanges))


def answering_lane(exchange: Mapping[str, object], ends: Endpoints) -> int:
    url = _bare(str(exchange.get("url") or ""))
    step = str(exchange.get("step") or "")
    in_as, in_issuer = url in ends.auth_server, url in ends.issuer
    if in_as != in_issuer:
        return AUTH_SERVER if in_as else ISSUER
    if step:
        return AUTH_SERVER if step in _AS_STEPS else ISSUER
    path = urlsplit(url).path if "://" in url else url
    return AUTH_SERVER if any(path.endswith(p) for p in _AS_PATHS) else ISSUER


def request_label(exchange: Mapping[str, object]) -> str:
    """An exchange's request in plain words ("Token request")."""
    step = str(exchange.get("step") or "")
    if step in _REQUEST_LABELS:
        return translate(_REQUEST_LABELS[step])
    path = urlsplit(str(exchange.get("url") or "")).path or "/"
    return f"{exchange.get('method') or 'GET'} {path}"


def response_label(exchange: Mapping[str, object]) -> str:
    """An exchange's answer in plain words: "200 OK", "400 invalid_grant", "No answer"."""
    status = exchange.get("status")
    if not isinstance(status, int):
        return QCoreApplication.translate("SequenceDiagram", "No answer")
    error = _json_object(exchange.get("response_body")).get("error")
    if status >= 400 and isinstance(error, str) and error:
        return f"{status} {error}"
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def is_failure(exchange: Mapping[str, object]) -> bool:
    """True when the exchange failed (no answer or an HTTP error status)."""
    status = exchange.get("status")
    return not isinstance(status, int) or status >= 400


def is_code_token_request(exchange: Mapping[str, object]) -> bool:
    if exchange.get("step") != "token":
        return False
    body = exchange.get("request_body")
    if not isinstance(body, str):
        return False
    return dict(parse_qsl(body, keep_blank_values=True)).get("grant_type") == "authorization_code"


def moment(exchange: Mapping[str, object]) -> float:
    started = exchange.get("started_at")
    return float(started) if isinstance(started, int | float) else 0.0


@dataclass(slots=True)
class Row:
    """One drawn row: an exchange (request + response arrows) or a browser hop."""

    key: tuple[object, ...]
    source: int
    target: int
    label: str
    at: float
    reply: str = ""
    failed: bool = False
    #: a well-known address that was not there, followed by one that was (muted, not an error)
    probe: bool = False
    exchange_index: int | None = None
    progress: float = 1.0
    animation: QVariantAnimation | None = field(default=None, repr=False)
