"""``receive`` prints its result once the credential is stored, with the verdict known then;
the status check (Token Status List) runs alongside and adds a line afterwards only when it
says something new (issue 10, W7). The real CLI in subprocesses against the demo issuer on
127.0.0.1."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import CliResult, WalletEnv
from wallet_app.demo_issuer import RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

CONF = "pid_sd_jwt"


def _receive(env: WalletEnv, issuer: RunningIssuer, *extra: str) -> CliResult:
    offer = issuer.issuer.create_offer([CONF])
    args = ["receive", offer.uri, *extra]
    if offer.tx_code:
        args += ["--tx-code", offer.tx_code]
    result = env.run(*args)
    assert result.returncode == 0, result.stderr
    return result


def _trusting(env: WalletEnv, issuer: RunningIssuer, tmp_path: Path) -> None:
    root = tmp_path / "demo-root.pem"
    root.write_bytes(issuer.issuer.root_certificate_pem())
    env.run_ok("trust", "add", str(root))


def _lines(result: CliResult) -> tuple[str, list[str]]:
    """(the Received line, the status lines after it)."""
    lines = result.stdout.splitlines()
    assert lines and lines[0].startswith("Received "), result.stdout
    return lines[0], [line for line in lines[1:] if line.startswith("Status of ")]


def _name(received: str) -> str:
    """The credential's name in "Received Personal ID (3 copies)  [1a2b3c4d]  …"."""
    match = re.match(r"Received (.+?)(?: \(\d+ copies\))?  \[", received)
    assert match is not None, received
    return match.group(1)


def test_a_status_that_confirms_the_verdict_adds_no_line(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    _trusting(wallet_env, issuer, tmp_path)
    received, status = _lines(_receive(wallet_env, issuer))
    assert "trusted issuer:" in received
    assert status == []


def test_revoked_at_issuance_is_said_after_the_result(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    _trusting(wallet_env, issuer, tmp_path)
    issuer.issuer.faults.revoked = True
    received, status = _lines(_receive(wallet_env, issuer))
    name = _name(received)
    # printed with the verdict known at store time; a status check that already ended
    # is in that verdict, else the line after the result says it
    if received.endswith("  revoked"):
        assert status == []
    else:
        assert "trusted issuer:" in received
        assert status == [f"Status of {name}: revoked"]


def test_an_undecided_status_is_said_with_its_reason(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    _trusting(wallet_env, issuer, tmp_path)
    issuer.issuer.faults.status_wrong_key = True
    received, status = _lines(_receive(wallet_env, issuer))
    name = _name(received)
    assert len(status) == 1 and status[0].startswith(f"Status of {name}: unknown ("), status
    listed = wallet_env.run_ok("status", "--json").json()
    assert isinstance(listed, list) and listed[0]["reason"] in status[0]


def test_json_is_one_document_with_the_final_verdict(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo()
    _trusting(wallet_env, issuer, tmp_path)
    issuer.issuer.faults.revoked = True
    document = json.loads(_receive(wallet_env, issuer, "--json").stdout)  # one document
    [credential] = document["credentials"]
    assert credential["verdict"] == "revoked"
