"""What a credential card shows: :class:`CardInfo`, made from a stored credential's display
snapshot (OID4VCI 1.0 §12.2.4) in the user's languages and the facts decoded from it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QImage

from wallet_app.frozen import frozen
from wallet_app.text import printable
from wallet_app.wallet.cards import CardFacts, Validity, issuer_name, localized_name, validity_of
from wallet_app.wallet.store import StoredCredential

__all__ = ["CardInfo", "RefResolver", "card_info", "damaged_card"]


@frozen
class CardInfo:
    """Everything a card paints, taken from one credential's display snapshot."""

    id: str
    name: str
    issuer_name: str
    issuer_host: str
    background_color: str | None
    text_color: str | None
    logo_uri: str | None
    logo_alt: str
    background_image_uri: str | None
    status: str
    received_at: str
    format: str
    type: str
    local_issuer: bool
    #: batch copies kept (OID4VCI 1.0 §8.3 batch issuance): one card, "3 uses left"
    copies: int = 1
    #: received in this session (or completed after pending) and not opened since
    is_new: bool = False
    validity: Validity = "valid"
    #: whole days left when ``validity`` is "expiring"
    days_left: int = 0
    #: an image claim's bytes (mDL portrait, SD-JWT picture), shown on the card
    portrait: bytes | None = None
    claims_text: str = ""
    #: the issuer-trust verdict (``trust.model.Verdict``); None: not verified (yet)
    trust: str | None = None
    #: a stored record that cannot be opened (issue 11): "Damaged record", deletable
    damaged: bool = False
    #: ``portrait`` decoded (and made small) off the GUI thread, when it was
    portrait_image: QImage | None = field(default=None, compare=False, hash=False)

    @property
    def has_display(self) -> bool:
        """True when the issuer sent display metadata with a colour or art."""
        return bool(self.background_color or self.background_image_uri)

    @property
    def fallback_color(self) -> QColor:
        """A stable colour made from the issuer host (for cards without metadata)."""
        digest = hashlib.sha256((self.issuer_host or self.name).encode()).digest()
        return QColor.fromHsl(digest[0] * 360 // 256, 120, 78)

    @property
    def initials(self) -> str:
        """Up to two initials of the credential name."""
        words = [w for w in self.name.replace("_", " ").split() if w[:1].isalnum()]
        return "".join(w[0] for w in words[:2]).upper() or "?"


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _text(value: object) -> str:
    """Issuer text for a card: one line, no control or bidi-override characters."""
    return " ".join(printable(value, limit=300).split()) if isinstance(value, str) else ""


#: opens an image the list card holds by reference (``image_ref``); None until known
RefResolver = Callable[[str], str | None]


def _uri(value: object, resolve: RefResolver | None = None) -> tuple[str | None, str]:
    if isinstance(value, Mapping):
        uri = _str(value.get("uri"))
        ref = value.get("image_ref")
        if uri is None and resolve is not None and isinstance(ref, str) and ref:
            uri = resolve(ref)
        return uri, _text(value.get("alt_text"))
    return None, ""


def _display_entries(card: Mapping[str, object], name: str) -> list[Mapping[str, object]]:
    """The display entries, the one of the chosen name first (the others fill its gaps)."""
    display = card.get("display")
    entries = [d for d in display if isinstance(d, Mapping)] if isinstance(display, list) else []
    return sorted(entries, key=lambda entry: entry.get("name") != name)


def _first(entries: Sequence[Mapping[str, object]], key: str) -> object:
    return next((e[key] for e in entries if e.get(key) is not None), None)


def card_info(
    stored: StoredCredential,
    locales: Sequence[str],
    facts: CardFacts | None = None,
    *,
    is_new: bool = False,
    trust: str | None = None,
    images: RefResolver | None = None,
    portrait_image: QImage | None = None,
) -> CardInfo:
    """The :class:`CardInfo` of a stored credential in the best of ``locales``, with what
    ``facts`` (decoded from the credential: validity, portrait, claim text) adds, and its
    issuer-trust verdict ``trust`` (from the store's verification, None when there is none).
    ``images`` opens the images a list card holds by reference. Issuer texts are made
    printable (one line, no controls); the painter isolates them (bidi)."""
    if stored.damaged:
        return damaged_card(stored)
    card = stored.card
    chosen = localized_name(card, locales, fallback=stored.name)
    name = _text(chosen)
    entries = _display_entries(card, chosen)
    logo, alt = _uri(_first(entries, "logo"), images)
    if logo is None:  # the issuer's logo stands in for a credential without its own
        issuer_display = card.get("issuer_display")
        for entry in issuer_display if isinstance(issuer_display, list) else []:
            if isinstance(entry, Mapping) and (found := _uri(entry.get("logo"), images))[0]:
                logo, alt = found
                break
    art, _ = _uri(_first(entries, "background_image"), images)
    known = facts or CardFacts()
    validity, days_left = validity_of(stored.status, known)
    if trust in ("revoked", "suspended"):  # the issuer's status list says so (issue 9 T5)
        validity, days_left = ("revoked" if trust == "revoked" else "suspended"), 0
    return CardInfo(
        id=stored.id,
        name=name,
        issuer_name=_text(issuer_name(card, locales) or stored.issuer),
        issuer_host=_text(card.get("issuer_host")),
        background_color=_str(_first(entries, "background_color")),
        text_color=_str(_first(entries, "text_color")),
        logo_uri=logo,
        logo_alt=alt,
        background_image_uri=art,
        status=stored.status,
        received_at=stored.received_at,
        format=stored.format,
        type=_text(_str(card.get("type")) or stored.credential_configuration_id),
        local_issuer=card.get("local_issuer") is True,
        copies=stored.instance_count,
        is_new=is_new,
        validity=validity,
        days_left=days_left,
        portrait=known.portrait.data if known.portrait is not None else None,
        claims_text=known.claims_text,
        trust=trust,
        portrait_image=portrait_image if known.portrait is not None else None,
    )


def damaged_card(stored: StoredCredential) -> CardInfo:
    """The card of a record that cannot be opened: "Damaged record", nothing from the
    issuer (what the record held is unreadable), in the fallback look."""
    return CardInfo(
        id=stored.id,
        name=QCoreApplication.translate("CardDelegate", "Damaged record"),
        issuer_name=QCoreApplication.translate("CardDelegate", "This record cannot be read"),
        issuer_host="",
        background_color=None,  # the wallet's own look (no issuer colours)
        text_color=None,
        logo_uri=None,
        logo_alt="",
        background_image_uri=None,
        status=stored.status,
        received_at=stored.received_at,
        format=stored.format,
        type="",
        local_issuer=False,
        copies=stored.instance_count,
        damaged=True,
    )
