"""Token request forms and token response parsing (wallet_app.oid4vci.token)."""

from __future__ import annotations

import pytest

from wallet_app.errors import IssuerError
from wallet_app.oid4vci.token import (
    PRE_AUTHORIZED_GRANT,
    AuthorizedCredential,
    TokenSet,
    build_code_token_form,
    build_pre_authorized_token_form,
    parse_token_response,
)


def test_pre_authorized_form_with_tx_code_and_client_id() -> None:
    form = build_pre_authorized_token_form(
        pre_authorized_code="PRE", tx_code="1234", client_id="wallet-app"
    )
    assert form == {
        "grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code",
        "pre-authorized_code": "PRE",
        "tx_code": "1234",
        "client_id": "wallet-app",
    }
    assert form["grant_type"] == PRE_AUTHORIZED_GRANT


def test_pre_authorized_form_anonymous_without_tx_code() -> None:
    for client_id in (None, ""):
        form = build_pre_authorized_token_form(
            pre_authorized_code="PRE", tx_code=None, client_id=client_id
        )
        assert form == {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": "PRE"}


def test_pre_authorized_form_sends_an_empty_tx_code_when_asked_for() -> None:
    form = build_pre_authorized_token_form(pre_authorized_code="P", tx_code="", client_id=None)
    assert form["tx_code"] == ""


def test_code_form() -> None:
    assert build_code_token_form(
        code="C", code_verifier="V", redirect_uri="app:/cb", client_id="w"
    ) == {
        "grant_type": "authorization_code",
        "code": "C",
        "code_verifier": "V",
        "redirect_uri": "app:/cb",
        "client_id": "w",
    }


def test_parse_minimal_bearer() -> None:
    token = parse_token_response({"access_token": "AT", "token_type": "bearer"})
    assert token == TokenSet(access_token="AT", token_type="Bearer")
    assert token.expires_in is None and token.refresh_token is None
    assert token.scope is None and token.c_nonce is None and token.authorized == ()
    assert token.identifiers_for("x") == ()


def test_parse_full_dpop_response() -> None:
    token = parse_token_response(
        {
            "access_token": "AT-SECRET",
            "token_type": "DPoP",
            "expires_in": 3600.7,
            "refresh_token": "RT-SECRET",
            "scope": "pid",
            "c_nonce": "n-13",
            "c_nonce_expires_in": 60,
            "unknown": "ignored",
            "authorization_details": [
                {
                    "type": "openid_credential",
                    "credential_configuration_id": "pid",
                    "credential_identifiers": ["pid-1", 7, "pid-2"],
                },
                {"type": "openid_credential", "credential_configuration_id": "mdl"},
                {
                    "type": "openid_credential",
                    "credential_configuration_id": "x",
                    "credential_identifiers": "not-a-list",
                },
                {"type": "payment", "credential_configuration_id": "skip"},
                {"type": "openid_credential", "credential_configuration_id": 5},
                "junk",
            ],
        }
    )
    assert token.token_type == "DPoP"
    assert token.expires_in == 3600
    assert token.refresh_token == "RT-SECRET"
    assert token.scope == "pid"
    assert token.c_nonce == "n-13"
    assert token.authorized == (
        AuthorizedCredential("pid", ("pid-1", "pid-2")),
        AuthorizedCredential("mdl", ()),
        AuthorizedCredential("x", ()),
    )
    assert token.identifiers_for("pid") == ("pid-1", "pid-2")
    assert token.identifiers_for("mdl") == ()
    assert "AT-SECRET" not in repr(token) and "RT-SECRET" not in repr(token)


def test_parse_ignores_wrongly_typed_optional_members() -> None:
    token = parse_token_response(
        {
            "access_token": "AT",
            "token_type": "Bearer",
            "expires_in": "3600",
            "refresh_token": 5,
            "scope": ["pid"],
            "c_nonce": 1,
            "authorization_details": {"type": "openid_credential"},
        }
    )
    assert token.expires_in is None and token.refresh_token is None
    assert token.scope is None and token.c_nonce is None and token.authorized == ()


@pytest.mark.parametrize(
    "doc",
    [
        {"token_type": "Bearer"},
        {"access_token": "", "token_type": "Bearer"},
        {"access_token": 5, "token_type": "Bearer"},
        {"access_token": "AT"},
        {"access_token": "AT", "token_type": "mac"},
        {"access_token": "AT", "token_type": 1},
    ],
)
def test_parse_rejects_unusable_responses(doc: dict[str, object]) -> None:
    with pytest.raises(IssuerError) as info:
        parse_token_response(doc, url="https://as.test/token")
    assert info.value.code == "invalid_token_response"
    assert info.value.url == "https://as.test/token"


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), True, -5])
def test_parse_odd_expires_in_does_not_crash(value: object) -> None:
    # JSON numbers like 1e999 parse to inf; int(inf) would raise OverflowError
    token = parse_token_response(
        {"access_token": "AT", "token_type": "Bearer", "expires_in": value}
    )
    assert token.expires_in is None


def test_refresh_form() -> None:
    from wallet_app.oid4vci.token import build_refresh_token_form

    assert build_refresh_token_form(refresh_token="RT", client_id="w") == {
        "grant_type": "refresh_token",
        "refresh_token": "RT",
        "client_id": "w",
    }
    for client_id in (None, ""):
        assert build_refresh_token_form(refresh_token="RT", client_id=client_id) == {
            "grant_type": "refresh_token",
            "refresh_token": "RT",
        }


def test_pre_authorized_form_user_pin_for_draft_11() -> None:
    form = build_pre_authorized_token_form(
        pre_authorized_code="PRE", tx_code="1234", client_id=None, pin_param="user_pin"
    )
    assert form == {
        "grant_type": PRE_AUTHORIZED_GRANT,
        "pre-authorized_code": "PRE",
        "user_pin": "1234",
    }


def test_parse_huge_integer_expires_in_is_capped_not_an_overflow() -> None:
    # found by the long fuzz profile: a 5,000-digit integer made math.isfinite raise
    huge = 10**5000
    token = parse_token_response(
        {
            "access_token": "AT",
            "token_type": "Bearer",
            "expires_in": huge,
            "c_nonce_expires_in": huge,
        }
    )
    assert token.expires_in == 2**31 - 1 and token.c_nonce_expires_in == 2**31 - 1
