"""The wallet's HTTP client (host/network.py): a real CONNECT proxy on loopback in front of a real
TLS server, loopback bypass, ``proxy none``, a dead proxy, and the trust roots per platform.

The proxy (tests/support/connect_proxy.py) tunnels every CONNECT to 127.0.0.1, so requests to
``issuer.example`` reach the TLS server only through it: the client never resolves that name.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import certifi
import httpx
import pytest
import trustme
import truststore

from tests.support.connect_proxy import connect_proxy, dead_proxy_url
from tests.support.tls_origin import tls_origin
from wallet_app.errors import NetworkError, StorageError
from wallet_app.host.network import make_http_client, make_ssl_context
from wallet_app.oid4vci.http import HttpSession

TIMEOUT = httpx.Timeout(10.0)
# "localhost" may resolve to ::1 first (Debian 13): the connection falls back to 127.0.0.1 after
# ::1 refuses it, which pytest-socket must let happen rather than raise
pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1"])


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def origin(ca: trustme.CA) -> Iterator[int]:
    with tls_origin(ca) as port:
        yield port


def _client(ca_file: Path, **kw: object) -> httpx.Client:
    return make_http_client(timeout=TIMEOUT, verify=make_ssl_context(ca_file), **kw)  # type: ignore[arg-type]


def test_https_to_a_name_goes_through_the_connect_proxy(ca_file: Path, origin: int) -> None:
    with connect_proxy() as proxy:
        env = {"HTTPS_PROXY": proxy.url}
        with _client(ca_file, env=env) as http:
            got = http.get(f"https://issuer.example:{origin}/.well-known/x?q=1")
            again = http.get(f"https://issuer.example:{origin}/second")
        assert got.status_code == 200
        assert got.json() == {"path": "/.well-known/x?q=1", "host": f"issuer.example:{origin}"}
        assert again.json()["path"] == "/second"
        # one tunnel, kept alive for the second request; the proxy saw the name, not the path
        assert proxy.log == [f"CONNECT issuer.example:{origin} HTTP/1.1"]


def test_lower_case_variables_win_and_all_proxy_serves_both_schemes(
    ca_file: Path, origin: int
) -> None:
    with connect_proxy() as proxy:
        env = {"https_proxy": proxy.url, "HTTPS_PROXY": dead_proxy_url()}
        with _client(ca_file, env=env) as http:
            assert http.get(f"https://issuer.example:{origin}/").status_code == 200
        with _client(ca_file, env={"ALL_PROXY": proxy.url}) as http:
            assert http.get(f"https://issuer.example:{origin}/").status_code == 200
        assert len(proxy.log) == 2


def test_the_proxy_setting_is_used_without_any_environment(ca_file: Path, origin: int) -> None:
    with connect_proxy() as proxy:
        address = proxy.url.removeprefix("http://")  # host:port, as people type it
        with _client(ca_file, env={}, proxy=f"http://{address}") as http:
            assert http.get(f"https://issuer.example:{origin}/").status_code == 200
        assert proxy.log == [f"CONNECT issuer.example:{origin} HTTP/1.1"]


def test_a_proxy_with_credentials_gets_them_and_they_stay_out_of_errors(
    ca_file: Path, origin: int
) -> None:
    with connect_proxy(auth=("alice", "s3cret")) as proxy:
        authed = proxy.url.replace("http://", "http://alice:s3cret@")
        with _client(ca_file, env={"HTTPS_PROXY": authed}) as http:
            assert http.get(f"https://issuer.example:{origin}/").status_code == 200
        with _client(ca_file, env={"HTTPS_PROXY": proxy.url}) as http:
            session = HttpSession(http)
            with pytest.raises(NetworkError) as refused:
                session.request("GET", f"https://issuer.example:{origin}/", step="metadata")
    assert refused.value.code == "proxy_error"
    assert "407" in (refused.value.detail or "")
    dead = dead_proxy_url().replace("http://", "http://alice:s3cret@")
    with (
        _client(ca_file, env={"HTTPS_PROXY": dead}) as http,
        pytest.raises(NetworkError) as unreachable,
    ):
        HttpSession(http).request("GET", "https://issuer.example/", step="metadata")
    assert "s3cret" not in f"{unreachable.value.detail} {unreachable.value.user_message}"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_never_goes_through_the_proxy(ca_file: Path, origin: int, host: str) -> None:
    with connect_proxy() as proxy:
        # an explicit proxy, an environment proxy and a no_proxy that does not name loopback
        env = {"HTTPS_PROXY": proxy.url, "NO_PROXY": "other.example"}
        with _client(ca_file, env=env, proxy=proxy.url) as http:
            got = http.get(f"https://{host}:{origin}/direct")
        assert got.json()["path"] == "/direct"
        assert proxy.log == []


def test_proxy_none_and_no_proxy_go_direct(ca_file: Path) -> None:
    with connect_proxy() as proxy:
        for kw in (
            {"proxy": "none", "env": {"HTTPS_PROXY": proxy.url}},
            {"env": {"HTTPS_PROXY": proxy.url, "no_proxy": ".invalid"}},
            {"env": {"HTTPS_PROXY": proxy.url, "NO_PROXY": "*"}},
        ):
            # direct: the client resolves the name itself, and nothing resolves .invalid
            with _client(ca_file, **kw) as http, pytest.raises(httpx.ConnectError) as failed:
                http.get("https://issuer.invalid/")
            assert not isinstance(failed.value, httpx.ProxyError)
        assert proxy.log == []


def test_a_dead_proxy_is_a_clear_network_error() -> None:
    env = {"HTTPS_PROXY": dead_proxy_url()}
    with make_http_client(timeout=TIMEOUT, env=env) as http, pytest.raises(NetworkError) as failed:
        HttpSession(http).request("GET", "https://issuer.example/.well-known/x", step="m")
    err = failed.value
    assert err.code == "proxy_error"
    assert err.user_message == (
        "issuer.example could not be reached through the proxy. Check the proxy in the "
        "settings (General, Proxy) or the HTTPS_PROXY environment variable."
    )
    assert "could not be reached" in (err.detail or "") and "environment" in (err.detail or "")


def test_an_unsupported_proxy_fails_the_request_not_the_start() -> None:
    env = {"ALL_PROXY": "socks5://127.0.0.1:1080"}
    with make_http_client(timeout=TIMEOUT, env=env) as http, pytest.raises(NetworkError) as failed:
        HttpSession(http).request("GET", "https://issuer.example/", step="metadata")
    assert failed.value.code == "proxy_error"
    assert "socks5:// proxies are not supported" in (failed.value.detail or "")


def test_a_certificate_error_through_the_tunnel_stays_a_tls_error(origin: int) -> None:
    with connect_proxy() as proxy:
        # the bundled roots and the OS store only: the throw-away CA is not trusted
        with (
            make_http_client(timeout=TIMEOUT, env={"HTTPS_PROXY": proxy.url}) as http,
            pytest.raises(NetworkError) as failed,
        ):
            HttpSession(http).request("GET", f"https://issuer.example:{origin}/", step="m")
        assert proxy.log == [f"CONNECT issuer.example:{origin} HTTP/1.1"]
    assert failed.value.code == "tls_error"


@pytest.mark.parametrize("system", ["Darwin", "Windows"])
def test_macos_and_windows_verify_through_truststore(
    system: str, ca_file: Path, origin: int
) -> None:
    """On Linux truststore's OpenSSL backend runs; the choice of context is what is tested."""
    ctx = make_ssl_context(ca_file, system=system)
    assert isinstance(ctx, truststore.SSLContext)
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    with connect_proxy() as proxy:
        # the extra CA counts as an anchor beside the OS store, through the tunnel and direct
        with make_http_client(timeout=TIMEOUT, verify=ctx, env={"HTTPS_PROXY": proxy.url}) as h:
            assert h.get(f"https://issuer.example:{origin}/").status_code == 200
            assert h.get(f"https://127.0.0.1:{origin}/").status_code == 200
        without = make_ssl_context(system=system)
        assert isinstance(without, truststore.SSLContext)
        with (
            make_http_client(timeout=TIMEOUT, verify=without, env={}) as h,
            pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
        ):
            h.get(f"https://127.0.0.1:{origin}/")
        assert len(proxy.log) == 1


