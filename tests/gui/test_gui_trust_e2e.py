"""Issuer trust end to end in the desktop wallet (issue 9 "Done when": each verdict and each
fault switch, SD-JWT VC and mdoc, GUI).

Everything is real: the demo issuer on 127.0.0.1 (real chain, status list, fault switches),
the store, the Wallet, the main window and the dialogs a person clicks through
(``gui_e2e_kit.demo_app``). The GUI wallet gets its ``accept_invalid`` dialog as ``--demo``
wires it (``install_accept_invalid``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_e2e_kit import (
    STEP_MS,
    DemoApp,
    accept_offer,
    demo_app,
    wait_finished,
    wait_review_page,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from wallet_app.gui import main_window as main_window_module
from wallet_app.gui.accept_invalid import AcceptInvalidDialog, install_accept_invalid
from wallet_app.gui.credential_model import Roles
from wallet_app.gui.credential_view import CredentialDetailsDialog
from wallet_app.gui.settings_dialog import SettingsDialog
from wallet_app.gui.status_refresh import load_cards, status_refresher
from wallet_app.gui.trust_settings import TrustPage
from wallet_app.gui.trust_view import TrustWhyDialog

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

#: (configuration id, card name): one SD-JWT VC and one mdoc
FORMATS = [("pid_sd_jwt", "Personal ID"), ("mdl_mdoc", "Driving Licence")]


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        running.ctx.extras["accept_invalid"] = install_accept_invalid(running.ctx.wallet)
        yield running


def trust_demo_root(app: DemoApp) -> None:
    """What ``--demo`` does for a throw-away store: the demo root is a trust anchor."""
    service = status_refresher(app.ctx).service()
    service.add_anchor_certificates(app.issuer.root_certificate_pem(), source="demo")


def offer(app: DemoApp, configuration_id: str) -> None:
    """The demo issuer's offer arrives as a link would (the review opens)."""
    made = app.issuer.create_offer([configuration_id])
    app.ctx.events.offer_received.emit(made.uri, "demo")


def receive(qtbot: QtBot, app: DemoApp, configuration_id: str, name: str) -> str:
    """Accept the offer and wait for its card; return the credential id."""
    offer(app, configuration_id)
    app.receive_to_card(qtbot, name)
    return app.wait_card(qtbot, name).id


def card_trust(app: DemoApp, credential_id: str) -> object:
    model = app.window.model
    return model.index(model.row_of(credential_id)).data(Roles.Trust)


def wait_trust(qtbot: QtBot, app: DemoApp, credential_id: str, verdict: str) -> None:
    qtbot.waitUntil(lambda: card_trust(app, credential_id) == verdict, timeout=STEP_MS)


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_trusted_issuer_card(qtbot: QtBot, app: DemoApp, configuration_id: str, name: str) -> None:
    trust_demo_root(app)
    credential_id = receive(qtbot, app, configuration_id, name)
    wait_trust(qtbot, app, credential_id, "trusted")
    info = app.window.model.info(app.window.model.row_of(credential_id))
    assert info.trust == "trusted"
    # details: the verdict, who vouches, the status; "Why?" lists every check
    details = CredentialDetailsDialog(app.ctx, credential_id, app.window)
    qtbot.addWidget(details)
    details.show()
    section = details.trust
    assert section is not None
    qtbot.waitUntil(section.check_button.isEnabled, timeout=STEP_MS)  # the re-check ended
    assert "Demo Root CA" in section.anchor.text()
    assert section.status.text().startswith("Valid")
    why = section.show_why()
    assert isinstance(why, TrustWhyDialog)
    rows = why.rows()
    assert rows and all(mark == "✓" for mark, *_ in rows if mark != "?")
    assert any(spec.startswith("RFC 5280") for *_, spec in rows)
    why.close()
    details.close()


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_untrusted_until_the_settings_page_adds_the_root(
    qtbot: QtBot,
    app: DemoApp,
    configuration_id: str,
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credential_id = receive(qtbot, app, configuration_id, name)
    wait_trust(qtbot, app, credential_id, "untrusted")
    pem = tmp_path / "demo-root.pem"
    pem.write_bytes(app.issuer.root_certificate_pem())
    # the person opens Settings > Trust and picks the file in the (OS) file chooser
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(pem), ""))
    )
    dialog = SettingsDialog(app.ctx, app.window, path=tmp_path / "prefs.json", env={})
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.findChild(TrustPage)
    assert page is not None
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.busy, timeout=STEP_MS)
    assert page.table.item(0, 1).text().startswith("CN=Demo Root CA")
    assert "Added 1" in page.message.text()
    wait_trust(qtbot, app, credential_id, "trusted")  # re-evaluated, no new issuance
    # and removed again: back to "not in your trust list"
    page.table.selectRow(0)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0 and not page.busy, timeout=STEP_MS)
    wait_trust(qtbot, app, credential_id, "untrusted")
    dialog.reject()


