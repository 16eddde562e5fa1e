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
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from gui_e2e_kit import STEP_MS, DemoApp, demo_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.camera import CARD_NAME, PixelFormat, camera_scene, write_frames

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

DEVICE = os.environ.get("V4L2CAM_DEVICE", "")
LOG = Path(os.environ.get("V4L2CAM_LOG", "/nonexistent"))
FORMAT = cast(PixelFormat, os.environ.get("V4L2CAM_FORMAT", "YUYV"))


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


def _save_shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def test_qt_lists_the_camera(qapp: QApplication) -> None:
    # (with an application: Qt's watch on /dev needs its event loop)
    from PySide6.QtMultimedia import QMediaDevices

    cameras = QMediaDevices.videoInputs()
    assert [c.description() for c in cameras] == [CARD_NAME]
    assert bytes(cameras[0].id().data()).decode() == DEVICE
    formats = {(f.resolution().width(), f.resolution().height()) for f in cameras[0].videoFormats()}
    assert formats == {(640, 480)}


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

    # Then the offer is held up to the camera (a new stream: the camera reads the new pictures).
    scanner.stop()
    qtbot.waitUntil(lambda: _events()[-1] == "STREAMOFF", timeout=STEP_MS)
    monkeypatch.setenv(
        "V4L2CAM_FRAMES", write_frames(tmp_path / "b", [camera_scene(offer.uri)], FORMAT)
    )
    scanner.start()
    app.receive_to_card(qtbot, "Personal ID")

    events = _events()
    assert events.count("STREAMON frames=2") == 1 and events.count("STREAMON frames=1") == 1
    assert sum(e.startswith("DQBUF") for e in events) >= 4
    # The dialog is gone and the camera with it: streaming stopped, every descriptor closed.
    qtbot.waitUntil(lambda: _events()[-1].startswith("close"), timeout=STEP_MS)
    events = _events()
    assert events[-2:-1] == ["STREAMOFF"] or "STREAMOFF" in events[-3:]
    opened = sum(e.startswith("open") for e in events)
    assert opened == sum(e.startswith("close") for e in events) >= 2


def test_a_camera_plugged_in_later_starts_the_scanner(
    app: DemoApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    monkeypatch.setenv("V4L2CAM_FRAMES", write_frames(tmp_path, [camera_scene(None)], FORMAT))

    devices = QMediaDevices()  # Qt watches for cameras while someone listens
    changes: list[int] = []
    devices.videoInputsChanged.connect(lambda: changes.append(len(devices.videoInputs())))
    node = Path(DEVICE)
    device_number = node.stat().st_rdev
    node.unlink()  # unplugged
    try:
        qtbot.waitUntil(lambda: changes == [0], timeout=STEP_MS)
        dialog = app.open_add_dialog(qtbot)
        qtbot.mouseClick(dialog.camera_button, Qt.MouseButton.LeftButton)
        scanner = dialog.camera
        assert scanner is not None and not scanner.has_camera
        _save_shot(dialog, "add_credential_no_camera_yet")
    finally:
        os.mknod(node, stat.S_IFCHR | 0o600, device_number)  # plugged in again
    qtbot.waitUntil(lambda: changes == [0, 1], timeout=STEP_MS)
    qtbot.waitUntil(lambda: scanner.has_camera, timeout=STEP_MS)
    qtbot.waitUntil(lambda: not scanner.preview.image.isNull(), timeout=STEP_MS)
    assert scanner.preview.isVisible()

    # The camera delivers 30 frames a second; the preview converts at most 15 of them.
    shown: list[int] = []
    scanner.preview.set_image = lambda image: shown.append(image.width())  # type: ignore[method-assign]
    delivered = sum(e.startswith("DQBUF") for e in _events())
    qtbot.wait(1000)
    delivered = sum(e.startswith("DQBUF") for e in _events()) - delivered
    assert 0 < len(shown) <= 16 and len(shown) <= delivered, (delivered, len(shown))
