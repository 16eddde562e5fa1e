from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from wallet_app.errors import MetadataError
from wallet_app.oid4vci.dialect import version_label
from wallet_app.oid4vci.metadata import (
    auth_server_metadata_urls,
    issuer_metadata_urls,
    legacy_auth_server_metadata,
    parse_auth_server_metadata,
    parse_credential_configuration,
    parse_display,
    parse_issuer_metadata,
    select_auth_server,
)
from wallet_app.oid4vci.models import (
    ClaimDescription,
    ClaimDisplay,
    Display,
    IssuerMetadata,
    Logo,
    ProofTypeSupport,
)
from wallet_app.oid4vci.offer import PRE_AUTHORIZED_GRANT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "oid4vci-1.0"
ISSUER = "https://credential-issuer.example.com"


def _fixture(name: str) -> dict[str, object]:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _minimal(**fields: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "credential_issuer": ISSUER,
        "credential_endpoint": ISSUER + "/credential",
        "credential_configurations_supported": {"c": {"format": "dc+sd-jwt", "vct": "urn:c"}},
    }
    doc.update(fields)
    return doc


def _parse(doc: dict[str, object]) -> IssuerMetadata:
    return parse_issuer_metadata(doc, expected_issuer=ISSUER)


# --- well-known URLs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issuer", "urls"),
    [
        (
            "https://credential-issuer.example.com",
            ("https://credential-issuer.example.com/.well-known/openid-credential-issuer",),
        ),
        (
            "https://i.example/tenant",
            (
                "https://i.example/.well-known/openid-credential-issuer/tenant",
                "https://i.example/tenant/.well-known/openid-credential-issuer",
            ),
        ),
        (
            "https://i.example/t/",
            (
                "https://i.example/.well-known/openid-credential-issuer/t/",
                "https://i.example/t/.well-known/openid-credential-issuer",
            ),
        ),
        (
            "https://i.example:8443/a/b",
            (
                "https://i.example:8443/.well-known/openid-credential-issuer/a/b",
                "https://i.example:8443/a/b/.well-known/openid-credential-issuer",
            ),
        ),
        (
            "http://127.0.0.1:5000",
            ("http://127.0.0.1:5000/.well-known/openid-credential-issuer",),
        ),
        (
            "https://i.example/",
            (
                "https://i.example/.well-known/openid-credential-issuer/",
                "https://i.example/.well-known/openid-credential-issuer",
            ),
        ),
    ],
)
def test_issuer_metadata_urls(issuer: str, urls: tuple[str, ...]) -> None:
    assert issuer_metadata_urls(issuer) == urls


@pytest.mark.parametrize(
    ("as_id", "urls"),
    [
        (  # RFC 8414 §3.1 example
            "https://example.com/issuer1",
            (
                "https://example.com/.well-known/oauth-authorization-server/issuer1",
                "https://example.com/issuer1/.well-known/oauth-authorization-server",
                "https://example.com/issuer1/.well-known/openid-configuration",
            ),
        ),
        (
            "https://example.com",
            (
                "https://example.com/.well-known/oauth-authorization-server",
                "https://example.com/.well-known/openid-configuration",
            ),
        ),
        (
            "https://kc.example:8443/realms/pid/",
            (
                "https://kc.example:8443/.well-known/oauth-authorization-server/realms/pid",
                "https://kc.example:8443/realms/pid/.well-known/oauth-authorization-server",
                "https://kc.example:8443/realms/pid/.well-known/openid-configuration",
            ),
        ),
    ],
)
def test_auth_server_metadata_urls(as_id: str, urls: tuple[str, ...]) -> None:
    assert auth_server_metadata_urls(as_id) == urls


@pytest.mark.parametrize(
    "bad", ["ftp://i.example", "i.example/x", "https://i.example?x=1", "https://i.example#f"]
)
def test_malformed_identifiers(bad: str) -> None:
    with pytest.raises(MetadataError, match="not valid"):
        issuer_metadata_urls(bad)
    with pytest.raises(MetadataError, match="not valid"):
        auth_server_metadata_urls(bad)


