"""The credential list model: one row per stored credential, card data by role, search proxy.

Rows hold the ``StoredCredential`` values with the store's small list card; it is turned into
a :class:`CardInfo` lazily per row (a bounded cache), so 10,000 credentials cost little until
shown, and a long list fills a chunk per event-loop turn (issue 11).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage

from wallet_app.gui.card_info import CardInfo, card_info
from wallet_app.gui.card_roles import (
    CredentialFilterProxy,
    Roles,
    SeenCredentials,
    seen_credentials,
)
from wallet_app.gui.card_source import CardImages, FactsLoader, list_card_facts, wants_portrait
from wallet_app.gui.card_text import card_summary
from wallet_app.wallet.cards import CardFacts, format_label
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
_CHUNK = 200  # rows appended per step of the incremental fill
_TURN_S = 0.008  # an event-loop turn of the fill appends chunks for about this long
_INFOS_KEPT = 2048  # card data kept (the cards on screen and well around them)


class CredentialListModel(QAbstractListModel):
    """Stored credentials as a flat list; card fields by :class:`Roles`.

    A long list fills incrementally (issue 11): the first :data:`_CHUNK` rows at once (the
    first screenful and more), the rest appended a chunk per event-loop turn, so no turn
    holds the GUI thread for long; ``filling`` is True meanwhile and ``filled`` fires at the
    end. Rows hold the store's small list cards; card data is made per row on demand.
    """

    #: every stored credential is in the model (the incremental fill ended)
    filled = Signal()

    def __init__(
        self,
        locales: Sequence[str] = ("en",),
        parent: QObject | None = None,
        *,
        ctx: GuiContext | None = None,
    ) -> None:
        """With ``ctx``, facts the list card lacks (validity, portrait, claim text for search)
        are decoded from the credential in jobs, images held by reference are opened, and
        opened cards stop being "new"."""
        super().__init__(parent)
        self._locales = tuple(locales)
        self._rows: list[StoredCredential] = []
        #: rows still to append (the incremental fill), in order
        self._pending: list[StoredCredential] = []
        self._index: dict[str, int] | None = None
        self._infos: OrderedDict[str, CardInfo] = OrderedDict()
        self._search: dict[str, str] = {}
        self._unloaded: set[str] = set()  # card data made without asking for what it lacks
        #: portraits decoded off the GUI thread, the most recent ones
        self._pictures: OrderedDict[str, QImage] = OrderedDict()
        self._ctx = ctx
        #: facts decoded from credentials whose list card has none (older stores)
        self._facts: dict[str, CardFacts] = {}
        #: the stored trust verdict of each credential (``store.verdicts()``: the card shows
        #: only the verdict; a verification is opened when its card is, issue 11)
        self._verdicts: dict[str, str] = {}
        self._loader: FactsLoader | None = None
        self._images: CardImages | None = None
        if ctx is not None:
            self._loader = FactsLoader(lambda: ctx.store, ctx.jobs, self)
            self._loader.loaded.connect(self._on_facts)
            self._images = CardImages(lambda: ctx.store, ctx.jobs, self)
            self._images.resolved.connect(self._on_image)
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_step)
        #: ids present when the wallet was first loaded (not new) - None until then
        self._baseline: set[str] | None = None
        self._fresh: set[str] = set()
        self._seen = seen_credentials(ctx.extras) if ctx is not None else None
        if self._seen is not None:
            self._seen.marked.connect(self._on_seen)

    @property
    def filling(self) -> bool:
        """True while rows are still being appended."""
        return bool(self._pending)

    @property
    def _loading(self) -> set[str]:
        """Credentials being decoded (tests wait for it to empty)."""
        return self._loader.loading if self._loader is not None else set()

    def _track_new(self, new: Sequence[StoredCredential]) -> None:
        """Credentials that arrived after the first load, or were completed after pending,
        are new until opened (issue 8 P6)."""
        if self._baseline is None:
            self._baseline = {c.id for c in new}
            return
        before = {c.id: c.status for c in (*self._rows, *self._pending)}
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

    def _forget(self, credential_id: str) -> None:
        self._infos.pop(credential_id, None)
        self._search.pop(credential_id, None)

    def _refresh(self, credential_id: str) -> None:
        self._forget(credential_id)
        row = self.row_of(credential_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def _repaint_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def set_verification(self, credential_id: str, verification: Verification | None) -> None:
        """A credential's new trust result (a status re-check ended): its card repaints
        when the verdict changed."""
        verdict = verification.verdict if verification is not None else None
        if self._verdicts.get(credential_id) == verdict:
            return  # unchanged, or already set by set_verifications
        if verdict is None:
            self._verdicts.pop(credential_id, None)
        else:
            self._verdicts[credential_id] = verdict
        self._refresh(credential_id)

    def set_verifications(self, found: Mapping[str, Verification]) -> None:
        """Many new trust results at once (a re-check of every card): one repaint."""
        for credential_id, verification in found.items():
            self._verdicts[credential_id] = verification.verdict
            self._forget(credential_id)
        if found:
            self._repaint_all()

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

    def is_damaged(self, credential_id: str) -> bool:
        """True when the credential's stored record cannot be opened (issue 11)."""
        row = self.row_of(credential_id)
        return row >= 0 and self._rows[row].damaged

    def _on_facts(self, credential_id: str, facts: CardFacts, image: QImage | None) -> None:
        if image is not None:
            self._pictures[credential_id] = image
            while len(self._pictures) > _INFOS_KEPT // 8:
                self._pictures.popitem(last=False)
        row = self.row_of(credential_id)
        stored = self._rows[row] if row >= 0 else None
        if stored is not None and list_card_facts(stored.card) is not None:
            if self._loader is not None:  # a portrait card: keep the decoded portrait
                self._loader.keep_portrait(credential_id, facts)
            if facts.portrait is not None:
                self._refresh(credential_id)
        elif facts == CardFacts():  # nothing to show: no repaint
            self._facts[credential_id] = facts
        else:
            self.set_facts(credential_id, facts)

    def _on_image(self, _ref: str) -> None:
        self._infos.clear()  # few references (one per issuer and configuration)
        self._repaint_all()

    def _facts_of(self, stored: StoredCredential, load: bool) -> CardFacts | None:
        """The card's facts: from the list card, else decoded (queued when ``load``)."""
        loader = self._loader
        if stored.damaged:
            return None
        listed = list_card_facts(stored.card)
        if listed is not None:
            if loader is None or not wants_portrait(stored.card):
                return listed
            decoded = loader.portrait(stored.id)
            if decoded is not None:
                return replace(listed, portrait=decoded.portrait)
        else:
            decoded = self._facts.get(stored.id)
            if decoded is not None:
                return decoded
        if load and loader is not None and stored.status == "issued":
            loader.request(stored.id, stored.format)
        return listed

    # -- rows ----------------------------------------------------------------------------------

    def set_credentials(
        self,
        credentials: Sequence[StoredCredential],
        verdicts: Mapping[str, str] | None = None,
    ) -> None:
        """Bring the rows up to ``credentials`` (and, when given, their trust verdicts) with
        the smallest change.

        Nothing is signalled when nothing changed; added and removed credentials become row
        inserts and removals and changed ones ``dataChanged``, so views keep their scroll
        position and selection. Only a reordering (or the first load) resets the model; a
        long list then fills incrementally (see the class).
        """
        new, changed = list(credentials), set[str]()
        if verdicts is not None:
            changed = {
                i
                for i in self._verdicts.keys() | verdicts.keys()
                if self._verdicts.get(i) != verdicts.get(i)
            }
            self._verdicts = dict(verdicts)
            for credential_id in changed:
                self._forget(credential_id)
        self._track_new(new)
        if self._loader is not None:  # the whole list is in: decode what cards lack
            self._loader.release()
        if not self._rows and new:
            self._reset(new)
            return
        shown = {c.id for c in self._rows}
        # the rows shown so far take the new list's lead; a long rest is appended by the fill
        last = max((i for i, c in enumerate(new) if c.id in shown), default=-1)
        cut = max(last + 1, min(len(new), len(self._rows)))
        if len(new) - cut <= _CHUNK and not self._pending:
            cut = len(new)
        head, tail = new[:cut], new[cut:]
        new_ids = [c.id for c in head]
        old_ids = [c.id for c in self._rows]
        if old_ids != new_ids:
            new_set = set(new_ids)
            if len({c.id for c in new}) != len(new) or [i for i in old_ids if i in new_set] != [
                i for i in new_ids if i in shown
            ]:
                self._reset(new)
                return
            self._remove_missing(new_set)
            self._insert_new(head, shown)
        self._update_changed(head)
        self._pending = tail
        if tail:
            self._fill_timer.start()
        for credential_id in changed & set(new_ids):
            self._refresh(credential_id)

    def show_first(
        self, credentials: Sequence[StoredCredential], verdicts: Mapping[str, str]
    ) -> None:
        """The newest cards, shown before the whole list was read (an empty model only; they
        are not the baseline of "new": the next :meth:`set_credentials` is)."""
        if not self._rows and not self._pending:
            self._verdicts = dict(verdicts)
            if self._loader is not None:
                self._loader.held = True  # until the whole list is in (set_credentials)
            self._reset(list(credentials))

    def _reset(self, new: list[StoredCredential]) -> None:
        """The first load fills incrementally; a later reset (a reordering, rare) shows every
        row at once, so the window can find the selected card again."""
        first = not self._rows
        self.beginResetModel()
        self._rows, self._pending = (new[:_CHUNK], new[_CHUNK:]) if first else (new, [])
        self._index = None
        self._infos.clear()
        self._search.clear()
        self.endResetModel()
        if self._pending:
            self._fill_timer.start()

    def _fill_step(self) -> None:
        """Append the next rows (a chunk, more while the turn stays short)."""
        started = time.perf_counter()
        while self._pending:
            part = self._pending[:_CHUNK]
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(part) - 1)
            self._rows.extend(part)
            del self._pending[:_CHUNK]
            if self._index is not None:
                self._index.update((c.id, first + n) for n, c in enumerate(part))
            self.endInsertRows()
            if time.perf_counter() - started > _TURN_S:
                break
        if self._pending:
            self._fill_timer.start()
        else:
            self.filled.emit()

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
                self._forget(gone.id)
            del self._rows[first : last + 1]
            self._index = None
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
            self._index = None
            self.endInsertRows()
            pos = end

    def _update_changed(self, new: list[StoredCredential]) -> None:
        for row, (before, after) in enumerate(zip(self._rows, new, strict=True)):
            if before is not after and before != after:
                self._rows[row] = after
                self._forget(after.id)
                self._facts.pop(after.id, None)  # completed after pending: decode again
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def credential(self, row: int) -> StoredCredential:
        """The stored credential of ``row``."""
        return self._rows[row]

    def info(self, row: int, *, load: bool = True) -> CardInfo:
        """The (cached) card data of ``row``; ``load``: decode what the list card lacks (a
        card on screen), else show what is there."""
        stored = self._rows[row]
        info = self._infos.get(stored.id)
        if info is not None and not (load and stored.id in self._unloaded):
            self._infos.move_to_end(stored.id)
            return info
        if load:
            self._unloaded.discard(stored.id)
        else:
            self._unloaded.add(stored.id)
        facts = self._facts_of(stored, load)
        info = card_info(
            stored,
            self._locales,
            facts,
            is_new=stored.id in self._fresh,
            trust=self._verdicts.get(stored.id),
            images=self._images.uri if self._images is not None else None,
            portrait_image=self._pictures.get(stored.id),
        )
        self._infos[stored.id] = info
        while len(self._infos) > _INFOS_KEPT:
            self._infos.popitem(last=False)
        return info

    def search_text(self, row: int) -> str:
        """What the search looks in: name, issuer, host, type, format and claim values."""
        credential_id = self._rows[row].id
        text = self._search.get(credential_id)
        if text is None:
            info = self.info(row, load=False)
            text = self._search[credential_id] = (
                f"{info.name}\n{info.issuer_name}\n{info.issuer_host}\n{info.type}\n"
                f"{format_label(info.format)}\n{info.claims_text}"
            )
        return text

    def row_of(self, credential_id: str) -> int:
        """The row of a credential id, or -1 (also while its row is still to come)."""
        if self._index is None:
            self._index = {c.id: n for n, c in enumerate(self._rows)}
        return self._index.get(credential_id, -1)

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
        if role == Roles.SearchText:
            return self.search_text(index.row())
        info = self.info(index.row(), load=role == Roles.Card)
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
