"""Builders for real, signed test credentials (SD-JWT VC and mdoc IssuerSigned)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from joserfc import jws
from joserfc.jwk import ECKey

HERE = Path(__file__).parent
SHARED_FIXTURES = HERE.parent / "fixtures" / "oid4vci-1.0"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def response_credential(name: str) -> object:
    """The first credential of a spec example Credential Response (line breaks removed)."""
    text = (HERE / "fixtures" / name).read_text(encoding="utf-8")
    body = json.loads(text[text.index("{") :], strict=False)
    credential = body["credentials"][0]["credential"]
    return re.sub(r"\s+", "", credential) if isinstance(credential, str) else credential


def metadata(name: str) -> dict[str, object]:
    data = json.loads((SHARED_FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def configuration(name: str) -> dict[str, object]:
    configurations = metadata(name)["credential_configurations_supported"]
    assert isinstance(configurations, dict)
    (config,) = configurations.values()
    assert isinstance(config, dict)
    return config


def certificate(key: CertificateIssuerPrivateKeyTypes, cn: str = "Test Issuer") -> x509.Certificate:
    """A self-signed certificate for ``key``."""
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=365))
        .sign(key, algorithm)
    )


# ---------------------------------------------------------------- SD-JWT


def disclosure(*members: object, alg: str = "sha256") -> tuple[str, str]:
    """(disclosure string, its digest) for ``[salt, name, value]`` or ``[salt, value]``."""
    raw = b64url(json.dumps(list(members)).encode())
    return raw, b64url(hashlib.new(alg, raw.encode("ascii")).digest())


def sign_jws(header: Mapping[str, object], payload: Mapping[str, object], key: object) -> str:
    algorithms = [str(header["alg"])]
    return jws.serialize_compact(dict(header), json.dumps(payload).encode(), key, algorithms)  # type: ignore[arg-type]


@dataclass
class SdJwt:
    issuer_jws: str
    disclosures: list[str]
    holder_jwk: dict[str, object]

    def serialize(self, parts: Sequence[str] | None = None) -> str:
        return "~".join([self.issuer_jws, *(self.disclosures if parts is None else parts), ""])


def issue_sd_jwt(
    *,
    sd_alg: str = "sha-256",
    header_key: str = "x5c",
    extra: Mapping[str, object] | None = None,
) -> SdJwt:
    """An SD-JWT VC with top-level, nested and array disclosures plus a decoy digest."""
    hash_name = sd_alg.replace("-", "")
    given, d_given = disclosure("salt-given", "given_name", "Erika", alg=hash_name)
    family, d_family = disclosure("salt-family", "family_name", "Mustermann", alg=hash_name)
    street, d_street = disclosure("salt-street", "street_address", "Heidestr. 17", alg=hash_name)
    address, d_address = disclosure(
        "salt-address",
        "address",
        {"_sd": [d_street], "locality": "Köln", "country": "DE"},
        alg=hash_name,
    )
    de, d_de = disclosure("salt-de", "DE", alg=hash_name)
    fr, d_fr = disclosure("salt-fr", "FR", alg=hash_name)
    _, d_hidden = disclosure("salt-hidden", "US", alg=hash_name)
    holder = ECKey.generate_key("P-256")
    holder_jwk: dict[str, object] = dict(holder.as_dict(private=False))
    payload: dict[str, object] = {
        "iss": "https://issuer.example.com",
        "iat": 1_700_000_000,
        "nbf": 1_700_000_000,
        "exp": 1_900_000_000,
        "vct": "https://issuer.example.com/pid",
        "sub": "user-42",
        "cnf": {"jwk": holder_jwk},
        "status": {"status_list": {"idx": 7, "uri": "https://issuer.example.com/status"}},
        "_sd_alg": sd_alg,
        "_sd": sorted([d_given, d_family, d_address, b64url(os.urandom(32))]),
        "nationalities": [{"...": d_de}, {"...": d_fr}, {"...": d_hidden}, "plain"],
        "age": 41,
        **(extra or {}),
    }
    issuer_key = ec.generate_private_key(ec.SECP256R1())
    header: dict[str, object] = {"alg": "ES256", "typ": "dc+sd-jwt"}
    if header_key == "x5c":
        der = certificate(issuer_key).public_bytes(Encoding.DER)
        header["x5c"] = [base64.b64encode(der).decode()]
    elif header_key == "jwk":
        header["jwk"] = dict(ECKey.import_key(issuer_key.public_key()).as_dict(private=False))
    token = sign_jws(header, payload, ECKey.import_key(issuer_key))
    return SdJwt(token, [given, family, street, address, de, fr], holder_jwk)


# ---------------------------------------------------------------- mdoc

MDL = "org.iso.18013.5.1"
P256_SIG_LEN = 32


def _raw_ecdsa(der: bytes, size: int) -> bytes:
    r, s = decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def cose_sign1(
    payload: bytes,
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey,
    alg: int,
    unprotected: dict[int, object],
) -> list[object]:
    protected = cbor2.dumps({1: alg})
    to_sign = cbor2.dumps(["Signature1", protected, b"", payload])
    if isinstance(key, ed25519.Ed25519PrivateKey):
        signature = key.sign(to_sign)
    else:
        hash_alg = {-7: hashes.SHA256(), -35: hashes.SHA384(), -36: hashes.SHA512()}[alg]
        size = (key.curve.key_size + 7) // 8
        signature = _raw_ecdsa(key.sign(to_sign, ec.ECDSA(hash_alg)), size)
    return [protected, unprotected, payload, signature]


def issuer_signed(
    elements: Mapping[str, Mapping[str, object]],
    *,
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | None = None,
    alg: int = -7,
    digest_algorithm: str = "SHA-256",
    x5chain: str = "bytes",
    device_key: object = None,
    mso_extra: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """A signed IssuerSigned structure (as a Python CBOR value)."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    hash_name = digest_algorithm.replace("-", "").lower()
    name_spaces: dict[str, list[cbor2.CBORTag]] = {}
    value_digests: dict[str, dict[int, bytes]] = {}
    for ns, values in elements.items():
        for digest_id, (identifier, value) in enumerate(values.items()):
            item = {
                "digestID": digest_id,
                "random": os.urandom(16),
                "elementIdentifier": identifier,
                "elementValue": value,
            }
            tagged = cbor2.CBORTag(24, cbor2.dumps(item))
            name_spaces.setdefault(ns, []).append(tagged)
            digest = hashlib.new(hash_name, cbor2.dumps(tagged)).digest()
            value_digests.setdefault(ns, {})[digest_id] = digest
    holder = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    mso: dict[str, object] = {
        "version": "1.0",
        "digestAlgorithm": digest_algorithm,
        "valueDigests": value_digests,
        "deviceKeyInfo": {
            "deviceKey": device_key
            or {1: 2, -1: 1, -2: holder.x.to_bytes(32, "big"), -3: holder.y.to_bytes(32, "big")}
        },
        "docType": "org.iso.18013.5.1.mDL",
        "validityInfo": {
            "signed": NOW,
            "validFrom": NOW,
            "validUntil": NOW + timedelta(days=365),
        },
        **(mso_extra or {}),
    }
    payload = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps(mso)))
    der = certificate(key, "mDL Issuer").public_bytes(Encoding.DER)
    unprotected: dict[int, object] = {}
    if x5chain == "bytes":
        unprotected[33] = der
    elif x5chain == "list":
        unprotected[33] = [der]
    return {"nameSpaces": name_spaces, "issuerAuth": cose_sign1(payload, key, alg, unprotected)}


def encode_mdoc(value: object) -> str:
    return b64url(cbor2.dumps(value))
