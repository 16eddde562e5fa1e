"""Composition root: ``wallet-app`` starts here.

A bare URI argument (``wallet-app openid-credential-offer://…`` or a redirect to our scheme,
as the OS passes it) is first offered to a running wallet over the single-instance channel;
that path imports only the standard library so the hand-off takes well under 0.3 s.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

_COMMANDS = frozenset({"receive", "list", "show", "delete", "deferred", "open"})


def _bare_uri(argv: Sequence[str]) -> str | None:
    positional = [a for a in argv if not a.startswith("-")]
    if len(positional) != 1 or positional[0] in _COMMANDS:
        return None
    candidate = positional[0]
    scheme, sep, _ = candidate.partition(":")
    if sep and scheme and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum():
        return candidate
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the wallet; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    uri = _bare_uri(args)
    if uri is not None:
        from wallet_app.host.single_instance import forward_uris

        try:
            delivery = forward_uris([uri])
        except Exception:  # the full CLI path below reports channel problems properly
            delivery = None
        if delivery is not None:
            if delivery.accepted:
                return 0
            message = delivery.message or "The running wallet did not accept this link."
            sys.stderr.write(message + "\n")
            return 1
        args = ["open", uri, *(a for a in args if a != uri)]
    from wallet_app import cli

    return cli.main(args)
