"""The demo panel of ``wallet-app --demo``: one card per scenario with a QR code and "Receive".

Each card shows a credential offer of the built-in demo issuer (on 127.0.0.1) as a QR code, so
the same offer can be received with one click, copied as a link, or read back with "Scan QR →
from screen". The offer and its transaction code on screen stay the ones that work until the
issuer says they were redeemed (pre-authorized codes are single-use, OID4VCI §4.1.1): the card
takes a fresh offer when a flow finished and the issuer reports the shown one used, or when the
presenter asks with "New code" (issue 8 P1: swapping at the click made the visible code fail).

Only the "Batch of three" scenario should give several copies. Batch issuance is issuer-wide
metadata (``batch_credential_issuance``, OID4VCI §11.2.3), so that scenario uses an issuer that
advertises a batch size of 3: the main demo issuer when it does, else a second demo issuer the
panel serves on loopback itself (at ``/batch``) and stops when the panel is destroyed.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import Literal
from urllib.parse import unquote

import segno
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.demo_issuer import DemoConfig, DemoIssuer, DemoOffer, RunningIssuer, serve
from wallet_app.demo_issuer.pages import choose_language
from wallet_app.frozen import frozen
from wallet_app.gui.context import GuiContext
from wallet_app.gui.i18n import QT_TRANSLATE_NOOP
from wallet_app.gui.theme import RoleName
from wallet_app.gui.theme import colour as theme_colour

__all__ = ["SCENARIOS", "DemoPanel", "Scenario", "ScenarioCard", "qr_pixmap"]

log = logging.getLogger(__name__)

_CTX = "DemoPanel"
#: copies the batch scenario's issuer offers in one request
BATCH_SIZE = 3
#: where the panel's own batch issuer lives below its base URL
BATCH_ISSUER_PATH = "/batch"
_QR_PIXELS = 120
# pending polls of the deferred scenario before the credential is ready (one per interval)
DEFERRED_POLLS = 2


#: the least width the panel leaves to the main window's cards (a card, margins, scroll bar)
_ROOM_FOR_CARDS = 380


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


@frozen
class Scenario:
    """One demo scenario: what the demo issuer offers and how."""

    key: str
    title: str
    explanation: str
    configuration_id: str
    grant: Literal["pre-authorized_code", "authorization_code"] = "pre-authorized_code"
    tx_code: bool = False
    deferred: bool = False
    batch: bool = False
    colour: RoleName = "demo_stripe_1"  # a theme role


def _scenarios() -> tuple[Scenario, ...]:
    # Marked for lupdate here (QT_TRANSLATE_NOOP); translated where they are shown.
    return (
        Scenario(
            "tx_code",
            QT_TRANSLATE_NOOP("DemoPanel", "ID card with a transaction code"),
            QT_TRANSLATE_NOOP(
                "DemoPanel", "Pre-authorized offer protected by a one-time code, as sent by e-mail."
            ),
            "pid_sd_jwt",
            tx_code=True,
            colour="demo_stripe_1",
        ),
        Scenario(
            "browser",
            QT_TRANSLATE_NOOP("DemoPanel", "Diploma via browser login"),
            QT_TRANSLATE_NOOP(
                "DemoPanel",
                "Authorization code flow: sign in at the issuer in your browser, then come back.",
            ),
            "diploma_sd_jwt",
            grant="authorization_code",
            colour="demo_stripe_2",
        ),
        Scenario(
            "mdoc",
            QT_TRANSLATE_NOOP("DemoPanel", "Driving licence (mdoc)"),
            QT_TRANSLATE_NOOP(
                "DemoPanel", "An ISO 18013-5 mobile driving licence in CBOR, bound to a device key."
            ),
            "mdl_mdoc",
            colour="demo_stripe_3",
        ),
        Scenario(
            "deferred",
            QT_TRANSLATE_NOOP("DemoPanel", "Deferred issuance"),
            QT_TRANSLATE_NOOP(
                "DemoPanel",
                "The issuer needs a moment: the card stays pending and completes on its own.",
            ),
            "pid_sd_jwt",
            deferred=True,
            colour="demo_stripe_4",
        ),
        Scenario(
            "batch",
            QT_TRANSLATE_NOOP("DemoPanel", "Batch of three"),
            QT_TRANSLATE_NOOP(
                "DemoPanel",
                "Three copies of the ID card in one request, each bound to its own key.",
            ),
            "pid_sd_jwt",
            batch=True,
            colour="demo_stripe_5",
        ),
    )


SCENARIOS: tuple[Scenario, ...] = _scenarios()


def qr_pixmap(text: str, *, pixels: int = _QR_PIXELS) -> QPixmap:
    """A QR code of ``text`` (dark on white, quiet zone included), at most ``pixels`` wide.

    Whole pixels per module, so a screen grab decodes reliably. Raises ValueError when ``text``
    does not fit in a QR code.
    """
    qr = segno.make(text, error="m", micro=False)
    modules = qr.symbol_size(scale=1, border=2)[0]
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=max(1, pixels // modules), border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buf.getvalue(), "PNG")
    return pixmap


def _secondary_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class ScenarioCard(QFrame):
    """A card with the scenario's title, explanation, QR code, "Receive" and "Copy link"."""

    receive_clicked = Signal()
    copy_clicked = Signal()
    new_clicked = Signal()

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.setObjectName("demoCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#demoCard { border: 1px solid palette(mid); border-radius: 10px;"
            f" border-left: 5px solid {theme_colour(scenario.colour)};"
            " background: palette(base); }"
            " #demoCard QLabel { background: transparent; }"
        )
        title = QLabel(_tr(scenario.title))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        explanation = QLabel(_tr(scenario.explanation))
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: palette(placeholder-text);")
        self.title_label, self.explanation_label = title, explanation
        self.code_label = QLabel()
        self.code_label.setWordWrap(True)  # the panel must stay narrow (960 px screens)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setVisible(False)
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(_QR_PIXELS + 8, _QR_PIXELS + 8)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setStyleSheet(
            f"background: {theme_colour('qr_background')}; border-radius: 6px;"
        )
        self.receive_button = QPushButton(self.tr("Receive"))
        self.receive_button.setProperty("primary", True)
        self.receive_button.setAccessibleName(
            self.tr("Receive: {title}").format(title=_tr(scenario.title))
        )
        # the secondary actions as flat tool buttons: lighter than Receive, and narrow
        # enough that the window with the panel fits a 960 px wide screen in German too
        self.copy_button = _secondary_button(self.tr("Copy link"))
        self.copy_button.setAccessibleName(
            self.tr("Copy offer link: {title}").format(title=_tr(scenario.title))
        )
        self.new_button = _secondary_button(self.tr("New code"))
        self.new_button.setAccessibleName(
            self.tr("New offer and code: {title}").format(title=_tr(scenario.title))
        )
        self.new_button.setToolTip(
            self.tr("Replace this offer with a fresh one (the shown one stops being offered)")
        )
        self.receive_button.clicked.connect(self.receive_clicked)
        self.copy_button.clicked.connect(self.copy_clicked)
        self.new_button.clicked.connect(self.new_clicked)

        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(title)
        text.addWidget(explanation)
        text.addWidget(self.code_label)
        text.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.receive_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        text.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 8, 8)
        row.setSpacing(8)
        row.addLayout(text, 1)
        row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        # as tall as the wrapped text needs (larger type in presentation mode); the panel's
        # closing stretch takes any height left over
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def show_offer(self, offer: DemoOffer) -> None:
        """Show ``offer`` as QR code (and its transaction code, if any). Raises nothing."""
        pixmap = qr_pixmap(offer.uri)
        self.qr_label.setPixmap(pixmap)
        # as small as the code itself (whole pixels per module) plus the white margin
        self.qr_label.setFixedSize(pixmap.width() + 8, pixmap.height() + 8)
        self.qr_label.setToolTip(offer.uri)
        self.qr_label.setAccessibleName(
            self.tr("QR code of the offer: {title}").format(title=_tr(self.scenario.title))
        )
        if offer.tx_code:
            self.code_label.setText(
                self.tr("Transaction code, sent to you by e-mail: {code}").format(
                    code=f"<b style='font-family: monospace; font-size: 120%'>{offer.tx_code}</b>"
                )
            )
            self.code_label.setAccessibleName(
                self.tr("Transaction code: {code}").format(code=" ".join(offer.tx_code))
            )
            self.code_label.setVisible(True)
        else:
            self.code_label.setVisible(False)

    def buttons(self) -> tuple[QAbstractButton, ...]:
        """The card's buttons in tab order."""
        return (self.receive_button, self.copy_button, self.new_button)


