"""The screenshot tool's issuer-trust screens (issue 9 "Done when": badge, review and "Why?"
in English and German), taken from real issuances by the demo issuer:

* ``trust-cards``: the card list with a card of each verdict (trusted, not in the trust list,
  invalid, revoked, suspended);
* ``trust-details`` / ``trust-why`` / ``trust-why-invalid``: the details' trust box and the
  "Why?" dialog of a trusted and of an invalid credential;
* ``trust-accept``: the dialog that asks whether to keep a credential whose chain failed;
* ``trust-review``: the offer review of an issuer with signed metadata, its root trusted
  (``trust-review-unvouched``: before, when no anchor vouches for its signer);
* ``trust-settings``: Settings > Trust with the demo root.

``screenshots.py`` calls :func:`shoot_trust` (``--only trust``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["shoot_trust", "trust_demo_root"]


def trust_demo_root(ctx: Any) -> None:
    """As ``wallet-app --demo`` does for a throw-away store: the demo root is an anchor."""
    from wallet_app.gui.status_refresh import status_refresher

    service = status_refresher(ctx).service()
    service.add_anchor_certificates(ctx.extras["demo_issuer"].root_certificate_pem(), source="demo")


def _issue(ctx: Any, issuer: Any, configuration_id: str) -> Any:
    offer = issuer.create_offer([configuration_id])
    flow = ctx.wallet.new_flow("pre-authorized")
    resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
    result = ctx.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    return result.credentials[0]


def shoot_trust(shooter: Any, ctx: Any, window: Any) -> None:
    """Every trust screen (see the module text)."""
    from wallet_app.demo_issuer import DemoConfig, serve
    from wallet_app.gui.accept_invalid import AcceptInvalidDialog
    from wallet_app.gui.credential_view import CredentialDetailsDialog
    from wallet_app.gui.status_refresh import status_refresher

    issuer = ctx.extras["demo_issuer"]
    faults = issuer.faults
    service = status_refresher(ctx).service()
    other = serve(DemoConfig(signed_metadata=True))  # its root is not trusted (yet)
    asked: list[Any] = []
    before = ctx.wallet.accept_invalid
    try:
        trusted = _issue(ctx, issuer, "diploma_sd_jwt")
        untrusted = _issue(ctx, other.issuer, "pid_sd_jwt")
        ctx.wallet.accept_invalid = lambda v: asked.append(v) or True  # keep it, marked
        faults.broken_chain = True
        invalid = _issue(ctx, issuer, "mdl_mdoc")
        faults.broken_chain = False
        ctx.wallet.accept_invalid = before
        faults.revoked = True
        revoked = _issue(ctx, issuer, "pid_sd_jwt")
        faults.revoked = False
        service.refresh_status(revoked.id, force=True)  # past the cached status list
        suspended = _issue(ctx, issuer, "diploma_sd_jwt")
        record = ctx.store.get_credential(suspended.id)
        issuer.set_status(record.instances[0].credential, 2)
        service.refresh_status(suspended.id, force=True)
        ctx.events.credentials_changed.emit()
        shooter.wait(800)
        window.list_view.scrollToTop()  # the newest cards: one of each verdict
        shooter.wait(300)
        shooter.save("trust-cards", window)

        for name, stored in (("", trusted), ("-invalid", invalid), ("-untrusted", untrusted)):
            dialog = CredentialDetailsDialog(ctx, stored.id, window)
            dialog.resize(max(dialog.width(), 760), max(dialog.height(), 680))
            dialog.show()
            section = dialog.trust
            shooter.wait(4000, lambda s=section: s is None or s.check_button.isEnabled())
            if name == "":
                shooter.save("trust-details", dialog)
            why = section.show_why() if section is not None else None
            if why is not None:
                shooter.save(f"trust-why{name}", why)
                why.close()
            dialog.close()

        if asked:
            accept = AcceptInvalidDialog(asked[0], window)
            shooter.save("trust-accept", accept)
            accept.close()

        shoot_review(shooter, ctx, window, other.issuer, "trust-review-unvouched")
        service.add_anchor_certificates(other.issuer.root_certificate_pem(), source="user")
        ctx.wallet.cache.clear()  # its signed metadata is judged again
        shoot_review(shooter, ctx, window, other.issuer, "trust-review")
        shoot_settings(shooter, ctx, window)
    finally:
        faults.broken_chain = faults.revoked = False
        ctx.wallet.accept_invalid = before
        other.stop()


def shoot_review(shooter: Any, ctx: Any, window: Any, issuer: Any, name: str) -> None:
    """The offer review of an issuer with signed metadata (its root trusted or not)."""
    from wallet_app.gui.offer_review import start_offer_review

    offer = issuer.create_offer(["pid_sd_jwt"])
    start_offer_review(ctx, offer.uri, "demo", window)
    shooter.wait(5000, lambda: shooter._review_ready())
    dialog = shooter.top_level("OfferReviewDialog")
    if dialog is None:
        return
    shooter.wait(5000, lambda: getattr(dialog, "review_page", None) is not None)
    shooter.wait(600)  # the logo loads
    dialog.resize(max(dialog.width(), 620), max(dialog.height(), 560))
    shooter.save(name, dialog)
    dialog.close()


def shoot_settings(shooter: Any, ctx: Any, window: Any) -> None:
    """Settings > Trust with the anchors."""
    import tempfile
    from pathlib import Path

    from wallet_app.gui.settings_dialog import SettingsDialog
    from wallet_app.gui.trust_settings import TrustPage

    path = Path(tempfile.mkdtemp(prefix="prefs-")) / "settings.json"
    dialog = SettingsDialog(ctx, window, path=path, env={})
    page = dialog.findChild(TrustPage)
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    dialog.show()
    shooter.wait(3000, lambda: page is None or page.table.rowCount() > 0)
    shooter.save("trust-settings", dialog)
    dialog.close()