# --- issuer metadata: the spec example ------------------------------------------------------


def test_spec_issuer_metadata() -> None:
    doc = _fixture("credential_issuer_metadata_sd_jwt_long.json")
    url = "https://credential-issuer.example.com/.well-known/openid-credential-issuer"
    meta = parse_issuer_metadata(doc, expected_issuer=str(doc["credential_issuer"]), url=url)
    assert meta.credential_issuer == ISSUER
    assert meta.url == url
    assert meta.authorization_servers == ("https://server.example.com",)
    assert meta.auth_server_ids() == ("https://server.example.com",)
    assert meta.credential_endpoint == ISSUER + "/credential"
    assert meta.nonce_endpoint == ISSUER + "/nonce"
    assert meta.deferred_credential_endpoint == ISSUER + "/deferred_credential"
    assert meta.notification_endpoint == ISSUER + "/notification"
    assert meta.batch_size == 10
    assert meta.request_encryption_required and meta.response_encryption_required
    assert meta.legacy_token_endpoint is None
    assert meta.display[1] == Display(
        name="Example Université",
        locale="fr-FR",
        logo=Logo(
            uri="https://university.example.edu/public/logo.png",
            alt_text="Un logo universitaire carré",
        ),
    )
    config = meta.configurations["SD_JWT_VC_example_in_OpenID4VCI"]
    assert config.format == "dc+sd-jwt"
    assert config.scope == "SD_JWT_VC_example_in_OpenID4VCI"
    assert config.vct == "SD_JWT_VC_example_in_OpenID4VCI"
    assert config.binding_methods == ("jwk",)
    assert config.signing_algs == ("ES256",)
    assert config.proof_types == {
        "jwt": ProofTypeSupport(signing_algs=("ES256",), key_attestations_required=True)
    }
    assert config.requires_proof
    assert (
        config.display[0].description == "A credential that signals the membership of a university"
    )
    assert config.display[0].background_color == "#12107c"
    assert config.display[0].text_color == "#FFFFFF"
    assert len(config.claims) == 13
    assert config.claims[0] == ClaimDescription(
        path=("given_name",),
        display=(ClaimDisplay("Given Name", "en-US"), ClaimDisplay("Vorname", "de-DE")),
    )
    assert config.claims[5].path == ("address", "street_address")
    assert version_label(doc) == "1.0"


@pytest.mark.parametrize(
    "name",
    [
        "credential_metadata_jwt_vc_json.json",
        "credential_metadata_ldp_vc.json",
        "credential_metadata_mso_mdoc.json",
        "credential_metadata_sd_jwt_vc.json",
    ],
)
def test_spec_configuration_fragments(name: str) -> None:
    configs = _fixture(name)["credential_configurations_supported"]
    assert isinstance(configs, dict)
    for config_id, entry in configs.items():
        config = parse_credential_configuration(config_id, entry)
        assert config.id == config_id
        assert config.display and config.display[0].name
        assert config.claims
        assert config.raw == entry
        # each fragment also parses inside a full document
        meta = _parse(_minimal(credential_configurations_supported={config_id: entry}))
        assert meta.configurations[config_id] == config


def test_spec_mdoc_fragment_details() -> None:
    entry = _fixture("credential_metadata_mso_mdoc.json")["credential_configurations_supported"]
    assert isinstance(entry, dict)
    config = parse_credential_configuration("org.iso.18013.5.1.mDL", entry["org.iso.18013.5.1.mDL"])
    assert config.doctype == "org.iso.18013.5.1.mDL"
    assert config.signing_algs == (-7, -9)
    assert config.binding_methods == ("cose_key",)
    assert config.proof_types == {}
    assert config.requires_proof
    assert config.claims[2] == ClaimDescription(
        path=("org.iso.18013.5.1", "birth_date"), mandatory=True
    )
    assert config.display[1].locale == "ja-JP"


