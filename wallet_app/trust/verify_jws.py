"""Verification of the JWS credential formats: SD-JWT VC and W3C VCs as JWT.

SD-JWT VC (``dc+sd-jwt``, legacy ``vc+sd-jwt``): RFC 9901 §7.1 (the Issuer-signed JWT's
signature with the issuer's key, ``_sd_alg``, every disclosure's digest), the SD-JWT VC draft
(§3.5 issuer key, §3.2.2.2 ``cnf`` holder binding, ``iat``/``nbf``/``exp``) and the status.
``jwt_vc_json`` (OID4VCI 1.0 Appendix A.1): the same without disclosures; its key comes from
``x5c``, ``jwk`` or ``did:jwk`` (anything else is "not resolvable", not invalid).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from joserfc.jwk import ECKey, OKPKey, RSAKey

from wallet_app.errors import FormatError, Sentence
from wallet_app.formats.jwt_vc import Jws, decode_jwt_vc, jws_header
from wallet_app.formats.sd_jwt import decode_sd_jwt
from wallet_app.formats.view import SD_JWT_FORMATS, CredentialView
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.common_checks import (
    conclude,
    holder_binding_check,
    moment,
    period_check,
    status_check,
    structure_check,
)
from wallet_app.trust.jws_key import verify_parsed
from wallet_app.trust.keys import IssuerKey, resolve_issuer_key
from wallet_app.trust.memo import VerificationMemo
from wallet_app.trust.model import Check, Verification

if TYPE_CHECKING:
    from wallet_app.formats.parsed import ParsedCredential
    from wallet_app.trust.status_list import StatusCache

__all__ = ["verify_jws_credential"]

SPEC_SD_JWT = "RFC 9901 §7.1"
SPEC_SD_JWT_VC = "SD-JWT VC §3.2"
SPEC_CNF_SD_JWT = "SD-JWT VC §3.2.2.2"
SPEC_JWT_VC = "OID4VCI 1.0 §A.1"
SPEC_TIME = "RFC 7519 §4.1"
SPEC_JWS = "RFC 7515 §5.2"
# warnings of the embedded-key check in formats, which is not the trust decision
_SIGNATURE_WARNINGS = ("The signature algorithm", "The key embedded", "The issuer's signature")


def _header(memo: VerificationMemo | None) -> Callable[[str], Mapping[str, object]]:
    """:func:`jws_header`, with a memo once per header text (a batch's instances and later
    credentials of the issuer share it, certificates and all; nobody changes it)."""
    if memo is None:
        return jws_header
    return lambda segment: memo.recall("jws header", segment, lambda: jws_header(segment))


def _decode(
    format: str,
    credential: str,
    memo: VerificationMemo | None = None,
    parsed: ParsedCredential | None = None,
) -> tuple[CredentialView | None, Check]:
    spec = SPEC_SD_JWT_VC if format in SD_JWT_FORMATS else SPEC_JWT_VC
    try:
        if parsed is not None:  # decoded from the floor's parse, by the decoder used here
            view = parsed.view
        elif format in SD_JWT_FORMATS:
            view = decode_sd_jwt(
                credential, format=format, check_signature=False, header=_header(memo)
            )
        else:
            view = decode_jwt_vc(credential.strip(), format=format, check_signature=False)
    except FormatError as exc:
        reason = Sentence(
            "The credential cannot be read: {reason}", {"reason": exc.detail or exc.user_message}
        )
        return None, structure_check(False, reason, spec)
    if format in SD_JWT_FORMATS and not isinstance(view.payload.get("vct"), str):
        return view, structure_check(False, Sentence("The credential has no vct type."), spec)
    detail = Sentence("The credential is a well-formed {format}.", {"format": format})
    return view, structure_check(True, detail, spec)


def _digests_check(view: CredentialView) -> Check:
    count = len(view.disclosures)
    if view.digests_verified:
        detail = Sentence(
            "All {count} disclosure(s) match digests the issuer signed.", {"count": count}
        )
        return Check("digests", True, detail, SPEC_SD_JWT, "integrity")
    problems = [w for w in view.warnings if not w.startswith(_SIGNATURE_WARNINGS)]
    detail = Sentence(
        "The disclosures do not match the digests the issuer signed: {problems}",
        {"problems": " ".join(problems) or "unknown digest problem"},
    )
    return Check("digests", False, detail, SPEC_SD_JWT, "integrity")


def _signature_check(
    token: Jws, alg: object, key: IssuerKey | None, spec: str, signer: object | None = None
) -> Check:
    """``signer``: the key that verified the signature already (the structural floor's,
    embedded in the credential): when the issuer's key is that key, the signature is not
    verified again (every other check of :func:`verify_parsed` is made)."""
    if key is None:
        detail = Sentence("The signature could not be checked: the issuer's key is not known.")
        return Check("signature", None, detail, spec, "integrity")
    if verify_parsed(token, key.key, str(alg), verified=_same_key(signer, key.key)):
        detail = Sentence("The issuer's signature ({alg}) is valid.", {"alg": str(alg)})
        return Check("signature", True, detail, spec, "integrity")
    detail = Sentence(
        "The issuer's signature ({alg}) does not match the credential.", {"alg": str(alg)}
    )
    return Check("signature", False, detail, spec, "integrity")


def _same_key(signer: object | None, key: object) -> bool:
    """Whether ``signer`` (a joserfc key, or None) is ``key``: the same public key."""
    if signer is None:
        return False
    if signer is key:
        return True
    if not isinstance(signer, ECKey | RSAKey | OKPKey) or type(signer) is not type(key):
        return False
    assert isinstance(key, ECKey | RSAKey | OKPKey)
    members = ("kty", "crv", "x", "y", "n", "e")
    mine, theirs = signer.as_dict(private=False), key.as_dict(private=False)
    return all(mine.get(m) == theirs.get(m) for m in members)


def verify_jws_credential(
    format: str,
    credential: str,
    *,
    holder_jwk: Mapping[str, object] | None,
    anchors: Sequence[TrustAnchor],
    session: HttpSession | None,
    status_cache: StatusCache | None,
    now: float,
    check_status: bool,
    memo: VerificationMemo | None = None,
    parsed: ParsedCredential | None = None,
) -> Verification:
    """Every check of an SD-JWT VC or a JWT VC (see the module); the signature is checked
    once, with the resolved issuer key (not also with the key the credential embeds).
    ``memo``: what the instances of a batch share is computed once. ``parsed``:
    ``credential`` as the structural floor parsed it (:mod:`wallet_app.formats.parsed`):
    not decoded again, and its signature not verified again when the issuer's key is the
    one that verified it there. Raises nothing."""
    if parsed is not None and (parsed.view.format != format or parsed.floor.token is None):
        parsed = None  # read as another format than the one verified here
    view, structure = _decode(format, credential, memo, parsed)
    checks: list[Check] = [structure]
    if view is None:
        return Verification.of(checks, anchor=None, organisation=None, status=None, checked_at=now)
    compact = credential.strip().split("~")[0]
    header, payload = view.header, view.payload
    key, key_checks = resolve_issuer_key(
        header,
        payload,
        format=format,
        anchors=anchors,
        session=session,
        now=moment(now),
        memo=memo,
    )
    sig_spec = SPEC_SD_JWT if format in SD_JWT_FORMATS else SPEC_JWS
    token = Jws(compact=compact, header=header, payload=payload)  # as decoded, not again
    signer = parsed.floor.signer if parsed is not None else None
    checks.append(_signature_check(token, header.get("alg"), key, sig_spec, signer))
    if format in SD_JWT_FORMATS:
        checks.append(_digests_check(view))
    cnf_spec = SPEC_CNF_SD_JWT if format in SD_JWT_FORMATS else SPEC_JWT_VC
    binding = holder_binding_check(view.holder_key, holder_jwk, cnf_spec)
    if binding is not None:
        checks.append(binding)
    checks.append(
        period_check(
            "validity_period",
            SPEC_TIME,
            now=now,
            signed=view.issued_at,
            valid_from=view.valid_from,
            valid_until=view.expires_at,
        )
    )
    checks.extend(key_checks)
    chain = key.chain if key is not None else None
    status = None
    if check_status and not any(
        c.ok is False and c.kind in ("integrity", "binding") for c in checks
    ):
        status, status_result = status_check(
            view.status,
            anchors=anchors,
            session=session,
            cache=status_cache,
            now=now,
            issuer_key=key.key if key is not None else None,
            memo=memo,
        )
        if status_result is not None:
            checks.append(status_result)
    return conclude(checks, chain, status, now)
