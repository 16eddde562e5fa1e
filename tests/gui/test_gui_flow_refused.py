"""A receive refused by the structural floor (issue 11) in the flow window, against the real
demo issuer: the Credential row is failed (the refusal sentence shown as for other failures),
the Notification row shows the credential_failure notification, the sequence diagram draws
what the trace holds — the same in every run (it raced before)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoIssuer
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.flow_start import start_issuance
from wallet_app.gui.flow_steps import step_of
from wallet_app.gui.images import ImageCache
from wallet_app.gui.issuance_flow import IssuanceFlow
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.sequence_diagram import SequenceDiagram
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"


class Env:
    def __init__(self, tmp_path: Path) -> None:
        self.issuer = DemoIssuer(BASE)
        self.http = httpx.Client(transport=httpx.WSGITransport(app=self.issuer))
        self.store = CredentialStore.open(tmp_path / "d", secrets=MemorySecretStore())
        self.wallet = Wallet(self.store, self.http, WalletOptions())
        self.jobs = JobRunner()
        settings = Settings(data_dir=tmp_path)
        self.ctx = GuiContext(
            self.wallet, self.store, settings, self.jobs, AppEvents(), lambda _url: True
        )
        self.ctx.extras["image_cache"] = ImageCache(self.jobs, client=self.http)

    def close(self) -> None:
        cache = self.ctx.extras["image_cache"]
        assert isinstance(cache, ImageCache)
        cache.close()
        self.jobs.shutdown()
        self.wallet.close()
        self.store.close()
        self.http.close()


@pytest.fixture
def env(tmp_path: Path, qtbot: QtBot) -> Iterator[Env]:
    made = Env(tmp_path)
    yield made
    qtbot.waitUntil(lambda: made.jobs.active == 0, timeout=10_000)
    made.close()


def _rows(issuance: IssuanceFlow) -> dict[str, str]:
    assert issuance.dialog is not None
    return {s: issuance.dialog.steps.status_of(s) for s in issuance.expected}


def _refused_run(env: Env, parent: QWidget, qtbot: QtBot) -> IssuanceFlow:
    offer = env.issuer.create_offer(["pid_sd_jwt"])
    flow = env.wallet.new_flow("offer")
    resolved = env.wallet.resolve_offer(offer.uri, flow=flow)
    issuance = start_issuance(env.ctx, resolved, tx_code=offer.tx_code, parent=parent, flow=flow)
    assert issuance.dialog is not None
    with qtbot.waitSignal(issuance.failed, timeout=10_000):
        pass
    # the notification is sent in the background; its row settles after the wait
    qtbot.waitUntil(lambda: _rows(issuance)["notification"] != "running", timeout=10_000)
    qtbot.waitUntil(lambda: env.jobs.active == 0, timeout=10_000)
    return issuance


def test_a_refused_credential_fails_its_row_and_shows_the_notification(
    env: Env, qtbot: QtBot
) -> None:
    env.issuer.faults.malformed = "alg_none"
    notification = True  # the demo issuer has a notification endpoint
    parent = QWidget()
    qtbot.addWidget(parent)
    for run in range(5):
        issuance = _refused_run(env, parent, qtbot)
        dialog = issuance.dialog
        assert dialog is not None
        rows = _rows(issuance)
        expected_rows = {
            "metadata": "done",
            "token": "done",
            "nonce": "done",
            "credential": "failed",
            "notification": "done" if notification else "skipped",
        }
        assert rows == expected_rows, f"run {run}: {rows}"
        assert issuance.failure is not None
        assert "not signed" in issuance.failure[0] and "Nothing was stored" in issuance.failure[0]
        assert dialog.failure_text.text() == issuance.failure[0]
        trace = env.store.get_trace(issuance.flow_id)
        told = [ex for ex in trace if step_of(str(ex.get("step", ""))) == "notification"]
        assert len(told) == (1 if notification else 0), f"run {run}"
        diagram = dialog.diagram
        assert isinstance(diagram, SequenceDiagram)
        labels = " ".join(label for _s, _t, label, _r, _f in diagram.row_summary())
        assert ("notification" in labels.lower()) == notification, f"run {run}: {labels}"
        assert env.store.list_credentials() == []
        dialog.close()
        if shiboken6.isValid(dialog):
            dialog.deleteLater()
