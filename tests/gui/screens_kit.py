"""Run the screenshot tool (tests/tools/screenshots.py) for one language/theme on a screen of
a given size and read its report: the windows of every screen it renders and their texts.

Each size runs in its own process (Qt takes the screen size at start-up); a report is made once
per test session and shared by the fit and the German tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tests" / "tools" / "screenshots.py"
sys.path.insert(0, str(TOOL.parent))

from screenshots import size_env  # noqa: E402

_REPORTS: dict[tuple[str, str], dict[str, Any]] = {}


def screens_report(combo: str, size: str, folder: Path) -> dict[str, Any]:
    """The tool's report for ``combo`` (e.g. ``de-light``) at ``size`` (``1280x720``,
    ``1920x1080@2``); the PNGs land in ``folder``. Raises AssertionError when the tool fails."""
    key = (combo, size)
    if key not in _REPORTS:
        folder.mkdir(parents=True, exist_ok=True)
        report = folder / f"report-{combo}-{size}.json"
        env = {**os.environ, **size_env(size, folder)}
        env.pop("DISPLAY", None)  # offscreen, whatever the run's platform
        done = subprocess.run(
            [
                *(sys.executable, str(TOOL), "--out", str(folder), "--only-combo", combo),
                *("--size", size, "--report", str(report), "--only", ",".join(SCREENS)),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=280,
            check=False,
        )
        # "  ! <screen> failed:" and its traceback, up to the next progress line
        failures, inside = [], False
        for line in done.stderr.splitlines():
            if line.startswith("  ! "):
                inside = True
            elif not line.startswith((" ", "Traceback")) and inside and line.strip():
                failures.append("    " + line)
                inside = False
                continue
            if inside:
                failures.append(line)
        assert done.returncode == 0 and report.exists(), done.stderr[-4000:]
        loaded = json.loads(report.read_text(encoding="utf-8"))
        loaded["failures"] = failures
        _REPORTS[key] = loaded
    return _REPORTS[key]


#: the screens the tool renders, minus the camera (the tests need no webcam)
SCREENS = (
    "main",
    "menu",
    "demo",
    "add",
    "review",
    "txcode",
    "flow",
    "details",
    "explorer",
    "inspector",
    "history",
    "presentation",
    "settings",
    "firstrun",
    "demo-banner",
    "passphrase",
    "trust",
    # issue 10 (tests/tools/reach_shots.py)
    "advanced",
    "refusal",
    "lint",
    "profiles",
    "redirect",
    "kept",
)
