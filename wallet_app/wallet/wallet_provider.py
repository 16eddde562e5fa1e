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

  The client attestation's ``sub`` becomes the client_id. The optional ``key_attestation``
  is checked for its form but never used: it attests keys fixed when the file was made,
  while the wallet makes new holder keys for every request, so an issuer that requires key
  attestation is refused with a provider file before any code is spent
  (``resolve.check_supported``).

:func:`make_proofs` is the proofs hook of the credential request: ``jwt`` proofs, or with a
key attestation ONE ``jwt`` proof whose ``key_attestation`` header attests all the keys
(App. F.1), or the ``attestation`` proof type when the issuer lists only that.
"""

from __future__ import annotations

import json
import logging
import os
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
    key_proof_plan,
)
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.oid4vci.proof import (
    SigningKey,
    generate_key,
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

log = logging.getLogger(__name__)

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
        alg: str = "ES256",
    ) -> str:
        """A key attestation JWT listing ``keys`` (App. D), signed with ``alg`` (one the
        issuer lists in proof_signing_alg_values_supported, App. F.1). Raises
        AttestationRequired."""
        ...


class DevWalletProvider:
    """The built-in development provider: self-issues both attestations.

    One provider key per alg (P-256 for the client attestation; a key attestation is signed
    with the alg of the proofs it goes with, App. F.1; the public JWK is in the ``jwk``
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
        self._signing_keys: dict[str, SigningKey] = {"ES256": self._provider_key}
        self._keys_lock = threading.Lock()  # apart: _lock is held while a header is made

    def _key_for(self, alg: str) -> SigningKey:
        """The provider key that signs with ``alg``, made on first use. Raises
        MetadataError for an alg the wallet cannot sign with."""
        with self._keys_lock:
            key = self._signing_keys.get(alg)
            if key is None:
                key = self._signing_keys[alg] = generate_key(alg)
            return key

    def _header(self, typ: str, alg: str = "ES256") -> dict[str, object]:
        key = self._key_for(alg)
        return {"typ": typ, "alg": alg, "jwk": public_jwk(key)}

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
        alg: str = "ES256",
    ) -> str:
        """A key attestation of ``keys`` that claims what the issuer asked for (it is
        self-issued: the label says so), valid five minutes, signed with ``alg``. Raises
        MetadataError (an alg the wallet cannot sign with)."""
        claims = key_attestation_claims(
            keys,
            now=int(self._clock()),
            lifetime=_KEY_ATTESTATION_LIFETIME,
            nonce=nonce,
            key_storage=key_storage,
            user_authentication=user_authentication,
            issuer=DEV_PROVIDER_ISSUER,
        )
        header = self._header(KEY_ATTESTATION_TYP, alg)
        return sign_jwt(header, claims, self._key_for(alg))


class FileWalletProvider:
    """Attestations a real wallet provider issued, read from a provider file (see the module
    docstring for the format)."""

    development = False

    def __init__(self, path: Path, attestation: str, instance_key: SigningKey) -> None:
        self.label = f"Wallet provider file {path.name}"
        self.path = path
        self._attestation = attestation
        self._instance_key = instance_key
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
        _warn_if_readable_by_others(path)
        return cls(path, attestation, key)

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
        alg: str = "ES256",
    ) -> str:
        """Never a key attestation: the file's attests keys fixed when it was made, not the
        new keys of a request (``check_supported`` refuses such issuers before this could
        be asked). Raises AttestationRequired."""
        raise AttestationRequired(
            "The wallet provider file has no key attestation for the keys of this "
            "credential. Retry with the development wallet provider?",
            detail=f"{self.path}: a provider file cannot attest new keys",
            code="key_attestation_required",
        )


def _warn_if_readable_by_others(path: Path) -> None:
    """Log a warning when a provider file (it holds a private key in plain text) can be
    read by the group or others (POSIX permission bits). Raises nothing."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o077:
        log.warning(
            "the wallet provider file %s holds a private key and can be read by other "
            "users (mode %o); restrict it with chmod 600",
            path,
            mode & 0o777,
        )


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

    ``jwt`` proofs, one per key (App. F.1). When the issuer requires a key attestation for
    them, ONE ``jwt`` proof signed by ``keys[0]`` whose ``key_attestation`` header attests
    all ``keys``: the issuer SHOULD issue a credential per attested key (App. F.1), so N
    proofs each attesting N keys would ask for N² credentials. When the issuer lists only
    the ``attestation`` proof type, one key attestation JWT (App. F.3). The attestation is
    signed with ``alg`` (from proof_signing_alg_values_supported). Which of these is decided
    by :func:`~wallet_app.oid4vci.attestation.key_proof_plan` alone. Raises
    AttestationRequired (a key attestation is required and ``provider`` is None or cannot
    give one), ValueError (``alg`` does not fit a key).
    """
    proof_type, requirement = key_proof_plan(conf)
    if requirement is None:
        return proof_type, [
            make_proof_jwt(
                key,
                alg=alg,
                audience=audience,
                nonce=nonce,
                client_id=client_id,
                issued_at=issued_at,
            )
            for key in keys
        ]
    if provider is None:
        raise _missing_key_attestation(conf)
    attestation = provider.key_attestation(
        keys,
        nonce=nonce,
        key_storage=requirement.key_storage,
        user_authentication=requirement.user_authentication,
        alg=alg,
    )
    if proof_type == "attestation":
        return proof_type, [attestation]
    proof = make_proof_jwt(
        keys[0],
        alg=alg,
        audience=audience,
        nonce=nonce,
        client_id=client_id,
        issued_at=issued_at,
        key_attestation=attestation,
    )
    return proof_type, [proof]
