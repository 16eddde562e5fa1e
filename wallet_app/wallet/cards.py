"""The display snapshot ("card") kept with each credential, and its localized rendering.

The card is taken from the issuer's metadata when the credential arrives (protocol-notes
§1.5: store the display snapshot with the credential), so a credential still shows its name,
colours and claim labels when the issuer is offline or has changed its metadata.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from wallet_app.formats import credential_display, pick_locale
from wallet_app.oid4vci.models import ClaimDescription, CredentialConfiguration, IssuerMetadata


def _display_name(display: object, locales: Sequence[str]) -> str | None:
    """The ``name`` of the entry of a ``display`` list that best fits ``locales``."""
    entries = [d for d in display if isinstance(d, Mapping)] if isinstance(display, list) else []
    chosen = pick_locale(entries, locales)
    name = chosen.get("name") if chosen else None
    return name if isinstance(name, str) and name else None


__all__ = ["build_card", "claim_labels", "claims_metadata", "issuer_name", "localized_name"]


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
