"""The trust verdict of one credential: every check, with its reason and spec section.

:func:`verify_credential` is the one entry point (the wallet calls it when a credential
arrives, when anchors change and when a status is refreshed). Per format:

* ``dc+sd-jwt`` / ``vc+sd-jwt`` and ``jwt_vc_json`` / ``jwt_vc_json-ld``:
  :mod:`.verify_jws` (issuer key, signature, digests, holder binding, validity, chain, status);
* ``mso_mdoc``: :mod:`.verify_mdoc` (ISO/IEC 18013-5 §9.3.1);
* anything else (``ldp_vc``, unknown formats): one ``structure`` check "not checked", so the
  verdict is *untrusted*.

Type metadata is not part of the verdict (it is resolved for display elsewhere).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from wallet_app.errors import Sentence
from wallet_app.formats.view import JWT_VC_FORMATS, MDOC_FORMAT, SD_JWT_FORMATS
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.common_checks import structure_check
from wallet_app.trust.memo import VerificationMemo
from wallet_app.trust.model import Verification
from wallet_app.trust.verify_jws import verify_jws_credential

if TYPE_CHECKING:
    from wallet_app.formats.parsed import ParsedCredential
    from wallet_app.trust.status_list import StatusCache

__all__ = ["verify_credential"]

_JWS_FORMATS = SD_JWT_FORMATS | {"jwt_vc_json", "jwt_vc_json-ld"} | JWT_VC_FORMATS


def verify_credential(
    format: str,
    credential: str | Mapping[str, object],
    *,
    holder_jwk: Mapping[str, object] | None,
    anchors: Sequence[TrustAnchor],
    session: HttpSession | None,
    status_cache: StatusCache | None,
    now: float,
    check_status: bool = True,
    memo: VerificationMemo | None = None,
    parsed: ParsedCredential | None = None,
) -> Verification:
    """Verify ``credential`` of ``format`` at ``now`` (seconds since the epoch).

    ``holder_jwk``: this wallet's public key the credential must be bound to (None: not
    compared). ``session`` None: nothing is fetched (issuer keys from JWT VC issuer metadata
    and status lists are then not resolved, ok=None). ``check_status`` False: no status
    check at all (neither cached nor fetched) and ``status`` None, so a caller can keep an
    earlier one. ``memo``: for the instances of one batch, verified at the same ``now``:
    their shared certificate chain, issuer key and status list are computed once
    (:mod:`.memo`; the results are the same as without it). ``parsed``: ``credential`` as
    the structural floor parsed it on receipt (not parsed again, its signature not checked
    again with the key that verified it; the results are the same as without it). Never
    raises for bad input: what cannot be decoded fails ``structure``.
    """
    if parsed is not None and (parsed.credential != credential or parsed.format != format):
        parsed = None  # not this credential's parse
    if format in _JWS_FORMATS or format == MDOC_FORMAT:
        if not isinstance(credential, str):
            detail = Sentence("A {format} credential must be a string.", {"format": format})
            checks = [structure_check(False, detail, "OID4VCI 1.0 Appendix A")]
            return Verification.of(
                checks, anchor=None, organisation=None, status=None, checked_at=now
            )
        if format == MDOC_FORMAT:
            from wallet_app.trust.verify_mdoc import verify_mdoc  # CBOR: loaded for mdoc only

            return verify_mdoc(
                credential,
                holder_jwk=holder_jwk,
                anchors=anchors,
                session=session,
                status_cache=status_cache,
                now=now,
                check_status=check_status,
                memo=memo,
                parsed=parsed,
            )
        return verify_jws_credential(
            format,
            credential,
            holder_jwk=holder_jwk,
            anchors=anchors,
            session=session,
            status_cache=status_cache,
            now=now,
            check_status=check_status,
            memo=memo,
            parsed=parsed,
        )
    detail = Sentence(
        "The wallet does not verify {format} credentials: the issuer was not checked.",
        {"format": format},
    )
    checks = [structure_check(None, detail, "OID4VCI 1.0 Appendix A")]
    return Verification.of(checks, anchor=None, organisation=None, status=None, checked_at=now)
