"""JWS compact parsing shared by the JWT formats, and W3C VCs as JWT (``jwt_vc_json``).

OID4VCI 1.0 Appendix A.1: the credential is a JWT whose payload carries the VC in ``vc``
(VCDM 1.1) or at the top level (VCDM 2.0). The signature is checked only with a key the
credential itself carries (``x5c`` leaf or ``jwk`` header); issuer trust is not decided here.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import JWKRegistry, Key, OKPKey
from joserfc.jws import JWSRegistry

from wallet_app import jsonsafe
from wallet_app.errors import FormatError
from wallet_app.formats.certificates import certificate_public_key, load_der_certificate
from wallet_app.formats.view import CredentialView, b64url_decode
from wallet_app.frozen import frozen

if TYPE_CHECKING:
    from wallet_app.formats.floor import FloorParse

__all__ = [
    "Jws",
    "certificate_jwk",
    "decode_jwt_vc",
    "decode_vc_document",
    "embedded_key_check",
    "jws_header",
    "numeric_date",
    "parse_jws",
    "public_jwk",
    "signature_segment",
    "verify_eddsa",
    "verify_embedded_key",
]

# Asymmetric algorithms only: an embedded key must never select HMAC or "none".
_SIGNING_ALGS = frozenset(
    {"ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448"}
    | {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
)
_PRIVATE_JWK_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
_MAX_HEADER = 64_000
_MAX_PAYLOAD = 8_000_000
_UNREADABLE = "The issuer sent a credential that the wallet cannot read."


@frozen
class Jws:
    """A JWS compact serialization split into its decoded header and JSON payload."""

    compact: str
    header: Mapping[str, object]
    payload: Mapping[str, object]


def _json_object(segment: str, what: str) -> dict[str, object]:
    try:  # bounded: deep nesting is refused, lone surrogates shown as U+FFFD
        raw = b64url_decode(segment)
        text = raw.decode(json.detect_encoding(raw), "surrogatepass")  # as json.loads(bytes)
        value = jsonsafe.loads(text, surrogates="repair")
    except ValueError as exc:
        raise FormatError(_UNREADABLE, detail=f"{what} is not base64url JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise FormatError(_UNREADABLE, detail=f"{what} is not a JSON object")
    return value


def jws_header(segment: str) -> dict[str, object]:
    """A JWS's first segment decoded. Raises FormatError when it is no base64url JSON
    object."""
    return _json_object(segment, "JWS header")


def parse_jws(compact: str, *, header: Callable[[str], Mapping[str, object]] = jws_header) -> Jws:
    """Split and decode a JWS compact serialization (RFC 7515 §7.1) without verifying it.
    ``header`` decodes the first segment (:func:`jws_header`, or a cache of it: the
    instances of a batch carry the same header, certificates and all).

    Raises FormatError when there are not three parts or header/payload are not JSON objects.
    """
    parts = compact.split(".")
    if len(parts) != 3:
        raise FormatError(_UNREADABLE, detail=f"JWS has {len(parts)} parts, expected 3")
    decoded_header = header(parts[0])
    payload = _json_object(parts[1], "JWS payload")
    signature_segment(compact)
    return Jws(compact=compact, header=decoded_header, payload=payload)


def signature_segment(compact: str) -> bytes:
    """The decoded signature of a JWS compact serialization. Raises FormatError when it is
    not base64url."""
    try:
        return b64url_decode(compact.rpartition(".")[2])
    except ValueError as exc:
        raise FormatError(_UNREADABLE, detail="JWS signature is not base64url") from exc


def numeric_date(value: object) -> datetime | None:
    """A JWT NumericDate (RFC 7519 §2) as an aware UTC datetime; None when absent or invalid."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def iso_date(value: object) -> datetime | None:
    """An ISO 8601 date-time string (VCDM dates) as an aware UTC datetime, or None."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def public_jwk(value: object) -> dict[str, object] | None:
    """The public members of a JWK object; None when ``value`` is not a JWK."""
    if not isinstance(value, Mapping) or not isinstance(value.get("kty"), str):
        return None
    return {str(k): v for k, v in value.items() if k not in _PRIVATE_JWK_MEMBERS}


def _leaf_certificate(header: Mapping[str, object]) -> x509.Certificate:
    chain = header["x5c"]
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise ValueError("x5c is not a non-empty array of strings")
    try:
        der = base64.b64decode(chain[0], validate=True)
    except binascii.Error:
        der = b64url_decode(chain[0])
    return load_der_certificate(der)


def certificate_jwk(cert: x509.Certificate) -> Key:
    """The public key of ``cert`` as a joserfc key (EC, RSA or OKP).

    Raises ValueError for another key type, UnsupportedAlgorithm for one cryptography cannot
    load.
    """
    public = certificate_public_key(cert)
    if isinstance(public, ec.EllipticCurvePublicKey):
        kty = "EC"
    elif isinstance(public, rsa.RSAPublicKey):
        kty = "RSA"
    elif isinstance(public, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        kty = "OKP"
    else:
        raise ValueError(f"unsupported certificate key {type(public).__name__}")
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    return JWKRegistry.import_key(pem, kty)


def verify_embedded_key(token: Jws) -> tuple[bool | None, str | None, tuple[str, ...]]:
    """Check the JWS signature with the key the header embeds (``x5c`` leaf, else ``jwk``).

    Returns (verified or None when no key is embedded, x5c leaf subject, warnings). This proves
    integrity only, not that the issuer is trusted. Never raises for bad input.
    """
    return embedded_key_check(token)[0]


def embedded_key_check(
    token: Jws,
) -> tuple[tuple[bool | None, str | None, tuple[str, ...]], Key | None]:
    """:func:`verify_embedded_key` and the key that verified the signature (None unless
    verified), so that the trust verification need not check it again with the same key.
    Never raises for bad input."""
    header = token.header
    alg = header.get("alg")
    subject: str | None = None
    if "x5c" not in header and "jwk" not in header:
        return (None, None, ()), None
    if not isinstance(alg, str) or alg not in _SIGNING_ALGS:
        return (False, None, (f"The signature algorithm {alg!r} is not accepted.",)), None
    try:
        if "x5c" in header:
            cert = _leaf_certificate(header)
            subject = cert.subject.rfc4514_string()
            key = certificate_jwk(cert)
        else:
            jwk = public_jwk(header["jwk"])
            if jwk is None:
                raise ValueError("jwk header is not a JWK")
            key = JWKRegistry.import_key(jwk)  # type: ignore[arg-type]  # JSON → DictKey
    except (ValueError, TypeError, JoseError, UnsupportedAlgorithm) as exc:
        warning = f"The key embedded in the credential could not be read ({exc})."
        return (False, subject, (warning,)), None
    if alg == "EdDSA":
        ok = verify_eddsa(token.compact, key)
    else:
        ok = _verify_with_joserfc(token.compact, key, str(alg))
    if not ok:
        return (False, subject, ("The issuer's signature does not match the credential.",)), None
    return (True, subject, ()), key


def _verify_with_joserfc(compact: str, key: Key, alg: str) -> bool:
    # Issuer headers carry certificate chains and profile-specific members: lift joserfc's
    # 512-byte header cap and its allow-list of header names (``crit`` is still enforced).
    registry = JWSRegistry(algorithms=[alg], strict_check_header=False)
    registry.max_header_length = _MAX_HEADER
    registry.max_payload_length = _MAX_PAYLOAD
    try:
        jws.deserialize_compact(compact, key, registry=registry)
    except (JoseError, ValueError):
        return False
    return True


def verify_eddsa(compact: str, key: Key) -> bool:
    """Polymorphic "EdDSA" (deprecated by RFC 9864, joserfc warns) checked with cryptography."""
    public = key.public_key if isinstance(key, OKPKey) else None
    if not isinstance(public, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        return False
    signing_input, _, signature = compact.rpartition(".")
    try:
        public.verify(b64url_decode(signature), signing_input.encode("ascii"))
    except (InvalidSignature, ValueError):
        return False
    return True


def _vc_view(
    format: str, vc: Mapping[str, object], outer: Mapping[str, object], warnings: list[str]
) -> tuple[str | None, str | None, dict[str, object], Mapping[str, object] | None]:
    """(type, issuer, claims, holder key) of a VC object."""
    types = vc.get("type")
    if isinstance(types, list) and types and isinstance(types[-1], str):
        vc_type: str | None = types[-1]
    else:
        vc_type = types if isinstance(types, str) else None
    issuer = outer.get("iss", vc.get("issuer"))
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    subject = vc.get("credentialSubject")
    if isinstance(subject, list) and subject:
        if len(subject) > 1:
            warnings.append(f"Only the first of {len(subject)} credential subjects is shown.")
        subject = subject[0]
    claims = dict(subject) if isinstance(subject, Mapping) else {}
    if not isinstance(subject, Mapping):
        warnings.append(f"The {format} credential has no credentialSubject.")
    cnf = outer.get("cnf")
    holder = public_jwk(cnf.get("jwk")) if isinstance(cnf, Mapping) else None
    subject_id = outer.get("sub", claims.get("id"))
    if holder is None and isinstance(subject_id, str) and subject_id.startswith("did:jwk:"):
        try:
            did = b64url_decode(subject_id[8:].split("#")[0])
            holder = public_jwk(jsonsafe.loads(did, surrogates="repair"))
        except ValueError:
            warnings.append("The holder's did:jwk could not be read.")
    return vc_type, issuer if isinstance(issuer, str) else None, claims, holder


def decode_jwt_vc(
    credential: str,
    *,
    format: str = "jwt_vc_json",
    check_signature: bool = True,
    floor: FloorParse | None = None,
) -> CredentialView:
    """Decode a ``jwt_vc_json`` credential (OID4VCI 1.0 Appendix A.1.1). ``check_signature``
    False skips the check with the embedded key (``signature_verified`` None). ``floor``:
    the structural floor's parse of ``credential`` (its token and signature check are taken
    instead of parsing and checking again).

    Raises FormatError when it is not a JWS with a JSON object payload.
    """
    if floor is not None and floor.token is not None and floor.token.compact == credential:
        token = floor.token
        signature_segment(credential)  # the floor read the header and payload, not this
    else:
        floor = None
        token = parse_jws(credential)
    payload = token.payload
    vc_claim = payload.get("vc")
    vc = vc_claim if isinstance(vc_claim, Mapping) else payload
    warnings: list[str] = []
    vc_type, issuer, claims, holder = _vc_view(format, vc, payload, warnings)
    verified, subject, sig_warnings = (
        floor.signature
        if floor is not None and check_signature
        else verify_embedded_key(token)
        if check_signature
        else (None, None, ())
    )
    status = payload.get("status", vc.get("credentialStatus"))
    return CredentialView(
        format=format,
        type=vc_type,
        issuer=issuer or subject,
        issued_at=numeric_date(payload.get("iat"))
        or iso_date(vc.get("issuanceDate", vc.get("validFrom"))),
        valid_from=numeric_date(payload.get("nbf")) or iso_date(vc.get("validFrom")),
        expires_at=numeric_date(payload.get("exp"))
        or iso_date(vc.get("expirationDate", vc.get("validUntil"))),
        holder_key=holder,
        claims=claims,
        header=dict(token.header),
        payload=dict(payload),
        disclosures=(),
        status=dict(status) if isinstance(status, Mapping) else None,
        digests_verified=True,
        signature_verified=verified,
        warnings=(*warnings, *sig_warnings),
    )


def decode_vc_document(format: str, document: Mapping[str, object]) -> CredentialView:
    """Show a VC delivered as a JSON object (``ldp_vc``); its Data Integrity proof is not checked.

    Never raises: a document without ``credentialSubject`` gives empty claims and a warning.
    """
    warnings: list[str] = []
    vc_type, issuer, claims, holder = _vc_view(format, document, document, warnings)
    status = document.get("credentialStatus")
    return CredentialView(
        format=format,
        type=vc_type,
        issuer=issuer,
        issued_at=iso_date(document.get("issuanceDate", document.get("validFrom"))),
        valid_from=iso_date(document.get("validFrom")),
        expires_at=iso_date(document.get("expirationDate", document.get("validUntil"))),
        holder_key=holder,
        claims=claims,
        header={},
        payload=dict(document),
        disclosures=(),
        status=dict(status) if isinstance(status, Mapping) else None,
        digests_verified=True,
        signature_verified=None,
        warnings=tuple(warnings),
    )
