"""Wallet providers: who attests the wallet (wallet attestation) and its keys (key attestation).

A wallet provider vouches for a wallet instance towards issuers (OID4VCI 1.0 App. D, E;
HAIP 1.0). A desktop reference wallet has no provider backend, so there are two kinds:

- the **development provider** (``"dev"``): self-issues both attestations with a provider key
  it generates. Issuers accept them only when configured to trust it (the demo issuer in its
  ``require_*`` modes); it is labelled as development wherever it is shown and is never
  chosen silently — only when the client profile says ``wallet_provider="dev"``. Its keys
  live in memory, one set per :func:`load_wallet_provider` call (the wallet keeps one
  provider per process), never on disk.
- a **provider file** from a real provider, a JSON object::

      {
        "client_attestation": "<Client Attestation JWT (typ oauth-client-attestation+jwt)>",
        "instance_key": {<the private JWK of the attestation's cnf.jwk>},
        "key_attestation": "<optional key attestation JWT (typ key-attestation+jwt)>"
      }

  The client attestation's ``sub`` becomes the client_id. A key attestation from a file
  attests fixed keys, so it can only be used when those are the keys being proven; new holder
  keys need a provider that attests them (AttestationRequired otherwise).

:func:`make_proofs` is the proofs hook of the credential request: ``jwt`` proofs, with a key
attestation in their ``key_attestation`` header when the issuer requires one, or the
``attestation`` proof type when the issuer lists only that.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from joserfc.jwk import ECKey

from wallet_app.errors import AttestationRequired, UsageError
from wallet_app.oid4vci.attestation import (
    CLIENT_ATTESTATION_TYP,
    KEY_ATTESTATION_TYP,
    jwt_parts,
    key_attestation_claims,
    key_attestation_requirement,
)
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.oid4vci.proof import (
    SigningKey,
    key_from_jwk,
    make_proof_jwt,
    public_jwk,
    sign_jwt,
)

__all__ = [
    "DEV_PROVIDER_ISSUER",
    "DEV_PROVIDER_LABEL",
    "DevWalletProvider",
    "FileWalletProvider",
    "WalletProvider",
    "load_wallet_provider",
    "make_proofs",
]

#: the ``iss`` of the development provider's attestations (the demo issuer trusts this name)
DEV_PROVIDER_ISSUER = "wallet-app development provider"
DEV_PROVIDER_LABEL = "Development wallet provider (self-issued, not for production)"
_ATTESTATION_LIFETIME = 3600
_KEY_ATTESTATION_LIFETIME = 300


class WalletProvider(Protocol):
    """Supplies the wallet attestation and key attestations for a client profile."""

    label: str
    """What the UI, CLI and inspector call this provider."""
    development: bool
    """True for the self-issuing development provider."""
    client_id: str | None
    """The client attestation's ``sub``: the client_id to use with it."""

    def client_attestation(self) -> tuple[str, SigningKey]:
        """The Client Attestation JWT and the instance key its ``cnf.jwk`` names."""
        ...

    def key_attestation(
        self,
        keys: Sequence[SigningKey],
        *,
        nonce: str | None,
        key_storage: Sequence[str],
        user_authentication: Sequence[str],
    ) -> str:
        """A key attestation JWT listing ``keys`` (App. D). Raises AttestationRequired."""
        ...


