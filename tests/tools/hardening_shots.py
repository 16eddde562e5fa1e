"""The screenshot tool's screens of issue 11 ("hold against hostile issuers"), taken from real
issuances by demo issuers on 127.0.0.1:

* ``hardening-review``: the offer review of an issuer whose display names hold ``<b>bold</b>``
  markup and a right-to-left override (U+202E): shown as plain text, bidi isolated;
* ``hardening-refused``: a receive refused by the structural floor (the demo issuer's
  ``faults.malformed = "alg_none"``), as the flow window shows it, details open;
* ``hardening-damaged``: the card list with a "Damaged record" card (a sealed list card that
  does not open), and ``hardening-damaged-message``: the message its double click shows.

``screenshots.py`` calls these (``--only hardening``). The damaged card stays in the throw-away
store, so these run last.
"""

from __future__ import annotations

import sqlite3
from typing import Any

__all__ = ["STEPS"]

#: issuer-controlled text that tries to be rich text and to reverse the line
HOSTILE_NAME = "<b>bold</b> Issuer \u202eevil"


def shot_hostile_review(shooter: Any, ctx: Any, window: Any) -> None:
    """The offer review of an issuer whose names are markup and an RLO (plain text)."""
    from wallet_app.demo_issuer import DemoConfig, serve
    from wallet_app.gui.offer_review import start_offer_review

    running = serve(DemoConfig(display_name=HOSTILE_NAME))
    try:
        offer = running.issuer.create_offer(["pid_sd_jwt"])
        start_offer_review(ctx, offer.uri, "demo", window)
        shooter.wait(5000, lambda: shooter._review_ready())
        dialog = shooter.top_level("OfferReviewDialog")
        if dialog is None:
            return
        shooter.wait(800)  # the logo loads
        dialog.resize(max(dialog.width(), 620), max(dialog.height(), 560))
        shooter.save("hardening-review", dialog)
        dialog.close()
    finally:
        running.stop()


def shot_refused(shooter: Any, ctx: Any, window: Any) -> None:
    """A receive the structural floor refuses (alg none): the flow window's failure."""
    from wallet_app.gui.flow_start import start_issuance

    issuer = ctx.extras["demo_issuer"]
    issuer.faults.malformed = "alg_none"
    try:
        offer = issuer.create_offer(["pid_sd_jwt"])
        flow = ctx.wallet.new_flow("screenshot")
        resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
        issuance = start_issuance(ctx, resolved, tx_code=offer.tx_code, parent=window)
        failed: list[object] = []
        issuance.failed.connect(lambda exc: failed.append(True))
        shooter.wait(8000, lambda: failed)
        steps = issuance.dialog.steps if issuance.dialog is not None else None
        # the credential_failure notification settles its row after the failure (issue 11)
        shooter.wait(8000, lambda: steps is None or steps.status_of("notification") != "running")
        shooter.wait(400)
        shown = shooter.top_level("FlowDialog")
        if shown is not None:
            shooter.expand_details(shown)
            shown.resize(max(shown.width(), 720), max(shown.height(), 640))
            shooter.save("hardening-refused", shown)
    finally:
        issuer.faults.malformed = None


def shot_damaged(shooter: Any, ctx: Any, window: Any) -> None:
    """A card whose sealed list card does not open: the card list, then its message."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    stored = ctx.store.list_credentials()
    issued = [c for c in stored if c.status == "issued" and c.format == "mso_mdoc"]
    victim = (issued or stored)[0].id  # a received card (a pending one keeps its badge)
    conn = sqlite3.connect(ctx.store.path)
    conn.execute("UPDATE credentials SET card = X'01020304' WHERE id = ?", (victim,))
    conn.commit()
    conn.close()
    ctx.events.credentials_changed.emit()
    shooter.wait(3000, lambda: window.model.is_damaged(victim))
    shooter.wait(600)
    window.list_view.scrollToTop()
    shooter.wait(300)
    shooter.save("hardening-damaged", window)
    window.open_details(victim)

    def boxes() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]

    shooter.wait(3000, lambda: boxes())
    for box in boxes():
        shooter.save("hardening-damaged-message", box)
        box.close()


#: (step name for ``--only``, the function taking (shooter, ctx, window))
STEPS = (
    ("hardening-review", shot_hostile_review),
    ("hardening-refused", shot_refused),
    ("hardening-damaged", shot_damaged),
)
