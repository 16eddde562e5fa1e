"""The protocol trace keeps issuer text it can seal: lone surrogates repaired, depth bounded."""

from __future__ import annotations

import json

from wallet_app.oid4vci.exchange import Exchange, redact_body


def test_a_lone_surrogate_escape_in_a_json_body_is_repaired() -> None:
    body = json.dumps({"display": [{"name": "Lone \ud800 name"}], "access_token": "AT"})
    text = redact_body(body.encode("ascii"), "application/json")
    assert text is not None
    text.encode("utf-8")  # sealing encodes the trace as UTF-8: this raised before
    doc = json.loads(text)
    assert doc["display"][0]["name"] == "Lone \ufffd name"
    assert doc["access_token"].startswith("[redacted]")


def test_a_lone_surrogate_in_a_str_body_is_repaired() -> None:
    for ctype in ("application/x-www-form-urlencoded", "text/plain", "application/json"):
        text = redact_body("a=\ud800&code=secret", ctype)
        assert text is not None
        text.encode("utf-8")
        assert "secret" not in text or not ctype.endswith("urlencoded")
    exchange = Exchange("POST", "http://127.0.0.1/x", response_body=redact_body('"\ud800"', None))
    json.dumps(exchange.to_json(), ensure_ascii=False).encode("utf-8")


def test_a_body_nested_too_deeply_is_summarised_not_a_recursion_error() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert redact_body(deep, "application/json") == f"[{len(deep)} characters, not JSON]"
