"""The display snapshot ("card") kept with each credential, and its localized rendering.

The card is taken from the issuer's metadata when the credential arrives (protocol-notes
§1.5: store the display snapshot with the credential), so a credential still shows its name,
colours and claim labels when the issuer is offline or has changed its metadata.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from wallet_app.errors import WalletError
from wallet_app.formats import (
    BinaryData,
    CredentialView,
    binary_claim,
    credential_display,
    decode_credential,
    pick_locale,
)
from wallet_app.frozen import frozen

if TYPE_CHECKING:  # annotations only: `list` renders names without the protocol models
    from wallet_app.oid4vci.models import ClaimDescription, CredentialConfiguration, IssuerMetadata


def _display_name(display: object, locales: Sequence[str]) -> str | None:
    """The ``name`` of the entry of a ``display`` list that best fits ``locales``."""
    entries = [d for d in display if isinstance(d, Mapping)] if isinstance(display, list) else []
    chosen = pick_locale(entries, locales)
    name = chosen.get("name") if chosen else None
    return name if isinstance(name, str) and name else None


__all__ = [
    "EXPIRY_WARNING_DAYS",
    "CardFacts",
    "Validity",
    "build_card",
    "card_facts",
    "claim_labels",
    "claims_metadata",
    "facts_of",
    "format_label",
    "issuer_name",
    "localized_name",
    "validity_of",
]


def claims_metadata(claims: Sequence[ClaimDescription]) -> list[dict[str, object]]:
    """Claim descriptions in the 1.0 wire shape (App. B.2), whatever draft they came from."""
    out: list[dict[str, object]] = []
    for claim in claims:
        entry: dict[str, object] = {"path": list(claim.path)}
        if claim.mandatory:
            entry["mandatory"] = True
        if claim.display:
            entry["display"] = [
                {k: v for k, v in (("name", d.name), ("locale", d.locale)) if v is not None}
                for d in claim.display
            ]
        out.append(entry)
    return out


def _display_list(configuration: CredentialConfiguration) -> list[dict[str, object]]:
    result: list[dict[str, object]] = []
    for d in configuration.display:
        entry: dict[str, object] = {"name": d.name}
        for key, value in (
            ("locale", d.locale),
            ("description", d.description),
            ("background_color", d.background_color),
            ("text_color", d.text_color),
        ):
            if value is not None:
                entry[key] = value
        if d.logo is not None:
            entry["logo"] = {"uri": d.logo.uri, "alt_text": d.logo.alt_text}
        if d.background_image is not None:
            entry["background_image"] = {"uri": d.background_image}
        result.append(entry)
    return result


def _issuer_display_list(issuer: IssuerMetadata) -> list[dict[str, object]]:
    result: list[dict[str, object]] = []
    for d in issuer.display:
        entry: dict[str, object] = {}
        if d.name is not None:
            entry["name"] = d.name
        if d.locale is not None:
            entry["locale"] = d.locale
        if d.logo is not None:
            entry["logo"] = {"uri": d.logo.uri, "alt_text": d.logo.alt_text}
        result.append(entry)
    return result


def build_card(
    issuer: IssuerMetadata,
    configuration: CredentialConfiguration,
    *,
    locales: Sequence[str],
    local: bool,
    credential_type: str | None = None,
) -> dict[str, object]:
    """The sealed display snapshot of a credential received from ``issuer``."""
    display = _display_list(configuration)
    issuer_display = _issuer_display_list(issuer)
    card: dict[str, object] = {
        "display": display,
        "issuer_display": issuer_display,
        "claims_metadata": claims_metadata(configuration.claims),
        "type": credential_type or configuration.vct or configuration.doctype,
        "issuer_host": urlsplit(issuer.credential_issuer).netloc,
        "local_issuer": local,
    }
    card["name"] = localized_name(card, locales, fallback=configuration.id)
    card["issuer_name"] = issuer_name(card, locales)
    return card


def localized_name(card: Mapping[str, object], locales: Sequence[str], *, fallback: str) -> str:
    """The credential's display name in the best of ``locales``."""
    display = card.get("display")
    if isinstance(display, list) and display:
        chosen = credential_display({"credential_metadata": {"display": display}}, locales)
        name = chosen.get("name") if chosen else None
        if isinstance(name, str) and name:
            return name
    return fallback


def issuer_name(card: Mapping[str, object], locales: Sequence[str]) -> str:
    """The issuer's display name in the best of ``locales``, else its host."""
    name = _display_name(card.get("issuer_display"), locales)
    if name:
        return name
    host = card.get("issuer_host")
    return host if isinstance(host, str) else ""


