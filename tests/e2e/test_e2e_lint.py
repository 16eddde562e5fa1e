"""``wallet-app explore --probe --json`` finds each seeded deviation of the demo issuer.

Each deviation (demo_issuer/deviations.py) reproduces something a deployed issuer was seen
doing; the CLI runs in a subprocess against the demo issuer on 127.0.0.1 and must report
it as a finding with its check id and spec section. The clean demo issuer, probed the
same way, has no error finding, and no probe spends the offer's pre-authorized code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer
from wallet_app.demo_issuer.deviations import DEVIATIONS

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

#: deviation → (check id, spec section) the lint must report for it
EXPECTED = {
    "enc_alg_in_enc_values": ("encryption_enc_values", "OID4VCI 1.0 §12.2.4; RFC 7518 §5.1"),
    "as_metadata_legacy_location": ("as_metadata_location", "RFC 8414 §3.1; OID4VCI 1.0 §12.2.4"),
    "preauth_grant_unlisted": ("grant_types_preauth", "RFC 8414 §2; OID4VCI 1.0 §12.3"),
    "par_200": ("par_status", "RFC 9126 §2.2"),
    "tx_code_error_shape": ("tx_code_error", "OID4VCI 1.0 §6.3"),
    "nonce_cacheable": ("nonce_no_store", "OID4VCI 1.0 §7.2"),
    "bearer_401_bare": ("www_authenticate_401", "RFC 6750 §3; RFC 9449 §7.1"),
}


def _explore(
    wallet_env: WalletEnv, issuer: RunningIssuer, tmp_path: Path
) -> tuple[dict[str, object], list[dict[str, object]]]:
    first = issuer.issuer.configuration_ids()[0]
    offer = issuer.issuer.create_offer([first], grant="both", tx_code=True)
    assert offer.tx_code is not None
    wrong = "x" if offer.tx_code != "x" else "y"
    doc = wallet_env.run_ok(
        "explore",
        issuer.issuer.credential_issuer,
        "--json",
        "--offer",
        offer.uri,
        "--tx-code",
        wrong,
        extra={"WALLET_APP_CONFIG_DIR": str(tmp_path / "config")},
    ).json()
    assert isinstance(doc, dict)
    assert not issuer.issuer.offer_used(offer), "a probe spent the pre-authorized code"
    findings = doc["findings"]
    assert isinstance(findings, list)
    return doc, findings


def test_every_deviation_has_an_expected_finding() -> None:
    assert set(EXPECTED) == set(DEVIATIONS)


@pytest.mark.parametrize("deviation", sorted(EXPECTED))
def test_explore_reports_the_seeded_deviation(
    wallet_env: WalletEnv,
    demo: Callable[..., RunningIssuer],
    tmp_path: Path,
    deviation: str,
) -> None:
    config = DemoConfig(
        issuer_path="/demo",
        separate_as_path="/auth",
        deviations=frozenset({deviation}),
    )
    _, findings = _explore(wallet_env, demo(config), tmp_path)
    check, section = EXPECTED[deviation]
    found = [f for f in findings if f["check"] == check]
    assert found, f"{deviation}: no {check} finding in {findings}"
    assert all(f["section"] == section and f["severity"] == "error" for f in found)
    assert all(isinstance(f["message"], str) and f["message"] for f in found)
    # only the seeded deviation is an error
    errors = {f["check"] for f in findings if f["severity"] == "error"}
    assert errors == {check}, findings
    if deviation == "tx_code_error_shape":  # the member name is wrong too
        assert any(f["check"] == "error_description_member" for f in findings)


def test_clean_demo_issuer_has_no_error_findings(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    config = DemoConfig(
        issuer_path="/demo",
        separate_as_path="/auth",
        dpop=True,
        dpop_nonce=True,
        signed_metadata=True,  # the probe asks for it and checks its shape (§12.2.3)
    )
    issuer = demo(config)
    doc, findings = _explore(wallet_env, issuer, tmp_path)
    assert [f for f in findings if f["severity"] == "error"] == []
    servers = doc["authorization_servers"]
    assert isinstance(servers, list) and servers
    assert "problem" not in doc and all("problem" not in s for s in servers)
    # what the probes sent: a made-up code, a PAR with the offer's issuer_state, no token
    received = issuer.issuer.received_requests()
    token = [r.body for r in received if r.path.endswith("/token") and r.body]
    assert any(str(b.get("pre-authorized_code", "")).startswith("lint-probe-") for b in token)
    (par,) = [r.body for r in received if r.path.endswith("/par") and r.body]
    assert par.get("issuer_state") and par.get("code_challenge_method") == "S256"
    accepts = [
        r.headers.get("accept", "") for r in received if "openid-credential-issuer" in r.path
    ]
    assert any(a.startswith("application/jwt") for a in accepts)
    credential = [r for r in received if r.path.endswith("/credential")]
    assert credential and all("authorization" not in r.headers for r in credential)


def test_all_deviations_at_once_in_text(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo(DemoConfig(deviations=frozenset(DEVIATIONS), encryption=True))
    out = wallet_env.run_ok(
        "explore",
        issuer.issuer.credential_issuer,
        "--probe",
        extra={"WALLET_APP_CONFIG_DIR": str(tmp_path / "config")},
    ).stdout
    assert "Lint findings (" in out
    for deviation, (check, section) in EXPECTED.items():
        if deviation == "tx_code_error_shape":
            continue  # needs --offer and --tx-code
        assert f"error   {check}  [{section}]" in out, check
    # the 1.0 request encryption names its algorithm in the jwks keys
    assert "request encryption: alg ECDH-ES; enc ECDH-ES, A128GCM, A256GCM" in out


def test_explore_json_shows_encryption_algs_and_attestation_requirements_in_full(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo(DemoConfig(encryption=True, require_key_attestation=True))
    doc = wallet_env.run_ok(
        "explore",
        issuer.issuer.credential_issuer,
        "--json",
        extra={"WALLET_APP_CONFIG_DIR": str(tmp_path / "config")},
    ).json()
    assert isinstance(doc, dict)
    # 1.0 request encryption has no alg list: the algorithms are the jwks keys' alg
    assert doc["credential_request_encryption"]["alg_values_supported"] == ["ECDH-ES"]
    conf = next(c for c in doc["credential_configurations"] if c["id"] == "pid_sd_jwt")
    required = conf["proof_types_supported"]["jwt"]["key_attestations_required"]
    assert isinstance(required, dict) and required  # in full, not flattened to true
    assert set(required) <= {"key_storage", "user_authentication"}
    assert all(isinstance(v, list) and v for v in required.values())
    findings = {f["check"]: f for f in doc["findings"]}
    assert findings["key_attestations_required"]["severity"] == "info"
    assert "problem" not in doc


@pytest.mark.parametrize("draft", ["15", "14", "13", "11"])
def test_draft_modes_are_linted_as_their_draft(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, draft: str
) -> None:
    """A draft issuer is not wrong for speaking its draft: no nonce endpoint before 15, a
    draft 11 logo 'url', a user_pin probe for a draft 11 offer; only notes remain."""
    issuer = demo(DemoConfig(issuer_path="/demo", separate_as_path="/auth", draft=draft))
    _, findings = _explore(wallet_env, issuer, tmp_path)
    assert [f for f in findings if f["severity"] != "info"] == []
    assert any(f["check"] == "metadata_version" for f in findings)
