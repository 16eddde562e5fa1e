"""The result of verifying one credential: every check with its reason, and one verdict.

A :class:`Check` says what was checked, whether it held (``None``: could not be decided,
e.g. a status list that did not answer), why, and which spec section asks for it. Its
``kind`` decides what a failure means (:func:`decide`):

* ``integrity`` / ``binding``: signature, digests, structure, holder binding. A failure
  means the credential is never stored.
* ``time`` / ``chain``: outside the validity period, a certificate chain that does not
  validate. A failure makes the verdict *invalid*; such a credential is stored only on an
  explicit choice of the user.
* ``anchor``: whether a trust anchor vouches for the issuer. A failure makes the verdict
  *untrusted* (stored and marked).
* ``status``: the Token Status List entry. *revoked* / *suspended* come from here.
* ``info``: type metadata and other facts that never change the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, get_args

from wallet_app.errors import Sentence
from wallet_app.frozen import frozen

__all__ = [
    "Check",
    "CheckKind",
    "StatusValue",
    "Verdict",
    "Verification",
    "checks_by_name",
    "decide",
    "is_status",
    "is_verdict",
]

Verdict = Literal["trusted", "untrusted", "invalid", "revoked", "suspended"]
StatusValue = Literal["valid", "invalid", "suspended", "unknown"]
CheckKind = Literal["integrity", "binding", "time", "chain", "anchor", "status", "info"]

_HARD: frozenset[str] = frozenset({"integrity", "binding"})
_SOFT: frozenset[str] = frozenset({"time", "chain"})


@frozen
class Check:
    """One check: ``name`` is stable for scripts (``signature``, ``certificate_chain``,
    ``trust_anchor``, ...); ``detail`` is a user sentence (translatable template);
    ``spec`` names the section that asks for the check (``"SD-JWT VC §3.5"``)."""

    name: str
    ok: bool | None
    detail: Sentence
    spec: str
    kind: CheckKind

    def to_json(self) -> dict[str, object]:
        """``{"name", "ok", "detail", "spec"}`` as ``show --json`` prints it."""
        return {"name": self.name, "ok": self.ok, "detail": str(self.detail), "spec": self.spec}


def decide(checks: Sequence[Check], status: StatusValue | None, anchor: str | None) -> Verdict:
    """The verdict of a set of checks: a failed integrity, binding, time or chain check
    makes it *invalid*; else a revoked or suspended status; else *trusted* when an anchor
    vouches for the issuer, *untrusted* when none does. Raises nothing."""
    if any(c.ok is False and c.kind in _HARD | _SOFT for c in checks):
        return "invalid"
    if status == "invalid":
        return "revoked"
    if status == "suspended":
        return "suspended"
    anchored = any(c.kind == "anchor" and c.ok is True for c in checks)
    return "trusted" if anchor is not None and anchored else "untrusted"


@frozen
class Verification:
    """The trust result of one credential.

    ``anchor`` is the subject (RFC 4514) of the anchor that vouches for the issuer;
    ``organisation`` the organisation (``O=``, else ``CN=``) named by the issuer's
    certificate, for display; ``status`` is None when the credential has no status
    reference; ``checked_at`` is seconds since the epoch.
    """

    verdict: Verdict
    anchor: str | None
    organisation: str | None
    status: StatusValue | None
    checks: tuple[Check, ...]
    checked_at: float

    @classmethod
    def of(
        cls,
        checks: Sequence[Check],
        *,
        anchor: str | None,
        organisation: str | None,
        status: StatusValue | None,
        checked_at: float,
    ) -> Verification:
        """A verification whose verdict is :func:`decide` of its checks. Raises nothing."""
        return cls(
            verdict=decide(checks, status, anchor),
            anchor=anchor,
            organisation=organisation,
            status=status,
            checks=tuple(checks),
            checked_at=checked_at,
        )

    @property
    def must_reject(self) -> bool:
        """A signature, digest, structure or holder-binding check failed: never store it."""
        return any(c.ok is False and c.kind in _HARD for c in self.checks)

    @property
    def needs_consent(self) -> bool:
        """Only a validity-period or chain check failed: store it only if the user says so."""
        return not self.must_reject and any(c.ok is False and c.kind in _SOFT for c in self.checks)

    def failures(self) -> tuple[Check, ...]:
        """The checks that failed, in order. Raises nothing."""
        return tuple(c for c in self.checks if c.ok is False)

    def to_json(self) -> dict[str, object]:
        """The ``verification`` object of ``show --json``."""
        return {
            "verdict": self.verdict,
            "anchor": self.anchor,
            "organisation": self.organisation,
            "status": self.status,
            "checked_at": self.checked_at,
            "checks": [c.to_json() for c in self.checks],
        }


def is_verdict(value: object) -> bool:
    """True for one of the five verdict names. Raises nothing."""
    return value in get_args(Verdict)


def is_status(value: object) -> bool:
    """True for one of the four status names. Raises nothing."""
    return value in get_args(StatusValue)


def checks_by_name(checks: Sequence[Check]) -> Mapping[str, Check]:
    """The last check of each name. Raises nothing."""
    return {c.name: c for c in checks}
