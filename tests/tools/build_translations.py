"""Extract and compile the GUI translations.

First writes ``wallet_app/gui/messages_catalogue.py`` and its parts (one per package): every
literal user message of the core (the first argument of a ``WalletError`` subclass or
``Sentence`` call, or a ``default_message``) as
``QT_TRANSLATE_NOOP("WalletMessages", ...)``, so lupdate sees them (``gui.messages.user_text``
translates them at runtime). A message that names a host, a path or a count is a literal
template raised with ``params={...}`` and is collected the same way; a message built with an
f-string cannot be translated and is reported (``--check`` fails on it).

Then runs ``pyside6-lupdate`` over ``wallet_app/gui/*.py`` into
``resources/translations/wallet_<lang>.ts`` (existing translations are kept; strings that left
the code are dropped) and ``pyside6-lrelease`` into
``wallet_app/gui/translations/wallet_<lang>.qm``.

    .venv/bin/python tests/tools/build_translations.py            # update .ts and compile
    .venv/bin/python tests/tools/build_translations.py --no-update  # compile only
    .venv/bin/python tests/tools/build_translations.py --check      # fail on unfinished strings
"""

from __future__ import annotations

import argparse
import ast
import json
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
PACKAGE = ROOT / "wallet_app"
CATALOGUE = GUI / "messages_catalogue.py"
MESSAGE_CONTEXT = "WalletMessages"
_BASE_ERROR = "WalletError"
_SENTENCE = "Sentence"  # wallet_app.errors.Sentence: a user sentence that is not raised
_PART_HEAD = '''"""User messages of {what}, for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py``; :mod:`wallet_app.gui.messages_catalogue`
gathers the parts, one per package of the core.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
'''
_CATALOGUE_HEAD = '''"""User messages of the core, marked for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py`` from the literal messages (and message
templates) of ``WalletError`` and ``Sentence`` calls and ``default_message`` values in
``wallet_app``, one part per package (``messages_catalogue_<package>.py``);
``gui.messages`` translates them at runtime in the ``WalletMessages`` context.
"""

from __future__ import annotations

'''
#: the top-level modules of wallet_app (errors, cli, commands, settings…) form this part
_TOP_GROUP = "app"


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


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """Names of ``WalletError`` and every class deriving from it (by base-class name)."""
    names = {_BASE_ERROR}
    grown = True
    while grown:
        grown = False
        for tree in trees:
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in names
                    and any(_name(base) in names for base in node.bases)
                ):
                    names.add(node.name)
                    grown = True
    return names


class _Harvest:
    """The string constants an expression can evaluate to, within one module."""

    def __init__(self, tree: ast.Module) -> None:
        self.assigned: dict[str, list[ast.expr]] = {}
        self.functions: dict[str, ast.FunctionDef] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                if isinstance(node.target, ast.Name):
                    self.assigned.setdefault(node.target.id, []).append(node.value)
            elif isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
        self.formatted: set[int] = set()  # lines of f-strings met (they stay English)

    def strings(self, node: ast.expr | None, depth: int = 0) -> list[str]:
        """Literal strings ``node`` may be (names, dict values, ``a or b``, ``x if c else y``)."""
        if node is None or depth > 4:
            return []
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) and node.value.strip() else []
        if isinstance(node, ast.JoinedStr):
            self.formatted.add(node.lineno)
            return []
        if isinstance(node, ast.IfExp):
            return self.strings(node.body, depth) + self.strings(node.orelse, depth)
        if isinstance(node, ast.BoolOp):
            return [s for value in node.values for s in self.strings(value, depth)]
        if isinstance(node, ast.Dict):
            return [s for value in node.values for s in self.strings(value, depth)]
        if isinstance(node, ast.Subscript):
            return self.strings(node.value, depth + 1)
        if isinstance(node, ast.Name):
            values = self.assigned.get(node.id, [])
            return [s for value in values for s in self.strings(value, depth + 1)]
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "get":  # {...}.get(k, default)
                found = self.strings(func.value, depth + 1)
                return found + [s for arg in node.args[1:] for s in self.strings(arg, depth)]
            if isinstance(func, ast.Name) and func.id in self.functions:
                returns = [
                    ret.value
                    for ret in ast.walk(self.functions[func.id])
                    if isinstance(ret, ast.Return)
                ]
                return [s for value in returns for s in self.strings(value, depth + 1)]
        return []


