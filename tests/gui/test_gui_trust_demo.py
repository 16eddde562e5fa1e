"""``wallet-app --demo`` (GUI) and trust: start-up phase 2 as ``run_gui`` runs it, without a
keyring (the throw-away store), gives the demo issuer's root to the store's trust list and the
wallet its accept dialog, so a demo card shows "Trusted issuer" (issue 9 T1).

Real: the demo issuer started by phase 2 on 127.0.0.1, the throw-away store, the Wallet; the
keyring is the keyring package's own "fail" backend (no keyring on this desktop).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wallet_app.gui.accept_invalid import AcceptInvalidAsker
from wallet_app.gui.app import StartupWindow, _Session
from wallet_app.gui.credential_model import Roles
from wallet_app.gui.main_window import MainWindow
from wallet_app.gui.wallet_opening import WalletOpening, _build_window
from wallet_app.host.secrets import keyring_available
from wallet_app.settings import Settings

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        assert not keyring_available()
        yield
    finally:
        keyring.set_keyring(previous)


def test_demo_trusts_its_root_in_the_throwaway_store(
    qtbot: QtBot, tmp_path: Path, no_keyring: None
) -> None:
    startup = StartupWindow()
    qtbot.addWidget(startup)
    startup.show()
    session = _Session()
    ready: list[QWidget] = []

    def build(*args: object) -> QWidget:
        window = _build_window(*args)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    try:
        settings = Settings(data_dir=tmp_path / "data", locales=("en",))
        opening = WalletOpening(settings, True, set(), session, startup, build=build)
        opening.ready.connect(ready.append)
        opening.begin()
        qtbot.waitUntil(lambda: bool(ready), timeout=15_000)
        [window] = ready
        assert isinstance(window, MainWindow)
        ctx = window.ctx
        assert ctx.throwaway_store
        assert isinstance(ctx.wallet.accept_invalid, AcceptInvalidAsker)
        qtbot.waitUntil(lambda: bool(ctx.store.list_anchors()), timeout=10_000)
        [anchor] = ctx.store.list_anchors()
        assert anchor.source == "demo"
        assert anchor.anchor.subject.startswith("CN=Demo Root CA")
        # a demo credential received now is from a trusted issuer, on its card
        assert session.demo_server is not None
        issuer = session.demo_server.issuer
        offer = issuer.create_offer(["diploma_sd_jwt"])
        flow = ctx.wallet.new_flow("pre-authorized")
        resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
        result = ctx.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        credential_id = result.credentials[0].id
        ctx.events.credentials_changed.emit()
        model = window.model

        def shown() -> object:
            row = model.row_of(credential_id)
            return row >= 0 and model.index(row).data(Roles.Trust) == "trusted"

        qtbot.waitUntil(shown, timeout=10_000)
        window.close()
    finally:
        session.close()
