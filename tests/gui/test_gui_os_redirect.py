"""The OS path end to end: a registered xdg handler hands links to the running GUI process.

scripted browser → ``xdg-open io.github.walletapp:/callback?…`` → our ``.desktop`` entry →
``python -m wallet_app <uri>`` → single-instance channel → UriBridge → IssuanceFlow.
Runs in a throw-away HOME with its own XDG dirs, runtime dir and channel name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import RunningIssuer, serve
from wallet_app.gui.app import UriBridge
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.flow_start import start_issuance
from wallet_app.gui.jobs import JobRunner
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.host.single_instance import InstanceServer
from wallet_app.host.uri_scheme import register_handler, unregister_handler
from wallet_app.settings import Settings
from wallet_app.uris import is_redirect_uri
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore

REPO = Path(__file__).resolve().parents[2]
SCRIPTED_BROWSER = REPO / "tests" / "tools" / "scripted_browser.py"

pytestmark = [
    pytest.mark.allow_hosts(["127.0.0.1"]),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop only"),
    pytest.mark.skipif(
        shutil.which("xdg-open") is None or shutil.which("xdg-mime") is None,
        reason="xdg-utils is not installed (.ci/setup installs it)",
    ),
]


@pytest.fixture
def os_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Private HOME/XDG dirs, runtime dir and channel; the handler registered there.

    Returns the environment for subprocesses (the GUI process's own env is patched too).
    """
    home = tmp_path / "home"
    home.mkdir()
    runtime = Path(tempfile.mkdtemp(prefix="wa-"))  # short: AF_UNIX paths are limited
    runtime.chmod(0o700)
    patch = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(runtime),
        "WALLET_APP_INSTANCE": f"wallet-os-{uuid.uuid4().hex[:10]}",
    }
    for key, value in patch.items():
        monkeypatch.setenv(key, value)
    for key in ("XDG_CURRENT_DESKTOP", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID", "BROWSER"):
        monkeypatch.delenv(key, raising=False)
    register_handler([sys.executable, "-m", "wallet_app"])
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    yield env
    unregister_handler()
    shutil.rmtree(runtime, ignore_errors=True)


def _xdg_open(uri: str, env: dict[str, str]) -> subprocess.Popen[str]:
    # xdg-utils' generic mode consults x-scheme-handler/* only with a DISPLAY (platform §5)
    return subprocess.Popen(
        ["xdg-open", uri],
        env={**env, "DISPLAY": ":0"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


class Answers:
    """What the running wallet answered on its channel, URI by URI (server thread appends)."""

    def __init__(self) -> None:
        self.given: list[tuple[str, bool]] = []

    def of(self, uri: str) -> bool | None:
        """The answer to ``uri``: True accepted, False refused, None not (yet) seen."""
        return next((ok for u, ok in self.given if u == uri), None)


@pytest.fixture
def running_gui(
    os_env: dict[str, str], tmp_path: Path, qtbot: QtBot
) -> Iterator[tuple[GuiContext, RunningIssuer, Answers]]:
    """The GUI process's pieces, as gui.app wires them: store, wallet, jobs, channel, bridge.

    The channel callback is the bridge's own, wrapped to record each answer it gives.
    """
    issuer = serve()
    http = httpx.Client(timeout=15)
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    wallet = Wallet(store, http, WalletOptions())
    jobs = JobRunner()
    states: set[str] = set()
    ctx = GuiContext(
        wallet,
        store,
        Settings(data_dir=tmp_path),
        jobs,
        AppEvents(),
        lambda url: False,
        pending_states=states,
    )
    bridge = UriBridge(states)

    def route(uri: str) -> None:  # what MainWindow.handle_uri does with each kind of link
        if is_redirect_uri(uri):
            ctx.events.redirect_received.emit(uri)
        else:
            ctx.events.offer_received.emit(uri, "link")

    bridge.uri_arrived.connect(route, Qt.ConnectionType.QueuedConnection)
    answers = Answers()

    def on_uris(uris: tuple[str, ...]) -> tuple[bool, str | None]:
        accepted, reason = bridge.on_uris(uris)
        answers.given.extend((uri, accepted) for uri in uris)
        return accepted, reason

    server = InstanceServer(on_uris)
    server.start()
    yield ctx, issuer, answers
    server.close()
    qtbot.waitUntil(lambda: jobs.active == 0, timeout=10_000)
    jobs.shutdown()
    wallet.close()
    store.close()
    http.close()
    issuer.stop()
    bridge.deleteLater()
    qtbot.wait(1)


def test_redirect_through_xdg_open_finishes_the_flow(
    running_gui: tuple[GuiContext, RunningIssuer, Answers],
    os_env: dict[str, str],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    ctx, issuer, answers = running_gui
    log = tmp_path / "browser.log"
    browser_env = {
        **os_env,
        "SCRIPTED_BROWSER_WALLET": "xdg-open",
        "SCRIPTED_BROWSER_LOG": str(log),
    }
    exits: list[int] = []

    def open_browser(url: str) -> bool:  # runs in a job, like host.browser with $BROWSER
        done = subprocess.run(
            [sys.executable, str(SCRIPTED_BROWSER), url],
            env={**browser_env, "DISPLAY": ":0"},  # reaches xdg-open, which needs it
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
        exits.append(done.returncode)
        return done.returncode == 0

    ctx.open_browser = open_browser
    parent = QWidget()
    qtbot.addWidget(parent)
    offer = issuer.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    flow = ctx.wallet.new_flow("offer")
    resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
    finished: list[object] = []
    failed: list[object] = []
    issuance = start_issuance(ctx, resolved, tx_code=None, parent=parent, flow=flow)
    assert issuance.dialog is not None  # a child of parent, closed with it
    issuance.finished.connect(finished.append)
    issuance.failed.connect(failed.append)
    qtbot.waitUntil(lambda: bool(finished or failed), timeout=30_000)
    trail = log.read_text() if log.exists() else "(no browser log)"
    assert not failed, f"{issuance.failure}\n{trail}"
    assert "hand redirect (io.github.walletapp:) to xdg-open" in trail, trail
    assert "wallet exited 0" in trail, trail
    [stored] = ctx.store.list_credentials()
    assert stored.credential_configuration_id == "diploma_sd_jwt"
    assert ctx.pending_states == set()
    assert [ok for u, ok in answers.given if u.startswith("io.github.walletapp:")] == [True]
    qtbot.waitUntil(lambda: exits == [0], timeout=5_000)
    token = next(r for r in issuer.issuer.received_requests() if r.path == "/token")
    assert token.body is not None and token.body["redirect_uri"] == "io.github.walletapp:/callback"


def test_offer_link_through_xdg_open_reaches_the_running_wallet(
    running_gui: tuple[GuiContext, RunningIssuer, Answers], os_env: dict[str, str], qtbot: QtBot
) -> None:
    ctx, issuer, answers = running_gui
    offer = issuer.issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    with qtbot.waitSignal(ctx.events.offer_received, timeout=15_000) as got:
        proc = _xdg_open(offer.uri, os_env)
    out, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, out
    assert got.args == [offer.uri, "link"]
    assert answers.of(offer.uri) is True
    # A redirect nobody waits for reaches the running wallet, which refuses it and emits
    # nothing. xdg-open's own exit code says nothing here: xdg-utils 1.2.1 (Debian 13)
    # returns 0 although the handler it started failed.
    stray = "io.github.walletapp:/callback?code=c&state=unknown"
    redirects: list[str] = []
    ctx.events.redirect_received.connect(redirects.append)
    proc = _xdg_open(stray, os_env)
    out, _ = proc.communicate(timeout=15)
    qtbot.waitUntil(lambda: answers.of(stray) is not None, timeout=15_000)
    assert answers.of(stray) is False, out
    qtbot.wait(50)  # a queued emission, had there been one, is delivered by now
    assert redirects == []
