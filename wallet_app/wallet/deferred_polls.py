"""Polling the Deferred Credential Endpoint for every pending credential that is due (§9).

Never before the issuer's ``interval``; a failed poll is recorded in the history and moves the
entry's next poll out, so nothing retries it in a tight loop.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable

from wallet_app.errors import Sentence, WalletError
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.receiving import CredentialReceiver
from wallet_app.wallet.store import CredentialStore, DeferredRecord

__all__ = ["RETRY_AFTER_FAILURE", "poll_due"]

#: after a failed poll the next one waits at least this long (and at least the interval)
RETRY_AFTER_FAILURE = 300.0


def _back_off(store: CredentialStore, record: DeferredRecord, now: float) -> None:
    """Move a failed entry's next poll out, so nothing retries it in a tight loop."""
    interval = record.context.get("interval")
    wait = max(RETRY_AFTER_FAILURE, float(interval) if isinstance(interval, int) else 0.0)
    with contextlib.suppress(WalletError):  # removed or completed meanwhile: nothing to move
        store.update_deferred(record.stored.id, next_poll_at=now + wait)


def poll_due(
    store: CredentialStore,
    *,
    receiver_for: Callable[[Flow], CredentialReceiver],
    record_failure: Callable[[Flow, str, BaseException], None],
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    max_wait: float = 0.0,
    credential_id: str | None = None,
) -> list[tuple[str, str, str]]:
    """Poll every pending credential that is due (§9), or only those whose id starts
    with ``credential_id``.

    One due within ``max_wait`` seconds of the call is waited for (in order of due time);
    a later one is reported ``not_due``. Never polls before the issuer's ``interval`` has
    passed. Returns ``(credential_id, outcome, message)`` with outcome ``issued``,
    ``pending``, ``not_due`` or ``failed``; a failed poll is recorded in the history, and
    its message is a :class:`~wallet_app.errors.Sentence` (a UI can translate it).
    Raises StorageError when the pending entries cannot be read.
    """
    deadline = clock() + max(0.0, max_wait)
    records = sorted(
        (
            r
            for r in store.list_deferred()
            if not credential_id or r.stored.id.startswith(credential_id)
        ),
        key=lambda r: r.next_poll_at,
    )
    results: list[tuple[str, str, str]] = []
    for record in records:
        if record.next_poll_at > deadline:
            delay = record.next_poll_at - clock()
            next_poll = Sentence("next poll in {seconds} s", {"seconds": math.ceil(delay)})
            results.append((record.stored.id, "not_due", next_poll))
            continue
        # a loop: the wall clock may lag the sleep's monotonic clock
        while (delay := record.next_poll_at - clock()) > 0:
            sleep(delay)
        flow = Flow("deferred")
        try:
            outcome, message = receiver_for(flow).poll(record)
        except WalletError as exc:
            record_failure(flow, record.stored.issuer, exc)
            outcome, message = "failed", exc.sentence
            _back_off(store, record, clock())
        results.append((record.stored.id, outcome, message))
    return results
