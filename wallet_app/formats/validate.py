"""The structural floor under every trust verdict: what a credential's format says MUST abort.

:func:`validate_credential` runs on receipt, before anything is stored, whatever the trust
flags (issue 11). It raises :class:`~wallet_app.errors.InvalidCredential` with a sentence
naming the violation, ``detail`` naming the rule:

* SD-JWT VC (RFC 9901 §4, §7.1-7.2; SD-JWT VC §3): not signed (``alg: none``) or an
  algorithm that is not allowed, a signature that does not verify with the key the
  credential carries (``x5c`` leaf or ``jwk``), an unknown ``_sd_alg``, malformed or
  duplicate disclosures, a disclosure no digest refers to, a digest that appears twice, a
  disclosed name that is reserved or collides with another claim, a Key Binding JWT from
  the issuer, an expired (or not yet valid) credential, nesting deeper than
  :data:`~wallet_app.jsonsafe.MAX_DEPTH`, text that is not valid Unicode;
* JWT VC (``jwt_vc_json``): the same without disclosures;
* mdoc (ISO/IEC 18013-5 §9.1.2, §9.3.1): :mod:`.validate_mdoc`.

Walks are iterative or bounded: never a RecursionError. No network: a signature by a key the
credential does not carry (issuer metadata, ``did``) is checked by the trust verification,
which also rejects a mismatch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime

from wallet_app.errors import InvalidCredential
from wallet_app.formats.floor import FloorParse, SignatureResult
from wallet_app.formats.jwt_vc import Jws, embedded_key_check, iso_date
from wallet_app.formats.view import (
    JWT_VC_FORMATS,
    MDOC_FORMAT,
    SD_JWT_FORMATS,
    _sniff,
    b64url_decode,
)
from wallet_app.jsonsafe import MAX_DEPTH, JsonRejected, has_lone_surrogate, loads

__all__ = ["CLOCK_SKEW", "SIGNING_ALGS", "validate_credential"]

#: seconds of clock difference tolerated for ``exp``, ``nbf``, ``iat`` (as the trust checks)
CLOCK_SKEW = 60.0
#: asymmetric algorithms only (RFC 9901 §7.1: "none" MUST NOT be accepted; no MAC)
SIGNING_ALGS = frozenset(
    {"ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448"}
    | {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
)
_HASH_NAMES = frozenset({"sha-256", "sha-384", "sha-512", "sha3-256", "sha3-384", "sha3-512"})
SD_JWT = "RFC 9901 §7.1"
SD_JWT_VC = "SD-JWT VC §3.2.2"
JWT = "RFC 7519 §7.2"


def _when(moment: float) -> str:
    try:
        return datetime.fromtimestamp(moment, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):  # beyond year 9999
        return f"{moment:.0f} s after 1970"


def validate_credential(
    format: str, credential: object, *, now: float, doctype: str | None = None
) -> FloorParse | None:
    """Raise InvalidCredential when ``credential`` of ``format`` breaks a rule its format says
    MUST abort processing (see the module); when it may go on to the trust verification,
    return what was parsed and verified (for the decoders: the credential is parsed once,
    its signature checked once), None for what the floor does not parse. Unknown formats
    (kept raw) are only checked for depth and text. ``now``: seconds since the epoch;
    ``doctype``: the docType an mdoc must have (the configuration's; None: not compared).
    Raises nothing else."""
    if isinstance(credential, Mapping):  # ldp_vc and other JSON credentials
        _json_value(credential)
        return None
    if not isinstance(credential, str):
        return None  # what is neither text nor JSON object is refused by the decoders
    if has_lone_surrogate(credential):
        raise InvalidCredential(
            (
                "The issuer sent a credential with text that is not valid "
                "Unicode. Nothing was stored."
            ),
            detail="RFC 8259 §8.2: JSON text exchanged between systems must be valid Unicode",
        )
    text = credential.strip()
    first = text.split("~", 1)[0]
    # the same family decode_credential reads it as, whatever format was announced
    if format in SD_JWT_FORMATS or format in JWT_VC_FORMATS or _sniff(text) is not None:
        if "~" in text or (format in SD_JWT_FORMATS and first.count(".") != 2):
            return _validate_sd_jwt(text, now)
        return _validate_jwt_vc(text, now)
    from wallet_app.formats.validate_mdoc import validate_mdoc

    if format != MDOC_FORMAT:  # another format: checked as an mdoc only when it is one
        from wallet_app.errors import FormatError
        from wallet_app.formats.mdoc import decode_mdoc

        try:
            decode_mdoc(text)
        except FormatError:
            return None
    return validate_mdoc(text, now, doctype=doctype)


def _json_value(value: object) -> None:
    """Depth and text of JSON already parsed (a credential delivered as a JSON object)."""
    from wallet_app.jsonsafe import check_depth

    try:
        check_depth(value)
        loads(_dumps(value))
    except (JsonRejected, ValueError, TypeError):
        raise InvalidCredential(
            (
                "The credential is nested too deeply or holds text that is not valid "
                "Unicode. Nothing was stored."
            ),
            detail=f"depth at most {MAX_DEPTH}; RFC 8259 §8.2",
        ) from None


def _dumps(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _json_part(segment: str, what: str, rule: str) -> object:
    """A base64url JSON segment, within bounds. Raises InvalidCredential."""
    try:
        raw = b64url_decode(segment)
    except ValueError:
        raise InvalidCredential(
            ("The {what} of the credential is not base64url. Nothing was stored."),
            params={"what": what},
            detail=rule,
        ) from None
    try:  # strict UTF-8 (RFC 8259 §8.1): a surrogate encoded in the bytes is refused here
        return loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidCredential(
            "The {what} of the credential holds text that is not valid UTF-8. Nothing was stored.",
            params={"what": what},
            detail=f"{rule}; RFC 8259 §8.1: JSON exchanged between systems is UTF-8",
        ) from exc
    except JsonRejected as exc:
        reason = str(exc)
        if "surrogate" in reason:
            raise InvalidCredential(
                (
                    "The {what} of the credential holds text that is not valid "
                    "Unicode. Nothing was stored."
                ),
                params={"what": what},
                detail=f"{rule}; RFC 8259 §8.2",
            ) from exc
        raise InvalidCredential(
            (
                "The {what} of the credential is nested more than {depth} "
                "levels deep. Nothing was stored."
            ),
            params={"what": what, "depth": MAX_DEPTH},
            detail=f"{rule}; the wallet reads at most {MAX_DEPTH} levels",
        ) from exc
    except (ValueError, TypeError):
        raise InvalidCredential(
            "The {what} of the credential is not JSON. Nothing was stored.",
            params={"what": what},
            detail=rule,
        ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _signed_jws(compact: str, rule: str) -> FloorParse:
    """The issuer-signed JWS, its header and payload checked: signed with an allowed
    algorithm, verified with the key it embeds (and that check). Raises InvalidCredential."""
    parts = compact.split(".")
    if len(parts) != 3:
        raise InvalidCredential(
            "The credential is not a signed JWT. Nothing was stored.",
            detail=f"{rule}; RFC 7515 §7.1",
        )
    header = _json_part(parts[0], "header", rule)
    payload = _json_part(parts[1], "payload", rule)
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise InvalidCredential(
            ("The credential's header or payload is not a JSON object. Nothing was stored."),
            detail=rule,
        )
    assert isinstance(header, dict) and isinstance(payload, dict)
    alg = header.get("alg")
    if alg == "none" or not parts[2]:
        raise InvalidCredential(
            ("The issuer sent a credential that is not signed (alg none). Nothing was stored."),
            detail=f"{rule}: the none algorithm MUST NOT be accepted; RFC 7519 §6",
        )
    if not isinstance(alg, str) or alg not in SIGNING_ALGS:
        raise InvalidCredential(
            (
                "The issuer signed the credential with an algorithm that is not"
                " allowed ({alg}). Nothing was stored."
            ),
            params={"alg": str(alg)[:40]},
            detail=f"{rule}: only asymmetric signature algorithms are accepted",
        )
    token = Jws(compact=compact, header=header, payload=payload)
    signature: SignatureResult = (None, None, ())
    signer = None
    if "x5c" in header or "jwk" in header:
        signature, signer = embedded_key_check(token)
        verified, _subject, warnings = signature
        detail = f"{rule}: the signature MUST verify; {' '.join(warnings)}"
        if not verified and "x5c" in header:
            raise InvalidCredential(
                (
                    "The credential's signature does not verify with its "
                    "certificate. Nothing was stored."
                ),
                detail=detail,
            )
        if not verified:
            raise InvalidCredential(
                (
                    "The credential's signature does not verify with the key it "
                    "carries. Nothing was stored."
                ),
                detail=detail,
            )
    return FloorParse(token=token, signature=signature, signer=signer)


def _numeric(payload: Mapping[str, object], name: str) -> float | None:
    """A NumericDate claim (RFC 7519 §2), None when absent. Raises InvalidCredential for
    what is not a finite number."""
    value = payload.get(name)
    if value is None:
        return None
    number = math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            number = math.nan
    if not math.isfinite(number):
        raise InvalidCredential(
            "The credential's {name} is not a date. Nothing was stored.",
            params={"name": name},
            detail=f"{JWT}: {name} is a NumericDate",
        )
    return number


def _check_period(
    issued: float | None, valid_from: float | None, until: float | None, now: float, rule: str
) -> None:
    if until is not None and until <= now - CLOCK_SKEW:
        raise InvalidCredential(
            ("The issuer sent a credential that has already expired ({date}). Nothing was stored."),
            params={"date": _when(until)},
            detail=f"{rule}: exp MUST be in the future",
        )
    if valid_from is not None and valid_from > now + CLOCK_SKEW:
        raise InvalidCredential(
            (
                "The issuer sent a credential that is not valid yet (from "
                "{date}). Nothing was stored."
            ),
            params={"date": _when(valid_from)},
            detail=f"{rule}: nbf MUST NOT be in the future",
        )
    if issued is not None and issued > now + CLOCK_SKEW:
        raise InvalidCredential(
            ("The issuer sent a credential signed in the future ({date}). Nothing was stored."),
            params={"date": _when(issued)},
            detail=f"{rule}: iat MUST NOT be in the future",
        )


def _timestamp(value: object) -> float | None:
    parsed = iso_date(value)
    return parsed.timestamp() if parsed is not None else None


def _validate_jwt_vc(text: str, now: float) -> FloorParse:
    floor = _signed_jws(text, "JWT VC (OID4VCI 1.0 §A.1.1, RFC 7515)")
    assert floor.token is not None
    payload = floor.token.payload
    vc = payload.get("vc")
    doc = vc if isinstance(vc, Mapping) else payload
    until = _numeric(payload, "exp")
    valid_from = _numeric(payload, "nbf")
    if until is None:
        until = _timestamp(doc.get("expirationDate", doc.get("validUntil")))
    if valid_from is None:
        valid_from = _timestamp(doc.get("validFrom"))
    _check_period(_numeric(payload, "iat"), valid_from, until, now, JWT)
    return floor


# --- SD-JWT ---------------------------------------------------------------------------------


def _validate_sd_jwt(text: str, now: float) -> FloorParse:
    parts = text.split("~")
    jws, rest = parts[0], parts[1:]
    if rest and rest[-1]:
        if "." in rest[-1]:
            raise InvalidCredential(
                (
                    "The issuer sent a credential with a key binding JWT (a "
                    "presentation, not an issuance). Nothing was stored."
                ),
                detail="RFC 9901 §4: an SD-JWT issued to the holder has no Key Binding JWT",
            )
        raise InvalidCredential(
            ("The credential does not end with '~' as an SD-JWT must. Nothing was stored."),
            detail="RFC 9901 §4: the SD-JWT format ends with '~'",
        )
    disclosures_raw = rest[:-1]
    if any(not d for d in disclosures_raw):
        raise InvalidCredential(
            ("The credential holds an empty disclosure ('~~'). Nothing was stored."),
            detail=f"{SD_JWT}; RFC 9901 §4",
        )
    floor = _signed_jws(jws, SD_JWT)
    token = floor.token
    assert token is not None
    typ = token.header.get("typ")
    media = typ.lower().removeprefix("application/") if isinstance(typ, str) else None
    if media not in SD_JWT_FORMATS:
        raise InvalidCredential(
            (
                "The credential's type header (typ) is {typ}, not dc+sd-jwt as "
                "an SD-JWT VC must say. Nothing was stored."
            ),
            params={"typ": str(typ)[:40]},
            detail="SD-JWT VC §3.2.1: the typ header MUST be dc+sd-jwt (vc+sd-jwt before draft 09)",
        )
    payload = token.payload
    alg = payload.get("_sd_alg", "sha-256")
    if not isinstance(alg, str) or alg not in _HASH_NAMES:
        raise InvalidCredential(
            (
                "The credential uses a digest algorithm the wallet does not "
                "know ({alg}). Nothing was stored."
            ),
            params={"alg": str(alg)[:40]},
            detail=f"{SD_JWT}: an unsupported _sd_alg MUST be rejected",
        )
    from wallet_app.formats.validate_sd_jwt import read_disclosures, resolve

    by_digest, read = read_disclosures(disclosures_raw, alg)
    resolve(payload, by_digest)
    _check_period(
        _numeric(payload, "iat"),
        _numeric(payload, "nbf"),
        _numeric(payload, "exp"),
        now,
        SD_JWT_VC,
    )
    return replace(floor, disclosures=read)
