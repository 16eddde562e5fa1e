"""Trust end to end: the real CLI in subprocesses against the demo issuer on 127.0.0.1, for
SD-JWT VC (pid) and mdoc (mdl): each verdict, each fault switch, the trust commands and
``status``."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import CliResult, WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

FORMATS = ["pid_sd_jwt", "mdl_mdoc"]
CHECK_KEYS = {"name", "ok", "detail", "spec"}


def _receive(env: WalletEnv, issuer: RunningIssuer, conf: str, *extra: str) -> CliResult:
    offer = issuer.issuer.create_offer([conf])
    args = ["receive", offer.uri, *extra]
    if offer.tx_code:
        args += ["--tx-code", offer.tx_code]
    return env.run(*args)


def _only(env: WalletEnv) -> dict[str, object]:
    listed = env.run_ok("list", "--json").json()
    assert isinstance(listed, list) and len(listed) == 1, listed
    item = listed[0]
    assert isinstance(item, dict)
    return item


def _verification(env: WalletEnv, credential_id: str) -> dict[str, object]:
    shown = env.run_ok("show", credential_id, "--json").json()
    assert isinstance(shown, dict)
    verification = shown["verification"]
    assert isinstance(verification, dict)
    assert set(verification) >= {"verdict", "anchor", "status", "checks"}
    checks = verification["checks"]
    assert isinstance(checks, list) and checks
    for check in checks:
        assert set(check) == CHECK_KEYS, check
        assert check["ok"] in (True, False, None) and check["detail"] and check["spec"]
    return verification


def _checks(verification: dict[str, object]) -> dict[str, dict[str, object]]:
    checks = verification["checks"]
    assert isinstance(checks, list)
    return {c["name"]: c for c in checks}


def _root_file(issuer: RunningIssuer, tmp_path: Path) -> Path:
    path = tmp_path / "demo-root.pem"
    path.write_bytes(issuer.issuer.root_certificate_pem())
    return path


@pytest.mark.parametrize("conf", FORMATS)
def test_untrusted_then_trusted_after_trust_add_without_a_new_issuance(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, conf: str
) -> None:
    issuer = demo()
    received = _receive(wallet_env, issuer, conf)
    assert received.returncode == 0, received.stderr
    assert "issuer not in your trust list" in received.stdout
    item = _only(wallet_env)
    assert item["verdict"] == "untrusted"
    before = _verification(wallet_env, str(item["id"]))
    assert before["anchor"] is None
    assert _checks(before)["trust_anchor"]["ok"] is False
    assert _checks(before)["signature"]["ok"] is True

    added = wallet_env.run_ok("trust", "add", str(_root_file(issuer, tmp_path)), "--json").json()
    assert isinstance(added, dict)
    [anchor] = added["anchors"]
    assert anchor["added"] is True and "Demo Root CA" in anchor["subject"]
    assert _only(wallet_env)["verdict"] == "trusted"
    after = _verification(wallet_env, str(item["id"]))
    assert "Demo Root CA" in str(after["anchor"])
    assert after["status"] == "valid"
    assert all(c["ok"] is True for c in _checks(after).values() if c["name"] != "type_metadata")

    text = wallet_env.run_ok("show", str(item["id"])).stdout
    assert "Verification: trusted issuer" in text and "✓ signature" in text

    listed = wallet_env.run_ok("trust", "list").stdout
    assert "Demo Root CA" in listed and str(anchor["id"])[:16] in listed
    wallet_env.run_ok("trust", "remove", str(anchor["id"])[:10])
    assert _only(wallet_env)["verdict"] == "untrusted"
    assert wallet_env.run_ok("trust", "list", "--json").json() == []


@pytest.mark.parametrize("conf", FORMATS)
@pytest.mark.parametrize("fault", ["broken_chain", "expired_signer"])
def test_a_broken_chain_or_expired_signer_is_refused_unless_accepted(
    wallet_env: WalletEnv,
    demo: Callable[..., RunningIssuer],
    tmp_path: Path,
    fault: str,
    conf: str,
) -> None:
    issuer = demo()
    wallet_env.run_ok("trust", "add", str(_root_file(issuer, tmp_path)))
    setattr(issuer.issuer.faults, fault, True)
    refused = _receive(wallet_env, issuer, conf)
    assert refused.returncode == 1
    assert "was not stored because it is not valid" in refused.stderr
    assert "--accept-invalid" in refused.stderr
    assert wallet_env.run_ok("list", "--json").json() == []
    failed = _receive(wallet_env, issuer, conf, "--json")
    error = failed.json()
    assert isinstance(error, dict) and error["error"]["code"] == "credential_not_accepted"
    assert error["error"]["verification"]["verdict"] == "invalid"

    kept = _receive(wallet_env, issuer, conf, "--accept-invalid")
    assert kept.returncode == 0, kept.stderr
    item = _only(wallet_env)
    assert item["verdict"] == "invalid"
    verification = _verification(wallet_env, str(item["id"]))
    failures = {c["name"] for c in _checks(verification).values() if c["ok"] is False}
    assert failures & {"certificate_chain", "validity_period", "validity_info"}, failures


@pytest.mark.parametrize("conf", FORMATS)
def test_a_forged_credential_is_never_trusted(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, conf: str
) -> None:
    issuer = demo()
    wallet_env.run_ok("trust", "add", str(_root_file(issuer, tmp_path)))
    issuer.issuer.faults.forged = True
    received = _receive(wallet_env, issuer, conf)
    assert received.returncode == 0, received.stderr
    item = _only(wallet_env)  # a sound self-signed chain that no anchor vouches for
    assert item["verdict"] == "untrusted"
    verification = _verification(wallet_env, str(item["id"]))
    assert verification["anchor"] is None
    assert _checks(verification)["trust_anchor"]["ok"] is False


@pytest.mark.parametrize("conf", FORMATS)
def test_revoked_on_issue_and_after_set_status(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, conf: str
) -> None:
    issuer = demo()
    wallet_env.run_ok("trust", "add", str(_root_file(issuer, tmp_path)))
    issuer.issuer.faults.revoked = True
    assert _receive(wallet_env, issuer, conf).returncode == 0
    revoked = _only(wallet_env)
    assert revoked["verdict"] == "revoked"
    assert _verification(wallet_env, str(revoked["id"]))["status"] == "invalid"
    wallet_env.run_ok("delete", str(revoked["id"]))

    issuer.issuer.faults.revoked = False
    assert _receive(wallet_env, issuer, conf).returncode == 0
    item = _only(wallet_env)
    assert item["verdict"] == "trusted"
    shown = wallet_env.run_ok("show", str(item["id"]), "--json", "--raw").json()
    assert isinstance(shown, dict)
    issuer.issuer.set_status(shown["raw"][0], 1)
    text = wallet_env.run_ok("status", str(item["id"])[:8]).stdout
    assert f"[{str(item['id'])[:8]}]" in text and "invalid" in text
    [entry] = wallet_env.run_ok("status", "--json").json()  # type: ignore[misc]
    assert (entry["status"], entry["verdict"]) == ("invalid", "revoked")
    assert _only(wallet_env)["verdict"] == "revoked"


@pytest.mark.parametrize("conf", FORMATS)
def test_a_status_list_signed_by_the_wrong_key_gives_unknown_with_a_reason(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path, conf: str
) -> None:
    issuer = demo()
    wallet_env.run_ok("trust", "add", str(_root_file(issuer, tmp_path)))
    issuer.issuer.faults.status_wrong_key = True
    assert _receive(wallet_env, issuer, conf).returncode == 0
    item = _only(wallet_env)
    verification = _verification(wallet_env, str(item["id"]))
    assert verification["status"] == "unknown"
    status = _checks(verification)["status"]
    assert status["ok"] is None and status["detail"]
    [entry] = wallet_env.run_ok("status", "--json").json()  # type: ignore[misc]
    assert entry["status"] == "unknown" and entry["reason"]


# -- a tampered credential: a WSGI middleware in front of the real demo issuer ------------------


def _flip_signature(credential: str) -> str:
    jws = credential.split("~")[0]
    head, payload, signature = jws.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0x01
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    return f"{head}.{payload}.{forged}{credential[len(jws) :]}"


def _tampering(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    def middleware(
        environ: dict[str, object], start_response: Callable[..., object]
    ) -> Iterator[bytes]:
        if environ.get("PATH_INFO") != "/credential":
            yield from app(environ, start_response)
            return
        captured: list[tuple[str, list[tuple[str, str]]]] = []
        body = b"".join(app(environ, lambda s, h, *a: captured.append((s, list(h)))))
        status, headers = captured[0]
        if status.startswith("200"):
            doc = json.loads(body)
            for item in doc.get("credentials", []):
                item["credential"] = _flip_signature(item["credential"])
            body = json.dumps(doc).encode()
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        yield body

    return middleware


def test_a_tampered_credential_is_never_stored_even_when_accepting_invalid(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo(DemoConfig())
    issuer._server.set_app(_tampering(issuer.issuer))  # type: ignore[attr-defined]
    wallet_env.run_ok("trust", "add", str(_root_file(issuer, tmp_path)))
    refused = _receive(wallet_env, issuer, "pid_sd_jwt", "--accept-invalid")
    assert refused.returncode == 1
    # refused before any trust verdict (issue 11): the signature fails its own certificate
    assert "signature does not verify with its certificate" in refused.stderr
    assert "Nothing was stored." in refused.stderr
    assert wallet_env.run_ok("list", "--json").json() == []
    events = [n["event"] for n in issuer.issuer.received_notifications()]
    assert events == ["credential_failure"]
