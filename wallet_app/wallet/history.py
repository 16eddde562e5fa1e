"""The wallet's activity in plain language, per credential and for the whole wallet.

Built from what the store already keeps (:meth:`CredentialStore.list_history`, one row per
flow or deletion, and each flow's sealed trace): received, pending, completed later (deferred
issuance, OID4VCI 1.0 §9), notification sent (§11), deleted, failed and cancelled attempts with
their reason. Each entry is a :class:`~wallet_app.errors.Sentence` (template + params), so a
UI shows it in its language. No Qt.

A history row names no credential id; a credential's entries are the flows from its issuer
that name it and ended when it was stored (``received_at``, within a few seconds), plus the
"will be issued later" flow before a deferred credential was completed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Literal, Protocol
from urllib.parse import urlsplit

from wallet_app.errors import Sentence, WalletError
from wallet_app.frozen import frozen
from wallet_app.wallet.cards import issuer_name
from wallet_app.wallet.records import HistoryEntry, StoredCredential

__all__ = [
    "ActivityEntry",
    "ActivityKind",
    "HistorySource",
    "activity_entries",
    "credential_activity",
    "load_activity",
]

ActivityKind = Literal[
    "received", "pending", "completed", "notified", "deleted", "failed", "cancelled"
]

#: how far apart the store's clock may put a credential's ``received_at`` and its flow's row
_SAME_MOMENT_S = 5.0
_NAMED_EVENTS = {
    "credential_accepted": Sentence("Told {issuer} that {name} was stored"),
    "credential_deleted": Sentence("Told {issuer} that {name} was deleted"),
    "credential_failure": Sentence("Told {issuer} that {name} could not be stored"),
}
_NOTIFICATION_EVENTS = {
    "credential_accepted": Sentence("Told {issuer} that the credential was stored"),
    "credential_deleted": Sentence("Told {issuer} that the credential was deleted"),
    "credential_failure": Sentence("Told {issuer} that the credential could not be stored"),
}


class HistorySource(Protocol):
    """The parts of :class:`~wallet_app.wallet.store.CredentialStore` the activity reads."""

    def list_credentials(self) -> list[StoredCredential]:
        """All stored credentials."""
        ...

    def list_history(self) -> list[HistoryEntry]:
        """The history rows, newest first."""
        ...

    def get_trace(self, flow_id: str) -> list[Mapping[str, object]]:
        """One flow's recorded exchanges."""
        ...


@frozen
class ActivityEntry:
    """One line of activity: when, what kind, the sentence, and what it refers to.

    ``at`` is ISO 8601 UTC; ``flow_id`` is set when the entry has a recorded protocol trace
    (the inspector can open it); ``credential_ids`` are the stored credentials it concerns.
    """

    at: str
    kind: ActivityKind
    sentence: Sentence
    issuer: str
    flow_id: str | None
    credential_ids: tuple[str, ...] = ()

    @property
    def template(self) -> str:
        """The English template of :attr:`sentence` (for translation)."""
        return self.sentence.template

    @property
    def params(self) -> Mapping[str, str]:
        """The values filled into :attr:`template`."""
        return self.sentence.params


def _moment(iso: str) -> float | None:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _names(text: str) -> set[str]:
    """Every ``name`` param inside a (nested) Sentence."""
    if not isinstance(text, Sentence):
        return set()
    found = {v for k, v in text.params.items() if k == "name"}
    for value in text.params.values():
        found |= _names(value)
    return found


def _kind(entry: HistoryEntry) -> ActivityKind | None:
    match entry.outcome:
        case "issued":
            return "completed" if entry.kind == "deferred" else "received"
        case "deferred":
            return "pending"
        case "deleted":
            return "deleted"
        case "failed":
            return "failed"
        case "cancelled":
            return "cancelled"
    return None


