"""Module-level constants of the issue-10 modules cannot be changed by the code that reads them
(house style: no module-level mutable state): frozensets, tuples and read-only mappings, never
a dict, list or set another caller could change for everyone."""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from types import MappingProxyType

import pytest

MODULES = [
    "wallet_app.commands_explore",
    "wallet_app.commands_output",
    "wallet_app.demo_issuer.attestation",
    "wallet_app.demo_issuer.deviations",
    "wallet_app.wallet.lint",
    "wallet_app.wallet.lint_as",
    "wallet_app.wallet.lint_metadata",
    "wallet_app.wallet.lint_probe",
    "wallet_app.wallet.lint_responses",
]
_CONSTANT = re.compile(r"_?[A-Z][A-Z0-9_]*")
_MUTABLE = (dict, list, set, bytearray)


def _mutable_parts(value: object) -> bool:
    if isinstance(value, _MUTABLE):
        return True
    if isinstance(value, MappingProxyType | Mapping):
        return any(_mutable_parts(v) for v in value.values())
    if isinstance(value, tuple | frozenset):
        return any(_mutable_parts(v) for v in value)
    return False


@pytest.mark.parametrize("name", MODULES)
def test_module_constants_are_immutable(name: str) -> None:
    module = importlib.import_module(name)
    mutable = sorted(
        key
        for key, value in vars(module).items()
        if _CONSTANT.fullmatch(key) and _mutable_parts(value)
    )
    assert mutable == []
