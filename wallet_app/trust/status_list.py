"""Token Status List (draft-ietf-oauth-status-list): does the issuer still stand by a credential?

A credential's ``status.status_list`` names a Status List Token (``uri``) and its entry
(``idx``). :func:`check_status` fetches the token (``Accept: application/statuslist+jwt``,
§8.1), checks it (§8.3: ``typ``, signature, ``sub`` equal to the ``uri``, ``iat``, ``exp``),
decompresses the list (§4.1) and reads the entry (§7: 0 valid, 1 invalid, 2 suspended).
Any failure means no statement can be made: the status is *unknown*, with the reason.

Who may sign the list (§11.3): the key that signed the credential, or a certificate whose
``x5c`` chain validates to one of the user's trust anchors. A token is cached (the wallet's
store implements :class:`StatusCache`) for ``ttl`` seconds after fetching, never past its
``exp`` (§13.8), within sane bounds (§11.5).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from joserfc.jwk import ECKey, OKPKey, RSAKey

from wallet_app.errors import FormatError, NetworkError, Sentence
from wallet_app.formats.certificates import certificate_public_key
from wallet_app.formats.jwt_vc import Jws, parse_jws, verify_embedded_key
from wallet_app.frozen import frozen
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import parse_x5c, validate_chain
from wallet_app.trust.jws_key import SIGNING_ALGS, verify_parsed
from wallet_app.trust.memo import Holds, VerificationMemo, anchor_ids
from wallet_app.trust.model import Check, StatusValue
from wallet_app.trust.status_bits import StatusList, decode_status_list

__all__ = [
    "ACCEPT",
    "MEDIA_TYPE",
    "StatusCache",
    "StatusList",
    "StatusReference",
    "check_status",
    "decode_status_list",
    "status_reference",
]

MEDIA_TYPE = "application/statuslist+jwt"
#: a CWT Status List Token (§5.2); read by :mod:`.status_cwt`, loaded only for one (CBOR)
CWT_MEDIA_TYPE = "application/statuslist+cwt"
_TYPES = frozenset({"statuslist+jwt", MEDIA_TYPE})
DEFAULT_TTL = 300.0  # neither ttl nor exp: look again after five minutes
MIN_TTL = 30.0  # a tiny ttl must not make the wallet hammer the status provider (§11.5)
MAX_TTL = 7 * 24 * 3600.0
SKEW = 60.0
ACCEPT = f"{MEDIA_TYPE}, {CWT_MEDIA_TYPE};q=0.9"
_CWT_PREFIX = "cwt:"
_SPEC = "Token Status List §8.3"
_STATUS_SPEC = "Token Status List §7"


@frozen
class StatusReference:
    """Where a credential's status is: the Status List Token ``uri`` and the entry ``idx``."""

    uri: str
    idx: int


def status_reference(
    status: Mapping[str, object] | Mapping[object, object] | None,
) -> StatusReference | None:
    """The ``status_list`` reference of a ``status`` claim (§6.2) or an mdoc MSO ``status``
    map (§6.3, decoded CBOR); None when there is none or it is malformed. Raises nothing."""
    if not isinstance(status, Mapping):
        return None
    entry = status.get("status_list")
    if not isinstance(entry, Mapping):
        return None
    idx, uri = entry.get("idx"), entry.get("uri")
    if isinstance(idx, bool) or not isinstance(idx, int) or idx < 0:
        return None
    if not isinstance(uri, str) or not uri:
        return None
    return StatusReference(uri=uri, idx=idx)


class StatusCache(Protocol):
    """Where fetched Status List Tokens are kept (the wallet's store): token text and the
    epoch second until which it may be used without fetching again."""

    def get_status_list(self, uri: str) -> tuple[str, float] | None: ...

    def put_status_list(self, uri: str, token: str, expires_at: float) -> None: ...


def _not_the_issuers() -> Sentence:
    return Sentence(
        "The status list is signed by a key that is neither the issuer's nor certified by an "
        "anchor in your trust list."
    )


class _Unknown(Exception):
    """No statement about the status can be made (§8.3), for ``reason``."""

    def __init__(self, reason: Sentence) -> None:
        super().__init__(reason)
        self.reason = reason


