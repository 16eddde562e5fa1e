"""Wallet providers in the GUI (OID4VCI 1.0 App. D, E): the refusal's way on and the labels.

An issuer that requires a wallet or key attestation is refused before any code is spent
(``AttestationRequired``). The offer review's error page then offers "Retry with the
development provider", which resolves the offer again with the client profile's
``wallet_provider`` set to "dev" — never chosen silently. Wherever the development provider
is in use the person sees it: a pill in the review, and in the inspector each attestation it
signed is marked as self-issued.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wallet_app.errors import AttestationRequired
from wallet_app.gui.offer_parts import badge_label, plain_label
from wallet_app.profiles import ClientProfile
from wallet_app.wallet.wallet_provider import DEV_PROVIDER_ISSUER

if TYPE_CHECKING:
    from wallet_app.gui.flow_view import FlowDialog
    from wallet_app.gui.issuance_flow import IssuanceFlow

__all__ = [
    "AttestationRetry",
    "development_label",
    "jwt_provider_note",
    "offer_in_flow",
    "provider_badges",
]


def development_label() -> str:
    """The name of the development provider, in the UI language."""
    return QCoreApplication.translate(
        "AttestationRetry", "Development wallet provider (self-issued, not for production)"
    )


class AttestationRetry(QWidget):
    """The refusal's way on: what the development provider is, and the button that retries
    with it. Hidden unless the error shown is an AttestationRequired. Added to ``layout``;
    a click sets :attr:`overrides` (the profile fields the next resolution changes: the
    development provider) and calls ``on_retry``. ``index``: where in ``layout`` (the end)."""

    retry = Signal()

    def __init__(self, on_retry: Callable[[], None], layout: QBoxLayout, index: int = -1) -> None:
        super().__init__()
        #: None until the person chose the development provider
        self.overrides: dict[str, object] | None = None
        self.setObjectName("attestationRetry")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        self.explanation = plain_label(
            QCoreApplication.translate(
                "AttestationRetry",
                "The development wallet provider is built into this wallet. It attests the "
                "wallet and its keys itself, so only issuers set up for testing accept it. "
                "Use it with test issuers, never for real credentials.",
            )
        )
        box.addWidget(self.explanation)
        row = QHBoxLayout()
        self.button = QPushButton(
            QCoreApplication.translate("AttestationRetry", "Retry with development provider")
        )
        self.button.setObjectName("retryWithDevProvider")
        self.button.clicked.connect(self.retry.emit)
        row.addWidget(self.button)
        row.addStretch(1)
        box.addLayout(row)
        self.hide()
        self.retry.connect(self._choose_development)
        self.retry.connect(on_retry)
        layout.insertWidget(index, self)

    def _choose_development(self) -> None:
        self.overrides = {"wallet_provider": "dev"}

    def show_for(self, exc: BaseException) -> None:
        """Show for an AttestationRequired while the development provider was not chosen
        here already; hide otherwise."""
        wanted = isinstance(exc, AttestationRequired) and self.overrides is None
        self.setVisible(wanted)
        if wanted:
            self.button.setDefault(True)
            self.button.setFocus()
            QTimer.singleShot(0, self._make_room)  # once the error page is the current one

    def _make_room(self) -> None:
        """Grow the window so the wrapped explanation and the button fit (the error page is
        sized for one sentence)."""
        window = self.window()
        layout = window.layout()
        if window is self or layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(window.width())
        if needed < 0:
            needed = window.sizeHint().height()
        if needed > window.height():
            window.resize(window.width(), needed)


def provider_badges(profile: ClientProfile) -> list[QLabel]:
    """The review's pill naming the profile's wallet provider (none without one): the
    development one in the warning colours, a provider file by its name."""
    spec = profile.wallet_provider
    if spec is None:
        return []
    if spec == "dev":
        return [badge_label(development_label(), "pending", name="walletProviderBadge")]
    text = QCoreApplication.translate("AttestationRetry", "Wallet provider file {name}").format(
        name=Path(spec).name
    )
    return [badge_label(text, "info", name="walletProviderBadge")]


def jwt_provider_note(payload: Mapping[str, object] | None) -> str:
    """ " · Development wallet provider …" for an attestation the development provider
    signed (its ``iss``), else ""."""
    if payload is not None and payload.get("iss") == DEV_PROVIDER_ISSUER:
        return " · " + development_label()
    return ""


def offer_in_flow(issuance: IssuanceFlow, dialog: FlowDialog, tx_code: str | None) -> None:
    """When the flow fails with an AttestationRequired (the review's Advanced section took
    the provider away), its failure page offers the retry too: a new flow with the same offer
    and the development provider. Nothing was spent, so ``tx_code`` still holds."""

    def again() -> None:
        from wallet_app.gui.flow_start import start_issuance

        profile = issuance.resolved.profile.with_overrides(wallet_provider="dev")
        parent = dialog.parentWidget()
        dialog.close()
        resolved = replace(issuance.resolved, profile=profile)
        start_issuance(issuance.ctx, resolved, tx_code=tx_code, parent=parent)

    def failed(exc: object) -> None:
        if not isinstance(exc, AttestationRequired):
            return
        if issuance.resolved.profile.wallet_provider == "dev":
            return
        retry = dialog.findChild(AttestationRetry)
        if retry is None:
            page = dialog.failure_text.parentWidget()
            layout = page.layout() if page is not None else None
            if not isinstance(layout, QBoxLayout):
                return
            retry = AttestationRetry(again, layout, layout.indexOf(dialog.failure_text) + 1)
        retry.show_for(exc)

    issuance.failed.connect(failed)
