"""Credential, deferred and notification requests and responses (OID4VCI §8, §9, §11).

The parser is tolerant of the shapes deployed issuers still send (protocol-notes §2.2.6):
``credentials`` as ``[{"credential": …}]`` (1.0) or as raw values (draft 14), a single
``credential`` (draft 13), ``transaction_id`` with 202 or 200, and ``acceptance_token``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import Literal

from wallet_app.errors import IssuerError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.bounds import positive_seconds

__all__ = [
    "Deferred",
    "Issued",
    "NotificationEvent",
    "build_credential_request",
    "build_notification",
    "interval_seconds",
    "parse_credential_response",
]

NotificationEvent = Literal["credential_accepted", "credential_failure", "credential_deleted"]

DEFAULT_INTERVAL = 5
#: A longer ``interval`` is clamped: a week is long enough for any real deferral.
MAX_INTERVAL = 7 * 24 * 3600


@frozen
class Issued:
    """Credentials delivered now; each is a string (JWT, SD-JWT, base64url CBOR) or JSON."""

    credentials: tuple[str, ...] = field(repr=False)
    notification_id: str | None = None
    #: a fresh nonce for the next request (drafts up to 14 send it in the response)
    c_nonce: str | None = None


@frozen
class Deferred:
    """The issuer will deliver later: poll the deferred endpoint after ``interval`` s."""

    transaction_id: str
    interval: int = DEFAULT_INTERVAL
    #: a fresh nonce for the next request (drafts up to 14 send it in the response)
    c_nonce: str | None = None


def build_credential_request(
    *,
    credential_configuration_id: str | None,
    credential_identifier: str | None,
    proofs: Sequence[str],
    proof_type: str = "jwt",
) -> dict[str, object]:
    """A 1.0 credential request body (§8.2): exactly one selector, proofs when bound."""
    if (credential_configuration_id is None) == (credential_identifier is None):
        raise ValueError("exactly one of credential_configuration_id / credential_identifier")
    body: dict[str, object] = {}
    if credential_identifier is not None:
        body["credential_identifier"] = credential_identifier
    else:
        body["credential_configuration_id"] = credential_configuration_id
    if proofs:
        body["proofs"] = {proof_type: list(proofs)}
    return body


def build_notification(
    notification_id: str, event: NotificationEvent, description: str | None = None
) -> dict[str, object]:
    """A notification request body (§11.1); the description is made printable ASCII."""
    body: dict[str, object] = {"notification_id": notification_id, "event": event}
    if description:
        clean = "".join(ch for ch in description if 0x20 <= ord(ch) <= 0x7E and ch not in '"\\')
        body["event_description"] = clean[:500]
    return body


def interval_seconds(value: object, default: int = DEFAULT_INTERVAL) -> int:
    """A deferred ``interval`` (§9) as whole seconds, rounded up; ``default`` when it is
    missing, not a positive finite number, or a boolean. Raises nothing."""
    seconds = positive_seconds(value)
    if seconds is None:
        return default
    return min(MAX_INTERVAL, max(1, math.ceil(seconds)))


def _bad(detail: str, url: str, status: int) -> IssuerError:
    return IssuerError(
        "The issuer's answer did not contain a usable credential.",
        detail=detail,
        status=status,
        url=url,
        code="invalid_credential_response",
    )


def _credential_value(item: object) -> str | None:
    if isinstance(item, str) and item:
        return item
    if isinstance(item, Mapping):
        inner = item.get("credential")
        if inner is not None:
            return _credential_value(inner)
        # an ldp_vc credential is a JSON object itself
        return json.dumps(item, separators=(",", ":"), sort_keys=True)
    return None


def parse_credential_response(
    status: int, doc: Mapping[str, object], *, url: str = ""
) -> Issued | Deferred:
    """Parse a successful (200/202) credential or deferred credential response.

    A ``c_nonce`` beside the credentials (drafts up to 14) is kept. Raises IssuerError when
    the body has neither credentials nor a transaction id.
    """
    notification = doc.get("notification_id")
    notification_id = notification if isinstance(notification, str) else None
    nonce = doc.get("c_nonce")
    c_nonce = nonce if isinstance(nonce, str) and nonce else None
    raw_list = doc.get("credentials")
    values: list[str] = []
    if isinstance(raw_list, list):
        for item in raw_list:
            value = _credential_value(item)
            if value is None:
                raise _bad("an entry of `credentials` holds no credential", url, status)
            values.append(value)
    elif "credential" in doc:
        value = _credential_value(doc.get("credential"))
        if value is None:
            raise _bad("`credential` is empty", url, status)
        values.append(value)
    if values:
        return Issued(credentials=tuple(values), notification_id=notification_id, c_nonce=c_nonce)
    tx = doc.get("transaction_id") or doc.get("acceptance_token")
    if isinstance(tx, str) and tx:
        return Deferred(
            transaction_id=tx, interval=interval_seconds(doc.get("interval")), c_nonce=c_nonce
        )
    raise _bad("neither credentials nor transaction_id in the response", url, status)
