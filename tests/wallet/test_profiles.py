"""Client profiles: presets, the JSON round trip, profile_for (remembered, else the default with
the old per-issuer client ids), the preferences file, and a profile's effect on what the wallet
sends to the in-process demo issuer (client_id, DPoP, the redirect, the draft)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from tests.support.demo_login import sign_in
from wallet_app.compose import wallet_options
from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import WalletError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.preferences import load_preferences, remember_profile
from wallet_app.profiles import PRESETS, ClientProfile, profile_from_json
from wallet_app.settings import load_settings
from wallet_app.wallet.client_choice import choose_profile, dpop_session_for
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"
# a redirect URI the wallet does not listen on (the demo issuer registers only our scheme and
# loopback ones): the person pastes the address the browser was sent to
CUSTOM = "http://127.0.0.1:9/callback"


def test_presets_are_named_after_their_key_and_differ_from_the_default() -> None:
    assert PRESETS["default"] == ClientProfile()
    for name, profile in PRESETS.items():
        assert profile.name == name
        if name != "default":
            assert profile != ClientProfile(name=name), name
    assert PRESETS["draft13"].draft == "13" and PRESETS["draft11"].draft == "11"
    assert PRESETS["haip"].wallet_provider == "dev" and PRESETS["haip"].dpop == "always"
    assert PRESETS["loopback"].redirect == "loopback"


@pytest.mark.parametrize(
    "profile",
    [
        *PRESETS.values(),
        ClientProfile(
            name="custom",
            client_id="x",
            redirect="custom",
            redirect_uri=CUSTOM,
            wallet_provider="/p.json",
            dpop="never",
            draft="14",
        ),
    ],
)
def test_json_round_trip(profile: ClientProfile) -> None:
    text = json.dumps(profile.to_json())
    assert profile_from_json(json.loads(text)) == profile


def test_damaged_json_falls_back_member_by_member() -> None:
    doc = {
        "name": 3,
        "redirect": "carrier pigeon",
        "dpop": "sometimes",
        "draft": "12",
        "client_id": ["x"],
        "wallet_provider": "dev",
    }
    assert profile_from_json(doc) == ClientProfile(name="custom", wallet_provider="dev")
    assert profile_from_json("not an object") == ClientProfile()


def test_with_overrides_names_a_changed_profile_custom() -> None:
    base = PRESETS["draft13"]
    assert base.with_overrides(draft=None) is base
    assert base.with_overrides(draft="13") == base  # nothing changed: keeps its name
    changed = base.with_overrides(client_id="me")
    assert (changed.name, changed.client_id, changed.draft) == ("custom", "me", "13")


def test_profile_for_remembered_else_default_with_old_client_ids() -> None:
    remembered = ClientProfile(name="custom", client_id="kept", dpop="never")
    options = WalletOptions(
        client_ids={"https://old.example/": "old-id"},
        profiles={"https://new.example": remembered},
        redirect="loopback",
    )
    assert options.profile_for("https://new.example/") == remembered
    legacy = options.profile_for("https://old.example")
    assert (legacy.name, legacy.client_id, legacy.redirect) == ("default", "old-id", "loopback")
    assert options.profile_for("https://other.example") == ClientProfile(redirect="loopback")
    forgotten = options.with_profile("https://new.example/", None)
    assert forgotten.remembered_profile("https://new.example") is None
    assert options.remembered_profile("https://new.example") == remembered  # frozen


def test_choose_profile_given_or_remembered_with_overrides_on_top() -> None:
    options = WalletOptions(profiles={BASE: ClientProfile(name="custom", client_id="mine")})
    assert choose_profile(options, BASE).client_id == "mine"
    assert choose_profile(options, BASE, PRESETS["draft11"]) == PRESETS["draft11"]
    both = choose_profile(options, BASE, None, {"draft": "13", "redirect": None})
    assert (both.client_id, both.draft, both.name) == ("mine", "13", "custom")


def test_preferences_remember_and_forget_keep_other_choices(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "client_ids": {BASE: "old"}, "language": "de"}))
    profile = PRESETS["draft13"].with_overrides(client_id="me")
    remember_profile(path, BASE + "/", profile)
    prefs = load_preferences(path)
    assert prefs.profiles == {BASE + "/": profile}
    assert (prefs.language, dict(prefs.client_ids)) == ("de", {BASE: "old"})
    remember_profile(path, BASE, None)  # trailing slash ignored
    assert load_preferences(path).profiles == {}
    assert load_preferences(path).language == "de"


def test_settings_carry_profiles_and_an_explicit_client_id_wins(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    remember_profile(path, BASE, ClientProfile(name="custom", client_id="mine", draft="13"))
    env = {"WALLET_APP_CONFIG_DIR": str(tmp_path), "WALLET_APP_DATA_DIR": str(tmp_path)}
    options = wallet_options(load_settings(env))
    assert options.profile_for(BASE).client_id == "mine"
    explicit = wallet_options(load_settings(env, client_id="cli-id"))
    chosen = explicit.profile_for(BASE)
    assert (chosen.client_id, chosen.draft) == (None, "13")  # the explicit id applies instead
    assert explicit.client_id == "cli-id"


def test_damaged_profiles_member_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"profiles": {BASE: "haip", "": {}, "x": {"dpop": "never"}}}))
    assert load_preferences(path).profiles == {"x": ClientProfile(name="custom", dpop="never")}
    path.write_text(json.dumps({"profiles": ["x"]}))
    assert load_preferences(path).profiles == {}


# -- what a profile changes on the wire (in-process demo issuer) ------------------------------
@pytest.fixture
def env(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[DemoIssuer, Wallet]]:
    config = getattr(request, "param", DemoConfig())
    issuer = DemoIssuer(BASE, config=config)
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    wallet = Wallet(store, http, WalletOptions(client_ids={BASE: "from-settings"}))
    yield issuer, wallet
    wallet.close()
    http.close()
    store.close()


def _token_request(issuer: DemoIssuer) -> httpx.Headers:
    token = [r for r in issuer.received_requests() if r.path.endswith("/token")]
    assert len(token) == 1
    return httpx.Headers(dict(token[0].headers))


@pytest.mark.parametrize("env", [DemoConfig(anonymous_preauth=False)], indirect=True)
def test_pre_authorized_sends_the_profiles_client_id(env: tuple[DemoIssuer, Wallet]) -> None:
    issuer, wallet = env
    offer = issuer.create_offer(["pid_sd_jwt"])
    flow = wallet.new_flow("offer")
    profile = ClientProfile(name="custom", client_id="profile-client")
    resolved = wallet.resolve_offer(offer.uri, flow=flow, profile=profile)
    assert wallet.client_id_for(resolved) == "profile-client"
    result = wallet.receive_pre_authorized(resolved, flow=flow)
    assert len(result.credentials) == 1
    body = next(r.body for r in issuer.received_requests() if r.path.endswith("/token"))
    assert body is not None and body["client_id"] == "profile-client"


def test_default_profile_keeps_anonymous_pre_authorized_access(
    env: tuple[DemoIssuer, Wallet],
) -> None:
    issuer, wallet = env
    flow = wallet.new_flow("offer")
    resolved = wallet.resolve_offer(issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow)
    assert resolved.profile.name == "default"
    assert wallet.client_id_for(resolved) == "from-settings"  # the old per-issuer setting
    wallet.receive_pre_authorized(resolved, flow=flow)
    body = next(r.body for r in issuer.received_requests() if r.path.endswith("/token"))
    assert body is not None and "client_id" not in body  # anonymous access is advertised


@pytest.mark.parametrize("env", [DemoConfig(dpop=True)], indirect=True)
def test_dpop_never_sends_no_proof_even_when_the_issuer_lists_algorithms(
    env: tuple[DemoIssuer, Wallet],
) -> None:
    issuer, wallet = env
    flow = wallet.new_flow("offer")
    never = ClientProfile(name="custom", dpop="never")
    resolved = wallet.resolve_offer(
        issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow, profile=never
    )
    assert dpop_session_for(resolved) is None
    auto = replace(resolved, profile=ClientProfile())
    session = dpop_session_for(auto)
    assert session is not None and session.key.alg == "ES256"
    with pytest.raises(WalletError):  # this demo issuer requires DPoP: its refusal is the proof
        wallet.receive_pre_authorized(resolved, flow=flow)
    assert "dpop" not in _token_request(issuer)


def test_dpop_always_binds_even_when_the_issuer_lists_none(
    env: tuple[DemoIssuer, Wallet],
) -> None:
    issuer, wallet = env
    flow = wallet.new_flow("offer")
    always = ClientProfile(name="custom", dpop="always")
    resolved = wallet.resolve_offer(
        issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow, profile=always
    )
    assert resolved.auth_server.dpop_signing_alg_values_supported == ()
    session = dpop_session_for(resolved)
    assert session is not None and session.key.alg == "ES256"
    assert dpop_session_for(replace(resolved, profile=ClientProfile())) is None


def test_code_flow_keeps_the_profile_through_the_pending_authorization(
    env: tuple[DemoIssuer, Wallet],
) -> None:
    issuer, wallet = env
    offer = issuer.create_offer(["diploma_sd_jwt"], grant="authorization_code")
    flow = wallet.new_flow("offer")
    profile = ClientProfile(
        name="custom", client_id="pasting-wallet", redirect="custom", redirect_uri=CUSTOM
    )
    resolved = wallet.resolve_offer(offer.uri, flow=flow, profile=profile)
    pending = wallet.begin_authorization(resolved, redirect_uri=CUSTOM, flow=flow)
    assert "client_id=pasting-wallet" in pending.url
    redirect = sign_in(wallet.http, pending.url)
    assert redirect.startswith(CUSTOM + "?")
    result = wallet.complete_authorization(redirect)
    assert len(result.credentials) == 1
    token = next(r.body for r in issuer.received_requests() if r.path.endswith("/token"))
    assert token is not None
    assert (token["client_id"], token["redirect_uri"]) == ("pasting-wallet", CUSTOM)


def test_draft_is_the_override_else_detected(env: tuple[DemoIssuer, Wallet]) -> None:
    issuer, wallet = env
    flow = wallet.new_flow("offer")
    resolved = wallet.resolve_offer(issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow)
    assert resolved.draft == "1.0"  # the demo issuer speaks 1.0 by default
    flow = wallet.new_flow("offer")
    overridden = wallet.resolve_offer(
        issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow, overrides={"draft": "13"}
    )
    assert (overridden.draft, overridden.profile.name) == ("13", "custom")
