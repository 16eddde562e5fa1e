"""Wallet attestation and key attestation pieces: the PoP, the development provider, the
provider file and the proofs hook (OID4VCI 1.0 App. D, E, F.1, F.3)."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from joserfc import jws
from joserfc.jwk import ECKey
from joserfc.jws import JWSRegistry

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import AttestationRequired, IssuerError, UsageError
from wallet_app.oid4vci.attestation import (
    ATTESTATION_HEADER,
    CHALLENGE_HEADER,
    CLIENT_ATTESTATION_TYP,
    KEY_ATTESTATION_TYP,
    POP_HEADER,
    POP_TYP,
    HeaderSource,
    attestation_headers,
    client_attestation_pop,
    jwt_parts,
    key_attestation_requirement,
    requires_wallet_attestation,
)
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.dpop import DPoPKey
from wallet_app.oid4vci.exchange import Exchange, redact_jwt
from wallet_app.oid4vci.http import DPoPSession, HttpSession
from wallet_app.oid4vci.metadata import parse_auth_server_metadata, parse_issuer_metadata
from wallet_app.oid4vci.proof import choose_proof_alg, generate_key, private_jwk, public_jwk
from wallet_app.oid4vci.token import build_pre_authorized_token_form
from wallet_app.wallet.wallet_provider import (
    DEV_PROVIDER_ISSUER,
    DevWalletProvider,
    FileWalletProvider,
    load_wallet_provider,
    make_proofs,
)

ISSUER = "https://issuer.example"
DEMO = "https://demo.example"
NOW = 1_800_000_000


def _verified(token: str, key: object) -> tuple[dict[str, object], dict[str, object]]:
    """Header and claims of a JWS whose signature ``key`` verifies (raises otherwise)."""
    registry = JWSRegistry(algorithms=["ES256"], strict_check_header=False)
    registry.max_header_length = 16_384  # a proof header carries a whole key attestation
    obj = jws.deserialize_compact(token, key, registry=registry)  # type: ignore[arg-type]
    return dict(obj.headers()), json.loads(obj.payload)


def _header_key(token: str) -> ECKey:
    parts = jwt_parts(token)
    assert parts is not None
    jwk = parts[0]["jwk"]
    assert isinstance(jwk, dict)
    return ECKey.import_key(jwk)


def _metadata(proof_types: dict[str, object]) -> object:
    doc = {
        "credential_issuer": ISSUER,
        "credential_endpoint": f"{ISSUER}/credential",
        "credential_configurations_supported": {
            "pid": {
                "format": "dc+sd-jwt",
                "vct": "urn:eudi:pid:1",
                "cryptographic_binding_methods_supported": ["jwk"],
                "proof_types_supported": proof_types,
            }
        },
    }
    return parse_issuer_metadata(doc, expected_issuer=ISSUER).configurations["pid"]


REQUIRED = {
    "jwt": {
        "proof_signing_alg_values_supported": ["ES256"],
        "key_attestations_required": {
            "key_storage": ["iso_18045_moderate"],
            "user_authentication": ["iso_18045_high"],
        },
    }
}


def test_pop_is_signed_by_the_instance_key_with_aud_jti_iat_and_challenge() -> None:
    key = generate_key("ES256")
    pop = client_attestation_pop(key, audience=ISSUER, challenge="ch-1", now=NOW, client_id="w")
    header, claims = _verified(pop, key)
    assert header == {"typ": POP_TYP, "alg": "ES256"}
    assert claims["aud"] == ISSUER and claims["iat"] == NOW and claims["challenge"] == "ch-1"
    assert claims["iss"] == "w" and isinstance(claims["jti"], str) and len(claims["jti"]) >= 16
    other = client_attestation_pop(key, audience=ISSUER, challenge=None, now=NOW)
    _, other_claims = _verified(other, key)
    assert "challenge" not in other_claims and "iss" not in other_claims
    assert other_claims["jti"] != claims["jti"]  # a fresh jti every time
    assert attestation_headers("a.b.c", pop) == {ATTESTATION_HEADER: "a.b.c", POP_HEADER: pop}


def test_dev_provider_client_attestation_binds_the_instance_key() -> None:
    provider = DevWalletProvider("wallet-app", clock=lambda: NOW)
    token, instance = provider.client_attestation()
    header, claims = _verified(token, _header_key(token))
    assert header["typ"] == CLIENT_ATTESTATION_TYP and "d" not in header["jwk"]  # type: ignore[operator]
    assert claims["iss"] == DEV_PROVIDER_ISSUER and claims["sub"] == "wallet-app"
    assert claims["exp"] == NOW + 3600 and claims["iat"] == NOW
    assert claims["cnf"] == {"jwk": public_jwk(instance)}
    assert provider.client_id == "wallet-app" and provider.development
    assert "Development" in provider.label and "not for production" in provider.label
    assert provider.client_attestation() == (token, instance)  # reused while fresh
    # the provider key signs, not the instance key
    with pytest.raises(Exception):  # noqa: B017 - joserfc's BadSignatureError
        _verified(token, instance)


def test_dev_provider_key_attestation_lists_the_keys_and_the_nonce() -> None:
    provider = DevWalletProvider("wallet-app", clock=lambda: NOW)
    keys = [generate_key("ES256") for _ in range(3)]
    token = provider.key_attestation(
        keys, nonce="n-1", key_storage=["iso_18045_moderate"], user_authentication=[]
    )
    header, claims = _verified(token, _header_key(token))
    assert header["typ"] == KEY_ATTESTATION_TYP
    assert claims["attested_keys"] == [public_jwk(k) for k in keys]
    assert claims["nonce"] == "n-1" and claims["key_storage"] == ["iso_18045_moderate"]
    assert "user_authentication" not in claims and claims["exp"] == NOW + 300
    # the same provider signs both attestations
    client_attestation, _ = provider.client_attestation()
    assert _header_key(token).thumbprint() == _header_key(client_attestation).thumbprint()


def test_requirement_is_read_in_full_from_the_metadata() -> None:
    conf = _metadata(REQUIRED)
    requirement = key_attestation_requirement(conf, "jwt")  # type: ignore[arg-type]
    assert requirement is not None
    assert requirement.key_storage == ("iso_18045_moderate",)
    assert requirement.user_authentication == ("iso_18045_high",)
    plain = _metadata({"jwt": {"proof_signing_alg_values_supported": ["ES256"]}})
    assert key_attestation_requirement(plain, "jwt") is None  # type: ignore[arg-type]


def test_make_proofs_sends_one_jwt_proof_attesting_every_key() -> None:
    """With a key attestation, ONE jwt proof (signed by the first key) whose key_attestation
    lists all keys: App. F.1 asks the issuer for one credential per attested key, so N
    proofs each attesting N keys would ask for N²."""
    conf = _metadata(REQUIRED)
    provider = DevWalletProvider("wallet-app", clock=lambda: NOW)
    keys = [generate_key("ES256") for _ in range(3)]
    proof_type, proofs = make_proofs(
        conf,  # type: ignore[arg-type]
        keys,
        alg="ES256",
        audience=ISSUER,
        nonce="c-nonce",
        client_id="wallet-app",
        issued_at=NOW,
        provider=provider,
    )
    assert proof_type == "jwt" and len(proofs) == 1
    header, claims = _verified(proofs[0], keys[0])
    assert claims == {"aud": ISSUER, "iat": NOW, "nonce": "c-nonce", "iss": "wallet-app"}
    attestation = header["key_attestation"]
    assert isinstance(attestation, str)
    att_header, attested = _verified(attestation, _header_key(attestation))
    assert att_header["alg"] == "ES256"
    assert attested["attested_keys"] == [public_jwk(k) for k in keys]
    assert attested["key_storage"] == ["iso_18045_moderate"]
    assert attested["user_authentication"] == ["iso_18045_high"]
    assert attested["nonce"] == "c-nonce"


def test_the_key_attestation_is_signed_with_an_alg_the_issuer_lists() -> None:
    """App. F.1: the key_attestation's alg must be one of proof_signing_alg_values_supported;
    the development provider signs with the proofs' alg (ES384 here), not ES256 always."""
    es384 = {"jwt": dict(REQUIRED["jwt"], proof_signing_alg_values_supported=["ES384"])}
    conf = _metadata(es384)
    alg = choose_proof_alg(conf)  # type: ignore[arg-type]
    keys = [generate_key(alg)]
    _, proofs = make_proofs(
        conf,  # type: ignore[arg-type]
        keys,
        alg=alg,
        audience=ISSUER,
        nonce=None,
        client_id=None,
        issued_at=NOW,
        provider=DevWalletProvider("wallet-app", clock=lambda: NOW),
    )
    attestation = jwt_parts(proofs[0])[0]["key_attestation"]  # type: ignore[index]
    assert isinstance(attestation, str)
    header = jwt_parts(attestation)[0]  # type: ignore[index]
    assert alg == "ES384" and header["alg"] == "ES384"
    jwk = header["jwk"]
    assert isinstance(jwk, dict) and jwk["crv"] == "P-384"
    registry = JWSRegistry(algorithms=["ES384"], strict_check_header=False)
    jws.deserialize_compact(attestation, ECKey.import_key(jwk), registry=registry)


