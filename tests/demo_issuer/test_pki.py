"""The demo issuer's certificate hierarchy and the x5c / x5chain it puts on credentials."""

from __future__ import annotations

import datetime as dt
import ipaddress
import time

import httpx
import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtensionOID, NameOID
from demo_issuer_kit import Holder, b64url_decode, issue_credential, mdoc_mso, x5c_certificates

from wallet_app.demo_issuer import DemoIssuer
from wallet_app.demo_issuer.pki import DemoPki, issuer_san, self_signed_signer


def _org(cert: x509.Certificate) -> str:
    return str(cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value)


def test_chain_validates_root_to_signer_with_ca_extensions() -> None:
    pki = DemoPki("https://issuer.example/demo", time.time())
    root = x509.load_pem_x509_certificate(pki.root_pem())
    assert root.public_bytes(Encoding.DER) == pki.root_der()
    signer, issuing = pki.chain()
    root.verify_directly_issued_by(root)
    issuing.verify_directly_issued_by(root)
    signer.verify_directly_issued_by(issuing)
    now = dt.datetime.now(dt.UTC)
    for cert in (root, issuing, signer):
        assert cert.not_valid_before_utc <= now <= cert.not_valid_after_utc
        assert _org(cert) == "Demo Issuer GmbH"
        assert cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "DE"
    for ca in (root, issuing):
        basic = ca.extensions.get_extension_for_class(x509.BasicConstraints)
        assert basic.critical and basic.value.ca
        usage = ca.extensions.get_extension_for_class(x509.KeyUsage).value
        assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == 1
    assert issuing.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == 0
    assert not signer.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = signer.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and not usage.value.key_cert_sign
    # the authority key identifier of each certificate is its issuer's subject key identifier
    for child, parent in ((signer, issuing), (issuing, root)):
        aki = child.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
        ski = parent.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        assert aki.key_identifier == ski.digest
    cns = [
        c.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        for c in (signer, issuing, root)
    ]
    assert cns == ["Demo Issuer", "Demo Issuing CA", "Demo Root CA"]


@pytest.mark.parametrize(
    ("issuer_url", "host"),
    [
        ("https://issuer.example/demo", x509.DNSName("issuer.example")),
        ("http://127.0.0.1:8123", x509.IPAddress(ipaddress.ip_address("127.0.0.1"))),
        ("http://[::1]:8123", x509.IPAddress(ipaddress.ip_address("::1"))),
        ("http://localhost:8123", x509.DNSName("localhost")),
    ],
)
def test_signer_san_names_the_credential_issuer(issuer_url: str, host: x509.GeneralName) -> None:
    signer = DemoPki(issuer_url, time.time()).signer.certificate
    san = signer.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    assert list(san) == [x509.UniformResourceIdentifier(issuer_url), host]
    assert list(issuer_san(issuer_url)) == list(san)


def test_expired_signer_and_impostor_ca() -> None:
    now = time.time()
    pki = DemoPki("https://issuer.example", now)
    expired = pki.expired_signer().certificate
    expired.verify_directly_issued_by(pki.issuing_ca.certificate)
    assert expired.not_valid_after_utc < dt.datetime.fromtimestamp(now, dt.UTC)
    assert pki.expired_signer() is pki.expired_signer()
    impostor = pki.impostor_ca().certificate
    assert impostor.subject == pki.issuing_ca.certificate.subject
    impostor.verify_directly_issued_by(pki.root.certificate)
    with pytest.raises(InvalidSignature):
        pki.signer.certificate.verify_directly_issued_by(impostor)


def test_self_signed_signer_names_the_issuer_but_is_its_own_issuer() -> None:
    forged = self_signed_signer("https://issuer.example", time.time()).certificate
    forged.verify_directly_issued_by(forged)
    san = forged.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert x509.UniformResourceIdentifier("https://issuer.example") in san
    assert _org(forged) == "Demo Issuer GmbH"


def test_sd_jwt_x5c_and_mdoc_x5chain_are_signer_then_issuing_ca(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    root = x509.load_der_x509_certificate(issuer.root_certificate_der())
    assert issuer.root_certificate_pem().startswith(b"-----BEGIN CERTIFICATE-----")
    sd_chain = x5c_certificates(issue_credential(client, issuer, holder, "pid_sd_jwt"))
    _, mdoc_chain = mdoc_mso(issue_credential(client, issuer, holder, "mdl_mdoc"))
    assert sd_chain == mdoc_chain
    signer, issuing = sd_chain
    signer.verify_directly_issued_by(issuing)
    issuing.verify_directly_issued_by(root)
    # the key in the chain is the one published at /.well-known/jwt-vc-issuer
    jwk = client.get("/.well-known/jwt-vc-issuer").json()["jwks"]["keys"][0]
    numbers = signer.public_key().public_numbers()  # type: ignore[union-attr]
    assert b64url_decode(jwk["x"]) == numbers.x.to_bytes(32, "big")
    assert b64url_decode(jwk["y"]) == numbers.y.to_bytes(32, "big")
