"""The bundle smoke tests run only when ``.ci/bundle`` names a built tarball.

``WALLET_APP_BUNDLE_TARBALL`` is the path of ``wallet-app-<version>-linux-<arch>.tar.gz``;
without it the tests marked ``bundle`` are deselected (not skipped), so the normal run of
``.ci/test`` does not list them at all.
"""

from __future__ import annotations

import os

import pytest

TARBALL_ENV = "WALLET_APP_BUNDLE_TARBALL"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the ``bundle`` tests when no tarball was given."""
    if os.environ.get(TARBALL_ENV):
        return
    keep = [item for item in items if "bundle" not in item.keywords]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if "bundle" in i.keywords])
        items[:] = keep
