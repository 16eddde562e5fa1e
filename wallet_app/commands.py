"""The CLI's commands: each runs one use case and writes text or JSON."""

from __future__ import annotations

import argparse
import gc
import queue
import sys
import threading
from collections.abc import Mapping
from concurrent.futures import wait as wait_futures
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

# Only what every command needs is imported here: the protocol stack, the browser flow and
# the details view load inside the commands that use them, so `list` starts light (issue 11).
from wallet_app.commands_output import (
    AFTER_PRINT_WAIT,
    describe_offer,
    dropped_json,
    new_verifications,
    read_secret,
    write_details_text,
    write_json,
    write_list_json,
    write_received,
    write_status_lines,
)
from wallet_app.commands_profiles import (
    describe_profile,
    explore_profile,
    profile_choice,
    read_pasted_redirect,
    remember,
)
from wallet_app.compose import open_wallet
from wallet_app.errors import (
    AuthorizationError,
    FormatError,
    NetworkError,
    TrustError,
    UsageError,
    WalletError,
)
from wallet_app.settings import REDIRECT_URI, Settings
from wallet_app.text import printable
from wallet_app.uris import is_redirect_uri

if TYPE_CHECKING:
    from wallet_app.compose import Opened
    from wallet_app.trust.model import Verification
    from wallet_app.wallet.flow import Flow
    from wallet_app.wallet.issuance import IssuanceResult, Wallet
    from wallet_app.wallet.resolve import ResolvedOffer
    from wallet_app.wallet.store import StoredCredential

__all__ = [
    "deferred",
    "delete",
    "explore",
    "list_credentials",
    "open_uri",
    "receive",
    "run_browser_flow",
    "show",
]


#: ``deferred --poll`` waits this long at most for an entry whose interval has not passed.
POLL_MAX_WAIT = 60.0


# -- receive ---------------------------------------------------------------------------------
def _credential_json(c: StoredCredential, verdict: str | None) -> dict[str, object]:
    return {
        "id": c.id,
        "credential_configuration_id": c.credential_configuration_id,
        "format": c.format,
        "issuer": c.issuer,
        "verdict": verdict,
    }


def _result_json(result: IssuanceResult, verdicts: Mapping[str, str]) -> dict[str, object]:
    # a deferred entry is named by its local id only: the issuer's handle is never printed
    # (draft 11's acceptance_token is a bearer credential on its own; 1.0's transaction_id
    # with the access token fetches the credential, and no command takes it as input)
    return {
        "credentials": [
            {**_credential_json(c, verdicts.get(c.id)), "dropped": dropped_json(result, c.id)}
            for c in result.credentials
        ],
        "deferred": [
            {"id": d.id, "credential_configuration_id": d.credential_configuration_id}
            for d in result.deferred
        ],
    }


def _ask_tx_code(resolved: ResolvedOffer, err: TextIO) -> str | None:
    grant = resolved.offer.pre_authorized_code
    if grant is None or grant.tx_code is None:
        return None
    if not sys.stdin.isatty():
        return None
    spec = grant.tx_code
    host = urlsplit(resolved.auth_server.token_endpoint).netloc
    if spec.description:
        err.write(f"{printable(spec.description, limit=300)}\n")
    length = (
        f" ({spec.length} {'digits' if spec.input_mode == 'numeric' else 'characters'})"
        if spec.length
        else ""
    )
    return read_secret(f"Transaction code for {host}{length}: ").strip()


def receive(args: argparse.Namespace, settings: Settings, *, out: TextIO, err: TextIO) -> int:
    """``wallet-app receive``: run a whole issuance from an offer (or an issuer URL)."""
    if not args.offer and not args.issuer:
        raise UsageError("Give an offer (link, QR text or JSON), or --issuer with --configuration.")
    with open_wallet(settings) as opened:
        # the protocol stack and the HTTP client (no TLS context yet) are made now, before
        # the freeze and before the preload: frozen with the rest, not loaded in competition
        # with it once the issuer is asked
        wallet, _ = opened.wallet, opened.http
        if getattr(args, "accept_invalid", False):
            wallet.accept_invalid = lambda verification: True
        gc.freeze()  # what this process made so far lives until it exits: not collected
        # the verification code loads while the issuer is asked, then is frozen likewise
        threading.Thread(target=_preload_and_freeze, name="preload").start()
        try:
            result = _receive(opened.wallet, args, settings, err=err)
        except TrustError as exc:
            opened.wallet.wait_for_notifications(AFTER_PRINT_WAIT)  # credential_failure
            if exc.code == "credential_not_accepted" and not args.json:
                err.write("To keep it anyway (marked invalid), run again with --accept-invalid.\n")
            raise
        if args.json:  # one document: its verdicts wait (bounded) for the status checks
            wait_futures(result.status_checks.values(), timeout=AFTER_PRINT_WAIT)
        # text: printed once stored, with the verdict known then; the notification and the
        # status checks, run alongside, are waited for (bounded) only after printing
        printed = _report_result(opened, result, as_json=args.json, out=out)
        out.flush()
        opened.wallet.wait_for_notifications(AFTER_PRINT_WAIT)
        if not args.json:
            write_status_lines(result, printed, out)  # only what the status check adds
    return 0


