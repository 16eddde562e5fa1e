"""The issuance flow's steps and failures, derived from its protocol trace (no widgets).

A trace entry's ``step`` field (set by ``oid4vci.client``) names the request; these pure
functions map it to the rows the flow dialog shows and build the failure text. The labels of
the technical details are our sentences, so they are translated (``FlowSteps`` context); the
issuer's own words and codes stay as sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from wallet_app.errors import Cancelled, IssuerError, WalletError
from wallet_app.wallet.resolve import ResolvedOffer

__all__ = ["STEPS", "UNEXPECTED", "derive_steps", "expected_steps", "failure_text", "step_of"]

STEPS = ("metadata", "authorization", "token", "nonce", "credential", "notification")
# which steps must be finished before a step can start (token ‖ nonce run in parallel)
_AFTER: Mapping[str, tuple[str, ...]] = {
    "metadata": (),
    "authorization": ("metadata",),
    "token": ("metadata", "authorization"),
    "nonce": ("metadata", "authorization"),
    "credential": ("token", "nonce"),
    "notification": ("credential",),
}
UNEXPECTED = "Something went wrong. Details are in the log."


def step_of(exchange_step: str) -> str | None:
    """The step row of a trace entry's ``step`` field (None for unrelated exchanges)."""
    name = exchange_step.split(" (")[0].strip()
    mapping = {
        "credential offer": "metadata",
        "issuer metadata": "metadata",
        "authorization server metadata": "metadata",
        "pushed authorization request": "authorization",
        "token": "token",
        "nonce": "nonce",
        "credential": "credential",
        "deferred credential": "credential",
        "notification": "notification",
    }
    if name in mapping:
        return mapping[name]
    return "metadata" if "metadata" in name else None


def derive_steps(
    exchanges: Sequence[Mapping[str, object]], expected: Sequence[str]
) -> dict[str, tuple[str, float]]:
    """Status and total ms of each expected step from a trace; not-yet-seen steps whose
    prerequisites are all seen are "running", the rest "waiting"."""
    seen: dict[str, tuple[bool, float]] = {}
    for ex in exchanges:
        step = step_of(str(ex.get("step", "")))
        if step is None:
            continue
        status = ex.get("status")
        ok = ex.get("error") is None and isinstance(status, int) and status < 400
        duration = ex.get("duration_ms")
        ms = float(duration) if isinstance(duration, int | float) else 0.0
        seen[step] = (ok, seen.get(step, (ok, 0.0))[1] + ms)  # the last exchange decides
    out: dict[str, tuple[str, float]] = {}
    for step in expected:
        if step in seen:
            ok, ms = seen[step]
            out[step] = ("done" if ok else "failed", ms)
        else:
            ready = all(p in seen or p not in expected for p in _AFTER[step])
            out[step] = ("running" if ready else "waiting", 0.0)
    return out


def _exchange_lines(exchanges: Sequence[Mapping[str, object]]) -> list[str]:
    lines = []
    for ex in exchanges:
        status = ex.get("status") if ex.get("status") is not None else ex.get("error") or "—"
        lines.append(
            f"{ex.get('method', '?')} {ex.get('url', '?')} → {status} "
            f"({ex.get('duration_ms', '?')} ms) [{ex.get('step', '')}]"
        )
    return lines


def failure_text(
    exc: BaseException, exchanges: Sequence[Mapping[str, object]] = ()
) -> tuple[str, str] | None:
    """(plain sentence, technical details) for a failure; None for a cancellation."""
    if isinstance(exc, Cancelled):
        return None
    if not isinstance(exc, WalletError):
        exchanges_label = QCoreApplication.translate("FlowSteps", "HTTP exchanges:")
        return UNEXPECTED, f"{type(exc).__name__}\n\n{exchanges_label}\n" + "\n".join(
            _exchange_lines(exchanges)
        )
    lines = [QCoreApplication.translate("FlowSteps", "Error code: {code}").format(code=exc.code)]
    if isinstance(exc, IssuerError):
        for label, value in (
            (
                QCoreApplication.translate("FlowSteps", "Error"),
                exc.error if exc.error != exc.code else None,
            ),
            (QCoreApplication.translate("FlowSteps", "Description"), exc.error_description),
            (QCoreApplication.translate("FlowSteps", "HTTP status"), exc.status),
            (QCoreApplication.translate("FlowSteps", "URL"), exc.url),
        ):
            if value is not None:
                lines.append(f"{label}: {value}")
    if exc.detail and not (isinstance(exc, IssuerError) and exc.detail.startswith("HTTP ")):
        # (an IssuerError's default detail repeats the above)
        lines.append(
            QCoreApplication.translate("FlowSteps", "Detail: {detail}").format(detail=exc.detail)
        )
    if exchanges:
        lines += [
            "",
            QCoreApplication.translate("FlowSteps", "HTTP exchanges:"),
            *_exchange_lines(exchanges),
        ]
    return exc.user_message, "\n".join(lines)


def expected_steps(resolved: ResolvedOffer) -> list[str]:
    """The step rows of an issuance of ``resolved`` (authorization only for the code flow)."""
    code_flow = resolved.grant == "authorization_code"
    return [s for s in STEPS if s != "authorization" or code_flow]
