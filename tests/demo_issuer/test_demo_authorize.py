from __future__ import annotations

import json

import httpx
import pytest
from demo_issuer_kit import BASE, REDIRECT, client_for, parse_form, pkce, query_of

from tests.support.demo_login import handoff_location
from wallet_app.demo_issuer import DemoConfig, DemoIssuer


def _params(challenge: str, **extra: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": "wallet-app",
        "redirect_uri": REDIRECT,
        "scope": "pid",
        "state": "st-1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }


def _approve(client: httpx.Client, page: httpx.Response, action: str = "approve") -> str:
    assert page.status_code == 200, page.text
    form = parse_form(page.text)
    assert set(form.buttons) == {"approve", "deny"}
    response = client.post(form.action, data={**form.fields, "action": action})
    return handoff_location(response)


def _token(client: httpx.Client, code: str, verifier: str, **extra: str) -> httpx.Response:
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": "wallet-app",
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
        **extra,
    }
    return client.post("/token", data=data)


def test_authorization_code_flow_with_issuer_state(
    issuer: DemoIssuer, client: httpx.Client
) -> None:
    offer = issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    issuer_state = offer.offer["grants"]["authorization_code"]["issuer_state"]  # type: ignore[index]
    verifier, challenge = pkce()
    page = client.get("/authorize", params=_params(challenge, issuer_state=issuer_state))
    assert "Personal ID" in page.text and "/static/logo.svg" in page.text
    assert "io.github.walletapp" in page.text
    location = _approve(client, page)
    assert location.startswith(REDIRECT + "?")
    params = query_of(location)
    assert params["state"] == "st-1"
    assert params["iss"] == BASE
    response = _token(client, params["code"], verifier)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert "authorization_details" not in body
    assert response.headers["cache-control"] == "no-store"
    reused = _token(client, params["code"], verifier)
    assert (reused.status_code, reused.json()["error"]) == (400, "invalid_grant")
    # reuse revokes the tokens issued from the code (RFC 6749 §4.1.2)
    revoked = client.post(
        "/credential", json={}, headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert revoked.status_code == 401


def test_pkce_mismatch_rejected(client: httpx.Client) -> None:
    _, challenge = pkce()
    other_verifier, _ = pkce()
    code = query_of(_approve(client, client.get("/authorize", params=_params(challenge))))["code"]
    response = _token(client, code, other_verifier)
    assert (response.status_code, response.json()["error"]) == (400, "invalid_grant")


def test_redirect_uri_must_match_at_token(client: httpx.Client) -> None:
    verifier, challenge = pkce()
    loopback = "http://127.0.0.1:51234/callback"
    page = client.get("/authorize", params=_params(challenge, redirect_uri=loopback))
    location = _approve(client, page)
    assert location.startswith(loopback + "?")
    response = _token(client, query_of(location)["code"], verifier)  # sends the app URI
    assert response.json()["error"] == "invalid_grant"


def test_deny_redirects_access_denied(client: httpx.Client) -> None:
    _, challenge = pkce()
    location = _approve(client, client.get("/authorize", params=_params(challenge)), "deny")
    params = query_of(location)
    assert params["error"] == "access_denied"
    assert params["state"] == "st-1"


def test_wrong_password_shows_page_again(client: httpx.Client) -> None:
    _, challenge = pkce()
    form = parse_form(client.get("/authorize", params=_params(challenge)).text)
    response = client.post(form.action, data={**form.fields, "password": "x", "action": "approve"})
    assert response.status_code == 200
    assert "Wrong username or password" in response.text


@pytest.mark.parametrize(
    "bad",
    [
        {"redirect_uri": "https://evil.example/cb"},
        {"client_id": ""},
        {"redirect_uri": "http://localhost:1/cb"},
    ],
)
def test_bad_client_or_redirect_is_html_error(client: httpx.Client, bad: dict[str, str]) -> None:
    _, challenge = pkce()
    response = client.get("/authorize", params=_params(challenge, **bad))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": ""}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "openid"}, "invalid_scope"),
        ({"issuer_state": "unknown"}, "invalid_request"),
        ({"authorization_details": '[{"type":"x"}]'}, "invalid_authorization_details"),
    ],
)
def test_redirectable_errors(client: httpx.Client, bad: dict[str, str], error: str) -> None:
    _, challenge = pkce()
    response = client.get("/authorize", params=_params(challenge, **bad))
    assert response.status_code == 302
    params = query_of(response.headers["location"])
    assert (params["error"], params["state"]) == (error, "st-1")


