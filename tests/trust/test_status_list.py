"""Token Status List: decoding, signature rules, caching and every way to end up *unknown*,
over real HTTP on 127.0.0.1 (tests/trust/loopback_site.py) with certificates from pki_kit."""

from __future__ import annotations

import base64
import time
import zlib
from collections.abc import Iterator, Sequence

import cbor2
import httpx
import pytest
from joserfc.jwk import ECKey

from tests.trust.loopback_site import Site, serve
from tests.trust.pki_kit import Issued, Pki, b64url, build_pki, forged_leaf, sign_jws
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.status_list import (
    ACCEPT,
    MEDIA_TYPE,
    StatusReference,
    check_status,
    decode_status_list,
    status_reference,
)

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

PATH = "/status/1"


class MemoryStatusCache:
    """A StatusCache in a dict (the wallet's store is the real one; this is the same
    protocol without the database)."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, float]] = {}

    def get_status_list(self, uri: str) -> tuple[str, float] | None:
        return self.entries.get(uri)

    def put_status_list(self, uri: str, token: str, expires_at: float) -> None:
        self.entries[uri] = (token, expires_at)


def encode_lst(values: Sequence[int], bits: int) -> str:
    per_byte = 8 // bits
    data = bytearray((len(values) + per_byte - 1) // per_byte)
    for i, value in enumerate(values):
        data[i // per_byte] |= value << ((i % per_byte) * bits)
    return b64url(zlib.compress(bytes(data), 9))


def make_token(
    uri: str,
    values: Sequence[int],
    signer: Issued,
    *,
    chain: Sequence[Issued] | None = None,
    bits: int = 2,
    now: float | None = None,
    typ: str = "statuslist+jwt",
    **claims: object,
) -> str:
    iat = int(now if now is not None else time.time())
    payload: dict[str, object] = {
        "sub": uri,
        "iat": iat,
        "exp": iat + 3600,
        "ttl": 300,
        "status_list": {"bits": bits, "lst": encode_lst(values, bits)},
    }
    payload.update(claims)
    payload = {k: v for k, v in payload.items() if v is not None}
    return sign_jws({"typ": typ}, payload, signer, chain=chain)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


@pytest.fixture
def pki() -> Pki:
    return build_pki(issuer=None)


@pytest.fixture
def session() -> Iterator[HttpSession]:
    with httpx.Client(timeout=10) as client:
        yield HttpSession(client)


def anchors_of(pki: Pki) -> list[TrustAnchor]:
    return [TrustAnchor.from_certificate(pki.root.cert)]


def serve_token(site: Site, token: str, content_type: str = MEDIA_TYPE) -> StatusReference:
    return StatusReference(uri=site.put(PATH, token, content_type), idx=0)


# -- decoding --------------------------------------------------------------------------------


def test_the_drafts_one_bit_example_decodes() -> None:
    lst = b64url(bytes.fromhex("78dadbb918000217015d"))
    status_list = decode_status_list({"bits": 1, "lst": lst})
    expected = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
    assert [status_list.value_at(i) for i in range(16)] == expected
    assert status_list.size == 16
    assert status_list.value_at(16) is None


def test_the_drafts_two_bit_example_decodes() -> None:
    lst = b64url(bytes.fromhex("78da3be9f2130003df0207"))
    status_list = decode_status_list({"bits": 2, "lst": lst})
    expected = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]
    assert [status_list.value_at(i) for i in range(12)] == expected


@pytest.mark.parametrize("bits", [1, 2, 4, 8])
def test_every_bit_width_round_trips(bits: int) -> None:
    values = [(i * 7 + 3) % (1 << bits) for i in range(37)]
    status_list = decode_status_list({"bits": bits, "lst": encode_lst(values, bits)})
    assert [status_list.value_at(i) for i in range(37)] == values


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ({"bits": 3, "lst": encode_lst([0], 1)}, "bits is 3"),
        ({"bits": True, "lst": encode_lst([0], 1)}, "bits is True"),
        ({"bits": 1}, "lst is not a string"),
        ({"bits": 1, "lst": "!!!"}, "not base64url"),
        ({"bits": 1, "lst": b64url(b"not zlib at all")}, "not ZLIB"),
        ({"bits": 1, "lst": b64url(zlib.compress(b"\x00" * 100)[:-6])}, "truncated"),
        ({"bits": 1, "lst": b64url(zlib.compress(b"\x00" * (5 * 1024 * 1024)))}, "inflates"),
        ([1, 2], "not an object"),
    ],
)
def test_malformed_lists_are_refused(claim: object, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        decode_status_list(claim)


def test_status_reference_from_json_and_from_an_mdoc_mso() -> None:
    status = {"status_list": {"idx": 7, "uri": "https://i.example/status/1"}}
    assert status_reference(status) == StatusReference("https://i.example/status/1", 7)
    mso_status = cbor2.loads(cbor2.dumps(status))  # the MSO carries the same map in CBOR
    assert status_reference(mso_status) == StatusReference("https://i.example/status/1", 7)
    for broken in (
        None,
        {},
        {"status_list": "x"},
        {"status_list": {"idx": -1, "uri": "https://i/s"}},
        {"status_list": {"idx": True, "uri": "https://i/s"}},
        {"status_list": {"idx": 1}},
        {"status_list": {"idx": 1, "uri": ""}},
    ):
        assert status_reference(broken) is None


# -- the four answers over HTTP ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "ok"),
    [(0, "valid", True), (1, "invalid", False), (2, "suspended", False), (3, "unknown", None)],
)
def test_status_values_over_http(
    site: Site, session: HttpSession, pki: Pki, value: int, status: str, ok: bool | None
) -> None:
    uri = site.base + PATH
    site.put(PATH, make_token(uri, [0, value, 0], pki.leaf, chain=pki.chain()), MEDIA_TYPE)
    got, check = check_status(
        StatusReference(uri, 1),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert (got, check.name, check.ok, check.kind) == (status, "status", ok, "status")
    assert site.requests == [(PATH, ACCEPT)]  # the JWT form first, CWT second (§8.1)
    if status == "invalid":
        assert str(check.detail) == "The issuer has revoked the credential (status list entry 1)."


def test_an_mdoc_status_reference_is_checked_the_same_way(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    uri = site.base + PATH
    site.put(PATH, make_token(uri, [0, 0, 2], pki.leaf, chain=pki.chain()), MEDIA_TYPE)
    mso = cbor2.loads(
        cbor2.dumps({"docType": "x", "status": {"status_list": {"idx": 2, "uri": uri}}})
    )
    ref = status_reference(mso["status"])
    assert ref is not None
    got, _ = check_status(
        ref, anchors=anchors_of(pki), session=session, cache=None, now=time.time()
    )
    assert got == "suspended"


# -- who may sign -------------------------------------------------------------------------------


def test_signed_by_the_credentials_own_key_without_a_chain(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    ref = serve_token(site, make_token(site.base + PATH, [1], pki.leaf))
    issuer_key = ECKey.import_key(pki.leaf.public_jwk())
    got, check = check_status(
        ref, anchors=[], session=session, cache=None, now=time.time(), issuer_key=issuer_key
    )
    assert (got, check.ok) == ("invalid", False)


def test_signed_by_another_key_than_the_issuers_is_unknown(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    stranger = build_pki(issuer=None).leaf
    ref = serve_token(site, make_token(site.base + PATH, [0], stranger))
    issuer_key = ECKey.import_key(pki.leaf.public_jwk())
    got, check = check_status(
        ref,
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
        issuer_key=issuer_key,
    )
    assert (got, check.ok) == ("unknown", None)
    assert "neither the issuer's nor certified by an anchor" in check.detail


def test_a_self_signed_status_list_signer_is_not_trusted(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    forger = forged_leaf("https://issuer.example.com")
    ref = serve_token(site, make_token(site.base + PATH, [0], forger, chain=[forger]))
    got, check = check_status(
        ref,
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
        issuer_key=ECKey.import_key(pki.leaf.public_jwk()),
    )
    assert (got, check.ok) == ("unknown", None)
    assert str(check.detail).startswith(
        "The status could not be checked: The status list's signer is not trusted:"
    )
    assert check.spec == "Token Status List §8.3"


def test_a_good_chain_without_the_anchor_is_unknown(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    ref = serve_token(site, make_token(site.base + PATH, [0], pki.leaf, chain=pki.chain()))
    got, check = check_status(ref, anchors=[], session=session, cache=None, now=time.time())
    assert (got, check.ok) == ("unknown", None)
    assert "signer is not trusted" in check.detail


def test_a_chain_whose_leaf_did_not_sign_is_unknown(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    other = build_pki(issuer=None)
    token = make_token(site.base + PATH, [0], other.leaf, chain=pki.chain())  # wrong signer
    ref = serve_token(site, token)
    got, check = check_status(
        ref, anchors=anchors_of(pki), session=session, cache=None, now=time.time()
    )
    assert got == "unknown"
    assert "signature does not match the certificate" in check.detail


def test_hmac_and_none_are_refused(site: Site, session: HttpSession, pki: Pki) -> None:
    good = make_token(site.base + PATH, [0], pki.leaf, chain=pki.chain())
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"statuslist+jwt"}').rstrip(b"=")
    unsigned = header.decode() + "." + good.split(".")[1] + "."
    ref = serve_token(site, unsigned)
    got, check = check_status(
        ref, anchors=anchors_of(pki), session=session, cache=None, now=time.time()
    )
    assert got == "unknown"
    assert "algorithm “none”" in check.detail


# -- caching by ttl / exp -----------------------------------------------------------------------


def test_cache_serves_within_ttl_and_refetches_after(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    now = time.time()
    uri = site.base + PATH
    token = make_token(uri, [0, 1], pki.leaf, chain=pki.chain(), now=now, ttl=120)
    site.put(PATH, token, MEDIA_TYPE)
    cache = MemoryStatusCache()

    def status_at(moment: float, refresh: bool = False) -> str:
        value, _ = check_status(
            StatusReference(uri, 1),
            anchors=anchors_of(pki),
            session=session,
            cache=cache,
            now=moment,
            refresh=refresh,
        )
        return value

    assert status_at(now) == "invalid"
    assert site.count(PATH) == 1
    assert cache.entries[uri][1] == pytest.approx(now + 120)
    # the issuer reinstates it; within ttl the wallet does not ask
    site.put(PATH, make_token(uri, [0, 0], pki.leaf, chain=pki.chain(), now=now), MEDIA_TYPE)
    assert status_at(now + 60) == "invalid"
    assert site.count(PATH) == 1
    # after ttl it fetches again and sees the change
    assert status_at(now + 121) == "valid"
    assert site.count(PATH) == 2
    # refresh (the user asked) skips the cache
    assert status_at(now + 122, refresh=True) == "valid"
    assert site.count(PATH) == 3


def test_exp_bounds_the_cache_and_a_missing_ttl_defaults(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    now = time.time()
    uri = site.base + PATH
    cache = MemoryStatusCache()
    token = make_token(uri, [0], pki.leaf, chain=pki.chain(), now=now, exp=int(now) + 100, ttl=1000)
    site.put(PATH, token, MEDIA_TYPE)
    check_status(
        StatusReference(uri, 0), anchors=anchors_of(pki), session=session, cache=cache, now=now
    )
    assert cache.entries[uri][1] == int(now) + 100
    token = make_token(uri, [0], pki.leaf, chain=pki.chain(), now=now, exp=None, ttl=None)
    site.put(PATH, token, MEDIA_TYPE)
    check_status(
        StatusReference(uri, 0),
        anchors=anchors_of(pki),
        session=session,
        cache=cache,
        now=now,
        refresh=True,
    )
    assert cache.entries[uri][1] == pytest.approx(now + 300)


def test_a_tiny_ttl_is_raised_to_a_floor(site: Site, session: HttpSession, pki: Pki) -> None:
    now = time.time()
    uri = site.base + PATH
    cache = MemoryStatusCache()
    site.put(PATH, make_token(uri, [0], pki.leaf, chain=pki.chain(), now=now, ttl=1), MEDIA_TYPE)
    check_status(
        StatusReference(uri, 0), anchors=anchors_of(pki), session=session, cache=cache, now=now
    )
    assert cache.entries[uri][1] == pytest.approx(now + 30)


def test_a_cached_list_is_checked_again_and_refetched_when_no_longer_trusted(
    site: Site, session: HttpSession, pki: Pki
) -> None:
    now = time.time()
    uri = site.base + PATH
    cache = MemoryStatusCache()
    forger = forged_leaf("https://issuer.example.com")
    cache.put_status_list(uri, make_token(uri, [0], forger, chain=[forger], now=now), now + 300)
    site.put(PATH, make_token(uri, [1], pki.leaf, chain=pki.chain(), now=now), MEDIA_TYPE)
    got, _ = check_status(
        StatusReference(uri, 0), anchors=anchors_of(pki), session=session, cache=cache, now=now
    )
    assert got == "invalid"
    assert site.count(PATH) == 1


def test_no_session_and_no_cache_is_unknown(pki: Pki) -> None:
    got, check = check_status(
        StatusReference("https://i.example/status/1", 0),
        anchors=anchors_of(pki),
        session=None,
        cache=MemoryStatusCache(),
        now=time.time(),
    )
    assert (got, check.ok) == ("unknown", None)
    assert "no network access" in check.detail


# -- every way to be unknown ------------------------------------------------------------------


def test_index_out_of_range_is_unknown(site: Site, session: HttpSession, pki: Pki) -> None:
    uri = site.base + PATH
    site.put(PATH, make_token(uri, [0, 0, 0, 0], pki.leaf, chain=pki.chain()), MEDIA_TYPE)
    got, check = check_status(
        StatusReference(uri, 4),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert got == "unknown"
    assert "entry 4 is outside the status list (4 entries)" in check.detail


def test_an_oversized_answer_is_unknown(site: Site, pki: Pki) -> None:
    uri = site.put(PATH, b"x" * 50_000, MEDIA_TYPE)
    with httpx.Client(timeout=10) as client:
        small = HttpSession(client, max_response_bytes=10_000)
        got, check = check_status(
            StatusReference(uri, 0),
            anchors=anchors_of(pki),
            session=small,
            cache=None,
            now=time.time(),
        )
    assert got == "unknown"
    assert "much larger answer than expected" in check.detail


def test_a_compression_bomb_is_unknown(site: Site, session: HttpSession, pki: Pki) -> None:
    uri = site.base + PATH
    bomb = b64url(zlib.compress(b"\x00" * (64 * 1024 * 1024), 9))
    token = make_token(uri, [0], pki.leaf, chain=pki.chain(), status_list={"bits": 1, "lst": bomb})
    site.put(PATH, token, MEDIA_TYPE)
    got, check = check_status(
        StatusReference(uri, 0),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert got == "unknown"
    assert "malformed (lst inflates to more than" in check.detail


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        ({"typ": "jwt"}, "has the type “jwt”, not statuslist+jwt"),
        ({"sub": "https://elsewhere.example/status/1"}, "is about “https://elsewhere.example"),
        ({"iat": None}, "does not say when it was issued"),
        ({"exp": 1000}, "has expired"),
        ({"nbf": 4_000_000_000}, "is not valid yet"),
        ({"ttl": -5}, "invalid ttl"),
        ({"status_list": {"bits": 5, "lst": "eNrbuRgAAhcBXQ"}}, "bits is 5"),
    ],
)
def test_malformed_tokens_are_unknown(
    site: Site, session: HttpSession, pki: Pki, mutate: dict[str, object], reason: str
) -> None:
    uri = site.base + PATH
    typ = str(mutate.pop("typ", "statuslist+jwt"))
    token = make_token(uri, [0], pki.leaf, chain=pki.chain(), typ=typ, **mutate)
    site.put(PATH, token, MEDIA_TYPE)
    got, check = check_status(
        StatusReference(uri, 0),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert (got, check.ok) == ("unknown", None)
    assert reason in check.detail


@pytest.mark.parametrize(
    ("body", "content_type", "status", "reason"),
    [
        (b"not a jwt", MEDIA_TYPE, 200, "is not a JWT"),
        (b"{}", "application/json", 200, "answered with “application/json”"),
        (b"gone", MEDIA_TYPE, 404, "answered with HTTP 404"),
        (b"\xff\xfe", MEDIA_TYPE, 200, "is not a JWT"),
    ],
)
def test_bad_answers_are_unknown(
    site: Site,
    session: HttpSession,
    pki: Pki,
    body: bytes,
    content_type: str,
    status: int,
    reason: str,
) -> None:
    uri = site.put(PATH, body, content_type, status)
    got, check = check_status(
        StatusReference(uri, 0),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert got == "unknown"
    assert reason in check.detail


def test_an_insecure_status_uri_is_not_fetched(session: HttpSession, pki: Pki) -> None:
    got, check = check_status(
        StatusReference("http://status.example/1", 0),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert got == "unknown"
    assert "could not be fetched" in check.detail


def test_a_failed_check_is_not_cached(site: Site, session: HttpSession, pki: Pki) -> None:
    uri = site.base + PATH
    cache = MemoryStatusCache()
    site.put(PATH, make_token(uri, [0], pki.leaf, chain=pki.chain(), sub="https://x/y"), MEDIA_TYPE)
    check_status(
        StatusReference(uri, 0),
        anchors=anchors_of(pki),
        session=session,
        cache=cache,
        now=time.time(),
    )
    assert cache.entries == {}


def test_unreadable_certificates_are_unknown(site: Site, session: HttpSession, pki: Pki) -> None:
    uri = site.base + PATH
    payload = {
        "sub": uri,
        "iat": int(time.time()),
        "status_list": {"bits": 1, "lst": encode_lst([0], 1)},
    }
    token = sign_jws({"typ": "statuslist+jwt", "x5c": ["AAAA"]}, payload, pki.leaf)
    site.put(PATH, token, MEDIA_TYPE)
    got, check = check_status(
        StatusReference(uri, 0),
        anchors=anchors_of(pki),
        session=session,
        cache=None,
        now=time.time(),
    )
    assert got == "unknown"
    assert "certificates cannot be read" in check.detail
