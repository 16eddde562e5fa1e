"""Signed Credential Issuer metadata (OID4VCI 1.0 §12.2.3): trust the signer, then the values.

The metadata JWT must be typed ``openidvci-issuer-metadata+jwt``, signed with an asymmetric
algorithm by the certificate its ``x5c`` carries, whose chain validates to one of the user's
trust anchors and names the Credential Issuer (as SD-JWT VC §3.5 asks of credential
signers); ``sub`` must be the Credential Issuer Identifier, ``iat`` present, ``exp`` (when
present) not passed. "When requesting signed metadata, the Wallet MUST establish trust in
the signer of the metadata. Otherwise, the Wallet MUST reject the signed metadata": so the
claims are returned only when every check holds. The wallet (wallet/resolve.py) applies
the user's policy: ignore, prefer or require.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from wallet_app.errors import FormatError, Sentence
from wallet_app.formats.jwt_vc import parse_jws, verify_embedded_key
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import ChainResult, parse_x5c, validate_chain
from wallet_app.trust.jws_key import SIGNING_ALGS
from wallet_app.trust.model import Check

__all__ = ["METADATA_JWT_TYPE", "verify_signed_metadata"]

METADATA_JWT_TYPE = "openidvci-issuer-metadata+jwt"
_TYPES = frozenset({METADATA_JWT_TYPE, "application/" + METADATA_JWT_TYPE})
_JWT_CLAIMS = frozenset({"iss", "sub", "iat", "exp"})
_SPEC = "OID4VCI 1.0 §12.2.3"
SKEW = 60.0


def _failed(detail: Sentence) -> Check:
    return Check("signed_metadata", False, detail, _SPEC, "info")


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def verify_signed_metadata(
    jwt: str, *, credential_issuer: str, anchors: Sequence[TrustAnchor], now: float
) -> tuple[Mapping[str, object] | None, tuple[Check, ...], ChainResult | None]:
    """Verify signed issuer metadata; return (its metadata claims or None, the checks, the
    signer's chain result when its chain was validated).

    The claims (without ``iss``/``sub``/``iat``/``exp``) come back only when the signature
    holds, a trust anchor vouches for the signer and ``sub``/``iat``/``exp`` are right. The
    last check is ``signed_metadata`` (ok True only then); the chain's own checks
    (``certificate_chain``, ``issuer_name``, ``trust_anchor``) precede it. Raises nothing.
    """
    try:
        token = parse_jws(jwt)
    except FormatError:
        return None, (_failed(Sentence("The signed issuer metadata is not a JWT.")),), None
    typ = token.header.get("typ")
    if not isinstance(typ, str) or typ.lower() not in _TYPES:
        detail = Sentence(
            "The signed issuer metadata has the type “{typ}”, not {expected}.",
            {"typ": str(typ), "expected": METADATA_JWT_TYPE},
        )
        return None, (_failed(detail),), None
    alg = token.header.get("alg")
    if alg not in SIGNING_ALGS:
        detail = Sentence(
            "The signed issuer metadata uses the algorithm “{alg}”, which is not accepted.",
            {"alg": str(alg)},
        )
        return None, (_failed(detail),), None
    if "x5c" not in token.header:
        detail = Sentence(
            "The signed issuer metadata carries no certificate chain (x5c), so the wallet "
            "cannot establish trust in its signer."
        )
        return None, (_failed(detail),), None
    try:
        chain = parse_x5c(token.header["x5c"])
    except ValueError:
        detail = Sentence("The certificates of the signed issuer metadata cannot be read.")
        return None, (_failed(detail),), None
    verified, _, _ = verify_embedded_key(token)
    if not verified:
        detail = Sentence(
            "The signature of the issuer metadata does not match the certificate it carries."
        )
        return None, (_failed(detail),), None
    result = validate_chain(
        chain, anchors, now=datetime.fromtimestamp(now, UTC), issuer_uri=credential_issuer
    )
    final = _claims_check(token.payload, credential_issuer, now) or _chain_verdict(result)
    checks = (*result.checks, final)
    if final.ok is not True:
        return None, checks, result
    claims = {k: v for k, v in token.payload.items() if k not in _JWT_CLAIMS}
    return claims, checks, result


def _claims_check(
    payload: Mapping[str, object], credential_issuer: str, now: float
) -> Check | None:
    """A failed ``signed_metadata`` check for a wrong ``sub``/``iat``/``exp``, else None."""
    sub = payload.get("sub")
    if sub != credential_issuer:
        return _failed(
            Sentence(
                "The signed issuer metadata is about “{sub}”, not about “{issuer}”.",
                {"sub": str(sub), "issuer": credential_issuer},
            )
        )
    inner = payload.get("credential_issuer")
    if inner is not None and inner != credential_issuer:
        return _failed(
            Sentence(
                "The signed issuer metadata names “{inner}” as the credential issuer.",
                {"inner": str(inner)},
            )
        )
    iat = _number(payload.get("iat"))
    if iat is None:
        return _failed(Sentence("The signed issuer metadata does not say when it was issued."))
    if iat > now + SKEW:
        return _failed(Sentence("The signed issuer metadata claims to be issued in the future."))
    exp = payload.get("exp")
    if exp is not None and ((limit := _number(exp)) is None or limit <= now):
        return _failed(Sentence("The signed issuer metadata has expired."))
    return None


def _chain_verdict(result: ChainResult) -> Check:
    failed = [c for c in result.checks if c.ok is not True]
    if failed or result.anchor is None:
        reason = failed[0].detail if failed else Sentence("No trust anchor vouches for it.")
        return _failed(
            Sentence(
                "The signer of the issuer metadata is not trusted, so the signed values were "
                "not used: {reason}",
                {"reason": reason},
            )
        )
    signer = result.organisation or result.anchor.subject
    return Check(
        "signed_metadata",
        True,
        Sentence(
            "The issuer metadata is signed by {signer}, and your trust anchor {anchor} "
            "vouches for it.",
            {"signer": signer, "anchor": result.anchor.organisation or result.anchor.subject},
        ),
        _SPEC,
        "info",
    )
