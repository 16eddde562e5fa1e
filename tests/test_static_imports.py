"""Every module the app runs is reachable by a static import, so a freezer bundles it.

PyInstaller (and Nuitka) follow ``import`` statements, including those inside functions; they
cannot follow a module name computed at run time (``importlib.import_module``, ``__import__``).
A screen loaded that way is missing from the bundle, and the app shows no window. These tests
read the source (AST) from the bundle's entry script, as the freezer does.
"""

from __future__ import annotations

import ast
import functools
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "wallet_app"
ENTRY = ROOT / "packaging" / "pyinstaller" / "wallet_app_main.py"
SPEC = ROOT / "packaging" / "pyinstaller" / "wallet-app.spec"

#: module path (relative to the repository) → the hidden import the spec declares for it.
#: Empty: nothing in wallet_app imports by name.
ALLOWED_DYNAMIC: dict[str, str] = {}

#: modules the app never imports at run time, and why
NOT_RUN = {
    "wallet_app.__main__": "python -m wallet_app; the bundle starts at wallet_app_main.py",
    "wallet_app.gui.messages_catalogue": "lupdate's source only; the texts are in the .qm",
    "wallet_app.gui.messages_catalogue_app": "a part of messages_catalogue",
    "wallet_app.gui.messages_catalogue_formats": "a part of messages_catalogue",
    "wallet_app.gui.messages_catalogue_gui": "a part of messages_catalogue",
    "wallet_app.gui.messages_catalogue_host": "a part of messages_catalogue",
    "wallet_app.gui.messages_catalogue_oid4vci": "a part of messages_catalogue",
    "wallet_app.gui.messages_catalogue_trust": "a part of messages_catalogue",
    "wallet_app.gui.messages_catalogue_wallet": "a part of messages_catalogue",
}

#: libraries that are imported only inside functions or by one screen; a bundle without them
#: loses QR decoding, the demo QR codes, the camera, SVG icons, the CA bundle or the keyring
LATE_LIBRARIES = {
    "zxingcpp",
    "segno",
    "PySide6.QtMultimedia",
    "PySide6.QtSvg",
    "certifi",
    "keyring",
}

_DYNAMIC_CALLS = {"import_module", "__import__", "find_spec"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _all_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every name an import statement in ``tree`` loads (``if TYPE_CHECKING:`` blocks skipped:
    they never run)."""
    found: set[str] = set()
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        todo.extend(ast.iter_child_nodes(node))
    return found


def dynamic_imports(source: str) -> list[int]:
    """Line numbers of calls that import a module by a name given at run time."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in _DYNAMIC_CALLS:
                lines.append(node.lineno)
    return sorted(lines)


@functools.cache
def reachable_from_entry() -> tuple[set[str], set[str]]:
    """(wallet_app modules, other imported names) reachable from the bundle's entry script."""
    modules = _all_modules()
    seen: set[str] = set()
    external: set[str] = set()
    todo = [("__main__", ENTRY)]
    while todo:
        name, path = todo.pop()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for imported in _imported_names(tree, name, path.name == "__init__.py"):
            if not imported.startswith("wallet_app"):
                external.add(imported)
                continue
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):  # importing a.b.c runs a and a.b first
                parent = ".".join(parts[:i])
                if parent in modules and parent not in seen:
                    seen.add(parent)
                    todo.append((parent, modules[parent]))
    return seen, external


def _spec_list(name: str) -> list[str]:
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(v) for v in value]
    raise AssertionError(f"{SPEC.name} has no literal {name} list")


def test_the_checker_sees_imports_by_name() -> None:
    source = (
        "from importlib import import_module\n"
        "import importlib\n"
        "def screen(name):\n"
        "    return import_module(f'wallet_app.gui.{name}')\n"
        "m = importlib.import_module('x')\n"
        "n = __import__('y')\n"
    )
    assert dynamic_imports(source) == [4, 5, 6]
    assert dynamic_imports("from wallet_app.gui import offer_input\n") == []


def test_nothing_in_wallet_app_imports_by_name() -> None:
    hidden = set(_spec_list("HIDDEN_IMPORTS"))
    problems = []
    for name, path in _all_modules().items():
        lines = dynamic_imports(path.read_text(encoding="utf-8"))
        rel = str(path.relative_to(ROOT))
        if lines and ALLOWED_DYNAMIC.get(rel) not in hidden:
            problems.append(f"{rel} ({name}) lines {lines}")
    assert problems == [], (
        "modules imported by a name computed at run time are invisible to PyInstaller: "
        "use a plain import statement (inside the function is fine), or list the module "
        f"in ALLOWED_DYNAMIC and in the spec's HIDDEN_IMPORTS: {problems}"
    )


@pytest.mark.parametrize(
    "module",
    sorted(m for m in _all_modules() if m.startswith("wallet_app.gui.") and m not in NOT_RUN),
)
def test_every_gui_module_is_imported_statically(module: str) -> None:
    reached, _ = reachable_from_entry()
    assert module in reached, (
        f"{module} is not reached by any import statement from {ENTRY.name}: "
        "the bundle would not contain it"
    )


def test_every_wallet_app_module_is_reachable() -> None:
    reached, _ = reachable_from_entry()
    assert set(_all_modules()) - reached == set(NOT_RUN)


def test_libraries_used_late_are_imported_statically() -> None:
    _, external = reachable_from_entry()
    assert LATE_LIBRARIES - external == set()


def test_keyring_backends_are_declared_in_the_spec() -> None:
    """keyring finds backends through entry points: modules and metadata must be bundled."""
    hidden = set(_spec_list("HIDDEN_IMPORTS"))
    linux = {
        ep.value.partition(":")[0]
        for ep in entry_points(group="keyring.backends")
        if ep.name not in ("Windows", "macOS")
    }
    assert "keyring.backends.SecretService" in linux
    assert linux - hidden == set()
    assert 'copy_metadata("keyring")' in SPEC.read_text(encoding="utf-8")


def test_no_used_qt_module_is_excluded_from_the_bundle() -> None:
    _, external = reachable_from_entry()
    used = {name for name in external if name.startswith("PySide6.Qt")}
    assert used & set(_spec_list("QT_EXCLUDES")) == set()
