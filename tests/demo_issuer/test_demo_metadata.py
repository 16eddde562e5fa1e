from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

import httpx
from demo_issuer_kit import BASE, PRE_AUTH, client_for

from wallet_app.demo_issuer import DemoConfig, DemoIssuer


def test_issuer_metadata_at_inserted_and_legacy_well_known() -> None:
    issuer = DemoIssuer(BASE, DemoConfig(issuer_path="/demo"))
    with client_for(issuer) as client:
        inserted = client.get("/.well-known/openid-credential-issuer/demo")
        legacy = client.get("/demo/.well-known/openid-credential-issuer")
        assert inserted.status_code == legacy.status_code == 200
        assert inserted.headers["content-type"] == "application/json"
        meta = inserted.json()
        assert meta == legacy.json()
        assert client.get("/.well-known/openid-credential-issuer").status_code == 404
        as_meta = client.get("/.well-known/oauth-authorization-server/demo").json()
        jwt_vc = client.get("/.well-known/jwt-vc-issuer/demo").json()
    assert meta["credential_issuer"] == f"{BASE}/demo"
    assert "authorization_servers" not in meta
    assert meta["credential_endpoint"] == f"{BASE}/demo/credential"
    assert meta["nonce_endpoint"] == f"{BASE}/demo/nonce"
    assert meta["deferred_credential_endpoint"] == f"{BASE}/demo/deferred"
    assert meta["notification_endpoint"] == f"{BASE}/demo/notification"
    assert meta["batch_credential_issuance"] == {"batch_size": 3}
    assert set(meta["credential_configurations_supported"]) == {
        "pid_sd_jwt",
        "diploma_sd_jwt",
        "mdl_mdoc",
    }
    mdl = meta["credential_configurations_supported"]["mdl_mdoc"]
    assert mdl["doctype"] == "org.iso.18013.5.1.mDL"
    assert mdl["credential_signing_alg_values_supported"] == [-7]
    assert mdl["cryptographic_binding_methods_supported"] == ["cose_key"]
    for config in meta["credential_configurations_supported"].values():
        display = config["credential_metadata"]["display"]
        assert [d["locale"] for d in display] == ["en", "de"]
        for claim in config["credential_metadata"]["claims"]:
            assert [d["locale"] for d in claim["display"]] == ["en", "de"]
    assert as_meta["issuer"] == f"{BASE}/demo"
    assert as_meta["token_endpoint"] == f"{BASE}/demo/token"
    assert as_meta["code_challenge_methods_supported"] == ["S256"]
    assert as_meta["pre-authorized_grant_anonymous_access_supported"] is True
    assert as_meta["authorization_response_iss_parameter_supported"] is True
    assert PRE_AUTH in as_meta["grant_types_supported"]
    assert "dpop_signing_alg_values_supported" not in as_meta
    assert jwt_vc["issuer"] == f"{BASE}/demo"
    assert jwt_vc["jwks"]["keys"][0]["kty"] == "EC"
    assert "d" not in jwt_vc["jwks"]["keys"][0]


def test_separate_authorization_server(client: httpx.Client) -> None:
    issuer = DemoIssuer(BASE, DemoConfig(separate_as_path="/auth", dpop=True, batch_size=None))
    with client_for(issuer) as c:
        meta = c.get("/.well-known/openid-credential-issuer").json()
        as_meta = c.get("/.well-known/oauth-authorization-server/auth").json()
        assert c.get("/.well-known/oauth-authorization-server").status_code == 404
    assert meta["authorization_servers"] == [f"{BASE}/auth"]
    assert "batch_credential_issuance" not in meta
    assert as_meta["issuer"] == f"{BASE}/auth"
    assert as_meta["authorization_endpoint"] == f"{BASE}/auth/authorize"
    assert as_meta["dpop_signing_alg_values_supported"] == ["ES256"]
    offer = issuer.create_offer(["pid_sd_jwt"], grant="both")
    grants = offer.offer["grants"]
    assert isinstance(grants, dict)
    for grant in grants.values():
        assert grant["authorization_server"] == f"{BASE}/auth"


def test_display_logos_served_and_inline(client: httpx.Client) -> None:
    display = client.get("/.well-known/openid-credential-issuer").json()["display"]
    en, de = display
    assert en["logo"]["uri"] == f"{BASE}/static/logo.svg"
    logo = client.get("/static/logo.svg")
    assert logo.status_code == 200
    assert logo.headers["content-type"] == "image/svg+xml"
    prefix = "data:image/svg+xml;base64,"
    assert de["logo"]["uri"].startswith(prefix)
    assert base64.b64decode(de["logo"]["uri"][len(prefix) :]) == logo.content
    assert client.get("/static/../app.py").status_code == 404
    assert "Demo Issuer" in client.get("/").text


def test_offer_by_value_and_by_reference(issuer: DemoIssuer, client: httpx.Client) -> None:
    by_value = issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"], grant="both", tx_code=True)
    assert by_value.uri.startswith("openid-credential-offer://?credential_offer=")
    decoded = json.loads(parse_qs(urlsplit(by_value.uri).query)["credential_offer"][0])
    assert decoded == by_value.offer
    assert decoded["credential_configuration_ids"] == ["pid_sd_jwt", "mdl_mdoc"]
    assert set(decoded["grants"]) == {PRE_AUTH, "authorization_code"}

    by_ref = issuer.create_offer(["diploma_sd_jwt"], by_reference=True, scheme="haip-vci")
    assert by_ref.uri.startswith("haip-vci://?credential_offer_uri=")
    offer_uri = parse_qs(urlsplit(by_ref.uri).query)["credential_offer_uri"][0]
    assert offer_uri.startswith(f"{BASE}/offers/")
    response = client.get(urlsplit(offer_uri).path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == by_ref.offer
    assert client.get("/offers/unknown").status_code == 404