class DevWalletProvider:
    """The built-in development provider: self-issues both attestations.

    One provider key (P-256, signs the attestations; its public JWK is in their ``jwk``
    header) and one instance key per object, in memory. Raises nothing on construction.
    """

    label = DEV_PROVIDER_LABEL
    development = True

    def __init__(self, client_id: str, *, clock: Callable[[], float] = time.time) -> None:
        self.client_id: str | None = client_id
        self._clock = clock
        self._provider_key = ECKey.generate_key("P-256")
        self._instance_key = ECKey.generate_key("P-256")
        self._lock = threading.Lock()
        self._cached: tuple[str, int] | None = None

    def _header(self, typ: str) -> dict[str, object]:
        return {"typ": typ, "alg": "ES256", "jwk": public_jwk(self._provider_key)}

    def client_attestation(self) -> tuple[str, SigningKey]:
        """A Client Attestation JWT (``iss`` the development provider, ``sub`` the client id,
        ``cnf.jwk`` the instance key, ``iat``, ``exp`` one hour on), reused while it has more
        than five minutes left. Raises nothing."""
        now = int(self._clock())
        with self._lock:
            if self._cached is not None and self._cached[1] - now > 300:
                return self._cached[0], self._instance_key
            claims: dict[str, object] = {
                "iss": DEV_PROVIDER_ISSUER,
                "sub": self.client_id,
                "iat": now,
                "exp": now + _ATTESTATION_LIFETIME,
                "cnf": {"jwk": public_jwk(self._instance_key)},
                "wallet_name": "wallet-app (development build)",
            }
            token = sign_jwt(self._header(CLIENT_ATTESTATION_TYP), claims, self._provider_key)
            self._cached = (token, now + _ATTESTATION_LIFETIME)
            return token, self._instance_key

    def key_attestation(
        self,
        keys: Sequence[SigningKey],
        *,
        nonce: str | None,
        key_storage: Sequence[str],
        user_authentication: Sequence[str],
    ) -> str:
        """A key attestation of ``keys`` that claims what the issuer asked for (it is
        self-issued: the label says so), valid five minutes. Raises nothing."""
        claims = key_attestation_claims(
            keys,
            now=int(self._clock()),
            lifetime=_KEY_ATTESTATION_LIFETIME,
            nonce=nonce,
            key_storage=key_storage,
            user_authentication=user_authentication,
            issuer=DEV_PROVIDER_ISSUER,
        )
        return sign_jwt(self._header(KEY_ATTESTATION_TYP), claims, self._provider_key)


class FileWalletProvider:
    """Attestations a real wallet provider issued, read from a provider file (see the module
    docstring for the format)."""

    development = False

    def __init__(
        self, path: Path, attestation: str, instance_key: SigningKey, key_att: str | None
    ) -> None:
        self.label = f"Wallet provider file {path.name}"
        self.path = path
        self._attestation = attestation
        self._instance_key = instance_key
        self._key_attestation = key_att
        parts = jwt_parts(attestation)
        sub = parts[1].get("sub") if parts is not None else None
        self.client_id: str | None = sub if isinstance(sub, str) and sub else None

    @classmethod
    def load(cls, path: Path) -> FileWalletProvider:
        """Read a provider file. Raises UsageError (unreadable, not the format)."""
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(
                "The wallet provider file {path} could not be read.",
                params={"path": str(path)},
                detail=str(exc),
                code="wallet_provider_unreadable",
            ) from exc
        attestation = doc.get("client_attestation") if isinstance(doc, dict) else None
        jwk = doc.get("instance_key") if isinstance(doc, dict) else None
        key_att = doc.get("key_attestation") if isinstance(doc, dict) else None
        parts = jwt_parts(attestation) if isinstance(attestation, str) else None
        if (
            not isinstance(attestation, str)
            or parts is None
            or parts[0].get("typ") != CLIENT_ATTESTATION_TYP
            or not isinstance(jwk, Mapping)
            or "d" not in jwk
            or (key_att is not None and not isinstance(key_att, str))
        ):
            raise UsageError(
                "The wallet provider file {path} is not in the expected format.",
                params={"path": str(path)},
                detail='expected {"client_attestation": JWT (typ oauth-client-attestation+jwt), '
                '"instance_key": private JWK, "key_attestation": JWT (optional)}',
                code="wallet_provider_invalid",
            )
        try:
            key = key_from_jwk(jwk)
        except Exception as exc:  # StorageError: the JWK is not a key we can use
            raise UsageError(
                "The wallet provider file {path} is not in the expected format.",
                params={"path": str(path)},
                detail=f"instance_key: {exc}",
                code="wallet_provider_invalid",
            ) from exc
        return cls(path, attestation, key, key_att)

    def client_attestation(self) -> tuple[str, SigningKey]:
        """The file's Client Attestation JWT and instance key. Raises nothing."""
        return self._attestation, self._instance_key

    def key_attestation(
        self,
        keys: Sequence[SigningKey],
        *,
        nonce: str | None,
        key_storage: Sequence[str],
        user_authentication: Sequence[str],
    ) -> str:
        """The file's key attestation when it attests exactly ``keys``. Raises
        AttestationRequired otherwise (a file cannot attest keys made after it)."""
        parts = jwt_parts(self._key_attestation) if self._key_attestation else None
        attested = parts[1].get("attested_keys") if parts is not None else None
        wanted = [public_jwk(k) for k in keys]
        if (
            self._key_attestation is not None
            and isinstance(attested, list)
            and all(any(_same_key(w, a) for a in attested) for w in wanted)
        ):
            return self._key_attestation
        raise AttestationRequired(
            "The wallet provider file has no key attestation for the keys of this "
            "credential. Retry with the development wallet provider?",
            detail=f"{self.path}: key_attestation missing or for other keys",
            code="key_attestation_required",
        )


