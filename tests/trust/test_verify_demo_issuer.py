"""verify_credential on what the demo issuer really issues (its chain, status list and fault
switches), the demo issuer served in-process through httpx's WSGI transport: the wallet's
HttpSession fetches its status list exactly as over the network."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.demo_issuer.demo_issuer_kit import BASE, Holder, client_for, issue_credential
from tests.trust.credential_kit import MemoryStatusCache
from wallet_app.demo_issuer import DemoFaults, DemoIssuer
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.model import Verification
from wallet_app.trust.verify import verify_credential

FORMATS = {"pid_sd_jwt": "dc+sd-jwt", "mdl_mdoc": "mso_mdoc"}


@pytest.fixture
def issuer() -> DemoIssuer:
    return DemoIssuer(BASE)


@pytest.fixture
def client(issuer: DemoIssuer) -> Iterator[httpx.Client]:
    with client_for(issuer) as http:
        yield http


def _verify(
    issuer: DemoIssuer,
    client: httpx.Client,
    holder: Holder,
    credential: str,
    config_id: str,
    *,
    anchored: bool = True,
) -> Verification:
    anchors = [TrustAnchor.from_der(issuer.root_certificate_der())] if anchored else []
    return verify_credential(
        FORMATS[config_id],
        credential,
        holder_jwk=holder.public_jwk,
        anchors=anchors,
        session=HttpSession(client),
        status_cache=MemoryStatusCache(),
        now=time.time(),
    )


def _failed(v: Verification) -> list[str]:
    return [c.name for c in v.checks if c.ok is False]


@pytest.mark.parametrize("config_id", FORMATS)
def test_demo_credentials_are_trusted_with_the_demo_root(
    issuer: DemoIssuer, client: httpx.Client, config_id: str
) -> None:
    holder = Holder()
    credential = issue_credential(client, issuer, holder, config_id)
    v = _verify(issuer, client, holder, credential, config_id)
    assert (v.verdict, v.status, _failed(v)) == ("trusted", "valid", [])
    assert v.anchor is not None and "Demo Root CA" in v.anchor
    assert v.organisation == "Demo Issuer GmbH"
    untrusted = _verify(issuer, client, holder, credential, config_id, anchored=False)
    assert untrusted.verdict == "untrusted"
    issuer.set_status(credential, 1)
    assert _verify(issuer, client, holder, credential, config_id).verdict == "revoked"
    issuer.set_status(credential, 2)
    assert _verify(issuer, client, holder, credential, config_id).verdict == "suspended"


@pytest.mark.parametrize("config_id", FORMATS)
@pytest.mark.parametrize(
    ("fault", "verdict", "failed"),
    [
        ("forged", "untrusted", ["trust_anchor"]),
        ("broken_chain", "invalid", ["certificate_chain", "trust_anchor"]),
        ("expired_signer", "invalid", ["certificate_chain", "trust_anchor"]),
        ("revoked", "revoked", ["status"]),
    ],
)
def test_demo_fault_switches(
    issuer: DemoIssuer,
    client: httpx.Client,
    config_id: str,
    fault: str,
    verdict: str,
    failed: list[str],
) -> None:
    setattr(issuer.faults, fault, True)
    holder = Holder()
    credential = issue_credential(client, issuer, holder, config_id)
    setattr(issuer.faults, fault, False)  # the status list itself stays honest
    v = _verify(issuer, client, holder, credential, config_id)
    assert (v.verdict, _failed(v)) == (verdict, failed)


@pytest.mark.parametrize("config_id", FORMATS)
def test_a_status_list_signed_by_the_wrong_key_is_unknown(
    issuer: DemoIssuer, client: httpx.Client, config_id: str
) -> None:
    holder = Holder()
    credential = issue_credential(client, issuer, holder, config_id)
    issuer.faults.status_wrong_key = True
    v = _verify(issuer, client, holder, credential, config_id)
    assert (v.verdict, v.status) == ("trusted", "unknown")
    status = next(c for c in v.checks if c.name == "status")
    assert status.ok is None and "signer is not trusted" in str(status.detail)


def test_the_demo_faults_used_here_exist() -> None:
    faults = DemoFaults()
    for name in ("forged", "broken_chain", "expired_signer", "revoked", "status_wrong_key"):
        assert getattr(faults, name) is False
