"""The CPU baseline for one ``wallet-app receive`` (issue 11): the same issuance, bare.

What the wallet's pre-authorized receive does against the demo issuer, written as plainly as
Python allows with the two libraries any client needs (httpx for HTTP, joserfc for JOSE,
cryptography under both): no store, no keyring, no settings, no trace, no GUI-ready models.
It makes the SAME requests, in the same overlap, and checks what the wallet checks:

  round trip 1  issuer metadata ‖ AS metadata (RFC 8414)
  round trip 2  token (pre-authorized code) ‖ nonce (§7)
                one P-256 key per copy of the issuer's batch_size (the wallet asks for as many),
                one jwt proof each (openid4vci-proof+jwt, ES256, aud, iat, nonce)
  round trip 3  credential request (credential_configuration_id + proofs.jwt; DPoP when the
                AS lists dpop_signing_alg_values_supported, with the token's and the
                credential endpoint's proofs as the wallet sends them)
  per copy      SD-JWT: the issuer signature verified with the x5c leaf key, the x5c chain
                links checked (each certificate signed by the next), every disclosure's digest
                found in the payload, the claims rebuilt, cnf.jwk matched to the copy's key,
                exp checked
  afterwards    notification (credential_accepted) ‖ the status list token (verified with its
                x5c key, the bit for the credential's index read from the zlib list)

Run in a fresh process (``python baseline_issuance.py OFFER_URI``), it is the cost floor a
wallet process pays for the protocol itself; tests/benchmarks/bench_issuance.py runs it beside
``wallet-app receive`` on offers of the same demo issuer and prints the ratio of their CPU.
Prints ``Received <n> copies …`` on its first line, then the status; exits 1 on any failure.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import secrets
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from joserfc import jws, jwt
from joserfc.jwk import ECKey

PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def x5c_key(header: dict[str, object]) -> ECKey:
    """The leaf key of the header's x5c, after checking that each certificate is signed by
    the next one."""
    chain = header["x5c"]
    assert isinstance(chain, list) and chain
    certs = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in chain]
    for cert, issuer in itertools.pairwise(certs):
        cert.verify_directly_issued_by(issuer)
    pem = (
        certs[0]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return ECKey.import_key(pem)


def verify_jws(compact: str) -> dict[str, object]:
    """The payload of a compact JWS signed with its x5c leaf key (ES256)."""
    header = json.loads(b64d(compact.split(".", 1)[0]))
    registry = jws.JWSRegistry(algorithms=["ES256"], strict_check_header=False)
    registry.max_header_length = 8192  # the x5c chain is in the header
    verified = jws.deserialize_compact(compact, x5c_key(header), registry=registry)
    payload = json.loads(verified.payload)
    assert isinstance(payload, dict)
    return payload


def _digests(value: object, found: set[str]) -> None:
    if isinstance(value, dict):
        for digest in value.get("_sd", []):
            found.add(digest)
        for item in value.values():
            _digests(item, found)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and set(item) == {"..."}:
                found.add(item["..."])
            else:
                _digests(item, found)


def verify_sd_jwt(credential: str, holder: ECKey) -> dict[str, object]:
    """The claims of an SD-JWT VC (no key binding), checked as described above."""
    issuer_jwt, *disclosures = credential.split("~")
    payload = verify_jws(issuer_jwt)
    assert payload.get("_sd_alg", "sha-256") == "sha-256"
    exp = payload.get("exp")
    assert not isinstance(exp, int | float) or exp > time.time(), "expired"
    cnf = payload["cnf"]
    assert isinstance(cnf, dict)
    public = holder.as_dict(private=False)
    assert (cnf["jwk"]["x"], cnf["jwk"]["y"]) == (public["x"], public["y"]), "cnf"
    claims: dict[str, object] = {k: v for k, v in payload.items() if k != "_sd"}
    found: set[str] = set()
    _digests(payload, found)
    decoded = {
        b64e(hashlib.sha256(d.encode("ascii")).digest()): json.loads(b64d(d))
        for d in disclosures
        if d
    }
    for disclosure in decoded.values():  # digests of nested disclosures, in any order
        _digests(disclosure[-1], found)
    for digest, disclosure in decoded.items():
        assert digest in found, "a disclosure's digest is not in the payload"
        if len(disclosure) == 3:
            claims[disclosure[1]] = disclosure[2]
    return claims


def statuses(http: httpx.Client, copies: list[dict[str, object]]) -> list[int | None]:
    """Each copy's status from its status list token (0 valid; None: it names none), each
    list fetched once."""
    lists: dict[str, tuple[int, bytes]] = {}
    found: list[int | None] = []
    for claims in copies:
        status = claims.get("status")
        if not isinstance(status, dict) or "status_list" not in status:
            found.append(None)
            continue
        ref = status["status_list"]
        if ref["uri"] not in lists:
            response = http.get(ref["uri"], headers={"Accept": "application/statuslist+jwt"})
            response.raise_for_status()
            listing = verify_jws(response.text.strip())["status_list"]
            assert isinstance(listing, dict)
            lists[ref["uri"]] = (int(listing["bits"]), zlib.decompress(b64d(listing["lst"])))
        bits, data = lists[ref["uri"]]
        index = int(ref["idx"]) * bits
        found.append((data[index // 8] >> (index % 8)) & ((1 << bits) - 1))
    return found


def dpop_proof(key: ECKey, method: str, url: str, nonce: str | None, token: str | None) -> str:
    """A DPoP proof (RFC 9449) for one request."""
    claims: dict[str, object] = {
        "htm": method,
        "htu": url,
        "iat": int(time.time()),
        "jti": secrets.token_urlsafe(16),
    }
    if nonce:
        claims["nonce"] = nonce
    if token:
        claims["ath"] = b64e(hashlib.sha256(token.encode()).digest())
    header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": key.as_dict(private=False)}
    return jwt.encode(header, claims, key)


def receive(offer_uri: str) -> int:
    offer = json.loads(parse_qs(urlsplit(offer_uri).query)["credential_offer"][0])
    issuer = offer["credential_issuer"]
    configuration = offer["credential_configuration_ids"][0]
    code = offer["grants"][PRE_AUTHORIZED]["pre-authorized_code"]
    with (
        httpx.Client(timeout=30, trust_env=False, follow_redirects=False) as http,
        ThreadPoolExecutor(4) as pool,
    ):

        def get_json(url: str) -> dict[str, object]:
            response = http.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
            doc = response.json()
            assert isinstance(doc, dict)
            return doc

        metadata_f = pool.submit(get_json, f"{issuer}/.well-known/openid-credential-issuer")
        as_f = pool.submit(get_json, f"{issuer}/.well-known/oauth-authorization-server")
        metadata, auth_server = metadata_f.result(), as_f.result()
        assert metadata["credential_issuer"] == issuer
        conf = metadata["credential_configurations_supported"][configuration]  # type: ignore[index]
        batch = metadata.get("batch_credential_issuance")
        copies = int(batch["batch_size"]) if isinstance(batch, dict) else 1
        dpop = "dpop_signing_alg_values_supported" in auth_server
        dpop_key = ECKey.generate_key("P-256") if dpop else None
        token_url = str(auth_server["token_endpoint"])
        form = {"grant_type": PRE_AUTHORIZED, "pre-authorized_code": code}

        def token_request(nonce: str | None = None) -> httpx.Response:
            headers = {}
            if dpop_key is not None:
                headers["DPoP"] = dpop_proof(dpop_key, "POST", token_url, nonce, None)
            response = http.post(token_url, data=form, headers=headers)
            if response.status_code == 400 and response.headers.get("DPoP-Nonce") and not nonce:
                return token_request(response.headers["DPoP-Nonce"])
            return response

        token_f = pool.submit(token_request)
        nonce_f = pool.submit(http.post, str(metadata["nonce_endpoint"]))
        keys = [ECKey.generate_key("P-256") for _ in range(copies)]
        token_response, nonce_response = token_f.result(), nonce_f.result()
        token_response.raise_for_status()
        nonce_response.raise_for_status()
        token = token_response.json()
        access = str(token["access_token"])
        c_nonce = nonce_response.json()["c_nonce"]
        alg = conf["proof_types_supported"]["jwt"]["proof_signing_alg_values_supported"][0]
        proofs = [
            jwt.encode(
                {"typ": "openid4vci-proof+jwt", "alg": alg, "jwk": key.as_dict(private=False)},
                {"aud": issuer, "iat": int(time.time()), "nonce": c_nonce},
                key,
            )
            for key in keys
        ]
        credential_url = str(metadata["credential_endpoint"])
        body = {"credential_configuration_id": configuration, "proofs": {"jwt": proofs}}
        headers = {"Authorization": f"Bearer {access}"}
        if dpop_key is not None:
            headers["Authorization"] = f"DPoP {access}"
            nonce = token_response.headers.get("DPoP-Nonce")
            headers["DPoP"] = dpop_proof(dpop_key, "POST", credential_url, nonce, access)
        response = http.post(credential_url, json=body, headers=headers)
        response.raise_for_status()
        answer = response.json()
        issued = [c["credential"] for c in answer["credentials"]]
        claims = [verify_sd_jwt(c, key) for c, key in zip(issued, keys, strict=True)]
        print(f"Received {configuration} ({len(claims)} copies)", flush=True)
        tasks = []
        if "notification_id" in answer and "notification_endpoint" in metadata:
            note = {"notification_id": answer["notification_id"], "event": "credential_accepted"}
            notify_headers = {"Authorization": headers["Authorization"]}
            if dpop_key is not None:
                url = str(metadata["notification_endpoint"])
                notify_headers["DPoP"] = dpop_proof(dpop_key, "POST", url, None, access)
            tasks.append(
                pool.submit(
                    http.post,
                    str(metadata["notification_endpoint"]),
                    json=note,
                    headers=notify_headers,
                )
            )
        status = pool.submit(statuses, http, claims)
        for task in tasks:
            task.result()
        print(f"Status {status.result()}")
    return 0


if __name__ == "__main__":
    sys.exit(receive(sys.argv[1]))
