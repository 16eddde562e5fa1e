r"""Register the wallet as the per-user handler of its URI schemes on Windows (the registry).

For every scheme in :data:`wallet_app.host.uri_scheme.SCHEMES`, under
``HKEY_CURRENT_USER\Software\Classes\<scheme>`` (no administrator rights needed; it overrides
a machine-wide registration of the same scheme)::

    (default)        "URL:<scheme> link"
    URL Protocol     ""                                the value that makes it a URI scheme
    DefaultIcon      "<exe>",0
    shell\open\command  (default) "<exe>" [args] "%1"

This is what ``packaging/windows/wallet-app.iss`` writes at install time; ``wallet-app
--register`` writes the same for a pip install or a developer run. The registry is reached
through :class:`Registry` (the few ``winreg`` functions used), so that tests run on Linux with
an in-memory fake. ``winreg`` is imported only when called on Windows. No Qt.
"""

from __future__ import annotations

import logging
import os
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, cast

from wallet_app.errors import WalletError

__all__ = [
    "Registry",
    "command_line",
    "handler_command",
    "is_default_handler",
    "register_handler",
    "system_registry",
    "unregister_handler",
]

log = logging.getLogger(__name__)

CLASSES = r"Software\Classes"
GUI_SCRIPT = "wallet-app-gui.exe"


class Registry(Protocol):
    """The part of the ``winreg`` module we use (tests pass a fake)."""

    HKEY_CURRENT_USER: int
    REG_SZ: int

    def CreateKeyEx(self, key: object, sub_key: str) -> object: ...
    def OpenKey(self, key: object, sub_key: str) -> object: ...
    def SetValueEx(
        self, key: object, value_name: str | None, reserved: int, type: int, value: str
    ) -> None: ...
    def QueryValueEx(self, key: object, name: str | None) -> tuple[object, int]: ...
    def DeleteKey(self, key: object, sub_key: str) -> None: ...
    def EnumKey(self, key: object, index: int) -> str: ...
    def CloseKey(self, hkey: object) -> None: ...


def system_registry() -> Registry:
    """The real ``winreg`` module; only on Windows."""
    import winreg

    return cast("Registry", winreg)


def handler_command(
    executable: str | None = None,
    *,
    frozen: bool | None = None,
    script_dirs: Sequence[str] | None = None,
) -> list[str]:
    """The command Windows runs for a link (``"%1"`` is appended), without a console window.

    A frozen bundle (PyInstaller): its executable. A pip install: the ``wallet-app-gui.exe``
    gui-script in the interpreter's Scripts folder if present, else ``pythonw.exe -m
    wallet_app`` beside the interpreter (``python.exe`` when there is no ``pythonw.exe``).
    Arguments default to this process (``sys.executable``, ``sys.frozen``, sysconfig's script
    folders).
    """
    exe = executable or sys.executable
    if frozen if frozen is not None else getattr(sys, "frozen", False):
        return [exe]
    for folder in script_dirs if script_dirs is not None else _script_dirs(exe):
        script = Path(folder) / GUI_SCRIPT
        if script.is_file():
            return [str(script)]
    pythonw = Path(exe).with_name("pythonw.exe")
    return [str(pythonw) if pythonw.is_file() else exe, "-m", "wallet_app"]


def _script_dirs(exe: str) -> list[str]:
    """Where pip puts gui-scripts for this interpreter: beside it (a venv's Scripts folder), the
    install's and the user's Scripts folders."""
    dirs = [str(Path(exe).parent), str(Path(exe).parent / "Scripts")]
    for scheme in (None, f"{os.name}_user"):
        try:
            path = (
                sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts")
            )
        except KeyError:
            continue
        dirs.append(path)
    return dirs


def command_line(command: Sequence[str]) -> str:
    """The ``shell\\open\\command`` value: each part quoted where needed, then ``"%1"``."""
    parts = [f'"{command[0]}"'] + [f'"{a}"' if not a or " " in a else a for a in command[1:]]
    return " ".join([*parts, '"%1"'])


def _schemes() -> tuple[str, ...]:
    from wallet_app.host.uri_scheme import SCHEMES

    return SCHEMES


