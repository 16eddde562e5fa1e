"""Client profiles: how the wallet presents itself to one issuer.

A profile fixes what the protocol leaves to the client: the OAuth ``client_id``, the redirect
(our URI scheme, a loopback listener or a custom URI another wallet registered), the wallet
provider that attests the wallet and its keys, the DPoP preference and the protocol draft
(auto-detected from the metadata unless overridden). Presets cover the common ecosystems; the
person's choice is remembered per issuer in the settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Literal, get_args

from wallet_app.frozen import frozen
from wallet_app.oid4vci.dialect import DRAFTS, Draft

__all__ = [
    "DRAFTS",
    "PRESETS",
    "ClientProfile",
    "DPoPPreference",
    "Draft",
    "RedirectKind",
    "profile_from_json",
]

RedirectKind = Literal["scheme", "loopback", "custom"]
DPoPPreference = Literal["auto", "always", "never"]
_REDIRECTS: tuple[RedirectKind, ...] = get_args(RedirectKind)
_DPOP: tuple[DPoPPreference, ...] = get_args(DPoPPreference)


@frozen
class ClientProfile:
    """How the wallet presents itself to one issuer. Raises nothing."""

    name: str = "default"
    """The preset this profile came from, or "custom"."""
    client_id: str | None = None
    """None: the wallet's default client id (or the wallet attestation's ``sub``)."""
    redirect: RedirectKind = "scheme"
    redirect_uri: str | None = None
    """The redirect URI when ``redirect`` is "custom" (e.g. one another wallet registered)."""
    wallet_provider: str | None = None
    """None: no attestation; "dev": the built-in development provider; else a provider file."""
    dpop: DPoPPreference = "auto"
    """auto: DPoP when the issuer lists algorithms; always: also when it does not; never."""
    draft: Draft | None = None
    """None: detected from the metadata; else the protocol draft to speak."""

    def with_overrides(self, **changes: object) -> ClientProfile:
        """This profile with the given fields replaced (None values are ignored);
        the result is named "custom" when anything changed."""
        wanted = {k: v for k, v in changes.items() if v is not None}
        if not wanted:
            return self
        changed = replace(self, **wanted)  # type: ignore[arg-type]
        return changed if changed == self else replace(changed, name="custom")

    def to_json(self) -> dict[str, object]:
        """A JSON object with every field (for the settings and a pending authorization)."""
        return asdict(self)


def profile_from_json(doc: object) -> ClientProfile:
    """A profile from :meth:`ClientProfile.to_json` output; unknown or ill-typed members
    fall back to the defaults. Raises nothing."""
    if not isinstance(doc, Mapping):
        return ClientProfile()

    def text(name: str) -> str | None:
        value = doc.get(name)
        return value if isinstance(value, str) and value else None

    redirect = text("redirect")
    dpop = text("dpop")
    draft = text("draft")
    return ClientProfile(
        name=text("name") or "custom",
        client_id=text("client_id"),
        redirect=redirect if redirect in _REDIRECTS else "scheme",
        redirect_uri=text("redirect_uri"),
        wallet_provider=text("wallet_provider"),
        dpop=dpop if dpop in _DPOP else "auto",
        draft=draft if draft in DRAFTS else None,
    )


PRESETS: Mapping[str, ClientProfile] = {
    # OID4VCI 1.0 as this wallet speaks it by default
    "default": ClientProfile(),
    # HAIP 1.0: wallet attestation on PAR and token, key attestation, DPoP
    "haip": ClientProfile(name="haip", wallet_provider="dev", dpop="always"),
    # the EU Digital Identity Wallet reference issuer (key attestation required, draft 15+)
    "eudi": ClientProfile(name="eudi", wallet_provider="dev", dpop="auto"),
    # issuers that still speak Implementer's Draft 1 (draft 13)
    "draft13": ClientProfile(name="draft13", draft="13"),
    # draft-11-era issuers (credentials_supported arrays, user_pin)
    "draft11": ClientProfile(name="draft11", draft="11"),
    # an issuer that only knows a loopback redirect (RFC 8252 §7.3)
    "loopback": ClientProfile(name="loopback", redirect="loopback"),
}
