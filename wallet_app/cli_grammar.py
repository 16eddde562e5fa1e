"""The command line's grammar: every command's options, what ``--help``, the man page and the
shell completions show (tests/tools/gen_cli_docs.py), and parsing it with only the named
command defined (:func:`parse_command_line`). :mod:`wallet_app.cli` runs the commands.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Sequence

from wallet_app import __version__
from wallet_app.errors import UsageError

__all__ = [
    "DESCRIPTION",
    "EXIT_STATUS",
    "URI_FORM",
    "build_parser",
    "open_parser",
    "parse_command_line",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        from wallet_app.logs import redact_text

        raise UsageError(
            "{problem}. See '{prog} --help'.",
            params={"problem": redact_text(message), "prog": self.prog},
            code="usage",
        )


def _add_common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options accepted before and after the command; after it they override, never reset."""
    default: object = argparse.SUPPRESS if suppress else None
    flag: object = argparse.SUPPRESS if suppress else False
    parser.add_argument(
        "--data-dir", default=default, help="wallet data directory (WALLET_APP_DATA_DIR)"
    )
    parser.add_argument(
        "--lang", default=default, help="preferred language, e.g. de or en-GB (WALLET_APP_LANG)"
    )
    parser.add_argument("--client-id", default=default, help="OAuth client id sent to issuers")
    parser.add_argument(
        "--ca-file", default=default, help="extra trusted CA certificates (PEM; SSL_CERT_FILE)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=default,
        help="seconds an HTTP request may wait to connect or for each read (default 15); a whole "
        "request ends within twice that",
    )
    parser.add_argument(
        "--proxy",
        default=default,
        metavar="system|none|URL",
        help="HTTP proxy: the system's (default: HTTPS_PROXY, NO_PROXY, ...), none, or an "
        "address such as http://proxy:8080; loopback never (WALLET_APP_PROXY)",
    )
    parser.add_argument(
        "--passphrase",
        action="store_true",
        default=flag,
        help="protect the wallet with a passphrase instead of the system keyring "
        "(WALLET_APP_PASSPHRASE, or asked in a terminal)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=flag,
        help="log protocol steps and show technical details of failures",
    )
    parser.add_argument(
        "--signed-metadata",
        choices=("ignore", "prefer", "require"),
        default=default,
        help="signed issuer metadata: not asked for, used when it verifies (default), or "
        "required (WALLET_APP_SIGNED_METADATA)",
    )
    parser.add_argument("--json", action="store_true", default=flag, help="machine-readable output")


