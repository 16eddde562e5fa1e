"""UriBridge: holds URIs during start-up, filters redirects by state, activates on re-launch."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from wallet_app.gui.app import UriBridge


def test_held_uris_are_released_in_order(qtbot: QtBot) -> None:
    bridge = UriBridge(set(), hold=True)
    arrived: list[str] = []
    bridge.uri_arrived.connect(arrived.append)
    assert bridge.on_uris(("openid-credential-offer://?a=1",)) == (True, None)
    assert bridge.on_uris(("openid-credential-offer://?a=2",)) == (True, None)
    assert arrived == []
    assert bridge.release() == ["openid-credential-offer://?a=1", "openid-credential-offer://?a=2"]
    bridge.on_uris(("openid-credential-offer://?a=3",))
    assert arrived == ["openid-credential-offer://?a=3"]


def test_redirects_need_a_waiting_state(qtbot: QtBot) -> None:
    states = {"s1"}
    bridge = UriBridge(states)
    accepted, message = bridge.on_uris(("io.github.walletapp:/callback?code=c&state=other",))
    assert not accepted and message
    assert bridge.on_uris(("io.github.walletapp:/callback?code=c&state=s1",))[0]


def test_an_empty_hand_off_asks_to_bring_the_window_up(qtbot: QtBot) -> None:
    bridge = UriBridge(set())
    with qtbot.waitSignal(bridge.activate_requested, timeout=1000):
        assert bridge.on_uris(()) == (True, None)
