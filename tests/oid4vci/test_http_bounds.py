"""Every request is bounded, against a real misbehaving server on 127.0.0.1: a total deadline
(an answer dripped a byte a second ends there), decompression within the size cap (a bomb
never holds more than the cap), no redirect from https to http, JSON within depth bounds."""

from __future__ import annotations

import gzip
import os
import ssl
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme

from tests.support.bounded_origin import bounded_origin
from wallet_app.errors import IssuerError, MetadataError, NetworkError, OfferError
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.decoding import BoundedDecoder, DecodedTooLarge, UnreadableEncoding
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.offer import parse_offer

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

REPO = Path(__file__).resolve().parents[2]
DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.fixture
def clients() -> Iterator[list[httpx.Client]]:
    """The HTTP clients a test made, closed after it."""
    made: list[httpx.Client] = []
    yield made
    for client in made:
        client.close()


def _session(clients: list[httpx.Client], **kw: object) -> HttpSession:
    client = httpx.Client(timeout=15)
    clients.append(client)
    return HttpSession(client, **kw)  # type: ignore[arg-type]


# -- total deadline ---------------------------------------------------------------------------


def test_a_body_dripped_a_byte_a_second_ends_at_the_total_deadline(
    clients: list[httpx.Client],
) -> None:
    with bounded_origin() as port:
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            _session(clients, total_timeout=3.0).request(
                "GET", f"http://127.0.0.1:{port}/drip", step="m"
            )
        took = time.monotonic() - started
    assert info.value.code == "too_slow"
    assert "too slow" in info.value.user_message and "3 seconds" in info.value.user_message
    assert 2.5 <= took <= 3.0 + 2.0, took


def test_metadata_dripped_ends_at_one_deadline_not_one_per_well_known_path(
    clients: list[httpx.Client],
) -> None:
    with bounded_origin() as port:
        client = Oid4vciClient(_session(clients, total_timeout=2.0))
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            client._discover((f"http://127.0.0.1:{port}/drip",) * 3, step="issuer metadata")
        took = time.monotonic() - started
    assert "too slow" in info.value.user_message
    assert took <= 2.0 + 2.0, took


def test_a_server_that_never_answers_ends_at_the_deadline_not_the_read_timeout(
    clients: list[httpx.Client],
) -> None:
    with bounded_origin() as port:
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            _session(clients, total_timeout=2.0).request(
                "POST", f"http://127.0.0.1:{port}/hang", step="n", json_body={}
            )
        took = time.monotonic() - started
    assert "too slow" in info.value.user_message
    assert took <= 2.0 + 1.0, took


@pytest.mark.parametrize("kept_alive", [False, True], ids=["new", "kept-alive"])
def test_headers_dripped_are_cut_at_the_deadline_on_new_and_kept_alive_connections(
    clients: list[httpx.Client], kept_alive: bool
) -> None:
    with bounded_origin() as port:
        session = _session(clients, total_timeout=2.0)
        if kept_alive:  # the drip comes over the connection of an answer that went well
            session.request("GET", f"http://127.0.0.1:{port}/ok", step="first")
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            session.request("GET", f"http://127.0.0.1:{port}/drip-headers", step="m")
        took = time.monotonic() - started
    assert "too slow" in info.value.user_message
    assert took <= 2.0 + 1.0, took


def test_the_total_deadline_follows_the_read_timeout_setting() -> None:
    for timeout, total in ((15, 30.0), (4, 8.0), (None, 30.0)):
        with httpx.Client(timeout=timeout) as http:
            assert HttpSession(http).total_timeout == total


# -- decompression against the cap ------------------------------------------------------------

