"""The demo issuer's wallet attestation and key attestation modes: what it advertises, and
that it rejects missing and bad attestations with the right errors (App. D, E; HAIP 1.0)."""

from __future__ import annotations

import time

import httpx
import pytest
from demo_issuer_kit import BASE, PRE_AUTH, REDIRECT, Holder, client_for, fresh_nonce, pkce

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.oid4vci.attestation import (
    attestation_headers,
    client_attestation_pop,
    jwt_parts,
)
from wallet_app.oid4vci.proof import generate_key, make_proof_jwt, public_jwk, sign_jwt
from wallet_app.wallet.wallet_provider import DEV_PROVIDER_ISSUER, DevWalletProvider

ATTESTED = DemoConfig(require_wallet_attestation=True, require_key_attestation=True)


@pytest.fixture
def attested() -> DemoIssuer:
    return DemoIssuer(BASE, ATTESTED)


def _challenge(client: httpx.Client) -> str:
    response = client.post("/challenge")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    return str(response.json()["attestation_challenge"])


def _headers(
    provider: DevWalletProvider, challenge: str | None, *, aud: str = BASE
) -> dict[str, str]:
    token, key = provider.client_attestation()
    pop = client_attestation_pop(key, audience=aud, challenge=challenge, now=int(time.time()))
    return attestation_headers(token, pop)


def _token(
    client: httpx.Client, code: str, headers: dict[str, str], **extra: str
) -> httpx.Response:
    data = {"grant_type": PRE_AUTH, "pre-authorized_code": code, **extra}
    return client.post("/token", data=data, headers=headers)


def test_metadata_advertises_both_requirements(attested: DemoIssuer) -> None:
    with client_for(attested) as client:
        issuer = client.get("/.well-known/openid-credential-issuer").json()
        server = client.get("/.well-known/oauth-authorization-server").json()
    for conf in issuer["credential_configurations_supported"].values():
        assert conf["proof_types_supported"]["jwt"]["key_attestations_required"] == {
            "key_storage": ["iso_18045_moderate"],
            "user_authentication": ["iso_18045_moderate"],
        }
    assert server["token_endpoint_auth_methods_supported"] == ["attest_jwt_client_auth"]
    assert server["challenge_endpoint"] == f"{BASE}/challenge"
    assert server["require_pushed_authorization_requests"] is True
    plain = DemoIssuer(BASE)
    with client_for(plain) as client:
        assert (
            "challenge_endpoint" not in client.get("/.well-known/oauth-authorization-server").json()
        )
        conf = client.get("/.well-known/openid-credential-issuer").json()
    pid = conf["credential_configurations_supported"]["pid_sd_jwt"]
    assert "key_attestations_required" not in pid["proof_types_supported"]["jwt"]


def test_token_with_a_valid_wallet_attestation(attested: DemoIssuer) -> None:
    provider = DevWalletProvider("wallet-app")
    offer = attested.create_offer(["pid_sd_jwt"])
    with client_for(attested) as client:
        headers = _headers(provider, _challenge(client))
        response = _token(client, str(offer.pre_authorized_code), headers)
        assert response.status_code == 200, response.text
        # a challenge is good for one request, a PoP's jti too
        again = _token(client, "other", headers)
        assert again.status_code == 401 and again.json()["error"] == "invalid_client"
        assert "jti" in again.json()["error_description"]


def test_missing_or_stale_challenge_gets_a_fresh_one(attested: DemoIssuer) -> None:
    provider = DevWalletProvider("wallet-app")
    offer = attested.create_offer(["pid_sd_jwt"])
    with client_for(attested) as client:
        refused = _token(client, str(offer.pre_authorized_code), _headers(provider, None))
        assert (refused.status_code, refused.json()["error"]) == (400, "use_attestation_challenge")
        fresh = refused.headers["oauth-client-attestation-challenge"]
        stale = _token(client, str(offer.pre_authorized_code), _headers(provider, "made-up"))
        assert stale.json()["error"] == "use_attestation_challenge"
        ok = _token(client, str(offer.pre_authorized_code), _headers(provider, fresh))
        assert ok.status_code == 200, ok.text
    assert attested.offer_used(offer)  # spent by the last request only


