"""The wallet's options, the pending-authorization handle, and the tx_code check.

Plain values shared by :mod:`wallet_app.wallet.issuance` and its callers (CLI, GUI).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace

from wallet_app.errors import OfferError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.http import DEFAULT_MAX_RESPONSE_BYTES
from wallet_app.oid4vci.models import TxCode
from wallet_app.profiles import PRESETS, ClientProfile, RedirectKind

__all__ = ["NOTIFICATION_WAIT", "PendingAuthorization", "WalletOptions", "check_tx_code"]

#: seconds a notification (OID4VCI §11) may take in all, from when it is sent off: the CLI
#: says it waits "at most 5 s" for it, so the request itself ends by then
NOTIFICATION_WAIT = 5.0


@frozen
class WalletOptions:
    """Domain settings of the wallet (built from Settings by the composition root)."""

    client_id: str = "wallet-app"
    locales: tuple[str, ...] = ("en",)
    batch_limit: int = 3
    allow_http_loopback: bool = True
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    pending_ttl: float = 900.0
    notification_timeout: float = NOTIFICATION_WAIT
    #: per-issuer OAuth client ids (credential issuer URL → client id), from the settings
    client_ids: Mapping[str, str] = field(default_factory=dict)
    #: signed issuer metadata (OID4VCI 1.0 §12.2.3): "ignore", "prefer" or "require"
    signed_metadata: str = "prefer"
    #: client profiles remembered per issuer (credential issuer URL → profile), from the settings
    profiles: Mapping[str, ClientProfile] = field(default_factory=dict)
    #: the redirect of an issuer without a remembered profile (the settings' redirect mode)
    redirect: RedirectKind = "scheme"

    def client_id_for(self, issuer: str) -> str:
        """The client id to present to ``issuer`` (its own, else the default)."""
        wanted = issuer.rstrip("/")
        for key, value in self.client_ids.items():
            if key.rstrip("/") == wanted:
                return value
        return self.client_id

    def remembered_profile(self, issuer: str) -> ClientProfile | None:
        """The profile remembered for ``issuer`` (trailing slashes ignored), else None."""
        wanted = issuer.rstrip("/")
        return next((p for k, p in self.profiles.items() if k.rstrip("/") == wanted), None)

    def profile_for(self, issuer: str) -> ClientProfile:
        """The profile to use with ``issuer``: the remembered one, else the default preset
        with the settings' redirect and the issuer's client id from ``client_ids`` (the
        per-issuer client ids kept before profiles existed)."""
        remembered = self.remembered_profile(issuer)
        if remembered is not None:
            return remembered
        wanted = issuer.rstrip("/")
        client_id = next((v for k, v in self.client_ids.items() if k.rstrip("/") == wanted), None)
        return replace(PRESETS["default"], client_id=client_id, redirect=self.redirect)

    def with_profile(self, issuer: str, profile: ClientProfile | None) -> WalletOptions:
        """These options with ``profile`` remembered for ``issuer`` (None: forgotten)."""
        wanted = issuer.rstrip("/")
        kept = {k: p for k, p in self.profiles.items() if k.rstrip("/") != wanted}
        if profile is not None:
            kept[issuer] = profile
        return replace(self, profiles=kept)


@frozen
class PendingAuthorization:
    """An authorization the user completes in the browser; the redirect finishes it."""

    url: str = field(repr=False)
    state: str = field(repr=False)
    redirect_uri: str
    flow_id: str
    issuer: str
    used_par: bool


def check_tx_code(tx_code: str, spec: TxCode) -> OfferError | None:
    """What is wrong with an entered transaction code, as the OfferError to show or raise
    (code ``invalid_tx_code_input``); None when the code fits ``spec``."""
    message = None
    if not tx_code:
        message = "Enter the transaction code."
    # str.isdigit also accepts other scripts' digits ("١٢٣"); numeric means ASCII 0-9 (§4.1.1)
    elif spec.input_mode == "numeric" and not (tx_code.isascii() and tx_code.isdigit()):
        message = "The transaction code has only digits."
    elif spec.length is not None and len(tx_code) != spec.length:
        if spec.input_mode == "numeric":
            message = "The transaction code has {count} digits."
        else:
            message = "The transaction code has {count} characters."
    if message is None:
        return None
    params = {"count": spec.length} if spec.length is not None else None
    return OfferError(message, params=params, code="invalid_tx_code_input")
