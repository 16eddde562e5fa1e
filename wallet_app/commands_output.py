"""How the CLI commands write: JSON documents, the offer line, a credential's details."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

from wallet_app.errors import NotFound
from wallet_app.settings import Settings
from wallet_app.text import escape_unsafe, json_text, printable
from wallet_app.trust.model import Verification

if TYPE_CHECKING:  # kept out of the CLI's start-up imports (issue 11)
    from wallet_app.wallet.receiving import IssuanceResult
    from wallet_app.wallet.resolve import ResolvedOffer
    from wallet_app.wallet.store import CredentialStore, StoredCredential

__all__ = [
    "AFTER_PRINT_WAIT",
    "describe_offer",
    "dropped_json",
    "new_verifications",
    "read_secret",
    "status_reason",
    "verdict_text",
    "write_details_text",
    "write_json",
    "write_list_json",
    "write_received",
    "write_status_lines",
]

#: seconds ``receive`` waits at most, after printing its result, for the notification and the
#: status checks that run alongside (each status fetch has its own timeout too)
AFTER_PRINT_WAIT = 5.0


def write_json(out: TextIO, value: object) -> None:
    """``value`` as indented JSON (non-ASCII kept, but every control, bidi and format
    character a ``\\uXXXX`` escape), one document per call."""
    text = json_text(value) + "\n"
    # safe already: the CLI's PrintableWriter need not scan a large document a second time
    write = getattr(out, "write_checked", None)
    (write if callable(write) else out.write)(text)


def dropped_json(result: IssuanceResult, credential_id: str) -> list[dict[str, object]]:
    """The copies of a received credential that were not kept: position in the issuer's
    answer, code and reason (``receive --json``)."""
    return [
        {"position": d.position, "code": d.code, "reason": str(d.reason)}
        for d in result.dropped
        if d.credential_id == credential_id
    ]


def new_verifications(store: CredentialStore, result: IssuanceResult) -> dict[str, Verification]:
    """The verifications of the credentials ``result`` stored: each one's status check
    result (what it stored), else the one stored with it (kept in ``result``: reading it
    back cost ~1.5 ms on the way to the printed result, issue 10), else the stored one;
    none for one deleted meanwhile. Reads only these (a wallet may hold many). Raises
    StorageError."""
    found: dict[str, Verification] = {}
    for stored in result.credentials:
        check = result.status_checks.get(stored.id)
        verification = (
            check.result()
            if check is not None
            and check.done()
            and not check.cancelled()
            and check.exception() is None
            else result.verifications.get(stored.id)
        )
        if verification is None:
            try:
                verification = store.get_verification(stored.id)
            except NotFound:
                continue
        if verification is not None:
            found[stored.id] = verification
    return found


def verdict_text(verification: Verification | None) -> str:
    """One line saying what the verification found (English; the CLI's text output)."""
    if verification is None:
        return "not verified"
    match verification.verdict:
        case "trusted":
            who = verification.organisation or verification.anchor or "?"
            return f"trusted issuer: {who}"
        case "untrusted":
            return "valid signature, issuer not in your trust list"
        case "invalid":
            failures = verification.failures()
            return f"invalid: {failures[0].detail}" if failures else "invalid"
        case verdict:
            return str(verdict)


def status_reason(verification: Verification) -> str | None:
    """Why the status check of ``verification`` did not hold (its sentence), else None."""
    for check in verification.checks:
        if check.kind == "status" and check.ok is not True:
            return str(check.detail)
    return None


def write_received(
    result: IssuanceResult, verifications: Mapping[str, Verification], out: TextIO
) -> None:
    """``receive``'s text result: a line per stored credential with the verdict known so
    far (``verifications``), the copies not kept, and the deferred entries."""
    for c in result.credentials:
        copies = f" ({c.instance_count} copies)" if c.instance_count > 1 else ""
        verdict = verdict_text(verifications.get(c.id))
        out.write(printable(f"Received {c.name}{copies}  [{c.id[:8]}]  {verdict}") + "\n")
        note = result.kept_note(c.id)  # "2 of 3 copies kept: one could not be read (…)"
        if note is not None:
            out.write(printable(f"  {note}") + "\n")
    for d in result.deferred:
        later = f"{d.name} will be issued later; 'wallet-app deferred --poll' fetches it"
        out.write(printable(f"{later}  [{d.id[:8]}]") + "\n")


def write_status_lines(
    result: IssuanceResult, printed: Mapping[str, Verification], out: TextIO
) -> None:
    """After ``receive`` printed its result (``printed``: the verifications it showed), a
    line for each credential whose status check adds something: the verdict it changed
    ("Status of Personal ID: revoked"), a status that could not be decided (with the
    reason), or a check that did not end (or failed) so the verdict shown may not be final.
    Nothing for a status that confirmed what was printed. Raises nothing."""
    for stored in result.credentials:
        check = result.status_checks.get(stored.id)
        if check is None:
            continue  # no status to check (no verification kept)
        final = (
            check.result()
            if check.done() and not check.cancelled() and check.exception() is None
            else None
        )
        shown = printed.get(stored.id)
        if final is None:
            line = (
                f"Status of {stored.name}: not checked yet; "
                f"'wallet-app status {stored.id[:8]}' checks it"
            )
        elif final.status == "unknown":
            reason = status_reason(final)
            line = f"Status of {stored.name}: unknown" + (f" ({reason})" if reason else "")
        elif shown is None or final.verdict != shown.verdict:
            line = f"Status of {stored.name}: {verdict_text(final)}"
        else:
            continue
        out.write(printable(line) + "\n")


def describe_offer(resolved: ResolvedOffer, settings: Settings, err: TextIO) -> None:
    """One line naming the issuer and what it offers (issuer text made printable)."""
    from wallet_app.wallet.cards import issuer_name, localized_name

    issuer = resolved.issuer
    names = []
    for conf in resolved.configurations:
        card = {"display": [{"name": d.name, "locale": d.locale} for d in conf.display]}
        names.append(localized_name(card, settings.locales, fallback=conf.id))
    issuer_card = {
        "issuer_display": [{"name": d.name, "locale": d.locale} for d in issuer.display if d.name],
        "issuer_host": urlsplit(issuer.credential_issuer).netloc,
    }
    local = " (local test issuer)" if resolved.resolved.local else ""
    line = f"{issuer_name(issuer_card, settings.locales)}{local} offers: {', '.join(names)}"
    err.write(printable(line) + "\n")
    signer = resolved.resolved.issuer_trust  # from signed metadata (OID4VCI 1.0 §12.2.3)
    if signer is not None:
        failed = signer.problem
        if failed is not None:
            said = f"issuer certificate: {failed.detail}"
        elif signer.anchor is not None:
            said = f"issuer verified by {signer.anchor.organisation or signer.anchor.subject}"
        else:
            said = "issuer certificate not in your trust list"
        err.write(printable(f"  {said}") + "\n")


def write_details_text(details: Mapping[str, object], out: TextIO) -> None:
    """Readable text of a ``credential_details`` document (issuer text made printable)."""
    buffer = io.StringIO()
    _write_details(details, buffer)
    out.write(printable(buffer.getvalue(), limit=1_000_000))


def _write_details(details: Mapping[str, object], out: TextIO) -> None:
    from wallet_app.wallet.details import format_claim_value

    out.write(f"{details['name']}\n")
    out.write(f"  issued by {details['issuer_name']} ({details['issuer']})\n")
    copies = details.get("instances")
    extra = f", {copies} copies with one key each" if isinstance(copies, int) and copies > 1 else ""
    out.write(f"  format {details['format']}, id {details['id']}{extra}\n")
    validity = details.get("validity")
    if isinstance(validity, Mapping):
        span = " → ".join(
            str(v)[:10] for v in (validity.get("issued_at"), validity.get("expires_at")) if v
        )
        if span:
            out.write(f"  valid {span}\n")
    claims = details.get("claims")
    if isinstance(claims, list) and claims:
        width = max(len("  " * int(c["depth"]) + str(c["label"])) for c in claims)
        out.write("\n")
        for c in claims:
            label = "  " * int(c["depth"]) + str(c["label"])
            out.write(f"  {label.ljust(width)}  {format_claim_value(c['value'])}\n")
    verification = details.get("verification")
    if isinstance(verification, Mapping):
        _write_verification(verification, out)
    key = details.get("holder_key")
    if isinstance(key, Mapping):
        out.write(
            f"\n  bound to this wallet's key {key.get('kty')}/{key.get('crv', '')} "
            f"x={str(key.get('x', ''))[:12]}…\n"
        )
    warnings = details.get("warnings")
    for warning in warnings if isinstance(warnings, list) else []:
        out.write(f"  ! {warning}\n")


_VERDICTS: Mapping[str, str] = MappingProxyType(
    {
        "trusted": "trusted issuer",
        "untrusted": "valid signature, issuer not in your trust list",
        "invalid": "invalid",
        "revoked": "revoked",
        "suspended": "suspended",
    }
)


def _write_verification(verification: Mapping[str, object], out: TextIO) -> None:
    """The verdict line, the anchor and every check with ✓/✗/? and its spec section."""
    verdict = str(verification.get("verdict"))
    line = _VERDICTS.get(verdict, verdict)
    organisation = verification.get("organisation")
    if verdict == "trusted" and organisation:
        line += f": {organisation}"
    out.write(f"\n  Verification: {line}\n")
    anchor = verification.get("anchor")
    if anchor:
        out.write(f"  anchor {anchor}\n")
    status = verification.get("status")
    if status:
        out.write(f"  status {status}\n")
    checks = verification.get("checks")
    for check in checks if isinstance(checks, list) else []:
        if not isinstance(check, Mapping):
            continue
        ok = check.get("ok")
        mark = "✓" if ok is True else "✗" if ok is False else "?"
        out.write(f"  {mark} {check.get('name')}: {check.get('detail')}  [{check.get('spec')}]\n")


def write_list_json(
    items: Sequence[StoredCredential], verdicts: Mapping[str, str], out: TextIO
) -> None:
    """``list --json``: one credential a line, each written by one C encoder (an indented
    document goes through json's pure-Python one: ~0.2 ms a credential, seconds at 10,000),
    the whole text escaped for the terminal at once."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = [encode(_list_json(c, verdicts.get(c.id))) for c in items]
    out.write(escape_unsafe("[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n"))


def _list_json(c: StoredCredential, verdict: str | None) -> dict[str, object]:
    return {
        "id": c.id,
        "credential_configuration_id": c.credential_configuration_id,
        "format": c.format,
        "issuer": c.issuer,
        "name": c.name,
        "received_at": c.received_at,
        "status": c.status,
        "verdict": verdict,
        **({"damaged": True} if c.damaged else {}),  # a record that can only be deleted
    }


def read_secret(prompt: str) -> str:
    """What the person types after ``prompt``, not echoed (``getpass``, imported only when
    a prompt is shown: its termios import is not paid at every start)."""
    import getpass

    return getpass.getpass(prompt)
