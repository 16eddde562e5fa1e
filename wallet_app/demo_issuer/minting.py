"""Minting of SD-JWT VCs (dc+sd-jwt) and ISO 18013-5 mdocs (mso_mdoc) for the demo issuer."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence

import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from joserfc import jws
from joserfc.jwk import ECKey

from .pki import ORGANISATION, Certified, chain_der, self_signed_signer

__all__ = ["IssuerKeys", "b64url", "b64url_decode", "mint_jwt_vc", "mint_mdoc", "mint_sd_jwt"]

_ONE_YEAR = 365 * 24 * 3600
_MDOC_DATE_ELEMENTS = frozenset({"birth_date", "issue_date", "expiry_date"})


def b64url(data: bytes) -> str:
    """base64url without padding. Raises nothing."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode base64url with or without padding. Raises ValueError (binascii.Error)."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class IssuerKeys:
    """The issuer's ES256 signing key, its JWK form and its certificate chain (leaf first, the
    root left out: it is the wallet's trust anchor).

    Raises nothing.
    """

    def __init__(self, signer: Certified, chain: Sequence[x509.Certificate] | None = None) -> None:
        self.private_key = signer.key
        self.jwk = ECKey.import_key(self.private_key)
        self.kid = self.jwk.thumbprint()
        self.certificate = signer.certificate
        self.chain: tuple[x509.Certificate, ...] = (
            tuple(chain) if chain is not None else (signer.certificate,)
        )

    @classmethod
    def self_signed(
        cls,
        credential_issuer: str,
        now: float,
        common_name: str = "Demo Issuer",
        organisation: str = ORGANISATION,
    ) -> IssuerKeys:
        """Keys with a fresh self-signed certificate naming `credential_issuer`."""
        return cls(self_signed_signer(credential_issuer, now, common_name, organisation))

    def public_jwk(self) -> dict[str, object]:
        """The public JWK with kid, use and alg. Raises nothing."""
        jwk: dict[str, object] = dict(self.jwk.as_dict(private=False))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "ES256"})
        return jwk

    def certificate_der(self) -> bytes:
        """The signer certificate, DER. Raises nothing."""
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def chain_der(self) -> list[bytes]:
        """The chain, DER, leaf first. Raises nothing."""
        return chain_der(self.chain)

    def x5c(self) -> list[str]:
        """The JOSE x5c header value (RFC 7515 §4.1.6: standard base64 DER, leaf first)."""
        return [base64.b64encode(der).decode("ascii") for der in self.chain_der()]

    def sign_jws(self, header: Mapping[str, object], payload: Mapping[str, object]) -> str:
        """A compact ES256 JWS of `payload` with `header` plus alg and x5c. Raises nothing."""
        full = {"alg": "ES256", **header, "x5c": self.x5c()}
        return jws.serialize_compact(
            full, json.dumps(payload, separators=(",", ":")).encode("utf-8"), self.jwk
        )


# --- SD-JWT VC -----------------------------------------------------------------------------


def _digest(disclosure: str) -> str:
    return b64url(hashlib.sha256(disclosure.encode("ascii")).digest())


def _disclose(parts: list[object], disclosures: list[str]) -> str:
    encoded = b64url(json.dumps([b64url(secrets.token_bytes(16)), *parts]).encode("utf-8"))
    disclosures.append(encoded)
    return _digest(encoded)


def _conceal(value: object, disclosures: list[str]) -> object:
    """Make object members and array elements selectively disclosable, recursively."""
    if isinstance(value, Mapping):
        digests = sorted(
            _disclose([str(name), _conceal(member, disclosures)], disclosures)
            for name, member in value.items()
        )
        return {"_sd": digests}
    if isinstance(value, list):
        return [{"...": _disclose([_conceal(item, disclosures)], disclosures)} for item in value]
    return value


def mint_sd_jwt(
    keys: IssuerKeys,
    *,
    issuer: str,
    vct: str,
    claims: Mapping[str, object],
    holder_jwk: Mapping[str, object],
    now: float,
    extra: Mapping[str, object] | None = None,
    typ: str = "dc+sd-jwt",
) -> str:
    """An SD-JWT VC `<jws>~<disclosure>~...~` with every claim selectively disclosable;
    `extra` are always-disclosed payload claims (status, vct#integrity). The header carries the
    x5c chain (SD-JWT VC §3.5) and the signer's kid (its JWKS at /.well-known/jwt-vc-issuer);
    `typ` is "vc+sd-jwt" for the issuer's draft 13/14 modes.

    Raises nothing for well-formed input (joserfc errors would be programming errors).
    """
    disclosures: list[str] = []
    concealed = _conceal(claims, disclosures)
    assert isinstance(concealed, dict)
    payload: dict[str, object] = {
        "iss": issuer,
        "iat": int(now),
        "exp": int(now) + _ONE_YEAR,
        "vct": vct,
        "cnf": {"jwk": dict(holder_jwk)},
        **dict(extra or {}),
        "_sd_alg": "sha-256",
        **concealed,
    }
    token = keys.sign_jws({"typ": typ, "kid": keys.kid}, payload)
    return "~".join([token, *disclosures]) + "~"


