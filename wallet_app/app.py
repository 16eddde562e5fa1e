"""Composition root: ``wallet-app`` starts here.

* a bare URI argument (``wallet-app openid-credential-offer://…`` or a redirect to our
  scheme, as the OS passes it) is first offered to a running wallet over the single-instance
  channel; that path imports only the standard library, so the hand-off takes ~0.1 s;
* no command (or ``--demo``) starts the desktop app; ``--headless`` keeps the CLI demo;
* ``--register`` / ``--unregister`` manage the per-user URI-scheme handler;
* everything else is the headless CLI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

_COMMANDS = frozenset({"receive", "list", "show", "delete", "deferred", "open", "explore"})
_VALUE_OPTIONS = frozenset(
    {"--data-dir", "--lang", "--client-id", "--ca-file", "--timeout", "--proxy"}
)


def _positionals(argv: Sequence[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _VALUE_OPTIONS:
            skip = True
            continue
        if not arg.startswith("-"):
            out.append(arg)
    return out


def _bare_uri(argv: Sequence[str]) -> str | None:
    positional = _positionals(argv)
    if len(positional) != 1 or positional[0] in _COMMANDS:
        return None
    candidate = positional[0]
    scheme, sep, _ = candidate.partition(":")
    if sep and scheme and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum():
        return candidate
    return None


def _wants_gui(argv: Sequence[str]) -> bool:
    if "--headless" in argv or any(a in ("-h", "--help", "--version") for a in argv):
        return False
    if "--register" in argv or "--unregister" in argv:
        return False
    return not _positionals(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the wallet; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    uri = _bare_uri(args)
    if uri is not None:
        from wallet_app.host.single_instance import forward_uris

        try:
            delivery = forward_uris([uri])
        except Exception:  # the full CLI path below reports channel problems properly
            delivery = None
        if delivery is not None:
            if delivery.accepted:
                return 0
            message = delivery.message or "The running wallet did not accept this link."
            sys.stderr.write(message + "\n")
            return 1
        args = ["open", uri, *(a for a in args if a != uri)]
    if not args and _no_gui_reason() is None:
        # plain `wallet-app` (how a desktop launcher starts it): nothing to parse
        import logging

        from wallet_app.errors import WalletError
        from wallet_app.settings import load_settings

        # no log record on stderr (logging's last resort would print warnings there); the
        # log file, added after the first paint, gets them (logs_file.configure_file_logging)
        logging.getLogger().addHandler(logging.NullHandler())
        try:
            settings = load_settings()
        except WalletError as exc:
            sys.stderr.write(exc.user_message + "\n")
            return 2
        return _run_gui(settings, False)
    import gc

    # the collector is held off while the command starts: the ~500 modules and the objects
    # a command makes before its work live until it exits, and collector passes over them
    # cost a receive ~10 ms of CPU; cli.main (or receive's preload) freezes them and lets it
    # run again (cli.started)
    gc.disable()
    try:
        from wallet_app import cli

        if _wants_gui(args):
            reason = _no_gui_reason()
            if reason is None:
                return cli.main(args, gui=_run_gui)
            if "--demo" in args:
                sys.stderr.write(f"{reason} Running the demo in the terminal instead.\n\n")
                return cli.main([*args, "--headless"])
            sys.stderr.write(f"{reason} Use the commands instead: 'wallet-app --help'.\n")
            return 1
        return cli.main(args)
    finally:
        gc.enable()


def _no_gui_reason() -> str | None:
    """Why no window can open here, or None when one can."""
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        return "No display is available for the wallet's window."
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        return f"The window toolkit could not be loaded ({exc})."
    return None


def _run_gui(settings: object, demo: bool) -> int:
    from wallet_app.gui.app import run_gui
    from wallet_app.settings import Settings

    assert isinstance(settings, Settings)
    return run_gui(settings, demo=demo)
