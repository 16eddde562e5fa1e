from __future__ import annotations

from demo_issuer_kit import BASE, PRE_AUTH, Holder, client_for

from wallet_app.demo_issuer import DemoConfig, DemoIssuer


def test_dpop_with_nonce_challenges(holder: Holder) -> None:
    issuer = DemoIssuer(BASE, DemoConfig(dpop=True, dpop_nonce=True))
    offer = issuer.create_offer(["pid_sd_jwt"])
    token_url = f"{BASE}/token"
    form = {"grant_type": PRE_AUTH, "pre-authorized_code": str(offer.pre_authorized_code)}
    with client_for(issuer) as client:
        assert client.post("/token", data=form).json()["error"] == "invalid_dpop_proof"
        challenge = client.post(
            "/token", data=form, headers={"DPoP": holder.dpop("POST", token_url)}
        )
        assert (challenge.status_code, challenge.json()["error"]) == (400, "use_dpop_nonce")
        nonce = challenge.headers["dpop-nonce"]
        proof = holder.dpop("POST", token_url + "?ignored=1", nonce=nonce)
        response = client.post("/token", data=form, headers={"DPoP": proof})
        assert response.status_code == 200, response.text
        assert response.headers["dpop-nonce"]
        replay = client.post("/token", data=form, headers={"DPoP": proof})
        assert replay.json()["error"] == "invalid_dpop_proof"
        access_token = response.json()["access_token"]
        assert response.json()["token_type"] == "DPoP"

        nonce_response = client.post("/nonce")
        c_nonce = nonce_response.json()["c_nonce"]
        assert nonce_response.headers["dpop-nonce"]
        cred_url = f"{BASE}/credential"
        body = {
            "credential_configuration_id": "pid_sd_jwt",
            "proofs": {"jwt": [holder.proof(issuer.credential_issuer, c_nonce)]},
        }
        bearer = client.post(
            "/credential", json=body, headers={"Authorization": f"Bearer {access_token}"}
        )
        assert bearer.status_code == 401
        auth = {"Authorization": f"DPoP {access_token}"}
        no_nonce = client.post(
            "/credential",
            json=body,
            headers={**auth, "DPoP": holder.dpop("POST", cred_url, access_token=access_token)},
        )
        assert no_nonce.status_code == 401
        assert no_nonce.headers["www-authenticate"].startswith("DPoP realm=")
        assert 'error="use_dpop_nonce"' in no_nonce.headers["www-authenticate"]
        rs_nonce = no_nonce.headers["dpop-nonce"]
        no_ath = client.post(
            "/credential",
            json=body,
            headers={**auth, "DPoP": holder.dpop("POST", cred_url, nonce=rs_nonce)},
        )
        assert 'error="invalid_dpop_proof"' in no_ath.headers["www-authenticate"]
        other_key = Holder().dpop("POST", cred_url, nonce=rs_nonce, access_token=access_token)
        wrong_key = client.post("/credential", json=body, headers={**auth, "DPoP": other_key})
        assert wrong_key.status_code == 401
        good = holder.dpop("POST", cred_url, nonce=rs_nonce, access_token=access_token)
        ok = client.post("/credential", json=body, headers={**auth, "DPoP": good})
        assert ok.status_code == 200, ok.text
        assert ok.headers["dpop-nonce"]
    sent = [r for r in issuer.received_requests() if r.path == "/credential"]
    assert sent[-1].headers["dpop"] == good
    assert sent[-1].body == body


def test_dpop_htu_and_htm_checked(holder: Holder) -> None:
    issuer = DemoIssuer(BASE, DemoConfig(dpop=True))
    offer = issuer.create_offer(["pid_sd_jwt"])
    form = {"grant_type": PRE_AUTH, "pre-authorized_code": str(offer.pre_authorized_code)}
    with client_for(issuer) as client:
        for proof in (holder.dpop("POST", f"{BASE}/nonce"), holder.dpop("GET", f"{BASE}/token")):
            response = client.post("/token", data=form, headers={"DPoP": proof})
            assert response.json()["error"] == "invalid_dpop_proof"
            assert "dpop-nonce" not in response.headers