def mint_jwt_vc(
    keys: IssuerKeys,
    *,
    issuer: str,
    types: Sequence[str],
    claims: Mapping[str, object],
    holder_jwk: Mapping[str, object],
    now: float,
    status: Mapping[str, object] | None = None,
) -> str:
    """A W3C VC as a JWT (jwt_vc_json, OID4VCI Appendix A.1.1; VC Data Model 1.1 §6.3.1): the
    VC in the ``vc`` claim, ``iss``/``nbf``/``iat``/``exp`` beside it, the holder's key in
    ``cnf.jwk``; signed ES256 with the x5c chain and kid in the header. Raises nothing."""
    issued = dt.datetime.fromtimestamp(int(now), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    vc: dict[str, object] = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": list(types),
        "issuer": issuer,
        "issuanceDate": issued,
        "credentialSubject": dict(claims),
    }
    payload: dict[str, object] = {
        "iss": issuer,
        "jti": f"urn:uuid:{secrets.token_hex(16)}",
        "nbf": int(now),
        "iat": int(now),
        "exp": int(now) + _ONE_YEAR,
        "cnf": {"jwk": dict(holder_jwk)},
        "vc": vc,
    }
    if status is not None:
        payload["status"] = dict(status)
    return keys.sign_jws({"typ": "JWT", "kid": keys.kid}, payload)


# --- mdoc ----------------------------------------------------------------------------------


def _tdate(moment: float) -> cbor2.CBORTag:
    text = dt.datetime.fromtimestamp(int(moment), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return cbor2.CBORTag(0, text)


def _mdoc_value(name: str, value: object) -> object:
    if isinstance(value, Mapping):
        return {str(k): _mdoc_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mdoc_value(name, item) for item in value]
    if name in _MDOC_DATE_ELEMENTS and isinstance(value, str):
        return cbor2.CBORTag(1004, value)
    return value


def cose_key(holder_jwk: Mapping[str, object]) -> dict[int, object]:
    """The COSE_Key (EC2, P-256) for a public EC JWK. Raises ValueError when malformed."""
    x, y = holder_jwk.get("x"), holder_jwk.get("y")
    if holder_jwk.get("kty") != "EC" or holder_jwk.get("crv") != "P-256":
        raise ValueError("holder key must be an EC P-256 JWK")
    if not isinstance(x, str) or not isinstance(y, str):
        raise ValueError("holder JWK lacks x or y")
    return {1: 2, -1: 1, -2: b64url_decode(x), -3: b64url_decode(y)}


def _sign_raw(keys: IssuerKeys, data: bytes) -> bytes:
    r, s = decode_dss_signature(keys.private_key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def mint_mdoc(
    keys: IssuerKeys,
    *,
    doctype: str,
    namespace: str,
    elements: Mapping[str, object],
    holder_jwk: Mapping[str, object],
    now: float,
    status: Mapping[str, object] | None = None,
) -> str:
    """base64url(CBOR IssuerSigned) per ISO/IEC 18013-5 §8.3.2.1.2 with an ES256 issuerAuth
    whose unprotected x5chain (label 33, RFC 9360) is the chain, leaf first: a bstr for one
    certificate, an array of bstr for more. `status`: the MSO status member (Token Status List).

    Raises ValueError when the holder JWK is not an EC P-256 public key.
    """
    device_key = cose_key(holder_jwk)
    items: list[cbor2.CBORTag] = []
    digests: dict[int, bytes] = {}
    for digest_id, (name, value) in enumerate(elements.items()):
        item = {
            "digestID": digest_id,
            "random": secrets.token_bytes(16),
            "elementIdentifier": name,
            "elementValue": _mdoc_value(name, value),
        }
        tagged = cbor2.CBORTag(24, cbor2.dumps(item))
        items.append(tagged)
        digests[digest_id] = hashlib.sha256(cbor2.dumps(tagged)).digest()
    mso = {
        "version": "1.0",
        "digestAlgorithm": "SHA-256",
        "valueDigests": {namespace: digests},
        "deviceKeyInfo": {"deviceKey": device_key},
        "docType": doctype,
        "validityInfo": {
            "signed": _tdate(now),
            "validFrom": _tdate(now),
            "validUntil": _tdate(now + _ONE_YEAR),
        },
    }
    if status is not None:
        mso["status"] = dict(status)
    protected = cbor2.dumps({1: -7})
    payload = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps(mso)))
    signature = _sign_raw(keys, cbor2.dumps(["Signature1", protected, b"", payload]))
    ders = keys.chain_der()
    x5chain: object = ders[0] if len(ders) == 1 else ders
    issuer_signed = {
        "nameSpaces": {namespace: items},
        "issuerAuth": [protected, {33: x5chain}, payload, signature],
    }
    return b64url(cbor2.dumps(issuer_signed))
