"""Render the application icon and copy the desktop assets into the package.

Sources (edited by hand):
    resources/icons/io.github.walletapp.svg            the icon
    packaging/linux/io.github.walletapp.metainfo.xml   the AppStream metainfo

Written from them (commit the results; never edit them by hand):
    resources/icons/io.github.walletapp-<n>.png        n = 16 … 512, rendered with QSvgRenderer
    resources/icons/io.github.walletapp.ico            the PNGs up to 256 in one Windows icon
                                                        (the bundle's .exe and the installer)
    wallet_app/gui/resources/                           the SVG, the PNGs and the metainfo, so the
                                                        installed app and the bundles carry them

    .venv/bin/python tests/tools/build_desktop_assets.py           # write
    .venv/bin/python tests/tools/build_desktop_assets.py --check   # exit 1 if anything is stale

tests/gui/test_gui_app_icon.py fails when the committed files differ from what this writes.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wallet_app.host.desktop_assets import APP_ID, ICON_SIZES  # noqa: E402

ICONS = ROOT / "resources" / "icons"
SVG = ICONS / f"{APP_ID}.svg"
METAINFO = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
PACKAGE = ROOT / "wallet_app" / "gui" / "resources"
ICO = ICONS / f"{APP_ID}.ico"
#: Windows shows icons up to 256 px; an ICO entry holds a PNG as it is (Windows Vista and later)
ICO_SIZES = tuple(n for n in ICON_SIZES if n <= 256)


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """One .ico file holding ``pngs`` (size -> PNG bytes): ICONDIR, ICONDIRENTRYs, images."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def render_png(svg: Path, size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels as PNG bytes (straight alpha)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # str format: PySide6 6.12 rejects bytes at run time although its stubs ask for them
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def expected_files() -> dict[Path, bytes]:
    """Every generated file with the bytes it must hold."""
    svg = SVG.read_bytes()
    out: dict[Path, bytes] = {PACKAGE / SVG.name: svg}
    for size in ICON_SIZES:
        png = render_png(SVG, size)
        name = f"{APP_ID}-{size}.png"
        out[ICONS / name] = png
        out[PACKAGE / name] = png
    out[PACKAGE / METAINFO.name] = METAINFO.read_bytes()
    # from the committed PNGs where they exist, so the .ico's bytes do not depend on this
    # machine's zlib (the PNGs themselves are compared by pixel)
    out[ICO] = build_ico(
        {
            n: path.read_bytes() if (path := ICONS / f"{APP_ID}-{n}.png").is_file() else png
            for n in ICO_SIZES
            if (png := out[ICONS / f"{APP_ID}-{n}.png"])
        }
    )
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the generated files, or with ``--check`` list the stale ones; return exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    stale = []
    for path, data in expected_files().items():
        if path.is_file() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path in stale:
        print(("stale: " if args.check else "wrote: ") + str(path.relative_to(ROOT)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
