"""Headless commands over the wallet's use cases: a contract other tools script against.

``receive``, ``profiles``, ``list``, ``show``, ``delete``, ``deferred``, ``explore``, ``trust``,
``status``, a bare URI (as the OS
passes it) and ``--demo``. Exit codes: 0 success, 1 failure (one plain sentence on stderr; with
``--json`` also ``{"error": {"code", "message", "detail"}}`` on stdout), 2 usage errors.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TextIO, cast

from wallet_app.cli_grammar import (
    DESCRIPTION,
    EXIT_STATUS,
    URI_FORM,
    build_parser,
    parse_command_line,
)
from wallet_app.cli_grammar import open_parser as _open_parser
from wallet_app.commands_output import read_secret
from wallet_app.errors import AttestationRequired, Cancelled, UsageError, WalletError
from wallet_app.settings import Settings, load_settings
from wallet_app.text import PrintableWriter, json_text, printable

__all__ = [
    "DESCRIPTION",
    "EXIT_STATUS",
    "URI_FORM",
    "build_parser",
    "main",
    "parse_command_line",
]


def _settings(args: argparse.Namespace) -> Settings:
    redirect = getattr(args, "redirect", None)  # a custom URI is the profile's, not a mode
    settings = load_settings(
        data_dir=args.data_dir,
        client_id=args.client_id,
        redirect_mode=redirect if redirect in ("scheme", "loopback") else None,
        lang=args.lang,
        ca_file=args.ca_file,
        timeout=args.timeout,
        use_passphrase=args.passphrase,
        verbose=args.verbose,
        signed_metadata=args.signed_metadata,
        proxy=args.proxy,
    )
    if settings.use_passphrase and not settings.passphrase:
        if not sys.stdin.isatty():
            raise UsageError(
                "A passphrase is needed: set WALLET_APP_PASSPHRASE or run in a terminal.",
                code="passphrase_required",
            )
        settings = settings.with_changes(passphrase=read_secret("Wallet passphrase: "))
    return settings


def _emit_error(
    exc: WalletError, *, as_json: bool, verbose: bool, out: TextIO, err: TextIO
) -> None:
    if isinstance(exc, AttestationRequired):  # the way on (App. D, E): never chosen silently
        err.write(printable(exc.cli_message) + "\n")
        err.write("  To retry: add --wallet-provider dev (self-issued, for development only)\n")
    else:
        err.write(printable(exc.user_message) + "\n")
    if exc.detail and verbose:
        err.write(f"  Details: {printable(exc.detail)}\n")
    if as_json:
        out.write(json_text({"error": exc.to_json()}, indent=None) + "\n")


def started() -> None:
    """The end of a command's start-up: what the process made so far (its modules, mostly)
    lives until it exits, so it leaves the collector's reach, and the collector, which
    ``app.main`` held off meanwhile, runs again. Does nothing when the collector runs (the
    command was called in-process, not started by ``app.main``)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    gui: Callable[[Settings, bool], int] | None = None,
) -> int:
    """Run one command (or, with ``gui`` and no command, the desktop app); return the exit
    code."""
    # every write goes through printable(): no issuer text reaches the terminal raw (ESC
    # sequences, BEL, CR, backspace, bidi overrides), whichever command or sentence wrote it
    out = cast(TextIO, PrintableWriter(out or sys.stdout))
    err = cast(TextIO, PrintableWriter(err or sys.stderr))
    args_list = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args_list
    verbose = "-v" in args_list or "--verbose" in args_list
    try:
        if args_list[:1] == ["open"]:
            args = _open_parser().parse_args(args_list[1:])
        else:
            args = parse_command_line(args_list)
        as_json = bool(getattr(args, "json", False))
        from wallet_app.logs import configure_logging

        configure_logging(verbose=args.verbose, stream=err)
        settings = _settings(args)
        if gui is not None and args.command is None:
            started()
            return gui(settings, bool(args.demo))  # before the protocol stack loads
        from wallet_app import commands

        if args.command != "receive" or args.register or args.unregister or args.demo:
            started()  # receive's own start ends once its verification code is loaded
        if args.register or args.unregister:
            from wallet_app.host.uri_scheme import register_handler, unregister_handler

            message = unregister_handler() if args.unregister else register_handler()
            out.write(message + "\n")
            return 0
        if args.demo:
            from wallet_app.commands_demo import run_demo

            return run_demo(settings, out=out, err=err, as_json=as_json)
        match args.command:
            case "receive":
                return commands.receive(args, settings, out=out, err=err)
            case "demo-issuer":
                from wallet_app.commands_demo import run_demo_issuer

                return run_demo_issuer(args, out=out, err=err)
            case "list":
                return commands.list_credentials(args, settings, out=out)
            case "show":
                return commands.show(args, settings, out=out)
            case "delete":
                return commands.delete(args, settings, out=out, err=err)
            case "deferred":
                return commands.deferred(args, settings, out=out)
            case "explore":
                return commands.explore(args, settings, out=out)
            case "trust":
                from wallet_app import commands_trust

                return commands_trust.trust(args, settings, out=out)
            case "status":
                from wallet_app import commands_trust

                return commands_trust.status(args, settings, out=out)
            case "profiles":
                from wallet_app import commands_profiles

                return commands_profiles.profiles(args, settings, out=out)
            case "open":
                return commands.open_uri(args, settings, out=out, err=err)
            case _:
                err.write(
                    "Nothing to do. Try 'wallet-app --demo', 'wallet-app receive <offer>' "
                    "or 'wallet-app --help'.\n"
                )
                return 2
    except UsageError as exc:
        _emit_error(exc, as_json=as_json, verbose=verbose, out=out, err=err)
        return 2
    except WalletError as exc:
        _emit_error(exc, as_json=as_json, verbose=verbose, out=out, err=err)
        return 1
    except (Cancelled, KeyboardInterrupt):
        err.write("Cancelled.\n")
        return 130
    except Exception as exc:  # the triage point: never a bare traceback for the user
        logging.getLogger(__name__).debug("unexpected failure", exc_info=True)
        unexpected = WalletError(
            "Something went wrong inside the wallet. Run again with -v for details.",
            detail=f"{type(exc).__name__}: {exc}",
            code="internal_error",
        )
        _emit_error(unexpected, as_json=as_json, verbose=verbose, out=out, err=err)
        return 1
