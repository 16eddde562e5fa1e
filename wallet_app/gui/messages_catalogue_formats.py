"""User messages of ``wallet_app.formats``, for lupdate (generated; do not edit).

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
        "The issuer sent a credential with text that is not valid Unicode. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The credential is not a signed JWT. Nothing was stored."),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential's header or payload is not a JSON object. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a credential that is not signed (alg none). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer signed the credential with an algorithm that is not allowed ({alg}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential's {name} is not a date. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a credential that has already expired ({date}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a credential that is not valid yet (from {date}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a credential signed in the future ({date}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential does not end with '~' as an SD-JWT must. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential holds an empty disclosure ('~~'). Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential's type header (typ) is {typ}, not dc+sd-jwt as an SD-JWT VC must say. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential uses a digest algorithm the wallet does not know ({alg}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential is nested too deeply or holds text that is not valid Unicode. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {what} of the credential is not base64url. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The {what} of the credential holds text that is not valid UTF-8. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The {what} of the credential is nested more than {depth} levels deep. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The {what} of the credential is not JSON. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential's signature does not verify with its certificate. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential's signature does not verify with the key it carries. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent a credential with a key binding JWT (a presentation, not an issuance). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The {what} of the credential holds text that is not valid Unicode. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc whose signature header is not a map. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc that is not signed (no algorithm). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer signed the mdoc with an algorithm that is not allowed ({alg}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc without the certificate that signed it. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The mdoc's signature does not verify with its certificate. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc whose security object is not a map. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The mdoc uses a digest algorithm the wallet does not know ({alg}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The mdoc's document type {found} is not the one the issuer offered ({expected}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The mdoc's security object has no value digests. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The mdoc's name spaces are not a map. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The mdoc has no validity period. Nothing was stored."),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The mdoc's validity period cannot be read. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc that has already expired ({date}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc that is not valid yet (from {date}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc signed in the future ({date}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc that cannot be verified ({reason}). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The issuer sent an mdoc nested too deeply. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc whose data is nested more than {depth} levels deep. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The mdoc holds data that the issuer did not sign (digest mismatch). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The issuer sent an mdoc with text that is not valid Unicode. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The mdoc holds a data element that is not encoded as signed. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The mdoc holds a malformed data element. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The mdoc holds a data element without a digest ID. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The mdoc uses the same digest ID twice. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential holds {count} disclosure(s) that no digest signed by the issuer refers to (digest mismatch). Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "A digest in the credential is not text. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "A digest appears more than once in the credential. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "The credential holds the same disclosure twice. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A disclosure of the credential is not an array of 2 or 3 elements. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A disclosure of the credential has a salt or claim name that is not text. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A disclosure of the credential uses the reserved claim name {name}. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The credential's claims are nested more than {depth} levels deep. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages", "An _sd member of the credential is not an array. Nothing was stored."
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "An array element disclosure of the credential is used as a claim. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "The disclosed claim {name} collides with another claim of the credential. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "An array element digest of the credential has other members. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP(
        "WalletMessages",
        "A claim disclosure of the credential is used as an array element. Nothing was stored.",
    ),
    QT_TRANSLATE_NOOP("WalletMessages", "The issuer sent an empty credential."),
)
