"""The card list's item data roles, the cards opened in this session (shared by the list and
the details dialog) and the search proxy; re-exported by
:mod:`wallet_app.gui.credential_model`."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel, Qt, Signal

__all__ = ["CredentialFilterProxy", "Roles", "SeenCredentials", "seen_credentials"]


class SeenCredentials(QObject):
    """The cards opened in this session (shared by the list and the details dialog)."""

    marked = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ids: set[str] = set()

    def mark(self, credential_id: str) -> None:
        """The card was opened: it is no longer "new"."""
        self.ids.add(credential_id)
        self.marked.emit(credential_id)


def seen_credentials(extras: dict[str, object]) -> SeenCredentials:
    """The application's :class:`SeenCredentials`, kept in ``ctx.extras["seen_credentials"]``."""
    seen = extras.get("seen_credentials")
    if not isinstance(seen, SeenCredentials):
        seen = extras["seen_credentials"] = SeenCredentials(QCoreApplication.instance())
    return seen


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
    IsNew = Qt.ItemDataRole.UserRole + 15
    Copies = Qt.ItemDataRole.UserRole + 16
    Validity = Qt.ItemDataRole.UserRole + 17
    #: the issuer-trust verdict ("trusted", "untrusted", "invalid", "revoked", "suspended")
    Trust = Qt.ItemDataRole.UserRole + 18


class CredentialFilterProxy(QSortFilterProxyModel):
    """Case-insensitive search on credential name, issuer, type, format and claim values."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(Roles.SearchText)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search(self, text: str) -> None:
        """Show only credentials whose name, issuer, type, format or a claim value contains
        ``text`` ("Mustermann")."""
        self.setFilterFixedString(text.strip())
