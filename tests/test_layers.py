"""The protocol core, the wallet domain and the CLI never load Qt (house-style layering)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "wallet_app.oid4vci",
        "wallet_app.formats",
        "wallet_app.trust",
        "wallet_app.wallet",
        "wallet_app.cli",
        "wallet_app.commands",
        "wallet_app.commands_demo",
        "wallet_app.commands_output",
        "wallet_app.compose",
        "wallet_app.host",
        "wallet_app.demo_issuer",
    ],
)
def test_importing_loads_no_pyside6(module: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'PySide6' or m.startswith('PySide6.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_run_loads_no_pyside6() -> None:
    code = (
        "import sys\n"
        "from wallet_app import app\n"
        "try:\n"
        "    app.main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_uri_hand_off_path_imports_only_the_channel() -> None:
    code = (
        "import sys\n"
        "from wallet_app.host import single_instance  # noqa: F401\n"
        "heavy = [m for m in ('httpx', 'joserfc', 'keyring', 'cryptography', 'PySide6')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
