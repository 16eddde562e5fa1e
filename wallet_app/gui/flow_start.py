"""Open the flow dialog for an accepted offer and wire it to an :class:`IssuanceFlow`.

The dialog's title names the issuer by its display name; *Done* leads to the new card
(``AppEvents.show_credential``); a flow that ends while its window is in the background says
so through ``AppEvents.notify``. The live sequence diagram (``gui.sequence_diagram``) sits
beside the steps when that module is there, fed from the flow's trace.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from wallet_app.formats import credential_display
from wallet_app.gui.attestation_retry import offer_in_flow
from wallet_app.gui.context import GuiContext
from wallet_app.gui.flow_steps import expected_steps
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.issuance_flow import IssuanceFlow
from wallet_app.gui.messages import user_text
from wallet_app.gui.tx_code_dialog import TxCodeForm
from wallet_app.wallet.cards import build_card, issuer_name
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.issuance import IssuanceResult
from wallet_app.wallet.resolve import ResolvedOffer

if TYPE_CHECKING:
    from wallet_app.gui.images import ImageCache

__all__ = ["start_issuance"]

log = logging.getLogger(__name__)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _titles(resolved: ResolvedOffer, locales: Sequence[str]) -> list[str]:
    names = []
    for conf in resolved.configurations:
        display = credential_display(conf.raw, locales)
        name = display.get("name") if display else None
        names.append(name if isinstance(name, str) and name else conf.id)
    return names


def _issuer_name(resolved: ResolvedOffer, locales: Sequence[str]) -> str:
    """The issuer's display name from its metadata; its host only when it has none."""
    if resolved.configurations:
        card = build_card(
            resolved.issuer,
            resolved.configurations[0],
            locales=locales,
            local=resolved.resolved.local,
        )
        name = issuer_name(card, locales)
        if name:
            return name
    return _host(resolved.issuer.credential_issuer)