def check_status(
    ref: StatusReference,
    *,
    anchors: Sequence[TrustAnchor],
    session: HttpSession | None,
    cache: StatusCache | None,
    now: float,
    issuer_key: object | None = None,
    refresh: bool = False,
    memo: VerificationMemo | None = None,
) -> tuple[StatusValue, Check]:
    """The status of the entry ``ref`` points at, and the ``status`` check saying so.

    A cached token is used until it expires unless ``refresh``; else it is fetched through
    ``session`` (None: no fetch, status unknown). ``issuer_key`` is the joserfc key that
    signed the credential. Revoked and suspended give a failed check (kind ``status``);
    anything that prevents a statement gives ``("unknown", Check(ok=None, reason))``.
    ``memo``: the cached token is read, and a token checked, once per batch. Raises nothing.
    """
    try:
        value = _status_value(ref, anchors, session, cache, now, issuer_key, refresh, memo)
    except _Unknown as unknown:
        detail = Sentence("The status could not be checked: {reason}", {"reason": unknown.reason})
        return "unknown", Check("status", None, detail, _SPEC, "status")
    return _result(value, ref)


def _result(value: int, ref: StatusReference) -> tuple[StatusValue, Check]:
    params = {"idx": ref.idx}
    if value == 0:
        detail = Sentence("The issuer's status list says the credential is valid.")
        return "valid", Check("status", True, detail, _STATUS_SPEC, "status")
    if value == 1:
        detail = Sentence(
            "The issuer has revoked the credential (status list entry {idx}).", params
        )
        return "invalid", Check("status", False, detail, _STATUS_SPEC, "status")
    if value == 2:
        detail = Sentence(
            "The issuer has suspended the credential (status list entry {idx}).", params
        )
        return "suspended", Check("status", False, detail, _STATUS_SPEC, "status")
    detail = Sentence(
        "The status list gives the value {value}, which the wallet does not know.",
        {"value": value},
    )
    return "unknown", Check("status", None, detail, _STATUS_SPEC, "status")


def _status_value(
    ref: StatusReference,
    anchors: Sequence[TrustAnchor],
    session: HttpSession | None,
    cache: StatusCache | None,
    now: float,
    issuer_key: object | None,
    refresh: bool,
    memo: VerificationMemo | None,
) -> int:
    status_list: StatusList | None = None
    cached = None
    if cache is not None and not refresh:
        read = cache.get_status_list
        cached = read(ref.uri) if memo is None else memo.status_token(ref.uri, read)
    if cached is not None and cached[1] > now:
        try:
            status_list, _ = _validate_once(cached[0], ref, anchors, now, issuer_key, memo)
        except _Unknown:
            status_list = None  # e.g. its signer's anchor was removed: ask the issuer again
    if status_list is None:
        if session is None:
            raise _Unknown(Sentence("The status list was not fetched (no network access)."))
        token = _fetch(session, ref.uri)
        status_list, expires_at = _validate_once(token, ref, anchors, now, issuer_key, memo)
        if cache is not None:
            cache.put_status_list(ref.uri, token, expires_at)
            if memo is not None:
                memo.status_token_stored(ref.uri, token, expires_at)
    value = status_list.value_at(ref.idx)
    if value is None:
        raise _Unknown(
            Sentence(
                "The credential's entry {idx} is outside the status list ({size} entries).",
                {"idx": ref.idx, "size": status_list.size},
            )
        )
    return value


def _fetch(session: HttpSession, uri: str) -> str:
    """GET the Status List Token (§8.1, §8.2): the JWT text, or ``cwt:`` and the CWT in
    base64url (so a cache can keep text). Raises _Unknown."""
    try:
        resp = session.request("GET", uri, step="status list", headers={"Accept": ACCEPT})
    except NetworkError as exc:
        raise _Unknown(
            Sentence("The status list could not be fetched: {reason}", {"reason": exc.sentence})
        ) from exc
    if not 200 <= resp.status < 300:
        raise _Unknown(
            Sentence("The status list server answered with HTTP {status}.", {"status": resp.status})
        )
    if resp.content_type == CWT_MEDIA_TYPE:
        return _CWT_PREFIX + base64.urlsafe_b64encode(resp.body).rstrip(b"=").decode("ascii")
    if resp.content_type != MEDIA_TYPE:
        raise _Unknown(
            Sentence(
                "The status list server answered with “{type}”, not a status list token.",
                {"type": resp.content_type or "no content type"},
            )
        )
    try:
        return resp.body.decode("ascii").strip()
    except UnicodeDecodeError as exc:
        raise _Unknown(Sentence("The status list token is not a JWT.")) from exc


