"""Client profiles on the command line: the ``receive``/``explore`` flags that choose one, and
``wallet-app profiles`` (list the presets and the remembered ones; forget one)."""

from __future__ import annotations

import argparse
import queue
import sys
import threading
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from wallet_app.commands_output import write_json
from wallet_app.errors import UsageError
from wallet_app.preferences import load_preferences, preferences_path, remember_profile
from wallet_app.profiles import PRESETS, ClientProfile
from wallet_app.settings import Settings
from wallet_app.text import printable

__all__ = [
    "describe_profile",
    "explore_profile",
    "profile_choice",
    "profiles",
    "read_pasted_redirect",
    "redirect_value",
    "remember",
]


def redirect_value(text: str) -> str:
    """argparse ``type`` of ``--redirect``: "scheme", "loopback" or an absolute URI.

    Raises argparse.ArgumentTypeError (a usage error) for anything else."""
    if text in ("scheme", "loopback"):
        return text
    parts = urlsplit(text)
    if not parts.scheme or not (parts.netloc or parts.path) or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(
            f"expected scheme, loopback or an absolute redirect URI, got {text!r}"
        )
    return text


def _named_profile(name: str, settings: Settings) -> ClientProfile:
    """A preset by name, or the profile remembered for an issuer URL. Raises UsageError."""
    if name in PRESETS:
        return PRESETS[name]
    wanted = name.rstrip("/")
    for issuer, profile in settings.profiles.items():
        if issuer.rstrip("/") == wanted:
            return profile
    raise UsageError(
        "There is no profile named {name}. Presets: {presets}; or give the URL of an issuer "
        "whose profile is remembered ('wallet-app profiles' lists them).",
        params={"name": name, "presets": ", ".join(PRESETS)},
        code="unknown_profile",
    )


def _wallet_provider(value: str | None) -> str | None:
    if value is None or value == "dev":
        return value
    path = Path(value).expanduser()
    if not path.is_file():
        raise UsageError(
            "The wallet provider file {path} does not exist.",
            params={"path": str(path)},
            code="wallet_provider_missing",
        )
    return str(path.resolve())


def profile_choice(
    args: argparse.Namespace, settings: Settings
) -> tuple[ClientProfile | None, dict[str, object]]:
    """The profile the flags name (None: the issuer's remembered one) and the single fields
    they override (``--draft``, ``--wallet-provider``, ``--redirect``, ``--client-id``).

    Raises UsageError for an unknown profile name or a missing provider file."""
    name = getattr(args, "profile", None)
    base = _named_profile(name, settings) if name else None
    overrides: dict[str, object] = {}
    redirect = getattr(args, "redirect", None)
    if redirect in ("scheme", "loopback"):
        overrides["redirect"] = redirect
    elif redirect is not None:
        overrides.update(redirect="custom", redirect_uri=redirect)
    if getattr(args, "draft", None):
        overrides["draft"] = args.draft
    provider = _wallet_provider(getattr(args, "wallet_provider", None))
    if provider is not None:
        overrides["wallet_provider"] = provider
    if getattr(args, "client_id", None):
        overrides["client_id"] = args.client_id
    return base, overrides


def explore_profile(args: argparse.Namespace, settings: Settings, issuer: str) -> ClientProfile:
    """``explore --profile``: the named profile, else the one the wallet would use with
    ``issuer`` (remembered, else the default). Raises UsageError for an unknown name."""
    from wallet_app.compose import wallet_options

    name = getattr(args, "profile", None)
    return _named_profile(name, settings) if name else wallet_options(settings).profile_for(issuer)


def describe_profile(profile: ClientProfile) -> str:
    """One line naming what a profile changes, e.g. "haip: wallet provider dev, DPoP always"."""
    parts = []
    if profile.client_id:
        parts.append(f"client id {profile.client_id}")
    if profile.redirect == "custom":
        parts.append(f"redirect {profile.redirect_uri}")
    elif profile.redirect != "scheme":
        parts.append(f"redirect {profile.redirect}")
    if profile.wallet_provider == "dev":
        parts.append("wallet provider: development (self-issued, not for production)")
    elif profile.wallet_provider:
        parts.append(f"wallet provider {profile.wallet_provider}")
    if profile.dpop != "auto":
        parts.append(f"DPoP {profile.dpop}")
    if profile.draft:
        parts.append(f"draft {profile.draft}")
    return f"{profile.name}: {', '.join(parts) or 'the wallet defaults'}"


def remember(issuer: str, profile: ClientProfile, *, err: TextIO) -> None:
    """``receive --remember``: keep ``profile`` for ``issuer``. Raises StorageError."""
    remember_profile(preferences_path(), issuer, profile)
    err.write(printable(f"Remembered for {issuer}: {describe_profile(profile)}") + "\n")


def profiles(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app profiles [list | forget ISSUER]``. Raises UsageError, StorageError."""
    path = preferences_path()
    remembered = load_preferences(path).profiles
    if args.action == "forget":
        if not args.issuer:
            raise UsageError("Name the issuer whose profile to forget: profiles forget ISSUER.")
        wanted = args.issuer.rstrip("/")
        if not any(k.rstrip("/") == wanted for k in remembered):
            raise UsageError(
                "No profile is remembered for {issuer}.",
                params={"issuer": args.issuer},
                code="unknown_profile",
            )
        remember_profile(path, args.issuer, None)
        if args.json:
            write_json(out, {"forgotten": args.issuer})
        else:
            out.write(printable(f"Forgot the profile for {args.issuer}") + "\n")
        return 0
    if args.json:
        write_json(
            out,
            {
                "presets": {name: p.to_json() for name, p in PRESETS.items()},
                "remembered": {issuer: p.to_json() for issuer, p in remembered.items()},
            },
        )
        return 0
    out.write("Presets (receive --profile NAME):\n")
    for profile in PRESETS.values():
        out.write(f"  {describe_profile(profile)}\n")
    if not remembered:
        out.write("No profile is remembered for an issuer (receive --remember keeps one).\n")
        return 0
    out.write("Remembered per issuer:\n")
    for issuer, profile in remembered.items():
        out.write(printable(f"  {issuer}  {describe_profile(profile)}") + "\n")
    return 0


def read_pasted_redirect(redirect_uri: str, inbox: queue.Queue[str], *, err: TextIO) -> None:
    """Ask for the address the browser was sent to and put the pasted line into ``inbox``
    (read on a daemon thread, so the caller's timeout still applies). Raises nothing."""
    err.write(
        printable(
            f"The issuer sends you back to {redirect_uri}, which this wallet cannot catch by "
            "itself. After signing in, copy the whole address your browser was sent to and "
            "paste it here:"
        )
        + "\n"
    )
    err.flush()

    def read() -> None:
        line = sys.stdin.readline().strip()
        if line:
            inbox.put(line)

    threading.Thread(target=read, name="pasted-redirect", daemon=True).start()
