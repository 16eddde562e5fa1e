"""Whose key signed a JWS credential: issuer key resolution for SD-JWT VC and JWT VCs.

In order (SD-JWT VC draft §3.5 "Issuer Signature Mechanisms"):

1. ``x5c``: the signer's certificate, validated to the user's trust anchors (:mod:`.chain`);
   for SD-JWT VC the certificate must also name an http(s) ``iss``.
2. JWT VC Issuer Metadata (§5): for an ``https`` (or loopback ``http``) ``iss``, GET
   ``{origin}/.well-known/jwt-vc-issuer{path}``, whose ``issuer`` must equal ``iss``; the key
   comes from ``jwks`` or ``jwks_uri``, picked by ``kid``.
3. ``did:jwk``: the key is the identifier.
4. A ``jwk`` header (``jwt_vc_json``; any format as a last resort).

Only a certificate chain can end at a trust anchor; keys found any other way give a
``trust_anchor`` check that fails (verdict *untrusted*). A key that cannot be resolved (a
``did:web``, no network) is reported with ``ok=None``, never as invalid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, JWKRegistry, OKPKey, RSAKey

from wallet_app import jsonsafe
from wallet_app.errors import Sentence, WalletError
from wallet_app.formats.jwt_vc import certificate_jwk, numeric_date, public_jwk
from wallet_app.formats.view import SD_JWT_FORMATS, b64url_decode
from wallet_app.frozen import frozen
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import ChainResult, load_certificate, parse_x5c, validate_chain
from wallet_app.trust.memo import Holds, Instants, VerificationMemo, anchor_ids, chain_holds
from wallet_app.trust.model import Check

__all__ = ["IssuerKey", "IssuerKeySource", "PublicKey", "issuer_id", "resolve_issuer_key"]

IssuerKeySource = Literal["x5c", "jwt-vc-issuer", "did:jwk", "jwk"]
PublicKey = ECKey | RSAKey | OKPKey

SPEC_MECHANISMS = "SD-JWT VC §3.5"
SPEC_METADATA = "SD-JWT VC §5"
SPEC_X5C = "RFC 7515 §4.1.6"
SPEC_DID_JWK = "did:jwk"
SPEC_JWK = "RFC 7515 §4.1.3"
_WELL_KNOWN = "/.well-known/jwt-vc-issuer"
_KTY_FOR_ALG = {"ES": "EC", "RS": "RSA", "PS": "RSA", "Ed": "OKP"}


@frozen
class IssuerKey:
    """The key that is to verify the credential, where it came from, and (``x5c`` only)
    the result of its certificate chain."""

    key: PublicKey
    source: IssuerKeySource
    chain: ChainResult | None


class _Unresolved(Exception):
    """The key could not be found; ``reason`` says why (ok=None, not invalid)."""

    def __init__(self, reason: Sentence) -> None:
        super().__init__(str(reason))
        self.reason = reason


def issuer_id(payload: Mapping[str, object]) -> str | None:
    """``iss``, else the VC's ``issuer`` (a string or ``{"id"}``). Raises nothing."""
    vc = payload.get("vc")
    document = vc if isinstance(vc, Mapping) else payload
    for value in (payload.get("iss"), document.get("issuer")):
        if isinstance(value, Mapping):
            value = value.get("id")
        if isinstance(value, str) and value:
            return value
    return None


def _web_url(iss: str | None) -> bool:
    if not iss:
        return False
    try:
        parts = urlsplit(iss)
        host = parts.hostname
    except ValueError:  # e.g. a malformed IPv6 literal
        return False
    return parts.scheme in ("https", "http") and bool(host) and not parts.fragment


def _as_public_key(jwk: object) -> PublicKey:
    public = public_jwk(jwk)
    if public is None:
        raise ValueError("not a JWK")
    key = JWKRegistry.import_key(public)  # type: ignore[arg-type]  # JSON → DictKey
    if not isinstance(key, ECKey | RSAKey | OKPKey):
        raise ValueError(f"a {public.get('kty')} key cannot verify a signature")
    return key


