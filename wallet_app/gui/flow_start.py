"""Open the flow dialog for an accepted offer and wire it to an :class:`IssuanceFlow`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from wallet_app.formats import credential_display
from wallet_app.gui.context import GuiContext
from wallet_app.gui.flow_steps import expected_steps
from wallet_app.gui.flow_view import FlowDialog
from wallet_app.gui.issuance_flow import IssuanceFlow
from wallet_app.gui.messages import user_text
from wallet_app.gui.tx_code_dialog import TxCodeDialog
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.issuance import IssuanceResult
from wallet_app.wallet.resolve import ResolvedOffer

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
    host = _host(resolved.issuer.credential_issuer)
    dialog = FlowDialog("", expected_steps(resolved), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.set_title(", ".join(names), host)
    issuance = IssuanceFlow(ctx, resolved, tx_code=tx_code, flow=flow, parent=dialog)
    issuance.dialog = dialog
    _connect(issuance, dialog, names)
    dialog.show()
    issuance.start()
    return issuance


def _connect(issuance: IssuanceFlow, dialog: FlowDialog, names: Sequence[str]) -> None:
    ctx = issuance.ctx
    issuance.step_changed.connect(dialog.set_step)
    dialog.cancel_requested.connect(issuance.cancel)
    dialog.browser_requested.connect(issuance.open_browser)
    issuance.browser_failed.connect(dialog.show_browser_problem)
    issuance.waiting_for_browser.connect(lambda url: dialog.show_browser(_host(url)))
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
            dialog.show_success(result.credentials, later, ctx.settings.locales)
        else:
            dialog.show_deferred(later or list(names))

    issuance.finished.connect(finished)

    def failed(exc: object) -> None:
        assert isinstance(exc, BaseException)
        _, details = issuance.failure or ("", "")
        # from the exception, not the failure's English sentence: a template is translated,
        # then filled in
        dialog.show_failure(user_text(exc), details, can_retry=issuance.can_retry_tx_code)

    issuance.failed.connect(failed)

    def ask_again() -> None:
        spec = issuance.tx_code_spec
        if spec is None or not issuance.can_retry_tx_code:
            return
        host = urlsplit(issuance.resolved.auth_server.token_endpoint).hostname or ""
        prompt = TxCodeDialog(spec, host, dialog)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        issuance.tx_dialog = prompt
        prompt.accepted.connect(lambda: issuance.retry_with_tx_code(prompt.code()))
        prompt.open()

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


def _open_inspector(ctx: GuiContext, flow_id: str, parent: QWidget) -> None:
    try:
        from wallet_app.gui.inspector import InspectorWindow
    except ImportError:
        log.warning("The protocol inspector is not available")
        return
    window = InspectorWindow(ctx, flow_id, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
