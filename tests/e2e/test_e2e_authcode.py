"""Authorization code flow end to end: system browser (scripted $BROWSER), redirect delivered
through our URI scheme (``wallet-app <redirect>``, as the OS would) or a loopback receiver."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def _receive_code(
    wallet_env: WalletEnv,
    issuer: RunningIssuer,
    *args: str,
    confs: tuple[str, ...] = ("diploma_sd_jwt",),
    extra: dict[str, str] | None = None,
) -> dict[str, object]:
    offer = issuer.issuer.create_offer(list(confs), grant="authorization_code")
    res = wallet_env.run("receive", offer.uri, "--json", *args, extra=extra)
    log = wallet_env.browser_log.read_text() if wallet_env.browser_log.exists() else ""
    assert res.returncode == 0, f"{res.stderr}\nbrowser log:\n{log}"
    doc = res.json()
    assert isinstance(doc, dict)
    return doc


def test_scheme_redirect_reaches_the_waiting_process(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    doc = _receive_code(wallet_env, issuer, "--redirect", "scheme")
    (cred,) = doc["credentials"]  # type: ignore[misc]
    assert cred["credential_configuration_id"] == "diploma_sd_jwt"
    log = wallet_env.browser_log.read_text()
    assert "hand redirect (io.github.walletapp:)" in log and "wallet exited 0" in log
    reqs = issuer.issuer.received_requests()
    auth = [r for r in reqs if r.path.endswith("/authorize")]
    assert auth, "the browser opened the authorization endpoint"
    token = next(r for r in reqs if r.path.endswith("/token"))
    assert token.body is not None
    assert token.body["grant_type"] == "authorization_code"
    assert token.body["redirect_uri"] == "io.github.walletapp:/callback"
    assert "code_verifier" in token.body
    listed = wallet_env.run_ok("list", "--json").json()
    assert isinstance(listed, list) and len(listed) == 1


def test_loopback_redirect(wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]) -> None:
    issuer = demo()
    doc = _receive_code(wallet_env, issuer, "--redirect", "loopback")
    assert len(doc["credentials"]) == 1  # type: ignore[arg-type]
    token = next(r for r in issuer.issuer.received_requests() if r.path.endswith("/token"))
    assert token.body is not None
    assert str(token.body["redirect_uri"]).startswith("http://127.0.0.1:")


def test_par_required_and_issuer_state_echoed(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(require_par=True))
    _receive_code(wallet_env, issuer)
    reqs = issuer.issuer.received_requests()
    par = [r for r in reqs if r.path.endswith("/par")]
    assert len(par) == 1 and par[0].body is not None
    body = par[0].body
    assert body["code_challenge_method"] == "S256"
    assert body["issuer_state"]
    assert body["scope"] == "diploma"
    browser = [r for r in reqs if r.path.endswith("/authorize")]
    assert set(browser[0].query) == {"client_id", "request_uri"}


def test_credential_identifiers_are_used(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(credential_identifiers=True))
    _receive_code(wallet_env, issuer)
    cred = [r for r in issuer.issuer.received_requests() if r.path.endswith("/credential")]
    assert cred and all(
        r.body is not None
        and "credential_identifier" in r.body
        and "credential_configuration_id" not in r.body
        for r in cred
    )


def test_separate_authorization_server_and_issuer_path(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(issuer_path="/demo", separate_as_path="/auth"))
    _receive_code(wallet_env, issuer, "--redirect", "loopback")
    paths = [r.path for r in issuer.issuer.received_requests()]
    assert "/.well-known/openid-credential-issuer/demo" in paths
    assert "/.well-known/oauth-authorization-server/auth" in paths


def test_dpop_code_flow(wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]) -> None:
    issuer = demo(DemoConfig(dpop=True, dpop_nonce=True, require_par=True))
    _receive_code(wallet_env, issuer, "--redirect", "loopback")
    reqs = issuer.issuer.received_requests()
    for suffix in ("/par", "/token", "/credential"):
        assert all("dpop" in r.headers for r in reqs if r.path.endswith(suffix)), suffix


def test_user_denies_consent(wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    res = wallet_env.run(
        "receive",
        offer.uri,
        "--json",
        "--redirect",
        "loopback",
        extra={"SCRIPTED_BROWSER_ACTION": "deny"},
    )
    assert res.returncode == 1
    err = res.json()
    assert isinstance(err, dict) and err["error"]["code"] == "access_denied"
    assert "Traceback" not in res.stderr
    assert wallet_env.run_ok("list", "--json").json() == []


def test_redirect_nobody_waits_for_is_an_error(wallet_env: WalletEnv) -> None:
    res = wallet_env.run("io.github.walletapp:/callback?code=abc&state=nobody")
    assert res.returncode == 1
    assert "No wallet is waiting" in res.stderr
    assert "Traceback" not in res.stderr


def test_offer_uri_without_running_wallet_behaves_as_receive(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    res = wallet_env.run(offer.uri)
    assert res.returncode == 0, res.stderr
    assert "Received Personal ID" in res.stdout
