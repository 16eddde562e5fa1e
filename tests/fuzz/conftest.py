"""Fuzzing runs as long as its profile needs: no per-test timeout with the 100,000-example
"long" profile, 15 minutes per parser with "ci" (the suite's default is 2)."""

from __future__ import annotations

import pytest
from hypothesis import settings


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    limit = 0 if settings.default.max_examples > 10_000 else 900
    for item in items:
        if item.path.parent.name == "fuzz":
            item.add_marker(pytest.mark.timeout(limit))
