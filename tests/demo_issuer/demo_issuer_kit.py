"""Test-side helpers: a hand-built holder (key proofs, DPoP proofs, PKCE) using joserfc."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Mapping
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import cbor2
import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from joserfc import jws
from joserfc.jwk import ECKey

from wallet_app.demo_issuer import DemoIssuer

BASE = "https://issuer.example"
PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
REDIRECT = "io.github.walletapp:/callback"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def client_for(issuer: DemoIssuer) -> httpx.Client:
    return httpx.Client(transport=httpx.WSGITransport(app=issuer), base_url=issuer.base_url)


class Holder:
    def __init__(self) -> None:
        self.key = ECKey.generate_key("P-256")

    @property
    def public_jwk(self) -> dict[str, object]:
        return dict(self.key.as_dict(private=False))

    def proof(
        self,
        aud: str,
        nonce: str | None,
        *,
        iss: str | None = None,
        typ: str = "openid4vci-proof+jwt",
        iat: float | None = None,
        header_extra: Mapping[str, object] | None = None,
        jwk: Mapping[str, object] | None = None,
    ) -> str:
        header: dict[str, object] = {"alg": "ES256", "typ": typ, "jwk": jwk or self.public_jwk}
        header.update(header_extra or {})
        claims: dict[str, object] = {"aud": aud, "iat": int(iat or time.time())}
        if nonce is not None:
            claims["nonce"] = nonce
        if iss is not None:
            claims["iss"] = iss
        return jws.serialize_compact(header, json.dumps(claims).encode(), self.key)

    def dpop(
        self, method: str, url: str, *, nonce: str | None = None, access_token: str | None = None
    ) -> str:
        claims: dict[str, object] = {
            "jti": secrets.token_urlsafe(12),
            "htm": method,
            "htu": url,
            "iat": int(time.time()),
        }
        if nonce is not None:
            claims["nonce"] = nonce
        if access_token is not None:
            claims["ath"] = b64url(hashlib.sha256(access_token.encode()).digest())
        header = {"alg": "ES256", "typ": "dpop+jwt", "jwk": self.public_jwk}
        return jws.serialize_compact(header, json.dumps(claims).encode(), self.key)


def pkce() -> tuple[str, str]:
    verifier = b64url(secrets.token_bytes(32))
    return verifier, b64url(hashlib.sha256(verifier.encode()).digest())


def pre_authorized_token(client: httpx.Client, code: str, **extra: str) -> dict[str, object]:
    response = client.post(
        "/token", data={"grant_type": PRE_AUTH, "pre-authorized_code": code, **extra}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, dict)
    return body


def fresh_nonce(client: httpx.Client, path: str = "/nonce") -> str:
    response = client.post(path)
    assert response.status_code == 200
    return str(response.json()["c_nonce"])


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}
        self.buttons: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "button" and a.get("name") == "action":
            self.buttons.append(a.get("value", ""))


def parse_form(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    return parser


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def issue_credential(
    client: httpx.Client, issuer: DemoIssuer, holder: Holder, config_id: str
) -> str:
    """One credential of ``config_id`` through a pre-authorized offer, token and proof (the
    issuer is its own authorization server)."""
    offer = issuer.create_offer([config_id])
    at = issuer.credential_issuer
    form = {"grant_type": PRE_AUTH, "pre-authorized_code": str(offer.pre_authorized_code)}
    token = client.post(f"{at}/token", data=form).json()["access_token"]
    proof = holder.proof(issuer.credential_issuer, fresh_nonce(client, f"{at}/nonce"))
    response = client.post(
        f"{at}/credential",
        json={"credential_configuration_id": config_id, "proofs": {"jwt": [proof]}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["credentials"][0]["credential"])


def x5c_certificates(compact: str) -> list[x509.Certificate]:
    """The certificates of a compact JWS's x5c header (standard base64 DER), leaf first."""
    header = json.loads(b64url_decode(compact.split("~")[0].split(".")[0]))
    return [x509.load_der_x509_certificate(base64.b64decode(c)) for c in header["x5c"]]


def verify_with_leaf(compact: str) -> tuple[dict[str, object], dict[str, object]]:
    """(header, claims) of a compact JWS verified with its own x5c leaf's key."""
    jws_part = compact.split("~")[0]
    key = ECKey.import_key(x5c_certificates(jws_part)[0].public_key())  # type: ignore[arg-type]
    registry = jws.JWSRegistry(algorithms=["ES256"])
    registry.max_header_length = 8192  # the header carries a certificate chain
    verified = jws.deserialize_compact(jws_part, key, registry=registry)
    claims = json.loads(verified.payload)
    assert isinstance(claims, dict)
    return dict(verified.headers()), claims


def mdoc_mso(credential: str) -> tuple[dict[object, object], list[x509.Certificate]]:
    """(MSO, x5chain certificates) of a base64url IssuerSigned; checks the COSE signature with
    the x5chain leaf."""
    protected, unprotected, payload, signature = cbor2.loads(b64url_decode(credential))[
        "issuerAuth"
    ]
    chain = unprotected[33]
    ders = chain if isinstance(chain, list) else [chain]
    certs = [x509.load_der_x509_certificate(der) for der in ders]
    leaf_key = certs[0].public_key()
    assert isinstance(leaf_key, ec.EllipticCurvePublicKey)
    der_signature = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    leaf_key.verify(
        der_signature,
        cbor2.dumps(["Signature1", protected, b"", payload]),
        ec.ECDSA(hashes.SHA256()),
    )
    mso = cbor2.loads(cbor2.loads(payload).value)
    assert isinstance(mso, dict)
    return mso, certs