def test_spec_jwt_vc_fragment_details() -> None:
    entry = _fixture("credential_metadata_jwt_vc_json.json")["credential_configurations_supported"]
    assert isinstance(entry, dict)
    config = parse_credential_configuration("U", entry["UniversityDegreeCredential"])
    assert config.claims[3] == ClaimDescription(
        path=("credentialSubject", "gpa"), mandatory=True, display=(ClaimDisplay("GPA"),)
    )
    assert config.proof_types["jwt"] == ProofTypeSupport(signing_algs=("ES256",))


# --- issuer metadata validation ---------------------------------------------------------------


def test_issuer_mismatch_shows_both() -> None:
    doc = _minimal(credential_issuer="https://credential-issuer.example.com/")
    with pytest.raises(MetadataError) as info:
        parse_issuer_metadata(doc, expected_issuer=ISSUER, url="https://x.example/wk")
    err = info.value
    assert "https://credential-issuer.example.com/" in err.user_message
    assert ISSUER in err.user_message
    assert err.detail == (
        "credential_issuer mismatch: expected 'https://credential-issuer.example.com', "
        "received 'https://credential-issuer.example.com/' (from https://x.example/wk)"
    )


def test_issuer_missing() -> None:
    doc = _minimal()
    del doc["credential_issuer"]
    with pytest.raises(MetadataError) as info:
        _parse(doc)
    assert info.value.detail == (f"credential_issuer mismatch: expected {ISSUER!r}, received None")


def test_credential_endpoint_required() -> None:
    doc = _minimal()
    del doc["credential_endpoint"]
    with pytest.raises(MetadataError, match="no credential endpoint"):
        _parse(doc)


@pytest.mark.parametrize("value", ["/credential", 42, "ftp://x.example/c", ""])
def test_invalid_endpoint(value: object) -> None:
    with pytest.raises(MetadataError, match="invalid address for credential_endpoint"):
        _parse(_minimal(credential_endpoint=value))
    with pytest.raises(MetadataError, match="invalid address for nonce_endpoint"):
        _parse(_minimal(nonce_endpoint=value))


def test_credential_endpoint_may_have_query() -> None:
    meta = _parse(_minimal(credential_endpoint="https://i.example/c?tenant=1"))
    assert meta.credential_endpoint == "https://i.example/c?tenant=1"


def test_minimal_defaults() -> None:
    meta = _parse(_minimal())
    assert meta.authorization_servers == ()
    assert meta.auth_server_ids() == (ISSUER,)
    assert meta.nonce_endpoint is None
    assert meta.batch_size is None
    assert meta.display == ()
    assert not meta.request_encryption_required and not meta.response_encryption_required
    config = meta.configurations["c"]
    assert config.claims == () and config.display == () and not config.requires_proof


@pytest.mark.parametrize(
    ("batch", "size"),
    [
        ({"batch_size": 2}, 2),
        ({"batch_size": 1}, None),
        ({"batch_size": True}, None),
        ({"batch_size": "5"}, None),
        ({}, None),
        (5, None),
    ],
)
def test_batch_size(batch: object, size: int | None) -> None:
    assert _parse(_minimal(batch_credential_issuance=batch)).batch_size == size


def test_authorization_servers_variants() -> None:
    servers = ["https://a.example", "https://b.example"]
    assert _parse(_minimal(authorization_servers=servers)).authorization_servers == tuple(servers)
    legacy = _parse(_minimal(authorization_server="https://a.example"))
    assert legacy.authorization_servers == ("https://a.example",)
    assert _parse(_minimal(authorization_servers=[])).authorization_servers == ()
    assert _parse(_minimal(authorization_servers="x")).authorization_servers == ()


def test_encryption_flags() -> None:
    meta = _parse(
        _minimal(
            credential_response_encryption={"encryption_required": "yes"},
            credential_request_encryption={"encryption_required": True},
        )
    )
    assert meta.request_encryption_required and not meta.response_encryption_required