def test_make_proofs_uses_the_attestation_proof_type_when_only_that_is_listed() -> None:
    conf = _metadata({"attestation": {"proof_signing_alg_values_supported": ["ES256"]}})
    keys = [generate_key("ES256")]
    proof_type, proofs = make_proofs(
        conf,  # type: ignore[arg-type]
        keys,
        alg="ES256",
        audience=ISSUER,
        nonce=None,
        client_id=None,
        issued_at=NOW,
        provider=DevWalletProvider("wallet-app", clock=lambda: NOW),
    )
    assert proof_type == "attestation" and len(proofs) == 1
    header, claims = _verified(proofs[0], _header_key(proofs[0]))
    assert header["typ"] == KEY_ATTESTATION_TYP and "nonce" not in claims
    assert claims["attested_keys"] == [public_jwk(keys[0])]


def test_make_proofs_without_a_provider_names_what_is_missing() -> None:
    conf = _metadata(REQUIRED)
    with pytest.raises(AttestationRequired) as info:
        make_proofs(
            conf,  # type: ignore[arg-type]
            [generate_key("ES256")],
            alg="ES256",
            audience=ISSUER,
            nonce=None,
            client_id=None,
            issued_at=NOW,
            provider=None,
        )
    assert info.value.code == "key_attestation_required"
    assert info.value.missing == ("key_attestation",)
    assert "key attestation" in info.value.user_message
    assert "development wallet provider" in info.value.user_message
    assert "--wallet-provider dev" in (info.value.detail or "")
    plain = _metadata({"jwt": {"proof_signing_alg_values_supported": ["ES256"]}})
    proof_type, proofs = make_proofs(
        plain,  # type: ignore[arg-type]
        [generate_key("ES256")],
        alg="ES256",
        audience=ISSUER,
        nonce=None,
        client_id=None,
        issued_at=NOW,
        provider=None,
    )
    header, _ = _verified(proofs[0], _header_key(proofs[0]))
    assert proof_type == "jwt" and "key_attestation" not in header


