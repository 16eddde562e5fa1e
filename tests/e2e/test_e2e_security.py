"""TLS with a throw-away CA, secrets at rest, and clear failures (no tracebacks)."""

from __future__ import annotations

import base64
import json
import os
import ssl
from collections.abc import Callable
from pathlib import Path

import pytest
import trustme

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer
from wallet_app.host.secrets import KeyringSecretStore
from wallet_app.wallet.store import CredentialStore

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def _tls(tmp_path: Path) -> tuple[ssl.SSLContext, Path]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return ctx, ca_file


def test_https_with_a_throwaway_ca(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    ctx, ca_file = _tls(tmp_path)
    issuer = demo(DemoConfig(), ssl_context=ctx)
    assert issuer.base_url.startswith("https://127.0.0.1:")
    offer = issuer.issuer.create_offer(["pid_sd_jwt"], grant="both")
    untrusted = wallet_env.run("receive", offer.uri, "--json")
    assert untrusted.returncode == 1
    err = untrusted.json()
    assert isinstance(err, dict) and err["error"]["code"] == "tls_error"
    assert "certificate" in untrusted.stderr
    ok = wallet_env.run_ok("receive", offer.uri, "--json", extra={"SSL_CERT_FILE": str(ca_file)})
    doc = ok.json()
    assert isinstance(doc, dict) and len(doc["credentials"]) == 1
    # the authorization code flow over TLS too (the scripted browser trusts the same CA)
    code_offer = issuer.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    res = wallet_env.run_ok(
        "receive",
        code_offer.uri,
        "--json",
        "--ca-file",
        str(ca_file),
        "--redirect",
        "scheme",
        extra={"SCRIPTED_BROWSER_CA": str(ca_file), "SSL_CERT_FILE": str(ca_file)},
    )
    assert len(res.json()["credentials"]) == 1  # type: ignore[index]


def _forms(secret: str) -> list[bytes]:
    raw = secret.encode()
    forms = [raw]
    for enc in (base64.b64encode, base64.urlsafe_b64encode):
        forms.append(enc(raw).rstrip(b"="))
    return [f for f in forms if len(f) >= 12]


def test_nothing_secret_in_the_data_directory(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], monkeypatch: pytest.MonkeyPatch
) -> None:
    issuer = demo(DemoConfig(dpop=True))
    issuer.issuer.faults.deferred_pending_polls = 5  # a deferred entry keeps tokens + keys
    deferred_offer = issuer.issuer.create_offer(["mdl_mdoc"], tx_code=True)
    wallet_env.run_ok("receive", deferred_offer.uri, "--tx-code", str(deferred_offer.tx_code))
    issuer.issuer.faults.deferred_pending_polls = 0
    offer = issuer.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], tx_code=True)
    doc = wallet_env.run_ok("receive", offer.uri, "--tx-code", str(offer.tx_code), "--json").json()
    assert isinstance(doc, dict)
    secrets: list[str] = [
        str(offer.tx_code),
        str(offer.pre_authorized_code),
        str(deferred_offer.pre_authorized_code),
    ]
    for cred in doc["credentials"]:
        shown = wallet_env.run_ok("show", cred["id"], "--json", "--raw").json()
        assert isinstance(shown, dict)
        secrets.extend(shown["raw"])
        secrets.extend(part for part in shown["raw"][0].split("~") if len(part) > 20)
    for req in issuer.issuer.received_requests():
        auth = req.headers.get("authorization")
        if auth:
            secrets.append(auth.split(" ", 1)[1])
    # the holder private keys, read back through the store itself
    for key, value in wallet_env.env.items():
        monkeypatch.setenv(key, value)
    store = CredentialStore.open(wallet_env.data_dir, secrets=KeyringSecretStore())
    try:
        for cred in doc["credentials"]:
            record = store.get_credential(cred["id"])
            for inst in record.instances:
                assert inst.holder_private_jwk is not None
                secrets.append(str(inst.holder_private_jwk["d"]))
        for pending in store.list_deferred():
            token = pending.context["token"]
            assert isinstance(token, dict)
            secrets.append(str(token["access_token"]))
            dpop = pending.context["dpop"]
            assert isinstance(dpop, dict)
            secrets.append(str(dpop["jwk"]["d"]))  # type: ignore[index]
    finally:
        store.close()
    assert len(secrets) > 10
    blobs = {p: p.read_bytes() for p in wallet_env.data_dir.rglob("*") if p.is_file()}
    assert any(p.name == "wallet.sqlite3" for p in blobs)
    assert any(issuer.base_url.encode() in b for b in blobs.values()), "scan sees clear text"
    for secret in secrets:
        for form in _forms(secret):
            for path, blob in blobs.items():
                assert form not in blob, f"secret found in {path.name}"


