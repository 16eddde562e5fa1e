"""Forged and broken credentials for the hostile issuer (``tests/support/hostile_issuer.py``).

Each function takes the credential the demo issuer minted for this very wallet (so the holder
key in ``cnf`` / ``deviceKeyInfo`` is the wallet's own) and returns one that breaks exactly one
rule: SD-JWT (RFC 9901, SD-JWT VC), jwt_vc_json (OID4VCI App. A.1) or mdoc (ISO/IEC 18013-5).
Signatures are made with the demo issuer's key and certificate chain unless the rule broken is
the signature itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import cbor2
from joserfc import jws

from wallet_app.demo_issuer.minting import IssuerKeys, b64url, b64url_decode, mint_mdoc
from wallet_app.demo_issuer.tampering import tamper_mdoc, tamper_sd_jwt

__all__ = [
    "SdJwt",
    "compact_jws",
    "deep_json",
    "flip_signature",
    "mdoc_broken",
    "mdoc_expired",
    "mdoc_resigned",
    "reissue_jwt",
    "tamper_mdoc",
    "tamper_sd_jwt",
]

_YEAR = 365 * 24 * 3600


def deep_json(depth: int, leaf: str = "0") -> str:
    """JSON text of ``depth`` nested arrays around ``leaf``. Raises nothing."""
    return "[" * depth + leaf + "]" * depth


def _segment(text: str) -> Any:
    return json.loads(b64url_decode(text))


def compact_jws(
    keys: IssuerKeys | None,
    header: dict[str, object],
    payload: bytes,
    *,
    x5c: list[str] | None = None,
    signer: IssuerKeys | None = None,
) -> str:
    """A compact JWS of ``payload`` (bytes, taken as they are). ``keys``: ES256 with their x5c
    chain (or ``x5c``) added to ``header``, signed by ``signer`` (default: ``keys``); None:
    ``alg: none`` and an empty signature. Raises nothing."""
    if keys is None:
        head = {**header, "alg": "none"}
        return f"{b64url(json.dumps(head).encode())}.{b64url(payload)}."
    full = {**header, "alg": "ES256", "x5c": keys.x5c() if x5c is None else x5c}
    return jws.serialize_compact(full, payload, (signer or keys).jwk)


def flip_signature(token: str) -> str:
    """``token`` (compact JWS) with one bit of its signature changed. Raises nothing."""
    head, payload, signature = token.split(".")
    raw = bytearray(b64url_decode(signature))
    raw[len(raw) // 2] ^= 0x01
    return f"{head}.{payload}.{b64url(bytes(raw))}"


def reissue_jwt(
    token: str, keys: IssuerKeys | None, change: Callable[[dict[str, Any]], object]
) -> str:
    """``token`` (a compact JWT) with its payload changed by ``change`` (in place), signed
    again with ``keys`` (None: alg none). Raises ValueError when it is not a JWT."""
    head, payload, _ = token.split(".")
    header, claims = _segment(head), _segment(payload)
    header.pop("x5c", None)
    change(claims)
    return compact_jws(keys, header, json.dumps(claims).encode())


@dataclass
class SdJwt:
    """An SD-JWT being forged: the issuer-signed payload (without ``_sd``), the disclosures
    (encoded) and the digests that go into the payload's ``_sd``.

    ``from_issued`` keeps the demo issuer's header and always-visible claims (iss, iat, exp,
    vct, cnf, status, ``_sd_alg``) and drops its disclosures; ``disclose`` adds new ones.
    """

    header: dict[str, Any]
    payload: dict[str, Any]
    disclosures: list[str] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    key_binding: str = ""

    @classmethod
    def from_issued(cls, credential: str) -> SdJwt:
        """The skeleton of a credential the demo issuer minted. Raises ValueError when it is
        not an SD-JWT."""
        token = credential.split("~")[0]
        head, payload, _ = token.split(".")
        header, claims = _segment(head), _segment(payload)
        header.pop("x5c", None)
        claims.pop("_sd", None)
        return cls(header, claims)

    @staticmethod
    def encode(parts: list[object]) -> str:
        """One disclosure: base64url of the JSON array ``parts``. Raises nothing."""
        return b64url(json.dumps(parts).encode("utf-8"))

    @staticmethod
    def encode_text(json_text: str) -> str:
        """One disclosure from raw JSON text (for depth or surrogate cases). Raises nothing."""
        return b64url(json_text.encode("utf-8", "surrogatepass"))

    @staticmethod
    def digest(disclosure: str) -> str:
        """The sha-256 digest of a disclosure (RFC 9901 §4.2.3). Raises nothing."""
        return b64url(hashlib.sha256(disclosure.encode("ascii")).digest())

    @staticmethod
    def salt() -> str:
        """A fresh salt. Raises nothing."""
        return b64url(secrets.token_bytes(16))

    def add(self, disclosure: str, *, listed: bool = True) -> str:
        """Append an encoded disclosure (its digest to ``_sd`` when ``listed``); return the
        digest. Raises nothing."""
        self.disclosures.append(disclosure)
        digest = self.digest(disclosure)
        if listed:
            self.digests.append(digest)
        return digest

    def disclose(self, name: str, value: object) -> str:
        """Disclose the object member ``name``: ``value`` (a top-level claim). Raises nothing."""
        return self.add(self.encode([self.salt(), name, value]))

    def standard(self) -> SdJwt:
        """The PID's ordinary claims, each disclosed. Raises nothing."""
        self.disclose("given_name", "Erika")
        self.disclose("family_name", "Mustermann")
        self.disclose("birthdate", "1964-08-12")
        return self

    def issue(self, keys: IssuerKeys | None, *, payload_text: str | None = None) -> str:
        """The SD-JWT text ``<jws>~<d1>~…~<kb>``. ``keys`` None: alg none. ``payload_text``:
        sign this JSON text instead of the payload. Raises nothing."""
        claims = dict(self.payload)
        if self.digests:
            claims["_sd"] = list(self.digests)
        body = (
            payload_text.encode("utf-8", "surrogatepass")
            if payload_text is not None
            else json.dumps(claims).encode()
        )
        token = compact_jws(keys, dict(self.header), body)
        return "~".join([token, *self.disclosures, self.key_binding])

    def payload_json(self) -> str:
        """The payload (with ``_sd``) as JSON text, for cases that splice into it."""
        claims = dict(self.payload)
        claims["_sd"] = list(self.digests)
        return json.dumps(claims)


