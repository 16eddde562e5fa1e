"""Trace records and their redaction (wallet_app.oid4vci.exchange)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from wallet_app.oid4vci.exchange import (
    SECRET_FIELDS,
    Exchange,
    redact_body,
    redact_headers,
    redact_url,
)


def test_secret_fields_cover_every_protocol_secret() -> None:
    for name in (
        "access_token",
        "refresh_token",
        "code",
        "code_verifier",
        "pre-authorized_code",
        "tx_code",
        "user_pin",
        "credential",
        "d",
    ):
        assert name in SECRET_FIELDS
    # ids, nonces and state stay visible for the engineer reading a trace
    for name in ("state", "c_nonce", "transaction_id", "notification_id", "code_challenge"):
        assert name not in SECRET_FIELDS


def test_redact_url_without_query_is_unchanged() -> None:
    url = "https://issuer.test/path#frag"
    assert redact_url(url) is url


def test_redact_url_without_secrets_is_unchanged() -> None:
    url = "https://issuer.test/authorize?state=abc&client_id=wallet"
    assert redact_url(url) is url


def test_redact_url_hides_code_and_keeps_the_rest() -> None:
    url = "io.github.walletapp:/callback?code=SECRET-CODE&state=st8&iss=https%3A%2F%2Fa#f"
    out = redact_url(url)
    assert "SECRET-CODE" not in out
    parts = urlsplit(out)
    query = parse_qs(parts.query)
    assert query["code"] == ["[redacted]"]
    assert query["state"] == ["st8"]
    assert query["iss"] == ["https://a"]
    assert parts.fragment == "f"
    assert parts.scheme == "io.github.walletapp"


def test_redact_url_keeps_blank_values() -> None:
    out = redact_url("https://x.test/?tx_code=1234&empty=")
    assert parse_qs(urlsplit(out).query, keep_blank_values=True) == {
        "tx_code": ["[redacted]"],
        "empty": [""],
    }


def test_redact_headers_hides_credentials_but_keeps_scheme_and_names() -> None:
    out = redact_headers(
        {
            "Authorization": "DPoP tok-123",
            "cookie": "sid=42",
            "Set-Cookie": "a=b; Path=/",
            "Proxy-Authorization": "Basic dXNlcjpwdw==",
            "DPoP": "eyJhbGciOi.proof.sig",
            "Content-Type": "application/json",
        }
    )
    assert out["Authorization"] == "DPoP [redacted]"
    assert out["cookie"] == "[redacted]"  # no space: nothing taken as a scheme
    assert out["Set-Cookie"] == "a=b; [redacted]"
    assert out["Proxy-Authorization"] == "Basic [redacted]"
    # a DPoP proof is no bearer secret (bound to one request) and stays for debugging
    assert out["DPoP"] == "eyJhbGciOi.proof.sig"
    assert out["Content-Type"] == "application/json"
    assert "tok-123" not in json.dumps(out)


def test_redact_body_none_and_empty() -> None:
    assert redact_body(None, "application/json") is None
    assert redact_body(b"", "application/json") == ""
    assert redact_body("", None) == ""


def test_redact_body_form_hides_secret_parameters() -> None:
    body = (
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code"
        "&pre-authorized_code=PRE-SECRET&tx_code=493536&client_id=wallet-app"
    )
    out = redact_body(body.encode(), "application/x-www-form-urlencoded; charset=utf-8")
    assert out is not None
    assert "PRE-SECRET" not in out and "493536" not in out
    parsed = parse_qs(out)
    assert parsed["pre-authorized_code"] == ["[redacted]"]
    assert parsed["tx_code"] == ["[redacted]"]
    assert parsed["client_id"] == ["wallet-app"]
    assert parsed["grant_type"] == ["urn:ietf:params:oauth:grant-type:pre-authorized_code"]


def test_redact_body_json_nested_secrets() -> None:
    doc = {
        "access_token": "AT-SECRET",
        "token_type": "DPoP",
        "c_nonce": "nonce-visible",
        "credentials": [{"credential": "eyJ.SDJWT.SECRET~disc~"}, {"credential": {"vc": 1}}],
        "jwk": {"kty": "EC", "d": "PRIVATE-D", "x": "pub-x"},
        "count": 3,
        "authorization_details": [{"credential_identifiers": ["id-1"]}],
        "code": 12345,
        "refresh_token": ["odd", "shape"],
    }
    out = redact_body(json.dumps(doc), "application/json")
    assert out is not None
    for secret in ("AT-SECRET", "SDJWT.SECRET", "PRIVATE-D", "12345", "odd"):
        assert secret not in out
    back = json.loads(out)
    assert back["access_token"] == "[redacted] (9 characters)"
    assert back["credentials"][0]["credential"].startswith("[redacted] (")
    assert back["credentials"][1]["credential"] == "[redacted] (JSON value)"
    assert back["refresh_token"] == "[redacted] (JSON value)"
    assert back["code"] == "[redacted]"
    # a key in a body is summarised (no y: no thumbprint); its private part never stays
    assert back["jwk"] == {"kty": "EC", "redacted": "public key"}
    assert back["c_nonce"] == "nonce-visible"
    assert back["count"] == 3
    assert back["authorization_details"] == [{"credential_identifiers": ["id-1"]}]


def test_redact_body_json_array_top_level_and_sniffed_without_content_type() -> None:
    out = redact_body(' [{"tx_code": "1"}, 2]', None)
    assert out is not None
    assert json.loads(out) == [{"tx_code": "[redacted] (1 characters)"}, 2]


def test_redact_body_problem_json_counts_as_json() -> None:
    out = redact_body('{"access_token": "x"}', "application/problem+json")
    assert out is not None and '"x"' not in out


def test_redact_body_broken_json_is_summarised_not_copied() -> None:
    out = redact_body('{"access_token": "SECRET"', "application/json")
    assert out == "[25 characters, not JSON]"


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "text/plain"])
def test_redact_body_text_is_kept_but_truncated(ctype: str) -> None:
    out = redact_body("<p>" + "x" * 3000, ctype)
    assert out is not None and len(out) == 2000 and out.startswith("<p>x")


def test_redact_body_other_types_are_summarised() -> None:
    assert redact_body(b"eyJhbGciOi.payload.sig", "application/jwt") == (
        "[22 characters of application/jwt]"
    )
    assert redact_body(b"\x00\x01", None) == "[2 characters of unknown type]"
    # invalid UTF-8 does not raise
    assert redact_body(b"\xff\xfe", "application/octet-stream") == (
        "[2 characters of application/octet-stream]"
    )


def test_exchange_to_json_shape() -> None:
    ex = Exchange(
        method="POST",
        url="https://issuer.test/token",
        request_headers={"Accept": "application/json"},
        request_body="a=b",
        status=200,
        response_headers={"content-type": "application/json"},
        response_body="{}",
        started_at=1700000000.5,
        duration_ms=12.3456,
        error=None,
        local=False,
        step="token",
    )
    data = ex.to_json()
    assert data == {
        "step": "token",
        "method": "POST",
        "url": "https://issuer.test/token",
        "request_headers": {"Accept": "application/json"},
        "request_body": "a=b",
        "status": 200,
        "response_headers": {"content-type": "application/json"},
        "response_body": "{}",
        "started_at": 1700000000.5,
        "duration_ms": 12.3,
        "error": None,
        "local": False,
    }
    json.dumps(data)  # JSON-ready
    # the dicts are copies: changing them does not change the record
    data["request_headers"]["Accept"] = "x"  # type: ignore[index]
    assert ex.request_headers["Accept"] == "application/json"


def test_exchange_defaults() -> None:
    ex = Exchange(method="GET", url="https://x.test/")
    data = ex.to_json()
    assert data["status"] is None and data["request_headers"] == {} and data["step"] == ""


def test_redact_headers_hides_secrets_in_redirect_targets() -> None:
    out = redact_headers(
        {
            "Location": "io.github.walletapp:/callback?code=CODE-SECRET&state=s",
            "content-location": "https://x.test/?tx_code=1",
        }
    )
    assert "CODE-SECRET" not in out["Location"] and "state=s" in out["Location"]
    assert out["content-location"] == "https://x.test/?tx_code=%5Bredacted%5D"
