"""The sample SD-JWT VC ``preload`` warms the structural floor with (issue 10) is one the
floor reads and accepts, for decades: a refusal would leave the warm-up half done, silently."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import pytest

from wallet_app.formats.parsed import parse_credential
from wallet_app.formats.warmup_sample import SD_JWT_SAMPLE
from wallet_app.wallet.verifying import preload


def test_the_floor_accepts_the_sample_now_and_in_2098() -> None:
    for now in (time.time(), datetime(2098, 12, 1, tzinfo=UTC).timestamp()):
        parsed = parse_credential("dc+sd-jwt", SD_JWT_SAMPLE, now=now)
        assert parsed is not None
        assert parsed.floor.signature[0] is True  # checked with its own x5c certificate
        assert parsed.view.claims == {"given_name": "Sample", "family_name": "Warm-Up", "age": 42}


def test_preload_reads_it_without_a_complaint(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="wallet_app.wallet.verifying"):
        preload()
    assert not caplog.records
