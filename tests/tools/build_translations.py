"""Extract and compile the GUI translations.

Runs ``pyside6-lupdate`` over ``wallet_app/gui/*.py`` into
``resources/translations/wallet_<lang>.ts`` (existing translations are kept; strings that left
the code are dropped) and ``pyside6-lrelease``
/gui/translations/wallet_<lang>.qm``.

    .venv/bin/python tests/tools/build_translations.py            # update .ts and compile
    .venv/bin/python tests/tools/build_translations.py --no-update  # compile only
    .venv/bin/python tests/tools/build_translations.py --check      # fail on unfinished strings
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "wallet_app" / "gui"
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = GUI / "translations"
LANGUAGES = ("de",)


def _tool(name: str) -> str:
    """The PySide6 tool next to this interpreter, else on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[Path]:
    """The GUI modules lupdate reads."""
    return sorted(p for p in GUI.glob("*.py") if p.name != "__init__.py")


def unfinished(ts: Path) -> list[str]:
    """Source strings of ``ts`` without a finished translation, as ``context: source``."""
    missing: list[str] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            text = "".join(translation.itertext()).strip()
            if kind == "unfinished" or not text:
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def update(lang: str) -> Path:
    """Run lupdate for ``lang``; return the .ts path."""
    TS_DIR.mkdir(parents=True, exist_ok=True)
    ts = TS_DIR / f"wallet_{lang}.ts"
    files = [str(p.relative_to(ROOT)) for p in sources()]
    cmd = [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-target-language"]
    subprocess.run([*cmd, lang, *files, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
    return ts


def release(lang: str) -> Path:
    """Run lrelease for ``lang``; return the .qm path."""
    QM_DIR.mkdir(parents=True, exist_ok=True)
    ts = TS_DIR / f"wallet_{lang}.ts"
    qm = QM_DIR / f"wallet_{lang}.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    parser.add_argument("--check", action="store_true", help="exit 1 on unfinished strings")
    args = parser.parse_args(argv)
    status = 0
    for lang in LANGUAGES:
        ts = TS_DIR / f"wallet_{lang}.ts" if args.no_update else update(lang)
        release(lang)
        missing = unfinished(ts)
        if missing:
            sys.stderr.write(f"{ts.name}: {len(missing)} unfinished\n")
            for line in missing:
                sys.stderr.write(f"  {line}\n")
            status = 1 if args.check else status
    return status


if __name__ == "__main__":
    raise SystemExit(main())
