"""The CLI's report of an issuance (wallet_app.commands)."""

from __future__ import annotations

import io
import json
from concurrent.futures import Future
from types import SimpleNamespace
from typing import cast

from wallet_app.commands import _report_result
from wallet_app.commands_output import write_status_lines
from wallet_app.compose import Opened
from wallet_app.errors import Sentence
from wallet_app.trust.model import Check, StatusValue, Verification
from wallet_app.wallet.issuance import IssuanceResult
from wallet_app.wallet.store import StoredCredential


class _NoStore:
    def list_deferred(self) -> list[object]:
        raise AssertionError("the report must not re-open every deferred context")


def test_json_report_names_a_deferred_entry_by_its_local_id_only() -> None:
    # never the issuer's handle: draft 11's acceptance_token is a bearer credential
    pending = StoredCredential(
        id="d" * 32,
        credential_configuration_id="pid",
        format="dc+sd-jwt",
        issuer="https://issuer.test",
        name="Personal ID",
        received_at="2026-01-01T00:00:00Z",
        status="deferred",
        instance_count=0,
        card={},
    )
    result = IssuanceResult(
        credentials=(),
        deferred=(pending,),
        flow_id="f",
        issuer="https://issuer.test",
        transaction_ids={pending.id: "tx-1"},
    )
    opened = cast(Opened, SimpleNamespace(store=_NoStore()))
    out = io.StringIO()
    _report_result(opened, result, as_json=True, out=out)
    assert json.loads(out.getvalue()) == {
        "credentials": [],
        "deferred": [{"id": pending.id, "credential_configuration_id": "pid"}],
    }


def _stored(name: str, letter: str) -> StoredCredential:
    return StoredCredential(
        id=letter * 32,
        credential_configuration_id="pid",
        format="dc+sd-jwt",
        issuer="https://issuer.test",
        name=name,
        received_at="2026-01-01T00:00:00Z",
        status="issued",
        instance_count=1,
        card={},
    )


def _verification(status: StatusValue | None, reason: str = "") -> Verification:
    checks = [Check("trust_anchor", True, Sentence("vouched for"), "HAIP", "anchor")]
    if status is not None:
        ok = {"valid": True, "invalid": False, "suspended": False, "unknown": None}[status]
        checks.append(Check("status", ok, Sentence(reason or "checked"), "TSL §8", "status"))
    return Verification.of(
        checks, anchor="CN=Root", organisation="Org", status=status, checked_at=0
    )


def _done(value: Verification | None) -> Future[Verification | None]:
    future: Future[Verification | None] = Future()
    future.set_result(value)
    return future


def test_status_lines_say_only_what_the_status_check_adds() -> None:
    confirmed, revoked, unknown, pending, failed = (
        _stored(name, letter)
        for name, letter in (("A", "a"), ("B", "b"), ("C", "c"), ("D", "d"), ("E", "e"))
    )
    printed = {c.id: _verification(None) for c in (confirmed, revoked, unknown, pending, failed)}
    result = IssuanceResult(
        credentials=(confirmed, revoked, unknown, pending, failed),
        deferred=(),
        flow_id="f",
        issuer="https://issuer.test",
        status_checks={
            confirmed.id: _done(_verification("valid")),
            revoked.id: _done(_verification("invalid")),
            unknown.id: _done(_verification("unknown", "The status list did not answer.")),
            pending.id: Future(),  # still running when the wait ended
            failed.id: _done(None),  # could not be stored (deleted meanwhile)
        },
    )
    assert printed[confirmed.id].verdict == "trusted"
    out = io.StringIO()
    write_status_lines(result, printed, out)
    assert out.getvalue().splitlines() == [
        "Status of B: revoked",
        "Status of C: unknown (The status list did not answer.)",
        "Status of D: not checked yet; 'wallet-app status dddddddd' checks it",
        "Status of E: not checked yet; 'wallet-app status eeeeeeee' checks it",
    ]


class _NoVerificationRead:
    def get_verification(self, credential_id: str) -> Verification:
        raise AssertionError("the verification stored at receipt is in the result")


def test_the_report_uses_the_verification_the_flow_stored_without_reading_it_back() -> None:
    received, checked = _stored("A", "a"), _stored("B", "b")
    result = IssuanceResult(
        credentials=(received, checked),
        deferred=(),
        flow_id="f",
        issuer="https://issuer.test",
        status_checks={received.id: Future(), checked.id: _done(_verification("valid"))},
        verifications={received.id: _verification(None), checked.id: _verification(None)},
    )
    opened = cast(Opened, SimpleNamespace(store=_NoVerificationRead()))
    out = io.StringIO()
    shown = _report_result(opened, result, as_json=False, out=out)
    assert shown[received.id].status is None  # its status check is still running
    assert shown[checked.id].status == "valid"  # the status check's result wins
    assert "trusted issuer: Org" in out.getvalue()