DESCRIPTION = "Reference wallet for OpenID for Verifiable Credential Issuance 1.0."
# The link form and the exit codes, after the options in --help (and in the man page)
URI_FORM = (
    "wallet-app URI: what the OS runs for openid-credential-offer://, haip-vci:// and "
    "io.github.walletapp:/callback links. The link goes to the running wallet; without one, "
    "an offer is received here."
)
EXIT_STATUS = "Exit status: 0 success, 1 failure, 2 usage error, 130 cancelled."


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The public command-line grammar: what --help, the man page and the shell completions
    show (tests/tools/gen_cli_docs.py). The link form ``wallet-app URI`` is parsed by
    :func:`open_parser`."""
    parser = _Parser(
        prog="wallet-app",
        description=DESCRIPTION,
        epilog="\n\n".join(textwrap.fill(text, 79) for text in (URI_FORM, EXIT_STATUS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"wallet-app {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="run the built-in demo issuer and receive from it"
    )
    parser.add_argument(
        "--headless", action="store_true", help="no window: with --demo, receive in the terminal"
    )
    parser.add_argument(
        "--register",
        action="store_true",
        help="handle offer links and the sign-in redirect for this user (Linux, Windows)",
    )
    parser.add_argument("--unregister", action="store_true", help="undo --register")
    sub = parser.add_subparsers(
        dest="command", parser_class=_Parser, metavar="COMMAND", title="commands"
    )

    for name, define in _COMMANDS.items():
        if only is None or name == only:
            define(sub)
    return parser


def _receive_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    receive = sub.add_parser(
        "receive",
        help="receive credentials from an offer",
        description="Receive credentials from an offer. The result is printed as soon as they "
        "are stored, with the verdict known then; the status check runs alongside and adds "
        "a 'Status of …' line only when it says something new (revoked, suspended, unknown "
        "and why, not checked in time). With --json, one document is printed once the "
        "status checks end (at most 5 s after the credentials are stored).",
    )
    receive.add_argument("offer", nargs="?", help="offer link, QR text or offer JSON")
    receive.add_argument("--tx-code", help="transaction code, when the offer asks for one")
    receive.add_argument(
        "--redirect",
        type=_redirect_value,
        choices=_RedirectChoices(("scheme", "loopback")),
        metavar="scheme|loopback|URI",
        help="redirect capture: our URI scheme, a loopback listener, or a custom redirect URI "
        "the issuer knows (you paste the address the browser was sent to)",
    )
    receive.add_argument(
        "--profile", help="client profile: a preset (see 'wallet-app profiles') or an issuer URL"
    )
    receive.add_argument(
        "--draft",
        choices=("1.0", "15", "14", "13", "11"),
        help="speak this protocol draft (default: detected from the metadata)",
    )
    receive.add_argument(
        "--wallet-provider",
        metavar="dev|FILE",
        help="attest the wallet and its keys: dev (development, self-issued) or a provider file",
    )
    receive.add_argument(
        "--remember", action="store_true", help="remember the profile used for this issuer"
    )
    receive.add_argument(
        "--grant", choices=("pre-authorized_code", "authorization_code"), help="grant to use"
    )
    receive.add_argument("--issuer", help="wallet-initiated: the credential issuer URL")
    receive.add_argument(
        "--configuration", action="append", help="wallet-initiated: configuration id"
    )
    receive.add_argument(
        "--accept-invalid",
        action="store_true",
        help="keep a credential whose certificate chain does not validate (or whose "
        "signer's certificate expired), stored as invalid; one that is expired, badly "
        "signed or structurally invalid is never kept",
    )
    _add_common(receive, suppress=True)


def _list_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    command = sub.add_parser("list", help="list stored credentials")
    _add_common(command, suppress=True)


def _show_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    show = sub.add_parser("show", help="show one credential")
    show.add_argument("id")
    show.add_argument("--raw", action="store_true", help="include the raw credential")
    _add_common(show, suppress=True)


def _delete_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    delete = sub.add_parser("delete", help="delete one credential")
    delete.add_argument("id")
    _add_common(delete, suppress=True)


def _deferred_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    deferred = sub.add_parser("deferred", help="pending credentials")
    deferred.add_argument(
        "--poll",
        action="store_true",
        help="ask the issuers now; exit 1 when a poll fails (the entry stays pending)",
    )
    _add_common(deferred, suppress=True)


def _demo_issuer_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    demo_issuer = sub.add_parser(
        "demo-issuer", help="serve the built-in demo issuer on 127.0.0.1 until Ctrl-C"
    )
    demo_issuer.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    demo_issuer.add_argument(
        "--draft",
        choices=("1.0", "15", "14", "13", "11"),
        default="1.0",
        help="the protocol draft the issuer speaks (default 1.0)",
    )
    demo_issuer.add_argument(
        "--single-use-nonce", action="store_true", help="accept each c_nonce once"
    )
    demo_issuer.add_argument(
        "--require-wallet-attestation",
        action="store_true",
        help="PAR and token requests need OAuth-Client-Attestation headers",
    )
    demo_issuer.add_argument(
        "--require-key-attestation", action="store_true", help="key proofs need a key attestation"
    )
    demo_issuer.add_argument(
        "--deviation",
        action="append",
        metavar="NAME",
        help="seed a named deviation from the specs (repeatable), for the issuer lint",
    )
    demo_issuer.add_argument(
        "--tx-code", action="store_true", help="the pre-authorized offer asks for a code"
    )
    _add_common(demo_issuer, suppress=True)


def _explore_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    from wallet_app.commands_explore import add_probe_arguments  # loaded for explore only

    explore = sub.add_parser("explore", help="show an issuer's metadata and capabilities")
    explore.add_argument("issuer_url", help="the credential issuer URL")
    add_probe_arguments(explore)
    explore.add_argument(
        "--profile", help="client profile: a preset (see 'wallet-app profiles') or an issuer URL"
    )
    _add_common(explore, suppress=True)


def _trust_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    trust = sub.add_parser("trust", help="manage the trust anchors issuers are checked against")
    trust.add_argument(
        "action",
        choices=("add", "list", "remove"),
        help="add FILE: trust its certificates; list; remove ID: stop trusting one",
    )
    trust.add_argument(
        "target",
        nargs="?",
        help="for add, a PEM or DER certificate file or an ETSI trusted list (XML); for "
        "remove, the anchor's id (or its first characters)",
    )
    _add_common(trust, suppress=True)


def _status_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    status = sub.add_parser("status", help="check the status (revocation) of credentials now")
    status.add_argument("id", nargs="?", help="one credential (default: all)")
    _add_common(status, suppress=True)


def _profiles_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    profiles = sub.add_parser("profiles", help="client profiles: presets and remembered ones")
    profiles.add_argument(
        "action",
        nargs="?",
        choices=("list", "forget"),
        default="list",
        help="list (default); forget ISSUER: drop the profile remembered for it",
    )
    profiles.add_argument("issuer", nargs="?", help="for forget, the credential issuer URL")
    _add_common(profiles, suppress=True)


#: each command's grammar, in the order --help lists them
_COMMANDS: dict[str, Callable[[argparse._SubParsersAction[_Parser]], None]] = {
    "receive": _receive_command,
    "list": _list_command,
    "show": _show_command,
    "delete": _delete_command,
    "deferred": _deferred_command,
    "demo-issuer": _demo_issuer_command,
    "explore": _explore_command,
    "trust": _trust_command,
    "status": _status_command,
    "profiles": _profiles_command,
}


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` parsed with :func:`build_parser`'s grammar. Defining every command costs a
    start ~5 ms of CPU (ten parsers and their options), so the command named in ``argv`` is
    defined alone first; any other outcome (no command, help, an error, another command)
    is parsed again with the whole grammar, which words the errors and the help. Raises
    UsageError."""
    named = next((arg for arg in argv if arg in _COMMANDS), None)
    if named is not None and not any(arg in ("-h", "--help", "--version") for arg in argv):
        try:
            args = build_parser(only=named).parse_args(argv)
        except UsageError:
            pass
        else:
            if args.command == named:
                return args
    return build_parser().parse_args(argv)


def open_parser() -> argparse.ArgumentParser:
    """``open URI [options]``: how app.main passes on ``wallet-app URI`` (a link the OS hands
    over). Not a command a user types, so not in :func:`build_parser`: argparse cannot hide a
    subcommand (``help=SUPPRESS`` printed "==SUPPRESS==" and the usage still listed it)."""
    parser = _Parser(prog="wallet-app", usage="wallet-app URI [options]", description=URI_FORM)
    parser.add_argument("uri", help="the link")
    _add_common(parser, suppress=False)
    parser.set_defaults(
        command="open", demo=False, headless=False, register=False, unregister=False
    )
    return parser


class _RedirectChoices(tuple[str, ...]):
    """``--redirect`` choices: the two modes (what --help and the shell completions offer),
    and any redirect URI ``_redirect_value`` let through."""

    __slots__ = ()

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str)


def _redirect_value(text: str) -> str:
    from wallet_app.commands_profiles import redirect_value

    return redirect_value(text)
