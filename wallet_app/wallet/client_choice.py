"""How the wallet presents itself in one flow: the client profile chosen for an issuer, the
``client_id`` it sends and the DPoP key it proves possession of.

Plain functions of their inputs, used by :class:`~wallet_app.wallet.issuance.Wallet`.
"""

from __future__ import annotations

from collections.abc import Mapping

from wallet_app.errors import AuthorizationError
from wallet_app.oid4vci.dpop import DPoPKey, choose_dpop_alg
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.profiles import ClientProfile
from wallet_app.wallet.options import WalletOptions
from wallet_app.wallet.resolve import ResolvedOffer

__all__ = ["choose_profile", "client_id_for", "custom_redirect_uri", "dpop_session_for"]

#: the DPoP algorithm used with ``dpop: always`` when the issuer lists none (RFC 9449 §5.1)
ALWAYS_DPOP_ALG = "ES256"


def choose_profile(
    options: WalletOptions,
    issuer: str,
    profile: ClientProfile | None = None,
    overrides: Mapping[str, object] | None = None,
) -> ClientProfile:
    """The profile for ``issuer``: ``profile`` when given, else the remembered one (or the
    default), with ``overrides`` (e.g. command-line flags; None values ignored) on top.
    Raises nothing."""
    base = profile if profile is not None else options.profile_for(issuer)
    return base.with_overrides(**overrides) if overrides else base


def client_id_for(options: WalletOptions, resolved: ResolvedOffer) -> str:
    """The OAuth ``client_id`` for this offer: the profile's, else the issuer's entry in
    the settings, else the wallet's default. Raises nothing."""
    chosen = resolved.profile.client_id
    return chosen or options.client_id_for(resolved.issuer.credential_issuer)


def dpop_session_for(resolved: ResolvedOffer) -> DPoPSession | None:
    """A fresh DPoP key as the profile prefers (RFC 9449): ``auto`` when the authorization
    server lists algorithms, ``always`` also when it lists none (ES256), ``never`` not at
    all. Raises nothing."""
    preference = resolved.profile.dpop
    if preference == "never":
        return None
    alg = choose_dpop_alg(resolved.auth_server.dpop_signing_alg_values_supported)
    if alg is None and preference == "always":
        alg = ALWAYS_DPOP_ALG
    return DPoPSession(DPoPKey.generate(alg)) if alg else None


def custom_redirect_uri(profile: ClientProfile) -> str:
    """The redirect URI of a profile that sends the browser to a custom address (the person
    pastes the address back). Raises AuthorizationError when the profile names none."""
    if not profile.redirect_uri:
        raise AuthorizationError(
            "This profile sends you back to a custom address but does not say which. Choose "
            "the address in the offer's advanced settings, or give it with --redirect.",
            code="redirect_uri_missing",
        )
    return profile.redirect_uri
