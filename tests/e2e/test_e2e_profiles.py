"""Client profiles from the command line, end to end: the demo issuer on 127.0.0.1 sees what
the chosen profile says (client_id, DPoP, the redirect, the draft), ``--remember`` keeps it
for the issuer and ``wallet-app profiles`` lists and forgets it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import WalletEnv
from tests.support.demo_login import sign_in
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

#: a "browser" that only writes down the address it was asked to open
RECORDING_BROWSER = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])"


def _requests(issuer: RunningIssuer, suffix: str) -> list[dict[str, object]]:
    found = [r for r in issuer.issuer.received_requests() if r.path.endswith(suffix)]
    return [
        {"body": dict(r.body or {}), "headers": dict(r.headers), "query": dict(r.query)}
        for r in found
    ]


def _remember_in_file(wallet_env: WalletEnv, issuer: str, profile: dict[str, object]) -> None:
    config = Path(wallet_env.env["WALLET_APP_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    doc = {"version": 1, "profiles": {issuer: profile}}
    (config / "settings.json").write_text(json.dumps(doc))


def test_profile_client_id_reaches_the_authorization_and_token_endpoints(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    credential_issuer = issuer.issuer.credential_issuer
    _remember_in_file(
        wallet_env, credential_issuer, {"name": "custom", "client_id": "other-wallet"}
    )
    offer = issuer.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    res = wallet_env.run("receive", offer.uri, "--redirect", "loopback")
    assert res.returncode == 0, res.stderr
    assert "Profile custom: client id other-wallet, redirect loopback" in res.stderr
    (token,) = _requests(issuer, "/token")
    assert token["body"]["client_id"] == "other-wallet"  # type: ignore[index]
    (authorize,) = [r for r in _requests(issuer, "/authorize") if r["query"]]
    assert authorize["query"]["client_id"] == "other-wallet"  # type: ignore[index]


def test_dpop_never_sends_no_proof(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(dpop=True))  # lists ES256 and requires DPoP
    _remember_in_file(wallet_env, issuer.issuer.credential_issuer, {"dpop": "never"})
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    res = wallet_env.run("receive", offer.uri, "--json")
    assert res.returncode == 1  # the issuer refuses a token request without DPoP
    (token,) = _requests(issuer, "/token")
    assert "dpop" not in token["headers"]  # type: ignore[operator]
    assert json.loads(res.stdout)["error"]["code"]
    # the default profile (auto) proves possession to the same issuer
    again = wallet_env.env["WALLET_APP_CONFIG_DIR"]
    (Path(again) / "settings.json").unlink()
    wallet_env.run_ok("receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri, "--json")
    assert "dpop" in _requests(issuer, "/token")[-1]["headers"]  # type: ignore[operator]


def test_remember_then_list_and_forget(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    credential_issuer = issuer.issuer.credential_issuer
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    res = wallet_env.run_ok("receive", offer.uri, "--profile", "loopback", "--remember")
    assert f"Remembered for {credential_issuer}: loopback: redirect loopback" in res.stderr
    listed = wallet_env.run_ok("profiles", "--json").json()
    assert isinstance(listed, dict)
    assert set(listed["presets"]) >= {"default", "haip", "eudi", "draft13", "draft11"}
    assert listed["remembered"][credential_issuer]["redirect"] == "loopback"
    text = wallet_env.run_ok("profiles").stdout
    assert "Remembered per issuer:" in text and credential_issuer in text
    # the remembered profile is used by name too
    shown = wallet_env.run_ok("receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri)
    assert "Profile loopback: redirect loopback" in shown.stderr
    forgot = wallet_env.run_ok("profiles", "forget", credential_issuer + "/")
    assert "Forgot the profile" in forgot.stdout
    assert wallet_env.run_ok("profiles", "--json").json()["remembered"] == {}  # type: ignore[index]
    again = wallet_env.run("profiles", "forget", credential_issuer)
    assert again.returncode == 2 and "No profile is remembered" in again.stderr


def test_bad_profile_flags_are_usage_errors(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    unknown = wallet_env.run("receive", offer.uri, "--profile", "nonsense")
    assert unknown.returncode == 2 and "no profile named nonsense" in unknown.stderr
    assert "haip" in unknown.stderr
    missing = wallet_env.run("receive", offer.uri, "--wallet-provider", "/no/such/file.json")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    bad = wallet_env.run("receive", offer.uri, "--redirect", "not a uri")
    assert bad.returncode == 2 and "absolute redirect URI" in bad.stderr
    draft = wallet_env.run("receive", offer.uri, "--draft", "12")
    assert draft.returncode == 2
    # nothing was sent for any of them
    assert issuer.issuer.received_requests() == [] or all(
        not r.path.endswith("/token") for r in issuer.issuer.received_requests()
    )


def test_custom_redirect_is_pasted_back(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    """A redirect URI the wallet cannot listen on (here a loopback port nobody serves, as the
    demo issuer registers only loopback and our scheme): the CLI says so and reads the address
    the person pastes."""
    issuer = demo()
    custom = "http://127.0.0.1:9/elsewhere"
    opened = tmp_path / "opened.txt"
    env = dict(wallet_env.env)
    env["BROWSER"] = f"{sys.executable} -c {json.dumps(RECORDING_BROWSER)} {opened} %s"
    offer = issuer.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    proc = subprocess.Popen(
        [sys.executable, "-m", "wallet_app", "receive", offer.uri, "--redirect", custom, "--json"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not opened.exists() or not opened.read_text():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the browser was never opened"
            time.sleep(0.05)
        with httpx.Client(timeout=30) as browser:
            location = sign_in(browser, opened.read_text())
        assert location.startswith(custom + "?")
        out, err = proc.communicate(location + "\n", timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert f"The issuer sends you back to {custom}, which this wallet cannot catch" in err
    assert len(json.loads(out)["credentials"]) == 1
    (token,) = _requests(issuer, "/token")
    assert token["body"]["redirect_uri"] == custom  # type: ignore[index]


def test_explore_names_the_profile(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    doc = wallet_env.run_ok(
        "explore", issuer.issuer.credential_issuer, "--profile", "draft13", "--json"
    ).json()
    assert isinstance(doc, dict) and doc["profile"]["draft"] == "13"
    text = wallet_env.run_ok("explore", issuer.issuer.credential_issuer).stdout
    assert "Client profile default: the wallet defaults" in text


def test_draft_override_shapes_the_credential_request(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    """A draft-14 issuer with batch issuance: detected, the wallet sends ``proofs``; with
    ``--draft 13`` it speaks draft 13 (one ``proof``), which that issuer also accepts."""
    issuer = demo(DemoConfig(draft="14"))
    conf = issuer.issuer.configuration_ids()[0]
    wallet_env.run_ok("receive", issuer.issuer.create_offer([conf]).uri, "--json")
    (detected,) = _requests(issuer, "/credential")
    assert "proofs" in detected["body"] and "proof" not in detected["body"]  # type: ignore[operator]
    res = wallet_env.run_ok("receive", issuer.issuer.create_offer([conf]).uri, "--draft", "13")
    assert "Profile custom: draft 13" in res.stderr
    overridden = _requests(issuer, "/credential")[-1]["body"]
    assert isinstance(overridden, dict)
    assert "proof" in overridden and "proofs" not in overridden
    assert overridden["format"] == detected["body"]["format"]  # type: ignore[index]


def test_haip_preset_against_an_issuer_that_requires_attestations(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(require_wallet_attestation=True, require_key_attestation=True))
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    refused = wallet_env.run("receive", offer.uri, "--json")
    assert refused.returncode == 1  # the default profile has no wallet provider
    res = wallet_env.run_ok(
        "receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri, "--profile", "haip", "--json"
    )
    assert len(res.json()["credentials"]) == 1  # type: ignore[index]
    token = _requests(issuer, "/token")[-1]
    headers = token["headers"]
    assert isinstance(headers, dict)
    assert "oauth-client-attestation" in headers and "dpop" in headers  # DPoP: always
