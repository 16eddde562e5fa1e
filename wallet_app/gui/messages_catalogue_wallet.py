"""User messages of ``wallet_app.wallet``, for lupdate (generated; do not edit).

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
        "The issuer bound the credential to a key that is not this wallet's, so it was not kept.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name} (by another wallet window)"),
    QT_TRANSLATE_NOOP("WalletMessages", "still pending; next poll in {seconds} s"),
    QT_TRANSLATE_NOOP("WalletMessages", "{name} will not be issued: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{reason} The pending entry was removed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's authorization for this credential has expired, so it cannot be fetched any more. Request the credential from the issuer again.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The pending entry was removed meanwhile."),
    QT_TRANSLATE_NOOP("WalletMessages", "next poll in {seconds} s"),
    QT_TRANSLATE_NOOP("WalletMessages", "Told {issuer} that {name} was stored"),
    QT_TRANSLATE_NOOP("WalletMessages", "Told {issuer} that {name} was deleted"),
    QT_TRANSLATE_NOOP("WalletMessages", "Told {issuer} that {name} could not be stored"),
    QT_TRANSLATE_NOOP("WalletMessages", "Told {issuer} that the credential was stored"),
    QT_TRANSLATE_NOOP("WalletMessages", "Told {issuer} that the credential was deleted"),
    QT_TRANSLATE_NOOP("WalletMessages", "Told {issuer} that the credential could not be stored"),
    QT_TRANSLATE_NOOP("WalletMessages", "{name} will be issued later"),
    QT_TRANSLATE_NOOP("WalletMessages", "{summary}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Completed later: {summary}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Could not receive a credential from {issuer}: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Cancelled receiving a credential from {issuer}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Cancelled"),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer does not describe the credential it offers, so it cannot be received.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This offer cannot be received without signing in."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "No sign-in is waiting for this response. It may have expired or been used already; start the issuance again.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer has no credential configuration named {configuration}."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This offer needs a transaction code. The issuer gave it to you separately (for example by e-mail or text message).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The key that protects the wallet is malformed. Restore it, or recreate the wallet.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Stored wallet data could not be decrypted. The key or passphrase is wrong, or the data was changed on disk.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet's passphrase settings are invalid. The wallet file may be damaged.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Data could not be saved in the wallet."),
    QT_TRANSLATE_NOOP("WalletMessages", "Enter the transaction code."),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code has only digits."),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code has {count} digits."),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code has {count} characters."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer granted access to none of the offered credentials."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Stored wallet data is damaged and could not be read."),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{first}; {rest}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name} ({count} copies)"),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's signed metadata could not be trusted, and your settings require signed metadata. {reason}",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This offer cannot be received that way."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer does not sign its metadata, and your settings require signed metadata.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Several credentials start with this id. Type more of the id."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no pending issuance with this id."),
    QT_TRANSLATE_NOOP("WalletMessages", "Deleted “{name}”."),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet was closed. Open it again and retry."),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no recorded flow with this id."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "There is no trust anchor with this id. 'wallet-app trust list' shows them.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Several trust anchors start with this id. Type more of the id."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The file {path} is too large for a certificate file."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This credential has not been issued yet, so it has no status."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The file {path} could not be read."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet's folder {folder} could not be used. Check that the disk is available and that you may write to that folder.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet is busy in another window or command. Close it or try again in a moment.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet file {path} is damaged or is not a wallet. Move it away to start a new wallet, or restore it from a backup.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet file {path} could not be opened for writing. Check the disk and the permissions of its folder.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The disk is full, so the wallet could not save. Free some space and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet's storage failed. Try again; if it keeps failing, check the disk and the file {path}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet file {path} is damaged. Restore it from a backup, or move it away to start a new wallet.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This wallet was saved by a newer version of the app. Update the app to open it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The key in the keyring does not unlock this wallet. The keyring entry may have been replaced; restore it to open the wallet.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The passphrase is wrong. Check it and try again."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This wallet is protected by the system keyring, which is not available. Start and unlock your desktop's keyring (for example GNOME Keyring or KWallet) and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The key that protects this wallet is missing from the keyring ({keyring}). Without it the wallet cannot be opened. Restore the keyring entry, or move the wallet file away to start a new wallet.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This wallet is protected by a passphrase. Enter it with --passphrase (or WALLET_APP_PASSPHRASE) to open it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The passphrase must not be empty. Choose a passphrase and try again."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This wallet uses a protection this version of the app does not know. Update the app.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "A check failed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "{name} was not stored: it did not pass verification. {reason}"
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{name} was not stored because it is not valid. {reason}"),
)
