from __future__ import annotations

import base64
import datetime
import hashlib
import json
import time
from collections.abc import Mapping

import cbor2
import httpx
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509 import load_der_x509_certificate
from demo_issuer_kit import (
    BASE,
    Holder,
    b64url,
    b64url_decode,
    client_for,
    fresh_nonce,
    pre_authorized_token,
)
from joserfc import jws
from joserfc.jwk import ECKey

from wallet_app.demo_issuer import DemoConfig, DemoIssuer


def _token_for(client: httpx.Client, issuer: DemoIssuer, config_id: str) -> str:
    offer = issuer.create_offer([config_id])
    assert offer.pre_authorized_code
    return str(pre_authorized_token(client, offer.pre_authorized_code)["access_token"])


def _request(
    client: httpx.Client, token: str, body: Mapping[str, object], path: str = "/credential"
) -> httpx.Response:
    return client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})


def _reveal(value: object, by_digest: dict[str, list[object]], seen: set[str]) -> object:
    """Rebuild the plain claims from an SD-JWT payload and its disclosures."""
    if isinstance(value, dict):
        out = {k: _reveal(v, by_digest, seen) for k, v in value.items() if k != "_sd"}
        for digest in value.get("_sd", []):
            salt_name_value = by_digest[digest]
            seen.add(digest)
            out[str(salt_name_value[1])] = _reveal(salt_name_value[2], by_digest, seen)
        return out
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, dict) and set(item) == {"..."}:
                seen.add(item["..."])
                items.append(_reveal(by_digest[item["..."]][1], by_digest, seen))
            else:
                items.append(_reveal(item, by_digest, seen))
        return items
    return value


