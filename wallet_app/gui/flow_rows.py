"""Step bookkeeping of :class:`~wallet_app.gui.issuance_flow.IssuanceFlow` (no widgets).

:func:`settle_rows` maps a flow's trace to the step rows, with what only the flow knows (the
sign-in still open, a redirect that carried an error, a final outcome); :class:`Leftovers`
is what a flow must release even when its QObject is destroyed without a cancel.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

from wallet_app.gui.flow_steps import derive_steps
from wallet_app.host.loopback import LoopbackReceiver

__all__ = ["Leftovers", "settle_rows"]


class Leftovers:
    """What a flow must release even when its QObject is destroyed without a cancel."""

    def __init__(self, states: set[str]) -> None:
        self.alive = True
        self.states = states
        self.state: str | None = None
        self.loopback: LoopbackReceiver | None = None

    def release(self, *_: object) -> None:
        self.alive = False
        if self.state is not None:
            self.states.discard(self.state)
        if self.loopback is not None:
            self.loopback.close()


def settle_rows(
    exchanges: Sequence[Mapping[str, object]],
    *,
    expected: Sequence[str],
    skipped: Collection[str],
    code_flow: bool,
    phase: str,
    redirect_error: str | None,
    auth_ms: float | None,
    final: str | None = None,
) -> Iterator[tuple[str, str, float]]:
    """The rows ``(step, status, ms)`` for the trace, in order; ``final`` ("done"/"failed")
    settles unfinished rows. A notification still being sent after "done" yields no row.
    ``final`` "refused" (``flow_refusal``): a failure that may have come after the credential
    answered; then the Credential row is "failed" and a notification not seen yet yields no
    row (``flow_refusal.settle_notification`` settles it); otherwise as "failed"."""
    derived = derive_steps(exchanges, [s for s in expected if s not in skipped])
    refused = final == "refused" and derived.get("credential", ("",))[0] == "done"
    if final == "refused":
        final = "failed"
    if refused:  # the credential came, and the wallet refused it
        derived["credential"] = ("failed", derived["credential"][1])
    if "metadata" in derived and derived["metadata"][0] != "failed":
        derived["metadata"] = ("done", derived["metadata"][1])
    if code_flow and redirect_error is not None:
        # the browser came back without a code: the sign-in ended there, nothing after it
        # ran (a declined sign-in is the person's choice, not a failure of the token step)
        declined = redirect_error == "access_denied"
        derived["authorization"] = ("declined" if declined else "failed", auth_ms or 0.0)
        for step in ("token", "nonce", "credential", "notification"):
            if step in derived and derived[step][0] in ("running", "waiting"):
                derived[step] = ("skipped", 0.0)
    elif code_flow and derived["authorization"][0] != "failed":
        if phase in ("running", "browser"):  # signed in only when the redirect came
            derived["authorization"] = ("running", derived["authorization"][1])
            for step, (status, ms) in derived.items():
                if status == "running" and step != "authorization":
                    derived[step] = ("waiting", ms)
        elif auth_ms is not None:
            derived["authorization"] = ("done", auth_ms)
    failed_seen = any(status in ("failed", "declined") for status, _ in derived.values())
    for step in expected:
        if step in skipped:
            yield step, "skipped", 0.0
            continue
        status, ms = derived[step]
        sending = step == "notification" and (final == "done" or refused)
        if sending and status not in ("done", "failed"):
            continue  # still being sent in the background; settled after the wait
        if status == "declined":
            pass
        elif final == "done" and status != "done":
            status = "skipped"  # e.g. no nonce request: the token response carried c_nonce
        elif final == "failed" and status in ("running", "waiting"):
            status = "failed" if status == "running" and not failed_seen else "skipped"
            failed_seen = failed_seen or status == "failed"
        yield step, status, ms
