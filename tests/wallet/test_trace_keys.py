"""A flow's trace is history and outlives its credentials: it keeps each proof readable but
holds no public key the wallet made (holder keys, DPoP key, response encryption key), only
their RFC 7638 thumbprints, and no proof signature."""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.oid4vci.dpop import jwk_thumbprint
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"


def _decode(part: str) -> object:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _keys_in(value: object, out: list[Mapping[str, object]]) -> None:
    """Every JWK in ``value``: members named ``jwk``, ``attested_keys`` and keys in JWTs."""
    if isinstance(value, Mapping):
        for name, item in value.items():
            if name == "jwk" and isinstance(item, Mapping):
                out.append(item)
            elif name == "attested_keys" and isinstance(item, list):
                out += [k for k in item if isinstance(k, Mapping)]
            else:
                _keys_in(item, out)
    elif isinstance(value, list):
        for item in value:
            _keys_in(item, out)
    elif isinstance(value, str) and value.startswith("eyJ") and value.count(".") == 2:
        head, payload, _ = value.split(".")
        _keys_in(_decode(head), out)
        _keys_in(_decode(payload), out)


_JWT_PART = re.compile(r"eyJ[A-Za-z0-9_-]+")


def _with_jwts_decoded(text: str) -> str:
    """``text`` plus the decoded text of every JWT header and payload in it (nested too)."""
    out = [text]
    for part in _JWT_PART.findall(text):
        try:
            inner = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()
        except (binascii.Error, UnicodeDecodeError):
            continue
        out.append(_with_jwts_decoded(inner))
    return "\n".join(out)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[tuple[DemoIssuer, CredentialStore, Wallet]]:
    issuer = DemoIssuer(BASE, config=DemoConfig(dpop=True, dpop_nonce=True, batch_size=3))
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    wallet = Wallet(store, http, WalletOptions(), clock=time.time)
    yield issuer, store, wallet
    wallet.close()
    store.close()
    http.close()


def test_trace_keeps_proofs_without_the_wallets_public_keys(
    env: tuple[DemoIssuer, CredentialStore, Wallet],
) -> None:
    issuer, store, wallet = env
    offer = issuer.create_offer(["pid_sd_jwt"])
    flow = wallet.new_flow("pre-authorized_code")
    resolved = wallet.resolve_offer(offer.uri, flow=flow)
    result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
    wallet.wait_for_notifications(5)
    [stored] = result.credentials

    sent: list[Mapping[str, object]] = []  # every key the wallet sent, as the issuer got it
    for request in issuer.received_requests():
        _keys_in(dict(request.headers), sent)
        _keys_in(request.body, sent)
    record = store.get_credential(stored.id)
    holders = [dict(i.holder_private_jwk) for i in record.instances if i.holder_private_jwk]
    assert len(holders) == 3
    made = sent + holders
    assert {k.get("kty") for k in made} == {"EC"} and len(sent) >= 4  # DPoP + 3 key proofs

    store.delete_credential(stored.id)
    trace = store.get_trace(flow.flow_id)
    dump = _with_jwts_decoded(json.dumps(trace))
    for key in made:
        for member in ("x", "y", "d"):
            assert member == "d" or member in key
            assert member not in key or str(key[member]) not in dump, (
                f"a key's {member} stayed in the trace"
            )

    # the proofs are still there, readable, each key named by its thumbprint; no signature
    kept: list[Mapping[str, object]] = []
    proofs = 0
    for exchange in trace:
        for side in ("request", "response"):
            headers = exchange.get(f"{side}_headers")
            for value in (headers or {}).values() if isinstance(headers, Mapping) else ():
                if str(value).startswith("eyJ"):
                    assert str(value).endswith(".")
                    proofs += 1
            _keys_in(headers, kept)
        body = exchange.get("request_body")
        if exchange.get("step") == "credential" and isinstance(body, str):
            doc = json.loads(body)
            jwts = doc["proofs"]["jwt"]
            assert len(jwts) == 3 and all(j.endswith(".") for j in jwts)
            header = _decode(jwts[0].split(".")[0])
            assert isinstance(header, Mapping) and header["typ"] == "openid4vci-proof+jwt"
            assert isinstance(_decode(jwts[0].split(".")[1]), Mapping)
            proofs += len(jwts)
            _keys_in(doc, kept)
    assert proofs >= 4
    thumbprints = {jwk_thumbprint(k) for k in made}
    assert kept and all(k.get("redacted") == "public key" for k in kept)
    assert {str(k["thumbprint"]) for k in kept} <= thumbprints
    assert {jwk_thumbprint(h) for h in holders} <= {str(k["thumbprint"]) for k in kept}