def test_malformed_configurations_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    configs = {
        "good": {"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL"},
        "no-format": {"scope": "x"},
        "not-object": ["format"],
    }
    with caplog.at_level(logging.WARNING):
        meta = _parse(_minimal(credential_configurations_supported=configs))
    assert list(meta.configurations) == ["good"]
    assert "'no-format'" in caplog.text and "'not-object'" in caplog.text


@pytest.mark.parametrize("configs", [{}, {"bad": {}}, None, "x"])
def test_no_usable_configuration(configs: object) -> None:
    with pytest.raises(MetadataError, match="does not describe any credential"):
        _parse(_minimal(credential_configurations_supported=configs))


def test_configuration_field_tolerance() -> None:
    entry = {
        "format": "dc+sd-jwt",
        "scope": 5,
        "vct": "",
        "cryptographic_binding_methods_supported": "jwk",
        "credential_signing_alg_values_supported": ["ES256", -7, True, None],
        "proof_types_supported": {
            "jwt": {"proof_signing_alg_values_supported": ["ES256", 1]},
            "attestation": {
                "proof_signing_alg_values_supported": ["ES256"],
                "key_attestations_required": {},
            },
            "di_vp": {"key_attestations_required": False},
            "bad": "x",
        },
        "credential_metadata": "not-an-object",
        "display": [{"name": "Top-level display wins here"}, "junk"],
    }
    config = parse_credential_configuration("x", entry)
    assert config.scope is None and config.vct is None
    assert config.binding_methods == ()
    assert config.signing_algs == ("ES256", -7)
    assert config.proof_types == {
        "jwt": ProofTypeSupport(signing_algs=("ES256",)),
        "attestation": ProofTypeSupport(signing_algs=("ES256",), key_attestations_required=True),
        "di_vp": ProofTypeSupport(signing_algs=()),
    }
    assert config.display == (Display(name="Top-level display wins here"),)


def test_credential_metadata_wins_over_top_level() -> None:
    entry = {
        "format": "dc+sd-jwt",
        "display": [{"name": "old"}],
        "claims": [{"path": ["old"]}],
        "credential_metadata": {"display": [{"name": "new"}], "claims": [{"path": ["new"]}]},
    }
    config = parse_credential_configuration("x", entry)
    assert config.display == (Display(name="new"),)
    assert config.claims == (ClaimDescription(path=("new",)),)


def test_invalid_claim_descriptions_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    claims: list[object] = [
        {
            "path": ["a", 0, None],
            "mandatory": "yes",
            "display": [{"name": "A"}, "x", {"locale": 5}],
        },
        {"path": []},
        {"path": "a"},
        {"path": ["a", -1]},
        {"path": ["a", True]},
        {"path": [1.5]},
        {"display": []},
        "junk",
    ]
    with caplog.at_level(logging.WARNING):
        config = parse_credential_configuration("x", {"format": "f", "claims": claims})
    assert config.claims == (
        ClaimDescription(path=("a", 0, None), display=(ClaimDisplay(name="A"), ClaimDisplay())),
    )
    assert caplog.text.count("malformed claim description") == 1  # one line with the count
    assert "ignoring 7 malformed claim description(s) in 'x'" in caplog.text


def test_display_parsing() -> None:
    display = parse_display(
        [
            {
                "name": "Card",
                "logo": {"url": "https://i.example/legacy.png"},
                "background_image": {"uri": "data:image/png;base64,AAAA"},
            },
            {"name": "No logo uri", "logo": {"alt_text": "x"}, "background_image": "plain"},
        ]
    )
    assert display[0].logo == Logo(uri="https://i.example/legacy.png")
    assert display[0].background_image == "data:image/png;base64,AAAA"
    assert display[1].logo is None and display[1].background_image is None
    assert parse_display({"name": "not a list"}) == ()


# --- draft shapes -------------------------------------------------------------------------

