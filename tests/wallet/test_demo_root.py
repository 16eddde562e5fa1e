"""``--demo`` in a lasting wallet: each run's new demo root replaces the last run's (and only
that), and what the old root vouched for is re-evaluated at once (issue 9 T1).

Real: two demo issuers (each with its own freshly made chain) in process over
httpx.WSGITransport, a store on disk, the TrustService the CLI and the GUI use.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from wallet_app.demo_issuer import DemoIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore
from wallet_app.wallet.trust_service import TrustService

BASE = "https://issuer.test"


def test_a_new_demo_root_replaces_the_last_runs_and_keeps_the_users(tmp_path: Path) -> None:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    first, second = DemoIssuer(BASE), DemoIssuer(BASE)
    user_root = DemoIssuer("https://other.test").root_certificate_pem()
    with (
        store,
        httpx.Client(transport=httpx.WSGITransport(app=first)) as http,
        Wallet(store, http, WalletOptions()) as wallet,
    ):
        trust = TrustService(store, http, Settings(data_dir=tmp_path))
        trust.add_anchor_certificates(user_root, source="user")
        [(demo_anchor, added)] = trust.trust_demo_root(first.root_certificate_pem())
        assert added and demo_anchor.source == "demo"
        offer = first.create_offer(["pid_sd_jwt"])
        flow = wallet.new_flow("test")
        resolved = wallet.resolve_offer(offer.uri, flow=flow)
        result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        [stored] = result.credentials
        wallet.wait_for_notifications(5)
        assert store.verifications()[stored.id].verdict == "trusted"

        # the same run again: nothing changes
        [(_, added_again)] = trust.trust_demo_root(first.root_certificate_pem())
        assert not added_again

        # the next run: its root replaces the first one, the user's anchor stays
        trust.trust_demo_root(second.root_certificate_pem())
        anchors = {(a.source, a.anchor.subject, a.anchor.der) for a in trust.anchors()}
        assert len(anchors) == 2
        sources = sorted(source for source, _, _ in anchors)
        assert sources == ["demo", "user"]
        assert demo_anchor.anchor.der not in {der for _, _, der in anchors}
        # what only the old root vouched for is no longer trusted
        assert store.verifications()[stored.id].verdict == "untrusted"
