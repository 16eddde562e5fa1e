"""``wallet-app --demo`` (headless): the demo issuer on 127.0.0.1, one offer, received."""

from __future__ import annotations

from typing import TextIO

from wallet_app.commands_output import describe_offer, write_details_text, write_json
from wallet_app.compose import open_wallet
from wallet_app.settings import Settings
from wallet_app.wallet.details import credential_details

__all__ = ["run_demo"]


def run_demo(settings: Settings, *, out: TextIO, err: TextIO, as_json: bool) -> int:
    """``wallet-app --demo`` (headless): the demo issuer on 127.0.0.1, one offer, received."""
    from wallet_app.demo_issuer.config import DemoConfig
    from wallet_app.demo_issuer.server import serve

    with (
        serve(DemoConfig()) as running,
        open_wallet(settings, throwaway_if_no_keyring=True) as opened,
    ):
        if opened.throwaway_dir is not None:
            err.write(
                "No system keyring is available, so this demo uses a throw-away wallet "
                "that is deleted when the demo ends.\n"
            )
        opened.trust.trust_demo_root(running.issuer.root_certificate_pem())
        offer = running.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], tx_code=True)
        err.write(f"Demo issuer running at {running.base_url}\n")
        err.write(f"Offer: {offer.uri}\n")
        err.write(f"Transaction code (sent separately in real life): {offer.tx_code}\n\n")
        wallet = opened.wallet
        flow = wallet.new_flow("demo")
        resolved = wallet.resolve_offer(offer.uri, flow=flow)
        if not as_json:
            describe_offer(resolved, settings, err)
        result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        wallet.wait_for_notifications(5.0)
        documents = [
            credential_details(opened.store.get_credential(c.id), settings, raw=False)
            for c in result.credentials
        ]
        if as_json:
            write_json(
                out, {"credentials": documents, "throwaway_store": opened.throwaway_dir is not None}
            )
        else:
            for doc in documents:
                out.write("\n")
                write_details_text(doc, out)
            if opened.throwaway_dir is None:
                out.write(f"\nStored in {settings.data_dir}. Try 'wallet-app list'.\n")
    return 0
