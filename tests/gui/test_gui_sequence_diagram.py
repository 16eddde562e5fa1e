"""The live sequence diagram: real traces from the demo issuer drawn as Figure 1's lifelines."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_tools_kit import tools_env
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.demo_login import sign_in
from wallet_app.demo_issuer import DemoConfig
from wallet_app.errors import WalletError
from wallet_app.gui.sequence_diagram import SequenceDiagram

REDIRECT = "io.github.walletapp:/callback"


def _diagram(qtbot: QtBot, *, animated: bool = False) -> SequenceDiagram:
    diagram = SequenceDiagram()
    diagram.set_animated(animated)
    diagram.resize(900, 600)
    qtbot.addWidget(diagram)
    diagram.show()
    qtbot.waitExposed(diagram)
    return diagram


def _lanes(diagram: SequenceDiagram) -> dict[str, set[str]]:
    lanes: dict[str, set[str]] = {}
    for source, target, label, _reply, _failed in diagram.row_summary():
        if source == "Wallet":
            lanes.setdefault(label, set()).add(target)
    return lanes


@pytest.mark.parametrize("separate_as", ["/auth", None])
def test_each_exchange_goes_to_the_server_that_answered(
    qtbot: QtBot, tmp_path: Path, separate_as: str | None
) -> None:
    """Token and AS metadata on the AS lifeline, nonce/credential on the issuer's, also when
    the issuer is its own authorization server on the same host."""
    config = DemoConfig(issuer_path="/demo", separate_as_path=separate_as)
    with tools_env(tmp_path, config) as env:
        flow_id = env.receive("pid_sd_jwt")
        trace = env.ctx.store.get_trace(flow_id)
    diagram = _diagram(qtbot)
    diagram.set_exchanges(trace)
    lanes = _lanes(diagram)
    assert lanes["Token request"] == {"Authorization Server"}
    assert lanes["Credential request"] == {"Credential Issuer"}
    assert lanes["Nonce request"] == {"Credential Issuer"}
    assert lanes["Issuer metadata request"] == {"Credential Issuer"}
    assert len(diagram.arrows()) == len(trace)
    token = next(r for r in diagram.row_summary() if r[2] == "Token request")
    assert token[3] == "200 OK" and token[4] is False


def test_a_refused_code_is_drawn_as_a_failure(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        offer = env.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
        flow = env.wallet.new_flow("pre-authorized_code")
        resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
        with pytest.raises(WalletError):
            env.wallet.receive_pre_authorized(resolved, flow=flow, tx_code="000000")
        trace = flow.exchanges()
    diagram = _diagram(qtbot)
    diagram.set_exchanges(trace)
    token = next(r for r in diagram.row_summary() if r[2] == "Token request")
    assert token[1] == "Authorization Server"
    assert token[3] == "400 invalid_grant" and token[4] is True
    # the nonce requests run beside the token request: either may end last
    refused = next(i for i, e in enumerate(trace) if e["step"] == "token")
    button = diagram.exchange_arrow(refused)
    assert button is not None and "400 invalid_grant" in button.accessibleName()


def test_new_arrows_animate_in_and_only_new_ones(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        trace = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    diagram = _diagram(qtbot, animated=True)
    diagram.set_exchanges(trace[:2])
    assert diagram.is_animating()
    qtbot.waitUntil(lambda: not diagram.is_animating(), timeout=3000)
    first = diagram.exchange_arrow(0)
    diagram.set_exchanges(trace)  # the next poll: two old rows, the rest new
    assert diagram.exchange_arrow(0) is first
    # the two old exchanges stay drawn (by exchange, not position: requests that run side by
    # side may sort a new row between them)
    old = [diagram.exchange_arrow(i) for i in (0, 1)]
    assert [b.row.progress for b in old] == [1.0, 1.0]  # type: ignore[union-attr]
    assert diagram.is_animating()
    diagram.finish_animations()
    assert not diagram.is_animating()
    assert all(b.row.progress == 1.0 for b in diagram.arrows())  # type: ignore[attr-defined]


def test_arrows_are_reached_and_opened_with_the_keyboard_and_mouse(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with tools_env(tmp_path) as env:
        trace = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    diagram = _diagram(qtbot)
    diagram.set_exchanges(trace)
    steps = [str(e["step"]) for e in trace]
    activated: list[int] = []
    diagram.exchange_activated.connect(activated.append)
    # top to bottom the rows follow the start of each request; indexes are the trace's
    rows = diagram.arrows()
    index_of = {id(diagram.exchange_arrow(i)): i for i in range(len(trace))}
    assert sorted(index_of.values()) == list(range(len(trace))) and len(rows) == len(trace)
    rows[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rows[0])
    for _ in range(len(trace) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is rows[-1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert activated == [index_of[id(rows[-2])]]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is rows[-1]
    token = diagram.exchange_arrow(steps.index("token"))
    assert token is not None
    qtbot.mouseClick(token, Qt.MouseButton.LeftButton)
    assert activated[-1] == steps.index("token")
    for button in diagram.arrows():
        assert button.accessibleName().strip()
    assert "Token request: Wallet to Authorization Server" in token.accessibleName()


def test_browser_hops_live_and_inferred_for_a_recorded_code_flow(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with tools_env(tmp_path, DemoConfig(issuer_path="/demo", batch_size=None)) as env:
        offer = env.issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
        flow = env.wallet.new_flow("authorization_code")
        resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
        pending = env.wallet.begin_authorization(resolved, redirect_uri=REDIRECT, flow=flow)
        live = _diagram(qtbot)
        live.set_exchanges(flow.exchanges())
        live.set_browser_state("opened")
        location = sign_in(env.wallet.http, pending.url)
        live.set_browser_state("returned")
        env.wallet.complete_authorization(location)
        env.wallet.wait_for_notifications(5)
        trace = env.ctx.store.get_trace(flow.flow_id)
    live.set_exchanges(trace)
    labels = [r[2] for r in live.row_summary()]
    hops = [
        "Opens the sign-in page",
        "Sign-in and consent",
        "Redirect with the code",
        "Back to the wallet",
    ]
    assert [label for label in labels if label in hops] == hops
    assert labels.index("Pushed authorization request") < labels.index("Opens the sign-in page")
    assert labels.index("Back to the wallet") < labels.index("Token request")
    sign_in_row = next(r for r in live.row_summary() if r[2] == "Sign-in and consent")
    assert sign_in_row[:2] == ("Browser", "Authorization Server")

    recorded = _diagram(qtbot)
    recorded.set_exchanges(trace)  # no browser state: inferred from the code token request
    inferred = [r[2] for r in recorded.row_summary()]
    assert [label for label in inferred if label in hops] == hops
    # right before the token request, or before the nonce requests sent beside it
    between = inferred[inferred.index("Back to the wallet") + 1 : inferred.index("Token request")]
    assert set(between) <= {"Nonce request"}, inferred


def test_presentation_mode_uses_larger_type(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        trace = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    diagram = _diagram(qtbot)
    diagram.set_exchanges(trace)
    normal_size = diagram.canvas.font().pointSizeF()
    normal_height = diagram.arrows()[0].height()
    diagram.set_presentation(True)
    assert diagram.canvas.font().pointSizeF() >= normal_size * 1.5
    assert diagram.arrows()[0].height() > normal_height * 1.3
    diagram.set_presentation(False)
    assert diagram.canvas.font().pointSizeF() == pytest.approx(normal_size)


def test_the_diagram_follows_the_app_font(qtbot: QtBot, tmp_path: Path) -> None:
    """A's app-wide presentation mode enlarges the application font; the diagram follows."""
    with tools_env(tmp_path) as env:
        trace = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    diagram = _diagram(qtbot)
    diagram.set_exchanges(trace)
    diagram.set_presentation(True)
    diagram.set_presentation(False)  # the canvas font is now set, no longer inherited
    height = diagram.arrows()[0].height()
    try:
        bigger = QFont(original)
        bigger.setPointSizeF(original.pointSizeF() * 2)
        app.setFont(bigger)
        qtbot.waitUntil(lambda: diagram.arrows()[0].height() > height * 1.5)
        diagram.set_presentation(True)  # on top of the large app font
        assert diagram.canvas.font().pointSizeF() >= bigger.pointSizeF() * 1.5
    finally:
        app.setFont(original)


