"""The credential list model, its search proxy and the card delegate."""

from __future__ import annotations

import time
from dataclasses import replace

from gui_cards_kit import fake_credentials
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QListView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wallet_app.gui.card_delegate import CARD_SIZE, CardDelegate, card_colors, paint_card
from wallet_app.gui.credential_model import (
    CardInfo,
    CredentialFilterProxy,
    CredentialListModel,
    Roles,
    card_info,
)
from wallet_app.gui.theme import colour


def test_model_with_10000_rows_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = CredentialListModel(("de", "en"))
    rows = fake_credentials(10_000)
    start = time.perf_counter()
    model.set_credentials(rows)
    assert time.perf_counter() - start < 0.1  # nothing is computed per row up front
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.rowCount() == 10_000
    assert model.rowCount(model.index(0)) == 0
    first = model.index(0)
    assert first.data() == "Mitgliedskarte 0"  # the German display entry wins
    assert first.data(Roles.IssuerName) == "Club 0"
    assert first.data(Roles.BackgroundColor) == "#b91c1c"
    assert first.data(Roles.TextColor) == "#ffffff"
    assert first.data(Roles.LocalIssuer) is True
    assert model.index(6).data(Roles.Status) == "deferred"
    assert model.index(4).data() == "member_4"  # no display metadata: configuration name
    assert model.index(4).data(Roles.BackgroundColor) is None
    assert model.index(9_999).data(Roles.Id) == f"{9_999:032x}"
    assert model.index(3).data(Roles.Format) == "dc+sd-jwt"
    assert model.index(3).data(Roles.ReceivedAt) == "2025-01-01T00:00:03Z"
    assert model.data(QModelIndex()) is None
    assert model.row_of(f"{42:032x}") == 42 and model.row_of("nope") == -1


def test_search_filters_on_name_issuer_and_type(qtmodeltester: ModelTester) -> None:
    model = CredentialListModel(("en",))
    model.set_credentials(fake_credentials(10_000))
    proxy = CredentialFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("membership card 123")
    names = {proxy.index(r, 0).data() for r in range(proxy.rowCount())}
    assert "Membership card 123" in names and "Membership card 124" not in names
    assert all(str(n).startswith("Membership card 123") for n in names)
    proxy.set_search("CLUB39.example")  # issuer host, case-insensitive
    assert proxy.rowCount() == 250
    proxy.set_search("membership:10")  # type
    assert 0 < proxy.rowCount() < 10_000
    proxy.set_search("  ")
    assert proxy.rowCount() == 10_000
    proxy.set_search("no such credential")
    assert proxy.rowCount() == 0
    proxy.set_search("club7.")
    qtmodeltester.check(proxy)  # type: ignore[no-untyped-call]  # filtered, still valid
    assert proxy.rowCount() == 250


def test_fallback_look_without_display_metadata() -> None:
    [*_, bare] = fake_credentials(5)
    info = card_info(bare, ("en",))
    assert not info.has_display and info.initials == "M4"
    background, text = card_colors(info)
    assert background == info.fallback_color  # stable colour from the issuer host
    assert background == card_info(bare, ("en",)).fallback_color
    assert text.lightnessF() > 0.9 or text.lightnessF() < 0.2


def _pixel_of(view: QListView, row: int, dx: int, dy: int) -> QColor:
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#808080"))
    view.viewport().render(image)
    rect = view.visualRect(view.model().index(row, 0))
    return image.pixelColor(rect.x() + dx, rect.y() + dy)


def test_delegate_paints_cards_in_issuer_colours(qtbot: QtBot) -> None:
    model = CredentialListModel(("en",))
    model.set_credentials(fake_credentials(60))
    view = QListView()
    qtbot.addWidget(view)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setUniformItemSizes(True)
    view.setItemDelegate(CardDelegate(None, view))
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.visualRect(model.index(0)).size() == CARD_SIZE + QSize(20, 20)
    # inside the card, away from logo and text: the issuer's background colour
    assert _pixel_of(view, 0, 200, 90).name() == "#b91c1c"
    assert _pixel_of(view, 1, 200, 90).name() == "#1e3a8a"
    # row 4 has no metadata: the generated colour (top-left of its gradient)
    fallback = model.info(4).fallback_color
    got = _pixel_of(view, 4, 40, 70)
    assert abs(got.red() - fallback.red()) < 30 and abs(got.blue() - fallback.blue()) < 30


def _render(info: CardInfo) -> QImage:
    image = QImage(CARD_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_card(painter, image.rect(), info, None)
    painter.end()
    return image


def test_pending_and_local_badges_are_painted() -> None:
    rows = fake_credentials(7)
    plain = _render(card_info(rows[1], ("en",)))  # issued, remote
    pending = _render(card_info(rows[6], ("en",)))  # deferred, local
    amber = QColor(colour("badge_pending_bg"))
    teal = QColor(colour("badge_local_bg"))

    def count(image: QImage, color: QColor) -> int:
        return sum(
            1
            for x in range(image.width() // 2, image.width())
            for y in range(50)
            if image.pixelColor(x, y) == color
        )

    assert count(pending, amber) > 50 and count(pending, teal) > 50
    assert count(plain, amber) == 0 and count(plain, teal) == 0


def test_set_credentials_changes_only_what_changed(qtmodeltester: ModelTester) -> None:
    model = CredentialListModel(("en",))
    rows = fake_credentials(12)
    model.set_credentials(rows[2:10])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    events: list[tuple[str, int, int]] = []
    model.modelReset.connect(lambda: events.append(("reset", 0, 0)))
    model.rowsInserted.connect(lambda _p, a, b: events.append(("insert", a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: events.append(("remove", a, b)))
    model.dataChanged.connect(lambda a, b: events.append(("changed", a.row(), b.row())))
    assert model.index(3).data() == "Membership card 5"  # cached info
    model.set_credentials(list(rows[2:10]))
    assert events == []  # an unchanged refresh signals nothing
    renamed = replace(rows[5], card={**rows[5].card, "display": [{"name": "Renamed"}]})
    model.set_credentials([*rows[0:2], rows[2], *rows[4:5], renamed, *rows[6:8], rows[11]])
    assert events == [
        ("remove", 6, 7),
        ("remove", 1, 1),
        ("insert", 0, 1),
        ("insert", 7, 7),
        ("changed", 4, 4),
    ]
    assert [model.index(r).data(Roles.Id) for r in range(model.rowCount())] == [
        r.id for r in (*rows[0:3], rows[4], rows[5], *rows[6:8], rows[11])
    ]
    assert model.index(4).data() == "Renamed"  # the changed row's cached info was dropped
    events.clear()
    model.set_credentials(list(reversed(rows)))  # a reordering resets
    assert events == [("reset", 0, 0)] and model.rowCount() == 12
