"""SD-JWT VC (``dc+sd-jwt``, legacy ``vc+sd-jwt``): decode, resolve disclosures, check digests.

RFC 9901 (SD-JWT) §4-§7 and draft-ietf-oauth-sd-jwt-vc; OID4VCI 1.0 Appendix A.3. The
issuer-signed JWT is followed by ``~``-separated disclosures and an optional KB-JWT, which is
not part of what the issuer delivers and is ignored here.
"""

from __future__ import annotations

import binascii
import hashlib
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from wallet_app import jsonsafe
from wallet_app.errors import FormatError
from wallet_app.formats.jwt_vc import (
    jws_header,
    numeric_date,
    parse_jws,
    public_jwk,
    signature_segment,
    verify_embedded_key,
)
from wallet_app.formats.view import CredentialView, Disclosure, b64url_decode

if TYPE_CHECKING:
    from wallet_app.formats.floor import FloorParse

__all__ = ["TECHNICAL_CLAIMS", "decode_sd_jwt", "sd_digest"]

# Claims that describe the credential rather than its subject (SD-JWT VC §3.2.2); kept out
# of `claims`. `sub` stays: it names the subject and some credentials show it.
TECHNICAL_CLAIMS = frozenset(
    {"iss", "iat", "exp", "nbf", "vct", "vct#integrity", "cnf", "status", "_sd_alg"}
)
# IANA "Named Information Hash Algorithm" names → hashlib constructors.
_HASHES: Mapping[str, Callable[[bytes], hashlib._Hash]] = MappingProxyType(
    {
        "sha-256": hashlib.sha256,
        "sha-384": hashlib.sha384,
        "sha-512": hashlib.sha512,
        "sha3-256": hashlib.sha3_256,
        "sha3-384": hashlib.sha3_384,
        "sha3-512": hashlib.sha3_512,
    }
)
_STANDARD_TO_URL = bytes.maketrans(b"+/", b"-_")
_UNREADABLE = "The issuer sent a credential that the wallet cannot read."
_ARRAY_DIGEST = "..."


def sd_digest(disclosure: str, alg: str = "sha-256") -> str:
    """The base64url digest of one disclosure string (RFC 9901 §4.2.3).

    Raises ValueError for an unknown hash algorithm name.
    """
    if alg not in _HASHES:
        raise ValueError(f"unsupported _sd_alg {alg!r}")
    digest = _HASHES[alg](disclosure.encode("ascii")).digest()
    encoded = binascii.b2a_base64(digest, newline=False)  # base64.urlsafe_b64encode, inline
    return encoded.translate(_STANDARD_TO_URL).rstrip(b"=").decode("ascii")


def _json(data: bytes) -> object:
    """``data`` as JSON within bounds (:func:`wallet_app.jsonsafe.loads`: deep nesting is
    refused, lone surrogates shown as U+FFFD; what is stored was refused on receipt).
    Raises ValueError."""
    return jsonsafe.loads(_text(data), surrogates="repair")


def _text(data: bytes) -> str:
    """``data`` decoded as ``json.loads(bytes)`` does (its encoding detected, surrogates
    passed), so that jsonsafe sees any lone surrogate in the text. Raises ValueError."""
    return data.decode(json.detect_encoding(data), "surrogatepass")


def _parse_disclosure(raw: str, alg: str | None) -> Disclosure:
    try:
        decoded = _json(b64url_decode(raw))
    except ValueError as exc:
        detail = f"disclosure {raw[:16]}… is not base64url JSON"
        raise FormatError(_UNREADABLE, detail=detail) from exc
    if not isinstance(decoded, list) or len(decoded) not in (2, 3):
        raise FormatError(_UNREADABLE, detail=f"disclosure {raw[:16]}… is not an array of 2 or 3")
    salt, name = decoded[0], decoded[1] if len(decoded) == 3 else None
    if not isinstance(salt, str) or (len(decoded) == 3 and not isinstance(name, str)):
        raise FormatError(_UNREADABLE, detail=f"disclosure {raw[:16]}… has a non-string salt/name")
    digest = sd_digest(raw, alg) if alg else ""
    return Disclosure(digest=digest, salt=salt, name=name, value=decoded[-1], raw=raw)


class _Resolver:
    """Replaces digests by disclosed values, recording every anomaly (RFC 9901 §7.1). (A
    plain class: a dataclass costs every start its processing, ~0.4 ms.)"""

    __slots__ = ("by_digest", "problems", "used")

    def __init__(self, by_digest: dict[str, Disclosure]) -> None:
        self.by_digest = by_digest
        self.used: set[str] = set()
        self.problems: list[str] = []

    def take(self, digest: object) -> Disclosure | None:
        if not isinstance(digest, str):
            self.problems.append("A digest in the credential is not a string.")
            return None
        if digest in self.used:
            self.problems.append(f"The digest {digest} appears more than once.")
            return None
        found = self.by_digest.get(digest)
        if found is not None:
            self.used.add(digest)
        return found

    def resolve(self, node: object, depth: int) -> object:
        if depth > jsonsafe.MAX_DEPTH:  # nested disclosures: bounded, never RecursionError
            detail = f"claims nested deeper than {jsonsafe.MAX_DEPTH} levels"
            raise FormatError(_UNREADABLE, detail=detail)
        if isinstance(node, Mapping):
            return self.resolve_object(node, depth)
        if isinstance(node, list):
            return self.resolve_array(node, depth)
        return node

    def resolve_object(self, node: Mapping[str, object], depth: int = 0) -> dict[str, object]:
        out = {k: self.resolve(v, depth + 1) for k, v in node.items() if k != "_sd"}
        digests = node.get("_sd", [])
        if not isinstance(digests, list):
            self.problems.append("An _sd member is not an array.")
            return out
        for digest in digests:
            disclosure = self.take(digest)
            if disclosure is None:
                continue
            name = disclosure.name
            if name is None:
                self.problems.append(f"The array element {disclosure.digest} is used as a claim.")
            elif name in ("_sd", _ARRAY_DIGEST):
                self.problems.append(f"A disclosure uses the reserved claim name {name!r}.")
            elif name in out:
                self.problems.append(f"The disclosed claim {name!r} collides with another claim.")
            else:
                out[name] = self.resolve(disclosure.value, depth + 1)
        return out

    def resolve_array(self, node: list[object], depth: int) -> list[object]:
        out: list[object] = []
        for element in node:
            if isinstance(element, Mapping) and set(element) == {_ARRAY_DIGEST}:
                disclosure = self.take(element[_ARRAY_DIGEST])
                if disclosure is None:
                    continue  # not disclosed (or a decoy digest): the element is left out
                if disclosure.name is not None:
                    self.problems.append(
                        f"The claim disclosure {disclosure.name!r} is used as an array element."
                    )
                    continue
                out.append(self.resolve(disclosure.value, depth + 1))
            else:
                out.append(self.resolve(element, depth + 1))
        return out


