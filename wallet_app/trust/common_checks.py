"""The checks every credential format shares: structure, holder binding, validity period and
status, each a :class:`~wallet_app.trust.model.Check` with its reason and spec section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from wallet_app.errors import Sentence
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import ChainResult
from wallet_app.trust.model import Check, StatusValue, Verification

if TYPE_CHECKING:  # imported when a status is checked: start-up stays light
    from wallet_app.trust.memo import VerificationMemo
    from wallet_app.trust.status_list import StatusCache

__all__ = [
    "CLOCK_SKEW",
    "conclude",
    "holder_binding_check",
    "moment",
    "period_check",
    "same_public_key",
    "status_check",
    "structure_check",
]

#: seconds of clock difference tolerated between issuer and wallet
CLOCK_SKEW = 60.0
_KEY_MEMBERS = ("kty", "crv", "x", "y", "n", "e")


def moment(timestamp: float) -> datetime:
    """Seconds since the epoch as an aware UTC datetime. Raises nothing for sane values."""
    return datetime.fromtimestamp(timestamp, tz=UTC)


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def structure_check(ok: bool | None, detail: Sentence, spec: str) -> Check:
    """The ``structure`` check (integrity: a failure means the credential is never kept)."""
    return Check("structure", ok, detail, spec, "integrity")


def same_public_key(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """True when two JWKs are the same public key (RFC 7638 members). Raises nothing."""
    return a.get("kty") is not None and all(a.get(m) == b.get(m) for m in _KEY_MEMBERS)


def holder_binding_check(
    credential_key: Mapping[str, object] | None,
    holder_jwk: Mapping[str, object] | None,
    spec: str,
) -> Check | None:
    """``holder_binding``: the credential is bound to our key. None when we have no key to
    compare with; ok=None when the credential is bound to no key at all."""
    if holder_jwk is None:
        return None
    if credential_key is None:
        detail = Sentence("The credential is not bound to a key of this wallet.")
        return Check("holder_binding", None, detail, spec, "binding")
    if same_public_key(credential_key, holder_jwk):
        detail = Sentence("The credential is bound to this wallet's key.")
        return Check("holder_binding", True, detail, spec, "binding")
    detail = Sentence("The credential is bound to a key that is not this wallet's.")
    return Check("holder_binding", False, detail, spec, "binding")


def period_check(
    name: str,
    spec: str,
    *,
    now: float,
    signed: datetime | None,
    valid_from: datetime | None,
    valid_until: datetime | None,
) -> Check:
    """A validity period (``validity_period`` / ``validity_info``), with :data:`CLOCK_SKEW`:
    signed not in the future, valid from not in the future, valid until not passed."""
    instant = moment(now)
    problems: list[Sentence] = []
    if signed is not None and signed.timestamp() > now + CLOCK_SKEW:
        problems.append(
            Sentence("The credential was signed in the future ({date}).", {"date": _when(signed)})
        )
    if valid_from is not None and valid_from.timestamp() > now + CLOCK_SKEW:
        problems.append(
            Sentence("The credential is not valid before {date}.", {"date": _when(valid_from)})
        )
    if valid_until is not None and valid_until.timestamp() <= now - CLOCK_SKEW:
        problems.append(Sentence("The credential expired on {date}.", {"date": _when(valid_until)}))
    if problems:
        return Check(name, False, problems[0], spec, "time")
    if valid_until is None:
        detail = Sentence(
            "The credential is valid now ({date}) and does not expire.", {"date": _when(instant)}
        )
    else:
        detail = Sentence(
            "The credential is valid now ({date}); it expires on {until}.",
            {"date": _when(instant), "until": _when(valid_until)},
        )
    return Check(name, True, detail, spec, "time")


def status_check(
    status: object,
    *,
    anchors: Sequence[TrustAnchor],
    session: HttpSession | None,
    cache: StatusCache | None,
    now: float,
    issuer_key: object | None,
    memo: VerificationMemo | None = None,
) -> tuple[StatusValue | None, Check | None]:
    """The Token Status List entry of ``status`` (the credential's ``status`` claim / MSO
    member): (None, None) without a status reference, else the status and its check
    (:func:`wallet_app.trust.status_list.check_status`). Raises nothing."""
    from wallet_app.trust.status_list import check_status, status_reference

    ref = status_reference(status if isinstance(status, Mapping) else None)
    if ref is None:
        return None, None
    value, check = check_status(
        ref,
        anchors=anchors,
        session=session,
        cache=cache,
        now=now,
        issuer_key=issuer_key,
        memo=memo,
    )
    return value, check


def conclude(
    checks: Sequence[Check], chain: ChainResult | None, status: StatusValue | None, now: float
) -> Verification:
    """The verification of ``checks``: the anchor that vouches for the issuer, and the
    organisation its certificate names only then (a forger's certificate can name anyone).
    Raises nothing."""
    anchor = chain.anchor if chain is not None else None
    return Verification.of(
        checks,
        anchor=anchor.subject if anchor is not None else None,
        organisation=chain.organisation if chain is not None and anchor is not None else None,
        status=status,
        checked_at=now,
    )
