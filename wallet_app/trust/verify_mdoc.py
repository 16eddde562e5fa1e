"""Verification of an ISO mdoc (``mso_mdoc``): issuer data authentication, ISO/IEC 18013-5
§9.3.1.

The COSE_Sign1 ``issuerAuth`` over the Mobile Security Object is checked with the ``x5chain``
leaf (the Document Signer certificate), whose chain must end at one of the user's anchors
(an IACA root); every IssuerSignedItem must match its digest in ``valueDigests``; the MSO's
``validityInfo`` must hold now and the signer's certificate when it was signed; the
``deviceKeyInfo.deviceKey`` must be this wallet's key; the MSO's ``docType`` must be the
Document's; the MSO ``status`` (Token Status List) is checked last.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import Encoding

from wallet_app.errors import FormatError, Sentence
from wallet_app.formats.jwt_vc import certificate_jwk
from wallet_app.formats.mdoc import decode_mdoc_and_chain
from wallet_app.formats.view import CredentialView
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import ChainResult, load_certificate, validate_chain
from wallet_app.trust.common_checks import (
    conclude,
    holder_binding_check,
    moment,
    period_check,
    status_check,
    structure_check,
)
from wallet_app.trust.memo import Holds, Instants, VerificationMemo, anchor_ids, chain_holds
from wallet_app.trust.model import Check, Verification

if TYPE_CHECKING:
    from wallet_app.formats.parsed import ParsedCredential
    from wallet_app.trust.status_list import StatusCache

__all__ = ["verify_mdoc"]

SPEC = "ISO/IEC 18013-5 §9.3.1"
SPEC_STRUCTURE = "ISO/IEC 18013-5 §8.3.2.1.2.2"
SPEC_MSO = "ISO/IEC 18013-5 §9.1.2.4"


def _decode(credential: str) -> tuple[CredentialView, list[bytes], str | None] | Check:
    try:
        view, ders, doc_type = decode_mdoc_and_chain(credential, display=False)
    except FormatError as exc:
        reason = Sentence(
            "The credential cannot be read: {reason}", {"reason": exc.detail or exc.user_message}
        )
        return structure_check(False, reason, SPEC_STRUCTURE)
    return view, ders, doc_type


def _chain(
    ders: list[bytes],
    anchors: Sequence[TrustAnchor],
    view: CredentialView,
    now: float,
    memo: VerificationMemo | None,
) -> ChainResult | Check:
    """The x5chain validated to the anchors; computed once with a ``memo`` (keyed by the
    certificates and the anchors, reused while now and when the MSO was signed lie in the
    chain's :attr:`~.ChainResult.valid_during`)."""
    if memo is None:
        return _validate(ders, anchors, view.issued_at, now, load_certificate)

    def timed() -> tuple[ChainResult | Check, Holds[Instants] | None]:
        found = _validate(ders, anchors, view.issued_at, now, memo.certificate)
        if isinstance(found, Check):  # unreadable: no instant was looked at
            return found, lambda _: True
        return found, chain_holds(found)

    key = (tuple(ders), anchor_ids(anchors))
    return memo.recall_during("x5chain", key, (moment(now), view.issued_at), timed)


def _validate(
    ders: list[bytes],
    anchors: Sequence[TrustAnchor],
    signed_at: datetime | None,
    now: float,
    load: Callable[[bytes], x509.Certificate],
) -> ChainResult | Check:
    try:
        certs = [load(der) for der in ders]
    except ValueError as exc:
        reason = Sentence(
            "The issuer's certificate chain (x5chain) cannot be read: {reason}",
            {"reason": str(exc)},
        )
        return Check("issuer_key", False, reason, SPEC, "integrity")
    return validate_chain(certs, anchors, now=moment(now), signed_at=signed_at)


def _signature_check(view: CredentialView) -> Check:
    if view.signature_verified is True:
        detail = Sentence("The issuer's signature over the Mobile Security Object is valid.")
    elif view.signature_verified is None:
        detail = Sentence("The signature could not be checked: the issuer sent no certificate.")
    else:
        detail = Sentence("The issuer's signature does not match the Mobile Security Object.")
    return Check("signature", view.signature_verified, detail, SPEC, "integrity")


def _digests_check(view: CredentialView) -> Check:
    count = sum(len(v) for v in view.claims.values() if isinstance(v, Mapping))
    if view.digests_verified:
        detail = Sentence(
            "All {count} data element(s) match the digests the issuer signed.", {"count": count}
        )
        return Check("digests", True, detail, SPEC, "integrity")
    problems = [w for w in view.warnings if "digest" in w]
    detail = Sentence(
        "The data elements do not match the digests the issuer signed: {problems}",
        {"problems": " ".join(problems) or "unknown digest problem"},
    )
    return Check("digests", False, detail, SPEC, "integrity")


def _doc_type_check(mso_doc_type: str | None, document_doc_type: str | None) -> Check:
    if mso_doc_type is None:
        detail = Sentence("The Mobile Security Object names no document type.")
        return Check("doc_type", False, detail, SPEC_MSO, "integrity")
    if document_doc_type is not None and document_doc_type != mso_doc_type:
        detail = Sentence(
            "The document says it is a {document} but the issuer signed a {signed}.",
            {"document": document_doc_type, "signed": mso_doc_type},
        )
        return Check("doc_type", False, detail, SPEC, "integrity")
    detail = Sentence("The issuer signed the document type {doc_type}.", {"doc_type": mso_doc_type})
    return Check("doc_type", True, detail, SPEC, "integrity")


def _leaf_key(
    chain: ChainResult | None, memo: VerificationMemo | None, leaf_der: bytes | None = None
) -> object | None:
    """The signer's key, which may also sign the status list token; ``leaf_der``: the DER
    ``chain.leaf`` was loaded from (the memo key; else encoded again). Raises nothing."""
    if chain is None or chain.leaf is None:
        return None
    if memo is not None:
        der = leaf_der if leaf_der is not None else chain.leaf.public_bytes(Encoding.DER)
        return memo.recall("leaf key", der, lambda: _leaf_key(chain, None))
    try:
        return certificate_jwk(chain.leaf)
    except (ValueError, UnsupportedAlgorithm):
        return None


def verify_mdoc(
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
    """Every check of an ``mso_mdoc`` credential (see the module). ``memo``: what the
    instances of a batch share (the chain, the signer's key, the status list) is computed
    once. ``parsed``: ``credential`` as the structural floor parsed it and checked its
    signature (:mod:`wallet_app.formats.parsed`), used instead of decoding it again.
    Raises nothing."""
    decoded = (
        (parsed.view, list(parsed.chain), parsed.doc_type)
        if parsed is not None and parsed.chain is not None and parsed.view.format == "mso_mdoc"
        else _decode(credential)
    )
    if isinstance(decoded, Check):
        return Verification.of(
            [decoded], anchor=None, organisation=None, status=None, checked_at=now
        )
    view, ders, document_doc_type = decoded
    detail = Sentence("The credential is a well-formed mso_mdoc IssuerSigned structure.")
    checks = [
        structure_check(True, detail, SPEC_STRUCTURE),
        _signature_check(view),
        _digests_check(view),
    ]
    checks.append(_doc_type_check(view.type, document_doc_type))
    binding = holder_binding_check(view.holder_key, holder_jwk, SPEC)
    if binding is not None:
        checks.append(binding)
    checks.append(
        period_check(
            "validity_info",
            SPEC,
            now=now,
            signed=view.issued_at,
            valid_from=view.valid_from,
            valid_until=view.expires_at,
        )
    )
    found = _chain(ders, anchors, view, now, memo)
    chain: ChainResult | None = None
    if isinstance(found, ChainResult):
        chain = found
        checks.extend(found.checks)
    else:
        checks.append(found)
    status = None
    if check_status and not any(
        c.ok is False and c.kind in ("integrity", "binding") for c in checks
    ):
        leaf_key = _leaf_key(chain, memo, ders[0] if ders else None)
        status, status_result = status_check(
            view.status,
            anchors=anchors,
            session=session,
            cache=status_cache,
            now=now,
            issuer_key=leaf_key,
            memo=memo,
        )
        if status_result is not None:
            checks.append(status_result)
    return conclude(checks, chain, status, now)