# A realistic draft-13 document (shape of EUDI / walt.id issuers in 2024).
D13_METADATA: dict[str, object] = {
    "credential_issuer": "https://issuer.eudiw.dev",
    "authorization_servers": ["https://auth.eudiw.dev/realms/pid-issuer-realm"],
    "credential_endpoint": "https://issuer.eudiw.dev/wallet/credentialEndpoint",
    "batch_credential_endpoint": "https://issuer.eudiw.dev/wallet/batchCredentialEndpoint",
    "credential_response_encryption": {
        "alg_values_supported": ["RSA-OAEP-256"],
        "enc_values_supported": ["A128CBC-HS256"],
        "encryption_required": False,
    },
    "display": [{"name": "Digital Credentials Issuer", "locale": "en"}],
    "credential_configurations_supported": {
        "eu.europa.ec.eudi.pid_vc_sd_jwt": {
            "format": "vc+sd-jwt",
            "scope": "eu.europa.ec.eudi.pid_vc_sd_jwt",
            "cryptographic_binding_methods_supported": ["jwk"],
            "credential_signing_alg_values_supported": ["ES256"],
            "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}},
            "vct": "urn:eu.europa.ec.eudi:pid:1",
            "display": [
                {
                    "name": "PID",
                    "locale": "en",
                    "logo": {"uri": "https://issuer.eudiw.dev/pid.png", "alt_text": "PID"},
                }
            ],
            "claims": {
                "family_name": {
                    "mandatory": False,
                    "value_type": "string",
                    "display": [{"name": "Family Name(s)", "locale": "en"}],
                },
                "address": {
                    "display": [{"name": "Address", "locale": "en"}],
                    "street_address": {"display": [{"name": "Street", "locale": "en"}]},
                    "locality": {},
                },
                "nationalities": [{"display": [{"name": "Nationality", "locale": "en"}]}],
                "place_of_birth": {"country": {"mandatory": True}, "region": "string"},
                "age_over_18": "boolean",
            },
        },
        "eu.europa.ec.eudi.pid_mdoc": {
            "format": "mso_mdoc",
            "scope": "eu.europa.ec.eudi.pid.1",
            "doctype": "eu.europa.ec.eudi.pid.1",
            "cryptographic_binding_methods_supported": ["cose_key"],
            "credential_signing_alg_values_supported": ["ES256"],
            "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}},
            "display": [{"name": "PID (MSO Mdoc)", "locale": "en"}],
            "claims": {
                "eu.europa.ec.eudi.pid.1": {
                    "family_name": {"mandatory": True, "display": [{"name": "Family Name(s)"}]},
                    "birth_date": {},
                }
            },
            "order": ["eu.europa.ec.eudi.pid.1~family_name"],
        },
        "jwt_vc_d13": {
            "format": "jwt_vc_json",
            "credential_definition": {
                "type": ["VerifiableCredential", "UniversityDegreeCredential"],
                "credentialSubject": {
                    "given_name": {"display": [{"name": "Given Name", "locale": "en-US"}]},
                    "degree": {},
                },
            },
        },
    },
}


def test_draft13_metadata_claim_maps_become_paths() -> None:
    meta = parse_issuer_metadata(D13_METADATA, expected_issuer="https://issuer.eudiw.dev")
    sd = meta.configurations["eu.europa.ec.eudi.pid_vc_sd_jwt"]
    assert sd.format == "vc+sd-jwt"
    assert sd.display[0].logo == Logo(uri="https://issuer.eudiw.dev/pid.png", alt_text="PID")
    assert sd.claims == (
        ClaimDescription(path=("family_name",), display=(ClaimDisplay("Family Name(s)", "en"),)),
        ClaimDescription(path=("address",), display=(ClaimDisplay("Address", "en"),)),
        ClaimDescription(
            path=("address", "street_address"), display=(ClaimDisplay("Street", "en"),)
        ),
        ClaimDescription(path=("address", "locality")),
        ClaimDescription(path=("nationalities",)),
        ClaimDescription(
            path=("nationalities", None), display=(ClaimDisplay("Nationality", "en"),)
        ),
        ClaimDescription(path=("place_of_birth", "country"), mandatory=True),
        ClaimDescription(path=("age_over_18",)),
    )
    mdoc = meta.configurations["eu.europa.ec.eudi.pid_mdoc"]
    assert mdoc.doctype == "eu.europa.ec.eudi.pid.1"
    assert mdoc.claims == (
        ClaimDescription(
            path=("eu.europa.ec.eudi.pid.1", "family_name"),
            mandatory=True,
            display=(ClaimDisplay("Family Name(s)"),),
        ),
        ClaimDescription(path=("eu.europa.ec.eudi.pid.1", "birth_date")),
    )
    jwt_vc = meta.configurations["jwt_vc_d13"]
    assert [c.path for c in jwt_vc.claims] == [
        ("credentialSubject", "given_name"),
        ("credentialSubject", "degree"),
    ]
    assert version_label(D13_METADATA) == "draft 13/14"