def start_issuance(
    ctx: GuiContext,
    resolved: ResolvedOffer,
    *,
    tx_code: str | None,
    parent: QWidget | None,
    flow: Flow | None = None,
) -> IssuanceFlow:
    """Open a :class:`FlowDialog` and start the issuance; returns the running flow (its
    ``dialog`` attribute is the view). Pass the review's ``flow`` to keep one trace (and show
    the metadata time). Raises nothing: failures are shown in the dialog."""
    names = _titles(resolved, ctx.settings.locales)
    dialog = FlowDialog("", expected_steps(resolved), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.set_title(", ".join(names), _issuer_name(resolved, ctx.settings.locales))
    issuance = IssuanceFlow(ctx, resolved, tx_code=tx_code, flow=flow, parent=dialog)
    issuance.dialog = dialog
    _connect(issuance, dialog, names)
    offer_in_flow(issuance, dialog, tx_code)  # an attestation refusal: retry with dev
    _attach_diagram(ctx, issuance, dialog)
    dialog.show()
    issuance.start()
    return issuance


def _explain_custom(issuance: IssuanceFlow, dialog: FlowDialog, url: str) -> None:
    """A custom redirect (client profile): the wallet cannot catch it, the person pastes it."""
    uri = issuance.resolved.profile.redirect_uri or ""
    dialog.browser_text.setText(
        QCoreApplication.translate(
            "FlowDialog",
            "Sign in at {host} in the browser window that opened. The issuer then sends the "
            "browser to {uri}, which the wallet cannot catch by itself: copy the whole address "
            "from the browser's address bar and paste it below.",
        ).format(host=_host(url), uri=uri)
    )
    dialog.paste_label.setText(
        QCoreApplication.translate("FlowDialog", "After signing in, paste the address here:")
    )
    dialog.paste_edit.setPlaceholderText(f"{uri}?code=…")
    dialog.browser_prompt.hide()  # no "open Wallet?" question, and it does not come back
    dialog.browser_after.hide()


def _connect(issuance: IssuanceFlow, dialog: FlowDialog, names: Sequence[str]) -> None:
    ctx = issuance.ctx
    issuance.step_changed.connect(dialog.set_step)
    dialog.cancel_requested.connect(issuance.cancel)
    dialog.browser_requested.connect(issuance.open_browser)
    issuance.browser_failed.connect(dialog.show_browser_problem)
    issuance.waiting_for_browser.connect(lambda url: dialog.show_browser(_host(url)))
    if issuance.resolved.profile.redirect == "custom":  # after show_browser: says what to do
        issuance.waiting_for_browser.connect(lambda url: _explain_custom(issuance, dialog, url))
    issuance.browser_busy.connect(dialog.set_browser_busy)

    def pasted(url: str) -> None:
        if not issuance.handle_redirect(url):
            dialog.show_paste_error(
                QCoreApplication.translate(
                    "FlowDialog",
                    "This is not the address the wallet is waiting for. Paste the whole address "
                    "from the browser's address bar after signing in.",
                )
            )

    dialog.redirect_pasted.connect(pasted)

    def finished(result: object) -> None:
        assert isinstance(result, IssuanceResult)
        later = [d.name for d in result.deferred]
        if result.credentials:
            dialog.show_success(result.credentials, later, ctx.settings.locales, _images(ctx))
            from wallet_app.gui.receipt_status import follow_status  # checked after the store

            follow_status(ctx, result, dialog)
        else:
            pending = result.deferred[0].id if result.deferred else None
            dialog.show_deferred(later or list(names), pending)
        if not dialog.isActiveWindow():
            _notify_finished(ctx, result, names)

    issuance.finished.connect(finished)
    issuance.deferred_arrived.connect(
        lambda arrived: dialog.show_arrived(arrived, ctx.settings.locales, _images(ctx))
    )

    def done() -> None:  # Done leads to the new card in the main window
        if dialog.shown_credential is not None:
            ctx.events.show_credential.emit(dialog.shown_credential)

    dialog.accepted.connect(done)

    def failed(exc: object) -> None:
        assert isinstance(exc, BaseException)
        _, details = issuance.failure or ("", "")
        # from the exception, not the failure's English sentence: a template is translated,
        # then filled in
        dialog.show_failure(user_text(exc), details, can_retry=issuance.can_retry_tx_code)
        if not dialog.isActiveWindow():
            ctx.events.notify.emit(
                QCoreApplication.translate("FlowDialog", "The credential was not received"),
                user_text(exc),
            )

    issuance.failed.connect(failed)

    def ask_again() -> None:  # a page of the flow dialog, not a second modal dialog
        spec = issuance.tx_code_spec
        if spec is None or not issuance.can_retry_tx_code:
            return
        host = urlsplit(issuance.resolved.auth_server.token_endpoint).hostname or ""
        prompt = TxCodeForm(spec, host)
        issuance.tx_dialog = prompt
        prompt.submitted.connect(issuance.retry_with_tx_code)

        def back() -> None:
            issuance.tx_dialog = None
            dialog.show_failure(
                dialog.failure_text.text(), dialog.details.toPlainText(), can_retry=True
            )

        prompt.cancelled.connect(back)
        dialog.show_code_form(prompt)
        prompt.activate()

    dialog.retry_requested.connect(ask_again)

    def restarted() -> None:
        dialog.restart()
        dialog.show_working(
            QCoreApplication.translate("FlowDialog", "Receiving the credential from the issuer…")
        )

    issuance.restarted.connect(restarted)
    issuance.completing.connect(
        lambda: dialog.show_completing(
            QCoreApplication.translate("FlowDialog", "Receiving the credential from the issuer…")
        )
    )
    dialog.inspector_requested.connect(
        lambda: _open_inspector(ctx, issuance.flow_id, dialog.parentWidget() or dialog)
    )
    if issuance.code_flow:
        dialog.show_working(QCoreApplication.translate("FlowDialog", "Preparing the sign-in…"))
    else:
        dialog.show_working(
            QCoreApplication.translate("FlowDialog", "Receiving the credential from the issuer…")
        )


def _images(ctx: GuiContext) -> ImageCache | None:
    """The app's image cache (card art and logos), None where images are unavailable."""
    try:
        from wallet_app.gui.images import image_cache_for
    except ImportError:
        return None
    return image_cache_for(ctx.extras, ctx.jobs)


def _notify_finished(ctx: GuiContext, result: IssuanceResult, names: Sequence[str]) -> None:
    """Tell the user, through the main window's notification, that a flow ended."""
    if result.credentials:
        title = QCoreApplication.translate("FlowDialog", "Credential received")
        body = ", ".join(c.name for c in result.credentials)
    else:
        title = QCoreApplication.translate("FlowDialog", "Your credential will be issued later")
        body = ", ".join(d.name for d in result.deferred) or ", ".join(names)
    ctx.events.notify.emit(title, body)


def _attach_diagram(ctx: GuiContext, issuance: IssuanceFlow, dialog: FlowDialog) -> None:
    """The live sequence diagram beside the steps, when ``gui.sequence_diagram`` is there."""
    try:
        from wallet_app.gui.sequence_diagram import SequenceDiagram
    except ImportError:  # not built yet in this tree
        return
    diagram = SequenceDiagram()
    diagram.setAccessibleName(
        QCoreApplication.translate("FlowDialog", "Sequence diagram of the flow")
    )
    dialog.set_diagram(diagram)
    snapshot: list[Mapping[str, object]] = []

    def update(exchanges: object) -> None:
        if isinstance(exchanges, list) and exchanges != snapshot:
            snapshot[:] = exchanges
            diagram.set_exchanges(list(snapshot))

    issuance.trace_updated.connect(update)
    issuance.waiting_for_browser.connect(lambda _url: diagram.set_browser_state("opened"))
    issuance.completing.connect(lambda: diagram.set_browser_state("returned"))

    def activated(index: int) -> None:
        if 0 <= index < len(snapshot):
            _show_exchange(snapshot[index], dialog)

    diagram.exchange_activated.connect(activated)
    update(issuance.flow.exchanges())


def _show_exchange(exchange: Mapping[str, object], parent: QWidget) -> None:
    from wallet_app.gui import exchange_view  # D's exchange view: looked up when it is there

    show_exchange = getattr(exchange_view, "show_exchange", None)
    if not callable(show_exchange):
        log.warning("The exchange view is not available")
        return
    show_exchange(exchange, parent)


def _open_inspector(ctx: GuiContext, flow_id: str, parent: QWidget) -> None:
    try:
        from wallet_app.gui.inspector import InspectorWindow
    except ImportError:
        log.warning("The protocol inspector is not available")
        return
    window = InspectorWindow(ctx, flow_id, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
