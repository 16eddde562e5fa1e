"""Cards at scale and cards that cannot be trusted to be well-formed (issue 11): the list card's
own facts (no decode per credential), images held by reference, damaged records, issuer text
that tries to take over the painted card, and status re-checks of every card at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from gui_cards_kit import Env, demo_env, fake_credentials
from PySide6.QtCore import QModelIndex, QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from wallet_app.gui.card_info import CardInfo
from wallet_app.gui.card_layout import card_layout
from wallet_app.gui.card_text import card_summary, received_text, status_text
from wallet_app.gui.credential_model import CredentialFilterProxy, CredentialListModel, Roles
from wallet_app.gui.main_window import MainWindow
from wallet_app.gui.status_refresh import status_refresher
from wallet_app.trust.model import Verification


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with demo_env(tmp_path) as made:
        yield made


def _window(qtbot: QtBot, env: Env) -> MainWindow:
    window = MainWindow(env.ctx)
    qtbot.addWidget(window)
    window.resize(1020, 680)
    window.show()
    qtbot.waitUntil(lambda: not window._loading and not window.model.filling)
    return window


def _damage(env: Env, credential_id: str) -> None:
    """Overwrite a credential's sealed list card with bytes that do not open."""
    conn = sqlite3.connect(env.store.path)
    conn.execute("UPDATE credentials SET card = X'01020304' WHERE id = ?", (credential_id,))
    conn.commit()
    conn.close()


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_a_damaged_record_is_a_card_that_says_so_and_can_be_deleted(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    [kept] = env.receive("pid_sd_jwt")
    [broken] = env.receive("mdl_mdoc")
    _damage(env, broken.id)
    window = _window(qtbot, env)
    model = window.model
    assert model.rowCount() == 2
    row = model.row_of(broken.id)
    info = model.info(row)
    assert info.damaged and info.name == "Damaged record"
    assert status_text(info) == "Cannot be opened · Delete it"
    assert card_summary(info).startswith("Damaged record, This record cannot be read, ")
    assert model.is_damaged(broken.id) and not model.is_damaged(kept.id)
    assert not window.list_view.grab().isNull()  # it paints

    window.open_details(broken.id)  # double click / Return: a message, never a crash
    qtbot.waitUntil(lambda: len(_message_boxes()) == 1)
    [box] = _message_boxes()
    assert "cannot be opened" in box.text()
    assert "damaged" in box.informativeText()  # the store's sentence says what to do
    assert "delete" in box.informativeText().lower()
    [delete] = [b for b in box.buttons() if b.text() == "Delete…"]
    asked: list[str] = []

    def yes(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    delete.click()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert "Damaged record" in asked[0]
    assert model.credential(0).id == kept.id
    assert [c.id for c in env.store.list_credentials()] == [kept.id]


def test_a_damaged_record_that_was_pending_shows_no_pending_state(qtbot: QtBot, env: Env) -> None:
    """The record's old state is unknown once it is damaged: no "Pending" badge, no
    "Requested …" line (it would promise that the credential still arrives)."""
    [broken] = env.receive("pid_sd_jwt")
    _damage(env, broken.id)
    conn = sqlite3.connect(env.store.path)
    conn.execute("UPDATE credentials SET status = 'deferred' WHERE id = ?", (broken.id,))
    conn.commit()
    conn.close()
    window = _window(qtbot, env)
    info = window.model.info(window.model.row_of(broken.id))
    assert info.damaged and info.status == "deferred"
    layout = card_layout(QRect(0, 0, 360, 220), info, QApplication.font())
    assert [b.kind for b in layout.badges if b.kind == "pending"] == []
    assert received_text(info).startswith("Stored ")
    assert "Requested" not in received_text(info) and "Pending" not in status_text(info)
    assert not window.list_view.grab().isNull()


def test_closing_the_damaged_message_keeps_the_record(qtbot: QtBot, env: Env) -> None:
    [broken] = env.receive("pid_sd_jwt")
    _damage(env, broken.id)
    window = _window(qtbot, env)
    window.open_details(broken.id)
    qtbot.waitUntil(lambda: len(_message_boxes()) == 1)
    [box] = _message_boxes()
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not _message_boxes())
    assert window.model.rowCount() == 1 and len(env.store.list_credentials()) == 1


def test_list_card_facts_are_used_without_decoding(qtbot: QtBot, env: Env) -> None:
    """Validity and search come from the facts the store keeps in the list card; only a
    card on screen with a portrait decodes its credential (for the photo)."""
    env.receive("pid_sd_jwt")
    [stored] = env.store.list_credentials()
    facts = stored.card["facts"]
    assert isinstance(facts, dict) and facts["has_portrait"] is True
    model = CredentialListModel(("en",), ctx=env.ctx)
    expired = replace(
        stored,
        id="e" * 32,
        card={
            **stored.card,
            "facts": {
                "valid_from": None,
                "valid_until": "2001-01-01T00:00:00Z",
                "claims_text": "Gabler\nHamburg",
                "has_portrait": False,
            },
        },
    )
    model.set_credentials([stored, expired])
    proxy = CredentialFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("hamburg")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(Roles.Id) == expired.id
    assert not model._loading  # searching decoded nothing
    assert model.index(1).data(Roles.Validity) == "expired"  # from the list card alone
    assert not model._loading
    first = model.index(0).data(Roles.Card)  # painting a card with a portrait: its photo
    assert first.portrait is None and first.claims_text == facts["claims_text"]
    qtbot.waitUntil(lambda: model.info(0).portrait is not None)
    assert model.info(0).portrait_image is not None  # decoded on the worker
    assert model.info(1).portrait is None


def test_an_image_held_by_reference_is_opened_for_the_card(qtbot: QtBot, env: Env) -> None:
    env.receive("pid_sd_jwt")
    [stored] = env.store.list_credentials()
    issuers = stored.card["issuer_display"]
    assert isinstance(issuers, list)
    [ref] = [e["logo"]["image_ref"] for e in issuers if "image_ref" in e.get("logo", {})]
    card = {
        **stored.card,
        "display": [{"name": "Card", "logo": {"uri": None, "image_ref": ref}}],
    }
    model = CredentialListModel(("en",), ctx=env.ctx)
    model.set_credentials([replace(stored, card=card)])
    # asked for and opened in a job; the issuer's logo stands in meanwhile
    assert not (model.info(0).logo_uri or "").startswith("data:")
    qtbot.waitUntil(lambda: (model.info(0).logo_uri or "").startswith("data:image/"))
    unknown = {**card, "display": [{"name": "Card", "logo": {"uri": None, "image_ref": "x.9"}}]}
    model.set_credentials([replace(stored, id="f" * 32, card=unknown)])
    qtbot.wait(200)
    assert not (model.info(0).logo_uri or "").startswith("data:")  # unknown: a fallback


def test_issuer_text_cannot_take_over_the_card(qtbot: QtBot) -> None:
    [row] = fake_credentials(1)
    hostile = "Evil\x1b]0;pwned\x07\x1b[2J\u202eCard\r\nsecond line\u2066"
    card = {
        **row.card,
        "display": [{"name": hostile, "locale": "en"}],
        "issuer_display": [{"name": f"Issuer\u202e{hostile}", "locale": "en"}],
        "type": "urn:\x1b[31mred",
    }
    model = CredentialListModel(("en",))
    model.set_credentials([replace(row, card=card)])
    info = model.info(0)
    for text in (info.name, info.issuer_name, info.type):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text), repr(text)
        assert not {"\u202e", "\u2066"} & set(text), repr(text)
    assert info.name.startswith("Evil") and "second line" in info.name
    from wallet_app.gui.card_delegate import CardWidget

    widget = CardWidget(info, None)
    qtbot.addWidget(widget)
    assert not widget.grab().isNull()