def _from_x5c(
    x5c: object,
    *,
    iss: str | None,
    signed_at: datetime | None,
    format: str,
    anchors: Sequence[TrustAnchor],
    now: datetime,
    load: Callable[[bytes], x509.Certificate] = load_certificate,
) -> tuple[IssuerKey | None, tuple[Check, ...]]:
    try:
        certs = parse_x5c(x5c, load=load)
        key = certificate_jwk(certs[0])
        if not isinstance(key, ECKey | RSAKey | OKPKey):
            raise ValueError("the certificate's key cannot verify a signature")
    except (ValueError, TypeError, UnsupportedAlgorithm, JoseError) as exc:
        reason = Sentence(
            "The issuer's certificate chain (x5c) cannot be read: {reason}", {"reason": str(exc)}
        )
        return None, (Check("issuer_key", False, reason, SPEC_X5C, "integrity"),)
    chain = validate_chain(
        certs,
        anchors,
        now=now,
        signed_at=signed_at,
        issuer_uri=iss if format in SD_JWT_FORMATS and _web_url(iss) else None,
    )
    found = Check(
        "issuer_key",
        True,
        Sentence(
            "The issuer's key is the one of its certificate {subject} (x5c).",
            {"subject": certs[0].subject.rfc4514_string()},
        ),
        SPEC_MECHANISMS,
        "info",
    )
    return IssuerKey(key, "x5c", chain), (found, *chain.checks)


def _x5c_key(
    header: Mapping[str, object],
    payload: Mapping[str, object],
    *,
    format: str,
    anchors: Sequence[TrustAnchor],
    now: datetime,
    memo: VerificationMemo | None,
) -> tuple[IssuerKey | None, tuple[Check, ...]]:
    """The ``x5c`` key and its chain checks, computed once with a ``memo``: keyed by every
    input but the instants (the certificates, ``iss``, the format, the anchors), and reused
    while ``now`` and ``iat`` lie in the chain's :attr:`~.ChainResult.valid_during`."""
    x5c = header["x5c"]
    iss = issuer_id(payload)
    signed_at = numeric_date(payload.get("iat"))

    def compute(
        load: Callable[[bytes], x509.Certificate],
    ) -> tuple[IssuerKey | None, tuple[Check, ...]]:
        return _from_x5c(
            x5c,
            iss=iss,
            signed_at=signed_at,
            format=format,
            anchors=anchors,
            now=now,
            load=load,
        )

    if memo is None or not isinstance(x5c, list) or not all(isinstance(v, str) for v in x5c):
        return compute(load_certificate)
    key = ("x5c", tuple(x5c), iss, format, anchor_ids(anchors))

    def timed() -> tuple[tuple[IssuerKey | None, tuple[Check, ...]], Holds[Instants] | None]:
        found = compute(memo.certificate)
        if found[0] is None:  # the x5c could not be read: no instant was looked at
            return found, lambda _: True
        return found, chain_holds(found[0].chain)

    return memo.recall_during("x5c", key, (now, signed_at), timed)


def metadata_url(iss: str) -> str:
    """``{origin}/.well-known/jwt-vc-issuer{path}`` (SD-JWT VC §5, trailing ``/`` removed).
    Raises nothing."""
    parts = urlsplit(iss)
    return urlunsplit((parts.scheme, parts.netloc, _WELL_KNOWN + parts.path.rstrip("/"), "", ""))


def _fetch_json(session: HttpSession, url: str, step: str) -> Mapping[str, object]:
    resp = session.request("GET", url, step=step, headers={"Accept": "application/json"})
    if resp.status != 200:
        raise _Unresolved(
            Sentence(
                "{url} answered with HTTP status {status}.", {"url": url, "status": resp.status}
            )
        )
    return resp.json_object()


def _pick(keys: object, header: Mapping[str, object]) -> PublicKey:
    if not isinstance(keys, Sequence) or isinstance(keys, str):
        raise _Unresolved(Sentence('The issuer\'s key set has no "keys" array.'))
    kid, alg = header.get("kid"), str(header.get("alg", ""))
    if kid is not None:
        candidates = [k for k in keys if isinstance(k, Mapping) and k.get("kid") == kid]
    else:
        kty = _KTY_FOR_ALG.get(alg[:2])
        candidates = [k for k in keys if isinstance(k, Mapping) and k.get("kty") == kty]
    if not candidates:
        raise _Unresolved(
            Sentence(
                "The issuer's key set has no key for this credential (kid {kid}).",
                {"kid": str(kid) if kid is not None else "none"},
            )
        )
    try:
        return _as_public_key(candidates[0])
    except (ValueError, TypeError, JoseError) as exc:
        raise _Unresolved(
            Sentence("The issuer's published key cannot be read: {reason}", {"reason": str(exc)})
        ) from exc


