"""The emulated webcam of ``tests/support/v4l2cam``: build it, give it a device node, feed it.

``v4l2cam.c`` is loaded with ``LD_PRELOAD`` and answers the V4L2 ioctls for one device path the
way a USB webcam does, so Qt Multimedia's own V4L2 code lists the camera, opens it and streams
frames to the scanner. What the camera "sees" is a list of pictures (see :func:`write_frames`).
A device node without a driver (``mknod /dev/videoN c 81 N``) makes Qt's scan of ``/dev`` find
it; that needs root, as CI has.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Literal

import segno
from PySide6.QtCore import QBuffer, QIODevice, QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

SOURCE = Path(__file__).resolve().parent / "v4l2cam" / "v4l2cam.c"
#: the major number of V4L2 devices ("video4linux")
V4L2_MAJOR = 81
WIDTH, HEIGHT = 640, 480
CARD_NAME = "Test Camera (v4l2cam)"

PixelFormat = Literal["YUYV", "MJPG"]


def build_library(out_dir: Path) -> Path:
    """Compile ``v4l2cam.c`` into ``out_dir/libv4l2cam.so``; raise with the compiler's words."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc); .ci/apt.txt installs gcc")
    library = out_dir / "libv4l2cam.so"
    flags = ["-shared", "-fPIC", "-O2", "-Wall"]
    done = subprocess.run(
        [compiler, *flags, "-o", str(library), str(SOURCE), "-ldl"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building v4l2cam failed:\n{done.stdout}{done.stderr}")
    return library


def make_device_node() -> Path:
    """Create a free ``/dev/videoN`` character node (no driver behind it: opening it without
    the library fails with ENXIO, so nothing else mistakes it for a camera). N is random in
    64..255, so two test runs on one machine do not take each other's node."""
    for minor in random.sample(range(64, 256), 192):
        path = Path(f"/dev/video{minor}")
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(V4L2_MAJOR, minor))
        except FileExistsError:
            continue
        return path
    raise RuntimeError("no free /dev/videoN between 64 and 255")


def camera_env(
    library: Path, device: Path, log: Path, *, pixel_format: PixelFormat, mmap_only: bool
) -> dict[str, str]:
    """The environment of a process that sees the emulated camera."""
    return {
        "LD_PRELOAD": str(library),
        "V4L2CAM_DEVICE": str(device),
        "V4L2CAM_FORMAT": pixel_format,
        "V4L2CAM_SIZE": f"{WIDTH}x{HEIGHT}",
        "V4L2CAM_FPS": "30",
        "V4L2CAM_HOLD": "8",
        "V4L2CAM_MEMORY": "mmap" if mmap_only else "any",
        "V4L2CAM_LOG": str(log),
    }


def camera_scene(text: str | None) -> QImage:
    """What a webcam sees when a phone or printout with a QR code is held up to it: a dim,
    uneven background and the code on white, slightly turned. ``None``: no code at all."""
    scene = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    scene.fill(QColor("#5b6470"))
    painter = QPainter(scene)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.fillRect(0, HEIGHT * 2 // 3, WIDTH, HEIGHT // 3, QColor("#3d434b"))  # the desk
    if text is not None:
        buf = io.BytesIO()
        segno.make(text, error="m").save(buf, kind="png", scale=3, border=3)
        code = QImage.fromData(buf.getvalue())
        painter.translate(QPointF(WIDTH / 2, HEIGHT / 2))
        painter.setTransform(QTransform().rotate(-6), combine=True)
        painter.drawImage(QPointF(-code.width() / 2, -code.height() / 2), code)
    painter.end()
    return scene


def yuyv_bytes(image: QImage) -> bytes:
    """``image`` as one raw YUYV 4:2:2 frame (the luma of each pixel, neutral chroma)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, row = grey.width(), grey.height(), grey.bytesPerLine()
    bits = bytes(grey.constBits())
    luma = b"".join(bits[y * row : y * row + width] for y in range(height))
    frame = bytearray(width * height * 2)
    frame[0::2] = luma
    frame[1::2] = b"\x80" * (width * height)
    return bytes(frame)


def jpeg_bytes(image: QImage) -> bytes:
    """``image`` as one Motion-JPEG frame."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG", 85)
    return bytes(buffer.data().data())


def write_frames(folder: Path, scenes: list[QImage], pixel_format: PixelFormat) -> str:
    """Write ``scenes`` as camera frames; return the ``V4L2CAM_FRAMES`` value that shows them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, scene in enumerate(scenes):
        path = folder / f"frame{index}.{pixel_format.lower()}"
        path.write_bytes(yuyv_bytes(scene) if pixel_format == "YUYV" else jpeg_bytes(scene))
        paths.append(str(path))
    return ":".join(paths)
