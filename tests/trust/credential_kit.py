"""Real signed credentials for trust tests: SD-JWT VC, mdoc and JWT VC signed by a pki_kit
chain, plus a Token Status List token. Nothing is stubbed: the wallet's verifiers read what
these build exactly as they read an issuer's."""

from __future__ import annotations

import base64
import hashlib
import os
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import cbor2
from cryptography.hazmat.primitives.asymmetric import ec

from tests.formats.formats_builders import cose_sign1, disclosure
from tests.trust.pki_kit import Issued, b64url, sign_jws

ISSUER = "https://issuer.example.com"
STATUS_URI = "https://issuer.example.com/status/1"
DOC_TYPE = "org.iso.18013.5.1.mDL"
#: the instant the builders default to: the test modules take their NOW at import too, right
#: after this one, so a credential built without ``now`` is never "issued in the future" for a
#: verification at the module's NOW, however long the whole test run has been going
KIT_NOW = time.time()


def holder_key() -> tuple[ec.EllipticCurvePrivateKey, dict[str, object]]:
    """A holder's P-256 key and its public JWK."""
    key = ec.generate_private_key(ec.SECP256R1())
    numbers = key.public_key().public_numbers()
    jwk: dict[str, object] = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }
    return key, jwk


@dataclass
class SdJwtVc:
    jws: str
    disclosures: list[str]

    def serialize(self) -> str:
        return "~".join([self.jws, *self.disclosures, ""])


def sd_jwt_vc(
    signer: Issued,
    *,
    chain: Sequence[Issued] | None,
    holder_jwk: Mapping[str, object] | None,
    iss: str | None = ISSUER,
    now: float | None = None,
    iat: float | None = None,
    nbf: float | None = None,
    exp: float | None = None,
    status_idx: int | None = None,
    header: Mapping[str, object] | None = None,
    extra: Mapping[str, object] | None = None,
) -> SdJwtVc:
    """An SD-JWT VC with two disclosed claims, signed by ``signer`` (x5c = ``chain``)."""
    now = KIT_NOW if now is None else now
    given, d_given = disclosure("salt-1", "given_name", "Erika")
    family, d_family = disclosure("salt-2", "family_name", "Mustermann")
    payload: dict[str, object] = {
        "vct": "https://issuer.example.com/pid",
        "_sd_alg": "sha-256",
        "_sd": sorted([d_given, d_family]),
        "iat": int(now if iat is None else iat),
        "exp": int(now + 365 * 86400 if exp is None else exp),
    }
    if iss is not None:
        payload["iss"] = iss
    if nbf is not None:
        payload["nbf"] = int(nbf)
    if holder_jwk is not None:
        payload["cnf"] = {"jwk": dict(holder_jwk)}
    if status_idx is not None:
        payload["status"] = {"status_list": {"idx": status_idx, "uri": STATUS_URI}}
    payload.update(extra or {})
    token = sign_jws({"typ": "dc+sd-jwt", **(header or {})}, payload, signer, chain=chain)
    return SdJwtVc(token, [given, family])


def jwt_vc(
    signer: Issued,
    *,
    chain: Sequence[Issued] | None,
    holder_jwk: Mapping[str, object] | None,
    iss: str | None = ISSUER,
    header: Mapping[str, object] | None = None,
    now: float | None = None,
) -> str:
    """A ``jwt_vc_json`` (VCDM 1.1 in ``vc``) signed by ``signer``."""
    now = KIT_NOW if now is None else now
    payload: dict[str, object] = {
        "iat": int(now),
        "nbf": int(now),
        "exp": int(now + 86400),
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential", "UniversityDegreeCredential"],
            "credentialSubject": {"given_name": "Erika"},
        },
    }
    if iss is not None:
        payload["iss"] = iss
    if holder_jwk is not None:
        payload["cnf"] = {"jwk": dict(holder_jwk)}
    return sign_jws({"typ": "JWT", **(header or {})}, payload, signer, chain=chain)


def _cose_key(jwk: Mapping[str, object]) -> dict[int, object]:
    def raw(member: str) -> bytes:
        text = str(jwk[member])
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    return {1: 2, -1: 1, -2: raw("x"), -3: raw("y")}


