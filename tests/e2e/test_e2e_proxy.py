"""The real CLI behind proxies: a dead system proxy does not stop a loopback issuer (loopback is
never proxied), and an issuer only a proxy can reach is received from through a real CONNECT
proxy over TLS (tests/support/connect_proxy.py resolves every name to 127.0.0.1)."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path

import pytest
import trustme

from tests.e2e.conftest import WalletEnv
from tests.support.connect_proxy import connect_proxy, dead_proxy_url
from wallet_app.demo_issuer import RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def test_a_dead_system_proxy_does_not_stop_a_loopback_issuer(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    dead = dead_proxy_url()
    proxies = {"HTTPS_PROXY": dead, "HTTP_PROXY": dead, "ALL_PROXY": dead, "NO_PROXY": ""}
    res = wallet_env.run_ok("receive", offer.uri, "--json", extra=proxies)
    creds = res.json()["credentials"]  # type: ignore[index]
    assert [c["credential_configuration_id"] for c in creds] == ["pid_sd_jwt"]


def test_an_issuer_reached_only_through_the_proxy(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("issuer.example").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    issuer = demo(ssl_context=server_context, public_name="issuer.example")
    assert issuer.base_url.startswith("https://issuer.example:")
    port = issuer.base_url.rsplit(":", 1)[1]
    offer = issuer.issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    with connect_proxy() as proxy:
        env = {"HTTPS_PROXY": proxy.url, "WALLET_APP_CA_FILE": str(ca_file)}
        args = ("receive", offer.uri, "--tx-code", offer.tx_code or "", "--json")
        res = wallet_env.run_ok(*args, extra=env)
        creds = res.json()["credentials"]  # type: ignore[index]
        assert [c["issuer"] for c in creds] == [issuer.base_url]
        assert proxy.log and set(proxy.log) == {f"CONNECT issuer.example:{port} HTTP/1.1"}

        # the proxy named by the flag, with nothing in the environment
        flagged = issuer.issuer.create_offer(["pid_sd_jwt"])
        args = ("receive", flagged.uri, "--proxy", proxy.url, "--json")
        wallet_env.run_ok(*args, extra={"WALLET_APP_CA_FILE": str(ca_file)})
        assert len(proxy.log) >= 2

        # --proxy none (or WALLET_APP_PROXY=none): the wallet resolves the name itself
        seen = len(proxy.log)
        again = issuer.issuer.create_offer(["pid_sd_jwt"])
        failed = wallet_env.run("receive", again.uri, "--proxy", "none", "--json", extra=env)
        assert len(proxy.log) == seen
    assert failed.returncode != 0
    assert "issuer.example could not be reached" in failed.stderr + failed.stdout
