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
        "The issuer sent more copies than the wallet has keys for, so this one was not kept.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer bound the credential to a key that is not this wallet's, so it was not kept.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This profile sends you back to a custom address but does not say which. Choose the address in the offer's advanced settings, or give it with --redirect.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{kept} of {total} copies kept: {reasons}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{count} did not pass verification ({reason})"),
    QT_TRANSLATE_NOOP("WalletMessages", "{count} could not be read ({reason})"),
    QT_TRANSLATE_NOOP("WalletMessages", "{count} were bound to a key that is not this wallet's"),
    QT_TRANSLATE_NOOP("WalletMessages", "{count} were more than the wallet had keys for"),
    QT_TRANSLATE_NOOP("WalletMessages", "one did not pass verification ({reason})"),
    QT_TRANSLATE_NOOP("WalletMessages", "one could not be read ({reason})"),
    QT_TRANSLATE_NOOP("WalletMessages", "one was bound to a key that is not this wallet's"),
    QT_TRANSLATE_NOOP("WalletMessages", "one was more than the wallet had keys for"),
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
    QT_TRANSLATE_NOOP("WalletMessages", "not found"),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "No metadata of the authorization server {server}: {reason}"
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The authorization server metadata is served at {url}, not at the RFC 8414 location {expected}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The authorization server metadata names issuer {declared}, not {server}."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The authorization server metadata lacks {members}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "pre-authorized_grant_anonymous_access_supported must be true or false."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The pre-authorized code grant is in use ({evidence}) but grant_types_supported does not list {grant}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The offer carries an authorization code grant but grant_types_supported does not list authorization_code.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "response_types_supported does not list code, yet the code grant is supported.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "code_challenge_methods_supported does not list S256 ({methods})."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "PAR is required, but there is no pushed_authorization_request_endpoint."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Authorization responses do not carry the iss parameter (RFC 9207)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{member} is not an https URL."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "dpop_signing_alg_values_supported must list asymmetric algorithms; it has {algs}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The authorization server has no PAR endpoint (HAIP expects PAR)."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "{id} ({proof}) requires a key attestation (key storage: {storage}; user authentication: {auth}).",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer metadata cannot be used: {reason}"),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer metadata is served at {url}, not at the 1.0 well-known URL {expected}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "credential_issuer is {declared}, but the metadata was fetched for {issuer}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer identifier {issuer} must be an https URL without query or fragment.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer metadata has no credential_endpoint."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "authorization_servers must be a non-empty array of strings."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The metadata looks like {version}: wallets that speak only 1.0 may not understand it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{member} must be a non-empty array of objects."),
    QT_TRANSLATE_NOOP("WalletMessages", "{member}.jwks must hold one or more public keys."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Proof type {proof} of {id} lists no proof_signing_alg_values_supported."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Proof type {proof} of {id} allows {algs}; key proofs need an asymmetric algorithm.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "key_attestations_required of {id} ({proof}) must be an object with optional non-empty key_storage and user_authentication arrays; it is {value}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "batch_credential_issuance.batch_size is {size}; it must be an integer of 2 or more.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "{member} is a member of draft {draft} and earlier; 1.0 does not define it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{member} has more than one entry for locale {locale}."),
    QT_TRANSLATE_NOOP("WalletMessages", "{member} has an entry without a name."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "{member}.enc_values_supported must list content encryption (enc) values; it has {values}.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{member}.encryption_required must be true or false."),
    QT_TRANSLATE_NOOP("WalletMessages", "Key {index} of {member}.jwks has no kid."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Key {index} of {member}.jwks names no alg, so a wallet has to guess the key agreement algorithm.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "credential_configurations_supported must be a non-empty object."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Configuration {id} has no format."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Configuration {id} must list both cryptographic_binding_methods_supported and proof_types_supported, or neither.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Configuration {id} binds the credential to a key, but the issuer has no nonce_endpoint: proofs then carry no c_nonce.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "Configuration {id} has no scope: it can only be asked for with authorization_details, and HAIP wants a scope for each.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "{member}.alg_values_supported must list key management (alg) values; it has {values}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The scope {scope} of {id} is not in the authorization server's scopes_supported.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{member} has a {image} without a uri."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signed metadata is not shaped as 1.0 asks: {problems}."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {endpoint} response is {media}, not application/json."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The {endpoint} endpoint answered {status}."),
    QT_TRANSLATE_NOOP("WalletMessages", "A plain nonce request was answered {status}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The token endpoint answered {status}; errors are 400 or 401."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A token request with an unknown pre-authorized code was answered {got}, not 400 invalid_grant.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A credential request without an access token was answered {status}, not 401.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {endpoint} endpoint answered 401 without WWW-Authenticate."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {endpoint} error response is {media}, not application/json."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The {endpoint} error response has no error member."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "{error} is not an error code defined for the {endpoint} endpoint."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The token endpoint accepted the tx_code given as wrong."),
    QT_TRANSLATE_NOOP("WalletMessages", "A use_dpop_nonce error came without a DPoP-Nonce header."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The retry with the server's own DPoP nonce was challenged again."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The error text is in {member}; RFC 6749 names it error_description."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The PAR endpoint answered {status}, not 201 Created."),
    QT_TRANSLATE_NOOP("WalletMessages", "The PAR response lacks request_uri or expires_in."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "A wrong tx_code was answered {got}, not 400 invalid_grant."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The token endpoint answered {status}, not 200."),
    QT_TRANSLATE_NOOP("WalletMessages", "The token response lacks access_token or token_type."),
    QT_TRANSLATE_NOOP("WalletMessages", "The token response has no Cache-Control: no-store."),
    QT_TRANSLATE_NOOP("WalletMessages", "A token request with a DPoP proof got token_type {type}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The nonce endpoint returned the c_nonce of exchange {first} again."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The nonce response has no Cache-Control: no-store."),
    QT_TRANSLATE_NOOP("WalletMessages", "The nonce response has no c_nonce."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {endpoint} response has neither credentials nor transaction_id."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The notification endpoint answered {status}; 204 is recommended."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The {endpoint} response has a draft-era credential member; 1.0 sends credentials, an array of objects.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {endpoint} response has a transaction_id without an interval."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "damaged"),
    QT_TRANSLATE_NOOP("WalletMessages", "Enter the transaction code."),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code has only digits."),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code has {count} digits."),
    QT_TRANSLATE_NOOP("WalletMessages", "The transaction code has {count} characters."),
    QT_TRANSLATE_NOOP("WalletMessages", "Stored wallet data is damaged and could not be read."),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{first}; {rest}"),
    QT_TRANSLATE_NOOP("WalletMessages", "Received {name} ({count} copies)"),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer wants the wallet to make {count} credential requests in one go; the wallet makes at most {limit}, so it requested none. Ask the issuer for fewer credentials at a time.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer granted access to none of the offered credentials."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a wallet attestation and a key attestation from a wallet provider. Retry with the development wallet provider?",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's signed metadata could not be trusted, and your settings require signed metadata. {reason}",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "This offer cannot be received that way."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet provider file has no key attestation for the keys of this credential. Retry with the development wallet provider?",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This issuer requires a wallet attestation from a wallet provider. Retry with the development wallet provider?",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer does not sign its metadata, and your settings require signed metadata.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Several credentials start with this id. Type more of the id."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Deleted “{name}”."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This credential's stored record is damaged and cannot be read. Delete it with “wallet-app delete {id}” (or in the app) and receive it again.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "bad row"),
    QT_TRANSLATE_NOOP("WalletMessages", "There is no pending issuance with this id."),
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
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The wallet provider file {path} is not in the expected format."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The wallet provider file {path} could not be read."),
)
