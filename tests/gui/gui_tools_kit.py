"""A GuiContext over a real store and wallet talking to the in-process demo issuer, for the
explorer, inspector and settings tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.jobs import JobRunner
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.explore import IssuerReport, explore_issuer
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"


@dataclass
class ToolsEnv:
    """The context plus the demo issuer behind it."""

    ctx: GuiContext
    issuer: DemoIssuer
    wallet: Wallet

    def receive(self, *configuration_ids: str) -> str:
        """Issue through a pre-authorized offer; return the flow id."""
        offer = self.issuer.create_offer(list(configuration_ids))
        flow = self.wallet.new_flow("pre-authorized_code")
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        result = self.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        self.wallet.wait_for_notifications(5)
        return result.flow_id


@contextmanager
def tools_env(tmp_path: Path, config: DemoConfig | None = None) -> Iterator[ToolsEnv]:
    """Build a :class:`ToolsEnv`; closes everything afterwards."""
    issuer = DemoIssuer(
        BASE, config=config or DemoConfig(issuer_path="/demo", separate_as_path="/auth")
    )
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    wallet = Wallet(store, http)
    jobs = JobRunner()
    ctx = GuiContext(
        wallet=wallet,
        store=store,
        settings=Settings(data_dir=tmp_path / "data", locales=("en",)),
        jobs=jobs,
        events=AppEvents(),
        open_browser=lambda _url: True,
    )
    try:
        yield ToolsEnv(ctx, issuer, wallet)
    finally:
        jobs.shutdown()
        wallet.close()
        store.close()
        http.close()


LEGACY_ISSUER = "https://legacy.test"


def mismatched_issuer_report() -> IssuerReport:
    """Explore ``https://legacy.test/t``: the 1.0 well-known path is a 404, the legacy one
    answers with metadata naming another ``credential_issuer`` (a problem to show)."""
    doc = {
        "credential_issuer": "https://someone-else.test",
        "credential_endpoint": f"{LEGACY_ISSUER}/credential",
        "credential_configurations_supported": {"x": {"format": "jwt_vc_json"}},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == f"{LEGACY_ISSUER}/t/.well-known/openid-credential-issuer":
            return httpx.Response(200, json=doc)
        return httpx.Response(404)

    with httpx.Client(transport=httpx.MockTransport(handler)) as http:
        return explore_issuer(http, f"{LEGACY_ISSUER}/t", flow=Flow("explore"))
