"""User messages of the core, marked for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py`` from the literal messages (and message
templates) of ``WalletError`` and ``Sentence`` calls and ``default_message`` values in
``wallet_app``, one part per package (``messages_catalogue_<package>.py``);
``gui.messages`` translates them at runtime in the ``WalletMessages`` context.
"""

from __future__ import annotations

from wallet_app.gui.messages_catalogue_app import MESSAGES as _APP
from wallet_app.gui.messages_catalogue_formats import MESSAGES as _FORMATS
from wallet_app.gui.messages_catalogue_gui import MESSAGES as _GUI
from wallet_app.gui.messages_catalogue_host import MESSAGES as _HOST
from wallet_app.gui.messages_catalogue_oid4vci import MESSAGES as _OID4VCI
from wallet_app.gui.messages_catalogue_trust import MESSAGES as _TRUST
from wallet_app.gui.messages_catalogue_wallet import MESSAGES as _WALLET

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
    *_APP,
    *_FORMATS,
    *_GUI,
    *_HOST,
    *_OID4VCI,
    *_TRUST,
    *_WALLET,
)
