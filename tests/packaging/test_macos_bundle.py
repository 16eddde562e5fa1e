"""The macOS Info.plist: valid, and declaring exactly the schemes the code handles.

Only the file is checked here; building Wallet.app and macOS routing the links to it were not
tested (no Mac here). The app side (QFileOpenEvent) is in tests/gui/test_gui_file_open.py.
"""

from __future__ import annotations

import plistlib
from pathlib import Path

from wallet_app.host.uri_scheme import SCHEMES

MACOS = Path(__file__).resolve().parents[2] / "packaging" / "macos"


def _load(name: str) -> dict[str, object]:
    with (MACOS / name).open("rb") as f:
        plist = plistlib.load(f)
    assert isinstance(plist, dict)
    return plist


def test_info_plist_declares_exactly_our_schemes() -> None:
    plist = _load("Info.plist")
    url_types = plist["CFBundleURLTypes"]
    assert isinstance(url_types, list)
    schemes = [s for t in url_types for s in t["CFBundleURLSchemes"]]
    assert schemes == list(SCHEMES)
    assert all(t["CFBundleURLName"].startswith("io.github.walletapp.") for t in url_types)
    assert all(t["CFBundleTypeRole"] == "Viewer" for t in url_types)


def test_info_plist_identity_camera_and_system() -> None:
    plist = _load("Info.plist")
    assert plist["CFBundleIdentifier"] == "io.github.walletapp"
    assert plist["CFBundleName"] == "Wallet"
    camera = plist["NSCameraUsageDescription"]
    assert isinstance(camera, str) and "QR code" in camera
    # PySide6 6.11's macOS wheels are tagged macosx_13_0 (pip download, 2026-12-07)
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSApplicationCategoryType"] == "public.app-category.utilities"
    # PyInstaller's BUNDLE() owns these; a copy here would fight it
    assert not {"CFBundleExecutable", "CFBundleShortVersionString"} & plist.keys()


def test_entitlements_allow_the_camera_only() -> None:
    assert _load("entitlements.plist") == {"com.apple.security.device.camera": True}
