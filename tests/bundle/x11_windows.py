"""The top-level windows on an X server, with their titles and owning process (libX11 via ctypes).

The smoke test uses it to see a window of another process (the bundle) appear; Qt cannot list
foreign windows. Reads WM_NAME / _NET_WM_NAME and _NET_WM_PID, which Qt sets on every window.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass

__all__ = ["XWindow", "list_windows"]

_Window = ctypes.c_ulong
_Atom = ctypes.c_ulong


@dataclass(frozen=True, slots=True)
class XWindow:
    """One window: its id, title and the pid its owner announced (0 when none)."""

    window: int
    title: str
    pid: int


def _lib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    x11 = ctypes.CDLL(name)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = _Window
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XQueryTree.argtypes = [
        ctypes.c_void_p,
        _Window,
        ctypes.POINTER(_Window),
        ctypes.POINTER(_Window),
        ctypes.POINTER(ctypes.POINTER(_Window)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    x11.XInternAtom.restype = _Atom
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XGetWindowProperty.argtypes = [
        ctypes.c_void_p,
        _Window,
        _Atom,
        ctypes.c_long,
        ctypes.c_long,
        ctypes.c_int,
        _Atom,
        ctypes.POINTER(_Atom),
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return x11


def _property(x11: ctypes.CDLL, display: int, window: int, atom: int) -> tuple[int, bytes]:
    """(format, raw bytes) of a window property; (0, b"") when it is not set."""
    kind, fmt = _Atom(), ctypes.c_int()
    count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    status = x11.XGetWindowProperty(
        display, window, atom, 0, 1024, 0, 0, kind, fmt, count, after, data
    )
    if status != 0 or not data.value:
        return 0, b""
    try:
        unit = {8: 1, 16: ctypes.sizeof(ctypes.c_short), 32: ctypes.sizeof(ctypes.c_long)}
        size = count.value * unit.get(fmt.value, 1)
        return fmt.value, ctypes.string_at(data.value, size)
    finally:
        x11.XFree(data)


def list_windows(display_name: str) -> list[XWindow]:
    """Every window below the root that has a title. Raises OSError without a display."""
    x11 = _lib()
    display = x11.XOpenDisplay(display_name.encode())
    if not display:
        raise OSError(f"cannot open X display {display_name}")
    try:
        atoms = {
            name: x11.XInternAtom(display, name.encode(), 0)
            for name in ("_NET_WM_NAME", "WM_NAME", "_NET_WM_PID")
        }
        found: list[XWindow] = []
        todo = [x11.XDefaultRootWindow(display)]
        while todo:
            window = todo.pop()
            root, parent = _Window(), _Window()
            children, n = ctypes.POINTER(_Window)(), ctypes.c_uint()
            if x11.XQueryTree(display, window, root, parent, children, n):
                todo.extend(children[i] for i in range(n.value))
                if children:
                    x11.XFree(children)
            _, title = _property(x11, display, window, atoms["_NET_WM_NAME"])
            if not title:
                _, title = _property(x11, display, window, atoms["WM_NAME"])
            fmt, pid = _property(x11, display, window, atoms["_NET_WM_PID"])
            if title:
                number = ctypes.c_long.from_buffer_copy(pid).value if fmt == 32 and pid else 0
                found.append(XWindow(window, title.decode("utf-8", "replace"), number))
        return found
    finally:
        x11.XCloseDisplay(display)