def _sentence(kind: ActivityKind, entry: HistoryEntry, issuer: str) -> Sentence:
    summary = entry.summary
    match kind:
        case "completed":
            return Sentence("Completed later: {summary}", {"summary": summary})
        case "failed":
            if entry.kind == "deferred" and isinstance(summary, Sentence):
                return summary  # "{name} will not be issued: {reason}"
            return Sentence(
                "Could not receive a credential from {issuer}: {reason}",
                {"issuer": issuer, "reason": summary},
            )
        case "cancelled":
            return Sentence("Cancelled receiving a credential from {issuer}", {"issuer": issuer})
    return summary if isinstance(summary, Sentence) else Sentence("{summary}", {"summary": summary})


def _names_it(entry: HistoryEntry, credential: StoredCredential) -> bool:
    return entry.issuer == credential.issuer and credential.name in _names(entry.summary)


def _owners(
    history: Sequence[HistoryEntry], credentials: Sequence[StoredCredential]
) -> dict[str, set[str]]:
    """flow id -> the credentials it stored. The store writes a credential's ``received_at``
    and its flow's row in one transaction from one clock, so they are equal to the second;
    a credential without an equal row takes the nearest one within a few seconds, else (a
    deferred issuance completed later: the store keeps the flow's first time) the latest
    earlier flow that named it and is not another credential's."""
    owners: dict[str, set[str]] = {}
    stored = [e for e in history if e.outcome in ("issued", "deferred")]
    late: list[StoredCredential] = []
    for credential in credentials:
        named = [e for e in stored if _names_it(e, credential)]
        exact = [e for e in named if e.at == credential.received_at]
        if not exact:
            received = _moment(credential.received_at)
            near = [
                (abs(moment - received), e)
                for e in named
                if received is not None
                and (moment := _moment(e.at)) is not None
                and abs(moment - received) <= _SAME_MOMENT_S
            ]
            exact = [min(near, key=lambda pair: pair[0])[1]] if near else []
        if not exact:
            late.append(credential)
        for entry in exact:
            owners.setdefault(entry.flow_id, set()).add(credential.id)
    for credential in late:
        received = _moment(credential.received_at)
        earlier = [
            (moment, e)
            for e in stored
            if _names_it(e, credential)
            and e.flow_id not in owners
            and received is not None
            and (moment := _moment(e.at)) is not None
            and moment < received
        ]
        if earlier:
            flow = max(earlier, key=lambda pair: pair[0])[1]
            owners.setdefault(flow.flow_id, set()).add(credential.id)
    return owners


