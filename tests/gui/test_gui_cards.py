"""The credential list model, its search proxy and the card delegate."""

from __future__ import annotations

import itertools
import time
from dataclasses import replace

from gui_cards_kit import fake_credentials
from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QListView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer.sample_data import portrait_jpeg
from wallet_app.gui.card_delegate import CardDelegate
from wallet_app.gui.card_info import CardInfo, card_info
from wallet_app.gui.card_layout import CARD_SIZE, CardLayout, card_layout
from wallet_app.gui.card_paint import card_colors, paint_card
from wallet_app.gui.card_text import card_summary, received_text, status_text
from wallet_app.gui.credential_model import (
    CredentialFilterProxy,
    CredentialListModel,
    Roles,
)
from wallet_app.gui.main_window import PRESENTATION_SCALE
from wallet_app.gui.theme import colour


def test_model_with_10000_rows_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = CredentialListModel(("de", "en"))
    rows = fake_credentials(10_000)
    start = time.perf_counter()
    model.set_credentials(rows)
    assert time.perf_counter() - start < 0.1  # nothing is computed per row up front
    assert model.filling and model.rowCount() < 10_000  # the first rows at once
    qtbot.waitUntil(lambda: not model.filling)
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


def test_the_fill_passes_the_model_tester_at_each_step(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    """Rows appended a chunk per event-loop turn, and a new list arriving meanwhile (one
    credential gone, one new at the top), keep the model valid at every signal."""
    model = CredentialListModel(("en",))
    rows = fake_credentials(1001)
    model.set_credentials(rows[1:])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # watches every change
    filled: list[bool] = []
    model.filled.connect(lambda: filled.append(True))
    assert model.filling and 0 < model.rowCount() < 1000
    changed = [rows[0], *rows[1:5], *rows[6:]]  # arrived at the top; rows[5] deleted
    model.set_credentials(changed)
    qtbot.waitUntil(lambda: not model.filling)
    assert filled == [True]
    assert [model.credential(r).id for r in range(model.rowCount())] == [c.id for c in changed]
    assert model.row_of(rows[5].id) == -1 and model.row_of(rows[1000].id) == 999


def test_search_filters_on_name_issuer_and_type(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = CredentialListModel(("en",))
    model.set_credentials(fake_credentials(10_000))
    qtbot.waitUntil(lambda: not model.filling)
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


# -- the card's layout (issue 8: badges and portrait over the logo) ------------------------

#: the badge words in English and in German (the longest the wallet has)
_LABELS = {"en": ("Pending", "Local issuer"), "de": ("Ausstehend", "Lokaler Aussteller")}


def _crowded(status: str, validity: str, name: str) -> CardInfo:
    """A card with every badge it can have at once, a portrait and a long name."""
    [*_, pending] = fake_credentials(7)  # deferred, local issuer
    info = card_info(pending, ("en",))
    return replace(
        info,
        name=name,
        status=status,
        validity=validity,  # type: ignore[arg-type]
        is_new=True,
        local_issuer=True,
        portrait=portrait_jpeg(),
    )


def _overlaps(layout: CardLayout, rect: QRect) -> list[str]:
    """Pairs of boxes that intersect, and boxes that leave the card's padded inside."""
    inside = rect.adjusted(8, 8, -8, -8)
    boxes = layout.boxes()
    problems = [f"{name} outside" for name, box in boxes.items() if not inside.contains(box)]
    texts = (layout.name, layout.issuer, layout.received, layout.status)
    problems += [f"a text only {box.width()} px wide" for box in texts if box.width() < 100]
    problems += [
        f"{a} x {b}"
        for (a, first), (b, second) in itertools.combinations(boxes.items(), 2)
        if first.intersects(second)
    ]
    return problems


def _font(scale: float) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


def test_card_boxes_never_overlap_at_any_width_font_or_language(qtbot: QtBot) -> None:
    cards = [
        _crowded("deferred", "pending", "Personalausweis (PID) der Bundesrepublik Deutschland"),
        _crowded("issued", "expired", "Driving Licence"),
        _crowded("issued", "valid", "Hochschulzeugnis"),
    ]
    checked = 0
    for info, scale, lang in itertools.product(cards, (1.0, PRESENTATION_SCALE), _LABELS):
        pending, local = _LABELS[lang]
        for width in range(200, 481, 10):
            for height in (CARD_SIZE.height(), width * 54 // 86):  # the grid's, ID-1 ratio
                rect = QRect(10, 10, width, height)
                layout = card_layout(
                    rect, info, _font(scale), pending_label=pending, local_label=local
                )
                assert _overlaps(layout, rect) == [], (info.name, scale, lang, width, height)
                checked += 1
        # at the grid's own card size nothing is left out, even at 1.4x in German
        grid = card_layout(
            QRect(0, 0, CARD_SIZE.width(), CARD_SIZE.height()),
            info,
            _font(scale),
            pending_label=pending,
            local_label=local,
        )
        shown = 3 if info.status == "deferred" or info.validity == "expired" else 2
        assert len(grid.badges) == shown, (info.name, scale, lang)
        assert grid.portrait is not None and grid.portrait.height() >= 50
    assert checked == 3 * 2 * 2 * 29 * 2


def test_badges_and_portrait_are_painted_clear_of_the_logo(qtbot: QtBot) -> None:
    """Pixels, not boxes: at 1.4x in German no badge colour and no portrait grey is painted
    inside the logo's square (the initials circle stands for the issuer's logo)."""
    info = _crowded("deferred", "pending", "Personalausweis (PID)")
    image = QImage(CARD_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setFont(_font(PRESENTATION_SCALE))
    paint_card(
        painter,
        image.rect(),
        info,
        None,
        pending_label="Ausstehend",
        local_label="Lokaler Aussteller",
    )
    painter.end()
    layout = card_layout(
        image.rect(),
        info,
        _font(PRESENTATION_SCALE),
        pending_label="Ausstehend",
        local_label="Lokaler Aussteller",
    )
    foreign = {
        QColor(colour(role)).rgb()
        for role in ("badge_pending_bg", "badge_local_bg", "badge_new_bg")
    } | {QColor("#64748b").rgb()}  # the silhouette's grey
    logo = layout.logo
    in_logo = [
        (x, y)
        for x in range(logo.left(), logo.right() + 1)
        for y in range(logo.top(), logo.bottom() + 1)
        if image.pixelColor(x, y).rgb() in foreign
    ]
    assert in_logo == []
    # and each badge really is painted where the layout put it
    for badge in layout.badges:
        box = badge.rect
        filled = sum(
            1
            for x in range(box.left(), box.right() + 1)
            for y in range(box.top(), box.bottom() + 1)
            if image.pixelColor(x, y).rgb() in foreign
        )
        assert filled > box.width() * box.height() // 2, badge.label


def test_a_pending_card_says_requested_not_received(qtbot: QtBot) -> None:
    [*_, pending] = fake_credentials(7)  # deferred, asked for on 2025-01-01
    info = card_info(pending, ("en",))
    assert info.status == "deferred"
    assert received_text(info).startswith("Requested ") and "Received" not in received_text(info)
    assert status_text(info) == "Pending"
    assert ", requested " in card_summary(info) and "received" not in card_summary(info)
    issued = card_info(fake_credentials(2)[1], ("en",))
    assert received_text(issued).startswith("Received ")
    assert status_text(issued) == "1 use left · Valid"
