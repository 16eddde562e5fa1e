"""Shared pieces of the card/main-window/details GUI tests: contexts, fake rows, demo issuance."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.images import ImageCache
from wallet_app.gui.jobs import JobRunner
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore, StoredCredential

BASE = "https://issuer.test"


def fake_credentials(count: int) -> list[StoredCredential]:
    """``count`` StoredCredential rows built directly (no store): every 7th pending, every
    5th without display metadata, every 3rd from a local issuer."""
    rows = []
    for i in range(count):
        display: list[dict[str, object]] = (
            []
            if i % 5 == 4
            else [
                {
                    "name": f"Membership card {i}",
                    "locale": "en",
                    "background_color": "#1e3a8a" if i % 2 else "#b91c1c",
                    "text_color": "#ffffff",
                },
                {"name": f"Mitgliedskarte {i}", "locale": "de"},
            ]
        )
        card: dict[str, object] = {
            "display": display,
            "issuer_display": [{"name": f"Club {i % 40}", "locale": "en"}],
            "claims_metadata": [],
            "type": f"urn:example:membership:{i % 11}",
            "issuer_host": f"club{i % 40}.example",
            "local_issuer": i % 3 == 0,
        }
        rows.append(
            StoredCredential(
                id=f"{i:032x}",
                credential_configuration_id=f"member_{i}",
                format="dc+sd-jwt",
                issuer=f"https://club{i % 40}.example",
                name=f"member_{i}",
                received_at=f"2025-01-01T00:00:{i % 60:02d}Z",
                status="deferred" if i % 7 == 6 else "issued",
                instance_count=1,
                card=card,
            )
        )
    return rows


@dataclass
class Env:
    """A GuiContext over a real store, a real Wallet and the in-process demo issuer."""

    ctx: GuiContext
    issuer: DemoIssuer
    store: CredentialStore
    wallet: Wallet
    opened: list[str] = field(default_factory=list)

    def receive(self, *configuration_ids: str) -> list[StoredCredential]:
        """Issue ``configuration_ids`` through a pre-authorized offer; return what was stored."""
        offer = self.issuer.create_offer(list(configuration_ids))
        flow = self.wallet.new_flow("pre-authorized_code")
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        result = self.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        self.wallet.wait_for_notifications(5)
        return [*result.credentials, *result.deferred]


@contextmanager
def demo_env(
    tmp_path: Path, *, demo_base_url: str | None = None, config: DemoConfig | None = None
) -> Iterator[Env]:
    """Build an :class:`Env`; closes wallet, store, client and jobs afterwards."""
    issuer = DemoIssuer(BASE, config=config or DemoConfig(batch_size=None))
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    wallet = Wallet(store, http)
    opened: list[str] = []
    jobs = JobRunner()

    def open_browser(url: str) -> bool:
        opened.append(url)
        return True

    ctx = GuiContext(
        wallet=wallet,
        store=store,
        settings=Settings(data_dir=tmp_path / "data"),
        jobs=jobs,
        events=AppEvents(),
        open_browser=open_browser,
        demo_base_url=demo_base_url,
    )
    ctx.extras["image_cache"] = ImageCache(jobs, http)  # logos and art from the demo issuer
    try:
        yield Env(ctx, issuer, store, wallet, opened)
    finally:
        jobs.shutdown()
        cache = ctx.extras.get("image_cache")
        close = getattr(cache, "close", None)
        if callable(close):
            close()
        wallet.close()
        store.close()
        http.close()
