"""A FAKE of Windows' ``winreg`` module: an in-memory registry, for tests on Linux.

Implements only what ``wallet_app.host.uri_scheme_windows`` uses, with the real module's
behaviour where it matters: key names ignore case; opening a missing key or reading a missing
value raises FileNotFoundError; ``DeleteKey`` refuses a key that still has subkeys (OSError,
like WinError 5) and a missing one (FileNotFoundError); ``EnumKey`` past the last subkey raises
OSError (WinError 259); ``CreateKeyEx`` creates every missing key on the path. It is not the
real registry: what Windows does beyond these calls (the merged HKEY_CLASSES_ROOT view,
"Default apps" choices, access rights) is not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HKEY_CURRENT_USER = 0x80000001
REG_SZ = 1


@dataclass
class Node:
    """One key: its values (name → (data, type)) and subkeys (casefolded name → node)."""

    name: str
    values: dict[str, tuple[object, int]] = field(default_factory=dict)
    subkeys: dict[str, Node] = field(default_factory=dict)


@dataclass
class Handle:
    """An open key; invalid after CloseKey."""

    node: Node
    open: bool = True

    def __enter__(self) -> Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.open = False


class FakeWinreg:
    """The fake module: pass an instance where ``winreg`` is expected."""

    HKEY_CURRENT_USER = HKEY_CURRENT_USER
    REG_SZ = REG_SZ

    def __init__(self) -> None:
        self.roots = {HKEY_CURRENT_USER: Node("HKEY_CURRENT_USER")}
        self.open_handles = 0

    # -- helpers ------------------------------------------------------------------------------
    def _base(self, key: object) -> Node:
        if isinstance(key, Handle):
            if not key.open:
                raise OSError("[WinError 6] The handle is invalid")
            return key.node
        if isinstance(key, int) and key in self.roots:
            return self.roots[key]
        raise TypeError(f"not a registry key: {key!r}")

    @staticmethod
    def _parts(sub_key: str) -> list[str]:
        return [p for p in sub_key.split("\\") if p]

    def _find(self, key: object, sub_key: str) -> Node:
        node = self._base(key)
        for part in self._parts(sub_key):
            child = node.subkeys.get(part.casefold())
            if child is None:
                raise FileNotFoundError(2, "The system cannot find the file specified")
            node = child
        return node

    def _handle(self, node: Node) -> Handle:
        self.open_handles += 1
        return Handle(node)

    # -- winreg's functions -------------------------------------------------------------------
    def CreateKeyEx(self, key: object, sub_key: str) -> Handle:
        node = self._base(key)
        for part in self._parts(sub_key):
            node = node.subkeys.setdefault(part.casefold(), Node(part))
        return self._handle(node)

    def OpenKey(self, key: object, sub_key: str) -> Handle:
        return self._handle(self._find(key, sub_key))

    def CloseKey(self, hkey: object) -> None:
        if isinstance(hkey, Handle) and hkey.open:
            hkey.open = False
            self.open_handles -= 1

    def SetValueEx(
        self, key: object, value_name: str | None, reserved: int, type: int, value: object
    ) -> None:
        self._base(key).values[(value_name or "").casefold()] = (value, type)

    def QueryValueEx(self, key: object, name: str | None) -> tuple[object, int]:
        try:
            return self._base(key).values[(name or "").casefold()]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None

    def DeleteKey(self, key: object, sub_key: str) -> None:
        parts = self._parts(sub_key)
        parent = self._find(key, "\\".join(parts[:-1]))
        node = parent.subkeys.get(parts[-1].casefold())
        if node is None:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        if node.subkeys:
            raise PermissionError(13, "[WinError 5] Access is denied")
        del parent.subkeys[parts[-1].casefold()]

    def EnumKey(self, key: object, index: int) -> str:
        children = list(self._base(key).subkeys.values())
        if index >= len(children):
            raise OSError(22, "[WinError 259] No more data is available")
        return children[index].name

    # -- for assertions -----------------------------------------------------------------------
    def value(self, path: str, name: str = "") -> object:
        """The data of value ``name`` under HKCU\\``path``; FileNotFoundError if absent."""
        return self._find(HKEY_CURRENT_USER, path).values[name.casefold()][0]

    def exists(self, path: str) -> bool:
        """True when HKCU\\``path`` is a key."""
        try:
            self._find(HKEY_CURRENT_USER, path)
        except FileNotFoundError:
            return False
        return True
