"""Camera scanning where a camera exists: ``camera_device_checks.py`` in a pytest process that
sees a webcam emulated in user space (``tests/support/v4l2cam``).

Two kinds of webcam: YUYV frames in USERPTR buffers, offered at 1920x1080 and 640x480 (the
scanner takes 640x480, the largest up to 1280x720), and Motion-JPEG in MMAP buffers (the driver
refuses USERPTR, so Qt takes its fallback). Creating the ``/dev/videoN`` node needs root
(CI runs as root).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.camera import PixelFormat, build_library, camera_env, make_device_node

CHECKS = Path(__file__).with_name("camera_device_checks.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    ("pixel_format", "mmap_only", "sizes"),
    [("YUYV", False, "1920x1080,640x480"), ("MJPG", True, "640x480")],
)
def test_camera_scanning_with_a_v4l2_webcam(
    tmp_path: Path, pixel_format: PixelFormat, mmap_only: bool, sizes: str
) -> None:
    if os.geteuid() != 0:
        pytest.skip("creating /dev/videoN needs root (CI runs as root)")
    library = build_library(tmp_path)
    log = tmp_path / "v4l2cam.log"
    device = make_device_node()
    env = dict(os.environ)
    env.update(camera_env(library, device, log, pixel_format=pixel_format, mmap_only=mmap_only))
    env["V4L2CAM_SIZE"] = sizes
    env["PYTHONPATH"] = str(ROOT)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CHECKS)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    finally:
        device.unlink(missing_ok=True)
    output = done.stdout + done.stderr
    trail = log.read_text() if log.exists() else "(no camera log)"
    assert done.returncode == 0, f"{output}\n--- camera log ---\n{trail[-3000:]}"
    summary = re.search(r"(\d+) passed", output)
    assert summary is not None and int(summary.group(1)) == 4, output
    assert not re.search(r"\d+ (failed|skipped|error)", output), output
    expected_memory = "MMAP" if mmap_only else "USERPTR"
    assert f"REQBUFS memory={expected_memory} count=2" in trail
