"""User messages of ``wallet_app.trust``, for lupdate (generated; do not edit).

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
)