def mdoc(
    signer: Issued,
    *,
    chain: Sequence[Issued] | None,
    holder_jwk: Mapping[str, object],
    now: datetime | None = None,
    signed: datetime | None = None,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    doc_type: str = DOC_TYPE,
    document_doc_type: str | None = None,
    status_idx: int | None = None,
    tamper: bool = False,
) -> str:
    """base64url CBOR IssuerSigned (a Document when ``document_doc_type``), signed by
    ``signer`` with ``x5chain`` = ``chain``; ``tamper`` changes a value after signing."""
    now = now or datetime.fromtimestamp(int(KIT_NOW), UTC)
    elements = {"family_name": "Mustermann", "given_name": "Erika", "age_over_18": True}
    items, digests = [], {}
    for digest_id, (name, value) in enumerate(elements.items()):
        item = {
            "digestID": digest_id,
            "random": os.urandom(16),
            "elementIdentifier": name,
            "elementValue": value,
        }
        tagged = cbor2.CBORTag(24, cbor2.dumps(item))
        digests[digest_id] = _sha256(cbor2.dumps(tagged))
        if tamper and name == "given_name":
            item["elementValue"] = "Mallory"
            tagged = cbor2.CBORTag(24, cbor2.dumps(item))
        items.append(tagged)
    mso: dict[str, object] = {
        "version": "1.0",
        "digestAlgorithm": "SHA-256",
        "valueDigests": {"org.iso.18013.5.1": digests},
        "deviceKeyInfo": {"deviceKey": _cose_key(holder_jwk)},
        "docType": doc_type,
        "validityInfo": {
            "signed": signed or now,
            "validFrom": valid_from or now,
            "validUntil": valid_until or now + timedelta(days=365),
        },
    }
    if status_idx is not None:
        mso["status"] = {"status_list": {"idx": status_idx, "uri": STATUS_URI}}
    payload = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps(mso)))
    unprotected: dict[int, object] = {}
    if chain is not None:
        ders = [c.der for c in chain]
        unprotected[33] = ders[0] if len(ders) == 1 else ders
    issuer_signed = {
        "nameSpaces": {"org.iso.18013.5.1": items},
        "issuerAuth": cose_sign1(payload, signer.key, -7, unprotected),
    }
    top: object = issuer_signed
    if document_doc_type is not None:
        top = {"docType": document_doc_type, "issuerSigned": issuer_signed}
    return b64url(cbor2.dumps(top))


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def status_list_token(
    signer: Issued,
    *,
    chain: Sequence[Issued] | None,
    values: Mapping[int, int],
    uri: str = STATUS_URI,
    bits: int = 2,
    size: int = 64,
    now: float | None = None,
) -> str:
    """A Token Status List JWT (``statuslist+jwt``) whose entries ``values`` are set."""
    now = KIT_NOW if now is None else now
    per_byte = 8 // bits
    data = bytearray(size * bits // 8)
    for idx, value in values.items():
        data[idx // per_byte] |= value << ((idx % per_byte) * bits)
    payload = {
        "sub": uri,
        "iat": int(now),
        "exp": int(now + 3600),
        "ttl": 300,
        "status_list": {"bits": bits, "lst": b64url(zlib.compress(bytes(data)))},
    }
    return sign_jws({"typ": "statuslist+jwt"}, payload, signer, chain=chain)


class MemoryStatusCache:
    """A StatusCache in memory (the wallet's store keeps the same two methods)."""

    def __init__(self) -> None:
        self.tokens: dict[str, tuple[str, float]] = {}

    def get_status_list(self, uri: str) -> tuple[str, float] | None:
        return self.tokens.get(uri)

    def put_status_list(self, uri: str, token: str, expires_at: float) -> None:
        self.tokens[uri] = (token, expires_at)


def damaged_subject(der: bytes) -> bytes:
    """``der`` with its subject's C= attribute re-tagged as a private constructed type: the
    certificate still loads (cryptography decodes names lazily) but its subject cannot be read."""
    country = bytes.fromhex("060355040613024445")  # OID 2.5.4.6, PrintableString "DE"
    at = der.rfind(country)  # the subject follows the issuer
    assert at > 0
    return der[: at + 5] + b"\xfc" + der[at + 6 :]
