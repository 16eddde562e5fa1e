"""The public key of an issuer's X.509 certificate, read without a library warning.

cryptography 51 deprecated DSA and warns ("DSA is deprecated") whenever a DSA key is loaded,
including the key of a certificate. An issuer's DSA certificate is not a fault of the wallet or of
its user: the credential is still shown and its signature reported as not verified (no credential
format this wallet reads is signed with DSA). So the warning is silenced here, for this one call,
instead of reaching the user's terminal or failing the tests (where warnings are errors).
"""

from __future__ import annotations

import warnings

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.utils import CryptographyDeprecationWarning

__all__ = ["certificate_public_key", "load_der_certificate"]


def certificate_public_key(cert: x509.Certificate) -> CertificatePublicKeyTypes:
    """``cert.public_key()`` without cryptography's DSA deprecation warning.

    Raises UnsupportedAlgorithm (cryptography 44: ValueError) for a key type cryptography cannot
    load (an unknown OID).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "DSA is deprecated", CryptographyDeprecationWarning)
        return cert.public_key()


def load_der_certificate(der: bytes) -> x509.Certificate:
    """``x509.load_der_x509_certificate(der)`` without cryptography's deprecation warnings
    about what an issuer's certificate gets wrong (a serial number that is not positive):
    the issuer's fault is reported by the checks, not as a warning on the user's terminal.
    Raises ValueError for what is not a DER certificate."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        return x509.load_der_x509_certificate(der)
