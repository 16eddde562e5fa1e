"""The demo issuer's Token Status List: references in credentials, the served token, set_status."""

from __future__ import annotations

import time
import zlib

import httpx
import pytest
from cryptography import x509
from demo_issuer_kit import (
    BASE,
    Holder,
    b64url_decode,
    client_for,
    issue_credential,
    mdoc_mso,
    verify_with_leaf,
    x5c_certificates,
)

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.demo_issuer.status import StatusList

ACCEPT = {"Accept": "application/statuslist+jwt"}


def _statuses(claim: object) -> bytes:
    assert isinstance(claim, dict)
    assert claim["bits"] == 2
    return zlib.decompress(b64url_decode(str(claim["lst"])))


def _value(raw: bytes, idx: int) -> int:
    return (raw[idx // 4] >> (idx % 4 * 2)) & 0b11


def _fetch_list(client: httpx.Client, issuer: DemoIssuer) -> tuple[dict[str, object], bytes]:
    response = client.get(f"{issuer.credential_issuer}/status/1", headers=ACCEPT)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/statuslist+jwt"
    header, claims = verify_with_leaf(response.text)
    assert header["typ"] == "statuslist+jwt"
    return claims, _statuses(claims["status_list"])


def test_every_credential_refers_to_its_own_index(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    uri = f"{issuer.credential_issuer}/status/1"
    sd_jwt = issue_credential(client, issuer, holder, "pid_sd_jwt")
    diploma = issue_credential(client, issuer, holder, "diploma_sd_jwt")
    mdoc = issue_credential(client, issuer, holder, "mdl_mdoc")
    mso, _ = mdoc_mso(mdoc)
    refs = [
        verify_with_leaf(sd_jwt)[1]["status"],
        verify_with_leaf(diploma)[1]["status"],
        mso["status"],
    ]
    assert refs == [{"status_list": {"idx": i, "uri": uri}} for i in range(3)]
    assert [issuer.status_of(c) for c in (sd_jwt, diploma, mdoc)] == [0, 0, 0]


def test_status_list_token_is_signed_by_the_chain_and_follows_set_status(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    sd_jwt = issue_credential(client, issuer, holder, "pid_sd_jwt")
    mdoc = issue_credential(client, issuer, holder, "mdl_mdoc")
    before = time.time()
    claims, raw = _fetch_list(client, issuer)
    assert claims["sub"] == f"{BASE}/status/1"
    assert isinstance(claims["iat"], int) and abs(claims["iat"] - before) < 5
    assert isinstance(claims["exp"], int) and claims["exp"] > claims["iat"]
    assert claims["ttl"] == 300
    assert (_value(raw, 0), _value(raw, 1)) == (0, 0)
    # the list token carries the same chain as the credentials, ending at the demo root
    response = client.get("/status/1", headers=ACCEPT)
    signer, issuing = x5c_certificates(response.text)
    assert [signer, issuing] == x5c_certificates(sd_jwt)
    issuing.verify_directly_issued_by(x509.load_pem_x509_certificate(issuer.root_certificate_pem()))

    issuer.set_status(sd_jwt, 1)
    issuer.set_status(mdoc, 2)
    _, raw = _fetch_list(client, issuer)
    assert (_value(raw, 0), _value(raw, 1)) == (1, 2)
    assert (issuer.status_of(sd_jwt), issuer.status_of(mdoc)) == (1, 2)
    issuer.set_status(mdoc, 0)
    assert _value(_fetch_list(client, issuer)[1], 1) == 0


def test_status_ttl_is_configurable() -> None:
    issuer = DemoIssuer(BASE, DemoConfig(issuer_path="/demo", status_ttl=42))
    with client_for(issuer) as client:
        claims, _ = _fetch_list(client, issuer)
    assert claims["ttl"] == 42
    assert claims["sub"] == f"{BASE}/demo/status/1"


def test_set_status_rejects_foreign_text_and_wide_values(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    with pytest.raises(ValueError, match="not an mdoc"):
        issuer.set_status("certainly not a credential", 1)
    with pytest.raises(ValueError, match="no status_list"):
        issuer.set_status("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.~", 1)
    credential = issue_credential(client, issuer, holder, "pid_sd_jwt")
    with pytest.raises(ValueError, match=r"0\.\.3"):
        issuer.set_status(credential, 4)
    assert issuer.status_of(credential) == 0


def test_status_list_layout_matches_the_draft_example() -> None:
    # draft-ietf-oauth-status-list §4.1, bits 2: these twelve statuses pack to c9 44 f9
    status_list = StatusList(capacity=12)
    for value in (1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3):
        status_list.allocate(value)
    assert _statuses(status_list.claim()) == bytes([0xC9, 0x44, 0xF9])
    with pytest.raises(ValueError, match="never handed out"):
        status_list.get(12)
    # the list grows past its initial capacity
    assert [status_list.allocate() for _ in range(20)] == list(range(12, 32))
    assert status_list.get(31) == 0 and status_list.get(3) == 3


def test_status_endpoint_faults(issuer: DemoIssuer, client: httpx.Client) -> None:
    issuer.faults.fail_next("status", 503, "temporarily_unavailable")
    assert client.get("/status/1", headers=ACCEPT).status_code == 503
    assert client.get("/status/1", headers=ACCEPT).status_code == 200
    issuer.faults.status_latency = 0.3
    start = time.monotonic()
    assert client.post("/nonce").status_code == 200
    assert time.monotonic() - start < 0.3  # only the status endpoint is held
    assert client.get("/status/1", headers=ACCEPT).status_code == 200
    assert time.monotonic() - start >= 0.3
    assert client.post("/status/1").status_code == 405
