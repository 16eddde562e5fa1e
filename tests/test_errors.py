"""WalletError messages: literal sentences and templates with parameters."""

from __future__ import annotations

import json

import pytest

from wallet_app.errors import (
    FormatError,
    InvalidCredential,
    IssuerError,
    NetworkError,
    OfferError,
    Sentence,
    StorageError,
)


def test_a_literal_message_is_its_own_template() -> None:
    err = OfferError("This offer cannot be used {as is}.")
    assert err.user_message == err.message_template == "This offer cannot be used {as is}."
    assert err.message_params == {}  # no params: braces are text, nothing is formatted
    assert str(err) == err.user_message


def test_the_default_message_is_its_own_template() -> None:
    err = NetworkError()
    assert err.user_message == err.message_template == NetworkError.default_message
    assert err.message_params == {}


def test_a_template_is_formatted_and_kept() -> None:
    err = NetworkError(
        "{host} could not be reached.", params={"host": "issuer.example"}, code="unreachable"
    )
    assert err.user_message == "issuer.example could not be reached." == str(err)
    assert err.message_template == "{host} could not be reached."
    assert err.message_params == {"host": "issuer.example"}
    assert err.to_json() == {
        "code": "unreachable",
        "message": "issuer.example could not be reached.",
        "detail": None,
    }


def test_params_are_kept_as_text_and_may_outnumber_the_fields() -> None:
    err = StorageError("The disk has {count} problems.", params={"count": 3, "path": "/w"})
    assert err.user_message == "The disk has 3 problems."
    assert err.message_params == {"count": "3", "path": "/w"}


def test_an_issuer_error_takes_params_too() -> None:
    err = IssuerError("{host} refused.", params={"host": "h.example"}, status=400, error="x")
    assert (err.user_message, err.message_template) == ("h.example refused.", "{host} refused.")
    assert (err.code, err.status) == ("x", 400)


def test_a_missing_param_is_a_bug_at_the_raise_site() -> None:
    with pytest.raises(KeyError):
        NetworkError("{host} could not be reached.", params={"hots": "typo"})


def test_a_sentence_is_its_english_text_and_keeps_its_parts() -> None:
    reason = NetworkError("{host} could not be reached.", params={"host": "h.example"}).sentence
    assert reason == "h.example could not be reached."
    assert (reason.template, reason.params) == (
        "{host} could not be reached.",
        {"host": "h.example"},
    )
    outer = Sentence("{reason} The entry was removed.", {"reason": reason})
    assert outer == "h.example could not be reached. The entry was removed."
    assert outer.params["reason"] is reason  # a Sentence param stays a Sentence
    assert json.dumps({"message": outer}) == (
        '{"message": "h.example could not be reached. The entry was removed."}'
    )
    assert type(str(outer)) is str and f"{outer}" == outer
    literal = Sentence("Braces {stay} without params.")
    assert literal == literal.template and literal.params == {}
    assert Sentence("{n} left.", {"n": 3}) == "3 left."
    with pytest.raises(KeyError):
        Sentence("{host} is down.", {"hots": "typo"})


def test_an_invalid_credential_is_a_format_error_that_says_nothing_was_stored() -> None:
    err = InvalidCredential()
    assert isinstance(err, FormatError) and err.code == "credential_rejected"
    assert "Nothing was stored." in err.user_message
