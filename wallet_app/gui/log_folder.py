"""Open the folder of the app's log file in the desktop's file manager (Settings, Help menu)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

__all__ = ["open_log_folder"]


def open_log_folder(folder: Path) -> bool:
    """Show ``folder`` (the log folder, made if missing) in the file manager.

    Returns False when the desktop could not open it. Raises nothing.
    """
    with contextlib.suppress(OSError):  # a missing folder is still shown as far as it exists
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