class DemoPanel(QDockWidget):
    """Dock with the demo scenarios of the built-in issuer (``ctx.extras["demo_issuer"]``).

    A click on "Receive" emits ``ctx.events.offer_received(uri, "demo")``. Raises nothing; without
    a demo issuer it explains how to start one.
    """

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("demoPanel")
        self.setWindowTitle(self.tr("Demo scenarios"))
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        issuer = ctx.extras.get("demo_issuer")
        self.issuer: DemoIssuer | None = issuer if isinstance(issuer, DemoIssuer) else None
        self.batch_issuer: DemoIssuer | None = None
        self._batch_server: RunningIssuer | None = None
        self.cards: dict[str, ScenarioCard] = {}
        self.offers: dict[str, DemoOffer] = {}
        # which issuer made each shown offer (the batch scenario has its own)
        self._offer_issuers: dict[str, DemoIssuer] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(10)
        intro = QLabel()
        intro.setWordWrap(True)
        intro.setContentsMargins(12, 8, 12, 4)
        if self.issuer is None:
            intro.setText(
                self.tr("The demo issuer is not running. Start the wallet with --demo to try it.")
            )
        else:
            intro.setText(
                self.tr(
                    "Offers from the built-in demo issuer at {host}. Everything stays on this "
                    "computer. Click Receive, or scan a code with Scan QR → From screen."
                ).format(host=self.issuer.base_url.split("://", 1)[-1])
            )
            for scenario in SCENARIOS:
                card = ScenarioCard(scenario, body)
                card.receive_clicked.connect(self._receiver(scenario.key))
                card.copy_clicked.connect(self._copier(scenario.key))
                card.new_clicked.connect(self._renewer(scenario.key))
                self.cards[scenario.key] = card
                layout.addWidget(card)
                self._refresh(scenario.key)
            ctx.events.offer_received.connect(self._on_offer_received)
            ctx.events.flow_recorded.connect(self._on_flow_recorded)
            ctx.events.credentials_changed.connect(self._replace_used_offers)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("demoScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # no focus stop of its own (it had no name): Tab goes through the cards' buttons,
        # and the area scrolls to the focused one
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        self.body = body
        self.scroll_area = scroll
        self._fit_width()
        for card in self.cards.values():
            for button in card.buttons():
                button.installEventFilter(self)
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(intro)
        column.addWidget(scroll, 1)
        self.setWidget(outer)

    def scenario(self, key: str) -> Scenario:
        """The scenario called ``key``. Raises KeyError for an unknown key."""
        return self.cards[key].scenario

    def receive(self, key: str) -> str:
        """Emit the current offer of scenario ``key`` as received; return its URI.

        Raises KeyError for an unknown key.
        """
        uri = self.offers[key].uri
        self.ctx.events.offer_received.emit(uri, "demo")
        return uri

    def _receiver(self, key: str) -> Callable[[], None]:
        def receive() -> None:
            self.receive(key)

        return receive

    def _renewer(self, key: str) -> Callable[[], None]:
        def renew() -> None:
            self._refresh(key)
            self.ctx.events.status_message.emit(
                self.tr("A new offer is shown for: {title}").format(
                    title=_tr(self.scenario(key).title)
                )
            )

        return renew

    def _fit_width(self) -> None:
        """No card narrower than its content, so the area does not scroll sideways, unless
        that would make the window wider than its screen (large type on a small or scaled
        screen): then the panel leaves the cards their column and scrolls sideways."""
        wanted = self.body.minimumSizeHint().width() + 16
        window, screen = self.parentWidget(), self.screen()
        cards = _ROOM_FOR_CARDS
        central = window.centralWidget() if isinstance(window, QMainWindow) else None
        if central is not None:
            cards = max(cards, central.minimumSizeHint().width() + 24)
        room = screen.availableGeometry().width() - cards if screen else wanted
        policy = Qt.ScrollBarPolicy
        if wanted > room:
            self.scroll_area.setHorizontalScrollBarPolicy(policy.ScrollBarAsNeeded)
            self.scroll_area.setMinimumWidth(max(room, _QR_PIXELS * 2))
        else:
            self.scroll_area.setHorizontalScrollBarPolicy(policy.ScrollBarAlwaysOff)
            self.scroll_area.setMinimumWidth(wanted)

    def event(self, event: QEvent) -> bool:
        """Refit when the type size changes (presentation mode, a new style sheet)."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self._fit_width)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Scroll the focused card's button into view (Tab through the panel)."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.scroll_area.ensureWidgetVisible(watched.parentWidget() or watched, 0, 8)
        return False

    def _copier(self, key: str) -> Callable[[], None]:
        def copy() -> None:
            QGuiApplication.clipboard().setText(self.offers[key].uri)
            self.ctx.events.status_message.emit(self.tr("Offer link copied to the clipboard."))

        return copy

    def _refresh(self, key: str) -> None:
        assert self.issuer is not None
        scenario = self.cards[key].scenario
        issuer = self._batch_issuer() if scenario.batch else self.issuer
        offer = issuer.create_offer(
            [scenario.configuration_id],
            grant=scenario.grant,
            tx_code=scenario.tx_code,
            by_reference=True,  # a short link: a small QR code that scans well from the screen
            # the code's prompt in the wallet's language (the German UI showed it in English)
            language=choose_language(" ".join(self.ctx.settings.locales), None),
        )
        self.offers[key] = offer
        self._offer_issuers[key] = issuer
        self.cards[key].show_offer(offer)

    def _batch_issuer(self) -> DemoIssuer:
        """The issuer of the batch scenario: one advertising ``BATCH_SIZE`` copies."""
        assert self.issuer is not None
        if self.batch_issuer is not None:
            return self.batch_issuer
        given = self.ctx.extras.get("demo_batch_issuer")
        if isinstance(given, DemoIssuer):
            self.batch_issuer = given
        elif (self.issuer.config.batch_size or 1) >= BATCH_SIZE:
            self.batch_issuer = self.issuer  # the main issuer batches already
        else:
            try:
                server = serve(DemoConfig(batch_size=BATCH_SIZE, issuer_path=BATCH_ISSUER_PATH))
            except OSError as exc:  # no free port: the scenario still works, with one copy
                log.warning("cannot start the batch demo issuer: %s", exc)
                self.batch_issuer = self.issuer
            else:
                self._batch_server = server
                self.batch_issuer = server.issuer
                self.destroyed.connect(server.stop)
        return self.batch_issuer

    def stop_batch_issuer(self) -> None:
        """Stop the batch issuer the panel started (if any). Idempotent; raises nothing."""
        if self._batch_server is not None:
            self._batch_server.stop()

    def _which(self, text: str) -> str | None:
        plain = unquote(text.strip())
        for key, offer in self.offers.items():
            reference = unquote(offer.uri).partition("credential_offer_uri=")[2]
            if offer.uri == text.strip() or (reference and reference in plain):
                return key
        return None

    def _on_offer_received(self, text: str, source: str) -> None:
        """Arm the deferred switch for the deferred offer (disarm it for any other).

        The shown offer stays: it is still the one that works until it is redeemed."""
        del source
        assert self.issuer is not None
        key = self._which(text)
        deferred = key is not None and self.scenario(key).deferred
        self.issuer.faults.deferred_pending_polls = DEFERRED_POLLS if deferred else 0

    def _on_flow_recorded(self, flow_id: str) -> None:
        del flow_id
        self._replace_used_offers()

    def _replace_used_offers(self) -> None:
        """Give each card whose shown offer the issuer reports redeemed a fresh offer."""
        for key, offer in list(self.offers.items()):
            if self._offer_issuers[key].offer_used(offer):
                self._refresh(key)
