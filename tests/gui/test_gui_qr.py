"""QR decoding from QImages, files, screenshots, a dragged region and the camera scanner."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import segno
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.errors import OfferError
from wallet_app.gui.camera import CameraScanner
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.qr import (
    RegionSelector,
    decode_qr,
    grab_screens,
    image_from_bytes,
    scan_image_file,
    scan_screen,
)

OFFER = (
    "openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A%22https%3A%2F%2F"
    "issuer.test%22%2C%22credential_configuration_ids%22%3A%5B%22pid%22%5D%7D"
)


def qr_png(text: str = OFFER, scale: int = 5) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale)
    return buf.getvalue()


def qr_image(text: str = OFFER, scale: int = 5) -> QImage:
    image = QImage.fromData(qr_png(text, scale))
    assert not image.isNull()
    return image


def screenshot_with_qr(
    size: tuple[int, int] = (1203, 777), at: tuple[int, int] = (640, 300)
) -> QImage:
    """A fake desktop: grey noise-free background with the QR code somewhere on it."""
    shot = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    shot.fill(QColor("#d0d4da"))
    painter = QPainter(shot)
    painter.fillRect(40, 40, 400, 300, QColor("#ffffff"))
    painter.drawImage(at[0], at[1], qr_image(scale=4))
    painter.end()
    return shot


def test_decode_qr_reads_a_segno_png(qapp: object) -> None:
    assert decode_qr(qr_image()) == [OFFER]


def test_decode_qr_honours_the_row_stride(qapp: object) -> None:
    image = qr_image()
    odd = image.copy(0, 0, image.width() - 3, image.height() - 2)  # width not a multiple of 4
    gray = odd.convertToFormat(QImage.Format.Format_Grayscale8)
    assert gray.width() % 4 != 0
    assert gray.bytesPerLine() != gray.width()  # the padding P7b is about
    assert decode_qr(odd) == [OFFER]


def test_decode_qr_of_a_blank_or_null_image_is_empty(qapp: object) -> None:
    blank = QImage(301, 200, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert decode_qr(blank) == []
    assert decode_qr(QImage()) == []


def test_scan_image_file_png_jpeg_and_svg(qapp: object, tmp_path: Path) -> None:
    png = tmp_path / "offer.png"
    png.write_bytes(qr_png())
    jpeg = tmp_path / "offer.jpg"
    assert qr_image(scale=8).save(str(jpeg), "JPG", 90)
    svg = tmp_path / "offer.svg"
    segno.make(OFFER, error="m").save(str(svg), kind="svg", scale=4)
    assert scan_image_file(png) == [OFFER]
    assert scan_image_file(jpeg) == [OFFER]
    assert scan_image_file(svg) == [OFFER]


def test_scan_image_file_explains_unreadable_files(qapp: object, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.png"
    bogus.write_text("not an image")
    with pytest.raises(OfferError, match="not an image"):
        scan_image_file(bogus)
    with pytest.raises(OfferError, match="could not be opened"):
        scan_image_file(tmp_path / "missing.png")


def test_image_from_bytes_puts_transparent_png_on_white(qapp: object) -> None:
    buf = io.BytesIO()
    segno.make(OFFER, error="m").save(buf, kind="png", scale=5, light=None)  # transparent
    image = image_from_bytes(buf.getvalue())
    assert not image.hasAlphaChannel()
    assert decode_qr(image) == [OFFER]


def test_scan_screen_uses_the_injected_grab(qapp: object) -> None:
    assert scan_screen(lambda: screenshot_with_qr()) == [OFFER]
    assert scan_screen(lambda: QImage()) == []


def test_grab_screens_composes_all_screens(qapp: object) -> None:
    shot = grab_screens()
    assert not shot.isNull()
    assert shot.size() == qapp.primaryScreen().virtualGeometry().size()  # type: ignore[attr-defined]


def test_region_selector_emits_the_dragged_part(qtbot: QtBot, tmp_path: Path) -> None:
    shot = screenshot_with_qr()
    selector = RegionSelector(shot)
    qtbot.addWidget(selector)
    selector.resize(shot.size())
    selector.show()
    qtbot.waitExposed(selector)
    save_shot(selector, "qr_region_selector")
    with qtbot.waitSignal(selector.region_chosen, timeout=2000) as blocker:
        qtbot.mousePress(selector, Qt.MouseButton.LeftButton, pos=QPoint(600, 260))
        qtbot.mouseMove(selector, QPoint(800, 400))
        save_shot(selector, "qr_region_selector_dragging")
        qtbot.mouseRelease(selector, Qt.MouseButton.LeftButton, pos=QPoint(1000, 560))
    region: QImage = blocker.args[0]
    assert region.size().width() == 400 and region.size().height() == 300
    assert decode_qr(region) == [OFFER]


def test_region_selector_ignores_clicks_and_esc_cancels(qtbot: QtBot) -> None:
    selector = RegionSelector(screenshot_with_qr())
    qtbot.addWidget(selector)
    selector.show()
    chosen: list[QImage] = []
    selector.region_chosen.connect(chosen.append)
    qtbot.mouseClick(selector, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert chosen == []
    with qtbot.waitSignal(selector.cancelled, timeout=1000):
        qtbot.keyClick(selector, Qt.Key.Key_Escape)


def test_camera_scanner_without_camera_offers_the_alternatives(qtbot: QtBot) -> None:
    scanner = CameraScanner(JobRunner())
    qtbot.addWidget(scanner)
    assert scanner.start() is False  # offscreen: no video inputs (or no Qt Multimedia)
    assert not scanner.has_camera
    scanner.resize(480, 240)
    scanner.show()
    message = scanner.findChild(QLabel, "noCameraMessage")
    assert message is not None and message.isVisible()
    assert "No camera found" in message.text()
    buttons = {b.text(): b for b in scanner.findChildren(QPushButton) if b.isVisible()}
    with qtbot.waitSignal(scanner.scan_screen_requested, timeout=1000):
        buttons["Scan screen"].click()
    with qtbot.waitSignal(scanner.open_image_requested, timeout=1000):
        buttons["Open image…"].click()
    save_shot(scanner, "qr_no_camera")


def test_camera_scanner_without_qt_multimedia_says_no_camera(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Addons wheel missing, or libpulse0 (Qt Multimedia then fails to import)."""
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    scanner = CameraScanner(JobRunner())
    qtbot.addWidget(scanner)
    assert scanner.start() is False and not scanner.has_camera
    scanner.show()
    message = scanner.findChild(QLabel, "noCameraMessage")
    assert message is not None and message.isVisible()