# --- mdoc ----------------------------------------------------------------------------------


def _issuer_signed(credential: str) -> dict[Any, Any]:
    value = cbor2.loads(b64url_decode(credential))
    assert isinstance(value, dict)
    return value


def _mso(issuer_signed: dict[Any, Any]) -> dict[Any, Any]:
    payload = issuer_signed["issuerAuth"][2]
    inner = cbor2.loads(payload)
    mso = cbor2.loads(inner.value)
    assert isinstance(mso, dict)
    return mso


def mdoc_broken(credential: str, how: str) -> str:
    """A broken mdoc: ``how`` is "garbage" (not CBOR), "truncated" (half the bytes),
    "deep" (100,000 nested arrays), "no_issuer_auth", "not_a_map" (a CBOR text) or
    "signature" (one bit of the issuerAuth signature flipped). Raises ValueError otherwise."""
    raw = b64url_decode(credential)
    if how == "garbage":
        return b64url(b"\xff\xfe\x00 this is not CBOR " + secrets.token_bytes(32))
    if how == "truncated":
        return b64url(raw[: len(raw) // 2])
    if how == "deep":
        return b64url(b"\x81" * 100_000 + b"\x00")
    if how == "not_a_map":
        return b64url(cbor2.dumps("an mdoc"))
    issuer_signed = _issuer_signed(credential)
    if how == "no_issuer_auth":
        del issuer_signed["issuerAuth"]
        return b64url(cbor2.dumps(issuer_signed))
    if how == "signature":
        signature = bytearray(issuer_signed["issuerAuth"][3])
        signature[10] ^= 0x01
        issuer_signed["issuerAuth"][3] = bytes(signature)
        return b64url(cbor2.dumps(issuer_signed))
    raise ValueError(f"unknown breakage {how!r}")


def _holder_jwk(mso: dict[Any, Any]) -> dict[str, object]:
    cose = mso["deviceKeyInfo"]["deviceKey"]
    return {"kty": "EC", "crv": "P-256", "x": b64url(cose[-2]), "y": b64url(cose[-3])}


def mdoc_resigned(
    credential: str,
    keys: IssuerKeys,
    *,
    now: float,
    doctype: str | None = None,
    elements: dict[str, object] | None = None,
) -> str:
    """The mdoc minted again for the same holder key with ``now`` as its signing time (so
    ``now`` two years ago makes it expired), another ``doctype`` or other ``elements``."""
    issuer_signed = _issuer_signed(credential)
    mso = _mso(issuer_signed)
    namespace, items = next(iter(issuer_signed["nameSpaces"].items()))
    if elements is None:
        elements = {}
        for tagged in items:
            item = cbor2.loads(tagged.value)
            elements[item["elementIdentifier"]] = item["elementValue"]
    return mint_mdoc(
        keys,
        doctype=doctype or mso["docType"],
        namespace=namespace,
        elements=elements,
        holder_jwk=_holder_jwk(mso),
        now=now,
        status=mso.get("status"),
    )


def mdoc_expired(credential: str, keys: IssuerKeys, now: float) -> str:
    """The mdoc signed two years ago (validUntil a year ago). Raises nothing."""
    return mdoc_resigned(credential, keys, now=now - 2 * _YEAR)


def b64_std(data: bytes) -> str:
    """Standard base64 (for x5c values). Raises nothing."""
    return base64.b64encode(data).decode("ascii")
