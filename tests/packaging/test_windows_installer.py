r"""The Inno Setup script registers exactly the schemes the code handles, as the code does.

Inno Setup cannot run here: the script is parsed, and its [Registry] entries are applied to the
FAKE winreg (tests/support/fake_winreg.py), where ``wallet-app --register``'s own code must see
them as its registration. That the installer builds and runs was not tested (no Windows here).
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from tests.support.fake_winreg import REG_SZ, FakeWinreg
from wallet_app.host.uri_scheme import SCHEMES
from wallet_app.host.uri_scheme_windows import (
    command_line,
    is_default_handler,
    unregister_handler,
)

REPO = Path(__file__).resolve().parents[2]
ISS = REPO / "packaging" / "windows" / "wallet-app.iss"
#: Windows finds an installed app by its AppId: it must never change
APP_ID = "{{978A2332-B5BA-4E44-B116-2B2DD9AE28F0}"
INSTALL_DIR = r"C:\Users\Ann\AppData\Local\Programs\Wallet"

Entry = dict[str, str]


def _sections() -> dict[str, list[str]]:
    """Section name → its non-comment lines, with ``{#Name}`` defines expanded."""
    text = ISS.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', text, flags=re.MULTILINE))
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], raw.strip())
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def _entry(line: str) -> Entry:
    """One entry line as a dict: ``Name: value; Name: "quoted"`` (Inno Setup's parameter syntax,
    where ``""`` inside quotes is one quote)."""
    entry: Entry = {}
    for match in re.finditer(r'\s*(\w+):\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)', line):
        name, value = match.group(1), match.group(2).strip()
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        entry[name] = value
    return entry


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _sections()["Setup"])


def _registry() -> list[Entry]:
    return [_entry(line) for line in _sections()["Registry"]]


def _scheme_of(entry: Entry) -> str:
    parts = PureWindowsPath(entry["Subkey"]).parts
    assert parts[:2] == ("Software", "Classes"), entry
    return parts[2]


def test_registers_exactly_the_schemes_of_the_code() -> None:
    entries = _registry()
    assert {e["Root"] for e in entries} == {"HKCU"}
    schemes = [_scheme_of(e) for e in entries if "uninsdeletekey" in e.get("Flags", "")]
    assert schemes == list(SCHEMES)  # each once, in the code's order
    assert {_scheme_of(e) for e in entries} == set(SCHEMES)


def test_each_scheme_runs_the_installed_exe_as_the_code_would() -> None:
    exe = r"{app}\wallet-app.exe"
    for scheme in SCHEMES:
        values = {
            (e["Subkey"].removeprefix(rf"Software\Classes\{scheme}"), e["ValueName"]): e[
                "ValueData"
            ]
            for e in _registry()
            if _scheme_of(e) == scheme
        }
        assert values == {
            ("", ""): f"URL:{scheme} link",
            ("", "URL Protocol"): "",
            (r"\DefaultIcon", ""): f'"{exe}",0',
            (r"\shell\open\command", ""): command_line([exe]),
        }, scheme


def test_installed_keys_read_as_our_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the installer writes, --register's code recognises (and --unregister removes)."""
    reg = FakeWinreg()
    for e in _registry():
        assert e["ValueType"] == "string"
        key = reg.CreateKeyEx(reg.HKEY_CURRENT_USER, e["Subkey"])
        reg.SetValueEx(key, e["ValueName"], 0, REG_SZ, e["ValueData"].replace("{app}", INSTALL_DIR))
        reg.CloseKey(key)
    bundle_exe = [rf"{INSTALL_DIR}\wallet-app.exe"]
    assert is_default_handler(bundle_exe, registry=reg) is True
    assert unregister_handler(bundle_exe, registry=reg).startswith("Wallet no longer")
    assert not any(reg.exists(rf"Software\Classes\{s}") for s in SCHEMES)


def test_per_user_install_of_the_bundle_with_license_and_menu_entry() -> None:
    setup = _setup()
    assert setup["AppId"] == APP_ID
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never a machine-wide install
    assert setup["DefaultDirName"].startswith(r"{localappdata}\Programs")
    assert (ISS.parent / PureWindowsPath(setup["LicenseFile"]).as_posix()).resolve() == (
        REPO / "LICENSE"
    )
    assert (REPO / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")
    files = [_entry(line) for line in _sections()["Files"]]
    assert files[0]["Source"] == r"..\..\dist\wallet-app\*"  # PyInstaller's one-folder output
    assert "recursesubdirs" in files[0]["Flags"]
    icons = [_entry(line) for line in _sections()["Icons"]]
    assert icons[0]["Name"] == r"{autoprograms}\Wallet"
    assert icons[0]["Filename"] == r"{app}\wallet-app.exe"
