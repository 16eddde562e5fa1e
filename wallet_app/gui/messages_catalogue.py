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
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential did not pass verification, so it was not stored."
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
    QT_TRANSLATE_NOOP(
        "WalletMessages", "WALLET_APP_SIGNED_METADATA must be ignore, prefer or require."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "WALLET_APP_TIMEOUT must be a positive number of seconds."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "No certificate could be read from {name}. Use a PEM or DER certificate file, or an ETSI trusted list (XML).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The certificate {subject} has a critical extension the wallet does not know ({oid}).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The signer's certificate does not name the issuer {issuer} (its names: {names}).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The certificate chain is valid: {count} certificate(s) from {leaf} up to {top}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "No trust anchor vouches for the issuer: its certificate chain does not validate.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer sent no certificate."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The self-signed certificate {subject} is not signed by its own key."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The certificate {subject} is not signed by the certificate that names itself its issuer ({issuer}).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The certificate chain is longer than {limit} certificates."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The certificate {subject} is not valid before {date}."),
    QT_TRANSLATE_NOOP("WalletMessages", "The certificate {subject} expired on {date}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The certificate {subject} was not valid when the credential was signed ({date}); it is valid from {start} to {end}.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The certificate {subject} signs other certificates but is not a CA."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The certificate {subject} may not sign certificates (its key usage lacks keyCertSign).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The certificate {subject} allows at most {limit} CA certificate(s) below it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The signer's certificate names the issuer {issuer}."),
    QT_TRANSLATE_NOOP("WalletMessages", "{reason} ({count} more problem(s) with the chain.)"),
    QT_TRANSLATE_NOOP("WalletMessages", "A certificate of the issuer cannot be read ({reason})."),
    QT_TRANSLATE_NOOP("WalletMessages", "The certificate {subject} cannot be read ({reason})."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The signer's certificate {subject} may not be used for signatures (its key usage lacks digitalSignature).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "{anchor} is in your trust list and vouches for the issuer."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{top} is not in your trust list."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The chain ends at {top}, whose issuer {issuer} is not in your trust list.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential is bound to a key that is not this wallet's."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential is not bound to a key of this wallet."),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential is bound to this wallet's key."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential is valid now ({date}) and does not expire."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential is valid now ({date}); it expires on {until}."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential was signed in the future ({date})."),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential is not valid before {date}."),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential expired on {date}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's key is the one of its certificate {subject} (x5c)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's key was published at {url}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The key comes from the issuer's web site, not from a certificate: no trust anchor vouches for it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's certificate chain (x5c) cannot be read: {reason}"
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "{url} answered with HTTP status {status}."),
    QT_TRANSLATE_NOOP("WalletMessages", 'The issuer\'s key set has no "keys" array.'),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's key set has no key for this credential (kid {kid})."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "A did:jwk names its own key: no trust anchor vouches for it."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential carries its own key (jwk header): no trust anchor vouches for it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's key is its did:jwk identifier."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's published key cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "The metadata at {url} names another issuer ({found})."),
    QT_TRANSLATE_NOOP("WalletMessages", "The metadata at {url} must have either jwks or jwks_uri."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's key could not be fetched from {url}: {reason}"
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's did:jwk cannot be read: {reason}"),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's key is embedded in the credential (jwk header)."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's key was not fetched (the wallet is offline)."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer {issuer} names its key in a way the wallet cannot resolve."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The key in the credential's header cannot be read: {reason}"
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The name {name} in the signer's certificate is outside what {ca} may certify (name constraints).",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signed issuer metadata has the type “{typ}”, not {expected}."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The signed issuer metadata uses the algorithm “{alg}”, which is not accepted.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The signed issuer metadata carries no certificate chain (x5c), so the wallet cannot establish trust in its signer.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The signature of the issuer metadata does not match the certificate it carries.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer metadata is signed by {signer}, and your trust anchor {anchor} vouches for it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The certificates of the signed issuer metadata cannot be read."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signed issuer metadata is about “{sub}”, not about “{issuer}”."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signed issuer metadata names “{inner}” as the credential issuer."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signed issuer metadata does not say when it was issued."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signed issuer metadata claims to be issued in the future."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The signed issuer metadata has expired."),
    QT_TRANSLATE_NOOP("WalletMessages", "No trust anchor vouches for it."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The signer of the issuer metadata is not trusted, so the signed values were not used: {reason}",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The signed issuer metadata is not a JWT."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The status list is signed by a key that is neither the issuer's nor certified by an anchor in your trust list.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list gives the value {value}, which the wallet does not know."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's status list says the credential is valid."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer has revoked the credential (status list entry {idx})."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer has suspended the credential (status list entry {idx})."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The status could not be checked: {reason}"),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential's entry {idx} is outside the status list ({size} entries).",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list server answered with HTTP {status}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list server answered with “{type}”, not a status list token."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list token is about “{sub}”, not about “{uri}”."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list token does not say when it was issued (iat)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list token is not valid yet."),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list token has expired."),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list token has an invalid ttl."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list token has the type “{typ}”, not statuslist+jwt."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list token has the type “{typ}”, not statuslist+cwt."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list's signature does not match the certificate it carries."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The status list token uses the algorithm “{alg}”, which is not accepted."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list's signer is not trusted: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list was not fetched (no network access)."),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list could not be fetched: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list token is not a JWT."),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list in the token is malformed ({problem})."),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list token is not a CWT ({problem})."),
    QT_TRANSLATE_NOOP("WalletMessages", "The status list's certificates cannot be read."),
    QT_TRANSLATE_NOOP("WalletMessages", "the claim metadata of {url} is malformed."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential type “{vct}” is not a URL, so there is no type metadata to fetch.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The type metadata was not fetched (no network access)."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "Type metadata for “{vct}” was found; it extends {count} other type(s)."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "Type metadata for “{vct}” was found."),
    QT_TRANSLATE_NOOP("WalletMessages", "The type metadata could not be used: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "{url} answered with HTTP {status}."),
    QT_TRANSLATE_NOOP("WalletMessages", "the document at {url} is not a JSON object."),
    QT_TRANSLATE_NOOP("WalletMessages", "the document at {url} describes “{vct}” instead."),
    QT_TRANSLATE_NOOP("WalletMessages", "the display metadata of {url} is not a list."),
    QT_TRANSLATE_NOOP("WalletMessages", "the extended type “{vct}” is not a URL."),
    QT_TRANSLATE_NOOP("WalletMessages", "extends#integrity is not a string."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "the type “{vct}” changes a claim rule that the type it extends fixed."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "the type “{vct}” extends itself (a loop)."),
    QT_TRANSLATE_NOOP("WalletMessages", "the chain of extended types is longer than {depth}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "the document at {url} does not match its integrity value."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "the document at {url} is not JSON."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The wallet does not verify {format} credentials: the issuer was not checked.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "A {format} credential must be a string."),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential is a well-formed {format}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The disclosures do not match the digests the issuer signed: {problems}"
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's signature ({alg}) does not match the credential."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "All {count} disclosure(s) match digests the issuer signed."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signature could not be checked: the issuer's key is not known."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's signature ({alg}) is valid."),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential has no vct type."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The data elements do not match the digests the issuer signed: {problems}"
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer signed the document type {doc_type}."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential is a well-formed mso_mdoc IssuerSigned structure."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's signature over the Mobile Security Object is valid."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "All {count} data element(s) match the digests the issuer signed."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The Mobile Security Object names no document type."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The document says it is a {document} but the issuer signed a {signed}."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's certificate chain (x5chain) cannot be read: {reason}"
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The signature could not be checked: the issuer sent no certificate."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer's signature does not match the Mobile Security Object."
    ),
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
