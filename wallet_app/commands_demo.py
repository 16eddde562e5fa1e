"""``wallet-app --demo`` (headless): the demo issuer on 127.0.0.1, one offer, received; and
``wallet-app demo-issuer``: the demo issuer alone, in any of its modes, until stopped."""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from wallet_app.commands_output import describe_offer, write_details_text, write_json
from wallet_app.compose import open_wallet
from wallet_app.settings import Settings
from wallet_app.wallet.details import credential_details

if TYPE_CHECKING:
    from wallet_app.demo_issuer.config import DemoConfig
    from wallet_app.demo_issuer.server import RunningIssuer

__all__ = ["DRAFT_CHOICES", "run_demo", "run_demo_issuer"]

DRAFT_CHOICES = ("1.0", "15", "14", "13", "11")
"""The drafts ``demo-issuer --draft`` speaks (DemoConfig.draft)."""


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


def _offer_lines(running: RunningIssuer, *, tx_code: bool) -> list[tuple[str, str]]:
    """(label, text) lines: one offer per grant for every configuration of the mode."""
    issuer = running.issuer
    ids = issuer.configuration_ids()
    pre = issuer.create_offer(ids, grant="pre-authorized_code", tx_code=tx_code)
    auth = issuer.create_offer(ids, grant="authorization_code")
    lines = [("Pre-authorized code offer", pre.uri)]
    if pre.tx_code is not None:
        lines.append(("Transaction code", pre.tx_code))
    lines.append(("Authorization code offer", auth.uri))
    return lines


def _announce(
    running: RunningIssuer, config: DemoConfig, *, tx_code: bool, as_json: bool, out: TextIO
) -> None:
    """Print the issuer's URL and its offers (text, or one JSON object)."""
    issuer_url = running.issuer.credential_issuer
    lines = _offer_lines(running, tx_code=tx_code)
    if as_json:
        write_json(
            out,
            {
                "issuer": issuer_url,
                "draft": config.draft,
                "offers": [text for label, text in lines if label.endswith("offer")],
                "tx_code": next((t for label, t in lines if label == "Transaction code"), None),
            },
        )
    else:
        out.write(f"Demo issuer (draft {config.draft}): {issuer_url}\n")
        for label, text in lines:
            out.write(f"{label}: {text}\n")
    out.flush()


def run_demo_issuer(args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """``wallet-app demo-issuer``: serve the demo issuer on 127.0.0.1 in the mode the flags
    choose, print its URL and one offer per grant, and serve until Ctrl-C or SIGTERM (exit 0).

    Raises OSError when the port cannot be bound (the CLI's triage reports it).
    """
    from wallet_app.demo_issuer.config import DemoConfig
    from wallet_app.demo_issuer.deviations import DEVIATIONS
    from wallet_app.demo_issuer.server import serve

    unknown = sorted(set(args.deviation or ()) - set(DEVIATIONS))
    if unknown:
        from wallet_app.errors import UsageError

        raise UsageError(
            "Unknown deviation {names}; known: {known}.",
            params={"names": ", ".join(unknown), "known": ", ".join(sorted(DEVIATIONS))},
            code="usage",
        )
    config = DemoConfig(
        draft=args.draft,
        jwt_vc_json=True,  # an engineer's issuer offers every format its draft has
        single_use_nonce=args.single_use_nonce,
        require_wallet_attestation=args.require_wallet_attestation,
        require_key_attestation=args.require_key_attestation,
        deviations=frozenset(args.deviation or ()),
    )
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, on_signal)
    try:
        with serve(config, port=args.port) as running:
            _announce(running, config, tx_code=args.tx_code, as_json=args.json, out=out)
            err.write("Serving until Ctrl-C.\n")
            err.flush()
            while not stop.wait(0.5):
                pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]  # what signal() returned
    err.write("Demo issuer stopped.\n")
    return 0
