"""Issuer text that looks like HTML (``<b>``, an ``<img>`` with a file URL) or carries a
right-to-left override is shown as the characters it is: every label is plain text (the
wallet's style makes each QLabel plain, message boxes' and tooltips' too), and the issuer's
names are bidi isolated (FSI … PDI) so they cannot reorder the text around them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from gui_cards_kit import Env, demo_env
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoConfig
from wallet_app.gui.credential_view import CredentialDetailsDialog
from wallet_app.gui.offer_review import OfferReviewDialog, start_offer_review
from wallet_app.gui.theme import apply_theme
from wallet_app.gui.tx_code_dialog import TxCodeForm
from wallet_app.oid4vci.models import TxCode
from wallet_app.text import FSI, PDI, isolate

HOSTILE = '<b>bold</b><img src="file:///etc/passwd"> \u202eevil \u05d0\u05d1'
SHOWN = isolate(HOSTILE)  # FSI, the text without the override, PDI


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    with demo_env(tmp_path, config=DemoConfig(batch_size=None, display_name=HOSTILE)) as made:
        yield made


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The application with the wallet's style (as gui.app sets it), restored afterwards."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, "light")
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)


def _labels_with(widget: QWidget, needle: str) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if needle in label.text()]


def _assert_plain_and_isolated(widget: QWidget) -> list[QLabel]:
    shown = _labels_with(widget, "<b>bold</b>")
    assert shown, "the issuer's names are not shown at all"
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        assert "\u202e" not in label.text()
        assert FSI in label.text() and PDI in label.text(), label.text()
    for label in widget.findChildren(QLabel):
        assert "\u202e" not in label.text() and "\u202e" not in label.toolTip()
    return shown


def _open_review(qtbot: QtBot, env: Env) -> OfferReviewDialog:
    offer = env.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"])
    dialog = start_offer_review(env.ctx, offer.uri, "paste", None)
    qtbot.waitUntil(lambda: dialog.review_page is not None, timeout=5000)
    return dialog


def _closing(dialog: QWidget) -> Callable[[], None]:
    def close() -> None:
        if shiboken6.isValid(dialog):
            dialog.close()

    return close


def test_the_offer_review_shows_hostile_names_as_isolated_plain_text(
    qtbot: QtBot, env: Env
) -> None:
    dialog = _open_review(qtbot, env)
    try:
        shown = _assert_plain_and_isolated(dialog)
        assert dialog.issuer_label.text() == SHOWN
        assert dialog.issuer_label in shown
        names = [label for label in shown if label.text() == SHOWN]
        assert len(names) >= 3  # the issuer and both offered credentials
        [pid_claims, _] = dialog.findChildren(QLabel, "claims")
        assert pid_claims.text().splitlines()[0] == f"• {SHOWN}"  # claim labels too
    finally:
        _closing(dialog)()


def test_the_details_dialog_shows_hostile_names_as_isolated_plain_text(
    qtbot: QtBot, env: Env
) -> None:
    [stored] = env.receive("pid_sd_jwt")
    dialog = CredentialDetailsDialog(env.ctx, stored.id)
    qtbot.addWidget(dialog)
    dialog.show()
    _assert_plain_and_isolated(dialog)
    title = dialog.findChild(QLabel, "detailsTitle")
    assert title is not None and title.text() == SHOWN
    assert dialog.fields["issuer"].text().startswith(SHOWN + " (")


def test_the_wallet_style_makes_every_label_message_box_and_tooltip_plain(
    qtbot: QtBot, themed: QApplication, env: Env
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel(HOSTILE, window)  # a label nobody made plain: the style does
    window.show()
    qtbot.waitExposed(window)
    assert label.textFormat() == Qt.TextFormat.PlainText
    box = QMessageBox(QMessageBox.Icon.Warning, "Wallet", HOSTILE, parent=window)
    box.show()
    qtbot.waitExposed(box)
    texts = _labels_with(box, "<b>bold</b>")
    assert texts and all(t.textFormat() == Qt.TextFormat.PlainText for t in texts)
    box.close()
    QToolTip.showText(window.mapToGlobal(QPoint(5, 5)), HOSTILE, window)
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
    assert tips and all(isinstance(t, QLabel) for t in tips)
    for tip in tips:
        assert isinstance(tip, QLabel) and tip.textFormat() == Qt.TextFormat.PlainText
    QToolTip.hideText()
    # and the review, under the wallet's style, as the app shows it
    dialog = _open_review(qtbot, env)
    try:
        for shown in dialog.findChildren(QLabel):
            if shown.isVisible():
                assert shown.textFormat() == Qt.TextFormat.PlainText, shown.text()
    finally:
        _closing(dialog)()


def test_the_issuers_transaction_code_description_is_isolated_plain_text(qtbot: QtBot) -> None:
    form = TxCodeForm(TxCode(length=6, description=HOSTILE), "issuer.test")
    qtbot.addWidget(form)
    form.show()
    [quote] = _labels_with(form, "<b>bold</b>")
    assert quote.text() == SHOWN
    assert quote.textFormat() == Qt.TextFormat.PlainText


def test_the_explorer_shows_hostile_metadata_as_isolated_plain_text(
    qtbot: QtBot, themed: QApplication, tmp_path: Path
) -> None:
    from gui_tools_kit import tools_env

    from wallet_app.gui.explorer import ExplorerWindow
    from wallet_app.gui.explorer_parts import Section

    config = DemoConfig(issuer_path="/demo", separate_as_path="/auth", display_name=HOSTILE)
    with tools_env(tmp_path, config) as tools:
        window = ExplorerWindow(tools.ctx)
        qtbot.addWidget(window)
        window.url_edit.setText("https://issuer.test/demo")
        qtbot.mouseClick(window.explore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.report is not None, timeout=10_000)
        page = window.report_area.widget()
        assert page is not None
        shown = _assert_plain_and_isolated(page)
        assert any(label.text() == SHOWN for label in shown)  # the issuer's name, the title
        titles = [s.toggle.text() for s in page.findChildren(Section)]
        named = [t for t in titles if "<b>bold</b>" in t]
        assert named and all(t.startswith(SHOWN) and "\u202e" not in t for t in named)
        # the raw JSON shows the override as an escape: the metadata as sent, not obeyed
        raw = window.json_view.toPlainText()
        assert "\u202e" not in raw and '"name": "<b>bold</b>' in raw and "\\u202eevil" in raw