def _preload_and_freeze() -> None:
    """The verification code imported (on a thread of its own, overlapping ``receive``'s
    first round trips), then everything made so far moved out of the collector's reach:
    a short-lived command's modules live until it exits, and a full collection of them took
    ~30 ms on the flow's critical path. Raises nothing."""
    from wallet_app.wallet.verifying import preload

    try:
        preload(0.01, mdoc=False)  # the flow's own preload adds mdoc when it asks for one
    finally:
        gc.freeze()
        gc.enable()  # held off since the process started (see cli.started)


def _receive(
    wallet: Wallet, args: argparse.Namespace, settings: Settings, *, err: TextIO
) -> IssuanceResult:
    flow = wallet.new_flow("offer")
    base, changes = profile_choice(args, settings)  # --profile, --draft, --redirect …
    if args.issuer:
        if not args.configuration:
            raise UsageError("--issuer needs at least one --configuration.")
        resolved = wallet.resolve_issuer_configurations(
            args.issuer, args.configuration, flow=flow, profile=base, overrides=changes
        )
    else:
        resolved = wallet.resolve_offer(
            args.offer, flow=flow, prefer_grant=args.grant, profile=base, overrides=changes
        )
    if not args.json:
        describe_offer(resolved, settings, err)
        if resolved.profile.name != "default":
            err.write(printable(f"Profile {describe_profile(resolved.profile)}") + "\n")
    if getattr(args, "remember", False):
        remember(resolved.issuer.credential_issuer, resolved.profile, err=err)
    if resolved.grant == "pre-authorized_code":
        tx_code = args.tx_code or _ask_tx_code(resolved, err)
        return wallet.receive_pre_authorized(resolved, flow=flow, tx_code=tx_code)
    return run_browser_flow(wallet, resolved, flow, settings, mode=None, err=err)


class _RedirectInbox:
    """Accepts the one redirect this process waits for, from the single-instance channel."""

    def __init__(self) -> None:
        self.expected_state: str | None = None
        self.queue: queue.Queue[str] = queue.Queue()

    def on_uris(self, uris: tuple[str, ...]) -> tuple[bool, str | None]:
        from wallet_app.oid4vci.authorize import redirect_params

        for uri in uris:
            if not is_redirect_uri(uri):
                return False, (
                    "This wallet is busy receiving a credential. Open the offer "
                    "again when it has finished."
                )
            if self.expected_state and redirect_params(uri).get("state") == self.expected_state:
                self.queue.put(uri)
                return True, None
            return False, "This wallet is waiting for a different sign-in."
        return True, None


