"""A small CA toolkit for trust tests: root → intermediate → leaf, real certificates.

Everything is built with ``cryptography`` on P-256 (ES256), freshly per call. Options make the
faults the trust core must catch: an expired or not-yet-valid certificate, an issuer that is
not a CA (or lacks keyCertSign), a leaf whose key usage does not allow signatures, SANs naming
(or not naming) an issuer, and a self-signed forgery that names the issuer in its SAN.

    pki = build_pki(issuer="https://issuer.example.com")
    pki.root.cert            # the trust anchor
    pki.x5c()                # JOSE x5c: [leaf, intermediate] (standard base64 DER)
    pki.x5chain()            # COSE x5chain: [leaf DER, intermediate DER]
    pki.leaf.jwk()           # the signer's private JWK (joserfc ECKey)
    sign_jws({"typ": "dc+sd-jwt"}, payload, pki.leaf, chain=pki.chain())
"""

from __future__ import annotations

import base64
import ipaddress
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from joserfc import jws
from joserfc.jwk import ECKey

__all__ = [
    "Issued",
    "Pki",
    "b64url",
    "build_pki",
    "forged_leaf",
    "make_cert",
    "sign_jws",
]

DAY = timedelta(days=1)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Issued:
    """A certificate and its private key."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(Encoding.PEM)

    @property
    def x5c_value(self) -> str:
        """The certificate as one JOSE ``x5c`` member (RFC 7515 §4.1.6: base64, not base64url)."""
        return base64.b64encode(self.der).decode("ascii")

    def jwk(self) -> ECKey:
        """The private key as a joserfc key (for signing)."""
        return ECKey.import_key(self.key)

    def public_jwk(self) -> dict[str, object]:
        return dict(ECKey.import_key(self.key.public_key()).as_dict(private=False))


def _name(cn: str, org: str | None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "DE")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _san(issuer: str | None, dns: Sequence[str], uris: Sequence[str]) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = [x509.UniformResourceIdentifier(u) for u in uris]
    names += [x509.DNSName(d) for d in dns]
    if issuer:
        names.append(x509.UniformResourceIdentifier(issuer))
        host = urlsplit(issuer).hostname or ""
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return names


def make_cert(
    cn: str,
    *,
    parent: Issued | None = None,
    org: str | None = "Test Org",
    ca: bool = False,
    path_length: int | None = None,
    key_cert_sign: bool | None = None,
    digital_signature: bool | None = None,
    key_usage: bool = True,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    now: datetime | None = None,
    san_issuer: str | None = None,
    san_dns: Sequence[str] = (),
    san_uris: Sequence[str] = (),
    key: ec.EllipticCurvePrivateKey | None = None,
    name_constraints: x509.NameConstraints | None = None,
) -> Issued:
    """One certificate: self-signed when ``parent`` is None, else signed by ``parent``.

    ``ca`` sets basicConstraints cA (critical); key usage defaults to keyCertSign+cRLSign for
    a CA and digitalSignature for a leaf (``key_usage=False`` leaves the extension out).
    ``san_issuer`` adds the issuer URL as a URI SAN plus its host as dNSName/iPAddress.
    """
    now = now or datetime.now(UTC)
    key = key or ec.generate_private_key(ec.SECP256R1())
    subject = _name(cn, org)
    issuer_name = parent.cert.subject if parent else subject
    signing_key = parent.key if parent else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - DAY)
        .not_valid_after(not_after or now + 365 * DAY)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if parent is not None:
        aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(parent.key.public_key())
        builder = builder.add_extension(aki, critical=False)
    if key_usage:
        sign = digital_signature if digital_signature is not None else not ca
        cert_sign = key_cert_sign if key_cert_sign is not None else ca
        usage = x509.KeyUsage(
            digital_signature=sign,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=cert_sign,
            crl_sign=cert_sign,
            encipher_only=False,
            decipher_only=False,
        )
        builder = builder.add_extension(usage, critical=True)
    if name_constraints is not None:
        builder = builder.add_extension(name_constraints, critical=True)
    names = _san(san_issuer, san_dns, san_uris)
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return Issued(builder.sign(signing_key, hashes.SHA256()), key)


@dataclass(frozen=True)
class Pki:
    """Root → intermediate → leaf."""

    root: Issued
    intermediate: Issued
    leaf: Issued

    def chain(self) -> list[Issued]:
        """What an issuer sends: leaf first, then the intermediate (the root is the anchor)."""
        return [self.leaf, self.intermediate]

    def x5c(self) -> list[str]:
        return [c.x5c_value for c in self.chain()]

    def x5chain(self) -> list[bytes]:
        return [c.der for c in self.chain()]


def build_pki(
    *,
    issuer: str | None = "https://issuer.example.com",
    now: datetime | None = None,
    org: str = "Test Issuer GmbH",
    root_cn: str = "Test Root CA",
    leaf_not_before: datetime | None = None,
    leaf_not_after: datetime | None = None,
    intermediate_not_after: datetime | None = None,
    intermediate_ca: bool = True,
    intermediate_key_cert_sign: bool = True,
    leaf_digital_signature: bool = True,
    leaf_san: bool = True,
    san_dns: Sequence[str] = (),
    san_uris: Sequence[str] = (),
) -> Pki:
    """A fresh chain of three, valid around ``now`` (default: the real clock) unless told.

    ``issuer`` goes into the leaf's SAN (URI + host) when ``leaf_san``.
    """
    now = now or datetime.now(UTC)
    root = make_cert(root_cn, org="Test Trust Services", ca=True, now=now - DAY)
    intermediate = make_cert(
        "Test Issuing CA",
        parent=root,
        org="Test Trust Services",
        ca=intermediate_ca,
        path_length=0 if intermediate_ca else None,
        key_cert_sign=intermediate_key_cert_sign,
        not_after=intermediate_not_after,
        now=now - DAY,
    )
    leaf = make_cert(
        "Test Issuer",
        parent=intermediate,
        org=org,
        digital_signature=leaf_digital_signature,
        not_before=leaf_not_before,
        not_after=leaf_not_after,
        now=now,
        san_issuer=issuer if leaf_san else None,
        san_dns=san_dns,
        san_uris=san_uris,
    )
    return Pki(root, intermediate, leaf)


def forged_leaf(issuer: str, *, now: datetime | None = None) -> Issued:
    """A self-signed signer certificate whose SAN names ``issuer``: what a forger makes."""
    return make_cert("Test Issuer", org="Test Issuer GmbH", now=now, san_issuer=issuer)


def sign_jws(
    header: Mapping[str, object],
    payload: Mapping[str, object],
    signer: Issued,
    *,
    chain: Sequence[Issued] | None = None,
) -> str:
    """A compact ES256 JWS by ``signer``; ``chain`` (leaf first) goes into ``x5c``."""
    full: dict[str, object] = {"alg": "ES256", **header}
    if chain is not None:
        full["x5c"] = [c.x5c_value for c in chain]
    body = json.dumps(dict(payload)).encode()
    return jws.serialize_compact(full, body, signer.jwk(), algorithms=["ES256"])