def test_as_requiring_attestation_based_client_auth() -> None:
    base = {
        "issuer": ISSUER,
        "token_endpoint": f"{ISSUER}/token",
        "response_types_supported": ["code"],
    }
    only = dict(base, token_endpoint_auth_methods_supported=["attest_jwt_client_auth"])
    either = dict(base, token_endpoint_auth_methods_supported=["none", "attest_jwt_client_auth"])
    assert requires_wallet_attestation(parse_auth_server_metadata(only, expected_issuer=ISSUER))
    assert not requires_wallet_attestation(
        parse_auth_server_metadata(either, expected_issuer=ISSUER)
    )
    assert not requires_wallet_attestation(parse_auth_server_metadata(base, expected_issuer=ISSUER))


def test_provider_spec_none_dev_and_file(tmp_path: Path) -> None:
    assert load_wallet_provider(None) is None
    dev = load_wallet_provider("dev", client_id="my-client")
    assert isinstance(dev, DevWalletProvider) and dev.client_id == "my-client"
    # a provider file as a real provider would hand it out: its attestation and instance key
    issued = DevWalletProvider("provider-sub", clock=lambda: NOW)
    attestation, instance = issued.client_attestation()
    key_att = issued.key_attestation([instance], nonce=None, key_storage=[], user_authentication=[])
    path = tmp_path / "provider.json"
    path.write_text(
        json.dumps(
            {
                "client_attestation": attestation,
                "instance_key": private_jwk(instance),
                "key_attestation": key_att,
            }
        ),
        encoding="utf-8",
    )
    loaded = load_wallet_provider("provider.json", data_dir=tmp_path)
    assert isinstance(loaded, FileWalletProvider) and not loaded.development
    assert (
        loaded.client_id == "provider-sub" and loaded.label == "Wallet provider file provider.json"
    )
    token, key = loaded.client_attestation()
    assert token == attestation and public_jwk(key) == public_jwk(instance)
    # the file's key attestation names keys fixed when it was made: never the new keys of
    # a request, not even the keys it lists (check_supported refuses such issuers earlier)
    for keys in ([instance], [generate_key("ES256")]):
        with pytest.raises(AttestationRequired, match="no key attestation for the keys"):
            loaded.key_attestation(keys, nonce=None, key_storage=[], user_authentication=[])


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"client_attestation": "a.b.c"}),
        json.dumps({"client_attestation": "x", "instance_key": {"kty": "EC"}}),
    ],
)
def test_bad_provider_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_wallet_provider(str(path))
    assert str(path) in info.value.user_message
    assert info.value.code in ("wallet_provider_unreadable", "wallet_provider_invalid")
    with pytest.raises(UsageError, match="could not be read"):
        load_wallet_provider(str(tmp_path / "missing.json"))


