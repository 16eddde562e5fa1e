"""Signed issuer metadata (OID4VCI 1.0 §12.2.3): the verification rules, and the client asking
for ``application/jwt`` only when told to, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.trust.loopback_site import Site, serve
from tests.trust.pki_kit import Pki, build_pki, forged_leaf, sign_jws
from wallet_app.errors import MetadataError
from wallet_app.oid4vci.client import SIGNED_METADATA_ACCEPT, Oid4vciClient
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.metadata import parse_issuer_metadata
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.signed_metadata import verify_signed_metadata

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

ISSUER = "https://issuer.example.com"
WELL_KNOWN = "/.well-known/openid-credential-issuer"
TYP = "openidvci-issuer-metadata+jwt"


def metadata(issuer: str) -> dict[str, object]:
    return {
        "credential_issuer": issuer,
        "credential_endpoint": issuer + "/credential",
        "display": [{"name": "Signed Issuer", "locale": "en"}],
        "credential_configurations_supported": {
            "diploma": {"format": "dc+sd-jwt", "vct": issuer + "/vct/diploma"}
        },
    }


def signed(
    pki: Pki, issuer: str, *, typ: str = TYP, now: float | None = None, **claims: object
) -> str:
    iat = int(now if now is not None else time.time())
    payload: dict[str, object] = {
        "iss": issuer,
        "sub": issuer,
        "iat": iat,
        "exp": iat + 3600,
        **metadata(issuer),
    }
    payload.update(claims)
    payload = {k: v for k, v in payload.items() if v is not None}
    return sign_jws({"typ": typ}, payload, pki.leaf, chain=pki.chain())


@pytest.fixture
def pki() -> Pki:
    return build_pki(issuer=ISSUER)


def anchors_of(pki: Pki) -> list[TrustAnchor]:
    return [TrustAnchor.from_certificate(pki.root.cert)]


def test_good_signed_metadata_gives_its_values(pki: Pki) -> None:
    claims, checks, chain = verify_signed_metadata(
        signed(pki, ISSUER), credential_issuer=ISSUER, anchors=anchors_of(pki), now=time.time()
    )
    assert claims == metadata(ISSUER)  # iss, sub, iat and exp are the JWT's, not metadata
    assert [(c.name, c.ok) for c in checks] == [
        ("certificate_chain", True),
        ("issuer_name", True),
        ("trust_anchor", True),
        ("signed_metadata", True),
    ]
    assert checks[-1].spec == "OID4VCI 1.0 §12.2.3"
    assert str(checks[-1].detail) == (
        "The issuer metadata is signed by Test Issuer GmbH, and your trust anchor "
        "Test Trust Services vouches for it."
    )
    assert chain is not None
    assert chain.anchor is not None
    assert chain.anchor.id == anchors_of(pki)[0].id
    # the values parse as issuer metadata
    assert parse_issuer_metadata(claims, expected_issuer=ISSUER).display[0].name == "Signed Issuer"


def only_check(jwt: str, pki: Pki, *, anchors: list[TrustAnchor] | None = None) -> str:
    claims, checks, _ = verify_signed_metadata(
        jwt,
        credential_issuer=ISSUER,
        anchors=anchors_of(pki) if anchors is None else anchors,
        now=time.time(),
    )
    assert claims is None
    final = checks[-1]
    assert (final.name, final.ok, final.kind) == ("signed_metadata", False, "info")
    return str(final.detail)


def test_wrong_typ(pki: Pki) -> None:
    assert "has the type “JWT”, not openidvci-issuer-metadata+jwt" in only_check(
        signed(pki, ISSUER, typ="JWT"), pki
    )


def test_wrong_sub(pki: Pki) -> None:
    jwt = signed(pki, ISSUER, sub="https://other.example.com")
    assert "is about “https://other.example.com”, not about" in only_check(jwt, pki)


def test_inner_credential_issuer_must_match(pki: Pki) -> None:
    jwt = signed(pki, ISSUER, credential_issuer="https://other.example.com")
    assert "names “https://other.example.com” as the credential issuer" in only_check(jwt, pki)


def test_expired(pki: Pki) -> None:
    now = time.time()
    jwt = signed(pki, ISSUER, now=now - 7200)  # exp = iat + 1 h, an hour ago
    assert "has expired" in only_check(jwt, pki)


def test_iat_missing_or_in_the_future(pki: Pki) -> None:
    assert "does not say when it was issued" in only_check(signed(pki, ISSUER, iat=None), pki)
    future = signed(pki, ISSUER, iat=int(time.time()) + 3600)
    assert "issued in the future" in only_check(future, pki)


def test_bad_signature(pki: Pki) -> None:
    other = build_pki(issuer=ISSUER)
    payload = {"sub": ISSUER, "iat": int(time.time()), **metadata(ISSUER)}
    jwt = sign_jws({"typ": TYP}, payload, other.leaf, chain=pki.chain())  # key ≠ x5c leaf
    assert "does not match the certificate it carries" in only_check(jwt, pki)
    head, _, sig = signed(pki, ISSUER).split(".")
    tampered_body = base64.urlsafe_b64encode(
        json.dumps({"sub": ISSUER, "iat": 1, **metadata(ISSUER), "x": 1}).encode()
    )
    tampered = f"{head}.{tampered_body.rstrip(b'=').decode()}.{sig}"
    assert "does not match the certificate it carries" in only_check(tampered, pki)


def test_chain_to_no_anchor(pki: Pki) -> None:
    claims, checks, chain = verify_signed_metadata(
        signed(pki, ISSUER), credential_issuer=ISSUER, anchors=[], now=time.time()
    )
    assert claims is None
    assert chain is not None
    assert chain.anchor is None
    names = {c.name: c.ok for c in checks}
    assert names["trust_anchor"] is False
    assert names["signed_metadata"] is False
    assert "is not trusted, so the signed values were not used" in checks[-1].detail


def test_a_self_signed_forgery_is_not_trusted(pki: Pki) -> None:
    forger = forged_leaf(ISSUER)
    payload = {"sub": ISSUER, "iat": int(time.time()), **metadata(ISSUER)}
    jwt = sign_jws({"typ": TYP}, payload, forger, chain=[forger])
    assert "is not trusted" in only_check(jwt, pki)


def test_a_signer_that_does_not_name_the_issuer_is_not_trusted() -> None:
    elsewhere = build_pki(issuer="https://elsewhere.example.com")
    assert "is not trusted" in only_check(signed(elsewhere, ISSUER), elsewhere)


def test_no_x5c_none_alg_and_garbage(pki: Pki) -> None:
    payload = {"sub": ISSUER, "iat": int(time.time()), **metadata(ISSUER)}
    assert "carries no certificate chain" in only_check(
        sign_jws({"typ": TYP}, payload, pki.leaf), pki
    )
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": TYP}).encode())
    unsigned = header.rstrip(b"=").decode() + "." + signed(pki, ISSUER).split(".")[1] + "."
    assert "algorithm “none”" in only_check(unsigned, pki)
    assert "is not a JWT" in only_check("not a jwt", pki)
    broken_x5c = sign_jws({"typ": TYP, "x5c": ["AAAA"]}, payload, pki.leaf)
    assert "certificates of the signed issuer metadata cannot be read" in only_check(
        broken_x5c, pki
    )


# -- the client: application/jwt only when asked ------------------------------------------------


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


@pytest.fixture
def client() -> Iterator[Oid4vciClient]:
    with httpx.Client(timeout=10) as http:
        yield Oid4vciClient(HttpSession(http))


def test_the_json_path_is_unchanged(site: Site, client: Oid4vciClient) -> None:
    site.put(WELL_KNOWN, json.dumps(metadata(site.base)))
    found = client.discover_issuer_metadata(site.base)
    assert (found.jwt, found.doc) == (None, metadata(site.base))
    assert site.requests == [(WELL_KNOWN, "application/json")]
    # fetch_issuer_metadata asks the same way
    assert client.fetch_issuer_metadata(site.base).credential_issuer == site.base
    assert site.requests[-1] == (WELL_KNOWN, "application/json")


def test_a_jwt_answer_that_was_not_asked_for_is_not_metadata(
    site: Site, client: Oid4vciClient
) -> None:
    pki = build_pki(issuer=site.base)
    site.put(WELL_KNOWN, signed(pki, site.base), "application/jwt")
    with pytest.raises(MetadataError) as info:
        client.discover_issuer_metadata(site.base)
    assert "not a JSON object" in (info.value.detail or "")


def test_signed_metadata_is_asked_for_and_handed_back(site: Site, client: Oid4vciClient) -> None:
    pki = build_pki(issuer=site.base)
    jwt = signed(pki, site.base)
    site.put(WELL_KNOWN, jwt + "\n", "application/jwt")
    found = client.discover_issuer_metadata(site.base, signed=True)
    assert (found.jwt, found.doc, found.url) == (jwt, {}, site.base + WELL_KNOWN)
    assert found.attempts[-1].outcome == "signed"
    assert site.requests == [(WELL_KNOWN, SIGNED_METADATA_ACCEPT)]
    claims, checks, _ = verify_signed_metadata(
        jwt, credential_issuer=site.base, anchors=anchors_of(pki), now=time.time()
    )
    assert checks[-1].ok is True
    assert claims == metadata(site.base)


def test_asking_for_signed_metadata_accepts_json(site: Site, client: Oid4vciClient) -> None:
    site.put(WELL_KNOWN, json.dumps(metadata(site.base)))
    found = client.discover_issuer_metadata(site.base, signed=True)
    assert (found.jwt, found.doc) == (None, metadata(site.base))


@pytest.mark.parametrize("body", [b"\xff\xfe", b"no-dots-here", b".."])
def test_a_broken_jwt_answer_is_a_failed_attempt(
    site: Site, client: Oid4vciClient, body: bytes
) -> None:
    site.put(WELL_KNOWN, body, "application/jwt")
    with pytest.raises(MetadataError) as info:
        client.discover_issuer_metadata(site.base, signed=True)
    assert "not a JWT" in (info.value.detail or "")
