"""The wallet's icon and AppStream metainfo as shipped in the package, and their per-user install.

The package holds them in ``wallet_app/gui/resources/``: ``io.github.walletapp.svg`` and
``io.github.walletapp-<size>.png`` (rendered from ``resources/icons/`` by
``tests/tools/build_desktop_assets.py``) and ``io.github.walletapp.metainfo.xml`` (a copy of
``packaging/linux/``). ``install_assets`` copies them where a freedesktop menu and software
centre look (Icon Theme spec: ``$XDG_DATA_HOME/icons/hicolor/<n>x<n>/apps/``; AppStream:
``$XDG_DATA_HOME/metainfo/``). No Qt. ``shutil`` and ``subprocess`` load only when installing:
the window icon reads the paths here before the first paint, where they would cost ~12 ms.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

__all__ = [
    "APP_ID",
    "ICON_SIZES",
    "icon_files",
    "install_assets",
    "metainfo_file",
    "refresh_icon_cache",
    "remove_assets",
    "resources_dir",
]

log = logging.getLogger(__name__)

#: The reverse-DNS id: desktop file, icon and AppStream component share it.
APP_ID = "io.github.walletapp"
#: The PNG sizes shipped beside the SVG (pixels, square).
ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
_CACHE_TIMEOUT = 30.0


def resources_dir() -> Path:
    """The package's resource folder (also inside a frozen bundle that collected it)."""
    return Path(__file__).resolve().parent.parent / "gui" / "resources"


def icon_files() -> dict[str, Path]:
    """Each icon of the package, keyed by its path below a ``hicolor`` theme folder."""
    res = resources_dir()
    files = {f"scalable/apps/{APP_ID}.svg": res / f"{APP_ID}.svg"}
    for size in ICON_SIZES:
        files[f"{size}x{size}/apps/{APP_ID}.png"] = res / f"{APP_ID}-{size}.png"
    return files


def metainfo_file() -> Path:
    """The package's AppStream metainfo file."""
    return resources_dir() / f"{APP_ID}.metainfo.xml"


def _targets(data_home: Path) -> dict[Path, Path]:
    """Installed path → package file, for every asset."""
    hicolor = data_home / "icons" / "hicolor"
    out = {hicolor / rel: src for rel, src in icon_files().items()}
    out[data_home / "metainfo" / f"{APP_ID}.metainfo.xml"] = metainfo_file()
    return out


def install_assets(data_home: Path) -> list[Path]:
    """Copy the icons and the metainfo below ``data_home``; return the paths written.

    A file missing from the package (a bundle that did not collect it) is skipped with a
    warning: links still work without an icon. Raises OSError when a copy fails.
    """
    import shutil

    written: list[Path] = []
    for target, source in _targets(data_home).items():
        if not source.is_file():
            log.warning("Not in this installation, not installed: %s", source)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        written.append(target)
    return written


def remove_assets(data_home: Path) -> bool:
    """Delete what ``install_assets`` wrote; True if anything was there. Raises OSError."""
    removed = False
    for target in _targets(data_home):
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
            removed = True
    return removed


def refresh_icon_cache(data_home: Path) -> None:
    """Update the user's hicolor icon cache if GTK's tool is installed; never raises.

    Only where a cache already exists: GTK reads a stale cache instead of the folder, and
    without one it reads the folder anyway.
    """
    import shutil
    import subprocess

    hicolor = data_home / "icons" / "hicolor"
    tool = shutil.which("gtk-update-icon-cache")
    if tool is None or not (hicolor / "icon-theme.cache").exists():
        return
    try:
        done = subprocess.run(
            [tool, "--force", "--ignore-theme-index", "--quiet", str(hicolor)],
            capture_output=True,
            text=True,
            timeout=_CACHE_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("gtk-update-icon-cache failed: %s", exc)
        return
    if done.returncode != 0:
        log.warning("gtk-update-icon-cache exited %d: %s", done.returncode, done.stderr.strip())
