"""Where the card list's data comes from besides the list itself, all off the GUI thread:

- :func:`list_card_facts`: the facts the store computed once at add time (``card["facts"]``,
  issue 11), so listing decodes no credential;
- :class:`FactsLoader`: the batch decode of credentials, for cards without those facts (older
  stores) and for the portrait of a visible card (the list card only says it has one);
- :class:`CardImages`: images the list card holds by reference (``image_ref``, data URIs
  longer than 512 characters, stored once per issuer and configuration), opened with
  ``store.card_image(ref)`` for visible cards and kept (there are few: one per issuer and
  configuration).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage

from wallet_app.errors import WalletError
from wallet_app.wallet.cards import CardFacts, card_facts

if TYPE_CHECKING:
    from wallet_app.gui.jobs import JobRunner
    from wallet_app.wallet.store import CredentialStore

__all__ = ["CardImages", "FactsLoader", "image_refs", "list_card_facts", "wants_portrait"]

log = logging.getLogger(__name__)
_FACTS_BATCH = 50  # credentials decoded per job
_PORTRAITS_KEPT = 256  # decoded portraits kept (the cards on screen and around them)
_PORTRAIT_PX = 240  # a decoded portrait is shrunk to this (the card shows it ~60x80)


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def list_card_facts(card: Mapping[str, object]) -> CardFacts | None:
    """The facts the store keeps in a list card (validity and claim text; the portrait is
    only announced by ``has_portrait``); None when the card has none (an older store)."""
    facts = card.get("facts")
    if not isinstance(facts, Mapping):
        return None
    claims = facts.get("claims_text")
    return CardFacts(
        valid_from=_instant(facts.get("valid_from")),
        expires_at=_instant(facts.get("valid_until")),
        claims_text=claims if isinstance(claims, str) else "",
    )


def wants_portrait(card: Mapping[str, object]) -> bool:
    """True when the list card says the credential holds a portrait image."""
    facts = card.get("facts")
    return isinstance(facts, Mapping) and facts.get("has_portrait") is True


def _image_entries(card: Mapping[str, object]) -> Iterator[Mapping[str, object]]:
    for key in ("display", "issuer_display"):
        entries = card.get(key)
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, Mapping):
                continue
            for image_key in ("logo", "background_image"):
                image = entry.get(image_key)
                if isinstance(image, Mapping):
                    yield image


def image_refs(card: Mapping[str, object]) -> set[str]:
    """The ``image_ref`` keys of a list card's images whose URI was left out."""
    return {
        ref
        for image in _image_entries(card)
        if image.get("uri") is None and isinstance(ref := image.get("image_ref"), str) and ref
    }


def _small_image(facts: CardFacts) -> QImage | None:
    """The portrait decoded and shrunk here, on the worker (decoding a photo on the GUI
    thread held it for ~40 ms per card); None when there is none or Qt cannot read it."""
    if facts.portrait is None:
        return None
    image = QImage.fromData(facts.portrait.data)
    if image.isNull():
        return None
    if image.width() > _PORTRAIT_PX or image.height() > _PORTRAIT_PX:
        image = image.scaled(
            QSize(_PORTRAIT_PX, _PORTRAIT_PX),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


class FactsLoader(QObject):
    """Decodes queued credentials in batches, one job at a time; ``loaded(id, CardFacts)``
    per credential (empty facts when it cannot be read). Portraits are kept for the most
    recently asked cards only."""

    #: (credential id, CardFacts, QImage | None: its portrait decoded and made small)
    loaded = Signal(str, object, object)

    def __init__(
        self, store: Callable[[], CredentialStore], jobs: JobRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._jobs = jobs
        self.loading: set[str] = set()
        self._queue: list[tuple[str, str]] = []
        self._running = False
        #: True while the card list is still being read: decoding waits (it would compete
        #: with that read and the first paint for the interpreter)
        self.held = False
        self.portraits: OrderedDict[str, CardFacts] = OrderedDict()

    def request(self, credential_id: str, fmt: str) -> None:
        """Queue a credential for decoding (once while it is queued or running)."""
        if credential_id in self.loading:
            return
        self.loading.add(credential_id)
        self._queue.append((credential_id, fmt))
        self.resume()

    def resume(self) -> None:
        """Start decoding what is queued, unless held or already running."""
        if not self._running and not self.held:
            self._start()

    def release(self) -> None:
        """No longer held: decode what was queued meanwhile."""
        if self.held:
            self.held = False
            self.resume()

    def keep_portrait(self, credential_id: str, facts: CardFacts) -> None:
        """Keep a decoded portrait, forgetting the least recently used past the limit."""
        self.portraits[credential_id] = facts
        self.portraits.move_to_end(credential_id)
        while len(self.portraits) > _PORTRAITS_KEPT:
            self.portraits.popitem(last=False)

    def portrait(self, credential_id: str) -> CardFacts | None:
        """The kept decoded facts of a portrait card, if any."""
        found = self.portraits.get(credential_id)
        if found is not None:
            self.portraits.move_to_end(credential_id)
        return found

    def _start(self) -> None:
        if not self._queue:
            return
        batch, self._queue = self._queue[:_FACTS_BATCH], self._queue[_FACTS_BATCH:]
        store = self._store()
        self._running = True

        def load() -> dict[str, tuple[CardFacts, QImage | None]]:
            found: dict[str, tuple[CardFacts, QImage | None]] = {}
            for credential_id, fmt in batch:
                try:
                    record = store.get_credential(credential_id)
                except WalletError as exc:  # deleted meanwhile, or unreadable
                    log.info("card facts of %s not read: %s", credential_id, exc.code)
                    found[credential_id] = (CardFacts(), None)
                    continue
                first = record.instances[0].credential if record.instances else None
                facts = card_facts(fmt, first)
                found[credential_id] = (facts, _small_image(facts))
            return found

        def done(found: dict[str, tuple[CardFacts, QImage | None]]) -> None:
            self._running = False
            for credential_id, (facts, image) in found.items():
                self.loading.discard(credential_id)
                self.loaded.emit(credential_id, facts, image)
            self._start()

        def failed(exc: BaseException) -> None:
            self._running = False
            log.info("card facts not read: %s", exc)
            for credential_id, _ in batch:
                self.loading.discard(credential_id)
                self.loaded.emit(credential_id, CardFacts(), None)
            self._start()

        self._jobs.run(load, done, failed, owner=self)


class CardImages(QObject):
    """Opens list-card images by reference (``store.card_image``) in jobs; ``resolved(ref)``
    once known. Unknown or unreadable references stay None (the card's fallback look)."""

    resolved = Signal(str)

    def __init__(
        self, store: Callable[[], CredentialStore], jobs: JobRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._jobs = jobs
        self.uris: dict[str, str | None] = {}
        self._loading: set[str] = set()

    def uri(self, ref: str) -> str | None:
        """The data URI of ``ref`` when opened, else None (and it is opened in a job)."""
        if ref in self.uris:
            return self.uris[ref]
        if ref not in self._loading:
            self._loading.add(ref)
            store = self._store()
            opener = getattr(store, "card_image", None)

            def load() -> str | None:
                found = opener(ref) if callable(opener) else None
                return found if isinstance(found, str) and found else None

            def done(found: str | None) -> None:
                self._loading.discard(ref)
                self.uris[ref] = found
                self.resolved.emit(ref)

            def failed(exc: BaseException) -> None:
                log.info("card image %s not opened: %s", ref[:16], exc)
                done(None)

            self._jobs.run(load, done, failed, owner=self)
        return None
