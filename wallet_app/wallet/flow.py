"""One issuance flow's identity and protocol trace."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping, Sequence

from wallet_app.oid4vci.exchange import Exchange

__all__ = ["Flow"]


class Flow:
    """Collects the redacted HTTP exchanges of one flow (thread-safe) and names its steps."""

    def __init__(self, kind: str, flow_id: str | None = None) -> None:
        self.flow_id = flow_id or uuid.uuid4().hex
        self.kind = kind
        #: the recorded flow this trace belongs to: its own id, or for a deferred poll the
        #: flow that was answered "deferred" (exchanges made after recording go there)
        self.record_id = self.flow_id
        self._exchanges: list[Mapping[str, object]] = []
        self._lock = threading.Lock()
        #: the protocol draft spoken and why: {"draft": "13", "source": "metadata"|"profile"}
        self._dialect: Mapping[str, str] | None = None

    def note_dialect(self, draft: str, *, overridden: bool) -> None:
        """Record the draft the next exchanges speak: detected from the metadata, or chosen
        by the client profile (``overridden``); each later exchange carries it as
        ``dialect`` (``{"draft", "source": "metadata"|"profile"}``) for the inspector."""
        with self._lock:
            self._dialect = {"draft": draft, "source": "profile" if overridden else "metadata"}

    def add(self, exchange: Exchange) -> None:
        """Record one exchange (an HttpSession sink)."""
        entry = exchange.to_json()
        with self._lock:
            if self._dialect is not None:
                entry["dialect"] = dict(self._dialect)
            self._exchanges.append(entry)

    def extend(self, exchanges: Sequence[Mapping[str, object]]) -> None:
        """Add exchanges recorded earlier (e.g. before a restart)."""
        with self._lock:
            self._exchanges.extend(exchanges)

    def exchanges(self) -> list[Mapping[str, object]]:
        """A snapshot of the exchanges so far, in order of completion."""
        with self._lock:
            return list(self._exchanges)
