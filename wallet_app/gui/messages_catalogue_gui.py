"""User messages of ``wallet_app.gui``, for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py``; :mod:`wallet_app.gui.messages_catalogue`
gathers the parts, one per package of the core.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This file is not an image the wallet can read (use PNG, JPEG or SVG)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This image file is too large to scan."),
    QT_TRANSLATE_NOOP("WalletMessages", "The image file could not be opened."),
)