def test_par_required_and_authorization_details_with_separate_as() -> None:
    config = DemoConfig(require_par=True, separate_as_path="/as", issuer_path="/vci")
    issuer = DemoIssuer(BASE, config)
    verifier, challenge = pkce()
    details: list[dict[str, object]] = [
        {"type": "openid_credential", "credential_configuration_id": "mdl_mdoc"}
    ]
    with client_for(issuer) as client:
        meta = client.get("/.well-known/oauth-authorization-server/as").json()
        assert meta["require_pushed_authorization_requests"] is True
        direct = client.get("/as/authorize", params=_params(challenge))
        assert query_of(direct.headers["location"])["error"] == "invalid_request"
        no_locations = _params(challenge, authorization_details=json.dumps(details))
        del no_locations["scope"]
        rejected = client.post("/as/par", data=no_locations)
        assert rejected.status_code == 400
        assert rejected.json()["error"] == "invalid_authorization_details"
        details[0]["locations"] = [issuer.credential_issuer]
        pushed = client.post(
            "/as/par", data={**no_locations, "authorization_details": json.dumps(details)}
        )
        assert pushed.status_code == 201, pushed.text
        request_uri = pushed.json()["request_uri"]
        assert request_uri.startswith("urn:ietf:params:oauth:request_uri:")
        assert pushed.json()["expires_in"] == 60
        page = client.get(
            "/as/authorize", params={"client_id": "wallet-app", "request_uri": request_uri}
        )
        assert "Driving Licence" in page.text
        location = _approve(client, page)
        assert query_of(location)["iss"] == f"{BASE}/as"
        response = client.post(
            "/as/token",
            data={
                "grant_type": "authorization_code",
                "code": query_of(location)["code"],
                "client_id": "wallet-app",
                "redirect_uri": REDIRECT,
                "code_verifier": verifier,
            },
        )
        assert response.status_code == 200, response.text
        [detail] = response.json()["authorization_details"]
        assert detail["credential_configuration_id"] == "mdl_mdoc"
        assert detail["credential_identifiers"]
        replay = client.get(
            "/as/authorize", params={"client_id": "wallet-app", "request_uri": request_uri}
        )
        assert replay.status_code == 400


def test_enter_approves_approve_is_the_first_submit_button(client: httpx.Client) -> None:
    """HTML implicit submission (Enter in a field) uses the first submit button in tree
    order: that must be Approve, with Deny still on the page."""
    _, challenge = pkce()
    form = parse_form(client.get("/authorize", params=_params(challenge)).text)
    assert form.buttons == ["approve", "deny"]


@pytest.mark.parametrize("action", ["approve", "deny"])
def test_decision_leaves_the_form_for_a_return_to_wallet_page(
    client: httpx.Client, action: str
) -> None:
    _, challenge = pkce()
    form = parse_form(client.get("/authorize", params=_params(challenge)).text)
    response = client.post(form.action, data={**form.fields, "action": action})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert "You can return to the wallet" in response.text
    assert "Open Wallet" in response.text and "<form" not in response.text
    assert "choose Open" in response.text  # a private-use scheme: the browser may ask first
    location = handoff_location(response)
    assert location.startswith(REDIRECT + "?")
    assert ("code" in query_of(location)) == (action == "approve")
    assert ("declined" in response.text) == (action == "deny")


def test_pages_in_german_by_accept_language(client: httpx.Client) -> None:
    _, challenge = pkce()
    german = {"Accept-Language": "fr-CH, de-DE;q=0.9, en;q=0.8"}
    page = client.get("/authorize", params=_params(challenge), headers=german)
    assert "<html lang='de'>" in page.text
    assert "Anmelden und zur Wallet hinzufügen" in page.text and "Zustimmen" in page.text
    assert "Personalausweis" in page.text  # the credential's German display
    form = parse_form(page.text)
    wrong = client.post(
        form.action, data={**form.fields, "password": "x", "action": "approve"}, headers=german
    )
    assert "Benutzername oder Passwort falsch" in wrong.text
    done = client.post(form.action, data={**form.fields, "action": "approve"}, headers=german)
    assert "Sie können zur Wallet zurückkehren" in done.text and "Wallet öffnen" in done.text


def test_ui_locales_wins_over_the_browser_language(client: httpx.Client) -> None:
    _, challenge = pkce()
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    page = client.get(
        "/authorize", params=_params(challenge, ui_locales="de-AT en"), headers=english_browser
    )
    assert "Zustimmen" in page.text
    form = parse_form(page.text)
    done = client.post(form.action, data={**form.fields, "action": "deny"}, headers=english_browser)
    assert "Sie haben abgelehnt" in done.text
    plain = client.get("/authorize", params=_params(challenge), headers=english_browser)
    assert "Approve" in plain.text and "<html lang='en'>" in plain.text


def test_offer_used_once_redeemed(issuer: DemoIssuer, client: httpx.Client) -> None:
    pre = issuer.create_offer(["pid_sd_jwt"], tx_code=True)
    assert not issuer.offer_used(pre)
    wrong = client.post(
        "/token",
        data={
            "grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            "pre-authorized_code": pre.pre_authorized_code or "",
            "tx_code": "xxxxxx",
        },
    )
    assert wrong.status_code == 400 and not issuer.offer_used(pre)  # a typo spends nothing
    right = client.post(
        "/token",
        data={
            "grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            "pre-authorized_code": pre.pre_authorized_code or "",
            "tx_code": pre.tx_code or "",
        },
    )
    assert right.status_code == 200 and issuer.offer_used(pre)

    browser = issuer.create_offer(["pid_sd_jwt"], grant="authorization_code")
    issuer_state = browser.offer["grants"]["authorization_code"]["issuer_state"]  # type: ignore[index]
    verifier, challenge = pkce()
    page = client.get("/authorize", params=_params(challenge, issuer_state=issuer_state))
    code = query_of(_approve(client, page))["code"]
    assert not issuer.offer_used(browser)  # signed in, but the code is not redeemed yet
    assert _token(client, code, verifier).status_code == 200
    assert issuer.offer_used(browser)
