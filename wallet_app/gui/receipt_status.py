"""The status of credentials a flow just received (issue 9, T5): the wallet checks it after
storing them, off the flow's critical path, so the flow's "done" page and the cards first
show them without it. When those checks end, the new cards on the "done" page get their
verdict, and the main window reloads its cards from the store when the status changed the
verdict (revoked, suspended; else its card already shows it). (Not through the
StatusRefresher's ``verification_changed``: an open details view takes that for the end of
its own re-check.)"""

from __future__ import annotations

import logging
from concurrent.futures import wait as wait_futures
from typing import TYPE_CHECKING

import shiboken6

from wallet_app.gui.card_delegate import CardWidget
from wallet_app.gui.card_info import card_info

if TYPE_CHECKING:
    from wallet_app.gui.context import GuiContext
    from wallet_app.gui.flow_view import FlowDialog
    from wallet_app.trust.model import Verification
    from wallet_app.wallet.issuance import IssuanceResult

__all__ = ["follow_status", "show_kept"]

log = logging.getLogger(__name__)


def follow_status(ctx: GuiContext, result: IssuanceResult, dialog: FlowDialog) -> None:
    """Say on ``dialog``'s success page which copies were not kept (:func:`show_kept`);
    wait in a job for the status checks of ``result``'s credentials, then show each final
    verdict on ``dialog``'s card (while the dialog exists) and in the main window.
    Raises nothing."""
    show_kept(result, dialog)
    checks = dict(result.status_checks)
    if not checks:
        return
    events = ctx.events

    def work() -> dict[str, Verification]:
        wait_futures(checks.values())  # each ends: its fetch has a timeout, errors give None
        found: dict[str, Verification] = {}
        for credential_id, future in checks.items():
            if not future.cancelled() and future.exception() is None:
                verification = future.result()
                if verification is not None:
                    found[credential_id] = verification
        return found

    stored = {c.id: c for c in result.credentials}
    locales = ctx.settings.locales

    def done(found: dict[str, Verification]) -> None:
        if shiboken6.isValid(dialog):  # not closed and deleted meanwhile
            for card in dialog.card_widgets:
                cid = card.info.id if isinstance(card, CardWidget) else ""
                if isinstance(card, CardWidget) and cid in found and cid in stored:
                    # made as the page made it, with the verdict (revoked is also its validity)
                    card.set_info(card_info(stored[cid], locales, trust=found[cid].verdict))
        if any(_status_decides(v) for v in found.values()):
            events.credentials_changed.emit()  # the main window reloads its cards

    def failed(exc: BaseException) -> None:
        log.info("the status of the new credentials was not shown: %s", exc)

    ctx.jobs.run(work, done, failed)


def show_kept(result: IssuanceResult, dialog: FlowDialog) -> None:
    """Under the success heading, for each credential some of whose copies were dropped:
    "2 of 3 copies kept: one could not be read (…)" (issue 10, W6). Raises nothing."""
    from PySide6.QtCore import QCoreApplication

    from wallet_app.gui.messages import sentence_text

    lines = []
    for stored in result.credentials:
        note = result.kept_note(stored.id)
        if note is None:
            continue
        lines.append(
            QCoreApplication.translate("FlowDialog", "{name}: {copies}").format(
                name=stored.name, copies=sentence_text(note)
            )
            if len(result.credentials) > 1
            else sentence_text(note)
        )
    if lines:
        shown = "" if dialog.result_text.isHidden() else dialog.result_text.text()
        dialog.result_text.setText("\n".join(filter(None, [shown, *lines])))
        dialog.result_text.show()


def _status_decides(verification: Verification) -> bool:
    """True when the status changed the verdict (revoked, suspended): the card painted
    before the status was known shows another one. Raises nothing."""
    from wallet_app.trust.model import decide

    others = [c for c in verification.checks if c.kind != "status"]
    return decide(others, None, verification.anchor) != verification.verdict