def test_pre_authorized_sd_jwt_issuance_verifies(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    token = _token_for(client, issuer, "pid_sd_jwt")
    proof = holder.proof(issuer.credential_issuer, fresh_nonce(client))
    response = _request(
        client, token, {"credential_configuration_id": "pid_sd_jwt", "proofs": {"jwt": [proof]}}
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert isinstance(body["notification_id"], str)
    [entry] = body["credentials"]
    sd_jwt = entry["credential"]
    assert sd_jwt.endswith("~")
    issuer_jws, *disclosures, last = sd_jwt.split("~")
    assert last == ""

    jwks = client.get("/.well-known/jwt-vc-issuer").json()
    assert jwks["issuer"] == issuer.credential_issuer
    key = ECKey.import_key(jwks["jwks"]["keys"][0])
    registry = jws.JWSRegistry(algorithms=["ES256"])
    registry.max_header_length = 8192  # the header carries the x5c chain
    verified = jws.deserialize_compact(issuer_jws, key, registry=registry)
    assert verified.headers()["typ"] == "dc+sd-jwt"
    assert verified.headers()["kid"] == jwks["jwks"]["keys"][0]["kid"]
    payload = json.loads(verified.payload)
    assert payload["iss"] == issuer.credential_issuer
    assert payload["vct"] == "urn:eudi:pid:1"
    assert payload["_sd_alg"] == "sha-256"
    assert payload["cnf"]["jwk"] == holder.public_jwk
    assert payload["exp"] - payload["iat"] >= 364 * 86400
    assert not {"given_name", "address", "nationalities"} & payload.keys()

    by_digest = {
        b64url(hashlib.sha256(d.encode("ascii")).digest()): json.loads(b64url_decode(d))
        for d in disclosures
    }
    seen: set[str] = set()
    claims = _reveal(payload, by_digest, seen)
    assert seen == set(by_digest), "every disclosure is referenced exactly by a digest"
    assert isinstance(claims, dict)
    assert claims["given_name"] == "Erika"
    assert claims["address"]["locality"] == "Köln"
    assert claims["nationalities"] == ["DE"]
    assert claims["age_equal_or_over"] == {"18": True}
    # the PID's portrait: SD-JWT VC ``picture``, a data: URL holding a JPEG
    prefix = "data:image/jpeg;base64,"
    assert claims["picture"].startswith(prefix)
    picture = base64.b64decode(claims["picture"].removeprefix(prefix), validate=True)
    assert picture.startswith(b"\xff\xd8\xff") and 1000 < len(picture) < 10_000
    # nested members are individually disclosable
    address_disclosure = next(v for v in by_digest.values() if v[1:2] == ["address"])
    assert set(address_disclosure[2]) == {"_sd"}


def test_batch_issues_one_credential_per_proof_key(
    issuer: DemoIssuer, client: httpx.Client
) -> None:
    token = _token_for(client, issuer, "diploma_sd_jwt")
    nonce = fresh_nonce(client)
    holders = [Holder(), Holder(), Holder()]
    proofs = [h.proof(issuer.credential_issuer, nonce) for h in holders]
    body = {"credential_configuration_id": "diploma_sd_jwt", "proofs": {"jwt": proofs}}
    response = _request(client, token, body)
    assert response.status_code == 200, response.text
    creds = [c["credential"] for c in response.json()["credentials"]]
    keys = [json.loads(b64url_decode(c.split("~")[0].split(".")[1]))["cnf"]["jwk"] for c in creds]
    assert keys == [h.public_jwk for h in holders]

    body["proofs"] = {"jwt": [*proofs, holders[0].proof(issuer.credential_issuer, nonce)]}
    too_many = _request(client, token, body)
    assert too_many.status_code == 400
    assert too_many.json()["error"] == "invalid_credential_request"


def test_mdoc_issuance_decodes_and_verifies(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    token = _token_for(client, issuer, "mdl_mdoc")
    proof = holder.proof(issuer.credential_issuer, fresh_nonce(client))
    response = _request(
        client, token, {"credential_configuration_id": "mdl_mdoc", "proofs": {"jwt": [proof]}}
    )
    assert response.status_code == 200, response.text
    raw = b64url_decode(response.json()["credentials"][0]["credential"])
    issuer_signed = cbor2.loads(raw)
    protected, unprotected, payload, signature = issuer_signed["issuerAuth"]
    assert cbor2.loads(protected) == {1: -7}
    leaf_der, ca_der = unprotected[33]  # x5chain (RFC 9360): signer, issuing CA
    cert = load_der_x509_certificate(leaf_der)
    cert.verify_directly_issued_by(load_der_x509_certificate(ca_der))
    sig_structure = cbor2.dumps(["Signature1", protected, b"", payload])
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    public_key = cert.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(der, sig_structure, ec.ECDSA(hashes.SHA256()))

    mso_tag = cbor2.loads(payload)
    assert mso_tag.tag == 24
    mso = cbor2.loads(mso_tag.value)
    assert mso["docType"] == "org.iso.18013.5.1.mDL"
    assert mso["digestAlgorithm"] == "SHA-256"
    assert isinstance(mso["validityInfo"]["validFrom"], datetime.datetime)  # tag 0
    device_key = mso["deviceKeyInfo"]["deviceKey"]
    assert device_key[-2] == b64url_decode(str(holder.public_jwk["x"]))
    assert device_key[-3] == b64url_decode(str(holder.public_jwk["y"]))

    elements = {}
    digests = mso["valueDigests"]["org.iso.18013.5.1"]
    for tagged in issuer_signed["nameSpaces"]["org.iso.18013.5.1"]:
        assert tagged.tag == 24
        item = cbor2.loads(tagged.value)
        assert digests[item["digestID"]] == hashlib.sha256(cbor2.dumps(tagged)).digest()
        elements[item["elementIdentifier"]] = item["elementValue"]
    assert elements["family_name"] == "Mustermann"
    assert elements["birth_date"] == datetime.date(1964, 8, 12)  # tag 1004 full-date
    assert b"\xd9\x03\xecj1964-08-12" in raw
    assert elements["driving_privileges"][0]["vehicle_category_code"] == "B"
    # ISO/IEC 18013-5 portrait: a bstr holding a JPEG (the demo's 140x180 silhouette)
    portrait = elements["portrait"]
    assert isinstance(portrait, bytes) and portrait.startswith(b"\xff\xd8\xff")
    assert portrait[-2:] == b"\xff\xd9" and 1000 < len(portrait) < 10_000


@pytest.mark.parametrize(
    ("tweak", "error"),
    [
        ({"typ": "JWT"}, "invalid_proof"),
        ({"aud": "https://other.example"}, "invalid_proof"),
        ({"iat": time.time() - 3600}, "invalid_proof"),
        ({"no_nonce": True}, "invalid_proof"),
        ({"nonce": "not-issued-here"}, "invalid_nonce"),
        ({"iss": "wallet-app"}, "invalid_proof"),
        ({"private_jwk": True}, "invalid_proof"),
        ({"kid_too": True}, "invalid_proof"),
    ],
)
def test_proof_validation_failures(
    issuer: DemoIssuer,
    client: httpx.Client,
    holder: Holder,
    tweak: dict[str, object],
    error: str,
) -> None:
    token = _token_for(client, issuer, "pid_sd_jwt")  # anonymous pre-auth: iss must be absent
    nonce = None if tweak.get("no_nonce") else str(tweak.get("nonce") or fresh_nonce(client))
    iat = tweak.get("iat")
    proof = holder.proof(
        str(tweak.get("aud", issuer.credential_issuer)),
        nonce,
        typ=str(tweak.get("typ", "openid4vci-proof+jwt")),
        iat=float(iat) if isinstance(iat, float) else None,
        iss=str(tweak["iss"]) if "iss" in tweak else None,
        jwk=dict(holder.key.as_dict(private=True)) if tweak.get("private_jwk") else None,
        header_extra={"kid": "k1"} if tweak.get("kid_too") else None,
    )
    body = {"credential_configuration_id": "pid_sd_jwt", "proofs": {"jwt": [proof]}}
    response = _request(client, token, body)
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_request_shape_errors(issuer: DemoIssuer, client: httpx.Client, holder: Holder) -> None:
    token = _token_for(client, issuer, "pid_sd_jwt")
    proof = holder.proof(issuer.credential_issuer, fresh_nonce(client))
    jwt = {"jwt": [proof]}
    legacy = {"proof_type": "jwt", "jwt": proof}
    cases: list[tuple[dict[str, object], str]] = [
        ({"proofs": jwt}, "invalid_credential_request"),
        (
            {"credential_configuration_id": "nope", "proofs": jwt},
            "unknown_credential_configuration",
        ),
        ({"credential_configuration_id": "mdl_mdoc", "proofs": jwt}, "credential_request_denied"),
        ({"credential_configuration_id": "pid_sd_jwt"}, "invalid_proof"),
        (
            {"credential_configuration_id": "pid_sd_jwt", "proof": legacy},
            "invalid_credential_request",
        ),
        ({"credential_identifier": "x", "proofs": jwt}, "invalid_credential_request"),
    ]
    for body, error in cases:
        response = _request(client, token, body)
        assert (response.status_code, response.json()["error"]) == (400, error), body


def test_invalid_token_is_401_with_challenge(client: httpx.Client) -> None:
    response = _request(client, "bogus", {"credential_configuration_id": "pid_sd_jwt"})
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    assert response.headers["www-authenticate"].startswith('Bearer realm="https://issuer.example"')
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
    missing = client.post("/credential", json={})
    assert missing.status_code == 401
    assert "error=" not in missing.headers["www-authenticate"]


def test_invalid_nonce_once_then_success(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    token = _token_for(client, issuer, "pid_sd_jwt")
    issuer.faults.invalid_nonce_once = True
    body = {
        "credential_configuration_id": "pid_sd_jwt",
        "proofs": {"jwt": [holder.proof(issuer.credential_issuer, fresh_nonce(client))]},
    }
    first = _request(client, token, body)
    assert (first.status_code, first.json()["error"]) == (400, "invalid_nonce")
    body["proofs"] = {"jwt": [holder.proof(issuer.credential_issuer, fresh_nonce(client))]}
    assert _request(client, token, body).status_code == 200


def test_deferred_with_pending_polls(
    issuer: DemoIssuer, client: httpx.Client, holder: Holder
) -> None:
    token = _token_for(client, issuer, "pid_sd_jwt")
    issuer.faults.deferred_pending_polls = 2
    body = {
        "credential_configuration_id": "pid_sd_jwt",
        "proofs": {"jwt": [holder.proof(issuer.credential_issuer, fresh_nonce(client))]},
    }
    first = _request(client, token, body)
    assert first.status_code == 202
    transaction_id = first.json()["transaction_id"]
    assert first.json()["interval"] == 1
    statuses = [
        _request(client, token, {"transaction_id": transaction_id}, "/deferred").status_code
        for _ in range(2)
    ]
    assert statuses == [202, 202]
    done = _request(client, token, {"transaction_id": transaction_id}, "/deferred")
    assert done.status_code == 200
    assert done.json()["credentials"][0]["credential"].count("~") > 3
    again = _request(client, token, {"transaction_id": transaction_id}, "/deferred")
    assert (again.status_code, again.json()["error"]) == (400, "invalid_transaction_id")


def test_notification_is_recorded(issuer: DemoIssuer, client: httpx.Client, holder: Holder) -> None:
    token = _token_for(client, issuer, "pid_sd_jwt")
    body = {
        "credential_configuration_id": "pid_sd_jwt",
        "proofs": {"jwt": [holder.proof(issuer.credential_issuer, fresh_nonce(client))]},
    }
    notification_id = _request(client, token, body).json()["notification_id"]
    bad = _request(
        client, token, {"notification_id": notification_id, "event": "x"}, "/notification"
    )
    assert (bad.status_code, bad.json()["error"]) == (400, "invalid_notification_request")
    unknown = _request(
        client, token, {"notification_id": "zz", "event": "credential_accepted"}, "/notification"
    )
    assert (unknown.status_code, unknown.json()["error"]) == (400, "invalid_notification_id")
    event = {"notification_id": notification_id, "event": "credential_accepted"}
    ok = _request(client, token, event, "/notification")
    assert ok.status_code == 204
    assert issuer.received_notifications() == [
        {**event, "credential_configuration_id": "pid_sd_jwt"}
    ]


def test_credential_identifiers_are_required_when_listed(holder: Holder) -> None:
    issuer = DemoIssuer(BASE, DemoConfig(credential_identifiers=True, nonce_endpoint=False))
    with client_for(issuer) as client:
        offer = issuer.create_offer(["pid_sd_jwt"])
        assert offer.pre_authorized_code
        token_response = pre_authorized_token(client, offer.pre_authorized_code)
        details = token_response["authorization_details"]
        assert isinstance(details, list)
        [detail] = details
        assert detail["type"] == "openid_credential"
        assert detail["credential_configuration_id"] == "pid_sd_jwt"
        [identifier] = detail["credential_identifiers"]
        token = str(token_response["access_token"])
        proofs = {"jwt": [holder.proof(issuer.credential_issuer, None)]}
        by_config = _request(
            client, token, {"credential_configuration_id": "pid_sd_jwt", "proofs": proofs}
        )
        assert by_config.json()["error"] == "invalid_credential_request"
        unknown = _request(client, token, {"credential_identifier": "nope", "proofs": proofs})
        assert unknown.json()["error"] == "unknown_credential_identifier"
        ok = _request(client, token, {"credential_identifier": identifier, "proofs": proofs})
        assert ok.status_code == 200, ok.text
    metadata = client_for(issuer).get("/.well-known/openid-credential-issuer").json()
    assert "nonce_endpoint" not in metadata
