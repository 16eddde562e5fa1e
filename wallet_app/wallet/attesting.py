"""The wallet provider of one flow and the attestation headers it puts on PAR and token
requests (OAuth 2.0 Attestation-Based Client Authentication, OID4VCI 1.0 App. E, HAIP 1.0).

The client profile names the provider (``wallet_provider``: None, "dev" or a provider file);
:class:`Attesting` keeps one provider per name and client id for the life of the wallet
object, so the PAR and the token request of an authorization code flow present the same
wallet instance. The development provider's keys therefore live in this process's memory
only: a new process is a new (self-attested) wallet instance.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from pathlib import Path

from wallet_app.oid4vci.attestation import (
    ChallengeSource,
    HeaderSource,
    attestation_headers,
    challenge_endpoint,
    client_attestation_pop,
    fetch_attestation_challenge,
)
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.wallet.client_choice import client_id_for
from wallet_app.wallet.options import WalletOptions
from wallet_app.wallet.resolve import ResolvedOffer, check_supported
from wallet_app.wallet.wallet_provider import WalletProvider, load_wallet_provider

__all__ = ["Attesting"]


class Attesting:
    """The wallet providers a wallet object uses, by profile name and client id."""

    def __init__(
        self,
        options: WalletOptions,
        *,
        data_dir: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._options = options
        self._data_dir = data_dir
        self._clock = clock
        self._lock = threading.Lock()
        self._providers: dict[tuple[str, str], WalletProvider] = {}

    def provider_for(self, resolved: ResolvedOffer) -> WalletProvider | None:
        """The provider the offer's profile names (None: none); the development provider
        attests the profile's client id. Raises UsageError when a provider file cannot be
        read."""
        spec = resolved.profile.wallet_provider
        if spec is None:
            return None
        client_id = client_id_for(self._options, resolved)
        with self._lock:
            provider = self._providers.get((spec, client_id))
            if provider is None:
                provider = load_wallet_provider(
                    spec, data_dir=self._data_dir, client_id=client_id, clock=self._clock
                )
                assert provider is not None
                self._providers[(spec, client_id)] = provider
            return provider

    @staticmethod
    def check(resolved: ResolvedOffer) -> None:
        """Refuse before any code is spent when the issuer requires an attestation the
        offer's profile (perhaps changed since it was resolved) cannot give. Raises
        AttestationRequired, MetadataError."""
        check_supported(
            resolved.issuer,
            resolved.configurations,
            auth_server=resolved.auth_server,
            profile=resolved.profile,
        )

    def client_id_for(self, resolved: ResolvedOffer) -> str:
        """The client_id of this offer: the provider's attested ``sub`` when a provider is
        in use, else the profile's (or the settings'). Raises UsageError (provider file)."""
        provider = self.provider_for(resolved)
        attested = provider.client_id if provider is not None else None
        return attested or client_id_for(self._options, resolved)

    def headers_for(self, resolved: ResolvedOffer) -> HeaderSource | None:
        """What builds the OAuth-Client-Attestation and -PoP headers for the offer's
        authorization server (``aud``), for a challenge; None without a provider."""
        provider = self.provider_for(resolved)
        if provider is None:
            return None
        audience = resolved.auth_server.issuer
        clock = self._clock

        def build(challenge: str | None) -> Mapping[str, str]:
            attestation, instance_key = provider.client_attestation()
            pop = client_attestation_pop(
                instance_key,
                audience=audience,
                challenge=challenge,
                now=int(clock()),
                client_id=provider.client_id,
            )
            return attestation_headers(attestation, pop)

        return build

    def beside_token(
        self, client: Oid4vciClient, resolved: ResolvedOffer, executor: Executor
    ) -> tuple[HeaderSource | None, ChallengeSource | None]:
        """The attestation headers of the token request and, when the AS has a
        ``challenge_endpoint``, its challenge, fetched now on ``executor`` beside the nonce
        requests (so it adds no round trip to the critical path); (None, None) without a
        provider. Raises UsageError (provider file); the challenge's errors are raised when
        the token request takes it."""
        attest = self.headers_for(resolved)
        auth = resolved.auth_server
        if attest is None or challenge_endpoint(auth) is None:
            return attest, None
        pending = executor.submit(
            fetch_attestation_challenge, client.session, auth, what="token request"
        )
        return attest, pending.result
