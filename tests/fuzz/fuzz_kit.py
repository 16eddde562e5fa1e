"""Strategies for fuzzing the wallet's parsers: the spec's own examples mutated with hostile
values, valid-shaped JSON, deep nesting, lone surrogates, huge numbers and raw bytes.

Seeds come from the repository (tests/fixtures: OID4VCI 1.0 and drafts 11-15 examples, and
tests/formats/fixtures: the spec's credential responses), so CI needs nothing outside it.
The one property every fuzz test checks is :func:`survives`: a parser returns a value or
raises a :class:`~wallet_app.errors.WalletError` subclass, never anything else.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import strategies as st

from wallet_app.errors import WalletError

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SPEC = FIXTURES / "oid4vci-1.0"
DRAFTS = FIXTURES / "drafts"
FORMAT_FIXTURES = ROOT / "formats" / "fixtures"

#: a marker string a mutation puts into a document; encode() turns it into deep nesting
DEEP = "\u0000__fuzz_deep__"
#: a marker encode() turns into a number literal of 5,000 digits (more than int() reads: 4,300)
HUGE = "\u0000__fuzz_huge__"
DEPTHS = (63, 64, 65, 66, 200, 1000, 5000, 100_000)


def survives(parse: Callable[..., T], *args: Any, **kw: Any) -> T | None:
    """``parse(*args, **kw)``; a WalletError counts as a clean refusal (None). Any other
    exception propagates and fails the property."""
    try:
        return parse(*args, **kw)
    except WalletError as exc:
        # the refusal itself must be printable: str() and the user sentence never raise
        str(exc)
        assert isinstance(exc.user_message, str)
        return None


# ------------------------------------------------------------------ seeds from the repository
def _body(text: str) -> object:
    """The JSON body of a fixture: a plain JSON file, or an HTTP message (.txt)."""
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=0)
    return json.loads(text[start:], strict=False)


@functools.cache
def _fixture_docs() -> dict[str, object]:
    docs: dict[str, object] = {}
    for path in [*SPEC.iterdir(), *DRAFTS.glob("*/*.json"), *FORMAT_FIXTURES.iterdir()]:
        if path.suffix not in (".json", ".txt"):
            continue
        try:
            docs[f"{path.parent.name}/{path.name}"] = _body(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # an example that is not JSON (an offer URI)
    return docs


def _named(pattern: str) -> list[dict[str, object]]:
    found = [
        doc
        for name, doc in sorted(_fixture_docs().items())
        if re.search(pattern, name) and isinstance(doc, dict)
    ]
    assert found, f"no fixture matches {pattern}"
    return found


ISSUER = "https://credential-issuer.example.com"


@functools.cache
def offer_seeds() -> list[dict[str, object]]:
    return _named(r"credential_offer")


@functools.cache
def issuer_metadata_seeds() -> list[dict[str, object]]:
    seeds = []
    for doc in _named(r"issuer_metadata|credential_metadata_"):
        doc = copy.deepcopy(doc)
        doc.setdefault("credential_issuer", ISSUER)
        doc.setdefault("credential_endpoint", f"{ISSUER}/credential")
        doc.setdefault("nonce_endpoint", f"{ISSUER}/nonce")
        seeds.append(doc)
    return seeds


def auth_server_seeds() -> list[dict[str, object]]:
    as_ = "https://as.example.com"
    return [
        {
            "issuer": as_,
            "authorization_endpoint": f"{as_}/authorize",
            "token_endpoint": f"{as_}/token",
            "pushed_authorization_request_endpoint": f"{as_}/par",
            "require_pushed_authorization_requests": True,
            "code_challenge_methods_supported": ["S256"],
            "dpop_signing_alg_values_supported": ["ES256"],
            "pre-authorized_grant_anonymous_access_supported": True,
            "authorization_response_iss_parameter_supported": True,
            "authorization_details_types_supported": ["openid_credential"],
            "grant_types_supported": [
                "authorization_code",
                "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ],
            "scopes_supported": ["openid", "pid"],
        }
    ]


@functools.cache
def token_seeds() -> list[dict[str, object]]:
    return [
        *_named(r"token_response"),
        {"access_token": "at-1", "token_type": "DPoP", "expires_in": 300, "refresh_token": "rt"},
    ]


@functools.cache
def credential_response_seeds() -> list[dict[str, object]]:
    return [
        *_named(r"credential_response"),
        {"transaction_id": "8xLOxBtZp8", "interval": 5},
        {"credentials": [{"credential": "a"}, {"credential": "b"}], "notification_id": "n-1"},
    ]


@functools.cache
def error_seeds() -> list[dict[str, object]]:
    return [
        *_named(r"credential_error"),
        {"error": "invalid_grant", "error_description": "The code expired."},
        {"error": "use_dpop_nonce"},
    ]


# ------------------------------------------------------------------ hostile values
HOSTILE_STRINGS = (
    "",
    " ",
    "\x00",
    "\ud800",
    "a\udfffb",
    "\udbff\udc00",  # a pair that Python keeps as two lone surrogates
    "\u202eevil",
    "\x1b[2J\x1b]0;title\x07",
    "\r\n\t\b",
    "%",
    "%ZZ",
    "%ud800",
    "%ED%A0%80",  # a UTF-8-encoded surrogate, percent-encoded
    "%F0%9F",
    "null",
    "1e999",
    "-0",
    "\\u0000",
    "..",
    "../../etc/passwd",
    "javascript:alert(1)",
    "http://127.0.0.1:1/",
    "https://",
    "https://[::1",
    "https://user:pw@example.com:99999/",
    "https://example.com/\ud800",
    "openid-credential-offer://?credential_offer=",
    "~",
    "~~",
    "a.b.c",
    "..",
    "=",
    "&&==",
    "A" * 5000,
    "\U0010ffff" * 30,
    "ﬀ\u0301\u200d",
)
HOSTILE_NUMBERS = (
    0,
    -1,
    1,
    2**31,
    2**63,
    -(2**63) - 1,
    2**64 + 1,
    10**400,
    -(10**400),
    float("inf"),
    float("-inf"),
    float("nan"),
    1e308,
    -0.0,
    5e-324,
    0.5,
    True,
    False,
)

any_char = st.characters(exclude_categories=())  # lone surrogates included
# Cheap on purpose (5,000 examples per parser in CI): mostly one draw from the hostile list.
text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.sampled_from(HOSTILE_STRINGS),
    st.text(any_char, max_size=8),
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Mn"]), max_size=4),
)
numbers = st.one_of(st.sampled_from(HOSTILE_NUMBERS), st.integers(), st.floats())
# [] and {} built anew each time: a shared constant would be mutated by one example (a test
# appends a digest to it) and change the next one (hypothesis: FlakyStrategyDefinition)
leaves = st.one_of(
    st.sampled_from((None, True, False, DEEP, HUGE)),
    st.builds(list),
    st.builds(dict),
    numbers,
    text,
    text,
)


@st.composite
def _json_values(draw: st.DrawFn, keys: st.SearchStrategy[str]) -> object:
    kind = draw(st.integers(0, 9))
    if kind < 6:
        return draw(leaves)
    items = [
        draw(_json_values(keys)) if draw(st.integers(0, 5)) == 0 else draw(leaves)
        for _ in range(draw(st.integers(0, 3)))
    ]
    if kind < 8:
        return items
    return {draw(keys): item for item in items}


def json_values(keys: st.SearchStrategy[str] = text) -> st.SearchStrategy[object]:
    """Valid-shaped JSON with hostile leaves, nested a little (deep nesting comes from the
    DEEP marker); object keys drawn from ``keys``."""
    return _json_values(keys)


def _keys_of(value: object, into: set[str]) -> set[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            into.add(k)
            _keys_of(v, into)
    elif isinstance(value, list):
        for v in value:
            _keys_of(v, into)
    return into


def _slots(value: object) -> list[tuple[object, object]]:
    """Every (container, key) of ``value``, so a mutation can replace any node."""
    found: list[tuple[object, object]] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                found.append((node, k))
                stack.append(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                found.append((node, i))
                stack.append(v)
    return found


@functools.cache
def _mutation_parts(
    seeds: tuple[str, ...],
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[object]]:
    keys: set[str] = set()
    for seed in seeds:
        _keys_of(json.loads(seed), keys)
    key_strategy = st.one_of(st.sampled_from(sorted(keys)), text)
    return key_strategy, json_values(key_strategy)


def mutated(seeds: list[dict[str, object]]) -> st.SearchStrategy[object]:
    """A seed document with 0-4 nodes replaced, deleted, duplicated or added."""
    frozen = tuple(json.dumps(seed) for seed in seeds)
    return _mutated(frozen)


@st.composite
def _mutated(draw: st.DrawFn, seeds: tuple[str, ...]) -> object:
    keys, values = _mutation_parts(seeds)
    doc: object = json.loads(seeds[draw(st.integers(0, len(seeds) - 1))])
    for _ in range(draw(st.integers(0, 4))):
        slots = _slots(doc)
        if not slots or draw(st.integers(0, 30)) == 0:
            doc = draw(values)  # the whole document replaced
            continue
        holder, key = slots[draw(st.integers(0, len(slots) - 1))]
        op = draw(st.integers(0, 5))
        if op <= 1:
            holder[key] = draw(values)  # type: ignore[index]
        elif op == 2:
            del holder[key]  # type: ignore[attr-defined]
        elif op == 3 and isinstance(holder, dict):
            holder[draw(keys)] = draw(values)
        elif op == 3 and isinstance(holder, list):
            holder.append(draw(values))
        elif op == 4:
            holder[key] = [holder[key], holder[key]]  # type: ignore[index]
        else:
            holder[key] = [holder[key]] if draw(st.booleans()) else {"_": holder[key]}  # type: ignore[index]
    return doc


def _encode_deep(text: str, depth: int, opener: str) -> str:
    closer = {"[": "]", "{": "}"}[opener]
    if opener == "{":
        return '{"a":' * depth + "1" + closer * depth
    return opener * depth + "1" + closer * depth


@st.composite
def encoded(draw: st.DrawFn, docs: st.SearchStrategy[object]) -> bytes:
    """A document serialised as a body: JSON (ASCII or raw UTF-8, surrogates passed through),
    deep nesting where the DEEP marker is, sometimes byte-mangled; or bytes that are no JSON."""
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        depth = draw(st.sampled_from(DEPTHS))
        return _encode_deep("", depth, draw(st.sampled_from("[{"))).encode()
    doc = draw(docs)
    ascii_only = draw(st.booleans())
    raw = json.dumps(doc, ensure_ascii=ascii_only, allow_nan=True)
    marker = json.dumps(DEEP, ensure_ascii=ascii_only)
    if marker in raw:
        deep = _encode_deep("", draw(st.sampled_from(DEPTHS)), draw(st.sampled_from("[{")))
        raw = raw.replace(marker, deep, 1).replace(marker, "0")
    huge = json.dumps(HUGE, ensure_ascii=ascii_only)
    if huge in raw:
        raw = raw.replace(huge, draw(st.sampled_from(("9" * 5000, "-1" + "0" * 5000, "1e99999"))))
    data = raw.encode("utf-8", errors="surrogatepass")
    if kind == 2 and data:  # truncated
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif kind == 3:  # bytes spliced in
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif kind == 4:
        data = b"\xef\xbb\xbf" + data  # a BOM
    return data


def as_text(data: bytes) -> str:
    """Bytes as the text a user might paste: UTF-8, lone surrogates kept, bytes that are no
    UTF-8 as surrogate escapes."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape")


def b64url(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def json_segment(doc: object, draw: st.DrawFn) -> str:
    """A base64url JSON segment of ``doc`` (as a JWS header/payload or a disclosure)."""
    return b64url(draw(encoded(st.just(doc))))