def claim_labels(conf: CredentialConfiguration, locales: Sequence[str]) -> list[str]:
    """The labels of the claims a configuration describes, in metadata order (App. B.2).

    A nested claim is listed under its parent: ``Address (Street, City)``.
    """
    top: dict[tuple[object, ...], tuple[str, list[str]]] = {}
    for claim in claims_metadata(conf.claims):
        path = claim.get("path")
        parts = path if isinstance(path, list) else []
        key = tuple(p for p in parts if p is not None)
        label = _display_name(claim.get("display"), locales) or ".".join(
            "[]" if p is None else str(p) for p in parts
        )
        parent = next((top[key[:n]] for n in range(len(key) - 1, 0, -1) if key[:n] in top), None)
        if parent is not None:
            parent[1].append(label)
        else:
            top[key] = (label, [])
    return [f"{label} ({', '.join(kids)})" if kids else label for label, kids in top.values()]


# -- what the card shows beyond the snapshot: validity, copies, a portrait, searchable claims --

_PORTRAIT_CLAIMS = ("portrait", "picture", "photo", "image", "facial_image")
_FORMAT_LABELS = {
    "dc+sd-jwt": "SD-JWT VC",
    "vc+sd-jwt": "SD-JWT VC",
    "mso_mdoc": "mdoc",
    "jwt_vc_json": "JWT VC",
    "jwt_vc_json-ld": "JWT VC",
    "jwt_vc": "JWT VC",
    "ldp_vc": "Data Integrity VC",
}
#: how many days ahead "Expires in N days" is shown instead of "Valid"
EXPIRY_WARNING_DAYS = 30

Validity = Literal[
    "pending", "valid", "expiring", "expired", "not_yet_valid", "revoked", "suspended"
]


@frozen
class CardFacts:
    """What a card shows from the credential itself (decoded off the GUI thread)."""

    valid_from: datetime | None = None
    expires_at: datetime | None = None
    #: every claim value as text, one per line (search matches "Mustermann")
    claims_text: str = ""
    #: an image claim (mDL ``portrait``, SD-JWT ``picture``) when its bytes are an image
    portrait: BinaryData | None = None


def format_label(format: str) -> str:
    """The common name of a credential format (``dc+sd-jwt`` -> "SD-JWT VC")."""
    return _FORMAT_LABELS.get(format, format)


def _walk(value: object, key: str, texts: list[str], images: list[tuple[str, BinaryData]]) -> None:
    binary = binary_claim(value)
    if binary is not None:
        if binary.is_image:
            images.append((key, binary))
        return
    if isinstance(value, Mapping):
        for name, child in value.items():
            _walk(child, str(name), texts, images)
    elif isinstance(value, list):
        for child in value:
            _walk(child, key, texts, images)
    elif value is not None and not isinstance(value, bool):
        texts.append(str(value))


def card_facts(format: str, credential: str | None) -> CardFacts:
    """Validity, claim text and portrait of one credential instance; empty facts for a
    pending entry (``credential`` None) or one that does not decode. Raises nothing."""
    if credential is None:
        return CardFacts()
    try:
        view = decode_credential(format, credential)
    except WalletError:
        return CardFacts()
    return facts_of(view)


def facts_of(view: CredentialView) -> CardFacts:
    """The :class:`CardFacts` of a decoded credential. Raises nothing."""
    texts: list[str] = []
    images: list[tuple[str, BinaryData]] = []
    _walk(view.claims, "", texts, images)
    named = [image for key, image in images if key.lower() in _PORTRAIT_CLAIMS]
    chosen = named or [image for _, image in images]
    return CardFacts(
        valid_from=view.valid_from,
        expires_at=view.expires_at,
        claims_text="\n".join(texts),
        portrait=chosen[0] if chosen else None,
    )


def validity_of(status: str, facts: CardFacts, now: datetime | None = None) -> tuple[Validity, int]:
    """The card's validity and, for "expiring", the whole days left (0: expires today)."""
    if status == "deferred":
        return "pending", 0
    moment = now or datetime.now(UTC)
    if facts.expires_at is not None and facts.expires_at <= moment:
        return "expired", 0
    if facts.valid_from is not None and facts.valid_from > moment:
        return "not_yet_valid", 0
    if facts.expires_at is not None:
        days = (facts.expires_at - moment).days
        if days < EXPIRY_WARNING_DAYS:
            return "expiring", days
    return "valid", 0
