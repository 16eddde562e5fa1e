"""The demo issuer's single-use-nonce mode (§7: a c_nonce accepted once) and its broken_copy
fault (one copy of a batch damaged), driven by a hand-built holder."""

from __future__ import annotations

import httpx
import pytest
from demo_issuer_kit import BASE, Holder, client_for, fresh_nonce, pre_authorized_token

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import FormatError
from wallet_app.formats import decode_credential


def _token(client: httpx.Client, issuer: DemoIssuer, config_ids: list[str]) -> str:
    offer = issuer.create_offer(config_ids)
    assert offer.pre_authorized_code
    return str(pre_authorized_token(client, offer.pre_authorized_code)["access_token"])


def _request(client: httpx.Client, token: str, config_id: str, proofs: list[str]) -> httpx.Response:
    body = {"credential_configuration_id": config_id, "proofs": {"jwt": proofs}}
    return client.post("/credential", json=body, headers={"Authorization": f"Bearer {token}"})


def test_a_nonce_is_accepted_in_one_request_only() -> None:
    issuer = DemoIssuer(BASE, config=DemoConfig(single_use_nonce=True))
    holder = Holder()
    with client_for(issuer) as client:
        token = _token(client, issuer, ["pid_sd_jwt", "diploma_sd_jwt"])
        nonce = fresh_nonce(client)
        # a batch: every proof of the request carries the same nonce, which it spends
        first = _request(
            client, token, "pid_sd_jwt", [Holder().proof(BASE, nonce) for _ in range(3)]
        )
        assert first.status_code == 200, first.text
        assert len(first.json()["credentials"]) == 3
        again = _request(client, token, "diploma_sd_jwt", [holder.proof(BASE, nonce)])
        assert again.status_code == 400
        assert again.json()["error"] == "invalid_nonce"
        other = _request(client, token, "diploma_sd_jwt", [holder.proof(BASE, fresh_nonce(client))])
        assert other.status_code == 200, other.text


def test_without_the_mode_a_nonce_is_reused_until_it_expires() -> None:
    issuer = DemoIssuer(BASE)
    with client_for(issuer) as client:
        token = _token(client, issuer, ["pid_sd_jwt", "diploma_sd_jwt"])
        nonce = fresh_nonce(client)
        for config_id in ("pid_sd_jwt", "diploma_sd_jwt"):
            response = _request(client, token, config_id, [Holder().proof(BASE, nonce)])
            assert response.status_code == 200, response.text


@pytest.mark.parametrize("config_id", ["pid_sd_jwt", "mdl_mdoc"])
def test_broken_copy_damages_the_second_copy_of_a_batch(config_id: str) -> None:
    issuer = DemoIssuer(BASE)
    issuer.faults.broken_copy = True
    with client_for(issuer) as client:
        token = _token(client, issuer, [config_id])
        proofs = [Holder().proof(BASE, fresh_nonce(client)) for _ in range(3)]
        response = _request(client, token, config_id, proofs)
        assert response.status_code == 200, response.text
        copies = [c["credential"] for c in response.json()["credentials"]]
        fmt = "mso_mdoc" if config_id == "mdl_mdoc" else "dc+sd-jwt"
        assert decode_credential(fmt, copies[0]).holder_key is not None
        assert decode_credential(fmt, copies[2]).holder_key is not None
        with pytest.raises(FormatError):
            decode_credential(fmt, copies[1])
        # a single copy is never broken (nothing would be left to keep)
        single = _request(client, _token(client, issuer, [config_id]), config_id, proofs[:1])
        assert single.status_code == 200
        decode_credential(fmt, single.json()["credentials"][0]["credential"])
