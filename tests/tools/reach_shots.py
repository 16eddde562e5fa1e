"""The screenshot tool's screens of issue 10 ("reach the issuers that are deployed"), taken
against demo issuers on 127.0.0.1 (the shared one, and one per mode these screens need):

* ``review-advanced``: the offer review with its *Advanced* section open and the development
  wallet provider chosen (its note, and the review's "Development wallet provider" pill);
* ``review-refusal``: an issuer that requires wallet and key attestation refuses the wallet
  without a provider, offering *Retry with development provider*;
* ``explorer-lint``: the explorer's *Lint findings* tab after *Probe responses* (an issuer
  with seeded deviations: PAR answers 200, the nonce response may be cached);
* ``inspector-lint``: the inspector's *Lint findings* tab of a flow with that issuer, and its
  status line naming the dialect;
* ``settings-proxy`` / ``settings-profiles``: Settings > General with the Proxy row (a proxy
  found in the environment) and Settings > Profiles with one remembered profile;
* ``flow-custom-redirect``: the flow window of a custom redirect (what to paste);
* ``flow-kept``: the success page of a batch with one broken copy ("2 of 3 copies kept").

``screenshots.py`` calls these (``--only advanced,refusal,lint,profiles,redirect,kept``).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["STEPS"]


@contextlib.contextmanager
def _demo(**config: Any) -> Iterator[Any]:
    """A demo issuer of its own (``DemoConfig(**config)``) on 127.0.0.1."""
    from wallet_app.demo_issuer import DemoConfig, serve

    running = serve(DemoConfig(**config))
    try:
        yield running.issuer
    finally:
        running.stop()


def _review(shooter: Any, ctx: Any, window: Any, uri: str, overrides: Any = None) -> Any:
    """An offer review of ``uri`` (resolved with ``overrides`` of the client profile), shown
    once the review or its error page is there."""
    from wallet_app.gui.offer_review import OfferReviewDialog

    dialog = OfferReviewDialog(ctx, uri, "paste", window)
    dialog.attestation_retry.overrides = overrides
    dialog.show()
    dialog.start()
    shooter.wait(10000, lambda: dialog.pages.currentWidget() is not dialog.loading_page)
    shooter.wait(600)  # logos load
    return dialog


def _scroll_to(widget: Any) -> None:
    """Scroll the scroll area holding ``widget`` so it shows."""
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)


def shot_advanced(shooter: Any, ctx: Any, window: Any) -> None:
    """The review's Advanced section open, the development provider chosen."""
    offer = ctx.extras["demo_issuer"].create_offer(["pid_sd_jwt"], grant="both")
    dialog = _review(shooter, ctx, window, offer.uri, {"wallet_provider": "dev"})
    section = dialog.profile_section
    section.toggle.setChecked(True)
    dialog.resize(max(dialog.width(), 620), max(dialog.height(), 700))  # fitted to the screen
    shooter.wait(200)
    _scroll_to(section.provider_note)
    shooter.save("review-advanced", dialog)
    dialog.close()


def shot_refusal(shooter: Any, ctx: Any, window: Any) -> None:
    """The refusal of an issuer that requires attestation, then the review the retry with the
    development provider reaches."""
    with _demo(require_wallet_attestation=True, require_key_attestation=True) as issuer:
        offer = issuer.create_offer(["pid_sd_jwt"])
        dialog = _review(shooter, ctx, window, offer.uri)
        retry = dialog.attestation_retry
        shooter.wait(1000, retry.isVisible)
        shooter.wait(300)  # the page grows for the explanation
        shooter.save("review-refusal", dialog)
        if retry.isVisible():
            retry.button.click()
            shooter.wait(10000, lambda: dialog.reviewed is not None)
            shooter.wait(600)
            shooter.save("review-dev-provider", dialog)
        dialog.close()