def test_draft13_claim_named_like_meta_key() -> None:
    claims = {"profile": {"display": {"mandatory": True}, "mandatory": "no"}, "tags": []}
    config = parse_credential_configuration("x", {"format": "dc+sd-jwt", "claims": claims})
    assert [c.path for c in config.claims] == [("profile", "display"), ("tags",)]
    assert config.claims[0].mandatory


D11_METADATA: dict[str, object] = {
    "credential_issuer": "https://launchpad.vii.electron.mattrlabs.io",
    "authorization_server": "https://launchpad.vii.electron.mattrlabs.io",
    "token_endpoint": "https://launchpad.vii.electron.mattrlabs.io/oidc/v1/auth/token",
    "credential_endpoint": "https://launchpad.vii.electron.mattrlabs.io/oidc/v1/auth/credential",
    "credentials_supported": [
        {
            "id": "d2662472-891c-413d-b3c6-e2f0109001c5",
            "format": "ldp_vc",
            "types": ["VerifiableCredential", "OpenBadgeCredential"],
            "cryptographic_binding_methods_supported": ["did:key"],
            "cryptographic_suites_supported": ["Ed25519Signature2018"],
            "display": [
                {
                    "name": "Example Badge",
                    "logo": {"url": "https://example.com/logo.png"},
                    "background_color": "#000000",
                }
            ],
            "credentialSubject": {"name": {"display": [{"name": "Name"}]}},
        },
        {"format": "jwt_vc_json", "types": ["NoId"]},
        "junk",
    ],
}


def test_many_broken_configurations_make_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    doc = {
        "credential_issuer": "https://issuer.example",
        "credential_endpoint": "https://issuer.example/credential",
        "credential_configurations_supported": {
            "good": {"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL"},
            **{f"c{i}": {"no": "format"} for i in range(100_000)},
        },
    }
    with caplog.at_level(logging.WARNING):
        meta = parse_issuer_metadata(doc, expected_issuer="https://issuer.example")
    assert list(meta.configurations) == ["good"]
    [record] = caplog.records
    message = record.getMessage()
    assert message.startswith("skipping 100000 credential configuration(s): 'c0', 'c1'")
    assert "'c4' and 99995 more; the first: c0: not an object with a format" in message