def _from_metadata(
    iss: str, header: Mapping[str, object], session: HttpSession
) -> tuple[IssuerKey, Check]:
    """SD-JWT VC §5: the issuer's JWT VC Issuer Metadata. Raises _Unresolved."""
    url = metadata_url(iss)
    try:
        metadata = _fetch_json(session, url, "JWT VC issuer metadata")
        if metadata.get("issuer") != iss:
            raise _Unresolved(
                Sentence(
                    "The metadata at {url} names another issuer ({found}).",
                    {"url": url, "found": str(metadata.get("issuer"))},
                )
            )
        jwks, jwks_uri = metadata.get("jwks"), metadata.get("jwks_uri")
        if (jwks is None) == (jwks_uri is None):
            raise _Unresolved(
                Sentence("The metadata at {url} must have either jwks or jwks_uri.", {"url": url})
            )
        if isinstance(jwks_uri, str):
            jwks = _fetch_json(session, jwks_uri, "JWT VC issuer key set")
        key = _pick(jwks.get("keys") if isinstance(jwks, Mapping) else None, header)
    except WalletError as exc:
        raise _Unresolved(
            Sentence(
                "The issuer's key could not be fetched from {url}: {reason}",
                {"url": url, "reason": exc.sentence},
            )
        ) from exc
    found = Check(
        "issuer_key",
        True,
        Sentence("The issuer's key was published at {url}.", {"url": url}),
        SPEC_METADATA,
        "info",
    )
    return IssuerKey(key, "jwt-vc-issuer", None), found


def _from_did_jwk(iss: str) -> IssuerKey:
    try:
        jwk = jsonsafe.loads(b64url_decode(iss[len("did:jwk:") :].split("#")[0]))
        return IssuerKey(_as_public_key(jwk), "did:jwk", None)
    except (ValueError, TypeError, JoseError) as exc:
        raise _Unresolved(
            Sentence("The issuer's did:jwk cannot be read: {reason}", {"reason": str(exc)})
        ) from exc


def _not_anchored(source: IssuerKeySource) -> Check:
    if source == "jwt-vc-issuer":
        detail = Sentence(
            "The key comes from the issuer's web site, not from a certificate: no trust anchor "
            "vouches for it."
        )
    elif source == "did:jwk":
        detail = Sentence("A did:jwk names its own key: no trust anchor vouches for it.")
    else:
        detail = Sentence(
            "The credential carries its own key (jwk header): no trust anchor vouches for it."
        )
    return Check("trust_anchor", False, detail, SPEC_MECHANISMS, "anchor")


def resolve_issuer_key(
    header: Mapping[str, object],
    payload: Mapping[str, object],
    *,
    format: str,
    anchors: Sequence[TrustAnchor],
    session: HttpSession | None,
    now: datetime,
    memo: VerificationMemo | None = None,
) -> tuple[IssuerKey | None, tuple[Check, ...]]:
    """The issuer's key for a JWS credential, and the checks that found it (``issuer_key``,
    the chain checks for ``x5c``, ``trust_anchor``). ``session`` None: nothing is fetched.
    ``memo``: the ``x5c`` key and chain are computed once per batch (:mod:`.memo`).

    Returns (None, checks) when no key was found: ``issuer_key`` is ok=False for an
    unreadable ``x5c``, ok=None ("not resolvable") otherwise. Raises nothing.
    """
    if "x5c" in header:
        return _x5c_key(header, payload, format=format, anchors=anchors, now=now, memo=memo)
    iss = issuer_id(payload)
    try:
        if iss is not None and _web_url(iss) and "jwk" not in header:
            if session is None:
                raise _Unresolved(
                    Sentence("The issuer's key was not fetched (the wallet is offline).")
                )
            key, found = _from_metadata(iss, header, session)
            return key, (found, _not_anchored(key.source))
        if iss is not None and iss.startswith("did:jwk:"):
            key = _from_did_jwk(iss)
            spec = SPEC_DID_JWK
            detail = Sentence("The issuer's key is its did:jwk identifier.")
        elif "jwk" in header:
            try:
                key = IssuerKey(_as_public_key(header["jwk"]), "jwk", None)
            except (ValueError, TypeError, JoseError) as exc:
                reason = Sentence(
                    "The key in the credential's header cannot be read: {reason}",
                    {"reason": str(exc)},
                )
                return None, (Check("issuer_key", False, reason, SPEC_JWK, "integrity"),)
            spec = SPEC_JWK
            detail = Sentence("The issuer's key is embedded in the credential (jwk header).")
        else:
            raise _Unresolved(
                Sentence(
                    "The issuer {issuer} names its key in a way the wallet cannot resolve.",
                    {"issuer": iss or "(none)"},
                )
            )
    except _Unresolved as unresolved:
        return None, (Check("issuer_key", None, unresolved.reason, SPEC_MECHANISMS, "anchor"),)
    return key, (Check("issuer_key", True, detail, spec, "info"), _not_anchored(key.source))
