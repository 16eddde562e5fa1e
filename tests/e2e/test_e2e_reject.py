"""The structural floor end to end (issue 11): the real CLI in subprocesses against the demo
issuer on 127.0.0.1, whose ``malformed`` fault breaks each credential it issues in one way
that RFC 9901 §7.1-7.2, the SD-JWT VC draft, JWS or ISO/IEC 18013-5 say MUST abort.
``receive`` exits 1 with a sentence naming the violation, whatever the flags
(``--accept-invalid`` included), and nothing is stored."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer
from wallet_app.demo_issuer.sample_data import JWT_VC_ID

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

CASES = [
    ("pid_sd_jwt", "alg_none", "The issuer sent a credential that is not signed (alg none)."),
    (JWT_VC_ID, "alg_none", "The issuer sent a credential that is not signed (alg none)."),
    ("pid_sd_jwt", "digest_mismatch", "(digest mismatch)"),
    ("pid_sd_jwt", "unknown_sd_alg", "digest algorithm the wallet does not know (md5)"),
    ("pid_sd_jwt", "kb_from_issuer", "with a key binding JWT"),
    ("pid_sd_jwt", "expired", "The issuer sent a credential that has already expired"),
    ("pid_sd_jwt", "bad_signature", "signature does not verify with its certificate"),
    ("pid_sd_jwt", "lone_surrogate", "not valid Unicode"),
    ("pid_sd_jwt", "deep", "nested more than 64 levels deep"),
    ("pid_sd_jwt", "deep_valid", "nested more than 64 levels deep"),
    ("mdl_mdoc", "digest_mismatch", "The mdoc holds data that the issuer did not sign"),
    ("mdl_mdoc", "expired", "The issuer sent an mdoc that has already expired"),
]


@pytest.mark.parametrize(("conf", "mode", "sentence"), CASES, ids=[f"{c}-{m}" for c, m, _ in CASES])
def test_a_structurally_invalid_credential_is_refused_and_nothing_is_stored(
    wallet_env: WalletEnv,
    demo: Callable[..., RunningIssuer],
    tmp_path: Path,
    conf: str,
    mode: str,
    sentence: str,
) -> None:
    issuer = demo(DemoConfig(jwt_vc_json=True))
    root = tmp_path / "demo-root.pem"
    root.write_bytes(issuer.issuer.root_certificate_pem())
    wallet_env.run_ok("trust", "add", str(root))
    issuer.issuer.faults.malformed = mode
    offer = issuer.issuer.create_offer([conf])
    refused = wallet_env.run("receive", offer.uri, "--accept-invalid")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert sentence in refused.stderr, refused.stderr
    assert "Nothing was stored." in refused.stderr
    assert "Traceback" not in refused.stderr and "internal" not in refused.stderr.lower()
    assert wallet_env.run_ok("list", "--json").json() == []


def test_the_json_error_names_the_code_and_the_rule(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    issuer.issuer.faults.malformed = "alg_none"
    refused = wallet_env.run("receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri, "--json")
    assert refused.returncode == 1
    error = refused.json()["error"]  # type: ignore[index]
    assert error["code"] == "credential_rejected"
    assert "not signed (alg none)" in error["message"]
    assert "RFC 9901" in error["detail"]
    assert wallet_env.run_ok("list", "--json").json() == []
    events = [n["event"] for n in issuer.issuer.received_notifications()]
    assert events == ["credential_failure"], events  # the issuer is told


def test_an_invalid_deferred_credential_is_refused_when_it_arrives(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(deferred_interval=1))
    issuer.issuer.faults.deferred_pending_polls = 1
    issuer.issuer.faults.malformed = "unknown_sd_alg"
    first = wallet_env.run_ok("receive", "--json", issuer.issuer.create_offer(["pid_sd_jwt"]).uri)
    assert len(first.json()["deferred"]) == 1  # type: ignore[index]
    said = ""
    for _ in range(8):  # pending once, then the broken credential arrives
        polled = wallet_env.run("deferred", "--poll")
        said = polled.stdout + polled.stderr
        if "md5" in said:
            break
        time.sleep(0.6)  # the next poll is due after the interval (1 s)
    assert "digest algorithm the wallet does not know (md5)" in said, said
    assert "Traceback" not in said
    assert "The pending entry was removed." in said, said
    assert wallet_env.run_ok("list", "--json").json() == []
    assert wallet_env.run_ok("deferred", "--json").json()["deferred"] == []  # type: ignore[index]
    events = [n["event"] for n in issuer.issuer.received_notifications()]
    assert events == ["credential_failure"], events
