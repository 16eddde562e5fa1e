"""The demo issuer's X.509 hierarchy: "Demo Root CA" → "Demo Issuing CA" → signer "Demo Issuer"
(ES256 / P-256, RFC 5280 profile), plus the deliberately wrong certificates the fault switches
use (an expired signer, an impostor issuing CA, self-signed forgeries)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import threading
from collections.abc import Sequence
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from wallet_app.frozen import frozen

__all__ = [
    "ORGANISATION",
    "Certified",
    "DemoPki",
    "chain_der",
    "issuer_san",
    "self_signed_signer",
]

ORGANISATION = "Demo Issuer GmbH"
_DAY = dt.timedelta(days=1)


@frozen
class Certified:
    """A private key and its certificate. Raises nothing."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    def der(self) -> bytes:
        """The certificate, DER. Raises nothing."""
        return self.certificate.public_bytes(serialization.Encoding.DER)


def _name(common_name: str, organisation: str = ORGANISATION) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issuer_san(credential_issuer: str) -> x509.SubjectAlternativeName:
    """SAN naming the credential issuer: its URL as uniformResourceIdentifier and its host as
    dNSName (iPAddress for an IP literal), so the SD-JWT VC `iss` rule holds either way.

    Raises nothing for an http(s) URL (a host-less URL gets only the URI).
    """
    names: list[x509.GeneralName] = [x509.UniformResourceIdentifier(credential_issuer)]
    host = urlsplit(credential_issuer).hostname
    if host:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public: ec.EllipticCurvePublicKey,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )


def _key_usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signer,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def _ca(
    common_name: str,
    parent: Certified | None,
    path_length: int,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> Certified:
    """A CA certificate; self-signed when `parent` is None."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(common_name)
    issuer_name = parent.certificate.subject if parent else subject
    signing_key = parent.key if parent else key
    builder = _builder(subject, issuer_name, key.public_key(), not_before, not_after)
    builder = builder.add_extension(
        x509.BasicConstraints(ca=True, path_length=path_length), critical=True
    ).add_extension(_key_usage(signer=False), critical=True)
    builder = builder.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
        critical=False,
    )
    return Certified(key, builder.sign(signing_key, hashes.SHA256()))


def _signer(
    common_name: str,
    credential_issuer: str,
    parent: Certified | None,
    not_before: dt.datetime,
    not_after: dt.datetime,
    organisation: str = ORGANISATION,
) -> Certified:
    """An end-entity signing certificate; self-signed when `parent` is None."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(common_name, organisation)
    issuer_name = parent.certificate.subject if parent else subject
    signing_key = parent.key if parent else key
    builder = (
        _builder(subject, issuer_name, key.public_key(), not_before, not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signer=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
        .add_extension(issuer_san(credential_issuer), critical=False)
    )
    return Certified(key, builder.sign(signing_key, hashes.SHA256()))


def self_signed_signer(
    credential_issuer: str,
    now: float,
    common_name: str = "Demo Issuer",
    organisation: str = ORGANISATION,
) -> Certified:
    """A fresh self-signed certificate whose SAN names the issuer (by default it also copies
    the real signer's subject: the forgery). Raises nothing."""
    start = dt.datetime.fromtimestamp(now, dt.UTC) - _DAY
    return _signer(common_name, credential_issuer, None, start, start + 366 * _DAY, organisation)


class DemoPki:
    """Root → issuing CA → signer, built once per demo issuer at `now` (epoch seconds).

    The certificates that only the fault switches need are made on first use.
    Raises nothing.
    """

    def __init__(self, credential_issuer: str, now: float) -> None:
        self.credential_issuer = credential_issuer
        self._now = now
        start = dt.datetime.fromtimestamp(now, dt.UTC)
        self._ca_start = start - 730 * _DAY
        self.root = _ca("Demo Root CA", None, 1, self._ca_start, start + 3650 * _DAY)
        self.issuing_ca = _ca("Demo Issuing CA", self.root, 0, self._ca_start, start + 1825 * _DAY)
        self.signer = _signer(
            "Demo Issuer", credential_issuer, self.issuing_ca, start - _DAY, start + 730 * _DAY
        )
        self._lock = threading.Lock()
        self._expired: Certified | None = None
        self._impostor_ca: Certified | None = None

    def chain(self) -> tuple[x509.Certificate, ...]:
        """The x5c / x5chain certificates: (signer, issuing CA); the root is the anchor."""
        return (self.signer.certificate, self.issuing_ca.certificate)

    def root_pem(self) -> bytes:
        """The root certificate, PEM (what a wallet adds as its trust anchor)."""
        return self.root.certificate.public_bytes(serialization.Encoding.PEM)

    def root_der(self) -> bytes:
        """The root certificate, DER."""
        return self.root.der()

    def expired_signer(self) -> Certified:
        """A signer from the real issuing CA whose validity ended a day before `now`."""
        with self._lock:
            if self._expired is None:
                start = dt.datetime.fromtimestamp(self._now, dt.UTC)
                self._expired = _signer(
                    "Demo Issuer",
                    self.credential_issuer,
                    self.issuing_ca,
                    start - 366 * _DAY,
                    start - _DAY,
                )
            return self._expired

    def impostor_ca(self) -> Certified:
        """A CA with the issuing CA's name (and signed by the real root) that did NOT sign the
        signer: [signer, impostor] is a broken chain."""
        with self._lock:
            if self._impostor_ca is None:
                start = dt.datetime.fromtimestamp(self._now, dt.UTC)
                self._impostor_ca = _ca(
                    "Demo Issuing CA", self.root, 0, self._ca_start, start + 1825 * _DAY
                )
            return self._impostor_ca


def chain_der(chain: Sequence[x509.Certificate]) -> list[bytes]:
    """DER of each certificate, leaf first. Raises nothing."""
    return [c.public_bytes(serialization.Encoding.DER) for c in chain]
