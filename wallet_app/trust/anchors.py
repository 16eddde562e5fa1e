"""Trust anchors: the root certificates the user trusts, read from PEM, DER or a trusted list.

An anchor is an X.509 certificate (an IACA root for mdoc, an issuer CA for SD-JWT VC) whose
key ends a certification path (RFC 5280 §6.1.1 (d)). Files hold one or more PEM certificates,
one DER certificate, or an ETSI TS 119 612 trusted list (XML), whose services' certificates
(``ServiceDigitalIdentity/DigitalId/X509Certificate``) are read as anchors.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from wallet_app.errors import UsageError
from wallet_app.frozen import frozen

__all__ = ["TrustAnchor", "certificate_organisation", "read_certificates"]

_PEM_BLOCK = re.compile(
    rb"-----BEGIN CERTIFICATE-----\s*(.+?)\s*-----END CERTIFICATE-----", re.DOTALL
)
_MAX_TRUSTED_LIST_CERTIFICATES = 10_000


def certificate_organisation(cert: x509.Certificate) -> str | None:
    """The subject's organisation (``O=``), else its common name (``CN=``); None without
    either. Raises nothing."""
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        values = cert.subject.get_attributes_for_oid(oid)
        if values and isinstance(values[0].value, str) and values[0].value.strip():
            return values[0].value.strip()
    return None


@frozen
class TrustAnchor:
    """One trusted certificate. ``id`` is the lower-case hex SHA-256 of its DER."""

    id: str
    subject: str
    organisation: str | None
    not_before: datetime
    not_after: datetime
    der: bytes

    @classmethod
    def from_certificate(cls, cert: x509.Certificate) -> TrustAnchor:
        """The anchor of ``cert``. Raises nothing."""
        der = cert.public_bytes(Encoding.DER)
        return cls(
            id=hashlib.sha256(der).hexdigest(),
            subject=cert.subject.rfc4514_string(),
            organisation=certificate_organisation(cert),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            der=der,
        )

    @classmethod
    def from_der(cls, der: bytes) -> TrustAnchor:
        """The anchor of a DER certificate (e.g. from the store). Raises ValueError when
        ``der`` is not a certificate."""
        return cls.from_certificate(x509.load_der_x509_certificate(der))

    @property
    def certificate(self) -> x509.Certificate:
        """The certificate, parsed again from its DER. Raises nothing for a stored anchor."""
        return x509.load_der_x509_certificate(self.der)


def _unreadable(name: str, detail: str) -> UsageError:
    return UsageError(
        "No certificate could be read from {name}. Use a PEM or DER certificate file, or an "
        "ETSI trusted list (XML).",
        params={"name": name},
        detail=detail,
        code="no_certificates",
    )


def _from_pem(data: bytes, name: str) -> list[x509.Certificate]:
    certs = []
    for index, block in enumerate(_PEM_BLOCK.finditer(data), start=1):
        try:
            der = base64.b64decode(b"".join(block.group(1).split()), validate=True)
            certs.append(x509.load_der_x509_certificate(der))
        except (binascii.Error, ValueError) as exc:
            raise _unreadable(name, f"PEM certificate {index} is damaged: {exc}") from exc
    return certs


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _from_trusted_list(data: bytes, name: str) -> list[x509.Certificate]:
    """Every ``DigitalId/X509Certificate`` of an ETSI TS 119 612 trusted list."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        # a trusted list needs no DTD; entity declarations only serve expansion attacks
        raise _unreadable(name, "the XML declares a DTD or entities")
    from xml.etree import ElementTree  # only here: ~2 ms of every start (issue 11)

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise _unreadable(name, f"not well-formed XML: {exc}") from exc
    certs: list[x509.Certificate] = []
    for digital_id in root.iter():
        if _local(digital_id.tag) != "DigitalId":
            continue
        for child in digital_id:
            if _local(child.tag) != "X509Certificate" or not (child.text or "").strip():
                continue
            try:
                der = base64.b64decode("".join((child.text or "").split()), validate=True)
                certs.append(x509.load_der_x509_certificate(der))
            except (binascii.Error, ValueError) as exc:
                raise _unreadable(name, f"a trusted-list certificate is damaged: {exc}") from exc
            if len(certs) > _MAX_TRUSTED_LIST_CERTIFICATES:
                raise _unreadable(name, "the trusted list has too many certificates")
    return certs


def read_certificates(data: bytes, *, name: str = "the file") -> list[x509.Certificate]:
    """The certificates in ``data``: PEM (one or more), DER (one), or an ETSI TS 119 612
    trusted list (XML). Duplicates are dropped, order is kept.

    Raises UsageError (code ``no_certificates``) when none can be read, naming ``name``.
    """
    stripped = data.lstrip()
    if b"-----BEGIN" in data:
        certs = _from_pem(data, name)
    elif stripped.startswith(b"<"):
        certs = _from_trusted_list(stripped, name)
    else:
        try:
            certs = [x509.load_der_x509_certificate(data)]
        except ValueError as exc:
            raise _unreadable(name, f"not a DER certificate: {exc}") from exc
    if not certs:
        raise _unreadable(name, "the file holds no certificate")
    unique: dict[bytes, x509.Certificate] = {}
    for cert in certs:
        unique.setdefault(cert.public_bytes(Encoding.DER), cert)
    return list(unique.values())
