"""``wallet-app explore`` and wallet-initiated ``receive --issuer`` end to end over 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def _config_dir(tmp_path: Path) -> dict[str, str]:
    # an empty config dir: a developer's own settings.json must not change the result
    return {"WALLET_APP_CONFIG_DIR": str(tmp_path / "config")}


def test_explore_json(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo(DemoConfig(issuer_path="/demo", separate_as_path="/auth", require_par=True))
    url = issuer.issuer.credential_issuer
    doc = wallet_env.run_ok("explore", url, "--json", extra=_config_dir(tmp_path)).json()
    assert isinstance(doc, dict)
    assert doc["credential_issuer"] == url and doc["usable"] is True
    assert doc["version_hint"] == "1.0"
    assert doc["attempts"][0]["status"] == 200
    ids = {c["id"] for c in doc["credential_configurations"]}
    assert {"pid_sd_jwt", "diploma_sd_jwt", "mdl_mdoc"} <= ids
    (server,) = doc["authorization_servers"]
    assert server["identifier"] == issuer.base_url + "/auth"
    assert server["summary"]["require_pushed_authorization_requests"] is True
    assert [d["role"] for d in doc["documents"]] == ["issuer", "authorization_server"]
    assert not wallet_env.data_dir.exists()  # exploring opens no wallet


def test_explore_text(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    res = wallet_env.run_ok("explore", issuer.issuer.credential_issuer, extra=_config_dir(tmp_path))
    out = res.stdout
    assert out.startswith(f"Issuer {issuer.issuer.credential_issuer}")
    assert "URLs fetched" in out and "200  http://127.0.0.1:" in out
    assert "Credential pid_sd_jwt  (dc+sd-jwt, scope pid)" in out
    assert "Vorname [de]" in out


def test_explore_failure_is_one_sentence(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    res = wallet_env.run(
        "explore", issuer.base_url + "/nothing", "--json", extra=_config_dir(tmp_path)
    )
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and "could not be found" in res.stderr
    err = res.json()
    assert isinstance(err, dict) and err["error"]["code"] == "metadata_not_found"
    res = wallet_env.run("explore", "http://example.com", extra=_config_dir(tmp_path))
    assert res.returncode == 1 and "insecure" in res.stderr


@pytest.mark.parametrize("mode", ["loopback", "scheme"])
def test_receive_wallet_initiated_with_scripted_browser(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, mode: str
) -> None:
    issuer = demo()
    res = wallet_env.run(
        "receive",
        "--issuer",
        issuer.issuer.credential_issuer,
        "--configuration",
        "diploma_sd_jwt",
        "--json",
        "--redirect",
        mode,
        extra=_config_dir(tmp_path),
    )
    log = wallet_env.browser_log.read_text() if wallet_env.browser_log.exists() else ""
    assert res.returncode == 0, f"{res.stderr}\nbrowser log:\n{log}"
    doc = res.json()
    assert isinstance(doc, dict)
    (cred,) = doc["credentials"]
    assert cred["credential_configuration_id"] == "diploma_sd_jwt"
    reqs = issuer.issuer.received_requests()
    assert any(r.path.endswith("/authorize") for r in reqs), "the browser signed in"
    par = next(r for r in reqs if r.path.endswith("/par"))  # the demo advertises PAR
    assert par.body is not None
    # no offer, so no issuer_state; the configuration is asked for by scope or details (§5.1)
    assert "issuer_state" not in par.body
    assert par.body.get("scope") == "diploma" or "authorization_details" in par.body
    handed = "hand redirect (io.github.walletapp:)" in wallet_env.browser_log.read_text()
    assert handed == (mode == "scheme")
    listed = wallet_env.run_ok("list", "--json", extra=_config_dir(tmp_path)).json()
    assert isinstance(listed, list) and len(listed) == 1


def test_receive_unknown_configuration(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    res = wallet_env.run(
        "receive",
        "--issuer",
        issuer.issuer.credential_issuer,
        "--configuration",
        "no_such_thing",
        extra=_config_dir(tmp_path),
    )
    assert res.returncode == 1 and "no_such_thing" in res.stderr