def test_linux_grants_the_camera_without_asking(qapp: QApplication) -> None:
    """Qt's real permission API: Linux has no camera prompt, so the scanner never waits."""
    from wallet_app.gui.camera import _camera_permission_status

    assert _camera_permission_status() == Qt.PermissionStatus.Granted


def test_camera_refused_by_the_system_says_so(qtbot: QtBot) -> None:
    """macOS/Windows privacy settings said no (the system's answer is a fake here)."""
    scanner = CameraScanner(JobRunner())
    qtbot.addWidget(scanner)
    scanner.permission_status = lambda: Qt.PermissionStatus.Denied
    assert scanner.start() is False and not scanner.has_camera
    scanner.show()
    message = scanner.findChild(QLabel, "noCameraMessage")
    assert message is not None and message.isVisible()
    assert "may not use the camera" in message.text()
    assert "privacy settings" in message.text()


def test_camera_permission_is_asked_once_then_the_scanner_starts(qtbot: QtBot) -> None:
    """First use on macOS: the system asks; after the answer the scanner starts by itself."""
    scanner = CameraScanner(JobRunner())
    qtbot.addWidget(scanner)
    status = [Qt.PermissionStatus.Undetermined]
    answers: list[Callable[[], None]] = []
    scanner.permission_status = lambda: status[0]
    scanner.request_permission = answers.append
    assert scanner.start() is False
    assert len(answers) == 1  # one prompt, nothing opened yet
    status[0] = Qt.PermissionStatus.Granted  # the user allowed it
    scanner.show()
    answers[0]()
    message = scanner.findChild(QLabel, "noCameraMessage")
    assert message is not None
    # started again: offscreen there is no camera, so the ordinary "No camera found"
    assert "No camera found" in message.text() and len(answers) == 1


def test_camera_scanner_decodes_frames_off_thread_throttled_once(qtbot: QtBot) -> None:
    jobs = JobRunner()
    scanner = CameraScanner(jobs, accept=lambda text: text == OFFER, max_rate=5.0)
    qtbot.addWidget(scanner)
    found: list[str] = []
    scanner.code_found.connect(found.append)
    blank = QImage(200, 200, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert scanner.offer_frame(blank) is True
    assert scanner.offer_frame(qr_image()) is False  # busy / within 200 ms: dropped
    qtbot.waitUntil(lambda: jobs.active == 0, timeout=2000)
    assert found == []
    qtbot.waitUntil(lambda: scanner.offer_frame(qr_image("not an offer")), timeout=2000)
    qtbot.waitUntil(lambda: jobs.active == 0, timeout=2000)
    assert found == []  # a QR code that is not accepted is not reported
    qtbot.waitUntil(lambda: scanner.offer_frame(qr_image()), timeout=2000)
    qtbot.waitUntil(lambda: found == [OFFER], timeout=2000)
    qtbot.wait(250)
    assert scanner.offer_frame(qr_image()) is False  # once found, no more decoding
    assert found == [OFFER]


@pytest.mark.xvfb
@pytest.mark.skipif(
    not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") != "xcb",
    reason="needs a real X server (xvfb-run with QT_QPA_PLATFORM=xcb)",
)
def test_scan_screen_finds_a_qr_code_shown_on_the_real_screen(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.setPixmap(QPixmap.fromImage(qr_image()))
    label.setStyleSheet("background: white; padding: 20px;")
    label.move(50, 50)
    label.show()
    qtbot.waitExposed(label)
    qtbot.waitUntil(lambda: scan_screen() == [OFFER], timeout=5000)


def save_shot(widget: QWidget, name: str) -> None:
    """Save a screenshot under $WALLET_APP_SHOTS (for looking at the screens), if set."""
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))
