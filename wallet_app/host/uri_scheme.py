"""Register the wallet as the per-user handler of offer links and of its redirect scheme.

Linux (freedesktop): a ``.desktop`` entry in ``$XDG_DATA_HOME/applications`` with
``Exec=… %u`` and ``MimeType=x-scheme-handler/…``, then ``update-desktop-database`` and
``xdg-mime default`` (which writes ``$XDG_CONFIG_HOME/mimeapps.list``), then ``xdg-mime query
default`` to check that the desktop took it; the icon and AppStream metainfo go beside it
(``host.desktop_assets``). Protocol notes §4.2, platform notes §5. Windows: per-user keys
under ``HKCU\\Software\\Classes`` (``host.uri_scheme_windows``; the installer writes the same).
macOS: the app bundle declares the schemes (``CFBundleURLTypes``); nothing to register. No Qt.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from wallet_app.errors import UsageError, WalletError
from wallet_app.host.desktop_assets import install_assets, refresh_icon_cache, remove_assets
from wallet_app.settings import REDIRECT_SCHEME
from wallet_app.uris import OFFER_SCHEMES

__all__ = [
    "DESKTOP_ID",
    "SCHEMES",
    "desktop_entry",
    "is_default_handler",
    "launch_command",
    "register_handler",
    "unregister_handler",
]

log = logging.getLogger(__name__)

DESKTOP_ID = "io.github.walletapp.desktop"
#: Every URI scheme the wallet handles: offers (§12.1.1, HAIP) and our OAuth redirect.
SCHEMES: tuple[str, ...] = (*OFFER_SCHEMES, REDIRECT_SCHEME)

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_TOOL_TIMEOUT = 30.0
_UNSUPPORTED = (
    "Registering the wallet for links from this menu works on Linux and Windows. On macOS "
    "the app registers itself when it is copied to Applications."
)


def _exec_arg(arg: str) -> str:
    """Quote one Exec argument (Desktop Entry spec, "The Exec key")."""
    arg = arg.replace("%", "%%")
    if arg and not _RESERVED.intersection(arg):
        quoted = arg
    else:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        quoted = f'"{inner}"'
    return quoted.replace("\\", "\\\\")  # the value is also a "string": escape backslashes


def desktop_entry(exec_command: Sequence[str]) -> str:
    """The text of our ``.desktop`` file, launching ``exec_command`` with the link as ``%u``."""
    exec_line = " ".join(_exec_arg(a) for a in exec_command)
    mime = "".join(f"x-scheme-handler/{s};" for s in SCHEMES)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.0\n"
        "Name=Wallet\n"
        "GenericName=Credential Wallet\n"
        "Comment=Receive and keep digital credentials (OpenID4VCI)\n"
        "Icon=io.github.walletapp\n"
        f"Exec={exec_line} %u\n"
        "Terminal=false\n"
        "NoDisplay=false\n"
        "StartupNotify=true\n"
        "StartupWMClass=wallet-app\n"  # Qt's X11 WM_CLASS class: the application name
        "Categories=Utility;\n"
        "Keywords=credential;wallet;OpenID4VCI;\n"
        f"MimeType={mime}\n"
    )


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def _is_freedesktop() -> bool:
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def _check_platform() -> None:
    if not _is_freedesktop():
        raise UsageError(
            _UNSUPPORTED, detail=f"platform {sys.platform}", code="unsupported_platform"
        )


def _call(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run an xdg tool, output captured. Raises OSError or subprocess.TimeoutExpired."""
    return subprocess.run(
        [tool, *args],
        capture_output=True,
        text=True,
        timeout=_TOOL_TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _run(tool: str, *args: str) -> None:
    """Run an xdg tool; raises WalletError when it fails."""
    try:
        done = _call(tool, *args)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise WalletError(
            "The desktop's link settings could not be changed.",
            detail=f"{Path(tool).name}: {exc}",
            code="register_failed",
        ) from exc
    if done.returncode != 0:
        raise WalletError(
            "The desktop's link settings could not be changed.",
            detail=f"{Path(tool).name} exited {done.returncode}: {done.stderr.strip()[:500]}",
            code="register_failed",
        )


def _query_default(xdg_mime: str, scheme: str) -> str | None:
    """The desktop id ``xdg-mime`` reports as the default for ``scheme``; None if it failed."""
    try:
        done = _call(xdg_mime, "query", "default", f"x-scheme-handler/{scheme}")
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("xdg-mime query for %s failed: %s", scheme, exc)
        return None
    if done.returncode != 0:
        log.warning("xdg-mime query for %s exited %d", scheme, done.returncode)
        return None
    return done.stdout.strip()


def _not_ours(xdg_mime: str) -> dict[str, str | None]:
    """Each scheme whose default is not our desktop id, with what the desktop answered."""
    answers = {s: _query_default(xdg_mime, s) for s in SCHEMES}
    return {s: a for s, a in answers.items() if a != DESKTOP_ID}


def is_default_handler() -> bool | None:
    """True when our desktop entry is the default for every scheme we handle.

    Asks the desktop (``xdg-mime query default``), so a choice made in the desktop's own
    settings counts. False when any scheme goes elsewhere or nowhere; None when it cannot be
    told (not a freedesktop system, xdg-mime missing or failing). Never raises.
    """
    if sys.platform == "win32":
        from wallet_app.host import uri_scheme_windows

        return uri_scheme_windows.is_default_handler()
    if not _is_freedesktop():
        return None
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None:
        return None
    answers = [_query_default(xdg_mime, s) for s in SCHEMES]
    if any(a is None for a in answers):
        return None
    return all(a == DESKTOP_ID for a in answers)


def launch_command() -> list[str]:
    """The command a desktop entry runs to start this wallet (the link is appended).

    Inside an AppImage the AppImage file itself (``$APPIMAGE``: the mount point changes per
    run); in a frozen bundle (PyInstaller) its executable; otherwise this Python with
    ``-m wallet_app``.
    """
    appimage = os.environ.get("APPIMAGE")
    if appimage:
        return [os.path.abspath(appimage)]
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    return [os.path.abspath(sys.executable), "-m", "wallet_app"]


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def register_handler(exec_command: Sequence[str] | None = None) -> str:
    """Install the per-user ``.desktop`` entry, icons and AppStream metainfo, and make the
    entry the default for our schemes.

    ``exec_command`` defaults to ``launch_command()``; ``%u`` is appended. Returns a sentence
    for the user. Raises UsageError on an unsupported platform or when ``xdg-mime`` is missing
    (nothing is written then); WalletError when a tool or the file write fails, or when the
    desktop afterwards does not name us the default for every scheme.
    """
    if sys.platform == "win32":  # HKCU\Software\Classes, see uri_scheme_windows
        from wallet_app.host import uri_scheme_windows

        return uri_scheme_windows.register_handler(exec_command)
    _check_platform()
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None:
        raise UsageError(
            "The wallet cannot register for links because xdg-mime is not installed. Install "
            "xdg-utils (for example: sudo apt install xdg-utils) and try again.",
            code="missing_tool",
        )
    command = list(exec_command or launch_command())
    apps = _data_home() / "applications"
    path = apps / DESKTOP_ID
    try:
        install_assets(_data_home())
        _write_atomic(path, desktop_entry(command))
    except OSError as exc:
        raise WalletError(
            "The wallet could not write its desktop entry.", detail=str(exc), code="register_failed"
        ) from exc
    refresh_icon_cache(_data_home())
    note = ""
    updater = shutil.which("update-desktop-database")
    if updater is not None:
        _run(updater, str(apps))
    else:
        note = " (update-desktop-database was not found, so the menu cache was not refreshed)"
    try:
        # xdg-utils 1.2.1 (Debian 13) silently drops the first type when this is missing
        _config_home().mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WalletError(
            "The desktop's link settings could not be changed.",
            detail=str(exc),
            code="register_failed",
        ) from exc
    _run(xdg_mime, "default", DESKTOP_ID, *(f"x-scheme-handler/{s}" for s in SCHEMES))
    _check_taken(xdg_mime)
    log.info("Registered %s for %s", path, ", ".join(SCHEMES))
    return (
        f"Wallet now opens {', '.join(s + ':' for s in SCHEMES)} links. "
        f"Desktop entry: {path}{note}."
    )


def _check_taken(xdg_mime: str) -> None:
    """Raise WalletError unless the desktop now names us the default for every scheme."""
    missed = _not_ours(xdg_mime)
    if missed:
        raise WalletError(
            "The desktop did not accept Wallet as the handler for {schemes} links.",
            params={"schemes": ", ".join(s + ":" for s in missed)},
            detail="; ".join(
                f"x-scheme-handler/{s}: {a or 'no default'}" for s, a in missed.items()
            ),
            code="register_not_taken",
        )


def _strip_mimeapps(path: Path) -> bool:
    """Remove our desktop id from every ``x-scheme-handler/*`` line; True if it changed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return False
    out: list[str] = []
    changed = False
    for line in lines:
        key, sep, value = line.partition("=")
        if sep and key.strip().startswith("x-scheme-handler/"):
            apps = [a for a in value.split(";") if a.strip()]
            kept = [a for a in apps if a.strip() != DESKTOP_ID]
            if len(kept) != len(apps):
                changed = True
                if kept:
                    out.append(f"{key}={';'.join(kept)};")
                continue
        out.append(line)
    if changed:
        _write_atomic(path, "\n".join(out) + "\n")
    return changed


def unregister_handler() -> str:
    """Remove the ``.desktop`` entry, icons and metainfo, and our lines in ``mimeapps.list``.

    Returns a sentence for the user. Raises UsageError on an unsupported platform;
    WalletError when the files cannot be changed.
    """
    if sys.platform == "win32":
        from wallet_app.host import uri_scheme_windows

        return uri_scheme_windows.unregister_handler()
    _check_platform()
    apps = _data_home() / "applications"
    path = apps / DESKTOP_ID
    removed = False
    try:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed = True
        for mimeapps in (_config_home() / "mimeapps.list", apps / "mimeapps.list"):
            removed = _strip_mimeapps(mimeapps) or removed
        removed = remove_assets(_data_home()) or removed
    except OSError as exc:
        raise WalletError(
            "The wallet could not remove its link settings.",
            detail=str(exc),
            code="unregister_failed",
        ) from exc
    if not removed:
        return "Wallet was not registered for links; nothing to remove."
    refresh_icon_cache(_data_home())
    updater = shutil.which("update-desktop-database")
    if updater is not None and apps.is_dir():
        _run(updater, str(apps))
    log.info("Unregistered %s", path)
    return "Wallet no longer opens offer and sign-in links."
