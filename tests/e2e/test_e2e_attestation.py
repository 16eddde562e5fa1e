"""Wallet attestation and key attestation end to end (OID4VCI 1.0 App. D, E; HAIP 1.0): the
demo issuer on 127.0.0.1 in the mode that requires both, the real CLI in a subprocess.

Without a wallet provider the wallet refuses before any code is spent and says what is
missing; with ``--wallet-provider dev`` it issues, in both grants, and the issuer saw the
attestation headers on PAR and token and a key attestation in every proof."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer
from wallet_app.oid4vci.attestation import jwt_parts
from wallet_app.oid4vci.proof import private_jwk
from wallet_app.wallet.wallet_provider import DevWalletProvider

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

ATTESTED = DemoConfig(require_wallet_attestation=True, require_key_attestation=True)


def _requests(issuer: RunningIssuer, suffix: str) -> list[dict[str, object]]:
    return [
        {"headers": dict(r.headers), "body": dict(r.body or {})}
        for r in issuer.issuer.received_requests()
        if r.path.endswith(suffix)
    ]


def _claims(token: object) -> tuple[dict[str, object], dict[str, object]]:
    assert isinstance(token, str)
    parts = jwt_parts(token)
    assert parts is not None
    return dict(parts[0]), dict(parts[1])


def test_refusal_names_what_is_missing_and_spends_nothing(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(ATTESTED)
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    res = wallet_env.run("receive", offer.uri)
    assert res.returncode == 1, res.stderr
    assert (
        "This issuer requires a wallet attestation and a key attestation from a wallet "
        "provider. Nothing was spent: add --wallet-provider dev to receive with the "
        "development wallet provider." in res.stderr
    )
    assert "?" not in res.stderr.splitlines()[0]  # the CLI cannot answer a question
    assert "--wallet-provider dev" in res.stderr
    assert not _requests(issuer, "/token") and not issuer.issuer.offer_used(offer)
    as_json = wallet_env.run("receive", offer.uri, "--json")
    error = json.loads(as_json.stdout)["error"]
    assert error["code"] == "wallet_attestation_required"
    assert error["missing"] == ["wallet_attestation", "key_attestation"]
    # only key attestation required: the other code
    key_only = demo(DemoConfig(require_key_attestation=True))
    other = key_only.issuer.create_offer(["pid_sd_jwt"])
    res = wallet_env.run("receive", other.uri, "--json")
    assert res.returncode == 1
    assert json.loads(res.stdout)["error"]["code"] == "key_attestation_required"
    assert not key_only.issuer.offer_used(other)


def test_pre_authorized_with_the_development_provider(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(ATTESTED)
    offer = issuer.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"])
    res = wallet_env.run("receive", offer.uri, "--json", "--wallet-provider", "dev")
    assert res.returncode == 0, res.stderr
    doc = res.json()
    assert isinstance(doc, dict)
    assert sorted(c["credential_configuration_id"] for c in doc["credentials"]) == [
        "mdl_mdoc",
        "pid_sd_jwt",
    ]
    (token,) = _requests(issuer, "/token")
    headers = token["headers"]
    assert isinstance(headers, dict)
    att_header, attestation = _claims(headers["oauth-client-attestation"])
    pop_header, pop = _claims(headers["oauth-client-attestation-pop"])
    assert att_header["typ"] == "oauth-client-attestation+jwt"
    assert attestation["iss"] == "wallet-app development provider"
    assert pop_header["typ"] == "oauth-client-attestation-pop+jwt"
    assert pop["aud"] == issuer.issuer.credential_issuer and pop["challenge"]
    assert len(_requests(issuer, "/challenge")) == 1  # from the AS's challenge_endpoint
    for request in _requests(issuer, "/credential"):
        body = request["body"]
        assert isinstance(body, dict)
        for proof in body["proofs"]["jwt"]:
            header, claims = _claims(proof)
            _, key_att = _claims(header["key_attestation"])
            assert header["jwk"] in key_att["attested_keys"]  # type: ignore[operator]
            assert key_att["nonce"] == claims["nonce"]
            assert key_att["key_storage"] == ["iso_18045_moderate"]
    # the person sees that the attestations are self-issued development ones
    plain = wallet_env.run(
        "receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri, "--wallet-provider", "dev"
    )
    assert plain.returncode == 0, plain.stderr
    assert (
        "Profile custom: wallet provider: development (self-issued, not for production)"
        in plain.stderr
    )


def test_authorization_code_with_the_development_provider(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(ATTESTED)
    offer = issuer.issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    res = wallet_env.run(
        "receive", offer.uri, "--json", "--wallet-provider", "dev", "--redirect", "loopback"
    )
    log = wallet_env.browser_log.read_text() if wallet_env.browser_log.exists() else ""
    assert res.returncode == 0, f"{res.stderr}\nbrowser log:\n{log}"
    doc = res.json()
    assert isinstance(doc, dict) and len(doc["credentials"]) == 1
    (par,) = _requests(issuer, "/par")
    (token,) = _requests(issuer, "/token")
    for request in (par, token):
        headers = request["headers"]
        assert isinstance(headers, dict)
        _, attestation = _claims(headers["oauth-client-attestation"])
        assert attestation["sub"] == request["body"]["client_id"]  # type: ignore[index]
    # one wallet instance for the whole flow: the same attestation on PAR and token
    assert (
        par["headers"]["oauth-client-attestation"]  # type: ignore[index]
        == token["headers"]["oauth-client-attestation"]  # type: ignore[index]
    )


def _provider_file(path: Path) -> str:
    """A provider file as a real wallet provider would hand one out (here the development
    provider's attestation for the client id "provider-sub", which the demo trusts)."""
    issued = DevWalletProvider("provider-sub")
    attestation, instance = issued.client_attestation()
    path.write_text(
        json.dumps({"client_attestation": attestation, "instance_key": private_jwk(instance)}),
        encoding="utf-8",
    )
    return attestation


def test_a_provider_file_authenticates_the_wallet(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    file = tmp_path / "provider.json"
    attestation = _provider_file(file)
    issuer = demo(DemoConfig(require_wallet_attestation=True))
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    res = wallet_env.run("receive", offer.uri, "--json", "--wallet-provider", str(file))
    assert res.returncode == 0, res.stderr
    (token,) = _requests(issuer, "/token")
    assert token["headers"]["oauth-client-attestation"] == attestation  # type: ignore[index]
    for request in _requests(issuer, "/credential"):
        for proof in request["body"]["proofs"]["jwt"]:  # type: ignore[index]
            assert _claims(proof)[1].get("iss") in (None, "provider-sub")
    # a file cannot attest the keys made for a request: refused before the code is spent
    attested = demo(ATTESTED)
    other = attested.issuer.create_offer(["pid_sd_jwt"])
    refused = wallet_env.run("receive", other.uri, "--json", "--wallet-provider", str(file))
    assert refused.returncode == 1
    error = json.loads(refused.stdout)["error"]
    assert error["code"] == "key_attestation_required"
    assert "wallet provider file has no key attestation" in error["message"]
    assert not attested.issuer.offer_used(other) and not _requests(attested, "/token")
