"""The bounded JSON reader: depth and lone surrogates become JsonRejected, never RecursionError."""

from __future__ import annotations

import pytest

from wallet_app.jsonsafe import JsonRejected, check_depth, has_lone_surrogate, loads, repair_text


def test_plain_json_is_returned_unchanged() -> None:
    assert loads('{"a": [1, "x", {"b": null}]}') == {"a": [1, "x", {"b": None}]}


def test_100000_deep_payload_is_rejected_not_a_recursion_error() -> None:
    with pytest.raises(JsonRejected, match="nested deeper"):
        loads("[" * 100_000 + "]" * 100_000)


def test_depth_over_the_limit_is_rejected_and_at_the_limit_accepted() -> None:
    assert loads("[" * 65 + "]" * 65) is not None  # depth 64: the innermost list
    with pytest.raises(JsonRejected):
        loads("[" * 66 + "]" * 66)
    with pytest.raises(JsonRejected):
        loads('{"a":' * 70 + "1" + "}" * 70, max_depth=10)


def test_lone_surrogate_is_rejected_or_repaired() -> None:
    with pytest.raises(JsonRejected, match="surrogate"):
        loads('{"name": "x\\ud800y"}')
    with pytest.raises(JsonRejected, match="member name"):
        loads('{"\\udfff": 1}')
    assert loads('{"name": ["x\\ud800y"], "\\udfff": 1}', surrogates="repair") == {
        "name": ["x\ufffdy"],
        "\ufffd": 1,
    }


def test_a_valid_surrogate_pair_is_a_character_not_an_error() -> None:
    assert loads('"\\ud83d\\ude00"') == "\U0001f600"


def test_helpers() -> None:
    assert has_lone_surrogate("a\ud800") and not has_lone_surrogate("a\U0001f600")
    assert repair_text("a\ud800b") == "a\ufffdb"
    with pytest.raises(JsonRejected):
        check_depth([[[[1]]]], max_depth=2)
    check_depth([[1]], max_depth=2)
    with pytest.raises(ValueError):
        loads("{not json")


def test_surrogates_in_bytes_are_caught_in_every_encoding() -> None:
    with pytest.raises(JsonRejected):
        loads(b'{"a": "x\\ud800"}')
    with pytest.raises(JsonRejected):
        loads(b'{"a": "x\xed\xa0\x80"}')  # a surrogate written in UTF-8
    with pytest.raises(JsonRejected):
        loads('{"a": "x\ud800"}'.encode("utf-16-le", "surrogatepass"))
    assert loads('{"a": "\u00e9"}'.encode("utf-16")) == {"a": "\u00e9"}
    assert loads(b'{"a": "\xc3\xa9"}') == {"a": "\u00e9"}
