from __future__ import annotations

import os
import ssl
import subprocess
import sys
import webbrowser
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
import trustme
from demo_issuer_kit import REDIRECT, Holder, pkce, query_of

from wallet_app.demo_issuer import DemoConfig, serve

BROWSER = Path(__file__).parents[1] / "tools" / "scripted_browser.py"


def _authorization_url(base_url: str, challenge: str, redirect_uri: str) -> str:
    params = {
        "response_type": "code",
        "client_id": "wallet-app",
        "redirect_uri": redirect_uri,
        "scope": "pid",
        "state": "s1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return f"{base_url}/authorize?{urlencode(params)}"


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_served_over_loopback_with_scripted_browser(tmp_path: Path) -> None:
    captured = tmp_path / "redirect.txt"
    fake_wallet = tmp_path / "fake_wallet.py"
    fake_wallet.write_text(
        f"import sys\nopen({str(captured)!r}, 'w').write(sys.argv[-1])\nsys.exit(7)\n"
    )
    log = tmp_path / "browser.log"
    with serve(DemoConfig(issuer_path="/demo")) as running:
        assert running.base_url.startswith("http://127.0.0.1:")
        verifier, challenge = pkce()
        url = _authorization_url(running.issuer.credential_issuer, challenge, REDIRECT)
        env = {
            **os.environ,
            "SCRIPTED_BROWSER_WALLET": f"{sys.executable} {fake_wallet}",
            "SCRIPTED_BROWSER_LOG": str(log),
        }
        done = subprocess.run(
            [sys.executable, str(BROWSER), url], env=env, capture_output=True, timeout=60
        )
        assert done.returncode == 7, done.stderr
        assert done.stdout == b""
        location = captured.read_text()
        assert location.startswith(REDIRECT)
        assert "approve" in log.read_text()
        with httpx.Client(base_url=running.base_url) as client:
            token = client.post(
                "/demo/token",
                data={
                    "grant_type": "authorization_code",
                    "code": query_of(location)["code"],
                    "client_id": "wallet-app",
                    "redirect_uri": REDIRECT,
                    "code_verifier": verifier,
                },
            )
            assert token.status_code == 200, token.text
            nonce = client.post("/demo/nonce").json()["c_nonce"]
            proof = Holder().proof(running.issuer.credential_issuer, nonce)
            credential = client.post(
                "/demo/credential",
                json={"credential_configuration_id": "pid_sd_jwt", "proofs": {"jwt": [proof]}},
                headers={"Authorization": f"Bearer {token.json()['access_token']}"},
            )
            assert credential.status_code == 200, credential.text


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_scripted_browser_deny_via_webbrowser_and_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve() as wallet_side, serve() as running:
        # any 127.0.0.1 URL stands in for the wallet's loopback receiver; the issuer's
        # landing page answers 200, and the request shows up in its log
        redirect_uri = f"{wallet_side.base_url}/"
        _, challenge = pkce()
        monkeypatch.setenv("SCRIPTED_BROWSER_ACTION", "deny")
        monkeypatch.setenv("SCRIPTED_BROWSER_LOG", str(tmp_path / "log.txt"))
        url = _authorization_url(running.base_url, challenge, redirect_uri)
        # the same code path webbrowser takes for BROWSER="<python> <script> %s"
        browser = webbrowser.get(f"{sys.executable} {BROWSER} %s")
        assert browser.open(url)
        # GenericBrowser waits for the command, so the redirect has arrived by now
        hits = [r for r in wallet_side.issuer.received_requests() if r.path == "/"]
        assert hits and hits[0].query["error"] == "access_denied"
        assert hits[0].query["state"] == "s1"


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_served_over_tls() -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    with serve(ssl_context=server_context) as running:
        assert running.base_url.startswith("https://127.0.0.1:")
        with httpx.Client(base_url=running.base_url, verify=client_context) as client:
            meta = client.get("/.well-known/openid-credential-issuer").json()
    assert meta["credential_issuer"] == running.base_url


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_scripted_browser_enter_submits_with_the_first_submit_button(tmp_path: Path) -> None:
    """Enter in the sign-in form (implicit submission) approves: the demo issuer's first
    submit button is Approve."""
    captured = tmp_path / "redirect.txt"
    fake_wallet = tmp_path / "fake_wallet.py"
    fake_wallet.write_text(f"import sys\nopen({str(captured)!r}, 'w').write(sys.argv[-1])\n")
    log = tmp_path / "browser.log"
    with serve() as running:
        _, challenge = pkce()
        url = _authorization_url(running.issuer.credential_issuer, challenge, REDIRECT)
        env = {
            **os.environ,
            "SCRIPTED_BROWSER_WALLET": f"{sys.executable} {fake_wallet}",
            "SCRIPTED_BROWSER_LOG": str(log),
            "SCRIPTED_BROWSER_ACTION": "enter",
        }
        done = subprocess.run(
            [sys.executable, str(BROWSER), url], env=env, capture_output=True, timeout=60
        )
    assert done.returncode == 0, done.stderr
    steps = log.read_text()
    assert "press Enter: the first submit button sends action=approve" in steps
    assert "following its refresh" in steps
    assert "code" in query_of(captured.read_text())
