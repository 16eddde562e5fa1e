"""CredentialDetailsDialog against a real store filled by an in-process demo issuance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import cbor2
import pytest
from gui_cards_kit import Env, demo_env
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
)
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.credential_technical import cbor_diagnostic, jwk_thumbprint
from wallet_app.gui.credential_view import CredentialDetailsDialog


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with demo_env(tmp_path) as made:
        yield made


def _dialog(qtbot: QtBot, env: Env, credential_id: str) -> CredentialDetailsDialog:
    dialog = CredentialDetailsDialog(env.ctx, credential_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _claims(tree: QTreeWidget) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []

    def walk(item: QTreeWidgetItem, depth: int) -> None:
        out.append((depth, item.text(0), item.text(1)))
        for i in range(item.childCount()):
            if (child := item.child(i)) is not None:
                walk(child, depth + 1)

    for i in range(tree.topLevelItemCount()):
        if (top := tree.topLevelItem(i)) is not None:
            walk(top, 0)
    return out


def _tab(dialog: CredentialDetailsDialog, title: str) -> object:
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    return dialog.tabs.widget(titles.index(title))


def test_sd_jwt_details_show_labels_validity_binding_and_decoded_views(
    qtbot: QtBot, env: Env
) -> None:
    [stored] = env.receive("pid_sd_jwt")
    dialog = _dialog(qtbot, env, stored.id)
    rows = _claims(dialog.claims_tree)
    assert rows[:3] == [
        (0, "Given name", "Erika"),
        (0, "Family name", "Mustermann"),
        (0, "Date of birth", "12/08/1964"),  # in the locale (C here: day/month/4-digit year)
    ]  # metadata order, labels
    assert (1, "City", "Köln") in rows  # nested under Address
    # the issuer's name bidi isolated (FSI … PDI): it cannot reorder the address after it
    assert dialog.fields["issuer"].text() == "\u2068Demo Issuer\u2069 (https://issuer.test)"
    assert dialog.fields["format"].text() == "SD-JWT VC (dc+sd-jwt)"
    assert dialog.fields["issued"].text() != "—" and dialog.fields["expires"].text() != "—"
    assert "matches this wallet's key" in dialog.fields["holder"].text()
    assert "EC/P-256" in dialog.fields["holder"].text()
    # the technical views wait behind a toggle (issue 8 P6): only the claims at first
    visible = [
        dialog.tabs.tabText(i) for i in range(dialog.tabs.count()) if dialog.tabs.isTabVisible(i)
    ]
    assert visible == ["Claims"] and not dialog.tabs.tabBar().isVisible()
    dialog.technical_toggle.setFocus()
    QTest.keyClick(dialog.technical_toggle, Qt.Key.Key_Space)
    assert dialog.technical_toggle.isChecked() and dialog.tabs.tabBar().isVisible()
    assert all(dialog.tabs.isTabVisible(i) for i in range(dialog.tabs.count()))
    decoded = _tab(dialog, "Decoded")
    assert isinstance(decoded, QPlainTextEdit)
    assert '"typ": "dc+sd-jwt"' in decoded.toPlainText() and '"_sd_alg"' in decoded.toPlainText()
    disclosures = _tab(dialog, "Disclosures")
    assert isinstance(disclosures, QTreeWidget)
    names = [disclosures.topLevelItem(i).text(0) for i in range(disclosures.topLevelItemCount())]  # type: ignore[union-attr]
    assert "given_name" in names
    raw = _tab(dialog, "Raw")
    assert isinstance(raw, QPlainTextEdit) and raw.toPlainText().count("~") >= 3
    dialog.tabs.setCurrentWidget(raw)
    dialog.copy_current()
    assert QApplication.clipboard().text() == raw.toPlainText()
    dialog.tabs.setCurrentIndex(0)
    second = dialog.claims_tree.topLevelItem(1)
    assert second is not None
    dialog.claims_tree.setCurrentItem(second)
    dialog.copy_current()
    assert QApplication.clipboard().text() == "Mustermann"


def test_mdoc_details_show_cbor_diagnostic(qtbot: QtBot, env: Env) -> None:
    [stored] = env.receive("mdl_mdoc")
    dialog = _dialog(qtbot, env, stored.id)
    cbor = _tab(dialog, "CBOR")
    assert isinstance(cbor, QPlainTextEdit)
    text = cbor.toPlainText()
    assert (
        '"nameSpaces"' in text
        and "24(<< {" in text
        and '"elementIdentifier": "family_name"' in text
    )
    assert "h'" in text and "Decoded" not in [
        dialog.tabs.tabText(i) for i in range(dialog.tabs.count())
    ]
    assert any(label == "Family name" for _, label, _ in _claims(dialog.claims_tree))


def test_delete_asks_and_removes(qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    [stored] = env.receive("diploma_sd_jwt")
    dialog = _dialog(qtbot, env, stored.id)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers.pop(0))
    dialog.delete_button.click()
    assert dialog.isVisible() and len(env.store.list_credentials()) == 1
    with qtbot.waitSignal(env.ctx.events.credentials_changed):
        dialog.delete_button.click()
    assert env.store.list_credentials() == [] and not dialog.isVisible()


def test_pending_credential_can_be_checked_now(qtbot: QtBot, tmp_path: Path) -> None:
    with demo_env(tmp_path, config=DemoConfig(batch_size=None, deferred_interval=30)) as env:
        env.issuer.faults.deferred_pending_polls = 1
        [pending] = env.receive("pid_sd_jwt")
        dialog = _dialog(qtbot, env, pending.id)
        assert dialog.pending_label.text().startswith("Pending at \u2068Demo Issuer\u2069")
        # asked for, not received yet: the date's label says so
        field = dialog.fields["received"]
        labels = [f.labelForField(field) for f in dialog.findChildren(QFormLayout)]
        assert [la.text() for la in labels if isinstance(la, QLabel)] == ["Requested"]
        dialog.check_button.click()
        qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=5000)
        assert "Still pending" in dialog.pending_label.text()  # interval not over: no request
        assert env.store.list_credentials()[0].status == "deferred"


def test_cbor_diagnostic_notation() -> None:
    value = {
        1: -7,
        "b": b"\x01\xff",
        "t": cbor2.CBORTag(24, cbor2.dumps({"x": [True, None, 1.5]})),
        "d": dt.date(2020, 1, 2),
        "e": [],
        "m": {},
    }
    text = cbor_diagnostic(value)
    assert "1: -7" in text and "\"b\": h'01ff'" in text
    assert '24(<< {\n    "x": [\n      true,\n      null,\n      1.5\n    ]\n  } >>)' in text
    assert '1004("2020-01-02")' in text and '"e": []' in text and '"m": {}' in text
    assert cbor_diagnostic(cbor2.CBORTag(24, b"\xff")) == "24(h'ff')"


def test_jwk_thumbprint_matches_rfc7638_example() -> None:
    jwk = {  # RFC 7638 §3.1
        "kty": "RSA",
        "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tS"
        "oc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
        "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vM"
        "QFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        "e": "AQAB",
        "alg": "RS256",
    }
    assert jwk_thumbprint(jwk) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    assert jwk_thumbprint({"kty": "oct", "k": "x"}) is None


def test_german_dates_have_four_digit_years_and_no_iso(qtbot: QtBot, env: Env) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        [stored] = env.receive("mdl_mdoc")
        dialog = _dialog(qtbot, env, stored.id)
        rows = {label: value for _, label, value in _claims(dialog.claims_tree)}
        assert rows["Date of birth"] == "12.08.1964", rows
        for key in ("issued", "expires", "received"):
            text = dialog.fields[key].text()
            assert "T" not in text and "-" not in text and ".20" in text, (key, text)
        # arrays of objects are groups with a header row, each element readable
        tree = dialog.claims_tree
        tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        groups = [top.text(0) for top in tops if top is not None and top.childCount()]
        assert groups == ["Vehicle categories"], groups
        # the demo mDL's portrait is a photo row (an image, no "$bytes" children)
        assert [top.text(0) for top in tops if top is not None and top.text(0) == "Photo"]
        assert len(dialog.claim_images) == 1
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.C))


def test_buttons_stay_on_a_small_screen(qtbot: QtBot, env: Env) -> None:
    """P8: at 2x on 1920x1080 the available area is 960x540; the buttons were off-screen."""
    [stored] = env.receive("pid_sd_jwt")
    dialog = CredentialDetailsDialog(env.ctx, stored.id)
    qtbot.addWidget(dialog)
    screen = dialog.screen()
    assert screen is not None
    available = screen.availableGeometry()
    # sized to the screen it opens on (offscreen: 800x600) ...
    assert dialog.width() <= available.width() - 24
    assert dialog.height() <= available.height() - 48
    dialog.show()
    # ... and still usable in the 960x540 logical area of a 200 % 1920x1080 screen
    dialog.resize(min(dialog.width(), 960 - 24), 540 - 48)
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 540 - 48
    for button in dialog.buttons.buttons():
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert dialog.rect().contains(corner), button.text()
    # the content scrolls instead of pushing the buttons out
    assert dialog.scroll_area.verticalScrollBar().maximum() > 0


def test_activity_section_and_dialog(qtbot: QtBot, env: Env) -> None:
    [stored] = env.receive("pid_sd_jwt")
    dialog = _dialog(qtbot, env, stored.id)
    qtbot.waitUntil(lambda: bool(dialog.activity.rows))
    texts = [row.text_label.text() for row in dialog.activity.rows]
    assert "Received Personal ID" in texts, texts
    history = dialog.open_activity()
    qtbot.waitUntil(lambda: bool(history.list.rows))  # type: ignore[attr-defined]
    history.close()


def test_mdoc_portrait_is_an_image_not_bytes(qtbot: QtBot, env: Env) -> None:
    """P16: the mDL portrait showed as child claims "$bytes" and "length"."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "formats"))
    from formats_builders import MDL, encode_mdoc, issuer_signed
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    from wallet_app.wallet.store import NewCredential, NewInstance

    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")  # type: ignore[call-overload]  # the stub wants bytes, Qt a str
    elements: dict[str, dict[str, object]] = {
        MDL: {"family_name": "Mustermann", "portrait": bytes(data.data()), "mark": b"\x01\x02"}
    }
    [stored] = env.store.add_credentials(
        [
            NewCredential(
                "mdl_mdoc",
                "mso_mdoc",
                "https://issuer.test",
                "Driving Licence",
                {},
                (NewInstance(encode_mdoc(issuer_signed(elements)), None),),
            )
        ]
    )
    dialog = _dialog(qtbot, env, stored.id)
    rows = _claims(dialog.claims_tree)
    assert not any(label in ("$bytes", "length") for _, label, _ in rows), rows
    assert (0, "mark", "Binary data, 2 bytes") in rows
    picture = dialog.claim_images[f"{MDL}.portrait"]
    pixmap = picture.pixmap()
    assert not pixmap.isNull() and pixmap.height() == 120
    assert dialog.facts.portrait is not None  # and on the card in the header
