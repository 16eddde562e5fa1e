"""The copies of a batch that are kept (issue 10, W6): each copy the issuer sent is read,
bound to one of the wallet's proof keys and verified on its own; the ones that fail are
dropped with their reason and the others kept. A credential is refused only when none of
its copies can be kept (then the issuer is told ``credential_failure``, OID4VCI §11)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from wallet_app.errors import FormatError, InvalidCredential, Sentence
from wallet_app.formats import CredentialView, decode_credential
from wallet_app.formats.parsed import ParsedCredential, parse_credential
from wallet_app.frozen import frozen
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.oid4vci.proof import SigningKey
from wallet_app.trust.model import Verification
from wallet_app.wallet.binding import SURPLUS_COPY, bind_each
from wallet_app.wallet.records import joined_sentences
from wallet_app.wallet.store import NewInstance
from wallet_app.wallet.verifying import CredentialVerifier

__all__ = ["DroppedCopy", "bind_copies", "bind_parsed", "kept_sentence", "screen_verified"]


@frozen
class DroppedCopy:
    """A copy of an issued credential that was not kept, and why."""

    credential_configuration_id: str
    position: int
    """Its place in the issuer's answer (0: the first copy)."""
    code: str
    """``unreadable``, ``holder_binding_mismatch``, ``surplus_copy`` (more copies than keys)
    or ``credential_rejected``."""
    reason: str
    """What went wrong, as shown in brackets (a Sentence, or the technical detail)."""
    credential_id: str = ""
    """The stored credential whose other copies were kept (set once it is stored)."""


def bind_copies(
    conf: CredentialConfiguration,
    credentials: Sequence[str],
    keys: Sequence[SigningKey],
    *,
    now: float | None = None,
) -> tuple[list[NewInstance], list[int], list[DroppedCopy]]:
    """:func:`bind_parsed` without the parsed copies."""
    kept, positions, dropped, _parsed = bind_parsed(conf, credentials, keys, now=now)
    return kept, positions, dropped


def bind_parsed(
    conf: CredentialConfiguration,
    credentials: Sequence[str],
    keys: Sequence[SigningKey],
    *,
    now: float | None = None,
) -> tuple[list[NewInstance], list[int], list[DroppedCopy], dict[str, ParsedCredential]]:
    """The copies that can be read and are bound to the wallet's keys (with their positions
    in the answer), and those dropped. Every copy is first checked against what its format
    says MUST abort (:func:`~wallet_app.formats.validate.validate_credential`, at ``now``,
    default the current time): one readable but structurally invalid copy refuses the whole
    credential, so nothing half-issued is kept (issue 11); a copy damaged past reading is
    dropped and the others kept (issue 10, W6). Raises InvalidCredential for the former, or
    when no copy can be read and one was refused; FormatError (the first copy's reason)
    when none can be kept. Each copy is parsed once, by the floor; the kept ones are also
    returned parsed (by their text: the view, the key that verified the signature), for
    the card, the facts and the trust verification (issue 11)."""
    instant = time.time() if now is None else now
    refused: InvalidCredential | None = None
    views: list[CredentialView | None] = []
    parsed: dict[str, ParsedCredential] = {}
    for credential in credentials:
        try:
            found = parse_credential(conf.format, credential, now=instant, doctype=conf.doctype)
        except InvalidCredential as exc:
            if _readable(conf.format, credential):
                raise  # a copy the issuer made wrongly: the issuance is broken
            refused = refused or exc  # damaged past reading: dropped below (W6)
            found = None
        views.append(found.view if found is not None else None)
        if found is not None:
            parsed[found.credential] = found
    kept: list[NewInstance] = []
    positions: list[int] = []
    dropped: list[DroppedCopy] = []
    first: FormatError | None = None
    for position, item in enumerate(bind_each(conf, credentials, keys, views)):
        if isinstance(item, FormatError):
            first = first or item
            known = ("holder_binding_mismatch", SURPLUS_COPY)
            code = item.code if item.code in known else "unreadable"
            reason = (
                item.detail
                if code == "unreadable" and item.detail
                else Sentence(item.message_template, item.message_params)
            )
            dropped.append(DroppedCopy(conf.id, position, code, reason))
        else:
            kept.append(item)
            positions.append(position)
    if not kept and first is not None:
        raise refused or first
    kept_texts = {i.credential for i in kept}
    return kept, positions, dropped, {t: p for t, p in parsed.items() if t in kept_texts}


