"""Status List Tokens in CWT form (Token Status List §5.2) over real HTTP on 127.0.0.1: a
tagged COSE_Sign1 built here with cbor2 and cryptography, signed by a pki_kit chain."""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator, Sequence

import cbor2
import httpx
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from joserfc.jwk import ECKey

from tests.trust.loopback_site import Site, serve
from tests.trust.pki_kit import Issued, Pki, build_pki, forged_leaf
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.status_cwt import CWT_MEDIA_TYPE, parse_cwt
from wallet_app.trust.status_list import StatusReference, check_status

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

PATH = "/status/cwt"


def packed(values: Sequence[int], bits: int = 2) -> bytes:
    per_byte = 8 // bits
    data = bytearray((len(values) + per_byte - 1) // per_byte)
    for i, value in enumerate(values):
        data[i // per_byte] |= value << ((i % per_byte) * bits)
    return zlib.compress(bytes(data), 9)


def make_cwt(
    uri: str,
    values: Sequence[int],
    signer: Issued,
    *,
    chain: Sequence[Issued] | None = None,
    typ: object = CWT_MEDIA_TYPE,
    tag: int = 18,
    now: float | None = None,
) -> bytes:
    iat = int(now if now is not None else time.time())
    header: dict[int, object] = {1: -7, 16: typ}
    if chain is not None:
        header[33] = [c.der for c in chain]
    protected = cbor2.dumps(header)
    claims = {2: uri, 6: iat, 4: iat + 3600, 65534: 300, 65533: {"bits": 2, "lst": packed(values)}}
    payload = cbor2.dumps(claims)
    to_sign = cbor2.dumps(["Signature1", protected, b"", payload])
    r, s = decode_dss_signature(signer.key.sign(to_sign, ec.ECDSA(hashes.SHA256())))
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return cbor2.dumps(cbor2.CBORTag(tag, [protected, {}, payload, signature]))


class MemoryStatusCache:
    """A StatusCache in a dict (the wallet's store is the real one)."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, float]] = {}

    def get_status_list(self, uri: str) -> tuple[str, float] | None:
        return self.entries.get(uri)

    def put_status_list(self, uri: str, token: str, expires_at: float) -> None:
        self.entries[uri] = (token, expires_at)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


@pytest.fixture
def session() -> Iterator[HttpSession]:
    with httpx.Client(timeout=10) as client:
        yield HttpSession(client)


@pytest.fixture
def pki() -> Pki:
    return build_pki(issuer=None)


def check(site: Site, session: HttpSession, pki: Pki, token: bytes, idx: int = 0, **kw: object):
    uri = site.put(PATH, token, CWT_MEDIA_TYPE)
    return check_status(
        StatusReference(uri, idx),
        anchors=[TrustAnchor.from_certificate(pki.root.cert)],
        session=session,
        cache=kw.pop("cache", None),  # type: ignore[arg-type]
        now=time.time(),
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(("idx", "status"), [(0, "valid"), (1, "invalid"), (2, "suspended")])
def test_cwt_status_list_with_an_x5chain_to_an_anchor(
    site: Site, session: HttpSession, pki: Pki, idx: int, status: str
) -> None:
    token = make_cwt(site.base + PATH, [0, 1, 2], pki.leaf, chain=pki.chain())
    got, result = check(site, session, pki, token, idx)
    assert got == status
    assert result.name == "status"


def test_cwt_signed_by_the_credentials_key(site: Site, session: HttpSession, pki: Pki) -> None:
    token = make_cwt(site.base + PATH, [1], pki.leaf)
    issuer_key = ECKey.import_key(pki.leaf.public_jwk())
    got, _ = check(site, session, pki, token, issuer_key=issuer_key)
    assert got == "invalid"
    stranger = ECKey.import_key(build_pki(issuer=None).leaf.public_jwk())
    got, result = check(site, session, pki, token, issuer_key=stranger)
    assert got == "unknown"
    assert "neither the issuer's nor certified" in result.detail


def test_cwt_by_a_self_signed_signer_is_unknown(site: Site, session: HttpSession, pki: Pki) -> None:
    forger = forged_leaf("https://issuer.example.com")
    got, result = check(site, session, pki, make_cwt(site.base + PATH, [0], forger, chain=[forger]))
    assert got == "unknown"
    assert "signer is not trusted" in result.detail


def test_cwt_whose_signature_does_not_match(site: Site, session: HttpSession, pki: Pki) -> None:
    other = build_pki(issuer=None)
    token = make_cwt(site.base + PATH, [0], other.leaf, chain=pki.chain())
    got, result = check(site, session, pki, token)
    assert got == "unknown"
    assert "does not match the certificate" in result.detail


@pytest.mark.parametrize(
    ("token_kw", "reason"),
    [
        ({"typ": "application/statuslist+jwt"}, "not statuslist+cwt"),
        ({"tag": 17}, "not a tagged COSE_Sign1"),
    ],
)
def test_cwt_wrong_type_or_mac(
    site: Site, session: HttpSession, pki: Pki, token_kw: dict[str, object], reason: str
) -> None:
    token = make_cwt(site.base + PATH, [0], pki.leaf, chain=pki.chain(), **token_kw)  # type: ignore[arg-type]
    got, result = check(site, session, pki, token)
    assert got == "unknown"
    assert reason in result.detail


def test_not_cbor_is_unknown(site: Site, session: HttpSession, pki: Pki) -> None:
    got, result = check(site, session, pki, b"\xff\x00garbage")
    assert got == "unknown"
    assert "is not a CWT" in result.detail
    with pytest.raises(ValueError, match="array of four"):
        parse_cwt(cbor2.dumps(cbor2.CBORTag(18, [b"", {}])))


def test_a_cwt_is_cached_as_text(site: Site, session: HttpSession, pki: Pki) -> None:
    cache = MemoryStatusCache()
    token = make_cwt(site.base + PATH, [0, 2], pki.leaf, chain=pki.chain())
    assert check(site, session, pki, token, 1, cache=cache)[0] == "suspended"
    assert check(site, session, pki, token, 1, cache=cache)[0] == "suspended"
    assert site.count(PATH) == 1
    ((text, _),) = cache.entries.values()
    assert text.startswith("cwt:")
