"""AddCredentialDialog: paste, clipboard notice, drag and drop, QR codes."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import segno
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from wallet_app.demo_issuer import DemoIssuer
from wallet_app.gui.context import AppEvents, GuiContext
from wallet_app.gui.jobs import JobRunner
from wallet_app.gui.offer_input import AddCredentialDialog, is_offer
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

ISSUER = "https://issuer.test"


@pytest.fixture
def issuer() -> DemoIssuer:
    return DemoIssuer(ISSUER)


@pytest.fixture
def ctx(tmp_path: Path, issuer: DemoIssuer, qapp: QApplication) -> Iterator[GuiContext]:
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
    wallet = Wallet(store, http)
    context = GuiContext(
        wallet=wallet,
        store=store,
        settings=Settings(data_dir=tmp_path / "data"),
        jobs=JobRunner(),
        events=AppEvents(),
        open_browser=lambda _url: True,
    )
    yield context
    context.jobs.shutdown()
    wallet.close()
    http.close()
    store.close()


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def qr_image(text: str) -> QImage:
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=4)
    return QImage.fromData(buf.getvalue())


def on_desktop(image: QImage) -> QImage:
    shot = QImage(1024, 700, QImage.Format.Format_RGB32)
    shot.fill(QColor("#c8ccd2"))
    painter = QPainter(shot)
    painter.drawImage(500, 200, image)
    painter.end()
    return shot


def make_dialog(qtbot: QtBot, ctx: GuiContext, **kw: object) -> AddCredentialDialog:
    dialog = AddCredentialDialog(ctx, None, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def drop(dialog: AddCredentialDialog, mime: QMimeData) -> None:
    """Deliver drag-enter and drop as Qt would (QApplication.sendEvent drops events with no
    drag in progress, so the handlers are called directly)."""
    pos = QPointF(50, 50)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, buttons, mods)
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()
    dialog.dropEvent(QDropEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods))


def save_shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WALLET_APP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def test_typing_an_offer_validates_inline_and_continue_emits(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    uri = issuer.create_offer(["pid_sd_jwt"]).uri
    dialog = make_dialog(qtbot, ctx)
    save_shot(dialog, "add_credential_empty")
    assert not dialog.continue_button.isEnabled()
    dialog.text_edit.setPlainText("openid-credential-offer://?foo=bar")
    assert "no credential offer" in dialog.status.text()
    assert not dialog.continue_button.isEnabled()
    save_shot(dialog, "add_credential_invalid")
    dialog.text_edit.setPlainText(uri)
    assert dialog.status.text() == "A credential offer from issuer.test."
    assert dialog.continue_button.isEnabled()
    save_shot(dialog, "add_credential_valid")
    received: list[tuple[str, str]] = []
    ctx.events.offer_received.connect(lambda t, s: received.append((t, s)))
    with qtbot.waitSignal(dialog.offer_chosen, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [uri, "paste"]
    assert received == [(uri, "paste")]
    assert dialog.result() == AddCredentialDialog.DialogCode.Accepted
    assert issuer.received_requests() == []  # nothing fetched while choosing


def test_paste_button_and_raw_json_and_https_link(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    demo = issuer.create_offer(["pid_sd_jwt"], by_reference=True)
    https_link = demo.uri.replace("openid-credential-offer://", "https://wallet.example/offer")
    for text in (
        https_link,
        '{"credential_issuer": "https://issuer.test", "credential_configuration_ids": ["x"]}',
    ):
        assert is_offer(text)
        QGuiApplication.clipboard().setText(text)
        dialog = make_dialog(qtbot, ctx)
        with qtbot.waitSignal(dialog.offer_chosen, timeout=1000) as blocker:
            dialog.paste_button.click()
        assert blocker.args == [text, "paste"]


def test_paste_of_garbage_shows_a_plain_error(qtbot: QtBot, ctx: GuiContext) -> None:
    QGuiApplication.clipboard().setText("{not json")
    dialog = make_dialog(qtbot, ctx)
    chosen: list[str] = []
    dialog.offer_chosen.connect(lambda t, _s: chosen.append(t))
    dialog.paste_button.click()
    assert chosen == []
    assert dialog.status.text() == "The credential offer is damaged: its content is not valid JSON."


def test_notices_an_offer_on_the_clipboard(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    dialog = make_dialog(qtbot, ctx)
    assert not dialog.clipboard_banner.isVisible()
    uri = issuer.create_offer(["pid_sd_jwt"], tx_code=True).uri
    QGuiApplication.clipboard().setText(uri)  # copied while the dialog is open
    qtbot.waitUntil(dialog.clipboard_banner.isVisible, timeout=1000)
    assert "An offer is on the clipboard (from issuer.test)" in dialog.clipboard_label.text()
    save_shot(dialog, "add_credential_clipboard")
    with qtbot.waitSignal(dialog.offer_chosen, timeout=1000) as blocker:
        dialog.use_clipboard_button.click()
    assert blocker.args == [uri, "clipboard"]


def test_no_banner_for_text_that_is_no_offer(qtbot: QtBot, ctx: GuiContext) -> None:
    QGuiApplication.clipboard().setText("https://example.com/just-a-page")
    dialog = make_dialog(qtbot, ctx)
    assert not dialog.clipboard_banner.isVisible()


def test_drop_of_a_link_text_and_url(qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer) -> None:
    uri = issuer.create_offer(["pid_sd_jwt"]).uri
    dialog = make_dialog(qtbot, ctx)
    mime = QMimeData()
    mime.setText(uri)
    with qtbot.waitSignal(dialog.offer_chosen, timeout=1000) as blocker:
        drop(dialog, mime)
    assert blocker.args == [uri, "drop"]
    link = issuer.create_offer(["pid_sd_jwt"], scheme="haip-vci").uri
    dialog = make_dialog(qtbot, ctx)
    mime = QMimeData()
    mime.setUrls([QUrl(link)])
    with qtbot.waitSignal(dialog.offer_chosen, timeout=1000) as blocker:
        drop(dialog, mime)
    assert blocker.args[1] == "drop"
    assert is_offer(blocker.args[0])


def test_drop_of_an_image_file_and_of_image_data(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer, tmp_path: Path
) -> None:
    uri = issuer.create_offer(["pid_sd_jwt"]).uri
    png = tmp_path / "offer.png"
    assert qr_image(uri).save(str(png))
    dialog = make_dialog(qtbot, ctx)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    with qtbot.waitSignal(dialog.offer_chosen, timeout=2000) as blocker:
        drop(dialog, mime)
    assert blocker.args == [uri, "drop"]
    dialog = make_dialog(qtbot, ctx)
    mime = QMimeData()
    mime.setImageData(qr_image(uri))
    with qtbot.waitSignal(dialog.offer_chosen, timeout=2000) as blocker:
        drop(dialog, mime)
    assert blocker.args == [uri, "drop"]


def test_image_without_an_offer_says_so(qtbot: QtBot, ctx: GuiContext, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, ctx)
    png = tmp_path / "other.png"
    assert qr_image("https://example.com/menu").save(str(png))
    assert dialog.open_image_file(str(png)) is False
    assert dialog.status.text() == "A QR code was found, but it holds no credential offer."
    blank = tmp_path / "blank.png"
    white = QImage(100, 100, QImage.Format.Format_RGB32)
    white.fill(QColor("white"))
    assert white.save(str(blank))
    assert dialog.open_image_file(str(blank)) is False
    assert dialog.status.text().startswith("No QR code was found.")
    save_shot(dialog, "add_credential_no_qr")


def test_scan_screen_with_injected_grab(qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer) -> None:
    uri = issuer.create_offer(["pid_sd_jwt"]).uri
    dialog = make_dialog(qtbot, ctx, grab=lambda: on_desktop(qr_image(uri)))
    with qtbot.waitSignal(dialog.offer_chosen, timeout=3000) as blocker:
        dialog.scan_screen_button.click()
    assert blocker.args == [uri, "screen"]


def test_select_region_over_a_fake_screenshot(
    qtbot: QtBot, ctx: GuiContext, issuer: DemoIssuer
) -> None:
    uri = issuer.create_offer(["pid_sd_jwt"]).uri
    shot = on_desktop(qr_image(uri))
    dialog = make_dialog(qtbot, ctx, grab=lambda: shot)
    dialog.region_button.click()
    qtbot.waitUntil(lambda: dialog.region_selector is not None, timeout=3000)
    selector = dialog.region_selector
    assert selector is not None  # deletes itself on close (not registered with qtbot)
    selector.resize(shot.size())  # offscreen "desktop" is 800x800; use the shot's own size
    with qtbot.waitSignal(dialog.offer_chosen, timeout=2000) as blocker:
        qtbot.mousePress(selector, Qt.MouseButton.LeftButton, pos=QPoint(480, 180))
        qtbot.mouseMove(selector, QPoint(700, 400))
        qtbot.mouseRelease(selector, Qt.MouseButton.LeftButton, pos=QPoint(1000, 690))
    assert blocker.args == [uri, "region"]


def test_camera_without_camera_shows_alternatives(qtbot: QtBot, ctx: GuiContext) -> None:
    dialog = make_dialog(qtbot, ctx)
    dialog.camera_button.click()
    assert dialog.camera is not None and not dialog.camera.has_camera
    assert dialog.camera.isVisible()
    save_shot(dialog, "add_credential_no_camera")
