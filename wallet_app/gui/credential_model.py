"""The credential list model: one row per stored credential, card data by role, search proxy.

Rows hold the ``StoredCredential`` values; the display snapshot is turned into a
:class:`CardInfo` lazily per row (and cached), so 10,000 credentials cost nothing until shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from wallet_app.wallet.cards import issuer_name, localized_name
from wallet_app.wallet.store import StoredCredential

__all__ = [
    "CardInfo",
    "CredentialFilterProxy",
    "CredentialListModel",
    "Roles",
    "card_info",
    "local_date",
]

AnyIndex = QModelIndex | QPersistentModelIndex


def local_date(iso: str, *, with_time: bool = False) -> str:
    """An ISO 8601 date or date-time in the user's locale (short form, always a 4-digit year,
    local time); the text unchanged when it is not ISO 8601 (issue 8 P13: no raw ISO dates)."""
    text = iso.strip()
    moment = QDateTime.fromString(text, Qt.DateFormat.ISODate)
    timed = moment.isValid() and len(text) > 10
    day = moment.toLocalTime().date() if timed else QDate.fromString(text[:10], "yyyy-MM-dd")
    if not day.isValid():
        return iso
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:  # German "dd.MM.yy": the year in full
        pattern = pattern.replace("yy", "yyyy")
    if not (with_time and timed):
        return locale.toString(day, pattern)
    local = moment.toLocalTime()
    clock = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return f"{locale.toString(local.date(), pattern)} {clock}"


class Roles(IntEnum):
    """Item data roles of :class:`CredentialListModel` (``Qt.DisplayRole`` is the name)."""

    Card = Qt.ItemDataRole.UserRole + 1
    Id = Qt.ItemDataRole.UserRole + 2
    Name = Qt.ItemDataRole.UserRole + 3
    IssuerName = Qt.ItemDataRole.UserRole + 4
    BackgroundColor = Qt.ItemDataRole.UserRole + 5
    TextColor = Qt.ItemDataRole.UserRole + 6
    LogoUri = Qt.ItemDataRole.UserRole + 7
    BackgroundImageUri = Qt.ItemDataRole.UserRole + 8
    Status = Qt.ItemDataRole.UserRole + 9
    ReceivedAt = Qt.ItemDataRole.UserRole + 10
    Format = Qt.ItemDataRole.UserRole + 11
    Type = Qt.ItemDataRole.UserRole + 12
    LocalIssuer = Qt.ItemDataRole.UserRole + 13
    SearchText = Qt.ItemDataRole.UserRole + 14


@dataclass(frozen=True, slots=True)
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


def _uri(value: object) -> tuple[str | None, str]:
    if isinstance(value, Mapping):
        return _str(value.get("uri")), _str(value.get("alt_text")) or ""
    return None, ""


def _display_entries(card: Mapping[str, object], name: str) -> list[Mapping[str, object]]:
    """The display entries, the one of the chosen name first (the others fill its gaps)."""
    display = card.get("display")
    entries = [d for d in display if isinstance(d, Mapping)] if isinstance(display, list) else []
    return sorted(entries, key=lambda entry: entry.get("name") != name)


def _first(entries: Sequence[Mapping[str, object]], key: str) -> object:
    return next((e[key] for e in entries if e.get(key) is not None), None)


def card_info(stored: StoredCredential, locales: Sequence[str]) -> CardInfo:
    """The :class:`CardInfo` of a stored credential in the best of ``locales``."""
    card = stored.card
    name = localized_name(card, locales, fallback=stored.name)
    entries = _display_entries(card, name)
    logo, alt = _uri(_first(entries, "logo"))
    if logo is None:  # the issuer's logo stands in for a credential without its own
        issuer_display = card.get("issuer_display")
        for entry in issuer_display if isinstance(issuer_display, list) else []:
            if isinstance(entry, Mapping) and (found := _uri(entry.get("logo")))[0]:
                logo, alt = found
                break
    art, _ = _uri(_first(entries, "background_image"))
    return CardInfo(
        id=stored.id,
        name=name,
        issuer_name=issuer_name(card, locales) or stored.issuer,
        issuer_host=_str(card.get("issuer_host")) or "",
        background_color=_str(_first(entries, "background_color")),
        text_color=_str(_first(entries, "text_color")),
        logo_uri=logo,
        logo_alt=alt,
        background_image_uri=art,
        status=stored.status,
        received_at=stored.received_at,
        format=stored.format,
        type=_str(card.get("type")) or stored.credential_configuration_id,
        local_issuer=card.get("local_issuer") is True,
    )


class CredentialListModel(QAbstractListModel):
    """Stored credentials as a flat list; card fields by :class:`Roles`."""

    def __init__(self, locales: Sequence[str] = ("en",), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locales = tuple(locales)
        self._rows: list[StoredCredential] = []
        self._infos: dict[str, CardInfo] = {}

    def set_credentials(self, credentials: Sequence[StoredCredential]) -> None:
        """Bring the rows up to ``credentials`` with the smallest change.

        Nothing is signalled when nothing changed; added and removed credentials become row
        inserts and removals and changed ones ``dataChanged``, so views keep their scroll
        position and selection. Only a reordering (or the first load) resets the model.
        """
        new = list(credentials)
        new_ids = [c.id for c in new]
        old_ids = [c.id for c in self._rows]
        if old_ids != new_ids:
            new_set, old_set = set(new_ids), set(old_ids)
            if (
                not self._rows
                or len(new_set) != len(new_ids)
                or [i for i in old_ids if i in new_set] != [i for i in new_ids if i in old_set]
            ):
                self.beginResetModel()
                self._rows = new
                self._infos = {}
                self.endResetModel()
                return
            self._remove_missing(new_set)
            self._insert_new(new, old_set)
        self._update_changed(new)

    def _remove_missing(self, keep: set[str]) -> None:
        last = len(self._rows) - 1
        while last >= 0:
            if self._rows[last].id in keep:
                last -= 1
                continue
            first = last
            while first > 0 and self._rows[first - 1].id not in keep:
                first -= 1
            self.beginRemoveRows(QModelIndex(), first, last)
            for gone in self._rows[first : last + 1]:
                self._infos.pop(gone.id, None)
            del self._rows[first : last + 1]
            self.endRemoveRows()
            last = first - 1

    def _insert_new(self, new: list[StoredCredential], known: set[str]) -> None:
        pos = 0
        while pos < len(new):
            if new[pos].id in known:
                pos += 1
                continue
            end = pos
            while end < len(new) and new[end].id not in known:
                end += 1
            self.beginInsertRows(QModelIndex(), pos, end - 1)
            self._rows[pos:pos] = new[pos:end]
            self.endInsertRows()
            pos = end

    def _update_changed(self, new: list[StoredCredential]) -> None:
        for row, (before, after) in enumerate(zip(self._rows, new, strict=True)):
            if before is not after and before != after:
                self._rows[row] = after
                self._infos.pop(after.id, None)
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def credential(self, row: int) -> StoredCredential:
        """The stored credential of ``row``."""
        return self._rows[row]

    def info(self, row: int) -> CardInfo:
        """The (cached) card data of ``row``."""
        stored = self._rows[row]
        info = self._infos.get(stored.id)
        if info is None:
            info = self._infos[stored.id] = card_info(stored, self._locales)
        return info

    def row_of(self, credential_id: str) -> int:
        """The row of a credential id, or -1."""
        return next((i for i, c in enumerate(self._rows) if c.id == credential_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of credentials (0 below the root, as a list model must)."""
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Credentials are selectable and enabled, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The card field for ``role`` (None for roles this model does not serve)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self.info(index.row())
        match role:
            case Qt.ItemDataRole.DisplayRole | Roles.Name:
                return info.name
            case Qt.ItemDataRole.ToolTipRole:
                return f"{info.name}\n{info.issuer_name}"
            case Qt.ItemDataRole.AccessibleTextRole:
                pending = ", pending" if info.status == "deferred" else ""
                return f"{info.name}, {info.issuer_name}{pending}"
            case Roles.Card:
                return info
            case Roles.Id:
                return info.id
            case Roles.IssuerName:
                return info.issuer_name
            case Roles.BackgroundColor:
                return info.background_color
            case Roles.TextColor:
                return info.text_color
            case Roles.LogoUri:
                return info.logo_uri
            case Roles.BackgroundImageUri:
                return info.background_image_uri
            case Roles.Status:
                return info.status
            case Roles.ReceivedAt:
                return info.received_at
            case Roles.Format:
                return info.format
            case Roles.Type:
                return info.type
            case Roles.LocalIssuer:
                return info.local_issuer
            case Roles.SearchText:
                return f"{info.name}\n{info.issuer_name}\n{info.issuer_host}\n{info.type}"
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        """Role names (for QML and debugging)."""
        names = super().roleNames()
        for role in Roles:
            names[int(role)] = QByteArray(role.name.encode())
        return names


class CredentialFilterProxy(QSortFilterProxyModel):
    """Case-insensitive search on credential name, issuer and type."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(Roles.SearchText)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search(self, text: str) -> None:
        """Show only credentials whose name, issuer or type contains ``text``."""
        self.setFilterFixedString(text.strip())
