from __future__ import annotations

import dataclasses

import pytest

from wallet_app.oid4vci.models import (
    AuthServerMetadata,
    CredentialConfiguration,
    CredentialOffer,
    IssuerMetadata,
    PreAuthorizedCodeGrant,
    ProofTypeSupport,
    TxCode,
)


def _config(**overrides: object) -> CredentialConfiguration:
    values: dict[str, object] = {
        "id": "c",
        "format": "dc+sd-jwt",
        "scope": None,
        "binding_methods": (),
        "signing_algs": (),
        "proof_types": {},
        "display": (),
        "claims": (),
        "vct": "urn:x",
        "doctype": None,
        "raw": {},
    }
    values.update(overrides)
    return CredentialConfiguration(**values)  # type: ignore[arg-type]


def _issuer(servers: tuple[str, ...]) -> IssuerMetadata:
    return IssuerMetadata(
        credential_issuer="https://issuer.example",
        authorization_servers=servers,
        credential_endpoint="https://issuer.example/credential",
        nonce_endpoint=None,
        deferred_credential_endpoint=None,
        notification_endpoint=None,
        batch_size=None,
        display=(),
        configurations={},
        raw={},
    )


def test_values_are_frozen() -> None:
    tx = TxCode()
    with pytest.raises(dataclasses.FrozenInstanceError):
        tx.length = 4  # type: ignore[misc]
    assert tx == TxCode(input_mode="numeric", length=None, description=None)


def test_secrets_and_raw_stay_out_of_repr() -> None:
    grant = PreAuthorizedCodeGrant(pre_authorized_code="SECRET-CODE", tx_code=TxCode())
    offer = CredentialOffer(
        credential_issuer="https://issuer.example",
        credential_configuration_ids=("a",),
        authorization_code=None,
        pre_authorized_code=grant,
        raw={"grants": "SECRET-CODE"},
    )
    assert "SECRET-CODE" not in repr(grant)
    assert "SECRET-CODE" not in repr(offer)
    assert offer.legacy is False


def test_requires_proof() -> None:
    assert not _config().requires_proof
    assert _config(binding_methods=("jwk",)).requires_proof
    assert _config(proof_types={"jwt": ProofTypeSupport(signing_algs=("ES256",))}).requires_proof


def test_auth_server_ids_defaults_to_issuer() -> None:
    assert _issuer(()).auth_server_ids() == ("https://issuer.example",)
    servers = ("https://as1.example", "https://as2.example")
    assert _issuer(servers).auth_server_ids() == servers


def test_auth_server_metadata_defaults() -> None:
    meta = AuthServerMetadata(
        issuer="https://as.example",
        authorization_endpoint=None,
        token_endpoint="https://as.example/token",
        pushed_authorization_request_endpoint=None,
        require_pushed_authorization_requests=False,
        code_challenge_methods_supported=(),
        dpop_signing_alg_values_supported=(),
        pre_authorized_grant_anonymous_access_supported=False,
        authorization_response_iss_parameter_supported=False,
        authorization_details_types_supported=(),
        grant_types_supported=(),
        scopes_supported=(),
        raw={"x": 1},
    )
    assert meta.url == ""
    assert "raw" not in repr(meta)
