"""The words, colours and marks of issuer trust (issue 9 T8): a verdict as a badge (positive,
neutral or negative, ``theme.BADGE_ROLES``), a status and a check in words.

Pure look-ups on :class:`wallet_app.trust.model.Verification` values: nothing here touches the
network or cryptography, so the card painter may call it. Texts use the ``Trust`` context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from wallet_app.frozen import frozen

if TYPE_CHECKING:
    from wallet_app.trust.model import Verification

__all__ = [
    "TrustLook",
    "check_mark",
    "check_title",
    "status_words",
    "trust_summary",
    "verdict_look",
]


@frozen
class TrustLook:
    """How a verdict is shown: the badge's words, its ``theme.BADGE_ROLES`` kind and a mark
    (so colour is never the only cue)."""

    label: str
    kind: str
    icon: str

    @property
    def text(self) -> str:
        """The badge with its mark: "✓ Trusted issuer"."""
        return f"{self.icon} {self.label}"


def verdict_look(verdict: str) -> TrustLook:
    """The badge of a verdict (``trusted``, ``untrusted``, ``invalid``, ``revoked``,
    ``suspended``); an unknown verdict looks untrusted. Raises nothing."""
    match verdict:
        case "trusted":
            return TrustLook(QCoreApplication.translate("Trust", "Trusted issuer"), "positive", "✓")
        case "invalid":
            return TrustLook(QCoreApplication.translate("Trust", "Invalid"), "negative", "✗")
        case "revoked":
            return TrustLook(QCoreApplication.translate("Trust", "Revoked"), "negative", "✗")
        case "suspended":
            return TrustLook(QCoreApplication.translate("Trust", "Suspended"), "negative", "!")
    return TrustLook(
        QCoreApplication.translate("Trust", "Issuer not in your trust list"), "neutral", "?"
    )


def status_words(status: str | None) -> str:
    """A status list entry in words: valid, revoked, suspended, unknown, or none kept."""
    match status:
        case "valid":
            return QCoreApplication.translate("Trust", "Valid")
        case "invalid":
            return QCoreApplication.translate("Trust", "Revoked")
        case "suspended":
            return QCoreApplication.translate("Trust", "Suspended")
        case "unknown":
            return QCoreApplication.translate("Trust", "Unknown")
    return QCoreApplication.translate("Trust", "Not published by the issuer")


def check_mark(ok: bool | None) -> str:
    """✓ held, ✗ failed, ? could not be decided."""
    return "✓" if ok is True else "✗" if ok is False else "?"


def check_title(name: str) -> str:
    """A check's stable name (``certificate_chain``) in words; an unknown name as it is."""
    titles = {
        "signature": QCoreApplication.translate("Trust", "Signature"),
        "structure": QCoreApplication.translate("Trust", "Structure"),
        "digests": QCoreApplication.translate("Trust", "Disclosure and value digests"),
        "holder_binding": QCoreApplication.translate("Trust", "Bound to this wallet's key"),
        "validity_period": QCoreApplication.translate("Trust", "Validity period"),
        "certificate_chain": QCoreApplication.translate("Trust", "Certificate chain"),
        "issuer_name": QCoreApplication.translate("Trust", "Certificate names the issuer"),
        "trust_anchor": QCoreApplication.translate("Trust", "Trust anchor"),
        "issuer_key": QCoreApplication.translate("Trust", "Issuer key"),
        "doc_type": QCoreApplication.translate("Trust", "Document type"),
        "validity_info": QCoreApplication.translate("Trust", "Validity information"),
        "status": QCoreApplication.translate("Trust", "Status (revocation)"),
        "type_metadata": QCoreApplication.translate("Trust", "Type metadata"),
        "signed_metadata": QCoreApplication.translate("Trust", "Signed issuer metadata"),
    }
    return titles.get(name, name)


def trust_summary(verification: Verification) -> str:
    """One sentence for the verdict: who vouches, or what is wrong."""
    who = verification.organisation or verification.anchor or ""
    match verification.verdict:
        case "trusted":
            if who:
                return QCoreApplication.translate(
                    "Trust", "Trusted issuer: {organisation}, vouched for by a trust anchor."
                ).format(organisation=who)
            return QCoreApplication.translate("Trust", "Trusted issuer.")
        case "invalid":
            return QCoreApplication.translate(
                "Trust", "Invalid: a check failed. Do not rely on this credential."
            )
        case "revoked":
            return QCoreApplication.translate("Trust", "Revoked by its issuer.")
        case "suspended":
            return QCoreApplication.translate("Trust", "Suspended by its issuer for now.")
    return QCoreApplication.translate(
        "Trust", "The signature holds, but no anchor in your trust list vouches for the issuer."
    )
