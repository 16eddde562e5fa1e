"""Why metadata discovery failed, in the words the person reads (§12.2.2, RFC 8414 §3).

Discovery tries several well-known paths; when none gives a usable document, the error says
what happened across them: nothing answered (the network error itself), an answer that is not
a JSON object (the issuer's metadata is broken, not missing), or only misses (not found).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from wallet_app.errors import MetadataError, NetworkError

__all__ = ["discovery_failed"]


class Attempt(Protocol):
    """One URL tried: its HTTP status (None: no answer) and what happened there."""

    @property
    def url(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def outcome(self) -> str: ...


def discovery_failed(
    step: str,
    attempts: Sequence[Attempt],
    last_error: Exception | None,
    unreadable: str | None,
) -> Exception:
    """The exception to raise when no path of ``step`` gave a document; ``unreadable`` is the
    URL of a 200 answer whose body is no JSON object (None: there was none)."""
    if isinstance(last_error, NetworkError) and (
        all(a.status is None for a in attempts) or last_error.code == "timeout"
    ):  # nothing answered at all, or a path that hangs: the network is the problem
        return last_error
    tried = "; ".join(f"{a.url} → {a.outcome}" for a in attempts)
    issuer = step == "issuer metadata"
    if unreadable is not None:
        return MetadataError(
            "The issuer answered, but the wallet cannot read its configuration: it is not "
            "valid JSON. The issuer must fix its metadata."
            if issuer
            else "The sign-in service answered, but the wallet cannot read its configuration: "
            "it is not valid JSON. The issuer must fix its metadata.",
            detail=f"{unreadable} answered 200 with a body that is not a JSON object "
            f"(UTF-8 text, RFC 8259 §8.1). Tried: {tried}",
            code="invalid_metadata",
        )
    return MetadataError(
        "The issuer's configuration could not be found. The issuer may be misconfigured or offline."
        if issuer
        else "The sign-in service's configuration could not be found. The issuer may be "
        "misconfigured or offline.",
        detail=f"Tried: {tried}",
        code="metadata_not_found",
    )
