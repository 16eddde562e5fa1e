"""The protocol core, the wallet domain and the CLI never load Qt (house-style layering)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: top-level parts of wallet_app that may load Qt: the desktop app and its composition root
QT_PARTS = {"wallet_app.app", "wallet_app.gui", "wallet_app.__main__"}


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
        "wallet_app.commands_explore",
        "wallet_app.commands_output",
        "wallet_app.commands_profiles",
        "wallet_app.commands_trust",
        "wallet_app.compose",
        "wallet_app.host",
        "wallet_app.demo_issuer",
        "wallet_app.settings",
        "wallet_app.preferences",
        "wallet_app.profiles",
        "wallet_app.proxy_choice",
        "wallet_app.uris",
        "wallet_app.errors",
        "wallet_app.logs",
        "wallet_app.text",
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


def _top_level_parts() -> set[str]:
    package = ROOT / "wallet_app"
    modules = {f"wallet_app.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    packages = {f"wallet_app.{p.parent.name}" for p in package.glob("*/__init__.py")}
    return modules | packages


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_top_level_part_is_in_the_import_contracts() -> None:
    """A new module under wallet_app/ is placed in the layers and, unless it is the desktop app,
    in the never-Qt contract: otherwise import-linter checks nothing about it."""
    contracts = _contracts()
    never_qt = contracts["Protocol core, formats and wallet domain never import Qt"]
    layers = contracts["Layers"]["layers"]
    sources = never_qt["source_modules"]
    assert isinstance(layers, list) and isinstance(sources, list)
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    parts = _top_level_parts() - {"wallet_app.__main__"}
    assert sorted(parts - layered) == []
    assert sorted(parts - QT_PARTS - set(sources)) == []
