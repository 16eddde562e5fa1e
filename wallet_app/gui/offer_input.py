"""Getting a credential offer in: paste, clipboard, drag and drop, QR from screen/image/camera.

Every path ends in ``offer_chosen(text, source)`` plus ``ctx.events.offer_received`` (which
opens the offer review). Nothing here touches the network: offers are only *parsed*
(``oid4vci.offer.parse_offer``) to tell the user early whether the text is an offer at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import OfferError
from wallet_app.gui.camera import CameraScanner
from wallet_app.gui.context import GuiContext
from wallet_app.gui.messages import user_text
from wallet_app.gui.qr import (
    RegionSelector,
    decode_qr,
    grab_screens,
    scan_image_file,
)
from wallet_app.gui.theme import colour
from wallet_app.oid4vci.offer import offer_uri_host, parse_offer

__all__ = ["AddCredentialDialog", "is_offer"]

log = logging.getLogger(__name__)

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".gif", ".bmp", ".webp")
_MAX_CLIPBOARD_CHARS = 100_000


def is_offer(text: str) -> bool:
    """Whether ``text`` parses as a credential offer (no network). Raises nothing."""
    if not text or len(text) > _MAX_CLIPBOARD_CHARS:
        return False
    try:
        parse_offer(text)
    except OfferError:
        return False
    return True


class AddCredentialDialog(QDialog):
    """One dialog for every way an offer comes in; emits ``offer_chosen(text, source)``.

    ``source`` is one of ``paste``, ``clipboard``, ``drop``, ``screen``, ``region``, ``image``,
    ``camera``. ``grab`` replaces the screenshot function (tests: offscreen grabs are blank).
    """

    offer_chosen = Signal(str, str)

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        *,
        grab: Callable[[], QImage] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._grab = grab or grab_screens
        self._done = False
        self.region_selector: RegionSelector | None = None
        self.camera: CameraScanner | None = None
        self.setWindowTitle(self.tr("Add a credential"))
        self.setAcceptDrops(True)
        self.setMinimumWidth(560)
        layout = self._layout = QVBoxLayout(self)
        self.clipboard_banner = self._clipboard_banner()
        layout.addWidget(self.clipboard_banner)
        intro = QLabel(
            self.tr(
                "Paste a credential offer link, or drop a link or a QR code image here. "
                "You can also scan a QR code from your screen, an image file or a camera."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAcceptDrops(False)  # drops go to the dialog, which also takes images
        self.text_edit.setPlaceholderText("openid-credential-offer://?credential_offer=…")
        self.text_edit.setAccessibleName(self.tr("Credential offer"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(90)
        self.text_edit.textChanged.connect(self._on_text_changed)
        layout.addWidget(self.text_edit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("offerStatus")
        layout.addWidget(self.status)
        layout.addLayout(self._scan_buttons())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.continue_button = buttons.addButton(
            self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        buttons.accepted.connect(lambda: self._submit(self.text_edit.toPlainText(), "paste"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QGuiApplication.clipboard().dataChanged.connect(self.check_clipboard)
        self._listening = True
        self.check_clipboard()

    # -- layout --------------------------------------------------------------------------------
    def _clipboard_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("clipboardBanner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet(
            "QFrame#clipboardBanner { background: palette(highlight); border-radius: 6px; }"
            " QFrame#clipboardBanner QLabel { color: palette(highlighted-text); }"
        )
        row = QHBoxLayout(banner)
        self.clipboard_label = QLabel()
        self.clipboard_label.setTextFormat(Qt.TextFormat.PlainText)
        self.clipboard_label.setWordWrap(True)
        font = self.clipboard_label.font()
        font.setBold(True)
        self.clipboard_label.setFont(font)
        self.use_clipboard_button = QPushButton(self.tr("Use it"))
        self.use_clipboard_button.clicked.connect(self.use_clipboard)
        row.addWidget(self.clipboard_label, 1)
        row.addWidget(self.use_clipboard_button)
        banner.hide()
        return banner

    def _scan_buttons(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        paste_row, scan_row = QHBoxLayout(), QHBoxLayout()
        specs = (
            ("paste_button", self.tr("Paste"), self.paste, paste_row),
            ("scan_screen_button", self.tr("Scan screen"), self.scan_screen, scan_row),
            ("region_button", self.tr("Select screen region"), self.select_region, scan_row),
            ("open_image_button", self.tr("Open image…"), self.choose_image_file, scan_row),
            ("camera_button", self.tr("Use camera"), self.open_camera, scan_row),
        )
        scan_row.addWidget(QLabel(self.tr("Or scan a QR code:")))
        for name, label, slot, row in specs:
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            setattr(self, name, button)
            row.addWidget(button)
        paste_row.addStretch(1)
        scan_row.addStretch(1)
        rows.addLayout(paste_row)
        rows.addLayout(scan_row)
        return rows

    # -- validation and the way out -----------------------------------------------------------
    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {colour('error_text')};")
        self.status.setText(message)

    def _show_info(self, message: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _on_text_changed(self) -> None:
        text = self.text_edit.toPlainText().strip()
        if not text:
            self.status.clear()
            self.continue_button.setEnabled(False)
            return
        try:
            parse_offer(text)
        except OfferError as exc:
            self._show_error(user_text(exc))
            self.continue_button.setEnabled(False)
            return
        host = offer_uri_host(text) or "?"
        self._show_info(self.tr("A credential offer from {host}.").format(host=host))
        self.continue_button.setEnabled(True)

    def _submit(self, text: str, source: str) -> bool:
        """Finish with ``text`` if it is an offer; otherwise say why not. Returns success."""
        text = text.strip()
        if self._done:
            return False
        try:
            parse_offer(text)
        except OfferError as exc:
            self._show_error(user_text(exc))
            return False
        self._done = True
        self.offer_chosen.emit(text, source)
        self._ctx.events.offer_received.emit(text, source)
        self.accept()
        return True

    def _submit_codes(self, codes: list[str], source: str) -> bool:
        if not codes:
            self._show_error(self.tr("No QR code was found. Make sure the whole code is visible."))
            return False
        for code in codes:
            if is_offer(code):
                return self._submit(code, source)
        self.text_edit.setPlainText(codes[0])
        self._show_error(self.tr("A QR code was found, but it holds no credential offer."))
        return False

    def done(self, result: int) -> None:
        """Stop the camera and listening to the clipboard when the dialog closes; a QR code
        decoded after this (a job still running) is not submitted."""
        self._done = True
        if self._listening:
            self._listening = False
            QGuiApplication.clipboard().dataChanged.disconnect(self.check_clipboard)
        if self.camera is not None:
            self.camera.stop()
        super().done(result)

    # -- clipboard ----------------------------------------------------------------------------
    def check_clipboard(self) -> bool:
        """Offer the clipboard's content with one click when it is a credential offer."""
        text = QGuiApplication.clipboard().text().strip()
        found = is_offer(text) and text != self.text_edit.toPlainText().strip()
        if found:
            host = offer_uri_host(text) or "?"
            self.clipboard_label.setText(
                self.tr("An offer is on the clipboard (from {host}) — use it?").format(host=host)
            )
        self.clipboard_banner.setVisible(found)
        return found

    def use_clipboard(self) -> None:
        """Take the offer on the clipboard."""
        self._submit(QGuiApplication.clipboard().text(), "clipboard")

    def paste(self) -> None:
        """Paste the clipboard (text, or an image holding a QR code) and go on if it is an offer."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage() and not mime.hasText():
            self._submit_codes(decode_qr(QImage(mime.imageData())), "paste")
            return
        text = QGuiApplication.clipboard().text()
        self.text_edit.setPlainText(text)
        if text.strip():
            self._submit(text, "paste")

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept links, text and images."""
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Read the dropped link, text, image file or image data."""
        event.acceptProposedAction()
        self.handle_mime(event.mimeData())

    def handle_mime(self, mime: QMimeData) -> bool:
        """Use dropped or pasted data: an image (file or data) is scanned for a QR code."""
        if mime.hasImage():
            return self._submit_codes(decode_qr(QImage(mime.imageData())), "drop")
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile():
                path = url.toLocalFile()
                if path.lower().endswith(_IMAGE_SUFFIXES):
                    return self.open_image_file(path, source="drop")
                self._show_error(self.tr("Drop a link or an image of a QR code."))
                return False
        text = mime.text() if mime.hasText() else ""
        if not text and mime.hasUrls() and mime.urls():
            text = mime.urls()[0].toString()
        self.text_edit.setPlainText(text)
        return self._submit(text, "drop")

    # -- QR sources ----------------------------------------------------------------------------
    def open_image_file(self, path: str, *, source: str = "image") -> bool:
        """Scan an image file (PNG, JPEG, SVG) for an offer QR code."""
        try:
            codes = scan_image_file(path)
        except OfferError as exc:
            self._show_error(user_text(exc))
            return False
        return self._submit_codes(codes, source)

    def choose_image_file(self) -> None:
        """Ask for an image file and scan it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a QR code image"), "", self.tr("Images (*.png *.jpg *.jpeg *.svg)")
        )
        if path:
            self.open_image_file(path)

    def _grab_hidden(self, then: Callable[[QImage], object]) -> None:
        """Hide this dialog, let the desktop repaint, grab the screens, show it again."""
        self.hide()

        def grab() -> None:
            shot = self._grab()
            self.show()
            then(shot)

        QTimer.singleShot(250, grab)

    def scan_screen(self) -> None:
        """Look for an offer QR code on every screen (e.g. an issuer's web page)."""
        self._show_info(self.tr("Looking for a QR code on the screen…"))
        self._grab_hidden(lambda shot: self._submit_codes(decode_qr(shot), "screen"))

    def select_region(self) -> None:
        """Let the user drag a rectangle over a screenshot and scan that part."""
        self._grab_hidden(self._open_region_selector)

    def _open_region_selector(self, shot: QImage) -> None:
        selector = RegionSelector(shot)
        selector.region_chosen.connect(lambda img: self._submit_codes(decode_qr(img), "region"))
        selector.cancelled.connect(lambda: self._show_info(self.tr("Region selection cancelled.")))
        selector.destroyed.connect(self._forget_selector)
        self.region_selector = selector
        selector.start()

    def _forget_selector(self) -> None:
        self.region_selector = None

    def open_camera(self) -> None:
        """Show the camera scanner in this dialog (or its "No camera found" state)."""
        if self.camera is None:
            self.camera = CameraScanner(self._ctx.jobs, self, accept=is_offer)
            self.camera.setObjectName("cameraPanel")
            self.camera.code_found.connect(lambda text: self._submit(text, "camera"))
            self.camera.scan_screen_requested.connect(self.scan_screen)
            self.camera.open_image_requested.connect(self.choose_image_file)
            self._layout.insertWidget(4, self.camera)
        self.camera.show()
        self.camera.start()
        self.adjustSize()  # room for the preview (or the "No camera found" page)
