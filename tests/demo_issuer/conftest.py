from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from demo_issuer_kit import BASE, Holder, client_for

from wallet_app.demo_issuer import DemoIssuer


@pytest.fixture
def issuer() -> DemoIssuer:
    return DemoIssuer(BASE)


@pytest.fixture
def client(issuer: DemoIssuer) -> Iterator[httpx.Client]:
    with client_for(issuer) as http:
        yield http


@pytest.fixture
def holder() -> Holder:
    return Holder()