def test_no_animation_when_motion_is_reduced(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        trace = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    app = QApplication.instance()
    assert app is not None
    animated = SequenceDiagram()
    qtbot.addWidget(animated)
    animated.set_exchanges(trace)
    assert animated.is_animating()  # by default arrows grow in
    app.setProperty("reducedMotion", True)
    try:
        still = SequenceDiagram()
        qtbot.addWidget(still)
        still.set_exchanges(trace)
        assert not still.is_animating()
        assert all(b.row.progress == 1.0 for b in still.arrows())  # type: ignore[attr-defined]
    finally:
        app.setProperty("reducedMotion", False)


def test_the_newest_arrow_scrolls_into_view_under_the_titles(qtbot: QtBot, tmp_path: Path) -> None:
    with tools_env(tmp_path) as env:
        trace = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    diagram = _diagram(qtbot)
    diagram.resize(800, 320)
    diagram.set_exchanges(trace[:2])
    diagram.set_exchanges(trace)
    bar = diagram.scroll_area.verticalScrollBar()
    newest = diagram.arrows()[-1]
    viewport = diagram.scroll_area.viewport()

    def newest_visible() -> bool:
        top = newest.mapTo(viewport, newest.rect().topLeft()).y()
        return top >= diagram.canvas.header_height() and top + newest.height() <= viewport.height()

    qtbot.waitUntil(newest_visible)
    assert bar.value() > 0
    # the lifeline titles stay on top of the scrolled rows
    assert diagram.canvas.header.y() == bar.value()


def test_a_new_trace_mid_animation_starts_over_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    """A wrong transaction code starts a new trace: arrows still growing are removed."""
    with tools_env(tmp_path) as env:
        first = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
        second = env.ctx.store.get_trace(env.receive("pid_sd_jwt"))
    diagram = _diagram(qtbot, animated=True)
    diagram.set_exchanges(first)
    assert diagram.is_animating()
    diagram.set_exchanges(second[:2])  # not a continuation of the first: start over
    assert len(diagram.arrows()) == 2
    qtbot.wait(400)  # the removed arrows' animations would have run on deleted widgets
    assert not diagram.is_animating()
    assert all(b.row.progress == 1.0 for b in diagram.arrows())  # type: ignore[attr-defined]
