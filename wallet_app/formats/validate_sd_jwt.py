"""The SD-JWT part of the structural floor (:mod:`.validate`): disclosures read and checked,
the payload walked iteratively against them (RFC 9901 §7.1 steps 2-5).
"""

from __future__ import annotations

from collections.abc import Mapping

from wallet_app.errors import InvalidCredential
from wallet_app.formats.sd_jwt import sd_digest
from wallet_app.formats.validate import SD_JWT, _json_part
from wallet_app.formats.view import Disclosure
from wallet_app.jsonsafe import MAX_DEPTH

__all__ = ["read_disclosures", "resolve"]

_RESERVED = ("_sd", "...")


def read_disclosures(
    raws: list[str], alg: str
) -> tuple[dict[str, list[object]], tuple[Disclosure, ...]]:
    """Each disclosure parsed and checked, by digest; and as the decoders read them, in
    order. Raises InvalidCredential."""
    by_digest: dict[str, list[object]] = {}
    read: list[Disclosure] = []
    seen: set[str] = set()
    for raw in raws:
        if raw in seen:
            raise InvalidCredential(
                ("The credential holds the same disclosure twice. Nothing was stored."),
                detail=f"{SD_JWT}, step 2.3",
            )
        seen.add(raw)
        decoded = _json_part(raw, "disclosure", f"{SD_JWT}, step 2")
        if not isinstance(decoded, list) or len(decoded) not in (2, 3):
            raise InvalidCredential(
                (
                    "A disclosure of the credential is not an array of 2 or 3 "
                    "elements. Nothing was stored."
                ),
                detail="RFC 9901 §4.2.1, §4.2.2",
            )
        assert isinstance(decoded, list)
        if not isinstance(decoded[0], str) or (
            len(decoded) == 3 and not isinstance(decoded[1], str)
        ):
            raise InvalidCredential(
                (
                    "A disclosure of the credential has a salt or claim name that "
                    "is not text. Nothing was stored."
                ),
                detail="RFC 9901 §4.2.1",
            )
        if len(decoded) == 3 and decoded[1] in _RESERVED:
            raise InvalidCredential(
                (
                    "A disclosure of the credential uses the reserved claim name "
                    "{name}. Nothing was stored."
                ),
                params={"name": str(decoded[1])},
                detail=f"{SD_JWT}, step 3.2.2.2: claim names _sd and ... MUST NOT be disclosed",
            )
        digest = sd_digest(raw, alg)
        if digest in by_digest:
            raise InvalidCredential(
                ("The credential holds the same disclosure twice. Nothing was stored."),
                detail=f"{SD_JWT}, step 2.3",
            )
        by_digest[digest] = decoded
        name = str(decoded[1]) if len(decoded) == 3 else None
        read.append(Disclosure(digest, str(decoded[0]), name, decoded[-1], raw))
    return by_digest, tuple(read)


def resolve(payload: Mapping[str, object], by_digest: Mapping[str, list[object]]) -> None:
    """Walk the payload and the disclosures it refers to, iteratively: every digest once,
    every disclosure referred to, no name collision, no reserved name, depth bounded.
    Raises InvalidCredential."""
    used: set[str] = set()
    stack: list[tuple[object, int]] = [(payload, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidCredential(
                (
                    "The credential's claims are nested more than {depth} levels "
                    "deep. Nothing was stored."
                ),
                params={"depth": MAX_DEPTH},
                detail=f"{SD_JWT}; the wallet reads at most {MAX_DEPTH} levels",
            )
        if isinstance(node, Mapping):
            names = {k for k in node if k != "_sd"}
            stack.extend((v, depth + 1) for k, v in node.items() if k != "_sd")
            digests = node.get("_sd", [])
            if not isinstance(digests, list):
                raise InvalidCredential(
                    ("An _sd member of the credential is not an array. Nothing was stored."),
                    detail="RFC 9901 §4.2.4.1",
                )
            assert isinstance(digests, list)
            for digest in digests:
                found = _take(digest, by_digest, used)
                if found is None:
                    continue  # a decoy digest
                if len(found) != 3:
                    raise InvalidCredential(
                        (
                            "An array element disclosure of the credential is used as a "
                            "claim. Nothing was stored."
                        ),
                        detail=f"{SD_JWT}, step 3.2.2.1",
                    )
                name = str(found[1])
                if name in names:
                    raise InvalidCredential(
                        (
                            "The disclosed claim {name} collides with another claim of the "
                            "credential. Nothing was stored."
                        ),
                        params={"name": name[:80]},
                        detail=f"{SD_JWT}, step 3.2.2.3: a claim name MUST NOT appear twice",
                    )
                names.add(name)
                stack.append((found[2], depth + 1))
        elif isinstance(node, list):
            for element in node:
                if isinstance(element, Mapping) and "..." in element:
                    if len(element) != 1:
                        raise InvalidCredential(
                            (
                                "An array element digest of the credential has other members. "
                                "Nothing was stored."
                            ),
                            detail="RFC 9901 §4.2.4.2",
                        )
                    found = _take(element["..."], by_digest, used)
                    if found is None:
                        continue
                    if len(found) != 2:
                        raise InvalidCredential(
                            (
                                "A claim disclosure of the credential is used as an array "
                                "element. Nothing was stored."
                            ),
                            detail=f"{SD_JWT}, step 3.3.2",
                        )
                    stack.append((found[1], depth + 1))
                else:
                    stack.append((element, depth + 1))
    unused = sum(1 for digest in by_digest if digest not in used)
    if unused:
        raise InvalidCredential(
            (
                "The credential holds {count} disclosure(s) that no digest "
                "signed by the issuer refers to (digest mismatch). Nothing was "
                "stored."
            ),
            params={"count": unused},
            detail=f"{SD_JWT}, step 5: every disclosure MUST be referred to by a digest",
        )


def _take(
    digest: object, by_digest: Mapping[str, list[object]], used: set[str]
) -> list[object] | None:
    """The disclosure of ``digest`` (None: a decoy); every digest, decoy or not, once."""
    if not isinstance(digest, str):
        raise InvalidCredential(
            "A digest in the credential is not text. Nothing was stored.", detail="RFC 9901 §4.2.4"
        )
    assert isinstance(digest, str)
    if digest in used:
        raise InvalidCredential(
            ("A digest appears more than once in the credential. Nothing was stored."),
            detail=f"{SD_JWT}, step 4: a digest MUST NOT appear more than once",
        )
    used.add(digest)
    return by_digest.get(digest)