_MEASURE = textwrap.dedent(
    """
    import sys, httpx
    from tests.support.bounded_origin import bounded_origin
    from wallet_app.errors import NetworkError
    from wallet_app.oid4vci.http import HttpSession

    def peak_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM"):
                return int(line.split()[1]) // 1024

    with bounded_origin() as port:
        session = HttpSession(httpx.Client(timeout=15))
        session.request("GET", f"http://127.0.0.1:{port}/ok", step="warm up")
        before = peak_mb()
        try:
            session.request("GET", f"http://127.0.0.1:{port}/bomb/{sys.argv[1]}?gb=10", step="m")
        except NetworkError as exc:
            print(exc.code, before, peak_mb())
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")
@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_10_gb_bomb_is_refused_holding_no_more_than_the_cap(encoding: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, encoding],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    code, before, peak = out[0], int(out[1]), int(out[2])
    assert code == "response_too_large"
    # the cap is 2 MiB; httpx decoding a whole network read at once grew this by 130 MB
    assert peak - before <= 24, f"peak RSS grew {peak - before} MB (from {before} MB)"


def test_the_decoder_stops_as_soon_as_the_decoded_size_passes_the_cap() -> None:
    body = gzip.compress(bytes(50_000_000))  # about 50 KB on the wire
    decoder = BoundedDecoder("gzip", 1_000_000)
    with pytest.raises(DecodedTooLarge):
        decoder.feed(body)
    assert decoder.size <= 1_000_000


def test_the_decoder_reads_gzip_and_both_deflate_forms_in_pieces() -> None:
    import zlib

    doc = b'{"a": "' + b"x" * 100_000 + b'"}'
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    forms = {
        "gzip": gzip.compress(doc),
        "deflate": zlib.compress(doc),
        "x-gzip": gzip.compress(doc),
    }
    raw_deflate = raw.compress(doc) + raw.flush()
    for header, body in [*forms.items(), ("deflate", raw_deflate), ("identity", doc)]:
        decoder = BoundedDecoder(header, 200_000)
        out = b"".join(decoder.feed(body[i : i + 7]) for i in range(0, len(body), 7))
        assert out == doc, header


def test_an_unknown_coding_is_refused() -> None:
    with pytest.raises(UnreadableEncoding):
        BoundedDecoder("br", 1000)
    with pytest.raises(UnreadableEncoding):
        BoundedDecoder("gzip", 1000).feed(b"not gzip at all")


def test_a_gzip_answer_is_read_through_the_session(clients: list[httpx.Client]) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept-encoding"] == "gzip, deflate"
        body = gzip.compress(b'{"ok": true}')
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=body)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    clients.append(http)
    session = HttpSession(http)
    assert session.request("GET", "https://i.test/x", step="m").json() == {"ok": True}


# -- no downgrade by redirect ------------------------------------------------------------------


def test_an_https_issuer_cannot_redirect_to_plain_http_on_loopback(
    clients: list[httpx.Client],
) -> None:
    ca = trustme.CA()
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_tls)
    client_tls = ssl.create_default_context()
    ca.configure_trust(client_tls)
    local_seen: list[str] = []
    with (
        bounded_origin(seen=local_seen) as local,
        bounded_origin(tls=server_tls) as remote,
    ):
        http = httpx.Client(verify=client_tls, timeout=5)
        clients.append(http)
        session = HttpSession(http)
        target = f"http://127.0.0.1:{local}/admin"
        with pytest.raises(NetworkError) as info:
            session.request(
                "GET", f"https://127.0.0.1:{remote}/redirect?to={target}", step="issuer metadata"
            )
    assert info.value.code == "insecure_url"
    assert "https" in info.value.user_message and "did not follow" in info.value.user_message
    assert local_seen == []  # the local service was never reached


def test_a_plain_http_loopback_issuer_may_still_redirect_on_loopback(
    clients: list[httpx.Client],
) -> None:
    with bounded_origin() as port:
        resp = _session(clients).request(
            "GET", f"http://127.0.0.1:{port}/redirect?to=/elsewhere", step="issuer metadata"
        )
    assert resp.status == 200 and resp.json() == {"ok": True}


# -- JSON within bounds ------------------------------------------------------------------------


def test_a_100000_deep_json_answer_is_a_clean_issuer_error(clients: list[httpx.Client]) -> None:
    with bounded_origin(docs={"deep": DEEP}) as port:
        resp = _session(clients).request("GET", f"http://127.0.0.1:{port}/json?doc=deep", step="m")
    with pytest.raises(IssuerError) as info:
        resp.json()
    assert "nested too deeply" in info.value.user_message


def test_a_100000_deep_offer_is_a_clean_offer_error_by_value_and_by_reference(
    clients: list[httpx.Client],
) -> None:
    with pytest.raises(OfferError) as info:
        parse_offer("openid-credential-offer://?credential_offer=" + DEEP.decode())
    assert "nested too deeply" in info.value.user_message
    with bounded_origin(docs={"deep": DEEP}) as port:
        client = Oid4vciClient(_session(clients))
        with pytest.raises(OfferError):
            client.fetch_offer(f"http://127.0.0.1:{port}/json?doc=deep")


def test_100000_deep_metadata_says_so(clients: list[httpx.Client]) -> None:
    with bounded_origin(docs={"/.well-known/openid-credential-issuer": DEEP}) as port:
        client = Oid4vciClient(_session(clients))
        with pytest.raises(MetadataError) as info:
            client.fetch_issuer_metadata(f"http://127.0.0.1:{port}")
    assert "nested too deeply" in info.value.user_message


def test_metadata_with_a_lone_surrogate_is_repaired_not_refused(
    clients: list[httpx.Client],
) -> None:
    doc = b'{"credential_issuer": "x", "display": [{"name": "Bad \\ud800 name"}]}'
    with bounded_origin(docs={"meta": doc}) as port:
        client = Oid4vciClient(_session(clients))
        found = client._discover((f"http://127.0.0.1:{port}/json?doc=meta",), step="m")
    assert found.doc["display"] == [{"name": "Bad \ufffd name"}]


def test_a_lone_surrogate_elsewhere_is_refused(clients: list[httpx.Client]) -> None:
    with bounded_origin(docs={"token": b'{"access_token": "\\udc00"}'}) as port:
        resp = _session(clients).request("GET", f"http://127.0.0.1:{port}/json?doc=token", step="t")
    with pytest.raises(IssuerError):
        resp.json_object()
