"""Locale-aware display data from raw issuer metadata: credential display and claim labels.

Works on the metadata JSON as received, so OID4VCI 1.0 (``credential_metadata``) and older
draft shapes (top-level ``display``/``claims`` maps) both work. OID4VCI 1.0 §12.2.4
(display), Appendix B (claims description), Appendix C (claims path pointer).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence

from wallet_app.formats.view import binary_claim
from wallet_app.frozen import frozen

__all__ = [
    "ClaimRow",
    "claim_descriptions",
    "credential_display",
    "label_claims",
    "pick_locale",
]

log = logging.getLogger(__name__)

DescriptionPath = tuple[str | int | None, ...]
ConcretePath = tuple[str | int, ...]

_W3C_FORMATS = frozenset({"jwt_vc_json", "jwt_vc_json-ld", "ldp_vc", "jwt_vc"})
_MDOC_FORMAT = "mso_mdoc"
_LEGACY_DESCRIPTION_KEYS = frozenset({"display", "mandatory", "value_type"})


@frozen
class ClaimRow:
    """One line of a credential's claims as shown to the user.

    A nested object or an array of objects gives a parent row (``value`` None) followed by
    its children at ``depth + 1``; an array of scalars is one row whose value is the list.
    """

    path: tuple[str | int | None, ...]
    label: str
    value: object
    depth: int
    mandatory: bool


def _tag(value: object) -> str | None:
    return value.replace("_", "-").lower() if isinstance(value, str) and value else None


def _truncations(tag: str) -> Iterator[str]:
    """RFC 4647 §3.4 lookup fallbacks: ``de-ch-1996`` → ``de-ch`` → ``de``."""
    subtags = tag.split("-")
    while subtags:
        yield "-".join(subtags)
        subtags.pop()
        if subtags and len(subtags[-1]) == 1:
            subtags.pop()  # never end on a singleton such as "x" or "u"


def pick_locale(
    entries: Sequence[Mapping[str, object]], preferred: Sequence[str]
) -> Mapping[str, object] | None:
    """Choose the display object for the user's languages (BCP 47, RFC 4647 §3.4 lookup).

    For each preferred tag in order: an exact match (case-insensitive), then its truncations,
    then any entry of the same primary language. Then the entry without ``locale``, then the
    first entry; None when there are no entries. Never raises.
    """
    objects = [e for e in entries if isinstance(e, Mapping)]
    tags = [_tag(e.get("locale")) for e in objects]
    for wanted in filter(None, map(_tag, preferred)):
        for candidate in _truncations(wanted):
            if candidate in tags:
                return objects[tags.index(candidate)]
        language = wanted.split("-")[0]
        for entry, tag in zip(objects, tags, strict=True):
            if tag is not None and tag.split("-")[0] == language:
                return entry
    if None in tags:
        return objects[tags.index(None)]
    return objects[0] if objects else None


def _displays(container: object) -> list[Mapping[str, object]] | None:
    if isinstance(container, Mapping) and isinstance(container.get("display"), list):
        return [d for d in container["display"] if isinstance(d, Mapping)]
    return None


def credential_display(
    configuration: Mapping[str, object], preferred: Sequence[str]
) -> Mapping[str, object] | None:
    """The display object of a credential configuration for the user's languages.

    OID4VCI 1.0 ``credential_metadata.display``, else the legacy top-level ``display``.
    None when the configuration has no display. Never raises.
    """
    displays = _displays(configuration.get("credential_metadata"))
    if displays is None:
        displays = _displays(configuration)
    return pick_locale(displays, preferred) if displays else None


def _legacy_descriptions(node: Mapping[str, object], prefix: DescriptionPath) -> list[object]:
    out: list[object] = []
    for key, value in node.items():
        if key in _LEGACY_DESCRIPTION_KEYS or not isinstance(value, Mapping):
            continue
        description: dict[str, object] = {"path": [*prefix, key]}
        description.update({k: v for k, v in value.items() if k in _LEGACY_DESCRIPTION_KEYS})
        out.append(description)
        out.extend(_legacy_descriptions(value, (*prefix, key)))
    return out


def claim_descriptions(configuration: Mapping[str, object]) -> list[Mapping[str, object]]:
    """The claims description objects of a credential configuration, as 1.0 path objects.

    Reads 1.0 ``credential_metadata.claims``, a top-level ``claims`` array, and the draft
    shapes: a nested ``claims`` map (SD-JWT, mdoc) or ``credential_definition.
    credentialSubject`` (W3C VCs). Never raises; unknown shapes give ``[]``.
    """
    metadata = configuration.get("credential_metadata")
    claims = metadata.get("claims") if isinstance(metadata, Mapping) else None
    if claims is None:
        claims = configuration.get("claims")
    found: list[object] = []
    if isinstance(claims, list):
        found = claims
    elif isinstance(claims, Mapping):
        found = _legacy_descriptions(claims, ())
    else:
        definition = configuration.get("credential_definition")
        subject = definition.get("credentialSubject") if isinstance(definition, Mapping) else None
        if isinstance(subject, Mapping):
            found = _legacy_descriptions(subject, ("credentialSubject",))
    return [d for d in found if isinstance(d, Mapping)]


def _description_path(description: object, format: str) -> DescriptionPath | None:
    path = description.get("path") if isinstance(description, Mapping) else None
    if not isinstance(path, list) or not path:
        return None
    for component in path:
        if isinstance(component, bool) or not (
            component is None or isinstance(component, str | int)
        ):
            return None
        if isinstance(component, int) and component < 0:
            return None
    if format == _MDOC_FORMAT and not (
        len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], str)
    ):
        return None
    return tuple(path)


def _conflicting(paths: Sequence[DescriptionPath], format: str) -> bool:
    """Appendix B.3: the same claim twice, null vs index, or array vs object use."""
    if len(set(paths)) != len(paths):
        return True
    uses: dict[DescriptionPath, set[str]] = {}
    first = 2 if format == _MDOC_FORMAT else 0
    for path in paths:
        for i in range(first, len(path)):
            component = path[i]
            if isinstance(component, int) and format == _MDOC_FORMAT:
                continue  # in mdoc an integer may be a map key or an index
            kind = "key" if isinstance(component, str) else "all" if component is None else "index"
            seen = uses.setdefault(path[:i], set())
            seen.add(kind)
            if ("key" in seen and len(seen) > 1) or {"all", "index"} <= seen:
                return True
    return False


def _prepare(
    descriptions: Sequence[Mapping[str, object]], format: str
) -> list[tuple[DescriptionPath, Mapping[str, object]]]:
    """Valid, rebased descriptions in metadata order; [] when processing must be aborted."""
    prepared: list[tuple[DescriptionPath, Mapping[str, object]]] = []
    for description in descriptions:
        path = _description_path(description, format)
        if path is None:
            log.warning("ignoring claim descriptions: invalid path in %r", description)
            return []
        if format in _W3C_FORMATS:
            # Our W3C claims tree is the credentialSubject itself.
            if path[0] != "credentialSubject" or len(path) == 1:
                continue
            path = path[1:]
        prepared.append((path, description))
    if _conflicting([path for path, _ in prepared], format):
        log.warning("ignoring claim descriptions: repeated or contradictory paths (App. B.3)")
        return []
    return prepared


def _matches(pattern: DescriptionPath, path: ConcretePath) -> bool:
    return len(pattern) >= len(path) and all(
        p == c or (p is None and isinstance(c, int)) for p, c in zip(pattern, path, strict=False)
    )


class _Labeller:
    """The rows of one credential's claims, labelled from their descriptions. (A plain
    class: a dataclass costs every start its processing, ~0.4 ms.)"""

    __slots__ = ("descriptions", "preferred", "rows")

    def __init__(
        self,
        descriptions: list[tuple[DescriptionPath, Mapping[str, object]]],
        preferred: Sequence[str],
    ) -> None:
        self.descriptions = descriptions
        self.preferred = preferred
        self.rows: list[ClaimRow] = []

    def rank(self, path: ConcretePath) -> int:
        """Index of the first description at or below ``path``; after all when none."""
        for index, (pattern, _) in enumerate(self.descriptions):
            if _matches(pattern, path):
                return index
        return len(self.descriptions)

    def describe(self, path: ConcretePath) -> Mapping[str, object] | None:
        for pattern, description in self.descriptions:
            if len(pattern) == len(path) and _matches(pattern, path):
                return description
        return None

    def label(self, description: Mapping[str, object] | None, fallback: str) -> str:
        displays = _displays(description)
        chosen = pick_locale(displays, self.preferred) if displays else None
        name = chosen.get("name") if chosen else None
        return name if isinstance(name, str) and name else fallback

    def emit(
        self, entries: list[tuple[ConcretePath, object]], depth: int, parent: str, *, keep: bool
    ) -> None:
        if not keep:
            positions = {path: i for i, (path, _) in enumerate(entries)}
            entries = sorted(entries, key=lambda e: (self.rank(e[0]), positions[e[0]]))
        for path, value in entries:
            description = self.describe(path)
            last = path[-1]
            fallback = last if isinstance(last, str) else f"{parent} {last + 1}"
            label = self.label(description, fallback)
            mandatory = description is not None and description.get("mandatory") is True
            if isinstance(value, Mapping) and binary_claim(value) is None:
                self.rows.append(ClaimRow(path, label, None, depth, mandatory))
                children = [((*path, str(k)), v) for k, v in value.items()]
                self.emit(children, depth + 1, label, keep=False)
            elif isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
                self.rows.append(ClaimRow(path, label, None, depth, mandatory))
                items = [((*path, i), v) for i, v in enumerate(value)]
                self.emit(items, depth + 1, label, keep=True)
            else:
                shown = list(value) if isinstance(value, list) else value
                self.rows.append(ClaimRow(path, label, shown, depth, mandatory))


def label_claims(
    claims: Mapping[str, object],
    claim_descriptions: Sequence[Mapping[str, object]],
    preferred: Sequence[str],
    *,
    format: str,
) -> list[ClaimRow]:
    """Rows for showing ``claims``: described claims in metadata order, then the rest.

    Labels are the localized ``display.name`` (see :func:`pick_locale`), else the claim
    name. For ``mso_mdoc`` the rows start at ``(namespace, element)``; for W3C formats
    description paths are relative to ``credentialSubject``. Repeated or contradictory
    descriptions (OID4VCI 1.0 Appendix B.3) are ignored as a whole. Never raises.
    """
    labeller = _Labeller(_prepare(claim_descriptions, format), preferred)
    entries: list[tuple[ConcretePath, object]] = []
    for key, value in claims.items():
        if format == _MDOC_FORMAT and isinstance(value, Mapping):
            entries.extend(((key, str(element)), v) for element, v in value.items())
        else:
            entries.append(((key,), value))
    labeller.emit(entries, 0, "", keep=False)
    return labeller.rows
