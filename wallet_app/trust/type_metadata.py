"""SD-JWT VC Type Metadata: what the credential type ``vct`` says about display and claims.

When ``vct`` is an http(s) URL, :func:`resolve_type_metadata` fetches the Type Metadata
document from it (SD-JWT VC §5.3.1, through the protocol's HttpSession: URL policy, size
cap, redirects), checks ``vct#integrity`` (§6, W3C SRI syntax), that the document's ``vct``
is the URL it came from (§5.3), and follows ``extends`` (with ``extends#integrity``) up to a
depth limit, refusing loops (§5.4, §7 circular dependencies). Display metadata of a child
replaces its parent's; claim metadata is combined per ``path``, the child's properties
winning (§5.5.2, §5.6.6). :func:`card_display` turns the result into the shape of OID4VCI
issuer metadata (``display`` / ``claims``), so the wallet's card builder can use it when the
issuer metadata has none. The ``type_metadata`` check is informational: it never changes
the verdict.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from wallet_app import jsonsafe
from wallet_app.errors import NetworkError, Sentence
from wallet_app.frozen import frozen
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.metadata import is_claims_path
from wallet_app.trust.model import Check

__all__ = [
    "TypeMetadata",
    "card_display",
    "check_integrity",
    "resolve_type_metadata",
]

_SPEC = "SD-JWT VC §5"
_INTEGRITY_SPEC = "SD-JWT VC §6"
_EXTENDS_SPEC = "SD-JWT VC §5.4"
# W3C SRI §3.1 hash algorithms, strongest last
_HASHES: Mapping[str, int] = {"sha256": 0, "sha384": 1, "sha512": 2}
_SD_FIXED = frozenset({"always", "never"})
_SVG_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@frozen
class TypeMetadata:
    """Type Metadata after its ``extends`` chain was applied.

    ``display`` is the display array of the nearest type that has one (child first);
    ``claims`` the combined claim metadata; ``extends`` the extended types' ``vct``, nearest
    first.
    """

    vct: str
    name: str | None
    description: str | None
    display: tuple[Mapping[str, object], ...]
    claims: tuple[Mapping[str, object], ...]
    extends: tuple[str, ...] = ()


class _Failed(Exception):
    """Type metadata processing failed; ``ok`` False (the documents are wrong) or None (they
    could not be had)."""

    def __init__(self, reason: Sentence, *, ok: bool | None = False, spec: str = _SPEC) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ok = ok
        self.spec = spec


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def resolve_type_metadata(
    vct: str, integrity: str | None, *, session: HttpSession | None, max_depth: int = 5
) -> tuple[TypeMetadata | None, Check]:
    """The Type Metadata of ``vct`` and the ``type_metadata`` check (kind ``info``).

    ``integrity`` is the credential's ``vct#integrity``. At most ``max_depth`` types are
    followed through ``extends`` after the first. A ``vct`` that is not an http(s) URL, or
    no ``session``: (None, ok None). A fetch that fails: ok None; a document that breaks the
    rules (integrity, ``vct`` mismatch, loop, too deep, malformed): ok False. Raises nothing.
    """
    if not _is_url(vct):
        detail = Sentence(
            "The credential type “{vct}” is not a URL, so there is no type metadata to fetch.",
            {"vct": vct},
        )
        return None, Check("type_metadata", None, detail, _SPEC, "info")
    if session is None:
        detail = Sentence("The type metadata was not fetched (no network access).")
        return None, Check("type_metadata", None, detail, _SPEC, "info")
    try:
        docs = _fetch_chain(vct, integrity, session, max_depth)
        meta = _merge(docs)
    except _Failed as failed:
        detail = Sentence(
            "The type metadata could not be used: {reason}", {"reason": failed.reason}
        )
        return None, Check("type_metadata", failed.ok, detail, failed.spec, "info")
    if meta.extends:
        detail = Sentence(
            "Type metadata for “{vct}” was found; it extends {count} other type(s).",
            {"vct": vct, "count": len(meta.extends)},
        )
    else:
        detail = Sentence("Type metadata for “{vct}” was found.", {"vct": vct})
    return meta, Check("type_metadata", True, detail, _SPEC, "info")


def _fetch_chain(
    vct: str, integrity: str | None, session: HttpSession, max_depth: int
) -> list[Mapping[str, object]]:
    docs: list[Mapping[str, object]] = []
    seen: set[str] = set()
    url: str | None = vct
    expected = integrity
    while url is not None:
        if url in seen:
            raise _Failed(
                Sentence("the type “{vct}” extends itself (a loop).", {"vct": url}),
                spec="SD-JWT VC §7",
            )
        if len(docs) > max_depth:
            raise _Failed(
                Sentence(
                    "the chain of extended types is longer than {depth}.", {"depth": max_depth}
                ),
                spec=_EXTENDS_SPEC,
            )
        seen.add(url)
        body = _get(session, url)
        if expected is not None and not check_integrity(body, expected):
            raise _Failed(
                Sentence("the document at {url} does not match its integrity value.", {"url": url}),
                spec=_INTEGRITY_SPEC,
            )
        doc = _document(body, url)
        docs.append(doc)
        url, expected = _extends(doc)
    return docs


def _get(session: HttpSession, url: str) -> bytes:
    try:
        resp = session.request("GET", url, step="type metadata")
    except NetworkError as exc:
        raise _Failed(exc.sentence, ok=None) from exc
    if resp.status != 200:
        raise _Failed(
            Sentence("{url} answered with HTTP {status}.", {"url": url, "status": resp.status}),
            ok=None,
        )
    return resp.body


def _document(body: bytes, url: str) -> Mapping[str, object]:
    try:
        doc = jsonsafe.loads(body, surrogates="repair")  # bounded depth: walked for display
    except ValueError as exc:
        raise _Failed(Sentence("the document at {url} is not JSON.", {"url": url})) from exc
    if not isinstance(doc, dict):
        raise _Failed(Sentence("the document at {url} is not a JSON object.", {"url": url}))
    if doc.get("vct") != url:
        raise _Failed(
            Sentence(
                "the document at {url} describes “{vct}” instead.",
                {"url": url, "vct": str(doc.get("vct"))},
            ),
            spec="SD-JWT VC §5.3",
        )
    if "display" in doc and not isinstance(doc["display"], list):
        raise _Failed(Sentence("the display metadata of {url} is not a list.", {"url": url}))
    _check_claims(doc.get("claims"), url)
    return doc


def _extends(doc: Mapping[str, object]) -> tuple[str | None, str | None]:
    extends = doc.get("extends")
    if extends is None:
        return None, None
    if not isinstance(extends, str) or not _is_url(extends):
        raise _Failed(
            Sentence("the extended type “{vct}” is not a URL.", {"vct": str(extends)}),
            ok=None,
            spec=_EXTENDS_SPEC,
        )
    expected = doc.get("extends#integrity")
    if expected is not None and not isinstance(expected, str):
        raise _Failed(Sentence("extends#integrity is not a string."), spec=_INTEGRITY_SPEC)
    return extends, expected


def _check_claims(claims: object, url: str) -> None:
    """Claim metadata must have the structure of §5.6, else processing fails."""
    if claims is None:
        return
    problem = Sentence("the claim metadata of {url} is malformed.", {"url": url})
    if not isinstance(claims, list):
        raise _Failed(problem, spec="SD-JWT VC §5.6")
    for claim in claims:
        if not isinstance(claim, Mapping) or not is_claims_path(claim.get("path")):
            raise _Failed(problem, spec="SD-JWT VC §5.6")
        display = claim.get("display")
        if display is not None and (
            not isinstance(display, list) or not all(isinstance(d, Mapping) for d in display)
        ):
            raise _Failed(problem, spec="SD-JWT VC §5.6")
        if "mandatory" in claim and not isinstance(claim["mandatory"], bool):
            raise _Failed(problem, spec="SD-JWT VC §5.6")
        if "sd" in claim and claim["sd"] not in ("always", "allowed", "never"):
            raise _Failed(problem, spec="SD-JWT VC §5.6")
        svg_id = claim.get("svg_id")
        if svg_id is not None and (not isinstance(svg_id, str) or not _SVG_ID.match(svg_id)):
            raise _Failed(problem, spec="SD-JWT VC §5.6")


def check_integrity(body: bytes, integrity: str) -> bool:
    """True when ``body`` matches the W3C SRI ``integrity`` metadata (SD-JWT VC §6): the
    strongest supported algorithm present decides, any of its digests may match. False for
    no supported algorithm or a malformed value. Raises nothing."""
    expressions: list[tuple[int, str, bytes]] = []
    for token in integrity.split():
        alg, sep, rest = token.partition("-")
        if not sep or alg not in _HASHES:
            continue
        value = rest.split("?", 1)[0]
        try:
            digest = base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_")
        except (binascii.Error, ValueError):
            continue
        expressions.append((_HASHES[alg], alg, digest))
    if not expressions:
        return False
    strongest = max(rank for rank, _, _ in expressions)
    for rank, alg, digest in expressions:
        if rank == strongest and hmac.compare_digest(hashlib.new(alg, body).digest(), digest):
            return True
    return False


def _merge(docs: list[Mapping[str, object]]) -> TypeMetadata:
    """Apply the ``extends`` chain (``docs``: child first)."""
    child = docs[0]
    display: tuple[Mapping[str, object], ...] = ()
    for doc in docs:
        entries = doc.get("display")
        if isinstance(entries, list):
            display = tuple(d for d in entries if isinstance(d, Mapping))
            break
    claims: dict[str, dict[str, object]] = {}
    for doc in reversed(docs):  # base first, so a child's properties win
        entries = doc.get("claims")
        for claim in entries if isinstance(entries, list) else []:
            key = json.dumps(claim["path"])
            base = claims.get(key)
            if base is not None:
                _check_override(base, claim, str(doc.get("vct")))
            claims[key] = {**(base or {}), **claim}
    return TypeMetadata(
        vct=str(child["vct"]),
        name=_text(child.get("name")),
        description=_text(child.get("description")),
        display=display,
        claims=tuple(claims.values()),
        extends=tuple(str(d["vct"]) for d in docs[1:]),
    )


def _check_override(base: Mapping[str, object], child: Mapping[str, object], vct: str) -> None:
    """§5.6.6.1: ``sd`` always/never and ``mandatory`` true cannot be changed by a child."""
    sd_changed = base.get("sd") in _SD_FIXED and child.get("sd", base["sd"]) != base["sd"]
    unmandated = base.get("mandatory") is True and child.get("mandatory", True) is not True
    if sd_changed or unmandated:
        raise _Failed(
            Sentence(
                "the type “{vct}” changes a claim rule that the type it extends fixed.",
                {"vct": vct},
            ),
            spec="SD-JWT VC §5.6.6",
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _resource_uri(value: object) -> str | None:
    """A rendering resource URI the wallet may use: https or data: (§5.5.1)."""
    uri = _text(value)
    if uri is None:
        return None
    scheme = urlsplit(uri).scheme.lower()
    return uri if scheme in ("https", "data") or _is_loopback_http(uri) else None


def _is_loopback_http(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def _card_entry(entry: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in (
        ("name", _text(entry.get("name"))),
        ("locale", _text(entry.get("locale")) or _text(entry.get("lang"))),
        ("description", _text(entry.get("description"))),
    ):
        if value is not None:
            out[key] = value
    rendering = entry.get("rendering")
    simple = rendering.get("simple") if isinstance(rendering, Mapping) else None
    if not isinstance(simple, Mapping):
        return out
    for key in ("background_color", "text_color"):
        if _text(simple.get(key)):
            out[key] = simple[key]
    logo = simple.get("logo")
    if isinstance(logo, Mapping) and (uri := _resource_uri(logo.get("uri"))):
        card_logo: dict[str, object] = {"uri": uri}
        if alt := _text(logo.get("alt_text")):
            card_logo["alt_text"] = alt
        out["logo"] = card_logo
    background = simple.get("background_image")
    if isinstance(background, Mapping) and (uri := _resource_uri(background.get("uri"))):
        out["background_image"] = {"uri": uri}
    return out


def _claim_entry(claim: Mapping[str, object]) -> dict[str, object]:
    path = claim.get("path")
    out: dict[str, object] = {"path": list(path) if isinstance(path, list) else []}
    labels: list[dict[str, object]] = []
    display = claim.get("display")
    for entry in display if isinstance(display, list) else []:
        if not isinstance(entry, Mapping):
            continue
        name = _text(entry.get("label")) or _text(entry.get("name"))
        if name is None:
            continue
        label: dict[str, object] = {"name": name}
        if locale := _text(entry.get("locale")) or _text(entry.get("lang")):
            label["locale"] = locale
        if description := _text(entry.get("description")):
            label["description"] = description
        labels.append(label)
    if labels:
        out["display"] = labels
    if isinstance(claim.get("mandatory"), bool):
        out["mandatory"] = claim["mandatory"]
    return out


def card_display(meta: TypeMetadata) -> dict[str, object]:
    """``{"display": [...], "claims": [...]}`` in the shape of OID4VCI issuer metadata
    (§12.2.4 credential display, Appendix B claims description): ``lang`` → ``locale``,
    ``label`` → ``name``, ``rendering.simple`` flattened; rendering URIs only https, data:
    or loopback http. Raises nothing."""
    return {
        "display": [_card_entry(d) for d in meta.display],
        "claims": [_claim_entry(c) for c in meta.claims],
    }
