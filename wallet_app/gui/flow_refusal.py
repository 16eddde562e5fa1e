"""A receive refused after its credential arrived (issue 11): the credential answered 200, but
the wallet refused what it held (the structural floor, a wrong key, a trust failure), stored
nothing and told the issuer ``credential_failure`` in the background.

The Credential row then shows "failed" (not the HTTP exchange's "done"), and the Notification
row waits for that notification: "done" once it went out, "failed" if it did not get an
answer, "skipped" when none was sent (no endpoint, no notification id). The trace is emitted
again after the wait so the sequence diagram draws the notification's arrows too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from wallet_app.errors import FormatError, TrustError
from wallet_app.gui.flow_steps import derive_steps
from wallet_app.wallet.options import NOTIFICATION_WAIT

if TYPE_CHECKING:
    from wallet_app.gui.issuance_flow import IssuanceFlow

__all__ = ["NOTIFICATION_WAIT", "failure_final", "settle_notification"]


def failure_final(exc: BaseException) -> str:
    """The ``final`` of ``flow_rows.settle_rows`` for a flow that failed with ``exc``:
    "refused" when the credential itself may have been refused after it arrived."""
    return "refused" if isinstance(exc, FormatError | TrustError) else "failed"


def settle_notification(flow: IssuanceFlow, exc: BaseException) -> None:
    """After a refusal: wait (in a job) for the credential_failure notification, then settle
    the Notification row from the trace and redraw the diagram. Nothing for other failures."""
    if failure_final(exc) != "refused" or "notification" not in flow.expected:
        return
    wallet, inner, store = flow.ctx.wallet, flow.flow, flow.ctx.store
    flow_id, code_flow = flow.flow_id, flow.code_flow

    def wait_and_read() -> list[Mapping[str, object]]:
        wallet.wait_for_notifications(NOTIFICATION_WAIT)
        # the code flow ran in another Flow object: its stored trace is the full record
        return store.get_trace(flow_id) if code_flow else inner.exchanges()

    def waited(exchanges: object) -> None:
        if not isinstance(exchanges, list):
            return
        credential = derive_steps(exchanges, ["credential"])["credential"]
        if credential[0] != "done":
            return  # refused before the credential came: settle_rows said it all
        flow.trace_updated.emit([dict(ex) for ex in exchanges])
        status, ms = derive_steps(exchanges, ["notification"])["notification"]
        if status not in ("done", "failed"):
            status, ms = "skipped", 0.0  # none was sent
        flow._set("notification", status, ms)

    flow._run(wait_and_read, waited, poll=False, on_error=lambda _: None)
