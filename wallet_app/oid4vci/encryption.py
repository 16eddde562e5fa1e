"""Application-layer encryption of credential requests and responses (OID4VCI §10).

When the issuer requires it (``encryption_required``), or supports it and the wallet opts
in, the wallet sends ``credential_response_encryption`` {``jwk``, ``enc``} with a fresh
ephemeral key, and then — as §8.2 demands whenever that parameter is sent and the issuer
publishes request keys — encrypts the request itself as a compact JWE to one of the keys in
``credential_request_encryption.jwks`` (``alg`` is the key's ``alg``, its ``kid`` goes into
the JWE header). Encrypted responses arrive as ``application/jwt`` and are decrypted with
the ephemeral key. Error responses are never encrypted.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import Literal

from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

from wallet_app.errors import IssuerError, MetadataError
from wallet_app.frozen import frozen
from wallet_app.jsonsafe import JsonRejected, loads
from wallet_app.oid4vci.models import IssuerMetadata

__all__ = [
    "RequestEncryption",
    "ResponseEncryption",
    "decrypt_response",
    "encrypt_request",
    "plan_encryption",
]

#: key-management algorithms the wallet can decrypt with (its ephemeral EC key) / encrypt to
_ECDH_ALGS = ("ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW")
_REQUEST_ALGS = (*_ECDH_ALGS, "RSA-OAEP-256")
_ENCS = ("A128GCM", "A256GCM", "A128CBC-HS256", "A256CBC-HS512")


@frozen
class ResponseEncryption:
    """The wallet's ephemeral key for one encrypted response."""

    alg: str
    enc: str
    key: ECKey = field(repr=False)

    def request_parameter(self) -> dict[str, object]:
        """The ``credential_response_encryption`` object of a credential request (§8.2)."""
        public = self.key.as_dict(private=False)
        public["alg"] = self.alg
        public["use"] = "enc"
        return {"jwk": public, "enc": self.enc}


@frozen
class RequestEncryption:
    """The issuer key and content encryption chosen for encrypted requests."""

    alg: str
    enc: str
    jwk: Mapping[str, object] = field(repr=False)


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _pick(supported: Sequence[str], ours: Sequence[str]) -> str | None:
    return next((alg for alg in ours if alg in supported), None)


_UNSUPPORTED: Mapping[Literal["requests", "responses"], str] = {
    "requests": "This issuer requires encrypted requests in a way this wallet does not support.",
    "responses": (
        "This issuer requires encrypted responses in a way this wallet does not support."
    ),
}


def _unsupported(what: Literal["requests", "responses"], detail: str) -> MetadataError:
    return MetadataError(
        _UNSUPPORTED[what],
        detail=detail,
        code="encryption_unsupported",
    )


def plan_encryption(
    issuer: IssuerMetadata,
) -> tuple[RequestEncryption | None, ResponseEncryption | None]:
    """Choose request and response encryption for ``issuer`` (None: plaintext).

    Encryption is used when the issuer requires it for requests or responses. Raises
    MetadataError when it is required and no supported algorithm/key is offered.
    """
    raw_resp = issuer.raw.get("credential_response_encryption")
    raw_req = issuer.raw.get("credential_request_encryption")
    resp_meta = raw_resp if isinstance(raw_resp, Mapping) else {}
    req_meta = raw_req if isinstance(raw_req, Mapping) else {}
    want = bool(resp_meta.get("encryption_required")) or bool(req_meta.get("encryption_required"))
    if not want:
        return None, None
    request: RequestEncryption | None = None
    if req_meta:
        enc = _pick(_strings(req_meta.get("enc_values_supported")) or ["A128GCM"], _ENCS)
        keys = req_meta.get("jwks")
        key_list = keys.get("keys") if isinstance(keys, Mapping) else None
        chosen = None
        for jwk in key_list if isinstance(key_list, list) else []:
            if isinstance(jwk, Mapping) and jwk.get("alg") in _REQUEST_ALGS:
                chosen = jwk
                break
        if chosen is None or enc is None:
            raise _unsupported("requests", f"credential_request_encryption: {dict(req_meta)}")
        request = RequestEncryption(alg=str(chosen["alg"]), enc=enc, jwk=chosen)
    response: ResponseEncryption | None = None
    if resp_meta:
        alg = _pick(_strings(resp_meta.get("alg_values_supported")), _ECDH_ALGS)
        enc = _pick(_strings(resp_meta.get("enc_values_supported")), _ENCS)
        if alg is None or enc is None:
            if resp_meta.get("encryption_required"):
                raise _unsupported(
                    "responses", f"credential_response_encryption: {dict(resp_meta)}"
                )
        else:
            response = ResponseEncryption(
                alg=alg, enc=enc, key=ECKey.generate_key("P-256", private=True)
            )
    return request, response


def encrypt_request(body: Mapping[str, object], plan: RequestEncryption) -> str:
    """The request body as a compact JWE to the issuer's key (§10). Raises MetadataError."""
    header: dict[str, object] = {"alg": plan.alg, "enc": plan.enc, "typ": "JWT"}
    kid = plan.jwk.get("kid")
    if isinstance(kid, str):
        header["kid"] = kid
    try:
        members = {k: v for k, v in plan.jwk.items() if isinstance(v, str | list)}
        key: ECKey | RSAKey = (
            RSAKey.import_key(members)
            if plan.jwk.get("kty") == "RSA"
            else ECKey.import_key(members)
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # joserfc flags some algs as "not recommended"
            return jwe.encrypt_compact(
                header, json.dumps(body).encode(), key, algorithms=[plan.alg, plan.enc]
            )
    except (JoseError, ValueError, TypeError) as exc:
        raise MetadataError(
            "The issuer's encryption key cannot be used.",
            detail=f"request encryption failed: {exc}",
            code="encryption_unsupported",
        ) from exc


def decrypt_response(token: bytes, plan: ResponseEncryption, *, url: str) -> Mapping[str, object]:
    """Decrypt an ``application/jwt`` credential response. Raises IssuerError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = jwe.decrypt_compact(token.strip(), plan.key, algorithms=[plan.alg, plan.enc])
        doc = loads(result.plaintext or b"")
    except JsonRejected as exc:
        raise IssuerError(
            "The issuer's encrypted answer is nested too deeply or holds invalid text, so the "
            "wallet did not read it.",
            detail=f"JWE from {url}: {exc}",
            url=url,
            code="invalid_encrypted_response",
        ) from exc
    except (JoseError, ValueError, RecursionError, TypeError, KeyError) as exc:  # a hostile
        # header (e.g. "enc": []) makes joserfc raise TypeError
        raise IssuerError(
            "The issuer's encrypted answer could not be decrypted.",
            detail=f"JWE from {url}: {exc}",
            url=url,
            code="invalid_encrypted_response",
        ) from exc
    if not isinstance(doc, Mapping):
        raise IssuerError(
            "The issuer's encrypted answer could not be read.",
            detail="decrypted payload is not a JSON object",
            url=url,
            code="invalid_encrypted_response",
        )
    return doc