def _key_id(key: object | None) -> bytes | None:
    """The public key's SubjectPublicKeyInfo DER (a memo key part). Raises nothing."""
    if not isinstance(key, ECKey | RSAKey | OKPKey):
        return None
    return key.public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def _validate_once(
    token: str,
    ref: StatusReference,
    anchors: Sequence[TrustAnchor],
    now: float,
    issuer_key: object | None,
    memo: VerificationMemo | None,
) -> tuple[StatusList, float]:
    """:func:`_validate`, computed once with a ``memo``: keyed by the ``uri``, the anchors
    and the issuer's key, a token found good is reused for the same token text while it
    stays good (:meth:`_Checked.holds`: its ``nbf``/``exp`` and its signer's chain), and a
    newer token replaces it; one found bad, at that instant only. Raises _Unknown."""
    if memo is None:
        return _validate(token, ref, anchors, now, issuer_key).result(now)

    def compute() -> tuple[_Checked | Sentence, Holds[tuple[float, str]] | None]:
        try:
            checked = _validate(token, ref, anchors, now, issuer_key)
        except _Unknown as unknown:
            return unknown.reason, None
        return checked, lambda at: at[1] == token and checked.holds(at[0])

    key = (ref.uri, anchor_ids(anchors), _key_id(issuer_key))
    found = memo.recall_during("status list", key, (now, token), compute)
    if isinstance(found, Sentence):
        raise _Unknown(found)
    return found.result(now)


@frozen
class _Checked:
    """A Status List Token found good at some instant: its list, and what decides whether
    it is good at another (``nbf``, ``exp``, ``ttl``, its signer chain's validity)."""

    status_list: StatusList
    nbf: float | None
    exp: float | None
    ttl: float | None
    chain_valid: tuple[datetime, datetime] | None  # None: signed by the credential's key

    def holds(self, now: float) -> bool:
        """The checks of :func:`_validate` that look at the time pass at ``now`` too."""
        if self.nbf is not None and self.nbf > now + SKEW:
            return False
        if self.exp is not None and self.exp <= now:
            return False
        if self.chain_valid is not None:
            start, end = self.chain_valid
            return start <= datetime.fromtimestamp(now, UTC) <= end
        return True

    def result(self, now: float) -> tuple[StatusList, float]:
        """The list, and until when to cache it when fetched at ``now``."""
        return self.status_list, _expires_at(now, self.exp, self.ttl)


def _validate(
    token: str,
    ref: StatusReference,
    anchors: Sequence[TrustAnchor],
    now: float,
    issuer_key: object | None,
) -> _Checked:
    """Check a Status List Token (§5.1, §5.2, §8.3) at ``now``: its list, and what makes it
    good at other instants."""
    if token.startswith(_CWT_PREFIX):
        claims, chain_valid = _cwt_claims(token.removeprefix(_CWT_PREFIX), anchors, now, issuer_key)
    else:
        claims, chain_valid = _jwt_claims(token, anchors, now, issuer_key)
    if claims.get("sub") != ref.uri:
        raise _Unknown(
            Sentence(
                "The status list token is about “{sub}”, not about “{uri}”.",
                {"sub": str(claims.get("sub")), "uri": ref.uri},
            )
        )
    iat, exp, ttl = _number(claims, "iat"), _number(claims, "exp"), _number(claims, "ttl")
    if iat is None:
        raise _Unknown(Sentence("The status list token does not say when it was issued (iat)."))
    nbf = _number(claims, "nbf")
    if nbf is not None and nbf > now + SKEW:
        raise _Unknown(Sentence("The status list token is not valid yet."))
    if exp is not None and exp <= now:
        raise _Unknown(Sentence("The status list token has expired."))
    if "ttl" in claims and (ttl is None or ttl <= 0):
        raise _Unknown(Sentence("The status list token has an invalid ttl."))
    try:
        status_list = decode_status_list(claims.get("status_list"))
    except ValueError as exc:
        raise _Unknown(
            Sentence(
                "The status list in the token is malformed ({problem}).", {"problem": str(exc)}
            )
        ) from exc
    return _Checked(status_list, nbf, exp, ttl, chain_valid)


_Claims = tuple[Mapping[str, object], tuple[datetime, datetime] | None]


