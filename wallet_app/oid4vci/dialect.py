"""The protocol drafts the wallet speaks: OID4VCI 1.0 and the drafts deployed issuers still use.

``Draft`` names a dialect; how each shapes requests and responses is built here on top.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["DRAFTS", "Draft"]

Draft = Literal["1.0", "15", "14", "13", "11"]
DRAFTS: tuple[Draft, ...] = get_args(Draft)
