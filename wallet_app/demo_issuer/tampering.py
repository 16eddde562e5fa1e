"""Malformed credentials on purpose: the ``tampered`` fault and the ``malformed`` modes.

``tampered``: one selectively disclosed value of an SD-JWT VC, or one data element of an
mdoc, is changed after signing, so its digest no longer matches the one under the issuer's
signature (RFC 9901 §7.1, ISO/IEC 18013-5 §9.3.1). A wallet must never store such a
credential.

``malformed`` (:data:`MALFORMED_MODES`, issue 11): each mode breaks one rule that RFC 9901
§7.1-7.2, the SD-JWT VC draft, JWS / JWT or ISO/IEC 18013-5 say MUST abort processing; where
the break is under the signature the credential is signed again with the issuer's key, so
only that one rule is broken. A mode that does not apply to a format leaves the credential
as minted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

import cbor2
from joserfc import jws

from .minting import IssuerKeys, _sign_raw, b64url, b64url_decode

__all__ = [
    "MALFORMED_MODES",
    "break_credential",
    "disclosure",
    "resign_jws",
    "tamper_mdoc",
    "tamper_sd_jwt",
]

#: every ``malformed`` mode, with what it breaks
MALFORMED_MODES: Mapping[str, str] = {
    "alg_none": "the JWS is not signed (alg none, empty signature)",
    "alg_hs256": "the JWS is MACed with HS256, an algorithm that is not allowed",
    "bad_signature": "the signature does not verify with the x5c leaf (mdoc: x5chain leaf)",
    "digest_mismatch": "one disclosure / data element changed after signing",
    "unreferenced_disclosure": "one more disclosure that no digest refers to",
    "duplicate_digest": "a digest listed twice in _sd",
    "duplicate_disclosure": "the same disclosure sent twice",
    "collision": "a disclosed claim named like a plain claim at the same level (iss)",
    "reserved_name": "a disclosure whose claim name is _sd",
    "bad_disclosure": "a disclosure that is an array of 4",
    "unknown_sd_alg": "_sd_alg is md5",
    "kb_from_issuer": "a Key Binding JWT appended by the issuer",
    "expired": "exp (mdoc: validUntil) an hour in the past",
    "not_yet_valid": "nbf (mdoc: validFrom) a day in the future",
    "lone_surrogate": "a claim holding a lone surrogate (\\ud800)",
    "deep": "a disclosure nested 100,000 levels deep",
    "deep_valid": "a chain of 600 nested disclosures, each valid",
    "duplicate_digest_id": "mdoc: two data elements with the same digest ID",
    "unknown_digest_alg": "mdoc: digestAlgorithm MD5",
    "no_issuer_auth": "mdoc: issuerAuth missing",
}

_HOUR = 3600


def _changed(value: object) -> object:
    return f"{value}!" if isinstance(value, str) else "tampered"


def tamper_sd_jwt(credential: str) -> str:
    """``credential`` with its first object-member disclosure's value changed. Raises
    ValueError when it has no such disclosure."""
    jws_text, *disclosures = credential.split("~")
    for position, encoded in enumerate(disclosures):
        if not encoded:
            continue
        decoded = json.loads(b64url_decode(encoded))
        if isinstance(decoded, list) and len(decoded) == 3:
            decoded[2] = _changed(decoded[2])
            disclosures[position] = b64url(json.dumps(decoded).encode("utf-8"))
            return "~".join([jws_text, *disclosures])
    raise ValueError("the SD-JWT has no object-member disclosure to tamper with")


def tamper_mdoc(credential: str) -> str:
    """``credential`` (base64url IssuerSigned) with its first data element's value changed.
    Raises ValueError when it has no data element."""
    issuer_signed = cbor2.loads(b64url_decode(credential))
    for items in issuer_signed["nameSpaces"].values():
        if items:
            item = cbor2.loads(items[0].value)
            item["elementValue"] = _changed(item["elementValue"])
            items[0] = cbor2.CBORTag(24, cbor2.dumps(item))
            return b64url(cbor2.dumps(issuer_signed))
    raise ValueError("the mdoc has no data element to tamper with")


# --- JWS helpers ----------------------------------------------------------------------------


def disclosure(*members: object) -> tuple[str, str]:
    """A disclosure of ``members`` (salt first) and its sha-256 digest. Raises nothing."""
    encoded = b64url(json.dumps(["c2FsdA", *members]).encode("utf-8"))
    return encoded, b64url(hashlib.sha256(encoded.encode("ascii")).digest())


def _parts(compact: str) -> tuple[dict[str, Any], dict[str, Any]]:
    head, body, _sig = compact.split(".")
    return json.loads(b64url_decode(head)), json.loads(b64url_decode(body))


def resign_jws(
    compact: str,
    keys: IssuerKeys,
    change: Callable[[dict[str, Any]], object] = lambda payload: None,
    *,
    payload_text: str | None = None,
) -> str:
    """``compact`` with its payload changed by ``change`` (in place), or replaced by the raw
    ``payload_text``, signed again by ``keys`` with the same header. Raises nothing for a
    JWS the demo minted."""
    header, payload = _parts(compact)
    change(payload)
    body = (payload_text or json.dumps(payload, separators=(",", ":"))).encode("utf-8")
    return jws.serialize_compact(header, body, keys.jwk)


def _unsigned(compact: str, alg: str) -> str:
    header, payload = _parts(compact)
    header = {k: v for k, v in header.items() if k not in ("x5c", "kid")} | {"alg": alg}
    head = b64url(json.dumps(header).encode("utf-8"))
    body = b64url(json.dumps(payload).encode("utf-8"))
    if alg == "none":
        return f"{head}.{body}."
    import hmac

    mac = hmac.new(b"secret", f"{head}.{body}".encode("ascii"), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(mac)}"


def _flip(compact: str) -> str:
    head, body, sig = compact.split(".")
    raw = bytearray(b64url_decode(sig))
    raw[5] ^= 0x01
    return f"{head}.{body}.{b64url(bytes(raw))}"


def _with_disclosure(sd_jwt: str, keys: IssuerKeys, *members: object, listed: int = 1) -> str:
    """One more disclosure of ``members``, its digest ``listed`` times in the top-level _sd
    (0: not at all), signed again."""
    jws_text, rest = sd_jwt.split("~", 1)
    encoded, digest = disclosure(*members)

    def add(payload: dict[str, Any]) -> None:
        payload["_sd"] = [*payload.get("_sd", []), *[digest] * listed]

    return f"{resign_jws(jws_text, keys, add)}~{rest}{encoded}~"


def _deep_chain(sd_jwt: str, keys: IssuerKeys, depth: int) -> str:
    """A claim ``nested`` made of ``depth`` disclosures, each the only member of the one
    above: every digest referred to once, every JSON shallow."""
    jws_text, rest = sd_jwt.split("~", 1)
    added: list[str] = []
    encoded, digest = disclosure("nested", "bottom")
    added.append(encoded)
    for _ in range(depth - 1):
        encoded, digest = disclosure("nested", {"_sd": [digest]})
        added.append(encoded)

    def add(payload: dict[str, Any]) -> None:
        payload["_sd"] = [*payload.get("_sd", []), digest]

    return f"{resign_jws(jws_text, keys, add)}~{rest}{'~'.join(added)}~"


def _kb_jwt(keys: IssuerKeys) -> str:
    header = {"typ": "kb+jwt", "alg": "ES256"}
    body = json.dumps({"iat": 0, "aud": "https://verifier.example", "nonce": "n"})
    return jws.serialize_compact(header, body.encode("utf-8"), keys.jwk)


def _break_jws(mode: str, credential: str, keys: IssuerKeys, now: float) -> str:
    """``credential`` (SD-JWT or JWT VC) broken as ``mode`` says."""
    jws_text, tilde, rest = credential.partition("~")
    sd = bool(tilde)

    def again(change: Callable[[dict[str, Any]], object]) -> str:
        return resign_jws(jws_text, keys, change) + tilde + rest

    if mode in ("alg_none", "alg_hs256"):
        return _unsigned(jws_text, "none" if mode == "alg_none" else "HS256") + tilde + rest
    if mode == "bad_signature":
        return _flip(jws_text) + tilde + rest
    if mode == "expired":
        return again(lambda p: p.update(iat=int(now) - 2 * _HOUR, exp=int(now) - _HOUR))
    if mode == "not_yet_valid":
        return again(lambda p: p.update(nbf=int(now) + 24 * _HOUR))
    if mode == "lone_surrogate":
        _header, payload = _parts(jws_text)
        payload["note"] = "\ud800"  # json.dumps escapes it: "\\ud800", ASCII on the wire
        text = json.dumps(payload, separators=(",", ":"))
        return resign_jws(jws_text, keys, payload_text=text) + tilde + rest
    if not sd:
        return credential  # the other modes are about disclosures
    if mode == "digest_mismatch":
        return tamper_sd_jwt(credential)
    if mode == "unreferenced_disclosure":
        return credential + disclosure("extra", "not signed")[0] + "~"
    if mode == "duplicate_digest":
        return _with_disclosure(credential, keys, "twice", "x", listed=2)
    if mode == "duplicate_disclosure":
        first = rest.split("~", 1)[0]
        return f"{credential}{first}~"
    if mode == "collision":
        return _with_disclosure(credential, keys, "iss", "https://elsewhere.example")
    if mode == "reserved_name":
        return _with_disclosure(credential, keys, "_sd", "reserved")
    if mode == "bad_disclosure":
        return _with_disclosure(credential, keys, "name", "value", "fourth")
    if mode == "unknown_sd_alg":
        return again(lambda p: p.update(_sd_alg="md5"))
    if mode == "kb_from_issuer":
        return credential + _kb_jwt(keys)
    if mode == "deep":
        encoded = b64url(("[" * 100_000 + "]" * 100_000).encode("ascii"))
        return credential + encoded + "~"
    if mode == "deep_valid":
        return _deep_chain(credential, keys, 600)
    return credential


# --- mdoc -----------------------------------------------------------------------------------


def _resign_mdoc(issuer_signed: dict[Any, Any], keys: IssuerKeys, mso: object) -> str:
    protected, unprotected, _payload, _signature = issuer_signed["issuerAuth"]
    payload = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps(mso)))
    signature = _sign_raw(keys, cbor2.dumps(["Signature1", protected, b"", payload]))
    issuer_signed["issuerAuth"] = [protected, unprotected, payload, signature]
    return b64url(cbor2.dumps(issuer_signed))


def _break_mdoc(mode: str, credential: str, keys: IssuerKeys, now: float) -> str:
    issuer_signed = cbor2.loads(b64url_decode(credential))
    auth = issuer_signed["issuerAuth"]
    mso = cbor2.loads(cbor2.loads(auth[2]).value)
    if mode == "digest_mismatch":
        return tamper_mdoc(credential)
    if mode == "bad_signature":
        signature = bytearray(auth[3])
        signature[5] ^= 0x01
        auth[3] = bytes(signature)
        return b64url(cbor2.dumps(issuer_signed))
    if mode == "no_issuer_auth":
        del issuer_signed["issuerAuth"]
        return b64url(cbor2.dumps(issuer_signed))
    if mode == "alg_none":  # no COSE "none": an unprotected, unsigned issuerAuth
        auth[0] = cbor2.dumps({})
        auth[3] = b""
        return b64url(cbor2.dumps(issuer_signed))
    if mode == "unknown_digest_alg":
        mso["digestAlgorithm"] = "MD5"
        return _resign_mdoc(issuer_signed, keys, mso)
    if mode in ("expired", "not_yet_valid"):
        validity = mso["validityInfo"]
        if mode == "expired":
            validity["signed"] = validity["validFrom"] = _tdate(now - 2 * _HOUR)
            validity["validUntil"] = _tdate(now - _HOUR)
        else:
            validity["validFrom"] = _tdate(now + 24 * _HOUR)
        return _resign_mdoc(issuer_signed, keys, mso)
    if mode == "duplicate_digest_id":
        for items in issuer_signed["nameSpaces"].values():
            if len(items) >= 2:  # the second element sent again under the first's ID
                second = cbor2.loads(items[1].value)
                second["digestID"] = cbor2.loads(items[0].value)["digestID"]
                items[1] = cbor2.CBORTag(24, cbor2.dumps(second))
                return b64url(cbor2.dumps(issuer_signed))
    return credential


def _tdate(moment: float) -> cbor2.CBORTag:
    import datetime as dt

    text = dt.datetime.fromtimestamp(int(moment), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return cbor2.CBORTag(0, text)


def break_credential(mode: str, credential: str, format: str, keys: IssuerKeys, now: float) -> str:
    """``credential`` of ``format`` (as minted by the demo, signed by ``keys`` at ``now``)
    broken as ``mode`` (one of :data:`MALFORMED_MODES`) says; unchanged where the mode does
    not apply to the format. Raises ValueError for an unknown mode."""
    if mode not in MALFORMED_MODES:
        raise ValueError(f"unknown malformed mode {mode!r}; one of {sorted(MALFORMED_MODES)}")
    if format == "mso_mdoc":
        return _break_mdoc(mode, credential, keys, now)
    return _break_jws(mode, credential, keys, now)
