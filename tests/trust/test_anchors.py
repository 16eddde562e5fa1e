"""Reading trust anchors from PEM, DER and ETSI TS 119 612 trusted lists."""

from __future__ import annotations

import base64
import hashlib

import pytest

from tests.trust.pki_kit import build_pki, make_cert
from wallet_app.errors import UsageError
from wallet_app.trust.anchors import TrustAnchor, certificate_organisation, read_certificates

TSL_NS = "http://uri.etsi.org/02231/v2#"


def _trusted_list(*ders: bytes) -> bytes:
    services = "".join(
        f"""<TSPService><ServiceInformation><ServiceDigitalIdentity><DigitalId>
        <X509Certificate>{base64.b64encode(der).decode()}</X509Certificate>
        </DigitalId><DigitalId><X509SubjectName>CN=x</X509SubjectName></DigitalId>
        </ServiceDigitalIdentity></ServiceInformation></TSPService>"""
        for der in ders
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><TrustServiceStatusList xmlns="{TSL_NS}">'
        f"<TrustServiceProviderList><TrustServiceProvider><TSPServices>{services}"
        f"</TSPServices></TrustServiceProvider></TrustServiceProviderList>"
        f"</TrustServiceStatusList>"
    ).encode()


def test_an_anchor_carries_its_id_subject_organisation_and_validity() -> None:
    root = build_pki().root
    anchor = TrustAnchor.from_certificate(root.cert)
    assert anchor.id == hashlib.sha256(root.der).hexdigest()
    assert anchor.subject == "CN=Test Root CA,O=Test Trust Services,C=DE"
    assert anchor.organisation == "Test Trust Services"
    assert anchor.not_before == root.cert.not_valid_before_utc
    assert anchor.not_after.tzinfo is not None
    assert anchor.certificate == root.cert
    assert TrustAnchor.from_der(root.der) == anchor


def test_organisation_falls_back_to_the_common_name() -> None:
    cert = make_cert("Only A Name", org=None).cert
    assert certificate_organisation(cert) == "Only A Name"


def test_pem_with_several_certificates_and_duplicates() -> None:
    pki = build_pki()
    data = b"some text\n" + pki.root.pem + pki.intermediate.pem + pki.root.pem
    assert read_certificates(data) == [pki.root.cert, pki.intermediate.cert]


def test_der() -> None:
    root = build_pki().root
    assert read_certificates(root.der) == [root.cert]


def test_an_etsi_trusted_list() -> None:
    pki = build_pki()
    data = _trusted_list(pki.root.der, pki.intermediate.der)
    assert read_certificates(data, name="tl.xml") == [pki.root.cert, pki.intermediate.cert]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"", "not a DER certificate"),
        (b"hello", "not a DER certificate"),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "damaged"),
        (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "no certificate"),
        (b"<TrustServiceStatusList/>", "no certificate"),
        (b"<unclosed", "not well-formed XML"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "DTD"),
    ],
)
def test_unreadable_files_say_so(data: bytes, detail: str) -> None:
    with pytest.raises(UsageError) as caught:
        read_certificates(data, name="roots.pem")
    assert caught.value.code == "no_certificates"
    assert caught.value.user_message.startswith("No certificate could be read from roots.pem.")
    assert detail in (caught.value.detail or "")