def _readable(format: str, credential: str) -> bool:
    """Whether the decoders read ``credential`` at all (else it is a damaged copy, which is
    dropped while other copies can be kept). Raises nothing."""
    try:
        decode_credential(format, credential)
    except FormatError:
        return False
    return True


def screen_verified(
    conf: CredentialConfiguration,
    instances: Sequence[NewInstance],
    positions: Sequence[int],
    verifier: CredentialVerifier,
    parsed: Mapping[str, ParsedCredential] | None = None,
) -> tuple[list[NewInstance], list[Verification], list[DroppedCopy]]:
    """Each copy verified (without its status): those whose holder binding fails are
    dropped while another copy passes; when none passes, or when one copy fails an
    integrity check (signature, digests, structure: the issuance is broken, issue 11), all
    are returned for :meth:`CredentialVerifier.check` to refuse. Raises StorageError (the
    trust anchors cannot be read). ``parsed``: the copies as :func:`bind_parsed` parsed
    them, by text (verified without parsing them again)."""
    each = verifier.verify_each(conf.format, instances, check_status=False, parsed=parsed)
    broken = any(c.ok is False and c.kind == "integrity" for v in each for c in v.checks)
    if broken or all(v.must_reject for v in each) or not any(v.must_reject for v in each):
        return list(instances), each, []
    kept: list[NewInstance] = []
    verifications: list[Verification] = []
    dropped: list[DroppedCopy] = []
    for instance, position, verification in zip(instances, positions, each, strict=True):
        if verification.must_reject:
            failures = verification.failures()
            reason = failures[0].detail if failures else "a check failed"
            dropped.append(DroppedCopy(conf.id, position, "credential_rejected", reason))
        else:
            kept.append(instance)
            verifications.append(verification)
    return kept, verifications, dropped


def kept_sentence(kept: int, dropped: Sequence[DroppedCopy]) -> Sentence | None:
    """ "2 of 3 copies kept: one could not be read (…)"; None when none was dropped.
    Raises nothing."""
    if not dropped:
        return None
    groups: dict[tuple[str, str], int] = {}
    for copy in dropped:
        groups[(copy.code, copy.reason)] = groups.get((copy.code, copy.reason), 0) + 1
    reasons = [_reason(code, reason, count) for (code, reason), count in groups.items()]
    return Sentence(
        "{kept} of {total} copies kept: {reasons}",
        {
            "kept": str(kept),
            "total": str(kept + len(dropped)),
            "reasons": joined_sentences(reasons),
        },
    )


def _reason(code: str, reason: str, count: int) -> Sentence:
    if code == "unreadable":
        if count == 1:
            return Sentence("one could not be read ({reason})", {"reason": reason})
        return Sentence("{count} could not be read ({reason})", {"count": count, "reason": reason})
    if code == "holder_binding_mismatch":
        if count == 1:
            return Sentence("one was bound to a key that is not this wallet's")
        return Sentence("{count} were bound to a key that is not this wallet's", {"count": count})
    if code == SURPLUS_COPY:
        if count == 1:
            return Sentence("one was more than the wallet had keys for")
        return Sentence("{count} were more than the wallet had keys for", {"count": count})
    if count == 1:
        return Sentence("one did not pass verification ({reason})", {"reason": reason})
    return Sentence(
        "{count} did not pass verification ({reason})", {"count": count, "reason": reason}
    )