def shot_lint(shooter: Any, ctx: Any, window: Any) -> None:
    """The explorer's findings after probing, and the inspector's findings of a flow."""
    from wallet_app.gui.explorer import ExplorerWindow
    from wallet_app.gui.inspector import InspectorWindow

    with _demo(deviations=frozenset({"par_200", "nonce_cacheable"})) as issuer:
        win = ExplorerWindow(ctx, window)
        win.resize(1200, 800)  # the screen fit shrinks it on a smaller screen
        win.url_edit.setText(issuer.base_url)
        win.explore()
        shooter.wait(300)
        shooter.wait(10000, lambda: not ctx.jobs.active)
        panel = win.findings
        win.side.setCurrentWidget(panel)
        win.show()
        panel.probe_button.click()
        shooter.wait(300)
        shooter.wait(10000, lambda: panel.probe_button.isEnabled() and not ctx.jobs.active)
        shooter.wait(300)
        shooter.save("explorer-lint", win)
        win.close()

        made = issuer.create_offer(["pid_sd_jwt"])
        flow = ctx.wallet.new_flow("pre-authorized")
        resolved = ctx.wallet.resolve_offer(made.uri, flow=flow)
        result = ctx.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=made.tx_code)
        inspector = InspectorWindow(ctx, result.flow_id, window)
        inspector.resize(1200, 800)
        inspector.views.setCurrentWidget(inspector.findings)
        shooter.wait(800)
        shooter.save("inspector-lint", inspector)
        inspector.close()


def shot_profiles(shooter: Any, ctx: Any, window: Any) -> None:
    """Settings > General with the Proxy row (a proxy in the environment; the password never
    shows) and Settings > Profiles with one remembered profile."""
    from PySide6.QtWidgets import QScrollArea

    from wallet_app.gui.settings_dialog import SettingsDialog
    from wallet_app.preferences import remember_profile
    from wallet_app.profiles import PRESETS

    path = Path(tempfile.mkdtemp(prefix="prefs-")) / "settings.json"
    remember_profile(path, "https://issuer.eudiw.dev", PRESETS["eudi"])
    env = {"https_proxy": "http://alice:s3cret@proxy.corp.example:3128"}
    dialog = SettingsDialog(ctx, window, path=path, env=env)
    dialog.tabs.setCurrentIndex(0)
    dialog.show()
    shooter.wait(200)
    area = dialog.tabs.currentWidget()
    if isinstance(area, QScrollArea):
        area.ensureWidgetVisible(dialog.proxy)
    shooter.save("settings-proxy", dialog)
    dialog.tabs.setCurrentWidget(dialog.tabs.widget(dialog.tabs.count() - 1))
    shooter.save("settings-profiles", dialog)
    dialog.close()


def shot_redirect(shooter: Any, ctx: Any, window: Any) -> None:
    """The flow window of a custom redirect: sign in, then paste the address."""
    from wallet_app.gui.flow_start import start_issuance
    from wallet_app.profiles import ClientProfile

    offer = ctx.extras["demo_issuer"].create_offer(["diploma_sd_jwt"], grant="authorization_code")
    flow = ctx.wallet.new_flow("offer")
    custom = "http://127.0.0.1:9/elsewhere"  # the demo issuer allows loopback; nothing listens
    profile = ClientProfile(name="custom", redirect="custom", redirect_uri=custom)
    resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow, profile=profile)
    issuance = start_issuance(ctx, resolved, tx_code=None, parent=window, flow=flow)
    shooter.wait(10000, lambda: issuance.phase == "browser")
    shooter.wait(300)
    if issuance.dialog is not None:
        shooter.save("flow-custom-redirect", issuance.dialog)
    issuance.cancel()
    shooter.wait(300)


def shot_kept(shooter: Any, ctx: Any, window: Any) -> None:
    """The success page of a batch of three with one broken copy."""
    from wallet_app.gui.flow_start import start_issuance

    issuer = ctx.extras["demo_issuer"]
    issuer.faults.broken_copy = True
    try:
        offer = issuer.create_offer(["mdl_mdoc"])
        flow = ctx.wallet.new_flow("screenshot")
        resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
        issuance = start_issuance(ctx, resolved, tx_code=offer.tx_code, parent=window)
        done: list[object] = []
        issuance.finished.connect(lambda result: done.append(True))
        shooter.wait(10000, lambda: done)
        shooter.wait(800)
        if issuance.dialog is not None:
            shooter.save("flow-kept", issuance.dialog)
    finally:
        issuer.faults.broken_copy = False


#: (step name for ``--only``, the function taking (shooter, ctx, window))
STEPS = (
    ("advanced", shot_advanced),
    ("refusal", shot_refusal),
    ("lint", shot_lint),
    ("profiles", shot_profiles),
    ("redirect", shot_redirect),
    ("kept", shot_kept),
)
