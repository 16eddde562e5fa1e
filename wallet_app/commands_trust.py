"""The CLI's trust commands: ``trust add FILE``, ``trust list``, ``trust remove ID`` and
``status [ID]``, over :class:`wallet_app.wallet.trust_service.TrustService`."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from wallet_app.commands_output import status_reason, write_json
from wallet_app.compose import open_wallet
from wallet_app.errors import UsageError
from wallet_app.settings import Settings
from wallet_app.text import printable
from wallet_app.wallet.cards import localized_name
from wallet_app.wallet.store import StoredAnchor

__all__ = ["anchor_json", "status", "trust"]


def anchor_json(stored: StoredAnchor) -> dict[str, object]:
    """One anchor as ``trust list --json`` prints it."""
    anchor = stored.anchor
    return {
        "id": anchor.id,
        "subject": anchor.subject,
        "organisation": anchor.organisation,
        "not_before": anchor.not_before.isoformat().replace("+00:00", "Z"),
        "not_after": anchor.not_after.isoformat().replace("+00:00", "Z"),
        "source": stored.source,
        "added_at": stored.added_at,
    }


def trust(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app trust add FILE | list | remove ID``."""
    if args.action == "add" and not args.target:
        raise UsageError("'trust add' needs a certificate file.")
    if args.action == "remove" and not args.target:
        raise UsageError("'trust remove' needs the id of a trust anchor.")
    if args.action == "list" and args.target:
        raise UsageError("'trust list' takes no argument.")
    with open_wallet(settings) as opened:
        service = opened.trust
        match args.action:
            case "add":
                added = service.add_anchor_file(Path(args.target))
                rows = [(s, new) for s, new in added]
                if args.json:
                    write_json(out, {"anchors": [{**anchor_json(s), "added": n} for s, n in rows]})
                    return 0
                for stored, new in rows:
                    what = "Added" if new else "Already trusted"
                    out.write(
                        printable(f"{what}: {stored.anchor.subject}  [{stored.anchor.id[:16]}]")
                        + "\n"
                    )
                return 0
            case "list":
                anchors = service.anchors()
                if args.json:
                    write_json(out, [anchor_json(s) for s in anchors])
                    return 0
                _write_anchor_table(anchors, out)
                return 0
            case "remove":
                removed = service.remove_anchor(args.target)
                if args.json:
                    write_json(out, {"removed": anchor_json(removed)})
                else:
                    out.write(
                        printable(f"Removed: {removed.anchor.subject}  [{removed.anchor.id[:16]}]")
                        + "\n"
                    )
                return 0
            case _:
                raise UsageError(
                    "Use 'wallet-app trust add FILE', 'trust list' or 'trust remove ID'."
                )


def _write_anchor_table(anchors: list[StoredAnchor], out: TextIO) -> None:
    if not anchors:
        out.write("No trust anchors. Add one with 'wallet-app trust add FILE'.\n")
        return
    header = ("ID", "SUBJECT", "SOURCE", "EXPIRES")
    rows = [
        (
            s.anchor.id[:16],
            s.anchor.subject,
            s.source,
            s.anchor.not_after.strftime("%Y-%m-%d"),
        )
        for s in anchors
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in (header, *rows):
        line = "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
        out.write(printable(line) + "\n")


def status(args: argparse.Namespace, settings: Settings, *, out: TextIO) -> int:
    """``wallet-app status [ID]``: fetch the status of one or every credential now."""
    with open_wallet(settings) as opened:
        ids = [args.id] if args.id else None
        results = opened.trust.reevaluate(ids, status=True, force=True)
        names: Mapping[str, str] = {
            c.id: localized_name(c.card, settings.locales, fallback=c.name)
            for c in opened.store.list_credentials()
        }
    entries = [
        {
            "id": cid,
            "name": names.get(cid, ""),
            "status": v.status,
            "verdict": v.verdict,
            "reason": status_reason(v),
        }
        for cid, v in results.items()
    ]
    if args.json:
        write_json(out, entries)
        return 0
    if not entries:
        out.write("No issued credentials.\n")
    for e in entries:
        state = e["status"] or "no status list"
        reason = f" ({e['reason']})" if e["reason"] and e["status"] != "valid" else ""
        out.write(printable(f"[{str(e['id'])[:8]}] {e['name']}: {state}{reason}") + "\n")
    return 0
