"""User messages of the core, marked for lupdate (generated; do not edit).

Written by ``tests/tools/build_translations.py`` from the literal messages (and message
templates) of ``WalletError`` and ``Sentence`` calls and ``default_message`` values in
``wallet_app``; ``gui.messages`` translates them at runtime in the ``WalletMessages`` context.
"""

# ruff: noqa: E501
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["MESSAGES"]

MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("WalletMessages", "{problem}. See '{prog} --help'."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "A passphrase is needed: set WALLET_APP_PASSPHRASE or run in a terminal."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Something went wrong inside the wallet. Run again with -v for details."
    ),
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
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This wallet needs its passphrase. Set WALLET_APP_PASSPHRASE or run in a terminal to be asked for it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The extra CA certificate file {path} could not be read."),
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
    QT_TRANSLATE_NOOP("WalletMessages", "There is no credential with this id."),
    QT_TRANSLATE_NOOP("WalletMessages", "This command was not used correctly."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer sent an empty credential."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This file is not an image the wallet can read (use PNG, JPEG or SVG)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This image file is too large to scan."),
    QT_TRANSLATE_NOOP("WalletMessages", "The image file could not be opened."),
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
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's sign-in service does not support the secure sign-in this wallet uses.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer does not offer sign-in through a browser."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This sign-in response does not belong to the sign-in the wallet started. Start again.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The sign-in response came from a different server than expected. Start again.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "You declined, or the issuer refused, the request."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer does not offer the requested credential this way."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "You need to sign in at the issuer."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer is temporarily unavailable. Try later."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer could not complete the sign-in."),
    QT_TRANSLATE_NOOP("WalletMessages", "The sign-in response is incomplete. Start again."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The sign-in response carries no authorization code. Start again."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer cannot be asked for this credential by sign-in: it has no scope and its sign-in service does not accept credential requests.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's configuration could not be found. The issuer may be misconfigured or offline.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The sign-in service's configuration could not be found. The issuer may be misconfigured or offline.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential offer could not be fetched from the issuer. It may have expired; ask the issuer for a new one.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer sent the offer in a form the wallet does not accept."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's sign-in service answered without a request reference."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's answer to the nonce request cannot be used."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer answered without the encryption the wallet asked for, so the answer was not used.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer no longer offers delivery of pending credentials."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer sent an encrypted answer the wallet did not ask for."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's answer did not contain a usable credential."),
    QT_TRANSLATE_NOOP("WalletMessages", "A stored key could not be read."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires encrypted requests in a way this wallet does not support.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires encrypted responses in a way this wallet does not support.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's encrypted answer could not be read."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's encryption key cannot be used."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's encrypted answer could not be decrypted."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer did not accept the code. It may be wrong, used or expired."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code is wrong. Check it and try again."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer does not accept this wallet as a client. Check the client id."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer does not accept this wallet as a client."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer rejected the request as malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "Access was denied at the issuer."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer did not accept the wallet's access token. Start again."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer did not accept the wallet's key proof."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer did not accept the wallet's key proof (stale nonce)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer declined to issue this credential."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer rejected the credential request as malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer does not know the requested credential."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer no longer knows this pending credential."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer requires encryption the wallet did not use."),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential is not ready yet."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's authorization has expired. Start again."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer had a problem with the sign-in request. Try again later."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer had a problem with the token request. Try again later."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer had a problem with the nonce request. Try again later."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer had a problem with the credential request. Try again later."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer had a problem with the deferred credential request. Try again later.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer had a problem with the notification. Try again later."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's sign-in request address was not found."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's token request address was not found."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's nonce request address was not found."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's credential request address was not found."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's deferred credential request address was not found."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's notification address was not found."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the sign-in request."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the token request."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the nonce request."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the credential request."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the deferred credential request."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer refused the notification."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer uses an insecure or invalid address, so the wallet will not contact it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a much larger answer than expected, so the wallet stopped reading.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer sent an answer the wallet cannot read."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer redirected the wallet too many times."),
    QT_TRANSLATE_NOOP("WalletMessages", "{host} took too long to answer. Try again later."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "{host} could not be reached. Check the address and your connection."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer uses an invalid address, so the wallet will not contact it."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The connection to {host} failed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A secure connection to {host} could not be established: its certificate is not trusted. If this is a test issuer, add its CA certificate in the settings (or SSL_CERT_FILE).",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer address is not valid."),
    QT_TRANSLATE_NOOP("WalletMessages", "The authorization server address is not valid."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer configuration has an invalid address for {key}."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The authorization server configuration has an invalid address for {key}."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The configuration found is for “{received}”, not for “{expected}”. The wallet will not use it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's configuration has no credential endpoint."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer does not describe any credential this wallet can request."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "A credential description of the issuer is malformed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The authorization server's configuration has no token endpoint."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The offer names an authorization server that the issuer does not list, so the wallet will not continue.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This link has no credential offer in it."),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no credential offer to read: the text is empty."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This link is ambiguous: it carries more than one credential offer."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This offer uses an old draft format this wallet cannot request."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The offer link points to an address that is not secure (https is required).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential offer is damaged: it is not a JSON object."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer does not name a valid issuer address."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer's grants are malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer names no credentials."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer's list of credentials is malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer lists the same credential twice."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer's authorization grant is malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer's pre-authorized grant is malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer's pre-authorized code is missing."),
    QT_TRANSLATE_NOOP("WalletMessages", "The offer's transaction code settings are malformed."),
    QT_TRANSLATE_NOOP("WalletMessages", "This is not a valid link."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential offer is damaged: its content is not valid JSON."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This issuer needs a key type this wallet does not support."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This issuer needs a kind of key proof this wallet cannot make."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a key attestation from a certified wallet provider, which this desktop wallet cannot provide.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's token answer cannot be used."),
    QT_TRANSLATE_NOOP("WalletMessages", "The settings could not be saved."),
    QT_TRANSLATE_NOOP("WalletMessages", "WALLET_APP_TIMEOUT must be a positive number of seconds."),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name} (by another wallet window)"),
    QT_TRANSLATE_NOOP("WalletMessages", "still pending; next poll in {seconds} s"),
    QT_TRANSLATE_NOOP("WalletMessages", "{name} will not be issued: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{reason} The pending entry was removed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's authorization for this credential has expired, so it cannot be fetched any more. Request the credential from the issuer again.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The pending entry was removed meanwhile."),
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
    QT_TRANSLATE_NOOP("WalletMessages", "next poll in {seconds} s"),
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
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer bound the credential to a key that is not this wallet's, so it was not kept.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Stored wallet data is damaged and could not be read."),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{first}; {rest}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name} ({count} copies)"),
    QT_TRANSLATE_NOOP("WalletMessages", "This offer cannot be received that way."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Several credentials start with this id. Type more of the id."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no pending issuance with this id."),
    QT_TRANSLATE_NOOP("WalletMessages", "Deleted “{name}”."),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet was closed. Open it again and retry."),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no recorded flow with this id."),
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
)
