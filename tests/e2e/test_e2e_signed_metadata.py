"""Signed issuer metadata end to end (OID4VCI 1.0 §12.2.3): the real CLI against a demo issuer
on 127.0.0.1 that signs its metadata. Before anything is issued, ``receive`` says who vouches
for the issuer: nobody (its certificate is not in the trust list), then, once its root is a
trust anchor, the organisation of that anchor; ``--signed-metadata require`` refuses an issuer
that does not sign."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


def test_receive_names_who_vouches_for_an_issuer_that_signs_its_metadata(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], tmp_path: Path
) -> None:
    issuer = demo(DemoConfig(signed_metadata=True))
    first = wallet_env.run_ok("receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri)
    assert "issuer certificate not in your trust list" in first.stderr
    assert "issuer verified by" not in first.stderr

    root = tmp_path / "root.pem"
    root.write_bytes(issuer.issuer.root_certificate_pem())
    wallet_env.run_ok("trust", "add", str(root))
    second = wallet_env.run_ok("receive", issuer.issuer.create_offer(["pid_sd_jwt"]).uri)
    assert "issuer verified by Demo Issuer GmbH" in second.stderr


def test_require_refuses_an_issuer_without_signed_metadata(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    refused = wallet_env.run("--signed-metadata", "require", "receive", offer.uri)
    assert refused.returncode == 1
    assert "require signed metadata" in refused.stderr
    assert wallet_env.run_ok("list", "--json").json() == []