def _attested_client(issuer: DemoIssuer) -> tuple[Oid4vciClient, list[Exchange]]:
    seen: list[Exchange] = []
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    return Oid4vciClient(HttpSession(http, on_exchange=seen.append)), seen


def _source(provider: DevWalletProvider, audience: str) -> HeaderSource:
    def build(challenge: str | None) -> dict[str, str]:
        token, key = provider.client_attestation()
        pop = client_attestation_pop(key, audience=audience, challenge=challenge, now=_now())
        return attestation_headers(token, pop)

    return build


def _now() -> int:  # the demo issuer checks iat against the real clock
    return int(time.time())


def test_client_fetches_the_challenge_then_sends_the_attestation() -> None:
    """The demo issuer (in process) advertises a challenge endpoint: one challenge request,
    one token request that carries both headers and the challenge."""
    issuer = DemoIssuer(DEMO, DemoConfig(require_wallet_attestation=True))
    client, seen = _attested_client(issuer)
    auth = client.fetch_auth_server_metadata(DEMO)
    offer = issuer.create_offer(["pid_sd_jwt"])
    form = build_pre_authorized_token_form(
        pre_authorized_code=str(offer.pre_authorized_code), tx_code=None, client_id=None
    )
    provider = DevWalletProvider("wallet-app")
    token = client.request_token(auth, form, headers=_source(provider, auth.issuer))
    assert token.access_token
    steps = [(e.step, e.status) for e in seen if e.step != "authorization server metadata"]
    assert steps == [("attestation challenge", 200), ("token", 200)]
    sent = seen[-1].request_headers
    # the trace keeps it readable, its keys (cnf.jwk: the wallet instance key) as
    # thumbprints and no signature (oid4vci/exchange.py: the trace outlives credentials)
    attestation = provider.client_attestation()[0]
    assert sent[ATTESTATION_HEADER] == redact_jwt(attestation) != attestation
    assert sent[ATTESTATION_HEADER].endswith(".")
    _, pop = jwt_parts(sent[POP_HEADER]) or ({}, {})
    assert pop["challenge"] == json.loads(seen[-2].response_body or "{}")["attestation_challenge"]


