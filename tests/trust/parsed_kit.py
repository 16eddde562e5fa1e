"""The trust verdict with the structural floor's parse (issue 11: one parse and one signature
check per credential on receipt) is the verdict without it: the verify helpers of these
tests verify every credential the floor lets through both ways."""

from __future__ import annotations

from collections.abc import Callable

from wallet_app.errors import InvalidCredential
from wallet_app.formats.parsed import ParsedCredential, parse_credential
from wallet_app.trust.model import Verification


def _summary(v: Verification) -> tuple[object, ...]:
    checks = tuple((c.name, c.ok, str(c.detail), c.spec, c.kind) for c in v.checks)
    return (v.verdict, v.must_reject, v.needs_consent, v.status, checks)


def same_with_parse(
    format: str,
    credential: str,
    now: float,
    verification: Verification,
    verify: Callable[[ParsedCredential], Verification],
) -> Verification:
    """``verification`` (made without a parse), after asserting that ``verify`` with the
    floor's parse of ``credential`` gives the same checks; the floor refuses some
    credentials the trust tests verify (expired, unsigned): those have no parse."""
    try:
        parsed = parse_credential(format, credential, now=now)
    except InvalidCredential:
        return verification
    if parsed is not None:
        assert _summary(verify(parsed)) == _summary(verification)
    return verification
