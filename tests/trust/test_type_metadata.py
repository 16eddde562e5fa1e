"""SD-JWT VC Type Metadata over real HTTP on 127.0.0.1: integrity, extends, loops, depth, and
the card display built from it in the issuer-metadata shape."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator

import httpx
import pytest

from tests.trust.loopback_site import Site, serve
from wallet_app.formats.display import claim_descriptions, credential_display
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.type_metadata import (
    TypeMetadata,
    card_display,
    check_integrity,
    resolve_type_metadata,
)

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


def sri(body: bytes, alg: str = "sha256") -> str:
    return f"{alg}-" + base64.b64encode(hashlib.new(alg, body).digest()).decode()


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


@pytest.fixture
def session() -> Iterator[HttpSession]:
    with httpx.Client(timeout=10) as client:
        yield HttpSession(client)


def put_doc(site: Site, path: str, doc: dict[str, object]) -> tuple[str, bytes]:
    """Serve ``doc`` at ``path`` with its own URL as ``vct`` unless it names one."""
    url = site.base + path
    body = json.dumps({"vct": url, **doc}).encode()
    site.put(path, body)
    return url, body


BASE = {
    "name": "Diploma base",
    "display": [
        {
            "lang": "en-US",
            "name": "Diploma",
            "rendering": {
                "simple": {
                    "background_color": "#12107c",
                    "text_color": "#FFFFFF",
                    "logo": {"uri": "data:image/png;base64,iVBORw0KGgo=", "alt_text": "seal"},
                }
            },
        },
        {"locale": "de", "name": "Zeugnis"},
    ],
    "claims": [
        {"path": ["given_name"], "display": [{"lang": "en", "label": "Given name"}]},
        {"path": ["degree"], "display": [{"locale": "en", "label": "Degree"}], "sd": "always"},
        {"path": ["grade"], "mandatory": True},
    ],
}


def test_extends_chain_with_integrity_merges_display_and_claims(
    site: Site, session: HttpSession
) -> None:
    base_url, base_body = put_doc(site, "/vct/base", BASE)
    child = {
        "name": "University diploma",
        "description": "A degree.",
        "extends": base_url,
        "extends#integrity": sri(base_body, "sha384"),
        "claims": [
            {"path": ["degree"], "display": [{"locale": "en", "label": "Degree awarded"}]},
            {"path": ["university"], "display": [{"locale": "en", "label": "University"}]},
        ],
    }
    url, body = put_doc(site, "/vct/diploma", child)
    meta, check = resolve_type_metadata(url, sri(body), session=session)
    assert (check.name, check.ok, check.kind) == ("type_metadata", True, "info")
    assert "extends 1 other type(s)" in check.detail
    assert meta is not None
    assert (meta.vct, meta.name, meta.description, meta.extends) == (
        url,
        "University diploma",
        "A degree.",
        (base_url,),
    )
    assert meta.display == tuple(BASE["display"])  # the child has none
    paths = [c["path"] for c in meta.claims]
    assert paths == [["given_name"], ["degree"], ["grade"], ["university"]]
    degree = meta.claims[1]
    assert degree["display"] == [{"locale": "en", "label": "Degree awarded"}]
    assert degree["sd"] == "always"  # inherited, properties combined
    assert [p for p, _ in site.requests] == ["/vct/diploma", "/vct/base"]


def test_a_childs_own_display_replaces_its_parents(site: Site, session: HttpSession) -> None:
    base_url, _ = put_doc(site, "/vct/base", BASE)
    url, _ = put_doc(
        site, "/vct/child", {"extends": base_url, "display": [{"locale": "en", "name": "Child"}]}
    )
    meta, _ = resolve_type_metadata(url, None, session=session)
    assert meta is not None
    assert meta.display == ({"locale": "en", "name": "Child"},)


def test_wrong_integrity_is_refused(site: Site, session: HttpSession) -> None:
    url, body = put_doc(site, "/vct/diploma", BASE)
    meta, check = resolve_type_metadata(url, sri(body + b" "), session=session)
    assert meta is None
    assert check.ok is False
    assert check.spec == "SD-JWT VC §6"
    assert "does not match its integrity value" in check.detail


def test_wrong_extends_integrity_is_refused(site: Site, session: HttpSession) -> None:
    base_url, _ = put_doc(site, "/vct/base", BASE)
    url, _ = put_doc(
        site, "/vct/child", {"extends": base_url, "extends#integrity": sri(b"something else")}
    )
    meta, check = resolve_type_metadata(url, None, session=session)
    assert (meta, check.ok) == (None, False)
    assert base_url in check.detail


def test_integrity_strings() -> None:
    body = b'{"vct": "x"}'
    assert check_integrity(body, sri(body))
    # the strongest algorithm present decides; a weaker matching one does not help
    assert not check_integrity(body, f"{sri(body)} {sri(b'other', 'sha512')}")
    assert check_integrity(body, f"{sri(b'other')} {sri(body, 'sha512')}?opt")
    # several digests of the strongest algorithm: any may match
    assert check_integrity(body, f"{sri(b'other', 'sha384')} {sri(body, 'sha384')}")
    assert not check_integrity(body, "md5-" + base64.b64encode(hashlib.md5(body).digest()).decode())
    assert not check_integrity(body, "")
    assert not check_integrity(body, "sha256-%%%")


def test_a_document_for_another_type_is_refused(site: Site, session: HttpSession) -> None:
    url = site.put("/vct/diploma", json.dumps({"vct": "https://other.example/vct"}))
    meta, check = resolve_type_metadata(url, None, session=session)
    assert (meta, check.ok, check.spec) == (None, False, "SD-JWT VC §5.3")
    assert "describes “https://other.example/vct” instead" in check.detail


def test_an_extends_loop_is_refused(site: Site, session: HttpSession) -> None:
    a, b = site.base + "/vct/a", site.base + "/vct/b"
    put_doc(site, "/vct/a", {"extends": b})
    put_doc(site, "/vct/b", {"extends": a})
    meta, check = resolve_type_metadata(a, None, session=session)
    assert (meta, check.ok, check.spec) == (None, False, "SD-JWT VC §7")
    assert "extends itself (a loop)" in check.detail


def test_the_depth_limit_holds(site: Site, session: HttpSession) -> None:
    for level in range(8):
        put_doc(site, f"/vct/{level}", {"extends": site.base + f"/vct/{level + 1}"})
    put_doc(site, "/vct/8", {})
    meta, check = resolve_type_metadata(site.base + "/vct/0", None, session=session, max_depth=5)
    assert (meta, check.ok) == (None, False)
    assert "longer than 5" in check.detail
    assert site.count("/vct/6") == 0  # stopped before fetching further
    meta, check = resolve_type_metadata(site.base + "/vct/0", None, session=session, max_depth=8)
    assert check.ok is True
    assert meta is not None
    assert len(meta.extends) == 8


@pytest.mark.parametrize("vct", ["urn:eudi:pid:1", "PersonIdentificationData", "ftp://x/y"])
def test_a_vct_that_is_not_a_url_is_not_fetched(vct: str, session: HttpSession) -> None:
    meta, check = resolve_type_metadata(vct, None, session=session)
    assert (meta, check.ok, check.kind) == (None, None, "info")
    assert "is not a URL" in check.detail


def test_no_session_fetches_nothing() -> None:
    meta, check = resolve_type_metadata("https://i.example/vct", None, session=None)
    assert (meta, check.ok) == (None, None)
    assert "no network access" in check.detail


def test_unreachable_or_missing_documents_are_undecided(site: Site, session: HttpSession) -> None:
    meta, check = resolve_type_metadata(site.base + "/vct/none", None, session=session)
    assert (meta, check.ok) == (None, None)
    assert "answered with HTTP 404" in check.detail
    meta, check = resolve_type_metadata("http://vct.example/x", None, session=session)
    assert (meta, check.ok) == (None, None)  # insecure URL: refused by the URL policy


@pytest.mark.parametrize(
    "doc",
    [
        {"claims": {"given_name": {}}},
        {"claims": [{"path": []}]},
        {"claims": [{"path": ["a", -1]}]},
        {"claims": [{"path": ["a"], "sd": "sometimes"}]},
        {"claims": [{"path": ["a"], "mandatory": "yes"}]},
        {"claims": [{"path": ["a"], "svg_id": "1abc"}]},
        {"claims": [{"path": ["a"], "display": "A"}]},
        {"display": {"name": "x"}},
    ],
)
def test_malformed_documents_are_refused(
    site: Site, session: HttpSession, doc: dict[str, object]
) -> None:
    url, _ = put_doc(site, "/vct/bad", doc)
    meta, check = resolve_type_metadata(url, None, session=session)
    assert (meta, check.ok) == (None, False)


def test_not_json_is_refused(site: Site, session: HttpSession) -> None:
    url = site.put("/vct/html", "<html>", "text/html")
    assert resolve_type_metadata(url, None, session=session)[1].ok is False
    url = site.put("/vct/list", "[1]")
    assert resolve_type_metadata(url, None, session=session)[1].ok is False


@pytest.mark.parametrize("override", [{"sd": "never"}, {"sd": "allowed"}, {"mandatory": False}])
def test_a_child_cannot_loosen_fixed_claim_rules(
    site: Site, session: HttpSession, override: dict[str, object]
) -> None:
    base_url, _ = put_doc(site, "/vct/base", BASE)
    path = ["grade"] if "mandatory" in override else ["degree"]
    url, _ = put_doc(
        site, "/vct/child", {"extends": base_url, "claims": [{"path": path, **override}]}
    )
    meta, check = resolve_type_metadata(url, None, session=session)
    assert (meta, check.ok, check.spec) == (None, False, "SD-JWT VC §5.6.6")


def test_a_non_url_extends_is_undecided(site: Site, session: HttpSession) -> None:
    url, _ = put_doc(site, "/vct/child", {"extends": "urn:example:base"})
    meta, check = resolve_type_metadata(url, None, session=session)
    assert (meta, check.ok) == (None, None)


def test_card_display_has_the_issuer_metadata_shape() -> None:
    meta = TypeMetadata(
        vct="https://i.example/vct",
        name="x",
        description=None,
        display=(
            *BASE["display"],
            {
                "locale": "fr",
                "name": "Diplôme",
                "rendering": {
                    "simple": {
                        "logo": {"uri": "http://tracker.example/logo.png"},
                        "background_image": {"uri": "https://i.example/bg.png"},
                    }
                },
            },
        ),
        claims=(
            {"path": ["given_name"], "display": [{"lang": "en", "label": "Given name"}]},
            {
                "path": ["address", "city"],
                "mandatory": True,
                "display": [{"locale": "de", "label": "Ort", "description": "Wohnort"}, "x"],
            },
            {"path": ["grade"]},
        ),
    )
    shape = card_display(meta)
    assert shape == {
        "display": [
            {
                "name": "Diploma",
                "locale": "en-US",
                "background_color": "#12107c",
                "text_color": "#FFFFFF",
                "logo": {"uri": "data:image/png;base64,iVBORw0KGgo=", "alt_text": "seal"},
            },
            {"name": "Zeugnis", "locale": "de"},
            # an insecure logo URL is dropped (https or data: only, SD-JWT VC §5.5.1)
            {
                "name": "Diplôme",
                "locale": "fr",
                "background_image": {"uri": "https://i.example/bg.png"},
            },
        ],
        "claims": [
            {"path": ["given_name"], "display": [{"name": "Given name", "locale": "en"}]},
            {
                "path": ["address", "city"],
                "display": [{"name": "Ort", "locale": "de", "description": "Wohnort"}],
                "mandatory": True,
            },
            {"path": ["grade"]},
        ],
    }
    # the wallet's card builder reads it like issuer metadata
    assert credential_display(shape, ["de-CH"]) == {"name": "Zeugnis", "locale": "de"}
    assert [d["path"] for d in claim_descriptions(shape)] == [
        ["given_name"],
        ["address", "city"],
        ["grade"],
    ]


def test_card_display_of_resolved_metadata(site: Site, session: HttpSession) -> None:
    url, body = put_doc(site, "/vct/diploma", BASE)
    meta, _ = resolve_type_metadata(url, sri(body), session=session)
    assert meta is not None
    shape = card_display(meta)
    assert credential_display(shape, ["en"])["background_color"] == "#12107c"