def _jwt_claims(
    token: str, anchors: Sequence[TrustAnchor], now: float, issuer_key: object | None
) -> _Claims:
    """The claims of a JWT Status List Token whose type and signer are right (§5.1), and
    the validity window of its signer's chain (None: signed by the credential's key)."""
    try:
        jws = parse_jws(token)
    except FormatError as exc:
        raise _Unknown(Sentence("The status list token is not a JWT.")) from exc
    typ = jws.header.get("typ")
    if not isinstance(typ, str) or typ.lower() not in _TYPES:
        raise _Unknown(
            Sentence(
                "The status list token has the type “{typ}”, not statuslist+jwt.", {"typ": str(typ)}
            )
        )
    return jws.payload, _check_signer(jws, anchors, now, issuer_key)


def _cwt_claims(
    encoded: str, anchors: Sequence[TrustAnchor], now: float, issuer_key: object | None
) -> _Claims:
    """The claims of a CWT Status List Token whose type and signer are right (§5.2), as
    :func:`_jwt_claims`."""
    from wallet_app.trust.status_cwt import parse_cwt, verify_cwt

    try:
        cwt = parse_cwt(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise _Unknown(
            Sentence("The status list token is not a CWT ({problem}).", {"problem": str(exc)})
        ) from exc
    if cwt.typ != CWT_MEDIA_TYPE:
        raise _Unknown(
            Sentence(
                "The status list token has the type “{typ}”, not statuslist+cwt.",
                {"typ": str(cwt.typ)},
            )
        )
    if isinstance(issuer_key, ECKey | RSAKey | OKPKey) and verify_cwt(cwt, issuer_key.public_key):
        return cwt.claims, None
    if not cwt.x5chain:
        raise _Unknown(_not_the_issuers())
    try:
        chain = [x509.load_der_x509_certificate(der) for der in cwt.x5chain]
        public = certificate_public_key(chain[0])
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise _Unknown(Sentence("The status list's certificates cannot be read.")) from exc
    if not verify_cwt(cwt, public):
        raise _Unknown(
            Sentence("The status list's signature does not match the certificate it carries.")
        )
    return cwt.claims, _check_chain(chain, anchors, now)


def _number(claims: Mapping[str, object], name: str) -> float | None:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _expires_at(now: float, exp: float | None, ttl: float | None) -> float:
    """Cache for ``ttl`` after fetching (§13.8), never past ``exp``, within sane bounds."""
    if ttl is not None:
        lifetime = ttl
    elif exp is not None:
        lifetime = exp - now
    else:
        lifetime = DEFAULT_TTL
    lifetime = min(max(lifetime, MIN_TTL), MAX_TTL)
    expires_at = now + lifetime
    return min(expires_at, exp) if exp is not None else expires_at


def _check_signer(
    jws: Jws, anchors: Sequence[TrustAnchor], now: float, issuer_key: object | None
) -> tuple[datetime, datetime] | None:
    """The token must be signed by the credential's key (then None), or by a certificate
    that chains to a trust anchor (then the chain's validity window). Raises _Unknown."""
    alg = jws.header.get("alg")
    if alg not in SIGNING_ALGS:
        raise _Unknown(
            Sentence(
                "The status list token uses the algorithm “{alg}”, which is not accepted.",
                {"alg": str(alg)},
            )
        )
    if isinstance(issuer_key, ECKey | RSAKey | OKPKey) and verify_parsed(jws, issuer_key, str(alg)):
        return None
    if "x5c" not in jws.header:
        raise _Unknown(_not_the_issuers())
    try:
        chain = parse_x5c(jws.header["x5c"])
    except ValueError as exc:
        raise _Unknown(Sentence("The status list's certificates cannot be read.")) from exc
    verified, _, _ = verify_embedded_key(jws)
    if not verified:
        raise _Unknown(
            Sentence("The status list's signature does not match the certificate it carries.")
        )
    return _check_chain(chain, anchors, now)


def _check_chain(
    chain: list[x509.Certificate], anchors: Sequence[TrustAnchor], now: float
) -> tuple[datetime, datetime]:
    """The signer's chain must validate to a trust anchor (§11.3); returns the window in
    which it does (:attr:`~.ChainResult.valid_during`). Raises _Unknown."""
    result = validate_chain(chain, anchors, now=datetime.fromtimestamp(now, UTC))
    failed = [c for c in result.checks if c.ok is not True]
    if result.anchor is None or failed:
        reason = failed[0].detail if failed else Sentence("No trust anchor vouches for it.")
        raise _Unknown(
            Sentence(
                "The status list's signer is not trusted: {reason}",
                {"reason": reason},
            )
        )
    assert result.valid_during is not None  # a chain without problems was on time
    return result.valid_during