def run_browser_flow(
    wallet: Wallet,
    resolved: ResolvedOffer,
    flow: Flow,
    settings: Settings,
    *,
    mode: str | None,
    err: TextIO,
) -> IssuanceResult:
    """Authorization code flow: system browser, redirect via our scheme, loopback or a
    custom URI the person pastes back (the profile's redirect unless ``mode`` is given)."""
    from wallet_app.host.browser import open_in_browser
    from wallet_app.host.loopback import LoopbackReceiver
    from wallet_app.host.single_instance import AlreadyRunning, InstanceServer
    from wallet_app.wallet.client_choice import custom_redirect_uri

    mode = mode or resolved.profile.redirect
    inbox = _RedirectInbox()
    server: InstanceServer | None = None
    loopback: LoopbackReceiver | None = None
    try:
        if mode == "scheme":
            server = InstanceServer(inbox.on_uris)
            try:
                server.start()
                redirect_uri = REDIRECT_URI
            except AlreadyRunning:
                server = None
                err.write("Another wallet window is running; using a loopback redirect.\n")
                mode = "loopback"
        if mode == "loopback":
            loopback = LoopbackReceiver(page_title="Wallet")
            redirect_uri = loopback.start()
        elif mode == "custom":
            redirect_uri = custom_redirect_uri(resolved.profile)
        pending = wallet.begin_authorization(resolved, redirect_uri=redirect_uri, flow=flow)
        inbox.expected_state = pending.state
        if loopback is not None:
            loopback.expect_state(pending.state)
        host = urlsplit(pending.url).netloc
        err.write(f"Continue in your browser: sign in at {host}.\n")
        if not open_in_browser(pending.url):
            err.write(f"No browser could be opened. Open this address yourself:\n{pending.url}\n")
        if mode == "custom":  # no listener can catch it: the person pastes the address
            read_pasted_redirect(redirect_uri, inbox.queue, err=err)
        timeout = settings.authorization_timeout
        try:
            if loopback is not None:
                url = loopback.wait(timeout)
            else:
                url = inbox.queue.get(timeout=timeout)
        except queue.Empty:
            url = None
        if url is None:
            raise NetworkError(
                "No answer came back from the browser within {minutes} minutes. "
                "Start the issuance again.",
                params={"minutes": f"{timeout / 60:.0f}"},
                code="authorization_timeout",
            )
        return wallet.complete_authorization(url)
    finally:
        if server is not None:
            server.close()
        if loopback is not None:
            loopback.close()


def _report_result(
    opened: Opened, result: IssuanceResult, *, as_json: bool, out: TextIO
) -> Mapping[str, Verification]:
    """Write ``result`` as text or JSON with the verifications known now (each status
    check's if it ended, else the one stored); returns them. Raises StorageError."""
    verifications = new_verifications(opened.store, result)  # not the whole store's
    if as_json:
        # from the result itself: re-opening every sealed deferred context is slow
        verdicts = {cid: v.verdict for cid, v in verifications.items()}
        write_json(out, _result_json(result, verdicts))
    else:
        write_received(result, verifications, out)
    return verifications