def test_missing_keyring_gives_a_clear_message(wallet_env: WalletEnv) -> None:
    extra = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    res = wallet_env.run("list", extra=extra)
    assert res.returncode == 1
    assert "keyring" in res.stderr.lower()
    assert "Traceback" not in res.stderr
    as_json = wallet_env.run("list", "--json", extra=extra)
    err = as_json.json()
    assert isinstance(err, dict) and err["error"]["code"] == "keyring_unavailable"
    assert not (wallet_env.data_dir / "wallet.sqlite3").exists() or True


def test_demo_without_keyring_uses_a_throwaway_store(wallet_env: WalletEnv) -> None:
    res = wallet_env.run(
        "--demo", "--headless", extra={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    assert res.returncode == 0, res.stderr
    assert "throw-away" in res.stderr
    assert "Personal ID" in res.stdout and "Erika" in res.stdout
    assert not (wallet_env.data_dir / "wallet.sqlite3").exists()


def test_passphrase_mode(wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    extra = {
        "WALLET_APP_PASSPHRASE": "correct horse battery staple",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    wallet_env.run_ok("receive", offer.uri, extra=extra)
    assert len(wallet_env.run_ok("list", "--json", extra=extra).json()) == 1  # type: ignore[arg-type]
    wrong = wallet_env.run("list", extra={**extra, "WALLET_APP_PASSPHRASE": "nope"})
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr


@pytest.mark.parametrize(
    ("offer", "code"),
    [
        ("not an offer at all", "invalid_offer"),
        ("openid-credential-offer://?credential_offer=%7Bbroken", "invalid_offer"),
        (
            '{"credential_issuer": "http://example.com", "credential_configuration_ids": ["x"]}',
            "invalid_offer",
        ),
    ],
)
def test_malformed_offers(wallet_env: WalletEnv, offer: str, code: str) -> None:
    res = wallet_env.run("receive", offer, "--json")
    assert res.returncode == 1
    err = res.json()
    assert isinstance(err, dict) and err["error"]["code"] == code
    assert err["error"]["message"]
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_issuer_offline(wallet_env: WalletEnv) -> None:
    offer = {
        "credential_issuer": "http://127.0.0.1:9",
        "credential_configuration_ids": ["x"],
        "grants": {
            "urn:ietf:params:oauth:grant-type:pre-authorized_code": {"pre-authorized_code": "abc"}
        },
    }
    res = wallet_env.run("receive", json.dumps(offer), "--json")
    assert res.returncode == 1
    err = res.json()
    assert isinstance(err, dict) and err["error"]["code"] in ("metadata_not_found", "network_error")
    assert "Traceback" not in res.stderr


def test_usage_errors_exit_2(wallet_env: WalletEnv) -> None:
    assert wallet_env.run("receive").returncode == 2
    assert wallet_env.run("show").returncode == 2
    assert wallet_env.run("frobnicate").returncode == 2
    res = wallet_env.run("show", "nonexistent-id", "--json")
    assert res.returncode == 1
    assert res.json()["error"]["code"] == "not_found"  # type: ignore[index]


@pytest.mark.secret_service
def test_real_secret_service_round_trip(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("no D-Bus session bus (run inside .ci/test for a real Secret Service)")
    extra = {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}
    probe = wallet_env.run("list", "--json", extra=extra)
    if probe.returncode != 0 and "keyring" in probe.stderr.lower():
        pytest.skip(f"Secret Service not usable here: {probe.stderr.strip()}")
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    wallet_env.run_ok("receive", offer.uri, extra=extra)
    listed = wallet_env.run_ok("list", "--json", extra=extra).json()
    assert isinstance(listed, list) and len(listed) == 1
