"""User messages of ``wallet_app.formats``, for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py``; :mod:`wallet_app.gui.messages_catalogue`
gathers the parts, one per package of the core.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer sent an empty credential."),
)