def _answer(app: DemoApp, qtbot: QtBot, keep: bool) -> list[str]:
    """Answer the accept dialog when it comes (Esc for no, the Keep button for yes); the
    list gets what each dialog said failed."""
    asked: list[str] = []

    def on_asked(dialog: AcceptInvalidDialog) -> None:
        asked.append(dialog.failures.text())
        if keep:
            qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    asker = app.ctx.extras["accept_invalid"]
    asker.asked.connect(on_asked)  # type: ignore[attr-defined]
    return asked


@pytest.mark.parametrize("fault", ["broken_chain", "expired_signer"])
@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_invalid_chain_asks_and_no_keeps_nothing(
    qtbot: QtBot, app: DemoApp, fault: str, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    setattr(app.issuer.faults, fault, True)
    asked = _answer(app, qtbot, keep=False)
    offer(app, configuration_id)
    dialog, issuance = accept_offer(qtbot, app, app.wait_review(qtbot))
    wait_finished(qtbot, dialog, issuance)
    assert len(asked) == 1
    assert asked[0].startswith("✗ "), asked  # it said what failed
    assert issuance.phase == "failed"
    said = dialog.failure_text.text()
    assert "was not stored because it is not valid" in said, said
    assert app.ctx.store.list_credentials() == []
    assert app.cards() == []


@pytest.mark.parametrize("fault", ["broken_chain", "expired_signer"])
@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_invalid_chain_kept_on_yes_is_marked_invalid(
    qtbot: QtBot, app: DemoApp, fault: str, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    setattr(app.issuer.faults, fault, True)
    asked = _answer(app, qtbot, keep=True)
    credential_id = receive(qtbot, app, configuration_id, name)
    assert len(asked) == 1
    wait_trust(qtbot, app, credential_id, "invalid")
    info = app.window.model.info(app.window.model.row_of(credential_id))
    assert info.trust == "invalid"


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_forged_credential_is_never_trusted(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    app.issuer.faults.forged = True
    _answer(app, qtbot, keep=True)  # if it asks (a chain that does not validate): keep it
    offer(app, configuration_id)
    dialog, issuance = accept_offer(qtbot, app, app.wait_review(qtbot))
    wait_finished(qtbot, dialog, issuance)
    stored = app.ctx.store.list_credentials()
    for credential in stored:  # stored (marked) or refused: never trusted
        verification = app.ctx.store.get_verification(credential.id)
        assert verification is not None and verification.verdict != "trusted"
        qtbot.waitUntil(lambda c=credential: card_trust(app, c.id) is not None, timeout=STEP_MS)
        assert card_trust(app, credential.id) != "trusted"
    if not stored:
        assert issuance.phase == "failed"


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_revoked_credential_shows_revoked(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    app.issuer.faults.revoked = True
    credential_id = receive(qtbot, app, configuration_id, name)
    wait_trust(qtbot, app, credential_id, "revoked")
    info = app.window.model.info(app.window.model.row_of(credential_id))
    assert info.validity == "revoked"


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_status_list_signed_by_the_wrong_key_is_unknown(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    app.issuer.faults.status_wrong_key = True
    credential_id = receive(qtbot, app, configuration_id, name)
    qtbot.waitUntil(lambda: card_trust(app, credential_id) is not None, timeout=STEP_MS)
    assert card_trust(app, credential_id) not in ("revoked", "suspended")
    details = CredentialDetailsDialog(app.ctx, credential_id, app.window)
    qtbot.addWidget(details)
    details.show()
    section = details.trust
    assert section is not None
    qtbot.waitUntil(section.check_button.isEnabled, timeout=STEP_MS)
    assert section.status.text().startswith("Unknown"), section.status.text()
    why = section.show_why()
    assert why is not None
    status_rows = [r for r in why.rows() if r[1] == "Status (revocation)"]
    assert status_rows and status_rows[0][0] == "?" and status_rows[0][2]  # a reason
    why.close()
    details.close()


def test_review_says_who_vouches_for_an_issuer_with_signed_metadata(
    qtbot: QtBot, app: DemoApp
) -> None:
    """An issuer that signs its metadata (OID4VCI 1.0 §12.2.3): the review says nothing of
    a signer no anchor vouches for, and, with its root trusted, who verified it."""
    from wallet_app.demo_issuer import DemoConfig, serve
    from wallet_app.gui.offer_review import OfferReviewDialog

    signed = serve(DemoConfig(signed_metadata=True))
    try:
        for trusted in (False, True):
            if trusted:
                service = status_refresher(app.ctx).service()
                service.add_anchor_certificates(signed.issuer.root_certificate_pem(), source="user")
                app.ctx.wallet.cache.clear()  # the signer is judged again
            made = signed.issuer.create_offer(["pid_sd_jwt"])
            app.ctx.events.offer_received.emit(made.uri, "demo")
            review = app.wait_review(qtbot)
            wait_review_page(qtbot, review)
            assert isinstance(review, OfferReviewDialog)
            texts = [badge.text() for badge in review.badges]
            if trusted:
                assert "✓ Issuer verified by Demo Issuer GmbH" in texts, texts
            else:  # the signer is known before issuance, but no anchor vouches for it
                assert "? Issuer certificate not in your trust list" in texts, texts
                assert not any("verified" in t for t in texts), texts
            review.reject()
            qtbot.waitUntil(lambda r=review: not r.isVisible(), timeout=STEP_MS)
    finally:
        signed.stop()


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_tampered_credential_is_never_stored_and_never_asked_about(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    app.issuer.faults.tampered = True  # a value changed after the issuer signed it
    asked = _answer(app, qtbot, keep=True)  # even a person who would keep anything
    offer(app, configuration_id)
    dialog, issuance = accept_offer(qtbot, app, app.wait_review(qtbot))
    wait_finished(qtbot, dialog, issuance)
    assert asked == []  # a digest failure is not the person's choice
    assert issuance.phase == "failed"
    said = dialog.failure_text.text()
    # refused before any trust verdict (issue 11), with the violation named
    assert "(digest mismatch)" in said and "Nothing was stored." in said, said
    assert app.ctx.store.list_credentials() == []
    assert app.cards() == []
    events = [n["event"] for n in app.issuer.received_notifications()]
    assert "credential_accepted" not in events


@pytest.mark.parametrize(("configuration_id", "name"), FORMATS)
def test_suspended_by_the_issuer_shows_suspended_after_one_refresh(
    qtbot: QtBot, app: DemoApp, configuration_id: str, name: str
) -> None:
    trust_demo_root(app)
    credential_id = receive(qtbot, app, configuration_id, name)
    wait_trust(qtbot, app, credential_id, "trusted")
    record = app.ctx.store.get_credential(credential_id)
    app.issuer.set_status(record.instances[0].credential, 2)
    app.window.status_action.trigger()  # one refresh (Ctrl+Shift+R)
    wait_trust(qtbot, app, credential_id, "suspended")
    info = app.window.model.info(app.window.model.row_of(credential_id))
    assert info.validity == "suspended"
    app.issuer.set_status(record.instances[0].credential, 0)  # lifted again
    app.window.status_action.trigger()
    wait_trust(qtbot, app, credential_id, "trusted")


def test_a_recheck_ending_during_a_list_load_is_not_painted_over(
    qtbot: QtBot, app: DemoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race a CI run met: a load of the card list reads the store, the re-check then
    stores "suspended" and repaints the card, and the load ends after it: the card must not
    fall back to the verdict that load read."""
    trust_demo_root(app)
    credential_id = receive(qtbot, app, "pid_sd_jwt", "Personal ID")
    wait_trust(qtbot, app, credential_id, "trusted")
    qtbot.waitUntil(lambda: not app.window._loading, timeout=STEP_MS)
    release, reads = threading.Event(), list[object]()

    def held_load(store: object) -> object:
        loaded = load_cards(store)  # type: ignore[arg-type]
        reads.append(loaded)
        release.wait(STEP_MS / 1000)  # the first read ends only after the re-check
        return loaded

    monkeypatch.setattr(main_window_module, "load_cards", held_load)
    app.window.refresh()
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=STEP_MS)  # it read "trusted"
    record = app.ctx.store.get_credential(credential_id)
    app.issuer.set_status(record.instances[0].credential, 2)
    app.window.status_action.trigger()
    wait_trust(qtbot, app, credential_id, "suspended")
    release.set()
    qtbot.waitUntil(lambda: not app.window._loading, timeout=STEP_MS)  # every load ended
    assert card_trust(app, credential_id) == "suspended"
    assert len(reads) == 2  # the held load was read again