def _group(path: Path) -> str:
    """The catalogue part of a module: its package below wallet_app, else the top group."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else _TOP_GROUP


def _catalogue_files() -> list[Path]:
    return sorted(GUI.glob("messages_catalogue*.py"))


def core_messages_by_group() -> tuple[dict[str, list[str]], list[str]]:
    """({part: its literal user messages and templates in source order}, where user messages
    are built with f-strings as ``path:line``); a message is in the part it is first met in."""
    skip = set(_catalogue_files())
    files = sorted(
        (p for p in PACKAGE.rglob("*.py") if p not in skip),
        key=lambda p: (_group(p) != _TOP_GROUP, _group(p), p),
    )
    trees = [ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in files]
    makers = _error_classes(trees) | {_SENTENCE}
    found: dict[str, str] = {}
    formatted: list[str] = []
    for path, tree in zip(files, trees, strict=True):
        harvest = _Harvest(tree)
        group = _group(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in makers:
                message = node.args[0] if node.args else None
                for keyword in node.keywords:
                    if keyword.arg in ("message", "template"):
                        message = keyword.value
                for text in harvest.strings(message):
                    found.setdefault(text, group)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "default_message" for t in targets):
                    for text in harvest.strings(node.value):
                        found.setdefault(text, group)
        where = path.relative_to(ROOT)
        formatted += [f"{where}:{line}" for line in sorted(harvest.formatted)]
    groups: dict[str, list[str]] = {}
    for text, group in found.items():
        groups.setdefault(group, []).append(text)
    return groups, formatted


def core_messages() -> tuple[list[str], list[str]]:
    """(the literal user messages and templates of the core, part by part in source order,
    where user messages are built with f-strings as ``path:line``)."""
    groups, formatted = core_messages_by_group()
    return [text for texts in groups.values() for text in texts], formatted


def write_catalogue() -> int:
    """Write ``messages_catalogue.py`` and its parts; return the number of messages."""
    groups, _ = core_messages_by_group()
    for stale in _catalogue_files():
        stale.unlink()
    written: list[Path] = []
    for group, texts in groups.items():
        lines = [
            f"    QT_TRANSLATE_NOOP({json.dumps(MESSAGE_CONTEXT)}, "
            f"{json.dumps(m, ensure_ascii=False)}),\n"
            for m in texts
        ]
        part = GUI / f"messages_catalogue_{group}.py"
        what = f"``wallet_app.{group}``" if group != _TOP_GROUP else "the top-level modules"
        head = _PART_HEAD.replace("{what}", what)
        part.write_text(head + "".join(lines) + ")\n", encoding="utf-8")
        written.append(part)
    imports = "".join(
        f"from wallet_app.gui.messages_catalogue_{g} import MESSAGES as _{g.upper()}\n"
        for g in groups
    )
    gathered = ", ".join(f"*_{g.upper()}" for g in groups)
    CATALOGUE.write_text(
        _CATALOGUE_HEAD
        + imports
        + '\n__all__ = ["MESSAGES"]\n\n'
        + f"MESSAGES: tuple[object, ...] = ({gathered},)\n",
        encoding="utf-8",
    )
    written.append(CATALOGUE)
    ruff = Path(sys.executable).parent / "ruff"
    if ruff.exists():  # keep the generated files as ``ruff format`` leaves them
        subprocess.run([str(ruff), "format", "--quiet", *map(str, written)], check=True)
    for part in written:  # a message longer than a line: the part says so to ruff
        text = part.read_text(encoding="utf-8")
        if any(len(line) > 100 for line in text.splitlines()):
            head, _, rest = text.partition("\nfrom __future__")
            part.write_text(f"{head}\n# ruff: noqa: E501\nfrom __future__{rest}", encoding="utf-8")
    return sum(len(texts) for texts in groups.values())


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


def lupdate(ts: Path, lang: str, *, quiet: bool = False) -> Path:
    """Run lupdate over the GUI sources into ``ts`` (kept translations, dropped leftovers)."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    cmd = [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-target-language"]
    cmd += [lang, *files, "-ts", str(ts.resolve())]
    if quiet:
        cmd.insert(1, "-silent")
    subprocess.run(cmd, cwd=ROOT, check=True)
    return ts


def update(lang: str) -> Path:
    """Run lupdate for ``lang``; return the .ts path."""
    TS_DIR.mkdir(parents=True, exist_ok=True)
    return lupdate(TS_DIR / f"wallet_{lang}.ts", lang)


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
    if not args.no_update:
        write_catalogue()
        _, formatted = core_messages()
        if formatted:
            sys.stderr.write(
                f"{len(formatted)} user messages are f-strings and stay English; raise them "
                "with a template and params={...} instead:\n"
            )
            for line in formatted:
                sys.stderr.write(f"  {line}\n")
            status = 1 if args.check else status
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