def test_rechecking_every_card_repaints_the_list_once(qtbot: QtBot, env: Env) -> None:
    env.receive("pid_sd_jwt")
    env.receive("mdl_mdoc")
    window = _window(qtbot, env)
    ids = [window.model.credential(r).id for r in range(2)]
    changes: list[tuple[int, int]] = []

    def changed(first: QModelIndex, last: QModelIndex) -> None:
        changes.append((first.row(), last.row()))

    window.model.dataChanged.connect(changed)
    refresher = status_refresher(env.ctx)
    found = {i: Verification("revoked", None, None, None, (), 0.0) for i in ids}
    seen: list[str] = []
    refresher.verification_changed.connect(lambda i, _v: seen.append(i))
    refresher.verifications_changed.emit(found)
    refresher._emit_each(list(found.items()))
    assert changes == [(0, 1)]  # one repaint; the one-by-one signals change nothing more
    assert sorted(seen) == sorted(ids)
    assert all(window.model.info(r).validity == "revoked" for r in range(2))


def test_new_cards_are_painted_a_few_per_turn_and_kept(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screenful of new cards does not hold the window: past the budget a card shows its
    colour and its face comes a turn later; painted faces are kept and copied afterwards."""
    import wallet_app.gui.card_delegate as card_delegate
    import wallet_app.gui.card_paint as card_paint
    from wallet_app.gui.card_list import card_list_view

    monkeypatch.setattr(card_delegate, "_PAINT_BUDGET_S", 0.0)  # one face per paint event
    faces: list[str] = []
    painted = card_paint.paint_card

    def counted(painter: QPainter, rect: QRect, info: CardInfo, *a: Any, **k: Any) -> None:
        faces.append(info.id)
        painted(painter, rect, info, *a, **k)

    monkeypatch.setattr(card_delegate, "paint_card", counted)
    model = CredentialListModel(("en",))
    proxy = CredentialFilterProxy()
    proxy.setSourceModel(model)
    view = card_list_view(None, proxy)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1000, 650)
    view.show()
    model.set_credentials(fake_credentials(500))
    qtbot.waitExposed(view)
    visible = {
        model.credential(r).id
        for r in range(model.rowCount())
        if view.visualRect(proxy.index(r, 0)).intersects(view.viewport().rect())
    }
    assert len(visible) >= 8
    qtbot.waitUntil(lambda: visible <= set(faces))
    assert len(faces) == len(set(faces))  # each face painted once, then copied
    view.viewport().repaint()
    assert len(faces) == len(set(faces))
