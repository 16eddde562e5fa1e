"""Token request and response (OID4VCI §6, RFC 6749 §4.1.3, §5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Literal

from wallet_app.errors import IssuerError
from wallet_app.frozen import frozen
from wallet_app.oid4vci.bounds import positive_seconds

__all__ = [
    "PRE_AUTHORIZED_GRANT",
    "AuthorizedCredential",
    "TokenSet",
    "build_code_token_form",
    "build_pre_authorized_token_form",
    "build_refresh_token_form",
    "parse_token_response",
]

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


@frozen
class AuthorizedCredential:
    """One ``authorization_details`` entry of the token response (§6.2)."""

    credential_configuration_id: str
    credential_identifiers: tuple[str, ...]


@frozen
class TokenSet:
    """What the token endpoint granted."""

    access_token: str = field(repr=False)
    token_type: str
    expires_in: int | None = None
    refresh_token: str | None = field(default=None, repr=False)
    scope: str | None = None
    authorized: tuple[AuthorizedCredential, ...] = ()
    c_nonce: str | None = None  # drafts ≤ 14 only
    c_nonce_expires_in: int | None = None  # drafts ≤ 14 only: the c_nonce's lifetime (s)

    def identifiers_for(self, configuration_id: str) -> tuple[str, ...]:
        """The credential identifiers granted for a configuration (may be empty)."""
        for entry in self.authorized:
            if entry.credential_configuration_id == configuration_id:
                return entry.credential_identifiers
        return ()


def build_pre_authorized_token_form(
    *,
    pre_authorized_code: str,
    tx_code: str | None,
    client_id: str | None,
    pin_param: Literal["tx_code", "user_pin"] = "tx_code",
) -> dict[str, str]:
    """Form of a pre-authorized code token request (§6.1).

    ``tx_code`` only when the offer asked for one, sent as ``pin_param`` (``user_pin`` for
    draft-11 issuers, never both); ``client_id`` omitted for anonymous access.
    """
    form = {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": pre_authorized_code}
    if tx_code is not None:
        form[pin_param] = tx_code
    if client_id:
        form["client_id"] = client_id
    return form


def build_code_token_form(
    *, code: str, code_verifier: str, redirect_uri: str, client_id: str
) -> dict[str, str]:
    """Form of an authorization code token request (RFC 6749 §4.1.3, RFC 7636 §4.5)."""
    return {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": code_verifier,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
    }


def build_refresh_token_form(*, refresh_token: str, client_id: str | None) -> dict[str, str]:
    """Form of a refresh token request (RFC 6749 §6); ``client_id`` omitted when None."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    if client_id:
        form["client_id"] = client_id
    return form


def _bad(detail: str, url: str) -> IssuerError:
    return IssuerError(
        "The issuer's token answer cannot be used.",
        detail=detail,
        url=url,
        code="invalid_token_response",
    )


def _seconds(value: object) -> int | None:
    """A positive, finite JSON number of seconds as int (capped, see
    :func:`~wallet_app.oid4vci.bounds.positive_seconds`); None otherwise."""
    seconds = positive_seconds(value)
    return None if seconds is None else int(seconds)


def parse_token_response(doc: Mapping[str, object], *, url: str = "") -> TokenSet:
    """Parse a successful token response. Raises IssuerError when it is unusable."""
    token = doc.get("access_token")
    if not isinstance(token, str) or not token:
        raise _bad("access_token missing", url)
    token_type = doc.get("token_type")
    if not isinstance(token_type, str) or token_type.lower() not in ("bearer", "dpop"):
        raise _bad(f"unsupported token_type {token_type!r}", url)
    expires = doc.get("expires_in")
    refresh = doc.get("refresh_token")
    scope = doc.get("scope")
    c_nonce = doc.get("c_nonce")
    authorized: list[AuthorizedCredential] = []
    details = doc.get("authorization_details")
    if isinstance(details, list):
        for item in details:
            if not isinstance(item, Mapping) or item.get("type") != "openid_credential":
                continue
            conf = item.get("credential_configuration_id")
            ids = item.get("credential_identifiers")
            if not isinstance(conf, str):
                continue
            idents = tuple(i for i in ids if isinstance(i, str)) if isinstance(ids, list) else ()
            authorized.append(AuthorizedCredential(conf, idents))
    return TokenSet(
        access_token=token,
        token_type="DPoP" if token_type.lower() == "dpop" else "Bearer",
        expires_in=_seconds(expires),
        refresh_token=refresh if isinstance(refresh, str) else None,
        scope=scope if isinstance(scope, str) else None,
        authorized=tuple(authorized),
        c_nonce=c_nonce if isinstance(c_nonce, str) else None,
        c_nonce_expires_in=_seconds(doc.get("c_nonce_expires_in")),
    )
