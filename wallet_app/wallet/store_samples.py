"""What the store's zlib dictionaries are made of: issuer-public material only.

A dictionary (:mod:`wallet_app.wallet.store_dicts`) outlives the values compressed against it
while other credentials of the same issuer and configuration (or other flows of the issuer)
remain, so it must hold nothing of any one credential: no claim value, disclosure, salt,
holder key, digest, nonce, or credential text. Each sample here is cut from material that is the
same for every credential of an issuer and is public anyway:

- instances: the JWS protected header of a JWT / SD-JWT (``alg``, ``typ``, ``kid`` and the
  ``x5c`` certificates: the biggest repeated piece), only when it names nothing but JOSE header
  parameters; for an mdoc, the COSE protected header and the ``x5chain`` certificates of its
  ``issuerAuth``, each cut at the offsets where its base64url text is the same in every
  credential;
- verifications: the checks' names, sentence templates, specs and kinds; each sentence's text
  and parameters with every number and id-like run masked (the dates, counts and status index
  of a credential stay out);
- traces: the issuer's published metadata (``/.well-known/`` responses), and every other part
  of the exchanges masked: no number, no run of 16 base64url characters (proofs with their
  holder keys, nonces, DPoP headers, ids, digests; tokens and codes are redacted before the
  trace is stored, see ``oid4vci/exchange.py``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence

__all__ = ["instance_sample", "trace_sample", "verification_sample"]

#: the JOSE header parameters (RFC 7515 §4.1, OpenID Federation's trust_chain) an issuer's
#: signing header carries; a header with any other member gives no sample
_JOSE_HEADER = frozenset(
    {"alg", "typ", "kid", "x5c", "x5t", "x5t#S256", "x5u", "jku", "jwk", "cty", "crit"}
    | {"trust_chain"}
)
_COSE_X5CHAIN = 33
_DIGITS = re.compile(r"[0-9]")
_LONG_RUN = re.compile(r"[A-Za-z0-9_\-+/=]{16,}")
_RANDOM_LOOKING = re.compile(r"[A-Z0-9]")
_MASKED_PART = re.compile(
    r"(?P<jwt>eyJ[A-Za-z0-9_\-]{8,})|(?P<run>[A-Za-z0-9_\-+/=]{16,})|(?P<digit>[0-9])"
)
_LONG_NUMBER = re.compile(r"[0-9]{6,}")


def _b64decode(part: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, binascii.Error):
        return None


def _jws_header(segment: str) -> str | None:
    """``segment`` when it is a JWS protected header of nothing but JOSE parameters."""
    raw = _b64decode(segment)
    if raw is None or len(raw) > 64 * 1024:
        return None
    try:
        header = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or not set(header) <= _JOSE_HEADER:
        return None
    return segment


def _aligned(raw: bytes, piece: bytes) -> str:
    """The base64url text of the whole 3-byte groups of ``piece`` inside ``raw``: the same
    characters stand in the base64url of ``raw`` (and of any credential where ``piece`` lies
    at the same offset modulo 3)."""
    offset = raw.find(piece)
    if offset < 0 or not piece:
        return ""
    start = -(-offset // 3) * 3
    end = (offset + len(piece)) // 3 * 3
    if end <= start:
        return ""
    return base64.urlsafe_b64encode(raw[start:end]).decode("ascii").rstrip("=")


def _mdoc_pieces(credential: str) -> list[str]:
    """The COSE protected header and x5chain certificates of an mdoc's issuerAuth."""
    import cbor2

    raw = _b64decode(credential)
    if raw is None:
        return []
    try:
        signed = cbor2.loads(raw)
    except (ValueError, TypeError, RecursionError, cbor2.CBORDecodeError):
        return []
    auth = signed.get("issuerAuth") if isinstance(signed, Mapping) else None
    if not isinstance(auth, list) or len(auth) != 4:
        return []
    protected, unprotected = auth[0], auth[1]
    found: list[bytes] = [protected] if isinstance(protected, bytes) else []
    chain = unprotected.get(_COSE_X5CHAIN) if isinstance(unprotected, Mapping) else None
    if isinstance(chain, bytes):
        found.append(chain)
    elif isinstance(chain, list):
        found.extend(c for c in chain if isinstance(c, bytes))
    # each certificate at all three offsets: where it lies modulo 3 depends on what precedes it
    pieces: list[str] = []
    for piece in found:
        for shift in range(3):
            padded = bytes(shift) + piece
            pieces.append(_aligned(padded, piece))
    return [p for p in pieces if p]


