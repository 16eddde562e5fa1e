"""The credential list model: one row per stored credential, card data by role, search proxy.

Rows hold the ``StoredCredential`` values; the display snapshot is turned into a
:class:`CardInfo` lazily per row (and cached), so 10,000 credentials cost nothing until shown.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from wallet_app.errors import WalletError
from wallet_app.gui.card_info import CardInfo, card_info
from wallet_app.gui.card_text import card_summary
from wallet_app.wallet.cards import (
    CardFacts,
    card_facts,
    format_label,
)
from wallet_app.wallet.store import StoredCredential

if TYPE_CHECKING:
    from wallet_app.gui.context import GuiContext
    from wallet_app.trust.model import Verification

__all__ = [
    "CredentialFilterProxy",
    "CredentialListModel",
    "Roles",
    "SeenCredentials",
    "seen_credentials",
]

AnyIndex = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)
_FACTS_BATCH = 50  # credentials decoded per job


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


class CredentialListModel(QAbstractListModel):
    """Stored credentials as a flat list; card fields by :class:`Roles`."""

    def __init__(
        self,
        locales: Sequence[str] = ("en",),
        parent: QObject | None = None,
        *,
        ctx: GuiContext | None = None,
    ) -> None:
        """With ``ctx``, each card's facts (validity, portrait, claim text for search) are
        decoded from the credential in a job, and opened cards stop being "new"."""
        super().__init__(parent)
        self._locales = tuple(locales)
        self._rows: list[StoredCredential] = []
        self._infos: dict[str, CardInfo] = {}
        self._ctx = ctx
        self._facts: dict[str, CardFacts] = {}
        #: the stored trust result of each credential (``store.verifications()``)
        self._verifications: dict[str, Verification] = {}
        self._loading: set[str] = set()
        self._queue: list[tuple[str, str]] = []
        self._batch_running = False
        #: ids present when the wallet was first loaded (not new) - None until then
        self._baseline: set[str] | None = None
        self._fresh: set[str] = set()
        self._seen = seen_credentials(ctx.extras) if ctx is not None else None
        if self._seen is not None:
            self._seen.marked.connect(self._on_seen)

    def _track_new(self, new: Sequence[StoredCredential]) -> None:
        """Credentials that arrived after the first load, or were completed after pending,
        are new until opened (issue 8 P6)."""
        if self._baseline is None:
            self._baseline = {c.id for c in new}
            return
        before = {c.id: c.status for c in self._rows}
        for c in new:
            completed = before.get(c.id) == "deferred" and c.status == "issued"
            arrived = c.id not in self._baseline and c.id not in before
            if completed or (arrived and (self._seen is None or c.id not in self._seen.ids)):
                self._fresh.add(c.id)
                if self._seen is not None:
                    self._seen.ids.discard(c.id)

    def _on_seen(self, credential_id: str) -> None:
        if credential_id in self._fresh:
            self._fresh.discard(credential_id)
            self._refresh(credential_id)

    def _refresh(self, credential_id: str) -> None:
        self._infos.pop(credential_id, None)
        row = self.row_of(credential_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def set_verification(self, credential_id: str, verification: Verification | None) -> None:
        """A credential's new trust result (a status re-check ended): its card repaints."""
        if verification is None:
            self._verifications.pop(credential_id, None)
        else:
            self._verifications[credential_id] = verification
        self._refresh(credential_id)

    def verification(self, credential_id: str) -> Verification | None:
        """The trust result shown on a credential's card, if any."""
        return self._verifications.get(credential_id)

    def set_facts(self, credential_id: str, facts: CardFacts) -> None:
        """What was decoded from a credential (validity, portrait, claims)."""
        self._facts[credential_id] = facts
        self._refresh(credential_id)

    def mark_seen(self, credential_id: str) -> None:
        """The user opened this card: it is no longer "new"."""
        if self._seen is not None:
            self._seen.mark(credential_id)
        else:
            self._on_seen(credential_id)

    def _load_facts(self, stored: StoredCredential) -> None:
        """Queue a credential for decoding; one job decodes the queue in a batch (a list of
        thousands of cards costs a few jobs, not one each)."""
        if self._ctx is None or stored.id in self._loading or stored.status != "issued":
            return
        self._loading.add(stored.id)
        self._queue.append((stored.id, stored.format))
        if not self._batch_running:
            self._start_batch()

    def _start_batch(self) -> None:
        ctx = self._ctx
        if ctx is None or not self._queue:
            return
        batch, self._queue = self._queue[:_FACTS_BATCH], self._queue[_FACTS_BATCH:]
        store = ctx.store
        self._batch_running = True

        def load() -> dict[str, CardFacts]:
            found: dict[str, CardFacts] = {}
            for credential_id, fmt in batch:
                try:
                    record = store.get_credential(credential_id)
                except WalletError as exc:  # deleted meanwhile, or unreadable
                    log.info("card facts of %s not read: %s", credential_id, exc.code)
                    found[credential_id] = CardFacts()
                    continue
                first = record.instances[0].credential if record.instances else None
                found[credential_id] = card_facts(fmt, first)
            return found

        def loaded(found: dict[str, CardFacts]) -> None:
            self._batch_running = False
            for credential_id, facts in found.items():
                self._loading.discard(credential_id)
                if facts == CardFacts():  # nothing to show: no repaint
                    self._facts[credential_id] = facts
                else:
                    self.set_facts(credential_id, facts)
            self._start_batch()

        def failed(exc: BaseException) -> None:
            self._batch_running = False
            log.info("card facts not read: %s", exc)
            for credential_id, _ in batch:
                self._loading.discard(credential_id)
                self._facts[credential_id] = CardFacts()
            self._start_batch()

        ctx.jobs.run(load, loaded, failed, owner=self)

    def set_credentials(
        self,
        credentials: Sequence[StoredCredential],
        verifications: Mapping[str, Verification] | None = None,
    ) -> None:
        """Bring the rows up to ``credentials`` (and, when given, their trust results) with
        the smallest change.

        Nothing is signalled when nothing changed; added and removed credentials become row
        inserts and removals and changed ones ``dataChanged``, so views keep their scroll
        position and selection. Only a reordering (or the first load) resets the model.
        """
        new = list(credentials)
        if verifications is not None:
            changed = {
                i
                for i in self._verifications.keys() | verifications.keys()
                if self._verifications.get(i) != verifications.get(i)
            }
            self._verifications = dict(verifications)
            for credential_id in changed:
                self._infos.pop(credential_id, None)
        else:
            changed = set()
        self._track_new(new)
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
        for credential_id in changed & {c.id for c in new}:
            self._refresh(credential_id)

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
                self._facts.pop(after.id, None)  # completed after pending: decode again
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
            facts = self._facts.get(stored.id)
            if facts is None:
                self._load_facts(stored)
            verification = self._verifications.get(stored.id)
            info = self._infos[stored.id] = card_info(
                stored,
                self._locales,
                facts,
                is_new=stored.id in self._fresh,
                trust=verification.verdict if verification is not None else None,
            )
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
            case Qt.ItemDataRole.AccessibleTextRole:  # distinct even for identical cards
                return QCoreApplication.translate(
                    "CardDelegate", "{card}, card {n} of {count}"
                ).format(card=card_summary(info), n=index.row() + 1, count=len(self._rows))
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
                return (
                    f"{info.name}\n{info.issuer_name}\n{info.issuer_host}\n{info.type}\n"
                    f"{format_label(info.format)}\n{info.claims_text}"
                )
            case Roles.IsNew:
                return info.is_new
            case Roles.Copies:
                return info.copies
            case Roles.Validity:
                return info.validity
            case Roles.Trust:
                return info.trust
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        """Role names (for QML and debugging)."""
        names = super().roleNames()
        for role in Roles:
            names[int(role)] = QByteArray(role.name.encode())
        return names


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