def test_client_retries_once_with_the_challenge_the_server_hands_out() -> None:
    """An AS that names no challenge endpoint answers use_attestation_challenge with a
    challenge header: the wallet sends once more with it (and only once)."""
    issuer = DemoIssuer(DEMO, DemoConfig(require_wallet_attestation=True))
    client, seen = _attested_client(issuer)
    auth = client.fetch_auth_server_metadata(DEMO)
    quiet = replace(auth, raw={k: v for k, v in auth.raw.items() if k != "challenge_endpoint"})
    offer = issuer.create_offer(["pid_sd_jwt"])
    form = build_pre_authorized_token_form(
        pre_authorized_code=str(offer.pre_authorized_code), tx_code=None, client_id=None
    )
    provider = DevWalletProvider("wallet-app")
    token = client.request_token(quiet, form, headers=_source(provider, auth.issuer))
    assert token.access_token
    tokens = [e for e in seen if e.step == "token"]
    assert [e.status for e in tokens] == [400, 200]
    assert CHALLENGE_HEADER.lower() in {k.lower() for k in tokens[0].response_headers}
    # a provider whose attestation the AS does not accept: refused, no endless retry
    other = DemoIssuer(DEMO, DemoConfig(require_wallet_attestation=True))
    client2, seen2 = _attested_client(other)
    offer2 = other.create_offer(["pid_sd_jwt"])
    form2 = dict(form, **{"pre-authorized_code": str(offer2.pre_authorized_code)})
    with pytest.raises(IssuerError) as info:
        client2.request_token(quiet, form2, headers=_source(provider, "https://elsewhere.example"))
    assert info.value.error == "invalid_client" and info.value.status == 401
    assert len([e for e in seen2 if e.step == "token"]) == 1


@pytest.mark.parametrize("before_dpop", [False, True])
def test_dpop_nonce_retry_sends_a_new_attestation_pop(before_dpop: bool) -> None:
    """An AS that needs wallet attestation, DPoP and a DPoP nonce: the DPoP nonce retry
    carries a PoP with a new jti. An AS that checks the attestation before DPoP has spent
    the first PoP (and its challenge) when it asks for the nonce: the wallet then follows
    its use_attestation_challenge once more and is issued a token, no reused jti."""
    issuer = DemoIssuer(
        DEMO,
        DemoConfig(
            require_wallet_attestation=True,
            dpop=True,
            dpop_nonce=True,
            attestation_before_dpop=before_dpop,
        ),
    )
    client, seen = _attested_client(issuer)
    auth = client.fetch_auth_server_metadata(DEMO)
    offer = issuer.create_offer(["pid_sd_jwt"])
    form = build_pre_authorized_token_form(
        pre_authorized_code=str(offer.pre_authorized_code), tx_code=None, client_id=None
    )
    provider = DevWalletProvider("wallet-app")
    dpop = DPoPSession(DPoPKey.generate())
    token = client.request_token(auth, form, dpop=dpop, headers=_source(provider, auth.issuer))
    assert token.access_token and token.token_type == "DPoP"
    tokens = [e for e in seen if e.step.startswith("token")]
    jtis = [(jwt_parts(e.request_headers[POP_HEADER]) or ({}, {}))[1]["jti"] for e in tokens]
    assert len(set(jtis)) == len(jtis) >= 2  # every send its own PoP
    assert tokens[-1].status == 200
    expected = [400, 400, 200] if before_dpop else [400, 200]
    assert [e.status for e in tokens] == expected
    if before_dpop:  # the spent challenge was replaced by the one the AS handed out
        assert "use_attestation_challenge" in (tokens[1].response_body or "")


def test_a_provider_file_readable_by_others_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The file holds the instance private key in plain text: group/world-readable on POSIX
    is logged as a warning (the path and mode, never the key)."""
    issued = DevWalletProvider("provider-sub", clock=lambda: NOW)
    attestation, instance = issued.client_attestation()
    path = tmp_path / "provider.json"
    doc = {"client_attestation": attestation, "instance_key": private_jwk(instance)}
    path.write_text(json.dumps(doc), encoding="utf-8")
    path.chmod(0o600)
    with caplog.at_level("WARNING", logger="wallet_app.wallet.wallet_provider"):
        load_wallet_provider(str(path))
    assert not caplog.records
    path.chmod(0o644)
    with caplog.at_level("WARNING", logger="wallet_app.wallet.wallet_provider"):
        load_wallet_provider(str(path))
    assert "can be read by other users" in caplog.text and "644" in caplog.text
    assert str(private_jwk(instance)["d"]) not in caplog.text
