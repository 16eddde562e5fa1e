"""Key proofs of possession: the ``jwt`` proof type (OID4VCI App. F.1), with joserfc.

Also the holder-key helpers (generate, export, import) the wallet and ``dpop.py`` share, and
``sign_jwt``, which signs a compact JWS with exactly the header it is given.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping

from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.jws import JWSRegistry

from wallet_app.errors import MetadataError, StorageError
from wallet_app.oid4vci.models import CredentialConfiguration

__all__ = [
    "PREFERRED_ALGS",
    "PROOF_TYP",
    "SigningKey",
    "choose_proof_alg",
    "generate_key",
    "key_from_jwk",
    "make_proof_jwt",
    "private_jwk",
    "public_jwk",
    "sign_jwt",
]

SigningKey = ECKey | OKPKey | RSAKey

PREFERRED_ALGS = ("ES256", "ES384", "ES512", "EdDSA", "Ed25519", "PS256", "RS256")
PROOF_TYP = "openid4vci-proof+jwt"

# alg → (key type, curve or RSA size)
_KEY_SPECS: Mapping[str, tuple[str, str | int]] = {
    "ES256": ("EC", "P-256"),
    "ES384": ("EC", "P-384"),
    "ES512": ("EC", "P-521"),
    "EdDSA": ("OKP", "Ed25519"),
    "Ed25519": ("OKP", "Ed25519"),
    "PS256": ("RSA", 2048),
    "RS256": ("RSA", 2048),
}
_KEY_CLASSES: Mapping[str, type[ECKey] | type[OKPKey] | type[RSAKey]] = {
    "EC": ECKey,
    "OKP": OKPKey,
    "RSA": RSAKey,
}
_PUBLIC_MEMBERS = ("kty", "crv", "x", "y", "n", "e")
_UNSUPPORTED_KEY = "This issuer needs a key type this wallet does not support."


def choose_proof_alg(configuration: CredentialConfiguration, proof_type: str = "jwt") -> str:
    """Pick the proof signing alg: our first preference the issuer lists (§12.2.4, App. F.1).

    ES256 when the issuer lists none. Raises MetadataError when the issuer accepts neither
    this proof type nor (for ``jwt``) the ``attestation`` proof type (App. F.3), or lists only
    algs we cannot use. Key attestations (App. D) are the wallet provider's concern
    (``wallet.wallet_provider.make_proofs``; refused up front by ``check_supported``).
    """
    support = configuration.proof_types.get(proof_type)
    if support is None and proof_type == "jwt":
        support = configuration.proof_types.get("attestation")
    if support is None and configuration.proof_types:
        raise MetadataError(
            "This issuer needs a kind of key proof this wallet cannot make.",
            detail=f"{configuration.id}: proof types {sorted(configuration.proof_types)}",
        )
    listed = support.signing_algs if support is not None else ()
    if not listed:
        return "ES256"
    for alg in PREFERRED_ALGS:
        if alg in listed:
            return alg
    raise MetadataError(
        _UNSUPPORTED_KEY,
        detail=f"{configuration.id}: proof_signing_alg_values_supported {list(listed)}",
    )


def generate_key(alg: str) -> SigningKey:
    """A fresh private key for ``alg`` (P-256/384/521, Ed25519, RSA 2048).

    Raises MetadataError for an alg this wallet does not support.
    """
    spec = _KEY_SPECS.get(alg)
    if spec is None:
        raise MetadataError(_UNSUPPORTED_KEY, detail=f"alg {alg!r}")
    kty, param = spec
    if kty == "EC":
        return ECKey.generate_key(str(param))
    if kty == "OKP":
        return OKPKey.generate_key("Ed25519")
    return RSAKey.generate_key(int(param))


def public_jwk(key: SigningKey) -> dict[str, object]:
    """The public JWK members only (kty, crv, x, y / n, e): no ``d``, no ``kid``."""
    full = key.as_dict(private=False)
    return {name: full[name] for name in _PUBLIC_MEMBERS if name in full}


def private_jwk(key: SigningKey) -> dict[str, object]:
    """The full private JWK, for sealed storage only. Never log it."""
    return dict(key.as_dict(private=True))


def key_from_jwk(jwk: Mapping[str, object]) -> SigningKey:
    """Load an EC, OKP or RSA key from a JWK. Raises StorageError when it is not one."""
    key_class = _KEY_CLASSES.get(str(jwk.get("kty")))
    # JWK members of these key types are all strings.
    data: dict[str, str | list[str]] = {k: v for k, v in jwk.items() if isinstance(v, str)}
    try:
        if key_class is None:
            raise ValueError(f"unsupported kty {jwk.get('kty')!r}")
        return key_class.import_key(data)
    except (JoseError, ValueError, TypeError) as exc:
        raise StorageError("A stored key could not be read.", detail=str(exc)) from exc


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json(obj: Mapping[str, object]) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _curve(key: SigningKey) -> str | None:
    return None if isinstance(key, RSAKey) else key.curve_name


def sign_jwt(header: Mapping[str, object], claims: Mapping[str, object], key: SigningKey) -> str:
    """Sign a compact JWS (RFC 7515) with exactly ``header`` and ``claims``.

    Uses joserfc's algorithm implementations directly, so the deprecated-but-required
    ``EdDSA`` name signs without a warning. Raises ValueError when the alg does not fit the key.
    """
    alg = header.get("alg")
    spec = _KEY_SPECS.get(alg) if isinstance(alg, str) else None
    if spec is None or spec[0] != key.key_type or _curve(key) not in (None, spec[1]):
        raise ValueError(f"alg {alg!r} does not fit a {key.key_type} key")
    signing_input = f"{_b64(_json(header))}.{_b64(_json(claims))}".encode("ascii")
    try:
        signature = JWSRegistry.algorithms[str(alg)].sign(signing_input, key)
    except JoseError as exc:
        raise ValueError(f"cannot sign with {alg!r}: {exc}") from exc
    return f"{signing_input.decode('ascii')}.{_b64(signature)}"


def make_proof_jwt(
    key: SigningKey,
    *,
    alg: str,
    audience: str,
    nonce: str | None,
    client_id: str | None,
    issued_at: int,
    key_attestation: str | None = None,
) -> str:
    """Build a ``jwt`` key proof (App. F.1): header ``typ``, ``alg``, public ``jwk`` and,
    when given, ``key_attestation`` (a key attestation JWT listing this key, App. D).

    Payload ``aud`` (the Credential Issuer identifier), ``iat``, ``nonce`` (the c_nonce, when
    given) and ``iss`` (the client_id; omitted when None, as after anonymous pre-authorized
    access). Raises ValueError when ``alg`` does not fit the key.
    """
    header: dict[str, object] = {"typ": PROOF_TYP, "alg": alg, "jwk": public_jwk(key)}
    if key_attestation is not None:
        header["key_attestation"] = key_attestation
    claims: dict[str, object] = {"aud": audience, "iat": issued_at}
    if nonce is not None:
        claims["nonce"] = nonce
    if client_id is not None:
        claims["iss"] = client_id
    return sign_jwt(header, claims, key)
