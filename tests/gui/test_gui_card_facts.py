"""Cards people recognise (issue 8 P6): one card per credential with its copies ("3 uses
left"), validity, received date, format, a "New" marker, a portrait, distinct accessible names,
and search over claim values; against a real store filled by the in-process demo issuer."""

from __future__ import annotations

import base64
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_cards_kit import Env, demo_env
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.card_info import CardInfo
from wallet_app.gui.card_layout import CARD_SIZE, card_layout
from wallet_app.gui.card_paint import paint_card
from wallet_app.gui.card_text import card_summary, received_text, status_text
from wallet_app.gui.credential_model import (
    CredentialFilterProxy,
    CredentialListModel,
    Roles,
    seen_credentials,
)
from wallet_app.gui.theme import colour
from wallet_app.wallet.cards import card_facts
from wallet_app.wallet.store import NewCredential, NewInstance

sys.path.insert(0, str(Path(__file__).parents[1] / "formats"))
from formats_builders import MDL, encode_mdoc, issue_sd_jwt, issuer_signed


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with demo_env(tmp_path, config=DemoConfig(batch_size=3)) as made:
        yield made


def _model(qtbot: QtBot, env: Env) -> CredentialListModel:
    model = CredentialListModel(env.ctx.settings.locales, ctx=env.ctx)
    model.set_credentials(env.store.list_credentials())
    return model


def _loaded(qtbot: QtBot, model: CredentialListModel) -> None:
    """Ask for every card once, then wait until each one's facts were decoded."""
    for row in range(model.rowCount()):
        model.info(row)
    qtbot.waitUntil(lambda: not model._loading)  # the jobs settle
    qtbot.waitUntil(lambda: env_rows_have_facts(model))


def env_rows_have_facts(model: CredentialListModel) -> bool:
    return all(
        model.info(row).claims_text or model.credential(row).status != "issued"
        for row in range(model.rowCount())
    )


def _cards(model: CredentialListModel) -> list[CardInfo]:
    return [model.info(row) for row in range(model.rowCount())]


def test_identical_cards_can_be_told_apart(qtbot: QtBot, env: Env) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        env.receive("pid_sd_jwt")
        env.receive("pid_sd_jwt")
        model = _model(qtbot, env)
        _loaded(qtbot, model)
        cards = _cards(model)
        # one card per credential, its batch of 3 collapsed
        assert [c.copies for c in cards] == [3, 3]
        assert all(c.validity == "valid" for c in cards)
        names = [model.data(model.index(r), Qt.ItemDataRole.AccessibleTextRole) for r in (0, 1)]
        assert names[0] != names[1], names
        for n, name in enumerate(names, 1):
            assert isinstance(name, str)
            assert name.startswith("Personal ID, Demo Issuer, received ")
            assert name.endswith(f", 3 uses left, Valid, card {n} of 2")
            assert "T" not in name.split("received ")[1][:12] and ".2026" in name  # no ISO
        assert model.data(model.index(0), Roles.Copies) == 3
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.C))


def test_search_matches_claim_values(qtbot: QtBot, env: Env) -> None:
    env.receive("pid_sd_jwt")
    env.receive("mdl_mdoc")
    model = _model(qtbot, env)
    proxy = CredentialFilterProxy()
    proxy.setSourceModel(model)
    # typed before any card was decoded: the filter itself asks for the facts, and the
    # cards appear as they arrive
    proxy.set_search("mustermann")  # a claim value of both, in neither name nor issuer
    qtbot.waitUntil(lambda: proxy.rowCount() == 2)
    _loaded(qtbot, model)
    proxy.set_search("B072RRE2I55")  # the licence's document number
    assert [proxy.index(r, 0).data(Roles.Name) for r in range(proxy.rowCount())] == [
        "Driving Licence"
    ]
    proxy.set_search("mdoc")  # the format's name
    assert proxy.rowCount() == 1
    proxy.set_search("Heidestraße")  # nested: address.street_address
    assert proxy.rowCount() == 1


def test_new_until_opened(qtbot: QtBot, env: Env) -> None:
    env.receive("pid_sd_jwt")
    model = _model(qtbot, env)
    assert not model.info(0).is_new  # in the wallet before this session's first load
    [fresh] = env.receive("mdl_mdoc")
    model.set_credentials(env.store.list_credentials())
    row = model.row_of(fresh.id)
    assert model.info(row).is_new and model.data(model.index(row), Roles.IsNew) is True
    accessible = model.data(model.index(row), Qt.ItemDataRole.AccessibleTextRole)
    assert isinstance(accessible, str) and accessible.endswith(", new, card 1 of 2")
    with qtbot.waitSignal(model.dataChanged):
        seen_credentials(env.ctx.extras).mark(fresh.id)  # the details dialog opened it
    assert not model.info(row).is_new


def _jpeg(color: str) -> bytes:
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 95)  # type: ignore[call-overload]  # the stub wants bytes, Qt a str
    return bytes(data.data())


