"""Trust end to end, the remaining switches: the real CLI in subprocesses against the demo
issuer on 127.0.0.1, for SD-JWT VC (pid) and mdoc (mdl). A credential altered after it was
signed (``tampered``: a disclosed value / a data element no longer matches its signed digest)
is never stored, not even with ``--accept-invalid``, and the issuer is told; a credential the
issuer suspends shows *suspended* after ``wallet-app status``, and *trusted* again once lifted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

FORMATS = ["pid_sd_jwt", "mdl_mdoc"]


def _trust_root(env: WalletEnv, issuer: RunningIssuer, tmp_path: Path) -> None:
    root = tmp_path / "demo-root.pem"
    root.write_bytes(issuer.issuer.root_certificate_pem())
    env.run_ok("trust", "add", str(root))


@pytest.mark.parametrize("conf", FORMATS)
def test_a_tampered_credential_is_never_stored(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, conf: str
) -> None:
    issuer = demo()
    _trust_root(wallet_env, issuer, tmp_path)
    issuer.issuer.faults.tampered = True
    offer = issuer.issuer.create_offer([conf])
    refused = wallet_env.run("receive", offer.uri, "--accept-invalid", "--json")
    assert refused.returncode == 1
    error = refused.json()["error"]  # type: ignore[index]
    assert error["code"] == "credential_rejected"
    # refused before any trust verdict (issue 11): what the issuer signed does not match
    assert "(digest mismatch)" in error["message"], error
    assert "Nothing was stored." in error["message"]
    assert wallet_env.run_ok("list", "--json").json() == []
    events = [n["event"] for n in issuer.issuer.received_notifications()]
    assert events == ["credential_failure"]


@pytest.mark.parametrize("conf", FORMATS)
def test_suspended_then_lifted(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, conf: str
) -> None:
    issuer = demo()
    _trust_root(wallet_env, issuer, tmp_path)
    offer = issuer.issuer.create_offer([conf])
    wallet_env.run_ok("receive", offer.uri)
    [item] = wallet_env.run_ok("list", "--json").json()  # type: ignore[misc]
    assert item["verdict"] == "trusted"
    shown = wallet_env.run_ok("show", item["id"], "--json", "--raw").json()
    credential = shown["raw"][0]  # type: ignore[index]

    issuer.issuer.set_status(credential, 2)
    [entry] = wallet_env.run_ok("status", "--json").json()  # type: ignore[misc]
    assert (entry["status"], entry["verdict"]) == ("suspended", "suspended")
    text = wallet_env.run_ok("show", item["id"]).stdout
    assert "Verification: suspended" in text, text
    [listed] = wallet_env.run_ok("list", "--json").json()  # type: ignore[misc]
    assert listed["verdict"] == "suspended"

    issuer.issuer.set_status(credential, 0)
    [entry] = wallet_env.run_ok("status", "--json").json()  # type: ignore[misc]
    assert (entry["status"], entry["verdict"]) == ("valid", "trusted")
