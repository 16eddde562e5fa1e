"""User messages of ``wallet_app.oid4vci``, for lupdate (generated; do not edit).

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
        "The issuer's sign-in service answered the challenge request with nothing the wallet can use.",
    ),
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
        "The issuer uses an insecure or invalid address, so the wallet will not contact it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer redirected the wallet from a secure (https) address to an insecure one, so the wallet did not follow.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "{host} was too slow: its answer did not arrive within {seconds} seconds, so the wallet stopped waiting. Try again later.",
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
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's configuration is nested too deeply, so the wallet did not read it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The sign-in service's configuration is nested too deeply, so the wallet did not read it.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's answer did not contain a usable credential."),
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
        "The issuer answered, but the wallet cannot read its configuration: it is not valid JSON. The issuer must fix its metadata.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The sign-in service answered, but the wallet cannot read its configuration: it is not valid JSON. The issuer must fix its metadata.",
    ),
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
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer's encrypted answer is nested too deeply or holds invalid text, so the wallet did not read it.",
    ),
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
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer does not know the requested credential."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer declined to issue this credential."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer rejected the credential request as malformed."),
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
        "The issuer sent a much larger answer than expected, so the wallet stopped reading.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer sent an answer the wallet cannot read."),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer redirected the wallet too many times."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an answer nested too deeply or holding invalid text, so the wallet did not read it.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "{host} sent an answer in a compressed form the wallet cannot read."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The connection to {host} failed."),
    QT_TRANSLATE_NOOP("WalletMessages", "{host} took too long to answer. Try again later."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "{host} could not be reached. Check the address and your connection."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "{host} could not be reached through the proxy. Check the proxy in the settings (General, Proxy) or the HTTPS_PROXY environment variable.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer uses an invalid address, so the wallet will not contact it."
    ),
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
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "This offer lists {count} credentials at once; the wallet takes at most {limit} from one offer, so it requested none. Ask the issuer for a smaller offer.",
    ),
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
        "WalletMessages",
        "The credential offer is damaged: it is nested too deeply or holds invalid text.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential offer is damaged: its content is not valid JSON."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This issuer needs a key type this wallet does not support."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "This issuer needs a kind of key proof this wallet cannot make."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer's token answer cannot be used."),
)
