"""The camera scanner: a live preview that reads a credential offer from a webcam.

Qt Multimedia is imported only when the camera is opened: it needs libpulse0 and may be
missing, and then the scanner says "No camera found" (as it does when there is no camera; it
starts by itself when one is plugged in, and goes back to "No camera found" when the camera in
use is unplugged). A QR code needs no more than 1280×720, so the camera runs at the largest
format up to that size. Frames arrive on a ``QVideoSink``; each is converted to a QImage once,
painted by :class:`CameraPreview` (a plain widget, so the preview shows with every platform
plugin and in screenshots) and, at most ``max_rate`` times a second, decoded in a job off the
GUI thread.

Where the system guards the camera (macOS, Windows privacy settings; Qt 6.5+ permissions), the
scanner asks for access first; when it is refused, it says so and offers the other ways in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.qr import decode_qr
from wallet_app.gui.theme import colour

if TYPE_CHECKING:
    from PySide6.QtMultimedia import (
        QCamera,
        QCameraDevice,
        QCameraFormat,
        QMediaCaptureSession,
        QMediaDevices,
        QVideoFrame,
        QVideoSink,
    )

__all__ = ["CameraPreview", "CameraScanner"]

log = logging.getLogger(__name__)

# the preview's frame rate cap
_PREVIEW_FPS = 15.0
# the largest frame worth decoding for a QR code
_MAX_PIXELS = 1280 * 720


def choose_format(device: QCameraDevice) -> QCameraFormat | None:
    """The largest format of ``device`` up to 1280×720 (then: uncompressed, faster); None when
    every format is larger (Qt's own choice is kept)."""
    from PySide6.QtMultimedia import QVideoFrameFormat

    def key(fmt: QCameraFormat) -> tuple[int, bool, float]:
        size = fmt.resolution()
        raw = fmt.pixelFormat() != QVideoFrameFormat.PixelFormat.Format_Jpeg
        return size.width() * size.height(), raw, fmt.maxFrameRate()

    small = [f for f in device.videoFormats() if 0 < key(f)[0] <= _MAX_PIXELS]
    return max(small, key=key) if small else None


def _camera_permission_status() -> Qt.PermissionStatus:
    """Whether the system lets this app use the camera (always Granted on Linux)."""
    from PySide6.QtCore import QCameraPermission, QCoreApplication

    app = QCoreApplication.instance()
    if app is None:
        return Qt.PermissionStatus.Granted
    return app.checkPermission(QCameraPermission())


class CameraPreview(QWidget):
    """The latest camera frame, scaled to fit, with viewfinder corners in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Camera preview"))

    @property
    def image(self) -> QImage:
        """The frame shown (null before the first one)."""
        return self._image

    def set_image(self, image: QImage) -> None:
        """Show ``image`` (a new camera frame)."""
        self._image = image
        self.update()

    def sizeHint(self) -> QSize:
        """4:3, as most webcams."""
        return QSize(400, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The frame, letterboxed on dark grey, and the viewfinder."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor(colour("camera_backdrop")))
        if not self._image.isNull():
            size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(
                (self.width() - size.width()) / 2,
                (self.height() - size.height()) / 2,
                size.width(),
                size.height(),
            )
            painter.drawImage(target, self._image)
        side = min(self.width(), self.height()) * 0.62
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        arm = side / 6
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        viewfinder = QColor(colour("camera_viewfinder"))
        viewfinder.setAlpha(220)
        painter.setPen(QPen(viewfinder, 3))
        for x, y, dx, dy in (
            (box.left(), box.top(), 1, 1),
            (box.right(), box.top(), -1, 1),
            (box.left(), box.bottom(), 1, -1),
            (box.right(), box.bottom(), -1, -1),
        ):
            painter.drawLine(int(x), int(y), int(x + dx * arm), int(y))
            painter.drawLine(int(x), int(y), int(x), int(y + dy * arm))
        painter.end()


class CameraScanner(QWidget):
    """Live camera preview that decodes at most ``max_rate`` frames a second off the GUI thread.

    Emits ``code_found(str)`` once, for the first code ``accept`` agrees to. Without Qt
    Multimedia or a camera it shows "No camera found" with buttons that emit
    ``scan_screen_requested`` / ``open_image_requested``, and starts when a camera appears.
    """

    code_found = Signal(str)
    scan_screen_requested = Signal()
    open_image_requested = Signal()

    def __init__(
        self,
        jobs: JobRunner,
        parent: QWidget | None = None,
        *,
        accept: Callable[[str], bool] | None = None,
        max_rate: float = 5.0,
    ) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._accept = accept or (lambda _text: True)
        self._interval = 1.0 / max_rate
        self._last = self._last_preview = float("-inf")
        self._busy = False
        self._found = False
        self._wanted = False  # the user opened the camera and has not stopped it
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None
        self._devices: QMediaDevices | None = None
        self._stack = QStackedLayout(self)
        self._live = QWidget()
        live_layout = QVBoxLayout(self._live)
        live_layout.setContentsMargins(0, 0, 0, 0)
        self.preview = CameraPreview(self._live)
        live_layout.addWidget(self.preview, 1)
        self._status = QLabel(self.tr("Hold the QR code in front of the camera."))
        self._status.setWordWrap(True)
        self._status.setObjectName("cameraStatus")
        live_layout.addWidget(self._status)
        self._stack.addWidget(self._live)
        self._stack.addWidget(self._no_camera_page())
        # the system's camera permission (overridable in tests: no such prompt on Linux)
        self.permission_status: Callable[[], Qt.PermissionStatus] = _camera_permission_status
        self.request_permission: Callable[[Callable[[], None]], None] = self._ask_permission

    def _no_camera_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        message = QLabel(self.tr("No camera found — use Scan screen or Open image instead."))
        self._no_camera_message = message
        message.setWordWrap(True)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message.setObjectName("noCameraMessage")
        layout.addStretch(1)
        layout.addWidget(message)
        buttons = QHBoxLayout()
        screen = QPushButton(self.tr("Scan screen"))
        screen.clicked.connect(self.scan_screen_requested)
        image = QPushButton(self.tr("Open image…"))
        image.clicked.connect(self.open_image_requested)
        buttons.addStretch(1)
        buttons.addWidget(screen)
        buttons.addWidget(image)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    @property
    def status_text(self) -> str:
        """The line under the live preview (hint, "not an offer", or the camera's error)."""
        return self._status.text()

    @property
    def has_camera(self) -> bool:
        """Whether a camera is running (False in the "No camera found" state)."""
        return self._camera is not None

    def start(self) -> bool:
        """Open the default camera; show the "No camera found" state when there is none."""
        self._wanted = True
        if self._camera is not None:  # already open: never a second capture session
            self._camera.start()
            return True
        try:
            from PySide6.QtMultimedia import (
                QCamera,
                QMediaCaptureSession,
                QMediaDevices,
                QVideoSink,
            )
        except ImportError:  # no Addons wheel, or libpulse0 missing (platform.md P4)
            log.info("Qt Multimedia is not available", exc_info=True)
            return self._no_camera()
        status = self.permission_status()
        if status == Qt.PermissionStatus.Undetermined:  # the system asks the user once
            self.request_permission(self._on_permission_answered)
            return self._no_camera()
        if status == Qt.PermissionStatus.Denied:
            return self._no_camera(denied=True)
        if self._devices is None:  # cameras plugged in or out while the scanner is open
            self._devices = QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self._on_cameras_changed)
        if not QMediaDevices.videoInputs():
            return self._no_camera()
        device = QMediaDevices.defaultVideoInput()
        camera = QCamera(device, self)
        fmt = choose_format(device)
        if fmt is not None:
            camera.setCameraFormat(fmt)
        log.info("camera: %s, %s", device.description(), camera.cameraFormat().resolution())
        session = QMediaCaptureSession(self)
        sink = QVideoSink(self)
        session.setCamera(camera)
        session.setVideoSink(sink)
        sink.videoFrameChanged.connect(self._on_frame)
        camera.errorOccurred.connect(self._on_camera_error)
        self._camera, self._session, self._sink = camera, session, sink
        self._status.setText(self.tr("Hold the QR code in front of the camera."))
        self._stack.setCurrentWidget(self._live)
        camera.start()
        return True

    def _no_camera(self, *, denied: bool = False) -> bool:
        self._no_camera_message.setText(
            self.tr(
                "Wallet may not use the camera. Allow it in the system's privacy settings, "
                "or use Scan screen or Open image instead."
            )
            if denied
            else self.tr("No camera found — use Scan screen or Open image instead.")
        )
        self._stack.setCurrentIndex(1)
        return False

    def _ask_permission(self, answered: Callable[[], None]) -> None:
        from PySide6.QtCore import QCameraPermission, QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.requestPermission(QCameraPermission(), self, lambda _permission: answered())

    def _on_permission_answered(self) -> None:
        if self._wanted and not self._found:
            self.start()

    def _release(self) -> None:
        """Let go of the camera (unplugged): stop it and delete its capture objects."""
        if self._camera is not None:
            self._camera.stop()
        for obj in (self._camera, self._session, self._sink):
            if obj is not None:
                obj.deleteLater()
        self._camera = self._session = self._sink = None
        self.preview.set_image(QImage())

    def _on_cameras_changed(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        if self._camera is not None:
            if self._camera.cameraDevice() in QMediaDevices.videoInputs():
                return
            log.info("the camera in use was unplugged")
            self._release()
            self._no_camera()
        if self._wanted and not self._found and self.isVisible():
            self.start()

    def _on_camera_error(self, _error: object, text: str) -> None:
        log.warning("camera error: %s", text)
        self._status.setText(self.tr("The camera stopped: {reason}").format(reason=text))

    def stop(self) -> None:
        """Stop the camera (until :meth:`start`)."""
        self._wanted = False
        if self._camera is not None:
            self._camera.stop()

    def hideEvent(self, event: QHideEvent) -> None:
        """Release the camera while not shown (e.g. the dialog hides to grab the screen)."""
        if self._camera is not None:
            self._camera.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Resume the camera hidden by :meth:`hideEvent`."""
        super().showEvent(event)
        if self._wanted and not self._found and self._camera is not None:
            self._camera.start()

    def _on_frame(self, frame: QVideoFrame) -> None:
        # Converting a frame (a JPEG decode for Motion-JPEG webcams) runs on the GUI thread:
        # at most _PREVIEW_FPS a second, however fast the camera delivers.
        now = time.monotonic()
        if not frame.isValid() or now - self._last_preview < 1.0 / _PREVIEW_FPS:
            return
        self._last_preview = now
        image = frame.toImage()
        self.preview.set_image(image)
        if not (self._busy or self._found or now - self._last < self._interval):
            self.offer_frame(image)

    def offer_frame(self, image: QImage) -> bool:
        """Decode ``image`` in a job unless throttled; return whether it was taken."""
        now = time.monotonic()
        if self._busy or self._found or now - self._last < self._interval:
            return False
        self._last, self._busy = now, True
        self._jobs.run(
            lambda: decode_qr(image), self._on_decoded, self._on_decode_error, owner=self
        )
        return True

    def _on_decoded(self, texts: list[str]) -> None:
        self._busy = False
        for text in texts:
            if not self._found and self._accept(text):
                self._found = True
                self.stop()
                self.code_found.emit(text)
                return
        if texts:
            self._status.setText(self.tr("This QR code is not a credential offer."))

    def _on_decode_error(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("camera frame decoding failed: %s", exc)
