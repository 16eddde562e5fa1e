"""The CLI's report of an issuance (wallet_app.commands)."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace
from typing import cast

from wallet_app.commands import _report_result
from wallet_app.compose import Opened
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import IssuanceResult
from wallet_app.wallet.store import StoredCredential


class _NoStore:
    def list_deferred(self) -> list[object]:
        raise AssertionError("the report must not re-open every deferred context")


def test_json_report_takes_transaction_ids_from_the_result() -> None:
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
    _report_result(opened, result, cast(Settings, None), as_json=True, out=out, err=io.StringIO())
    assert json.loads(out.getvalue()) == {
        "credentials": [],
        "deferred": [
            {"id": pending.id, "credential_configuration_id": "pid", "transaction_id": "tx-1"}
        ],
    }
