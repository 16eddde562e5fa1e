"""Status list, type metadata and signed metadata against the real demo issuer served on
127.0.0.1 (wallet_app.demo_issuer.server), through a real HttpSession."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest
from cryptography import x509

from tests.demo_issuer.demo_issuer_kit import Holder, client_for, issue_credential, mdoc_mso
from wallet_app.demo_issuer import DemoConfig
from wallet_app.demo_issuer.server import RunningIssuer, serve
from wallet_app.formats.view import b64url_decode
from wallet_app.oid4vci.client import Oid4vciClient
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.metadata import parse_issuer_metadata
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.signed_metadata import verify_signed_metadata
from wallet_app.trust.status_list import StatusReference, check_status, status_reference
from wallet_app.trust.type_metadata import card_display, resolve_type_metadata

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


@pytest.fixture
def running() -> Iterator[RunningIssuer]:
    with serve(DemoConfig(signed_metadata=True)) as issuer:
        yield issuer


@pytest.fixture
def session() -> Iterator[HttpSession]:
    with httpx.Client(timeout=10) as client:
        yield HttpSession(client)


def anchors(running: RunningIssuer) -> list[TrustAnchor]:
    root = x509.load_pem_x509_certificate(running.issuer.root_certificate_pem())
    return [TrustAnchor.from_certificate(root)]


def sd_jwt_payload(credential: str) -> dict[str, object]:
    payload = json.loads(b64url_decode(credential.split("~")[0].split(".")[1]))
    assert isinstance(payload, dict)
    return payload


def issue(running: RunningIssuer, config_id: str) -> str:
    with client_for(running.issuer) as client:
        return issue_credential(client, running.issuer, Holder(), config_id)


def test_status_of_demo_credentials_follows_set_status(
    running: RunningIssuer, session: HttpSession
) -> None:
    sd_jwt = issue(running, "pid_sd_jwt")
    mdoc = issue(running, "mdl_mdoc")
    refs = [
        status_reference(sd_jwt_payload(sd_jwt)["status"]),  # type: ignore[arg-type]
        status_reference(mdoc_mso(mdoc)[0]["status"]),  # type: ignore[arg-type]
    ]
    assert all(isinstance(ref, StatusReference) for ref in refs)
    for credential, ref in zip((sd_jwt, mdoc), refs, strict=True):
        assert ref is not None
        assert ref.uri == running.base_url + "/status/1"
        for value, expected in ((0, "valid"), (1, "invalid"), (2, "suspended")):
            running.issuer.set_status(credential, value)
            got, check = check_status(
                ref, anchors=anchors(running), session=session, cache=None, now=time.time()
            )
            assert (got, check.name) == (expected, "status")


def test_demo_status_list_signed_by_the_wrong_key_is_unknown(
    running: RunningIssuer, session: HttpSession
) -> None:
    ref = status_reference(sd_jwt_payload(issue(running, "pid_sd_jwt"))["status"])  # type: ignore[arg-type]
    assert ref is not None
    running.issuer.faults.status_wrong_key = True
    got, check = check_status(
        ref, anchors=anchors(running), session=session, cache=None, now=time.time()
    )
    assert (got, check.ok) == ("unknown", None)
    assert "signer is not trusted" in check.detail
    # without the demo root in the trust list, even the right key is not trusted
    running.issuer.faults.status_wrong_key = False
    got, _ = check_status(ref, anchors=[], session=session, cache=None, now=time.time())
    assert got == "unknown"


def test_demo_diploma_type_metadata(running: RunningIssuer, session: HttpSession) -> None:
    payload = sd_jwt_payload(issue(running, "diploma_sd_jwt"))
    vct, integrity = payload["vct"], payload.get("vct#integrity")
    assert isinstance(vct, str)
    assert isinstance(integrity, str)
    meta, check = resolve_type_metadata(vct, integrity, session=session)
    assert check.ok is True, check.detail
    assert meta is not None
    assert meta.extends == (running.base_url + "/vct/diploma-base",)
    shape = card_display(meta)
    assert shape["display"]
    assert shape["claims"]
    # a wrong pin is caught
    meta, check = resolve_type_metadata(vct, "sha256-" + "A" * 43 + "=", session=session)
    assert (meta, check.ok) == (None, False)


def test_demo_signed_metadata(running: RunningIssuer, session: HttpSession) -> None:
    client = Oid4vciClient(session)
    found = client.discover_issuer_metadata(running.base_url, signed=True)
    assert found.jwt is not None
    claims, checks, chain = verify_signed_metadata(
        found.jwt, credential_issuer=running.base_url, anchors=anchors(running), now=time.time()
    )
    assert checks[-1].ok is True, checks[-1].detail
    assert claims is not None
    assert chain is not None
    assert chain.anchor is not None
    assert "Demo Root CA" in chain.anchor.subject
    parsed = parse_issuer_metadata(claims, expected_issuer=running.base_url)
    assert "diploma_sd_jwt" in parsed.configurations
    # not asked: plain JSON, as before
    plain = client.discover_issuer_metadata(running.base_url)
    assert plain.jwt is None
    assert plain.doc["credential_issuer"] == running.base_url
    # without the anchor the signed values are not used
    claims, checks, _ = verify_signed_metadata(
        found.jwt, credential_issuer=running.base_url, anchors=[], now=time.time()
    )
    assert (claims, checks[-1].ok) == (None, False)