def test_draft11_metadata(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        meta = parse_issuer_metadata(
            D11_METADATA, expected_issuer="https://launchpad.vii.electron.mattrlabs.io"
        )
    assert "without an id" in caplog.text  # "junk"; the id-less entry is named by its type
    assert list(meta.configurations) == ["d2662472-891c-413d-b3c6-e2f0109001c5", "jwt_vc_json:NoId"]
    config = meta.configurations["d2662472-891c-413d-b3c6-e2f0109001c5"]
    assert config.signing_algs == ("Ed25519Signature2018",)
    assert config.binding_methods == ("did:key",)
    assert config.display[0].logo == Logo(uri="https://example.com/logo.png")
    assert config.claims == (
        ClaimDescription(path=("credentialSubject", "name"), display=(ClaimDisplay("Name"),)),
    )
    assert meta.authorization_servers == ("https://launchpad.vii.electron.mattrlabs.io",)
    assert meta.legacy_token_endpoint == str(D11_METADATA["token_endpoint"])
    assert version_label(D11_METADATA) == "draft 11"

    as_meta = legacy_auth_server_metadata(meta)
    assert as_meta is not None
    assert as_meta.issuer == meta.credential_issuer
    assert as_meta.token_endpoint == meta.legacy_token_endpoint
    assert as_meta.authorization_endpoint is None
    assert as_meta.grant_types_supported == (PRE_AUTHORIZED_GRANT,)
    assert as_meta.pre_authorized_grant_anonymous_access_supported


def test_draft12_credentials_supported_map_and_proof_type_list() -> None:
    doc = _minimal(
        credential_configurations_supported=None,
        credentials_supported={"x": {"format": "jwt_vc_json", "proof_types": ["jwt"]}},
    )
    del doc["credential_configurations_supported"]
    config = _parse(doc).configurations["x"]
    assert config.proof_types == {}
    entry = {"format": "jwt_vc_json", "proof_types_supported": ["jwt", 1]}
    assert parse_credential_configuration("x", entry).proof_types == {
        "jwt": ProofTypeSupport(signing_algs=())
    }


def test_no_legacy_auth_server_without_token_endpoint() -> None:
    assert legacy_auth_server_metadata(_parse(_minimal())) is None


_PLAIN_1_0 = _minimal(
    credential_configurations_supported={
        "degree": {
            "format": "jwt_vc_json",
            "credential_definition": {"type": ["VerifiableCredential", "Degree"]},
            "cryptographic_binding_methods_supported": ["jwk"],
            "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}},
        }
    }
)


@pytest.mark.parametrize(
    ("doc", "hint"),
    [
        ({"credentials_supported": []}, "draft 11"),
        ({}, "1.0"),  # no marker: the wallet speaks 1.0, and the hint says what it speaks
        ({"credential_configurations_supported": "x"}, "1.0"),
        # a plain 1.0 document: jwt_vc_json with jwt proofs, no nonce endpoint (issue 10 review)
        (_PLAIN_1_0, "1.0"),
        (_minimal(), "draft 15"),  # dc+sd-jwt
        (_minimal(nonce_endpoint="https://x.example/n"), "draft 15"),
        (
            _minimal(credential_configurations_supported={"a": {"format": "f", "claims": []}}),
            "draft 15",
        ),
        (
            _minimal(
                credential_configurations_supported={
                    "a": {
                        "format": "f",
                        "proof_types_supported": {"jwt": {"key_attestations_required": {}}},
                    },
                    "b": "junk",
                }
            ),
            "draft 15",
        ),
        (
            _minimal(
                credential_configurations_supported={
                    "a": {"format": "f", "proof_types_supported": {"jwt": "x"}}
                }
            ),
            "1.0",
        ),
        (
            _minimal(
                credential_configurations_supported={
                    "a": {"format": "mso_mdoc", "credential_signing_alg_values_supported": [-7]}
                }
            ),
            "1.0",
        ),
        (
            _minimal(credential_configurations_supported={"a": {"format": "vc+sd-jwt"}}),
            "draft 13/14",  # without batch_credential_issuance a draft-14 issuer looks alike
        ),
        (
            _minimal(
                credential_configurations_supported={"a": {"format": "vc+sd-jwt"}},
                batch_credential_issuance={"batch_size": 2},
            ),
            "draft 14",
        ),
    ],
)
def test_version_label(doc: dict[str, object], hint: str) -> None:
    """The hint explore shows is the draft the wallet would speak (dialect.draft_of_metadata,
    the one detector), named for display."""
    assert version_label(doc) == hint


# --- authorization server metadata ----------------------------------------------------------

AS_DOC: dict[str, object] = {
    "issuer": "https://server.example.com",
    "authorization_endpoint": "https://server.example.com/authorize",
    "token_endpoint": "https://server.example.com/token",
    "pushed_authorization_request_endpoint": "https://server.example.com/par",
    "require_pushed_authorization_requests": True,
    "code_challenge_methods_supported": ["S256"],
    "dpop_signing_alg_values_supported": ["ES256", "RS256"],
    "pre-authorized_grant_anonymous_access_supported": True,
    "authorization_response_iss_parameter_supported": True,
    "authorization_details_types_supported": ["openid_credential"],
    "grant_types_supported": ["authorization_code", PRE_AUTHORIZED_GRANT],
    "scopes_supported": ["openid", "pid"],
    "response_types_supported": ["code"],
}


def test_auth_server_metadata_full() -> None:
    url = "https://server.example.com/.well-known/oauth-authorization-server"
    meta = parse_auth_server_metadata(AS_DOC, expected_issuer="https://server.example.com", url=url)
    assert meta.authorization_endpoint == "https://server.example.com/authorize"
    assert meta.token_endpoint == "https://server.example.com/token"
    assert meta.pushed_authorization_request_endpoint == "https://server.example.com/par"
    assert meta.require_pushed_authorization_requests
    assert meta.code_challenge_methods_supported == ("S256",)
    assert meta.dpop_signing_alg_values_supported == ("ES256", "RS256")
    assert meta.pre_authorized_grant_anonymous_access_supported
    assert meta.authorization_response_iss_parameter_supported
    assert meta.authorization_details_types_supported == ("openid_credential",)
    assert meta.grant_types_supported == ("authorization_code", PRE_AUTHORIZED_GRANT)
    assert meta.scopes_supported == ("openid", "pid")
    assert meta.url == url
    assert meta.raw["response_types_supported"] == ["code"]


def test_auth_server_metadata_defaults() -> None:
    doc = {
        "issuer": "https://as.example",
        "token_endpoint": "https://as.example/token",
        "require_pushed_authorization_requests": "true",
    }
    meta = parse_auth_server_metadata(doc, expected_issuer="https://as.example")
    assert meta.authorization_endpoint is None
    assert meta.pushed_authorization_request_endpoint is None
    assert not meta.require_pushed_authorization_requests
    assert not meta.pre_authorized_grant_anonymous_access_supported
    assert not meta.authorization_response_iss_parameter_supported
    assert meta.code_challenge_methods_supported == ()
    assert meta.grant_types_supported == ()


def test_auth_server_issuer_mismatch() -> None:
    with pytest.raises(MetadataError) as info:
        parse_auth_server_metadata(AS_DOC, expected_issuer="https://server.example.com/")
    assert "issuer mismatch" in str(info.value.detail)
    assert "'https://server.example.com/'" in str(info.value.detail)


def test_auth_server_token_endpoint_required() -> None:
    doc = {"issuer": "https://as.example"}
    with pytest.raises(MetadataError, match="no token endpoint") as info:
        parse_auth_server_metadata(doc, expected_issuer="https://as.example", url="https://u")
    assert info.value.detail == "token_endpoint is missing (https://u)"
    with pytest.raises(MetadataError) as info:
        parse_auth_server_metadata(doc, expected_issuer="https://as.example")
    assert info.value.detail == "token_endpoint is missing"


# --- choosing the authorization server ---------------------------------------------------------


def test_select_auth_server() -> None:
    servers = ["https://as1.example", "https://as2.example"]
    meta = _parse(_minimal(authorization_servers=servers))
    assert select_auth_server(meta, None) == "https://as1.example"
    assert select_auth_server(meta, "https://as2.example") == "https://as2.example"
    with pytest.raises(MetadataError, match="will not continue") as info:
        select_auth_server(meta, "https://evil.example")
    assert "https://evil.example" in str(info.value.detail)


def test_select_auth_server_defaults_to_issuer() -> None:
    meta = _parse(_minimal())
    assert select_auth_server(meta, None) == ISSUER
    assert select_auth_server(meta, ISSUER) == ISSUER
    with pytest.raises(MetadataError):
        select_auth_server(meta, "https://as.example")