# -- list / show / delete ---------------------------------------------------------------------
def list_credentials(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app list``."""
    from wallet_app.wallet.cards import issuer_name, localized_name

    with open_wallet(settings) as opened:
        items = opened.store.list_credentials()
        verdicts = opened.store.verdicts()  # the verdicts only: no verification is opened
    if args.json:
        write_list_json(items, verdicts, out)
        return 0
    if not items:
        out.write("The wallet is empty. Try 'wallet-app --demo'.\n")
        return 0
    rows = [
        (
            c.id[:8],
            localized_name(c.card, settings.locales, fallback=c.name),
            issuer_name(c.card, settings.locales),
            c.received_at[:16].replace("T", " "),
            "damaged" if c.damaged else c.status,
            verdicts.get(c.id, "-"),
        )
        for c in items
    ]
    header = ("ID", "NAME", "ISSUER", "RECEIVED", "STATUS", "VERDICT")
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(6)]
    for row in (header, *rows):
        line = "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
        out.write(printable(line) + "\n")
    return 0


def show(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app show ID``."""
    from wallet_app.wallet.details import credential_details

    with open_wallet(settings) as opened:
        record = opened.store.get_credential(args.id)  # a damaged one: StorageError, exit 1
    try:
        details = credential_details(record, settings, raw=args.raw)
    except (FormatError, ValueError, UnicodeError) as exc:  # stored before issue 11's checks
        from wallet_app.wallet.store_cards import damaged_error

        raise damaged_error(record.stored.id, f"{type(exc).__name__}: {exc}") from exc
    if args.json:
        write_json(out, details)
    else:
        write_details_text(details, out)
        if args.raw:
            raw_values = details.get("raw")
            for value in raw_values if isinstance(raw_values, list) else []:
                out.write(f"\n{value}\n")
    return 0


def delete(args: argparse.Namespace, settings: Settings, *, out: TextIO, err: TextIO) -> int:
    """``wallet-app delete ID``."""
    with open_wallet(settings) as opened:
        removed = opened.store.delete_credential(args.id)
    if args.json:
        write_json(out, {"deleted": removed.id})
    else:
        out.write(printable(f"Deleted {removed.name} [{removed.id[:8]}]") + "\n")
    return 0


def _timestamp(seconds: float) -> str | None:
    try:
        return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")
    except (OverflowError, OSError, ValueError):
        return None


def deferred(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app deferred [--poll]``. Exit 1 when a poll failed (the issuer could not be
    asked, or answered with an error) and its entry stays pending: a script must learn that
    an issuer was not asked; what the other polls brought is stored and listed anyway."""
    with open_wallet(settings) as opened:
        polled: dict[str, tuple[str, str]] = {}
        if args.poll:
            for cid, outcome, message in opened.wallet.poll_deferred(max_wait=POLL_MAX_WAIT):
                polled[cid] = (outcome, message)
        pending = opened.store.list_deferred()
        pending_ids = {p.stored.id for p in pending}
        entries = [
            {
                "id": p.stored.id,
                "credential_configuration_id": p.stored.credential_configuration_id,
                "issuer": p.stored.issuer,
                "name": p.stored.name,
                "next_poll_at": _timestamp(p.next_poll_at),
                "status": "deferred",
            }
            for p in pending
        ]
        done = [
            {"id": cid, "status": outcome, "message": message}
            for cid, (outcome, message) in polled.items()
            if cid not in pending_ids
        ]
        failed = [
            {"id": cid, "status": outcome, "message": message}
            for cid, (outcome, message) in polled.items()
            if cid in pending_ids and outcome == "failed"
        ]
    status = 1 if failed else 0
    if args.json:
        write_json(out, {"deferred": entries, "completed": done, "failed": failed})
        return status
    for d in done:  # the message may quote the issuer
        out.write(printable(f"[{d['id'][:8]}] {d['status']}: {d['message']}") + "\n")
    for d in failed:
        out.write(printable(f"[{d['id'][:8]}] poll failed: {d['message']}") + "\n")
    if not entries:
        out.write("No credentials are pending.\n")
    for e in entries:
        line = (
            f"[{str(e['id'])[:8]}] {e['name']} pending at {e['issuer']}, "
            f"next poll {e['next_poll_at']}"
        )
        out.write(printable(line) + "\n")
    return status


# -- explore -------------------------------------------------------------------------------------
def explore(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app explore ISSUER_URL``: the issuer's metadata, checked and summarised.

    Needs no wallet store. Raises MetadataError / NetworkError when nothing is found.
    """
    from wallet_app.compose import make_http_client
    from wallet_app.wallet.explore import explore_issuer
    from wallet_app.wallet.explore_text import format_report
    from wallet_app.wallet.flow import Flow

    flow = Flow("explore")
    with make_http_client(settings) as http:
        report = explore_issuer(
            http,
            args.issuer_url,
            flow=flow,
            allow_http_loopback=settings.allow_http_loopback,
            max_response_bytes=settings.max_response_bytes,
        )
        if getattr(args, "probe", False) or getattr(args, "offer", None):
            from wallet_app.commands_explore import probe_report

            report = probe_report(http, report, args, settings, flow=flow)
    profile = explore_profile(args, settings, report.issuer_url)
    if args.json:
        write_json(out, {**report.to_json(), "profile": profile.to_json()})
    else:
        out.write(printable(format_report(report), limit=1_000_000))
        out.write(printable(f"Client profile {describe_profile(profile)}") + "\n")
    return 0


# -- a URI from the OS ---------------------------------------------------------------------------
def open_uri(args: argparse.Namespace, settings: Settings, *, out: TextIO, err: TextIO) -> int:
    """``wallet-app <uri>``: hand it to a waiting wallet, or receive the offer here."""
    from wallet_app.host.single_instance import forward_uris

    uri: str = args.uri
    delivery = forward_uris([uri])
    if delivery is not None:
        if delivery.accepted:
            return 0
        raise WalletError(
            delivery.message or "The running wallet did not accept this link.",
            code="rejected_by_wallet",
        )
    if is_redirect_uri(uri):
        raise AuthorizationError(
            "No wallet is waiting for this sign-in. Start the issuance again from the offer.",
            code="no_waiting_wallet",
        )
    ns = argparse.Namespace(
        offer=uri,
        issuer=None,
        configuration=None,
        tx_code=None,
        redirect=None,
        grant=None,
        json=args.json,
    )
    return receive(ns, settings, out=out, err=err)