def instance_sample(credential: str) -> bytes:
    """The issuer-public material of a credential instance (empty: none found). Raises
    nothing."""
    head = credential.split("~", 1)[0]
    if head.count(".") == 2:
        segment = _jws_header(head.split(".", 1)[0])
        return segment.encode("ascii") if segment else b""
    if "." in head:
        return b""
    return "".join(_mdoc_pieces(head)).encode("ascii")


def _masked(value: object, depth: int = 0) -> object:
    """``value`` with every digit turned into 0 and every id-like run blanked (see
    :func:`_mask_text`); booleans and null kept."""
    if isinstance(value, str):
        return _mask_text(value)
    if isinstance(value, Mapping) and depth < 16:
        return {
            str(k): value.get(k) if k == "template" else _masked(v, depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, list) and depth < 16:
        return [_masked(v, depth + 1) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    return 0


def _jwt_prefix(match: re.Match[str]) -> str:
    """The start of a JWT segment (a proof's header: its ``typ``, ``alg`` and key type) up
    to its first number or id-like run, as base64url of whole 3-byte groups: what every
    proof of the issuer's flows begins with; the key, nonce and time that follow are cut."""
    raw = _b64decode(match.group())
    if raw is None:
        return ""
    text = raw.decode("utf-8", "replace")
    runs = (m.start() for m in _LONG_RUN.finditer(text) if _random_looking(m.group()))
    number = _LONG_NUMBER.search(text)
    cut = min(next(runs, len(text)), number.start() if number else len(text))
    kept = text[:cut].encode("utf-8")
    kept = kept[: len(kept) // 3 * 3]
    return base64.urlsafe_b64encode(kept).decode("ascii")


def _mask_text(text: str) -> str:
    """No number (dates, counts, indexes) and no random-looking run of 16 or more base64
    characters (keys, digests, nonces, ids, proofs) of the text stays; words and names of
    protocol members do."""
    return _MASKED_PART.sub(_mask_part, text)


def _mask_part(match: re.Match[str]) -> str:
    if match.lastgroup == "jwt":
        return _jwt_prefix(match)
    if match.lastgroup == "run":
        return _blank_run(match)
    return "0"


def _random_looking(run: str) -> bool:
    """A run with four capitals or digits or more: a key, digest, nonce or id, not a word
    like ``openid4vci-proof+jwt`` or ``credential_configuration_id``."""
    return len(_RANDOM_LOOKING.findall(run)) >= 4


def _blank_run(match: re.Match[str]) -> str:
    run = match.group()
    return "" if _random_looking(run) else _DIGITS.sub("0", run)


def verification_sample(value: Mapping[str, object]) -> bytes:
    """A stored verification (see ``verification_to_json``) with the parts that describe
    one credential masked (each check's sentence and parameters, the time it was checked):
    check names, sentence templates, specs and kinds, the verdict and the issuer's anchor and
    organisation names stay, what every credential of the issuer and configuration repeats."""
    sample = dict(value)
    sample["checked_at"] = _masked(value.get("checked_at"))
    checks = value.get("checks")
    sample["checks"] = [
        {**c, "detail": _masked(c.get("detail"))} if isinstance(c, Mapping) else None
        for c in (checks if isinstance(checks, list) else [])
    ]
    text = json.dumps(sample, default=str, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def trace_sample(exchanges: Sequence[Mapping[str, object]]) -> bytes:
    """A flow's trace as every flow with this issuer repeats it: the issuer's published
    metadata (``/.well-known/`` responses) as it is, everything else masked (no number, no
    proof, nonce, key, id or other run of 16 base64url characters: see :func:`_mask_text`)."""
    sample: list[object] = []
    for exchange in exchanges:
        url = exchange.get("url")
        published = (
            exchange.get("method") == "GET"
            and isinstance(url, str)
            and "/.well-known/" in url
            and "?" not in url
        )
        masked = _masked(exchange)
        if published and isinstance(masked, dict):
            masked["url"] = url
            masked["response_body"] = exchange.get("response_body")
        sample.append(masked)
    text = json.dumps(sample, default=str, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")
