"""Credential Offers (§4.1): pasted, scanned or OS-delivered text → offer by value or reference.

Accepts raw offer JSON and any URI (``openid-credential-offer://``, ``haip-vci://``, legacy
``haip://``, an ``https`` link, even a bare ``?credential_offer=…``) that carries exactly one of
``credential_offer`` / ``credential_offer_uri`` in its query (or, tolerated, its fragment).
Draft-11/12 offers (``credentials``, ``user_pin_required``) are normalised to the 1.0 shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

from wallet_app.errors import OfferError
from wallet_app.jsonsafe import JsonRejected, loads
from wallet_app.oid4vci.bounds import MAX_CREDENTIAL_REQUESTS
from wallet_app.oid4vci.models import (
    AuthorizationCodeGrant,
    CredentialOffer,
    OfferReference,
    PreAuthorizedCodeGrant,
    TxCode,
    TxCodeInputMode,
)
from wallet_app.oid4vci.urls import is_allowed_url

__all__ = [
    "PRE_AUTHORIZED_GRANT",
    "is_allowed_url",
    "legacy_credential_label",
    "offer_uri_host",
    "parse_offer",
    "parse_offer_json",
]

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
_TX_CODE_DESCRIPTION_MAX = 300
_BY_VALUE = "credential_offer"
_BY_REFERENCE = "credential_offer_uri"


def parse_offer(text: str) -> CredentialOffer | OfferReference:
    """Parse pasted/scanned text into an offer by value or a reference to fetch (§4.1).

    Raises OfferError saying what is wrong when the text holds no usable offer.
    """
    text = text.strip()
    if not text:
        raise OfferError("There is no credential offer to read: the text is empty.")
    if text.startswith("{"):
        return parse_offer_json(_load_json(text))
    params = _offer_params(text)
    by_value = params.get(_BY_VALUE, [])
    by_reference = params.get(_BY_REFERENCE, [])
    if len(by_value) + len(by_reference) > 1:
        raise OfferError(
            "This link is ambiguous: it carries more than one credential offer.",
            detail="exactly one of credential_offer / credential_offer_uri is allowed (§4.1)",
        )
    if by_value:
        value = by_value[0].strip()
        if not value.startswith("{") and unquote(value).startswith("{"):
            value = unquote(value)  # doubly URL-encoded by some issuers
        return parse_offer_json(_load_json(value))
    if by_reference:
        return _offer_reference(by_reference[0].strip())
    if "issuer" in params and "credential_type" in params:
        raise OfferError(
            "This offer uses an old draft format this wallet cannot request.",
            detail="openid-initiate-issuance (draft 8/9) parameters",
        )
    raise OfferError(
        "This link has no credential offer in it.",
        detail="neither credential_offer nor credential_offer_uri is present",
    )


def _offer_params(text: str) -> dict[str, list[str]]:
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise OfferError("This is not a valid link.", detail=str(exc)) from exc
    params: dict[str, list[str]] = {}
    for component in (parts.query, parts.fragment):
        for name, values in parse_qs(component, keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    return params


def _load_json(text: str) -> object:
    try:
        return loads(text)
    except JsonRejected as exc:
        raise OfferError(
            "The credential offer is damaged: it is nested too deeply or holds invalid text.",
            detail=f"JSON rejected: {exc}",
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise OfferError(
            "The credential offer is damaged: its content is not valid JSON.",
            detail=f"JSON error: {exc}",
        ) from exc


def _offer_reference(uri: str) -> OfferReference:
    if not is_allowed_url(uri):
        raise OfferError(
            "The offer link points to an address that is not secure (https is required).",
            detail=f"credential_offer_uri: {uri!r}",
        )
    return OfferReference(uri=uri)


def parse_offer_json(obj: object) -> CredentialOffer:
    """Validate a Credential Offer object and normalise it to the 1.0 shape (§4.1.1).

    Accepts draft-11/12 offers (``credentials`` strings, ``user_pin_required``) with
    ``legacy=True``. Unknown parameters are ignored. Raises OfferError when invalid.
    """
    if not isinstance(obj, Mapping):
        raise OfferError(
            "The credential offer is damaged: it is not a JSON object.",
            detail=f"got {type(obj).__name__}",
        )
    issuer = obj.get("credential_issuer")
    if not isinstance(issuer, str) or not _is_issuer_identifier(issuer):
        raise OfferError(
            "The offer does not name a valid issuer address.",
            detail=f"credential_issuer: {issuer!r} (https URL without query or fragment)",
        )
    legacy = "credential_configuration_ids" not in obj and "credentials" in obj
    if legacy:
        ids = _legacy_ids(obj.get("credentials"))
    else:
        ids = _configuration_ids(obj.get("credential_configuration_ids"))
    if len(ids) > MAX_CREDENTIAL_REQUESTS:
        raise OfferError(
            "This offer lists {count} credentials at once; the wallet takes at most {limit} "
            "from one offer, so it requested none. Ask the issuer for a smaller offer.",
            params={"count": str(len(ids)), "limit": str(MAX_CREDENTIAL_REQUESTS)},
            detail=f"{len(ids)} credential configurations offered",
            code="too_many_credentials",
        )
    grants = obj.get("grants")
    if grants is None:
        grants = {}
    if not isinstance(grants, Mapping):
        raise OfferError("The offer's grants are malformed.", detail="grants is not an object")
    pre_authorized, pre_legacy = _pre_authorized(grants.get(PRE_AUTHORIZED_GRANT))
    return CredentialOffer(
        credential_issuer=issuer,
        credential_configuration_ids=ids,
        authorization_code=_authorization_code(grants.get("authorization_code")),
        pre_authorized_code=pre_authorized,
        raw=dict(obj),
        legacy=legacy or pre_legacy,
    )


def _is_issuer_identifier(value: str) -> bool:
    return is_allowed_url(value) and "?" not in value and "#" not in value


def _configuration_ids(value: object) -> tuple[str, ...]:
    if value is None or value == []:
        raise OfferError("The offer names no credentials.", detail="credential_configuration_ids")
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise OfferError(
            "The offer's list of credentials is malformed.",
            detail="credential_configuration_ids must be an array of non-empty strings",
        )
    return _unique(value)


def _legacy_ids(value: object) -> tuple[str, ...]:
    """Draft-11 ``credentials``: ids into ``credentials_supported``, or objects naming a
    credential by ``format`` + ``types`` / ``doctype`` (its §4.1.1); an object stands for the
    configuration its :func:`legacy_credential_label` names."""
    if not isinstance(value, list) or not value:
        raise OfferError("The offer names no credentials.", detail="credentials (draft 11)")
    ids: list[str] = []
    for entry in value:
        label = legacy_credential_label(entry) if isinstance(entry, Mapping) else entry
        if not isinstance(label, str) or not label:
            raise OfferError(
                "This offer uses an old draft format this wallet cannot request.",
                detail=f"draft-11 `credentials` entry without an id or format: {entry!r}"[:300],
            )
        ids.append(label)
    return _unique(ids)


def legacy_credential_label(entry: Mapping[str, object]) -> str | None:
    """A stable name for a draft-11 credential given by format and type, not by id:
    ``format:doctype``, ``format:vct`` or ``format:Type1,Type2`` (types sorted). Offers'
    ``credentials`` objects and id-less ``credentials_supported`` entries get the same name,
    so one finds the other. None without a ``format``. Raises nothing."""
    fmt = entry.get("format")
    if not isinstance(fmt, str) or not fmt:
        return None
    for key in ("doctype", "vct"):
        value = entry.get(key)
        if isinstance(value, str) and value:
            return f"{fmt}:{value}"
    definition = entry.get("credential_definition")
    inner = definition if isinstance(definition, Mapping) else {}
    for types in (inner.get("type"), inner.get("types"), entry.get("types"), entry.get("type")):
        if isinstance(types, list) and types and all(isinstance(t, str) for t in types):
            return f"{fmt}:{','.join(sorted(types))}"
    return fmt


def _unique(ids: list[str]) -> tuple[str, ...]:
    if len(set(ids)) != len(ids):
        raise OfferError(
            "The offer lists the same credential twice.",
            detail=f"duplicate credential configuration ids: {ids}",
        )
    return tuple(ids)


def _authorization_code(grant: object) -> AuthorizationCodeGrant | None:
    if grant is None:
        return None
    if not isinstance(grant, Mapping):
        raise OfferError(
            "The offer's authorization grant is malformed.", detail="authorization_code"
        )
    return AuthorizationCodeGrant(
        issuer_state=_optional_str(grant, "issuer_state"),
        authorization_server=_optional_str(grant, "authorization_server"),
    )


def _pre_authorized(grant: object) -> tuple[PreAuthorizedCodeGrant | None, bool]:
    if grant is None:
        return None, False
    if not isinstance(grant, Mapping):
        raise OfferError(
            "The offer's pre-authorized grant is malformed.", detail=PRE_AUTHORIZED_GRANT
        )
    code = grant.get("pre-authorized_code")
    if not isinstance(code, str) or not code:
        raise OfferError(
            "The offer's pre-authorized code is missing.",
            detail="pre-authorized_code must be a non-empty string",
        )
    legacy = "user_pin_required" in grant and "tx_code" not in grant
    if legacy:
        tx_code = TxCode(input_mode="text") if grant.get("user_pin_required") is True else None
    else:
        tx_code = _tx_code(grant.get("tx_code"))
    return (
        PreAuthorizedCodeGrant(
            pre_authorized_code=code,
            tx_code=tx_code,
            authorization_server=_optional_str(grant, "authorization_server"),
        ),
        legacy,
    )


def _tx_code(value: object) -> TxCode | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise OfferError("The offer's transaction code settings are malformed.", detail="tx_code")
    raw_mode = value.get("input_mode", "numeric")
    # An unknown mode must not block the user: free text accepts any code.
    mode: TxCodeInputMode = "numeric" if raw_mode == "numeric" else "text"
    length = value.get("length")
    if not isinstance(length, int) or isinstance(length, bool) or length <= 0:
        length = None
    description = value.get("description")
    if not isinstance(description, str):
        description = None
    elif len(description) > _TX_CODE_DESCRIPTION_MAX:
        description = description[:_TX_CODE_DESCRIPTION_MAX]
    return TxCode(input_mode=mode, length=length, description=description)


def _optional_str(grant: Mapping[str, object], name: str) -> str | None:
    value = grant.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise OfferError("The offer's grants are malformed.", detail=f"{name} is not a string")
    return value


def offer_uri_host(text: str) -> str | None:
    """The host a pasted offer points to, without any network request (§15.6).

    That is the host of ``credential_offer_uri``, else of ``credential_issuer``; None when
    the text is no valid offer. Raises nothing.
    """
    try:
        offer = parse_offer(text)
    except OfferError:
        return None
    url = offer.uri if isinstance(offer, OfferReference) else offer.credential_issuer
    return urlsplit(url).hostname