def _forged_attestation(instance_jwk: dict[str, object], **changes: object) -> str:
    """A client attestation by a key the demo does not know as the dev provider's: signed
    by a fresh key, with its own jwk header (iss and exp as changed)."""
    signer = generate_key("ES256")
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": DEV_PROVIDER_ISSUER,
        "sub": "wallet-app",
        "iat": now,
        "exp": now + 600,
        "cnf": {"jwk": instance_jwk},
    }
    claims.update(changes)
    header = {"typ": "oauth-client-attestation+jwt", "alg": "ES256", "jwk": public_jwk(signer)}
    return sign_jwt(header, claims, signer)


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("no headers", "headers are required"),
        ("other provider", "not a wallet provider"),
        ("expired", "expired"),
        ("pop by another key", "PoP"),
        ("wrong aud", "aud must be"),
        ("wrong typ", "typ"),
        ("client_id mismatch", "sub"),
    ],
)
def test_bad_wallet_attestations_are_invalid_client(
    attested: DemoIssuer, case: str, needle: str
) -> None:
    provider = DevWalletProvider("wallet-app")
    offer = attested.create_offer(["pid_sd_jwt"])
    instance = generate_key("ES256")
    extra: dict[str, str] = {}
    with client_for(attested) as client:
        challenge = _challenge(client)
        now = int(time.time())
        pop = client_attestation_pop(instance, audience=BASE, challenge=challenge, now=now)
        if case == "no headers":
            headers: dict[str, str] = {}
        elif case == "other provider":
            headers = attestation_headers(
                _forged_attestation(public_jwk(instance), iss="someone else"), pop
            )
        elif case == "expired":
            headers = attestation_headers(
                _forged_attestation(public_jwk(instance), exp=now - 5), pop
            )
        elif case == "pop by another key":
            headers = _headers(provider, challenge)
            headers["OAuth-Client-Attestation-PoP"] = pop  # signed by a key cnf does not name
        elif case == "wrong aud":
            headers = _headers(provider, challenge, aud="https://elsewhere.example")
        elif case == "wrong typ":
            token, key = provider.client_attestation()
            parts = jwt_parts(token)
            assert parts is not None
            header = dict(parts[0], typ="JWT")
            headers = attestation_headers(
                token, client_attestation_pop(key, audience=BASE, challenge=challenge, now=now)
            )
            headers["OAuth-Client-Attestation"] = sign_jwt(header, parts[1], generate_key("ES256"))
        else:
            headers = _headers(provider, challenge)
            extra = {"client_id": "somebody-else"}
        response = _token(client, str(offer.pre_authorized_code), headers, **extra)
    assert response.status_code == 401, response.text
    assert response.json()["error"] == "invalid_client"
    assert needle in response.json()["error_description"]
    assert not attested.offer_used(offer)  # nothing spent


def test_par_needs_the_wallet_attestation_and_authorize_needs_par(attested: DemoIssuer) -> None:
    provider = DevWalletProvider("wallet-app")
    _, challenge_s256 = pkce()
    params = {
        "response_type": "code",
        "client_id": "wallet-app",
        "redirect_uri": REDIRECT,
        "code_challenge": challenge_s256,
        "code_challenge_method": "S256",
        "scope": "pid",
    }
    with client_for(attested) as client:
        refused = client.post("/par", data=params)
        assert (refused.status_code, refused.json()["error"]) == (401, "invalid_client")
        ok = client.post("/par", data=params, headers=_headers(provider, _challenge(client)))
        assert ok.status_code == 201, ok.text
        direct = client.get("/authorize", params=params)
        assert direct.status_code in (302, 400)
        assert "pushed authorization request required" in (
            direct.headers.get("location", "") + direct.text
        ).replace("+", " ")


def _access(client: httpx.Client, issuer: DemoIssuer, provider: DevWalletProvider) -> str:
    offer = issuer.create_offer(["pid_sd_jwt"])
    response = _token(
        client, str(offer.pre_authorized_code), _headers(provider, _challenge(client))
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def _proof(holder: Holder, nonce: str, key_attestation: str | None) -> str:
    return make_proof_jwt(
        holder.key,
        alg="ES256",
        audience=BASE,
        nonce=nonce,
        client_id="wallet-app",
        issued_at=int(time.time()),
        key_attestation=key_attestation,
    )


def _credential(client: httpx.Client, token: str, proof: str) -> httpx.Response:
    return client.post(
        "/credential",
        json={"credential_configuration_id": "pid_sd_jwt", "proofs": {"jwt": [proof]}},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_proof_with_a_key_attestation_issues(attested: DemoIssuer) -> None:
    provider = DevWalletProvider("wallet-app")
    holder = Holder()
    with client_for(attested) as client:
        token = _access(client, attested, provider)
        nonce = fresh_nonce(client)
        key_att = provider.key_attestation(
            [holder.key],
            nonce=nonce,
            key_storage=["iso_18045_moderate"],
            user_authentication=["iso_18045_moderate"],
        )
        proof = _proof(holder, nonce, key_att)
        response = _credential(client, token, proof)
    assert response.status_code == 200, response.text
    assert len(response.json()["credentials"]) == 1


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("missing", "key attestation is required"),
        ("other key", "not in attested_keys"),
        ("weak storage", "key_storage"),
        ("other nonce", "nonce"),
        ("untrusted provider", "not a wallet provider"),
    ],
)
def test_bad_key_attestations_are_invalid_proof(
    attested: DemoIssuer, case: str, needle: str
) -> None:
    provider = DevWalletProvider("wallet-app")
    holder = Holder()
    with client_for(attested) as client:
        token = _access(client, attested, provider)
        nonce = fresh_nonce(client)
        keys = [holder.key]
        storage = ["iso_18045_moderate"]
        att_nonce = nonce
        if case == "other key":
            keys = [generate_key("ES256")]
        elif case == "weak storage":
            storage = ["iso_18045_basic"]
        elif case == "other nonce":
            att_nonce = fresh_nonce(client)
        key_att = provider.key_attestation(
            keys, nonce=att_nonce, key_storage=storage, user_authentication=storage
        )
        if case == "untrusted provider":
            parts = jwt_parts(key_att)
            assert parts is not None
            signer = generate_key("ES256")
            header = dict(parts[0], jwk=public_jwk(signer))
            key_att = sign_jwt(header, dict(parts[1], iss="someone else"), signer)
        proof = _proof(holder, nonce, None if case == "missing" else key_att)
        response = _credential(client, token, proof)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_proof"
    assert needle in response.json()["error_description"]
