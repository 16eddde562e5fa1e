"""User messages of ``wallet_app.host``, for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py``; :mod:`wallet_app.gui.messages_catalogue`
gathers the parts, one per package of the core.
"""

# ruff: noqa: E501
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet cannot use its private folder for talking to other wallet windows.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Another program answered in place of the running wallet, so the link was not handed over. Close other wallet windows and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The running wallet did not answer. Close it and try again."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The wallet could not listen for the browser's answer on this computer."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The system keyring is locked. Unlock it and try again."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "These links are too long to hand over to the running wallet."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The wallet could not set up its link with other wallet windows."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The extra CA certificate file {path} could not be read."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Registering the wallet for links from this menu works on Linux and Windows. On macOS the app registers itself when it is copied to Applications.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The desktop's link settings could not be changed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet cannot register for links because xdg-mime is not installed. Install xdg-utils (for example: sudo apt install xdg-utils) and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The desktop did not accept Wallet as the handler for {schemes} links."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet could not write its desktop entry."),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet could not remove its link settings."),
    QT_TRANSLATE_NOOP("WalletMessages", "Windows did not let the wallet register for links."),
)
