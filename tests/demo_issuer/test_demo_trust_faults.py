"""The demo issuer's trust fault switches: each produces exactly the defect it names."""

from __future__ import annotations

import base64
import datetime as dt
import zlib

import httpx
import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from demo_issuer_kit import (
    Holder,
    b64url_decode,
    issue_credential,
    mdoc_mso,
    verify_with_leaf,
    x5c_certificates,
)

from wallet_app.demo_issuer import DemoFaults, DemoIssuer

FORMATS = ("pid_sd_jwt", "mdl_mdoc")


def _chain_and_iat(credential: str, config_id: str) -> tuple[list[x509.Certificate], dt.datetime]:
    """The certificates a credential carries (its signature checked with the leaf) and when
    it was signed."""
    if config_id == "mdl_mdoc":
        mso, chain = mdoc_mso(credential)
        signed = mso["validityInfo"]["signed"]
        assert isinstance(signed, dt.datetime)
        return chain, signed
    _, claims = verify_with_leaf(credential)
    iat = claims["iat"]
    assert isinstance(iat, int)
    return x5c_certificates(credential), dt.datetime.fromtimestamp(iat, dt.UTC)


def _root(issuer: DemoIssuer) -> x509.Certificate:
    return x509.load_der_x509_certificate(issuer.root_certificate_der())


@pytest.mark.parametrize("config_id", FORMATS)
def test_no_fault_chain_validates_to_the_root(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder, config_id: str
) -> None:
    (leaf, issuing), signed = _chain_and_iat(
        issue_credential(client, issuer, holder, config_id), config_id
    )
    leaf.verify_directly_issued_by(issuing)
    issuing.verify_directly_issued_by(_root(issuer))
    assert leaf.not_valid_before_utc <= signed <= leaf.not_valid_after_utc


@pytest.mark.parametrize("config_id", FORMATS)
def test_broken_chain(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder, config_id: str
) -> None:
    issuer.faults.broken_chain = True
    (leaf, impostor), _ = _chain_and_iat(
        issue_credential(client, issuer, holder, config_id), config_id
    )
    assert leaf.issuer == impostor.subject  # looks right by name ...
    impostor.verify_directly_issued_by(_root(issuer))
    with pytest.raises(InvalidSignature):  # ... but the CA in x5c did not sign the signer
        leaf.verify_directly_issued_by(impostor)
    issuer.faults.broken_chain = False
    (_, issuing), _ = _chain_and_iat(issue_credential(client, issuer, holder, config_id), config_id)
    leaf.verify_directly_issued_by(issuing)


@pytest.mark.parametrize("config_id", FORMATS)
def test_expired_signer(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder, config_id: str
) -> None:
    issuer.faults.expired_signer = True
    (leaf, issuing), signed = _chain_and_iat(
        issue_credential(client, issuer, holder, config_id), config_id
    )
    leaf.verify_directly_issued_by(issuing)
    issuing.verify_directly_issued_by(_root(issuer))
    assert leaf.not_valid_after_utc < signed


@pytest.mark.parametrize("config_id", FORMATS)
def test_forged_credential_is_self_signed_and_names_the_issuer(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder, config_id: str
) -> None:
    issuer.faults.forged = True
    (forged,), _ = _chain_and_iat(issue_credential(client, issuer, holder, config_id), config_id)
    forged.verify_directly_issued_by(forged)
    san = forged.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert x509.UniformResourceIdentifier(issuer.credential_issuer) in san
    # it impersonates the real signer's name, but nothing of the demo's chain vouches for it
    real_signer = x5c_certificates(client.get("/status/1").text)[0]
    assert forged.subject == forged.issuer == real_signer.subject
    assert forged.public_key() != real_signer.public_key()


