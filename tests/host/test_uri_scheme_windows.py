r"""Windows URI-scheme registration (HKCU\Software\Classes), against a FAKE winreg.

The registry cannot run here: ``tests/support/fake_winreg.py`` is an in-memory stand-in for the
``winreg`` calls we make (missing keys raise FileNotFoundError, DeleteKey takes leaves only,
names ignore case). What Windows itself does with these keys was not tested on Windows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.fake_winreg import REG_SZ, FakeWinreg
from wallet_app.errors import WalletError
from wallet_app.host import uri_scheme
from wallet_app.host.uri_scheme import SCHEMES
from wallet_app.host.uri_scheme_windows import (
    command_line,
    handler_command,
    is_default_handler,
    register_handler,
    unregister_handler,
)

EXE = r"C:\Users\Ann\AppData\Local\Programs\Wallet\wallet-app.exe"
LINE = f'"{EXE}" "%1"'
CLASSES = r"Software\Classes"


@pytest.fixture
def reg() -> FakeWinreg:
    return FakeWinreg()


def test_register_writes_every_scheme(reg: FakeWinreg) -> None:
    message = register_handler([EXE], registry=reg)
    assert "openid-credential-offer:" in message and LINE in message
    for scheme in SCHEMES:
        base = rf"{CLASSES}\{scheme}"
        assert reg.value(base) == f"URL:{scheme} link"
        assert reg.value(base, "URL Protocol") == ""
        assert reg.value(rf"{base}\DefaultIcon") == f'"{EXE}",0'
        assert reg.value(rf"{base}\shell\open\command") == LINE
        assert reg.QueryValueEx(reg.OpenKey(reg.HKEY_CURRENT_USER, base), "URL Protocol") == (
            "",
            REG_SZ,
        )
    assert reg.open_handles == len(SCHEMES)  # only the test's own OpenKey calls above


def test_is_default_handler_follows_each_scheme(reg: FakeWinreg) -> None:
    assert is_default_handler([EXE], registry=reg) is False
    register_handler([EXE], registry=reg)
    assert is_default_handler([EXE], registry=reg) is True
    assert is_default_handler([EXE.upper()], registry=reg) is True  # paths ignore case
    assert is_default_handler([r"C:\elsewhere\wallet-app.exe"], registry=reg) is False
    other = reg.CreateKeyEx(reg.HKEY_CURRENT_USER, rf"{CLASSES}\haip\shell\open\command")
    reg.SetValueEx(other, "", 0, REG_SZ, r'"C:\Other\other.exe" "%1"')
    assert is_default_handler([EXE], registry=reg) is False


def test_unregister_removes_only_our_schemes(reg: FakeWinreg) -> None:
    register_handler([EXE], registry=reg)
    # afterwards another program takes one scheme, and something unrelated exists
    key = reg.CreateKeyEx(reg.HKEY_CURRENT_USER, rf"{CLASSES}\HAIP\Shell\Open\Command")
    reg.SetValueEx(key, None, 0, REG_SZ, r'"C:\Other\other.exe" "%1"')
    reg.CreateKeyEx(reg.HKEY_CURRENT_USER, rf"{CLASSES}\.txt\OpenWithProgids")
    assert unregister_handler([EXE], registry=reg) == (
        "Wallet no longer opens offer and sign-in links."
    )
    for scheme in SCHEMES:
        assert reg.exists(rf"{CLASSES}\{scheme}") is (scheme == "haip"), scheme
    assert reg.value(rf"{CLASSES}\haip\shell\open\command") == r'"C:\Other\other.exe" "%1"'
    assert reg.exists(rf"{CLASSES}\.txt\OpenWithProgids")
    assert unregister_handler([EXE], registry=reg) == (
        "Wallet was not registered for links; nothing to remove."
    )


def test_a_refusing_registry_is_a_clear_error(reg: FakeWinreg) -> None:
    class Refusing(FakeWinreg):
        def SetValueEx(self, *args: object) -> None:
            raise PermissionError(13, "[WinError 5] Access is denied")

    with pytest.raises(WalletError) as info:
        register_handler([EXE], registry=Refusing())
    assert info.value.code == "register_failed"
    assert "register for links" in info.value.user_message


def test_command_line_quotes_the_program_and_the_link() -> None:
    assert command_line([EXE]) == LINE
    assert command_line([r"C:\Program Files\Python\pythonw.exe", "-m", "wallet_app"]) == (
        r'"C:\Program Files\Python\pythonw.exe" -m wallet_app "%1"'
    )


def test_handler_command_for_bundle_gui_script_and_pythonw(tmp_path: Path) -> None:
    python = tmp_path / "venv" / "Scripts" / "python.exe"
    python.parent.mkdir(parents=True)
    python.write_bytes(b"")
    assert handler_command(str(python), frozen=True, script_dirs=[]) == [str(python)]
    # a pip install without the gui-script, and without pythonw.exe
    assert handler_command(str(python), frozen=False, script_dirs=[str(python.parent)]) == [
        str(python),
        "-m",
        "wallet_app",
    ]
    pythonw = python.with_name("pythonw.exe")
    pythonw.write_bytes(b"")
    assert handler_command(str(python), frozen=False, script_dirs=[])[0] == str(pythonw)
    gui = python.with_name("wallet-app-gui.exe")
    gui.write_bytes(b"")
    assert handler_command(str(python), frozen=False, script_dirs=[str(python.parent)]) == [
        str(gui)
    ]


def test_the_public_functions_dispatch_to_the_registry_on_windows(
    reg: FakeWinreg, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "winreg", reg)  # the FAKE stands in for the module
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", EXE)
    assert uri_scheme.is_default_handler() is False
    assert "Command:" in uri_scheme.register_handler()
    assert reg.value(rf"{CLASSES}\io.github.walletapp\shell\open\command") == LINE
    assert uri_scheme.is_default_handler() is True
    assert uri_scheme.unregister_handler() == "Wallet no longer opens offer and sign-in links."
    assert not reg.exists(rf"{CLASSES}\openid-credential-offer")
