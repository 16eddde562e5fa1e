"""``wallet-app explore --probe``: the issuer lint's harmless requests and their findings."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

from wallet_app.errors import OfferError
from wallet_app.settings import REDIRECT_URI, Settings

if TYPE_CHECKING:  # kept out of the CLI's start-up imports
    import httpx

    from wallet_app.wallet.explore import IssuerReport
    from wallet_app.wallet.flow import Flow

__all__ = ["add_probe_arguments", "probe_report"]

PROBE_HELP = (
    "also send harmless requests and lint the answers: a token request with a made-up "
    "pre-authorized code, a credential request without a token, two nonce requests, an "
    "unused PAR; nothing is spent"
)


def add_probe_arguments(parser: argparse.ArgumentParser) -> None:
    """``--probe``, ``--offer`` and ``--tx-code`` of ``explore``."""
    parser.add_argument("--probe", action="store_true", help=PROBE_HELP)
    parser.add_argument(
        "--offer",
        help="an offer of this issuer (implies --probe): its grants are checked against the "
        "metadata and its issuer_state goes into the PAR probe",
    )
    parser.add_argument(
        "--tx-code",
        dest="probe_tx_code",
        metavar="WRONG",
        help="with --probe --offer: a transaction code known to be WRONG; the offer's "
        "pre-authorized code is sent with it and the issuer must answer invalid_grant (a "
        "right code would spend the offer)",
    )


def probe_report(
    http: httpx.Client,
    report: IssuerReport,
    args: argparse.Namespace,
    settings: Settings,
    *,
    flow: Flow,
) -> IssuerReport:
    """Run the probes of ``explore --probe`` and return the report with metadata and
    response findings. Raises OfferError for an unreadable or foreign ``--offer``,
    NetworkError when an offer by reference cannot be fetched."""
    from wallet_app.oid4vci.client import Oid4vciClient
    from wallet_app.oid4vci.http import HttpSession
    from wallet_app.oid4vci.models import CredentialOffer
    from wallet_app.oid4vci.offer import parse_offer
    from wallet_app.wallet.lint_probe import ProbeOptions, probe_and_lint

    offer = None
    if getattr(args, "offer", None):
        parsed = parse_offer(args.offer)
        if not isinstance(parsed, CredentialOffer):
            session = HttpSession(
                http, on_exchange=flow.add, allow_http_loopback=settings.allow_http_loopback
            )
            parsed = Oid4vciClient(session).fetch_offer(parsed.uri)
        if parsed.credential_issuer != report.issuer_url:
            raise OfferError(
                "This offer is from another issuer than the one explored.",
                detail=f"offer issuer {parsed.credential_issuer}, explored {report.issuer_url}",
            )
        offer = parsed
    from wallet_app.commands_profiles import explore_profile

    profile = explore_profile(args, settings, report.issuer_url)  # --profile's client id
    options = ProbeOptions(
        client_id=profile.client_id or settings.client_id_for(report.issuer_url),
        redirect_uri=profile.redirect_uri
        if profile.redirect == "custom" and profile.redirect_uri
        else REDIRECT_URI,
        offer=offer,
        wrong_tx_code=getattr(args, "probe_tx_code", None) if offer else None,
    )
    findings = probe_and_lint(
        http,
        report,
        options,
        flow=flow,
        allow_http_loopback=settings.allow_http_loopback,
        max_response_bytes=settings.max_response_bytes,
    )
    return replace(report, findings=tuple(findings))
