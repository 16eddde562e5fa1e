"""bind_instances: each proof key binds at most one credential (OID4VCI §8.3)."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import cast

import pytest

from wallet_app.errors import FormatError
from wallet_app.oid4vci.models import CredentialConfiguration
from wallet_app.oid4vci.proof import generate_key, private_jwk, public_jwk
from wallet_app.wallet.binding import SURPLUS_COPY, bind_each, bind_instances

CONF = cast(CredentialConfiguration, SimpleNamespace(id="pid", format="dc+sd-jwt"))


def _views(monkeypatch: pytest.MonkeyPatch, holder_keys: dict[str, object]) -> None:
    """decode_credential(format, credential) → a view whose holder key is holder_keys[cred]."""
    monkeypatch.setattr(
        "wallet_app.wallet.binding.decode_credential",
        lambda fmt, credential: SimpleNamespace(holder_key=holder_keys[credential]),
    )


def test_unbound_credential_beyond_the_keys_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = generate_key("ES256")
    _views(monkeypatch, {"c1": None, "c2": None})
    with caplog.at_level(logging.WARNING, logger="wallet_app.wallet.binding"):
        instances = bind_instances(CONF, ["c1", "c2"], [key])
    assert [(i.credential, i.holder_private_jwk) for i in instances] == [("c1", private_jwk(key))]
    assert "dropped" in caplog.text and "c2" not in caplog.text


def test_unbound_credential_takes_a_key_left_by_a_bound_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    k1, k2 = generate_key("ES256"), generate_key("ES256")
    # the first credential is bound to the second key, the second carries no key
    _views(monkeypatch, {"c1": public_jwk(k2), "c2": None})
    instances = bind_instances(CONF, ["c1", "c2"], [k1, k2])
    assert [i.holder_private_jwk for i in instances] == [private_jwk(k2), private_jwk(k1)]


def test_more_copies_than_keys_are_reported_as_surplus(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second copy bound to a key of ours that is bound already, or an unbound copy with
    no key left, is a surplus copy (its own code), not a foreign key; a key that is not
    ours is still holder_binding_mismatch."""
    key, foreign = generate_key("ES256"), generate_key("ES256")
    _views(
        monkeypatch,
        {"c1": public_jwk(key), "c2": public_jwk(key), "c3": None, "c4": public_jwk(foreign)},
    )
    items = bind_each(CONF, ["c1", "c2", "c3", "c4"], [key])
    assert not isinstance(items[0], FormatError) and items[0].credential == "c1"
    codes = [i.code if isinstance(i, FormatError) else None for i in items]
    assert codes == [None, SURPLUS_COPY, SURPLUS_COPY, "holder_binding_mismatch"]
    assert "more copies" in items[1].user_message  # type: ignore[union-attr]
    kept = bind_instances(CONF, ["c1", "c2", "c3"], [key])  # surplus dropped, not refused
    assert [i.credential for i in kept] == ["c1"]


def test_without_proofs_every_credential_is_kept_unbound(monkeypatch: pytest.MonkeyPatch) -> None:
    _views(monkeypatch, {"c1": None, "c2": None})
    instances = bind_instances(CONF, ["c1", "c2"], [])
    assert [(i.credential, i.holder_private_jwk) for i in instances] == [
        ("c1", None),
        ("c2", None),
    ]