@contextmanager
def _opened(reg: Registry, path: str, *, create: bool = False) -> Iterator[object]:
    key = (
        reg.CreateKeyEx(reg.HKEY_CURRENT_USER, path)
        if create
        else reg.OpenKey(reg.HKEY_CURRENT_USER, path)
    )
    try:
        yield key
    finally:
        reg.CloseKey(key)


def _set(reg: Registry, path: str, name: str, value: str) -> None:
    with _opened(reg, path, create=True) as key:
        reg.SetValueEx(key, name, 0, reg.REG_SZ, value)


def _open_command(reg: Registry, scheme: str) -> str | None:
    """What ``scheme``'s open command runs per HKCU; None when it has none."""
    try:
        with _opened(reg, rf"{CLASSES}\{scheme}\shell\open\command") as key:
            value, _type = reg.QueryValueEx(key, "")
    except FileNotFoundError:
        return None
    return value if isinstance(value, str) else None


def _delete_tree(reg: Registry, path: str) -> None:
    """Delete ``path`` and everything below it (``DeleteKey`` takes only leaf keys)."""
    while True:
        try:
            with _opened(reg, path) as key:
                child = reg.EnumKey(key, 0)
        except OSError:  # no more subkeys (or the key is gone)
            break
        _delete_tree(reg, rf"{path}\{child}")
    reg.DeleteKey(reg.HKEY_CURRENT_USER, path)


def _same(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()  # Windows paths ignore case


def register_handler(
    exec_command: Sequence[str] | None = None, *, registry: Registry | None = None
) -> str:
    """Make ``exec_command`` (default :func:`handler_command`) the per-user handler of every
    scheme. Returns a sentence for the user; raises WalletError when the registry refuses."""
    reg = registry or system_registry()
    command = list(exec_command or handler_command())
    line = command_line(command)
    try:
        for scheme in _schemes():
            base = rf"{CLASSES}\{scheme}"
            _set(reg, base, "", f"URL:{scheme} link")
            _set(reg, base, "URL Protocol", "")
            _set(reg, rf"{base}\DefaultIcon", "", f'"{command[0]}",0')
            _set(reg, rf"{base}\shell\open\command", "", line)
    except OSError as exc:
        raise WalletError(
            "Windows did not let the wallet register for links.",
            detail=f"{exc.__class__.__name__}: {exc}",
            code="register_failed",
        ) from exc
    log.info("Registered %s for %s", command[0], ", ".join(_schemes()))
    return f"Wallet now opens {', '.join(s + ':' for s in _schemes())} links. Command: {line}."


def unregister_handler(
    exec_command: Sequence[str] | None = None, *, registry: Registry | None = None
) -> str:
    """Remove the schemes whose open command is ours; another program's stay.

    Returns a sentence for the user; raises WalletError when the registry refuses.
    """
    reg = registry or system_registry()
    line = command_line(list(exec_command or handler_command()))
    removed: list[str] = []
    try:
        for scheme in _schemes():
            if _same(_open_command(reg, scheme), line):
                _delete_tree(reg, rf"{CLASSES}\{scheme}")
                removed.append(scheme)
    except OSError as exc:
        raise WalletError(
            "The wallet could not remove its link settings.",
            detail=f"{exc.__class__.__name__}: {exc}",
            code="unregister_failed",
        ) from exc
    if not removed:
        return "Wallet was not registered for links; nothing to remove."
    log.info("Unregistered %s", ", ".join(removed))
    return "Wallet no longer opens offer and sign-in links."


def is_default_handler(
    exec_command: Sequence[str] | None = None, *, registry: Registry | None = None
) -> bool:
    """True when every scheme's per-user open command is ours. Never raises.

    Reads ``HKCU\\Software\\Classes`` only: a choice the user made in Windows' "Default apps"
    settings (``UrlAssociations\\…\\UserChoice``) is not consulted.
    """
    reg = registry or system_registry()
    line = command_line(list(exec_command or handler_command()))
    try:
        return all(_same(_open_command(reg, s), line) for s in _schemes())
    except OSError as exc:
        log.warning("Reading the link registration failed: %s", exc.__class__.__name__)
        return False
