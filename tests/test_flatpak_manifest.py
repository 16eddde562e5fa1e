"""The Flatpak manifest, checked as far as possible without Flathub (which is unreachable here,
so it is never built): ids, sandbox permissions, the files it installs.

The manifest is read with a few regular expressions: no YAML parser is a dependency.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from wallet_app.host.desktop_assets import APP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml"

#: what the wallet needs from outside the sandbox, and nothing broader (no home folder access:
#: files come through the portal's file chooser)
ALLOWED_FINISH_ARGS = {
    "--socket=wayland",
    "--socket=fallback-x11",
    "--share=ipc",
    "--device=dri",
    "--share=network",
    "--talk-name=org.freedesktop.secrets",
    "--device=all",
}


def _text() -> str:
    return MANIFEST.read_text(encoding="utf-8")


def _scalar(key: str) -> str:
    match = re.search(rf"^{re.escape(key)}: *'?([^'\n]+)'?$", _text(), re.MULTILINE)
    assert match is not None, key
    return match.group(1).strip()


def _finish_args() -> list[str]:
    block = _text().split("\nfinish-args:\n", 1)[1].split("\nmodules:\n", 1)[0]
    return re.findall(r"^  - (\S+)$", block, re.MULTILINE)


def _source_paths() -> list[str]:
    return re.findall(r"^ +path: (\S+)$", _text(), re.MULTILINE)


def test_ids_match_the_desktop_entry_and_the_metainfo() -> None:
    assert _scalar("app-id") == APP_ID
    assert _scalar("command") == "wallet-app"
    assert f"/app/share/applications/{APP_ID}.desktop" in _text()
    metainfo = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
    assert ET.parse(metainfo).getroot().findtext("id") == APP_ID
    assert f"/app/share/metainfo/{APP_ID}.metainfo.xml" in _text()


def test_finish_args_are_the_needed_ones_only() -> None:
    args = _finish_args()
    assert args, "no finish-args found"
    assert set(args) <= ALLOWED_FINISH_ARGS, set(args) - ALLOWED_FINISH_ARGS
    assert not any(a.startswith("--filesystem") for a in args)
    assert "--socket=x11" not in args  # fallback-x11: X11 only where there is no Wayland


def test_sources_exist_and_every_icon_size_is_installed() -> None:
    base = MANIFEST.parent
    for rel in _source_paths():
        path = (base / rel).resolve()
        if path == ROOT / "build" / "bundle" / "dist":
            continue  # made by .ci/bundle
        assert path.exists(), rel
    sizes = re.search(r"for size in ([\d ]+); do", _text())
    assert sizes is not None
    assert tuple(int(s) for s in sizes.group(1).split()) == ICON_SIZES
    icons = ROOT / "resources" / "icons"
    assert (icons / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (icons / f"{APP_ID}-{size}.png").is_file()