def _render(info: CardInfo) -> QImage:
    image = QImage(CARD_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_card(painter, image.rect(), info, None)
    painter.end()
    return image


def test_portrait_new_badge_and_texts_are_painted(qtbot: QtBot, env: Env) -> None:
    model = _model(qtbot, env)  # empty wallet: the baseline
    mdoc = encode_mdoc(
        issuer_signed({MDL: {"family_name": "Mustermann", "portrait": _jpeg("#00ff00")}})
    )
    env.store.add_credentials(
        [
            NewCredential(
                "mdl_mdoc",
                "mso_mdoc",
                "https://issuer.test",
                "Driving Licence",
                {"display": [{"name": "Driving Licence", "background_color": "#1e3a8a"}]},
                (NewInstance(mdoc, None),),
            )
        ]
    )
    model.set_credentials(env.store.list_credentials())
    _loaded(qtbot, model)
    info = model.info(0)
    assert info.portrait is not None and info.is_new and info.copies == 1
    image = _render(info)
    green = sum(
        1
        for x in range(image.width() // 2, image.width())
        for y in range(image.height())
        if (c := image.pixelColor(x, y)).green() > 220 and c.red() < 40 and c.blue() < 40
    )
    assert green > 52 * 66 * 0.8  # the portrait fills its frame on the card's right
    new_bg = QColor(colour("badge_new_bg"))
    assert sum(1 for x in range(150, 300) for y in range(40) if image.pixelColor(x, y) == new_bg)


def test_data_uri_picture_becomes_the_portrait() -> None:
    uri = "data:image/jpeg;base64," + base64.b64encode(_jpeg("#ff0000")).decode()
    token = issue_sd_jwt(extra={"picture": uri}).serialize()
    facts = card_facts("dc+sd-jwt", token)
    assert facts.portrait is not None and facts.portrait.media_type == "image/jpeg"
    assert "Erika" in facts.claims_text and "base64" not in facts.claims_text


def test_opening_the_details_clears_new(qtbot: QtBot, env: Env) -> None:
    from wallet_app.gui.credential_view import CredentialDetailsDialog

    model = _model(qtbot, env)  # empty: the session's baseline
    [fresh] = env.receive("pid_sd_jwt")
    model.set_credentials(env.store.list_credentials())
    assert model.info(0).is_new
    with qtbot.waitSignal(model.dataChanged):
        dialog = CredentialDetailsDialog(env.ctx, fresh.id)
        qtbot.addWidget(dialog)
    assert not model.info(0).is_new
    # the same card painted in the dialog's header shows its uses and validity
    assert "3 uses left" in dialog.fields["copies"].text()
    assert dialog.fields["validity"].text() == "Valid"


def test_card_widgets_are_named_by_their_own_words(qtbot: QtBot, env: Env) -> None:
    from wallet_app.gui.card_delegate import CardWidget
    from wallet_app.gui.card_info import card_info

    [stored] = env.receive("pid_sd_jwt")
    widget = CardWidget(card_info(stored, ("en",)), None)
    qtbot.addWidget(widget)
    assert widget.accessibleName().startswith("Personal ID, Demo Issuer, received ")
    assert widget.accessibleName().endswith(", 3 uses left, Valid")


def _grey_in(image: QImage, box: QRect) -> int:
    """Pixels of the demo portrait's silhouette grey (#64748b, JPEG-softened) in ``box``."""
    return sum(
        1
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
        if abs((c := image.pixelColor(x, y)).red() - 0x64) < 14
        and abs(c.green() - 0x74) < 14
        and abs(c.blue() - 0x8B) < 14
    )


def test_demo_mdl_and_pid_carry_a_portrait_shown_on_the_card(qtbot: QtBot, env: Env) -> None:
    """The demo issuer's mDL ``portrait`` (bstr JPEG) and PID ``picture`` (data: URL) reach
    the card through real issuance, and the card paints them in their own box."""
    env.receive("mdl_mdoc", "pid_sd_jwt")
    model = _model(qtbot, env)
    _loaded(qtbot, model)
    cards = {info.format: info for info in _cards(model)}
    assert set(cards) == {"mso_mdoc", "dc+sd-jwt"}
    for info in cards.values():
        assert info.portrait is not None and info.portrait.startswith(b"\xff\xd8\xff")
        assert QImage.fromData(info.portrait).size().width() == 140  # the demo's 140x180
        image = _render(info)
        layout = card_layout(image.rect(), info, QFont())
        assert layout.portrait is not None
        area = layout.portrait.width() * layout.portrait.height()
        assert _grey_in(image, layout.portrait) > area // 5, info.format  # the silhouette
        assert _grey_in(image, layout.logo) == 0
    # the details list it as a photo, not as "$bytes"/"length" children
    assert "$bytes" not in cards["mso_mdoc"].claims_text


def test_a_pending_demo_card_says_requested(qtbot: QtBot, env: Env) -> None:
    env.issuer.faults.deferred_pending_polls = 1
    [pending] = env.receive("pid_sd_jwt")
    assert pending.status == "deferred"
    model = _model(qtbot, env)
    info = model.info(0)
    assert received_text(info).startswith("Requested ") and status_text(info) == "Pending"
    assert "received" not in card_summary(info).lower()
