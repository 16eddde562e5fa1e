"""Scanning an offer with a camera, through Qt Multimedia's own V4L2 code.

Run by ``test_gui_camera_device.py`` in a pytest process that sees the webcam emulated by
``tests/support/v4l2cam`` (LD_PRELOAD, a ``/dev/videoN`` node, ``V4L2CAM_*`` settings): Qt lists
it, opens it, negotiates the format and buffers (USERPTR, or the MMAP fallback), streams YUYV or
Motion-JPEG frames, and the wallet's scanner decodes them. Everything behind the camera is as in
``test_gui_end_to_end.py``: the demo issuer on 127.0.0.1, the store, the real dialogs.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest
from gui_e2e_kit import STEP_MS, DemoApp, demo_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.support.camera import CARD_NAME, PixelFormat, camera_scene, write_frames

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

DEVICE = os.environ.get("V4L2CAM_DEVICE", "")
LOG = Path(os.environ.get("V4L2CAM_LOG", "/nonexistent"))
FORMAT = cast(PixelFormat, os.environ.get("V4L2CAM_FORMAT", "YUYV"))
SIZES = {
    tuple(int(n) for n in s.split("x"))
    for s in os.environ.get("V4L2CAM_SIZE", "640x480").split(",")
}


@pytest.fixture(autouse=True, scope="module")
def _emulated_camera() -> None:
    if not DEVICE or "libv4l2cam" not in os.environ.get("LD_PRELOAD", ""):
        pytest.fail("run through tests/gui/test_gui_camera_device.py (it sets up the camera)")


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoApp]:
    with demo_app(tmp_path, qtbot, monkeypatch) as running:
        yield running


def _events() -> list[str]:
    return LOG.read_text().splitlines() if LOG.exists() else []


def _count(prefix: str) -> int:
    return sum(e.startswith(prefix) for e in _events())


def _save_shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def test_qt_lists_the_camera(qapp: QApplication) -> None:
    # (with an application: Qt's watch on /dev needs its event loop)
    from PySide6.QtMultimedia import QMediaDevices

    from wallet_app.gui.camera import choose_format

    cameras = [c for c in QMediaDevices.videoInputs() if c.description() == CARD_NAME]
    assert len(cameras) == 1
    assert bytes(cameras[0].id().data()).decode() == DEVICE
    formats = {(f.resolution().width(), f.resolution().height()) for f in cameras[0].videoFormats()}
    assert formats == SIZES
    chosen = choose_format(cameras[0])  # a QR code needs no more than 1280x720
    assert chosen is not None and (chosen.resolution().width(), chosen.resolution().height()) == (
        640,
        480,
    )


def test_offer_scanned_with_the_camera_becomes_a_card(
    app: DemoApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offer = app.issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    # First the camera sees an empty desk, then a QR code that is no offer.
    not_an_offer = [camera_scene(None), camera_scene("https://example.org/menu")]
    monkeypatch.setenv("V4L2CAM_FRAMES", write_frames(tmp_path / "a", not_an_offer, FORMAT))
    dialog = app.open_add_dialog(qtbot)
    qtbot.mouseClick(dialog.camera_button, Qt.MouseButton.LeftButton)
    scanner = dialog.camera
    assert scanner is not None and scanner.has_camera, "the scanner found no camera"
    qtbot.waitUntil(lambda: "not a credential offer" in scanner.status_text, timeout=STEP_MS)
    _save_shot(dialog, f"add_credential_camera_{FORMAT.lower()}")
    assert dialog.isVisible()  # nothing was submitted
    assert "S_FMT 640x480" in _events()  # the largest size up to 1280x720, not 1920x1080

    # "Scan screen" hides the dialog for the screenshot: the camera stops, then resumes.
    dialog.scan_screen()
    qtbot.waitUntil(lambda: _count("STREAMOFF") == 1, timeout=STEP_MS)
    qtbot.waitUntil(lambda: dialog.isVisible() and _count("STREAMON") == 2, timeout=STEP_MS)
    frames = _count("DQBUF")
    qtbot.waitUntil(lambda: _count("DQBUF") > frames + 3, timeout=STEP_MS)

    # Then the offer is held up to the camera (a new stream: the camera reads the new pictures).
    scanner.stop()
    qtbot.waitUntil(lambda: _count("STREAMOFF") == 2, timeout=STEP_MS)
    monkeypatch.setenv(
        "V4L2CAM_FRAMES", write_frames(tmp_path / "b", [camera_scene(offer.uri)], FORMAT)
    )
    scanner.start()
    app.receive_to_card(qtbot, "Personal ID")

    events = _events()
    assert events.count("STREAMON frames=2") == 2 and events.count("STREAMON frames=1") == 1
    # The dialog is gone and the camera with it: streaming stopped, every descriptor closed.
    qtbot.waitUntil(lambda: _count("open") == _count("close"), timeout=STEP_MS)
    assert _count("STREAMOFF") == _count("STREAMON") == 3


def test_a_camera_plugged_in_later_starts_the_scanner(
    app: DemoApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    monkeypatch.setenv("V4L2CAM_FRAMES", write_frames(tmp_path, [camera_scene(None)], FORMAT))
    devices = QMediaDevices()  # Qt watches for cameras while someone listens
    changes: list[int] = []
    devices.videoInputsChanged.connect(lambda: changes.append(len(devices.videoInputs())))
    with _unplugged(qtbot, changes):
        dialog = app.open_add_dialog(qtbot)
        qtbot.mouseClick(dialog.camera_button, Qt.MouseButton.LeftButton)
        scanner = dialog.camera
        assert scanner is not None and not scanner.has_camera
        _save_shot(dialog, "add_credential_no_camera_yet")
    qtbot.waitUntil(lambda: scanner.has_camera, timeout=STEP_MS)
    qtbot.waitUntil(lambda: not scanner.preview.image.isNull(), timeout=STEP_MS)
    assert scanner.preview.isVisible()

    # The camera delivers 30 frames a second; the preview converts at most 15 of them.
    shown: list[int] = []
    scanner.preview.set_image = lambda image: shown.append(image.width())  # type: ignore[method-assign]
    delivered, started = _count("DQBUF"), time.monotonic()
    qtbot.wait(1000)
    delivered, elapsed = _count("DQBUF") - delivered, time.monotonic() - started
    assert 0 < len(shown) <= 15 * elapsed + 2 and len(shown) <= delivered, (
        delivered,
        len(shown),
        elapsed,
    )


def test_the_camera_unplugged_while_scanning_comes_back(
    app: DemoApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    monkeypatch.setenv("V4L2CAM_FRAMES", write_frames(tmp_path, [camera_scene(None)], FORMAT))
    devices = QMediaDevices()
    changes: list[int] = []
    devices.videoInputsChanged.connect(lambda: changes.append(len(devices.videoInputs())))
    dialog = app.open_add_dialog(qtbot)
    qtbot.mouseClick(dialog.camera_button, Qt.MouseButton.LeftButton)
    scanner = dialog.camera
    assert scanner is not None
    qtbot.waitUntil(lambda: not scanner.preview.image.isNull(), timeout=STEP_MS)
    with _unplugged(qtbot, changes):
        qtbot.waitUntil(lambda: not scanner.has_camera, timeout=STEP_MS)
        message = scanner.findChild(QLabel, "noCameraMessage")
        assert message is not None and message.isVisible()
    qtbot.waitUntil(lambda: scanner.has_camera, timeout=STEP_MS)
    qtbot.waitUntil(lambda: not scanner.preview.image.isNull(), timeout=STEP_MS)
    assert scanner.preview.isVisible()


@contextmanager
def _unplugged(qtbot: QtBot, changes: list[int]) -> Iterator[None]:
    """Remove the camera's /dev node for the ``with`` block, then plug it in again; wait
    until Qt has seen both."""
    node = Path(DEVICE)
    device_number = node.stat().st_rdev
    seen = len(changes)
    node.unlink()
    try:
        qtbot.waitUntil(lambda: len(changes) > seen and changes[-1] == 0, timeout=STEP_MS)
        yield
    finally:
        os.mknod(node, stat.S_IFCHR | 0o600, device_number)
    qtbot.waitUntil(lambda: changes[-1] == 1, timeout=STEP_MS)
