"""Issue 11 on batches: one copy that breaks a rule that MUST abort refuses the whole
credential (nothing half-issued is kept), whether the structural floor
(:mod:`wallet_app.formats.validate`) or an integrity check of the trust verification finds
it; a copy damaged past reading is still dropped and the others kept (issue 10, W6). The
demo issuer in process, its credential responses altered on the way back and signed again
with the issuer's own key where the change is under the signature."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.wallet.test_copies import Alter, _Altering
from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.demo_issuer.tampering import break_credential, resign_jws
from wallet_app.errors import FormatError, InvalidCredential, TrustError
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.wallet.issuance import IssuanceResult, Wallet
from wallet_app.wallet.store import CredentialStore

BASE = "https://issuer.test"
Run = Callable[[Callable[[DemoIssuer], Alter]], tuple[DemoIssuer, Wallet, object]]


@pytest.fixture
def receive(tmp_path: Path) -> Iterator[Run]:
    opened: list[tuple[Wallet, CredentialStore, httpx.Client]] = []

    def run(make: Callable[[DemoIssuer], Alter]) -> tuple[DemoIssuer, Wallet, object]:
        issuer = DemoIssuer(BASE, config=DemoConfig())  # batches of 3
        http = httpx.Client(transport=_Altering(issuer, make(issuer)))
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


def _keys(issuer: DemoIssuer) -> Any:
    return issuer._state.credential_keys()


def _last_broken(mode: str) -> Callable[[DemoIssuer], Alter]:
    def make(issuer: DemoIssuer) -> Alter:
        def alter(copies: list[str]) -> list[str]:
            broken = break_credential(mode, copies[-1], "dc+sd-jwt", _keys(issuer), time.time())
            return [*copies[:-1], broken]

        return alter

    return make


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("alg_none", "not signed (alg none)"),
        ("kb_from_issuer", "key binding JWT"),
        ("unknown_sd_alg", "(md5)"),
        ("expired", "has already expired"),
    ],
)
def test_one_invalid_copy_refuses_the_batch(receive: Run, mode: str, said: str) -> None:
    issuer, wallet, outcome = receive(_last_broken(mode))
    assert isinstance(outcome, InvalidCredential), outcome
    assert said in outcome.user_message
    assert wallet.store.list_credentials() == []
    assert [n["event"] for n in issuer.received_notifications()] == ["credential_failure"]


def test_one_copy_failing_an_integrity_check_of_the_verification_refuses_the_batch(
    receive: Run,
) -> None:
    """A copy without ``vct`` passes the format's floor but fails the trust verification's
    structure check (SD-JWT VC §3.2.2.2): the batch is refused, not kept in part."""

    def make(issuer: DemoIssuer) -> Alter:
        def alter(copies: list[str]) -> list[str]:
            jws_text, rest = copies[-1].split("~", 1)
            again = resign_jws(jws_text, _keys(issuer), lambda p: p.pop("vct"))
            return [*copies[:-1], f"{again}~{rest}"]

        return alter

    issuer, wallet, outcome = receive(make)
    assert isinstance(outcome, TrustError) and outcome.code == "credential_rejected"
    assert wallet.store.list_credentials() == []
    assert [n["event"] for n in issuer.received_notifications()] == ["credential_failure"]


def test_a_copy_damaged_past_reading_is_still_dropped_and_the_others_kept(receive: Run) -> None:
    def make(issuer: DemoIssuer) -> Alter:
        return lambda copies: [*copies[:2], copies[2].split(".")[0]]

    _, wallet, outcome = receive(make)
    assert isinstance(outcome, IssuanceResult)
    [stored] = outcome.credentials
    assert stored.instance_count == 2
    [dropped] = outcome.dropped
    assert (dropped.position, dropped.code) == (2, "unreadable")
    assert len(wallet.store.get_credential(stored.id).instances) == 2