def _split(credential: str) -> tuple[str, list[str], list[str]]:
    """(issuer JWS, disclosure strings, warnings); the KB-JWT, if any, is dropped."""
    parts = credential.split("~")
    jws, rest = parts[0], parts[1:]
    warnings: list[str] = []
    if rest and "." in rest[-1]:
        rest = rest[:-1]  # key binding JWT: a presentation artefact, not issuer data
    elif rest and rest[-1]:
        warnings.append("The SD-JWT does not end with '~'.")
    else:
        rest = rest[:-1]
    if any(not part for part in rest):
        raise FormatError(_UNREADABLE, detail="SD-JWT has an empty disclosure ('~~')")
    return jws, rest, warnings


def decode_sd_jwt(
    credential: str,
    *,
    format: str = "dc+sd-jwt",
    check_signature: bool = True,
    header: Callable[[str], Mapping[str, object]] = jws_header,
    floor: FloorParse | None = None,
) -> CredentialView:
    """Decode an SD-JWT VC, resolving its disclosures into the claims tree.

    Digest problems (duplicates, unused or colliding disclosures) become warnings and
    ``digests_verified=False``. ``check_signature`` False skips the check with the key the
    credential embeds (``signature_verified`` None): for callers that verify the signature
    with the issuer's resolved key anyway (:mod:`wallet_app.trust`); ``header`` decodes the
    JWS header (see :func:`~.jwt_vc.parse_jws`). ``floor``: the structural floor's parse of
    ``credential`` (its token, disclosures and signature check are taken instead of parsing
    and checking again). Raises FormatError for malformed input (JWS not of three parts,
    header/payload/disclosure not base64url JSON).
    """
    jws_text, raw_disclosures, warnings = _split(credential.strip())
    if floor is not None and floor.token is not None and floor.token.compact == jws_text:
        token = floor.token
        signature_segment(jws_text)  # the floor read the header and payload, not this
    else:
        floor = None
        token = parse_jws(jws_text, header=header)
    payload = token.payload
    alg = payload.get("_sd_alg", "sha-256")
    known_alg = alg if isinstance(alg, str) and alg in _HASHES else None
    if known_alg is None:
        warnings.append(f"The digest algorithm {alg!r} is not supported; nothing is disclosed.")
    read = floor.disclosures if floor is not None else None
    if read is not None and known_alg and [d.raw for d in read] == raw_disclosures:
        disclosures = read  # parsed and their digests computed by the floor
    else:
        disclosures = tuple(_parse_disclosure(raw, known_alg) for raw in raw_disclosures)
    resolver = _Resolver({})
    for disclosure in disclosures if known_alg else ():
        if disclosure.digest in resolver.by_digest:
            resolver.problems.append(f"The disclosure {disclosure.digest} is included twice.")
        resolver.by_digest.setdefault(disclosure.digest, disclosure)
    resolved = resolver.resolve_object(payload)
    unused = len(resolver.by_digest) - len(resolver.used)
    if unused:
        resolver.problems.append(f"{unused} disclosure(s) have no matching digest.")
    warnings.extend(resolver.problems)
    verified, subject, sig_warnings = (
        floor.signature
        if floor is not None and check_signature
        else verify_embedded_key(token)
        if check_signature
        else (None, None, ())
    )
    warnings.extend(sig_warnings)
    cnf = resolved.get("cnf")
    status = resolved.get("status")
    vct, iss = resolved.get("vct"), resolved.get("iss")
    return CredentialView(
        format=format,
        type=vct if isinstance(vct, str) else None,
        issuer=iss if isinstance(iss, str) else subject,
        issued_at=numeric_date(resolved.get("iat")),
        valid_from=numeric_date(resolved.get("nbf")),
        expires_at=numeric_date(resolved.get("exp")),
        holder_key=public_jwk(cnf.get("jwk")) if isinstance(cnf, Mapping) else None,
        claims={k: v for k, v in resolved.items() if k not in TECHNICAL_CLAIMS},
        header=dict(token.header),
        payload=dict(payload),
        disclosures=disclosures,
        status=dict(status) if isinstance(status, Mapping) else None,
        digests_verified=known_alg is not None and not resolver.problems,
        signature_verified=verified,
        warnings=tuple(warnings),
    )