@pytest.mark.parametrize("config_id", FORMATS)
def test_revoked_credentials_are_issued_with_status_invalid(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder, config_id: str
) -> None:
    issuer.faults.revoked = True
    revoked = issue_credential(client, issuer, holder, config_id)
    issuer.faults.revoked = False
    valid = issue_credential(client, issuer, holder, config_id)
    assert (issuer.status_of(revoked), issuer.status_of(valid)) == (1, 0)
    token = client.get("/status/1", headers={"Accept": "application/statuslist+jwt"}).text
    _, claims = verify_with_leaf(token)
    status_list = claims["status_list"]
    assert isinstance(status_list, dict)
    raw = zlib.decompress(b64url_decode(str(status_list["lst"])))
    assert raw[0] & 0b1111 == 0b0001  # index 0 invalid (1), index 1 valid (0)


def test_status_list_signed_by_the_wrong_key(issuer: DemoIssuer, client: httpx.Client) -> None:
    accept = {"Accept": "application/statuslist+jwt"}
    right = x5c_certificates(client.get("/status/1", headers=accept).text)
    issuer.faults.status_wrong_key = True
    token = client.get("/status/1", headers=accept).text
    header, claims = verify_with_leaf(token)  # a valid signature ...
    assert header["typ"] == "statuslist+jwt" and claims["sub"] == f"{issuer.base_url}/status/1"
    (wrong,) = x5c_certificates(token)
    wrong.verify_directly_issued_by(wrong)  # ... by a self-signed certificate
    assert wrong.issuer == wrong.subject != right[1].subject
    assert "Somebody Else Ltd" in wrong.subject.rfc4514_string()
    assert wrong.public_key() != right[0].public_key()


def test_switches_are_properties_set_at_construction() -> None:
    faults = DemoFaults(
        broken_chain=True,
        expired_signer=True,
        revoked=True,
        status_wrong_key=True,
        forged=True,
        status_latency=1.5,
    )
    assert (faults.broken_chain, faults.expired_signer, faults.revoked) == (True, True, True)
    assert (faults.status_wrong_key, faults.forged, faults.status_latency) == (True, True, 1.5)
    faults.forged = False
    faults.status_latency = 0.0
    assert (faults.forged, faults.status_latency) == (False, 0.0)
    assert DemoFaults().forged is False


def _sd_digests(node: object) -> set[str]:
    """Every digest an SD-JWT payload signs (``_sd`` members and ``...`` array elements)."""
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(d for d in node.get("_sd", []) if isinstance(d, str))
        if isinstance(node.get("..."), str):
            found.add(node["..."])
        for value in node.values():
            found |= _sd_digests(value)
    elif isinstance(node, list):
        for value in node:
            found |= _sd_digests(value)
    return found


@pytest.mark.parametrize("config_id", FORMATS)
def test_tampered_credential_no_longer_matches_its_signed_digests(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder, config_id: str
) -> None:
    import hashlib
    import json

    import cbor2

    issuer.faults.tampered = True
    credential = issue_credential(client, issuer, holder, config_id)
    if config_id == "mdl_mdoc":
        mso, _ = mdoc_mso(credential)  # the issuer's signature still holds
        digests = mso["valueDigests"]
        name_spaces = cbor2.loads(b64url_decode(credential))["nameSpaces"]
        mismatched = [
            item
            for ns, items in name_spaces.items()
            for item in items
            if digests[ns][cbor2.loads(item.value)["digestID"]]
            != hashlib.sha256(cbor2.dumps(item)).digest()
        ]
        assert len(mismatched) == 1
        return
    jwt, *disclosures = credential.split("~")
    payload = json.loads(b64url_decode(jwt.split(".")[1]))
    signed = _sd_digests(payload)  # and those inside disclosed objects and arrays
    for d in disclosures:
        if d:
            signed |= _sd_digests(json.loads(b64url_decode(d))[-1])
    digests = {
        base64.urlsafe_b64encode(hashlib.sha256(d.encode()).digest()).rstrip(b"=").decode()
        for d in disclosures
        if d
    }
    assert len(digests - signed) == 1  # exactly one disclosure is no longer what was signed