def _same_key(wanted: Mapping[str, object], attested: object) -> bool:
    if not isinstance(attested, Mapping):
        return False
    return all(attested.get(name) == value for name, value in wanted.items())


def load_wallet_provider(
    spec: str | None,
    *,
    data_dir: Path | None = None,
    client_id: str = "wallet-app",
    clock: Callable[[], float] = time.time,
) -> WalletProvider | None:
    """The provider a profile names: None → None; "dev" → a new DevWalletProvider attesting
    ``client_id``; anything else is a provider file path (relative: to the working
    directory, else to ``data_dir``). Raises UsageError for an unreadable or invalid file."""
    if spec is None:
        return None
    if spec == "dev":
        return DevWalletProvider(client_id, clock=clock)
    path = Path(spec).expanduser()
    if not path.is_absolute() and not path.exists() and data_dir is not None:
        path = data_dir / path
    return FileWalletProvider.load(path)


def _missing_key_attestation(conf: CredentialConfiguration) -> AttestationRequired:
    return AttestationRequired(
        detail=f"{conf.id}: key_attestations_required; use --wallet-provider dev "
        "(development only) or a provider file",
        missing=("key_attestation",),
    )


def make_proofs(
    conf: CredentialConfiguration,
    keys: Sequence[SigningKey],
    *,
    alg: str,
    audience: str,
    nonce: str | None,
    client_id: str | None,
    issued_at: int,
    provider: WalletProvider | None,
) -> tuple[str, list[str]]:
    """The key proofs of one credential request: ``(proof_type, proofs)``.

    ``jwt`` proofs, one per key (App. F.1); when the issuer requires a key attestation for
    them, every proof carries the same attestation of all ``keys`` in its ``key_attestation``
    header (HAIP: one attestation for the batch). When the issuer lists only the
    ``attestation`` proof type, one key attestation JWT (App. F.3). Raises
    AttestationRequired (a key attestation is required and ``provider`` is None or cannot
    give one), ValueError (``alg`` does not fit a key).
    """
    proof_type = (
        "attestation"
        if "jwt" not in conf.proof_types and "attestation" in conf.proof_types
        else "jwt"
    )
    requirement = key_attestation_requirement(conf, proof_type)
    attestation: str | None = None
    if requirement is not None or proof_type == "attestation":
        if provider is None:
            raise _missing_key_attestation(conf)
        attestation = provider.key_attestation(
            keys,
            nonce=nonce,
            key_storage=requirement.key_storage if requirement else (),
            user_authentication=requirement.user_authentication if requirement else (),
        )
    if proof_type == "attestation":
        assert attestation is not None
        return proof_type, [attestation]
    return proof_type, [
        make_proof_jwt(
            key,
            alg=alg,
            audience=audience,
            nonce=nonce,
            client_id=client_id,
            issued_at=issued_at,
            key_attestation=attestation,
        )
        for key in keys
    ]
