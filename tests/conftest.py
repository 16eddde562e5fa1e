"""Suite-wide set-up: offscreen Qt unless a test run chose xcb; X11-only tests skip without X."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Fuzzing (tests/fuzz): "ci" (the default) runs 5,000 examples per parser, derandomized so a CI
# run is reproducible; "long" 100,000 random ones (pytest tests/fuzz --hypothesis-profile=long).
# No example database: nothing is written into the checkout. No deadline: a loaded machine is
# slow, not wrong.
_FUZZ = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"wallet-app-hypothesis-{os.getuid()}")
settings.register_profile("ci", max_examples=5_000, derandomize=True, **_FUZZ)  # type: ignore[arg-type]
settings.register_profile("long", max_examples=100_000, **_FUZZ)  # type: ignore[arg-type]
settings.register_profile("quick", max_examples=200, derandomize=True, **_FUZZ)  # type: ignore[arg-type]
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
)


@pytest.fixture(autouse=True)
def _no_user_preferences(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the developer's own settings.json, nor its log folder."""
    if "WALLET_APP_CONFIG_DIR" not in os.environ:
        monkeypatch.setenv("WALLET_APP_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    if "WALLET_APP_LOG_DIR" not in os.environ:
        monkeypatch.setenv("WALLET_APP_LOG_DIR", str(tmp_path_factory.mktemp("log")))


@pytest.fixture
def screen_fit(qapp: Any) -> Iterator[Any]:
    """Every window and dialog clamped to the screen, as ``run_gui`` installs it
    (``gui.screen_fit``); taken off after the test."""
    from wallet_app.gui.screen_fit import install_screen_fit, uninstall_screen_fit

    yield install_screen_fit(qapp)
    uninstall_screen_fit(qapp)  # the next test installs afresh


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip ``xvfb`` tests unless Qt runs on a real X server."""
    on_x = os.environ.get("QT_QPA_PLATFORM") == "xcb" and bool(os.environ.get("DISPLAY"))
    if on_x:
        return
    skip = pytest.mark.skip(reason="needs a real X server (run by .ci/test under xvfb-run)")
    for item in items:
        if "xvfb" in item.keywords:
            item.add_marker(skip)