def _notifications(
    exchanges: Sequence[Mapping[str, object]],
    issuer: str,
    flow_id: str,
    ids: tuple[str, ...],
    names: set[str],
) -> list[ActivityEntry]:
    """The notifications (§11) a flow's trace shows as delivered; named when the flow
    stored one kind of credential."""
    out: list[ActivityEntry] = []
    for exchange in exchanges:
        status = exchange.get("status")
        if not str(exchange.get("step", "")).startswith("notification"):
            continue
        if not isinstance(status, int) or not 200 <= status < 300:
            continue
        try:
            body = json.loads(str(exchange.get("request_body") or "{}"))
        except ValueError:
            body = {}
        event = body.get("event") if isinstance(body, dict) else None
        key = str(event) if event in _NOTIFICATION_EVENTS else "credential_accepted"
        params = {"issuer": issuer}
        if len(names) == 1:
            template = _NAMED_EVENTS[key]
            params["name"] = next(iter(names))
        else:
            template = _NOTIFICATION_EVENTS[key]
        started = exchange.get("started_at")
        at = (
            datetime.fromtimestamp(started, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            if isinstance(started, int | float) and started > 0
            else ""
        )
        out.append(
            ActivityEntry(
                at=at,
                kind="notified",
                sentence=Sentence(template.template, params),
                issuer=issuer,
                flow_id=flow_id,
                credential_ids=ids,
            )
        )
    return out


def activity_entries(
    history: Sequence[HistoryEntry],
    credentials: Sequence[StoredCredential],
    *,
    traces: Callable[[str], Sequence[Mapping[str, object]]] | None = None,
    issuer_names: Mapping[str, str] | None = None,
    credential_id: str | None = None,
) -> list[ActivityEntry]:
    """The wallet's activity, newest first, from the store's history rows; with
    ``credential_id`` only that credential's (and only its flows' traces are read).

    ``traces`` gives a flow's recorded exchanges (for the notifications it sent; a trace that
    cannot be read is skipped); ``issuer_names`` maps issuer URLs to display names (else the
    URL's host is shown). Raises nothing.
    """
    names = issuer_names or {}
    owners = _owners(history, credentials)
    out: list[ActivityEntry] = []
    for entry in history:
        kind = _kind(entry)
        if kind is None:
            continue
        issuer = names.get(entry.issuer) or _host(entry.issuer)
        ids = tuple(c.id for c in credentials if c.id in owners.get(entry.flow_id, ()))
        if kind == "pending" and not ids:
            ids = _completed_from(entry, credentials)
        if credential_id is not None and credential_id not in ids:
            continue
        flow_id = None if kind == "deleted" else entry.flow_id
        later = _completed_at(entry, credentials, ids) if kind == "received" else None
        flow: list[ActivityEntry] = []  # this flow's entries, oldest first
        if later is not None:  # one flow, pending first and issued after its polls
            flow.append(ActivityEntry(entry.at, "pending", _pending(entry), issuer, flow_id, ids))
            kind = "completed"
        flow.append(
            ActivityEntry(
                later or entry.at, kind, _sentence(kind, entry, issuer), issuer, flow_id, ids
            )
        )
        if traces is not None and kind in ("received", "completed"):
            try:
                exchanges = traces(entry.flow_id)
            except WalletError:
                exchanges = ()
            flow.extend(
                _notifications(exchanges, issuer, entry.flow_id, ids, _names(entry.summary))
            )
        out.extend(reversed(flow))  # newest first, like the history rows
    out.sort(key=lambda e: e.at, reverse=True)  # stable: same-second entries keep their order
    return out


def _pending(entry: HistoryEntry) -> Sentence:
    names = sorted(_names(entry.summary))
    return Sentence("{name} will be issued later", {"name": ", ".join(names)})


def _completed_at(
    entry: HistoryEntry, credentials: Sequence[StoredCredential], ids: tuple[str, ...]
) -> str | None:
    """When a flow's credential arrived, if clearly after the flow (completed later)."""
    at = _moment(entry.at)
    for credential in credentials:
        moment = _moment(credential.received_at)
        if (
            credential.id in ids
            and at is not None
            and moment is not None
            and moment > at + _SAME_MOMENT_S
        ):
            return credential.received_at
    return None


def _completed_from(
    entry: HistoryEntry, credentials: Sequence[StoredCredential]
) -> tuple[str, ...]:
    """The credentials a "will be issued later" flow became: issued later by the same issuer
    under a name the flow named (the nearest such credential after it)."""
    at = _moment(entry.at)
    later = [
        (moment, c)
        for c in credentials
        if c.status == "issued"
        and c.issuer == entry.issuer
        and c.name in _names(entry.summary)
        and (moment := _moment(c.received_at)) is not None
        and at is not None
        and moment > at + _SAME_MOMENT_S
    ]
    if not later:
        return ()
    first = min(moment for moment, _ in later)
    return tuple(c.id for moment, c in later if moment == first)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def credential_activity(
    entries: Iterable[ActivityEntry], credential_id: str
) -> list[ActivityEntry]:
    """The entries that concern one credential, in the order given."""
    return [e for e in entries if credential_id in e.credential_ids]


def load_activity(
    store: HistorySource, *, credential_id: str | None = None, locales: Sequence[str] = ("en",)
) -> list[ActivityEntry]:
    """Read the store's history and traces (blocking: call it in a job) and build the
    activity of the wallet, or of one credential. Raises StorageError."""
    credentials = store.list_credentials()
    names = {c.issuer: issuer_name(c.card, locales) for c in credentials}
    return activity_entries(
        store.list_history(),
        credentials,
        traces=store.get_trace,
        issuer_names=names,
        credential_id=credential_id,
    )