def test_linux_uses_the_standard_context_with_certifi_and_the_system_file(
    ca_file: Path,
) -> None:
    ctx = make_ssl_context(ca_file, system="Linux")
    assert not isinstance(ctx, truststore.SSLContext)
    held = {c["serialNumber"] for c in ctx.get_ca_certs()}
    bundled = ssl.create_default_context(cafile=certifi.where())
    assert {c["serialNumber"] for c in bundled.get_ca_certs()} <= held
    system = ssl.create_default_context(cafile=None)
    system.load_default_certs()
    assert {c["serialNumber"] for c in system.get_ca_certs()} <= held


def test_an_unreadable_ca_file_is_a_storage_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-ca.pem"
    bad.write_text("no certificate here\n")
    for system in ("Linux", "Darwin"):
        with pytest.raises(StorageError) as failed:
            make_ssl_context(bad, system=system)
        assert failed.value.code == "ca_file_unreadable"


def test_the_tls_context_is_made_at_the_first_tls_connection_only(
    ca_file: Path, origin: int
) -> None:
    """Plain http (a loopback issuer) never loads the CA roots; the first https request makes
    the context once, and an unreadable CA file fails that request, not the client."""
    made: list[ssl.SSLContext] = []

    def trust() -> ssl.SSLContext:
        made.append(make_ssl_context(ca_file))
        return made[-1]

    with ThreadingHTTPServer(("127.0.0.1", 0), _Hello) as plain:
        thread = threading.Thread(target=plain.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            with make_http_client(timeout=TIMEOUT, verify=trust, env={}) as http:
                assert http.get(f"http://127.0.0.1:{plain.server_address[1]}/").status_code == 200
                assert made == []
                for _ in range(2):
                    assert http.get(f"https://localhost:{origin}/x").status_code == 200
                assert len(made) == 1
        finally:
            plain.shutdown()
            thread.join(5)
    bad = ca_file.with_name("not-a-ca.pem")
    bad.write_text("no certificate here\n")
    with (
        make_http_client(timeout=TIMEOUT, verify=lambda: make_ssl_context(bad), env={}) as http,
        pytest.raises(StorageError) as failed,
    ):
        http.get(f"https://localhost:{origin}/x")
    assert failed.value.code == "ca_file_unreadable"


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        del format, args
