"""User messages of the top-level modules, for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py``; :mod:`wallet_app.gui.messages_catalogue`
gathers the parts, one per package of the core.
"""

# ruff: noqa: E501
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "WalletMessages", "A passphrase is needed: set WALLET_APP_PASSPHRASE or run in a terminal."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Something went wrong inside the wallet. Run again with -v for details."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{problem}. See '{prog} --help'."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Give an offer (link, QR text or JSON), or --issuer with --configuration."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The running wallet did not accept this link."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "No wallet is waiting for this sign-in. Start the issuance again from the offer.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "--issuer needs at least one --configuration."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "No answer came back from the browser within {minutes} minutes. Start the issuance again.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Unknown deviation {names}; known: {known}."),
    QT_TRANSLATE_NOOP("WalletMessages", "This offer is from another issuer than the one explored."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "There is no profile named {name}. Presets: {presets}; or give the URL of an issuer whose profile is remembered ('wallet-app profiles' lists them).",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet provider file {path} does not exist."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Name the issuer whose profile to forget: profiles forget ISSUER."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "No profile is remembered for {issuer}."),
    QT_TRANSLATE_NOOP("WalletMessages", "'trust add' needs a certificate file."),
    QT_TRANSLATE_NOOP("WalletMessages", "'trust remove' needs the id of a trust anchor."),
    QT_TRANSLATE_NOOP("WalletMessages", "'trust list' takes no argument."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Use 'wallet-app trust add FILE', 'trust list' or 'trust remove ID'."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This wallet needs its passphrase. Set WALLET_APP_PASSPHRASE or run in a terminal to be asked for it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Something went wrong."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This is not a valid credential offer. Check that you copied all of it."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's configuration could not be read. The issuer may be misconfigured.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Authorization at the issuer did not succeed. Please try again."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the request."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer could not be reached. Check your connection and try again."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet's storage could not be used."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "No system keyring is available to protect the wallet. Start your desktop's keyring (for example GNOME Keyring or KWallet) and unlock it, or choose a passphrase with --passphrase (or WALLET_APP_PASSPHRASE).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer sent a credential that the wallet cannot read."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a credential that breaks the rules of its format. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential did not pass verification, so it was not stored."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no credential with this id."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a key attestation from a wallet provider. Retry with the development wallet provider?",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This command was not used correctly."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a key attestation from a wallet provider. Nothing was spent: add --wallet-provider dev to receive with the development wallet provider.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a wallet attestation and a key attestation from a wallet provider. Nothing was spent: add --wallet-provider dev to receive with the development wallet provider.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a wallet attestation from a wallet provider. Nothing was spent: add --wallet-provider dev to receive with the development wallet provider.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The settings could not be saved."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "WALLET_APP_SIGNED_METADATA must be ignore, prefer or require."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "WALLET_APP_TIMEOUT must be a positive number of seconds."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "WALLET_APP_PROXY must be system, none or a proxy address such as http://proxy.example:8080.",
    ),
)
