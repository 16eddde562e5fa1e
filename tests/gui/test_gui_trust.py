"""Issuer trust in the GUI, screen by screen (issue 9 T8): the card badge of each verdict, the
"Why?" dialog, the accept dialog and its worker-thread bridge, the review's issuer pill.

Verifications here are real ``trust.model`` values made from checks, as the core makes them;
the chain in the review test is validated by the real ``trust.chain`` against a real CA
(``tests/trust/pki_kit``). The end-to-end tests against the demo issuer are in
``test_gui_trust_e2e.py`` and ``test_gui_trust_status.py``.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from wallet_app.errors import Sentence
from wallet_app.gui.accept_invalid import AcceptInvalidAsker, AcceptInvalidDialog
from wallet_app.gui.card_info import CardInfo
from wallet_app.gui.card_layout import CARD_SIZE, card_layout
from wallet_app.gui.card_paint import paint_card
from wallet_app.gui.card_text import card_summary
from wallet_app.gui.theme import BADGE_ROLES, colour
from wallet_app.gui.trust_badge import check_title, status_words, verdict_look
from wallet_app.gui.trust_view import TrustWhyDialog, issuer_trust_pill
from wallet_app.trust.model import Check, Verification

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trust"))

from pki_kit import build_pki, forged_leaf

NOW = time.time()


def _checks(**failed: bool | None) -> list[Check]:
    """The checks of an SD-JWT VC; ``failed`` sets ok for some by name."""
    spec = {
        "signature": ("integrity", "SD-JWT VC §3.5"),
        "digests": ("integrity", "RFC 9901 §7.1"),
        "holder_binding": ("binding", "RFC 9901 §7.3"),
        "validity_period": ("time", "SD-JWT VC §3.2.2.2"),
        "certificate_chain": ("chain", "RFC 5280 §6.1"),
        "trust_anchor": ("anchor", "RFC 5280 §6.1"),
        "status": ("status", "Token Status List §8"),
    }
    return [
        Check(
            name,
            failed.get(name, True),
            Sentence(
                "The {what} check for {name} came out as expected.", {"what": "x", "name": name}
            )
            if failed.get(name, True)
            else Sentence("The {name} check failed.", {"name": name}),
            section,
            kind,  # type: ignore[arg-type]
        )
        for name, (kind, section) in spec.items()
    ]


def verification(verdict: str) -> Verification:
    """A verification that comes out as ``verdict``, decided by the model."""
    match verdict:
        case "trusted":
            v = Verification.of(
                _checks(),
                anchor="CN=Demo Root CA,O=Demo Issuer GmbH,C=DE",
                organisation="Demo Issuer GmbH",
                status="valid",
                checked_at=NOW,
            )
        case "untrusted":
            v = Verification.of(
                _checks(trust_anchor=False),
                anchor=None,
                organisation="Forger",
                status=None,
                checked_at=NOW,
            )
        case "invalid":
            v = Verification.of(
                _checks(certificate_chain=False),
                anchor=None,
                organisation=None,
                status="valid",
                checked_at=NOW,
            )
        case "revoked":
            v = Verification.of(
                _checks(status=False),
                anchor="CN=Root",
                organisation="Org",
                status="invalid",
                checked_at=NOW,
            )
        case _:
            v = Verification.of(
                _checks(status=False),
                anchor="CN=Root",
                organisation="Org",
                status="suspended",
                checked_at=NOW,
            )
    assert v.verdict == verdict
    return v


def card(trust: str | None, **extra: object) -> CardInfo:
    values: dict[str, object] = {
        "id": "c1",
        "name": "Personal ID",
        "issuer_name": "Demo Issuer",
        "issuer_host": "127.0.0.1",
        "background_color": "#1e3a8a",
        "text_color": "#ffffff",
        "logo_uri": None,
        "logo_alt": "",
        "background_image_uri": None,
        "status": "issued",
        "received_at": "2026-12-07T09:00:00Z",
        "format": "dc+sd-jwt",
        "type": "pid",
        "local_issuer": False,
        "trust": trust,
    }
    values.update(extra)
    return CardInfo(**values)  # type: ignore[arg-type]


# -- the badge ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "kind", "words"),
    [
        ("trusted", "positive", "Trusted issuer"),
        ("untrusted", "neutral", "Issuer not in your trust list"),
        ("invalid", "negative", "Invalid"),
        ("revoked", "negative", "Revoked"),
        ("suspended", "negative", "Suspended"),
    ],
)
def test_each_verdict_is_a_badge_on_the_card(
    qapp: QApplication, verdict: str, kind: str, words: str
) -> None:
    look = verdict_look(verdict)
    assert (look.label, look.kind) == (words, kind)
    layout = card_layout(QRect(0, 0, CARD_SIZE.width(), CARD_SIZE.height()), card(verdict), QFont())
    badge = layout.badges[0]
    assert badge.label == look.text and badge.kind == kind
    assert look.icon in badge.label  # a mark besides the colour
    # painted: the badge's background colour is on the card, inside the badge's box
    image = QImage(CARD_SIZE, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    paint_card(painter, QRect(0, 0, CARD_SIZE.width(), CARD_SIZE.height()), card(verdict), None)
    painter.end()
    inside = badge.rect.adjusted(2, badge.rect.height() // 2 - 1, -2, 0)
    fill = colour(BADGE_ROLES[kind][0])
    assert image.pixelColor(inside.left() + 2, inside.top()).name() == fill
    # the screen reader hears it too
    summary = card_summary(card(verdict))
    assert words in summary


def test_a_card_without_a_verification_has_no_trust_badge(qapp: QApplication) -> None:
    layout = card_layout(QRect(0, 0, CARD_SIZE.width(), CARD_SIZE.height()), card(None), QFont())
    assert layout.badges == ()


@pytest.mark.parametrize(("verdict", "words"), [("revoked", "Revoked"), ("suspended", "Suspended")])
def test_revoked_card_says_revoked_in_its_status_line(
    qapp: QApplication, verdict: str, words: str
) -> None:
    from wallet_app.gui.card_info import card_info
    from wallet_app.wallet.store import StoredCredential

    stored = StoredCredential(
        id="c1",
        issuer="http://127.0.0.1",
        credential_configuration_id="pid",
        format="dc+sd-jwt",
        name="Personal ID",
        received_at="2026-12-07T09:00:00Z",
        status="issued",
        card={},
        instance_count=1,
    )
    info = card_info(stored, ("en",), trust=verdict)
    assert info.validity == verdict
    from wallet_app.gui.card_text import status_text

    assert status_text(info).endswith(words)


def test_new_badge_roles_reach_contrast_in_both_themes() -> None:
    from wallet_app.gui.theme import CONTRAST_PAIRS

    pairs = {(fg, bg) for fg, bg, _ in CONTRAST_PAIRS}
    for kind in ("positive", "neutral", "negative"):
        background, foreground = BADGE_ROLES[kind]
        assert (foreground, background) in pairs
        assert colour(background, "light") and colour(background, "dark")


# -- "Why?" ------------------------------------------------------------------------------------


@pytest.mark.parametrize("verdict", ["trusted", "untrusted", "invalid", "revoked", "suspended"])
def test_why_lists_every_check_with_mark_words_reason_and_spec(qtbot: QtBot, verdict: str) -> None:
    v = verification(verdict)
    dialog = TrustWhyDialog(v)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = dialog.rows()
    assert len(rows) == len(v.checks)
    for (mark, title, reason, spec), check in zip(rows, v.checks, strict=True):
        assert mark == ("✓" if check.ok else "✗")
        assert title == check_title(check.name) and title != check.name
        assert reason == str(check.detail)
        assert spec == check.spec
    assert dialog.pill.text() == verdict_look(verdict).text
    labels = [w.text() for w in dialog.findChildren(type(dialog.pill))]
    assert status_words(v.status) in labels
    if v.anchor:
        assert v.anchor in labels


def test_why_translates_the_check_reasons(qtbot: QtBot) -> None:
    """The reason is a core Sentence: the GUI shows its translation (via gui.messages)."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    class German(QTranslator):
        def translate(  # type: ignore[override]
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            if context == "WalletMessages" and source == "The {name} check failed.":
                return "Die Prüfung {name} ist fehlgeschlagen."
            return ""

    translator = German()
    QCoreApplication.installTranslator(translator)
    try:
        dialog = TrustWhyDialog(verification("invalid"))
        qtbot.addWidget(dialog)
        reasons = [row[2] for row in dialog.rows()]
        assert "Die Prüfung certificate_chain ist fehlgeschlagen." in reasons
    finally:
        QCoreApplication.removeTranslator(translator)


# -- the accept dialog -------------------------------------------------------------------------


def test_accept_dialog_says_what_failed_and_defaults_to_not_keeping(qtbot: QtBot) -> None:
    v = verification("invalid")
    dialog = AcceptInvalidDialog(v)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "✗ Certificate chain: The certificate_chain check failed." in dialog.failures.text()
    assert dialog.reject_button.isDefault()
    assert dialog.focusWidget() is dialog.reject_button
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_accept_dialog_escape_does_not_keep(qtbot: QtBot) -> None:
    dialog = AcceptInvalidDialog(verification("invalid"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("keep", [True, False])
def test_asker_blocks_the_worker_not_the_gui(qtbot: QtBot, keep: bool) -> None:
    """The flow's worker thread asks; the GUI thread shows the dialog and keeps running."""
    asker = AcceptInvalidAsker()
    shown: list[AcceptInvalidDialog] = []
    asker.asked.connect(shown.append)
    answers: list[bool] = []
    worker = threading.Thread(target=lambda: answers.append(asker(verification("invalid"))))
    worker.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert worker.is_alive() and not answers  # the worker waits for the person
    qtbot.wait(50)  # the GUI thread is free meanwhile (events run)
    dialog = shown[0]
    button = dialog.keep_button if keep else dialog.reject_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    worker.join(5)
    assert answers == [keep]
    asker.deleteLater()


def test_asker_answers_no_when_the_app_closes(qtbot: QtBot) -> None:
    asker = AcceptInvalidAsker()
    shown: list[AcceptInvalidDialog] = []
    asker.asked.connect(shown.append)
    answers: list[bool] = []
    worker = threading.Thread(target=lambda: answers.append(asker(verification("invalid"))))
    worker.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    asker.close()
    worker.join(5)
    assert answers == [False]
    shown[0].close()
    asker.deleteLater()


# -- the review's issuer pill ------------------------------------------------------------------


def test_review_pill_for_a_chain_to_an_anchor_untrusted_and_broken(qtbot: QtBot) -> None:
    from wallet_app.trust.anchors import TrustAnchor
    from wallet_app.trust.chain import validate_chain

    issuer = "https://issuer.example"
    pki = build_pki(issuer=issuer)
    anchor = TrustAnchor.from_certificate(pki.root.cert)
    now = datetime.now(UTC)
    chain = [c.cert for c in pki.chain()]
    trusted = validate_chain(chain, [anchor], now=now, issuer_uri=issuer)
    pill = issuer_trust_pill(trusted)
    assert pill is not None
    qtbot.addWidget(pill)
    organisation = anchor.organisation or anchor.subject
    assert pill.text() == f"✓ Issuer verified by {organisation}"
    assert colour(BADGE_ROLES["positive"][0], pill.palette()) in pill.styleSheet()

    untrusted = validate_chain(chain, [], now=now, issuer_uri=issuer)
    pill = issuer_trust_pill(untrusted)
    assert pill is not None
    qtbot.addWidget(pill)
    assert pill.text() == "? Issuer certificate not in your trust list"

    broken = build_pki(issuer=issuer, intermediate_ca=False)
    result = validate_chain(
        [c.cert for c in broken.chain()],
        [TrustAnchor.from_certificate(broken.root.cert)],
        now=now,
        issuer_uri=issuer,
    )
    pill = issuer_trust_pill(result)
    assert pill is not None
    qtbot.addWidget(pill)
    assert pill.text().startswith("✗ Issuer certificate: ")
    assert colour(BADGE_ROLES["negative"][0], pill.palette()) in pill.styleSheet()
    assert issuer_trust_pill(None) is None

    forged = validate_chain([forged_leaf(issuer).cert], [anchor], now=now, issuer_uri=issuer)
    pill = issuer_trust_pill(forged)
    assert pill is not None
    qtbot.addWidget(pill)
    assert not pill.text().startswith("✓")  # a self-signed forgery is never verified


def test_asker_answers_no_when_its_dialog_goes_unanswered(qtbot: QtBot) -> None:
    """The flow dialog the question sits on is closed and deleted: the worker is released
    with "don't keep", never left waiting."""
    parent = QDialog()
    parent.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    parent.show()
    parent.activateWindow()
    asker = AcceptInvalidAsker()
    shown: list[AcceptInvalidDialog] = []
    asker.asked.connect(shown.append)
    answers: list[bool] = []
    worker = threading.Thread(target=lambda: answers.append(asker(verification("invalid"))))
    worker.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    shown[0].setParent(parent, shown[0].windowFlags())  # as on top of the flow dialog
    parent.close()  # deletes it (later) and the question with it
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    worker.join(5)
    assert answers == [False]
    asker.deleteLater()
