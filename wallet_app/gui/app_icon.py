"""The wallet's application icon for windows, the task bar and dialogs."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from wallet_app.host.desktop_assets import APP_ID, icon_files

__all__ = ["app_icon"]


def app_icon() -> QIcon:
    """The icon theme's ``io.github.walletapp`` where one is installed (``--register`` or a
    package puts it in hicolor), else the PNGs shipped in the package.

    PNGs only: Qt scales the nearest size, and a bundle without Qt's SVG icon engine plugin
    still shows them.
    """
    packaged = QIcon()
    for path in icon_files().values():
        if path.suffix == ".png" and path.is_file():
            packaged.addFile(str(path))
    return QIcon.fromTheme(APP_ID, packaged)
