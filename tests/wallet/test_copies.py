"""Batch partial (issue 10, W6): the copies of a batch that can be read and bound are kept,
the others dropped with their reason; none kept fails the credential. A copy that can be read
but is structurally invalid refuses the whole credential (issue 11). The demo issuer
in process (httpx.WSGITransport), its credential responses altered on the way back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.demo_issuer.tampering import tamper_sd_jwt
from wallet_app.errors import FormatError, InvalidCredential, TrustError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.copies import DroppedCopy, kept_sentence
from wallet_app.wallet.issuance import IssuanceResult, Wallet
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"
Alter = Callable[[list[str]], list[str]]


class _Altering(httpx.BaseTransport):
    """The demo issuer, with the copies of each credential response passed through ``alter``."""

    def __init__(self, issuer: DemoIssuer, alter: Alter) -> None:
        self.inner = httpx.WSGITransport(app=issuer)
        self.alter = alter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        if request.url.path != "/credential" or response.status_code != 200:
            return response
        body = json.loads(response.content)
        copies = self.alter([c["credential"] for c in body["credentials"]])
        body["credentials"] = [{"credential": c} for c in copies]
        return httpx.Response(200, json=body, headers={"Cache-Control": "no-store"})


@pytest.fixture
def receive(tmp_path: Path) -> Iterator[Callable[[Alter], tuple[DemoIssuer, Wallet, object]]]:
    opened: list[tuple[Wallet, CredentialStore, httpx.Client]] = []

    def run(alter: Alter) -> tuple[DemoIssuer, Wallet, object]:
        issuer = DemoIssuer(BASE, config=DemoConfig())  # batches of 3
        http = httpx.Client(transport=_Altering(issuer, alter))
        store = CredentialStore.open(tmp_path / f"d{len(opened)}", secrets=MemorySecretStore())
        wallet = Wallet(store, http)
        opened.append((wallet, store, http))
        flow = wallet.new_flow("pre-authorized_code")
        resolved = wallet.resolve_offer(issuer.create_offer(["pid_sd_jwt"]).uri, flow=flow)
        try:
            outcome: object = wallet.receive_pre_authorized(resolved, flow=flow)
        except (FormatError, TrustError) as exc:
            outcome = exc
        wallet.wait_for_notifications(5)
        return issuer, wallet, outcome

    yield run
    for wallet, store, http in opened:
        wallet.close()
        store.close()
        http.close()


def test_one_invalid_copy_refuses_the_whole_credential(
    receive: Callable[[Alter], tuple[DemoIssuer, Wallet, object]],
) -> None:
    """Issue 11: a copy that can be read but breaks a rule that MUST abort (here a digest
    mismatch) refuses the issuance: nothing half-issued is kept, the issuer hears failure."""
    issuer, wallet, outcome = receive(lambda copies: [*copies[:2], tamper_sd_jwt(copies[2])])
    assert isinstance(outcome, InvalidCredential) and outcome.code == "credential_rejected"
    assert "(digest mismatch)" in outcome.user_message
    assert wallet.store.list_credentials() == []
    assert [n["event"] for n in issuer.received_notifications()] == ["credential_failure"]


def test_when_no_copy_can_be_read_nothing_is_stored_and_the_issuer_hears_failure(
    receive: Callable[[Alter], tuple[DemoIssuer, Wallet, object]],
) -> None:
    issuer, wallet, outcome = receive(lambda copies: [c.split(".")[0] for c in copies])
    assert isinstance(outcome, FormatError)
    assert wallet.store.list_credentials() == []
    assert [n["event"] for n in issuer.received_notifications()] == ["credential_failure"]


def test_when_every_copy_fails_verification_the_credential_is_rejected(
    receive: Callable[[Alter], tuple[DemoIssuer, Wallet, object]],
) -> None:
    issuer, wallet, outcome = receive(lambda copies: [tamper_sd_jwt(c) for c in copies])
    assert isinstance(outcome, InvalidCredential) and outcome.code == "credential_rejected"
    assert wallet.store.list_credentials() == []
    assert [n["event"] for n in issuer.received_notifications()] == ["credential_failure"]


def test_all_copies_kept_says_nothing(
    receive: Callable[[Alter], tuple[DemoIssuer, Wallet, object]],
) -> None:
    _, _, result = receive(lambda copies: copies)
    assert isinstance(result, IssuanceResult)
    assert result.dropped == () and result.kept_note(result.credentials[0].id) is None


def test_kept_sentence_groups_the_reasons() -> None:
    dropped = [
        DroppedCopy("pid", 1, "unreadable", "JWS has 2 parts, expected 3"),
        DroppedCopy("pid", 2, "unreadable", "JWS has 2 parts, expected 3"),
        DroppedCopy("pid", 3, "holder_binding_mismatch", "bound elsewhere"),
    ]
    sentence = kept_sentence(1, dropped)
    assert sentence == (
        "1 of 4 copies kept: 2 could not be read (JWS has 2 parts, expected 3); "
        "one was bound to a key that is not this wallet's"
    )
    assert kept_sentence(3, []) is None
