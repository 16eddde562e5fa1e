"""Offer review and consent: where the offer points, who issues what, which grant; Accept/Decline.

An offer that arrived through a URI scheme (``source == "link"``) makes no network request
before the user has seen the host it points to and pressed Continue (§15.6, protocol-notes
§1.19). Resolution runs in a job. The review shows the issuer (name, logo, host), badges for a
local issuer (the teal of the cards) or a first-time one (a neutral note, not an alarm), a
card per offered credential with the claims it will contain (one group per line), and a grant
choice when both grants are offered (§4.1.1). The dialog is as tall as its content. The
transaction code is asked on a page of this dialog (no second modal dialog). Focus starts on
Accept; for an offer from a link, Accept ignores presses in the first moment after the review
appears, so the Return that confirmed the host cannot accept the offer too. Issuer-supplied
text is always shown as plain text.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import IssuerError, WalletError
from wallet_app.formats import pick_locale
from wallet_app.frozen import frozen
from wallet_app.gui.attestation_retry import AttestationRetry, provider_badges
from wallet_app.gui.context import GuiContext
from wallet_app.gui.messages import user_text
from wallet_app.gui.offer_parts import (
    badge_label,
    button_row,
    enlarge,
    grant_choice,
    offered_credential,
    plain_label,
)
from wallet_app.gui.offer_profile import ProfileSection, apply_profile
from wallet_app.gui.tx_code_dialog import TxCodeForm
from wallet_app.oid4vci.models import CredentialOffer, TxCode
from wallet_app.oid4vci.offer import offer_uri_host
from wallet_app.text import escape_unsafe, isolate
from wallet_app.wallet.cards import build_card, claim_labels, issuer_name
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.resolve import GrantChoice, ResolvedOffer

if TYPE_CHECKING:
    from wallet_app.gui.images import ImageCache

__all__ = ["OfferReviewDialog", "ReviewedOffer", "claim_labels", "start_offer_review"]

log = logging.getLogger(__name__)

#: an offer from a link: presses on Accept this soon after the review appeared are ignored
LINK_ACCEPT_DELAY = 0.5


@frozen
class ReviewedOffer:
    """What the review shows: the resolved offer and whether its issuer was seen before."""

    resolved: ResolvedOffer
    known_issuer: bool
    flow: Flow


def _grant_hint(offer: CredentialOffer, grant: GrantChoice) -> str | None:
    if grant == "pre-authorized_code" and offer.pre_authorized_code is not None:
        return offer.pre_authorized_code.authorization_server
    if grant == "authorization_code" and offer.authorization_code is not None:
        return offer.authorization_code.authorization_server
    return None


class OfferReviewDialog(QDialog):
    """Confirm the host (links), resolve in a job, then show the offer for Accept/Decline."""

    def __init__(self, ctx: GuiContext, text: str, source: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._logo: tuple[ImageCache, str, QSize] | None = None
        self._ctx = ctx
        self._text = text
        self._source = source
        self._locales = tuple(ctx.wallet.options.locales)
        self.reviewed: ReviewedOffer | None = None
        #: the transaction code page while it is shown
        self.tx_dialog: TxCodeForm | None = None
        self._shown_at = 0.0
        self.grant_buttons: dict[GrantChoice, QRadioButton] = {}
        self.setWindowTitle(self.tr("Credential offer"))
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.confirm_page = self._confirm_page()
        self.loading_page = self._loading_page()
        self.error_page = self._error_page()
        for page in (self.confirm_page, self.loading_page, self.error_page):
            self.pages.addWidget(page)
        self.review_page: QWidget | None = None
        self._review_body: QWidget | None = None
        self.tx_page = QWidget()
        QVBoxLayout(self.tx_page).setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.tx_page)

    # -- pages ------------------------------------------------------------------------------------
    def _confirm_page(self) -> QWidget:
        # a child of the dialog from the start: setDefault() below registers Continue with the
        # dialog only when the button already has it as an ancestor; otherwise show() makes the
        # first button in the tab chain (Cancel) the default and Return cancels
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.addWidget(plain_label(self.tr("A link opened a credential offer."), bold=True))
        host = offer_uri_host(self._text)
        self.host_label = plain_label(
            self.tr("It points to {host}.").format(host=host or self.tr("an unknown address"))
        )
        self.host_label.setObjectName("offerHost")
        enlarge(self.host_label, 1.3)
        box.addWidget(self.host_label)
        box.addWidget(
            plain_label(
                self.tr(
                    "Nothing has been sent yet. Continue only if you expected an offer from "
                    "this address: the wallet will then contact it."
                )
            )
        )
        box.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(lambda: self.resolve())
        box.addLayout(button_row(self.cancel_button, self.continue_button))
        return page

    def _loading_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.loading_label = plain_label(self.tr("Reading the offer and the issuer's details…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        spinner = QProgressBar()
        spinner.setRange(0, 0)  # busy indicator
        spinner.setTextVisible(False)
        box.addWidget(self.loading_label)
        box.addWidget(spinner)
        box.addStretch(1)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.error_label = plain_label("")
        self.error_label.setObjectName("errorMessage")
        box.addWidget(self.error_label)
        self.attestation_retry = AttestationRetry(self.resolve, box)  # App. D, E refusals
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Details"))
        self.details.hide()
        self.details_button.toggled.connect(self._toggle_details)
        box.addWidget(self.details_button)
        box.addWidget(self.details, 1)
        box.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        retry = QPushButton(self.tr("Try again"))
        retry.clicked.connect(lambda: self.resolve())
        box.addLayout(button_row(retry, close))
        return page

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.details_button.setArrowType(arrow)

    # -- flow --
    def start(self) -> None:
        """Links first show where they point; anything else is resolved right away."""
        if self._source == "link":
            self.pages.setCurrentWidget(self.confirm_page)
        else:
            self.resolve()

    def resolve(self, prefer: GrantChoice | None = None) -> None:
        """Fetch the offer (if by reference) and the issuer's metadata in a job."""
        self.pages.setCurrentWidget(self.loading_page)
        wallet, store, text = self._ctx.wallet, self._ctx.store, self._text

        def work() -> ReviewedOffer:
            flow = wallet.new_flow("offer")
            chosen = self.attestation_retry.overrides  # the development provider, once asked
            resolved = wallet.resolve_offer(text, flow=flow, prefer_grant=prefer, overrides=chosen)
            known = store.knows_issuer(resolved.issuer.credential_issuer)
            return ReviewedOffer(resolved, known, flow)

        self._ctx.jobs.run(work, self._show_review, self._show_error, owner=self)

    def _show_error(self, exc: BaseException) -> None:
        if not self.isVisible():  # closed while resolving: drop the late result
            return
        if isinstance(exc, WalletError):
            # our labels in the UI language; the codes and the issuer's words as sent
            message, lines = user_text(exc), [self.tr("code: {code}").format(code=exc.code)]
            if isinstance(exc, IssuerError):
                lines += [
                    self.tr("error: {error}").format(error=exc.error),
                    self.tr("status: {status}").format(status=exc.status),
                    self.tr("url: {url}").format(url=exc.url),
                ]
            if exc.detail:
                lines.append(self.tr("detail: {detail}").format(detail=exc.detail))
        else:
            log.exception("offer resolution failed", exc_info=exc)
            message = self.tr("Something went wrong while reading the offer.")
            lines = [f"{type(exc).__name__}: {exc}"]
        self.error_label.setText(message)
        self.attestation_retry.show_for(exc)
        self.details.setPlainText(escape_unsafe("\n".join(lines)))
        self.pages.setCurrentWidget(self.error_page)

    def _show_review(self, reviewed: ReviewedOffer) -> None:
        if not self.isVisible():
            return
        self.reviewed = reviewed
        if self.review_page is not None:
            self.pages.removeWidget(self.review_page)
            self.review_page.deleteLater()
        self.review_page = self._review_page(reviewed)
        self.pages.addWidget(self.review_page)
        self.pages.setCurrentWidget(self.review_page)
        self._fit_to_content()
        self._shown_at = time.monotonic()
        # the primary action has the focus: Enter accepts (never an unnamed scroll area)
        self.accept_button.setDefault(True)
        self.accept_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_to_content(self) -> None:
        """As tall as the review needs (no half-empty dialog), at most the screen's height;
        the offered credentials scroll beyond that."""
        page, body = self.review_page, self._review_body
        scroll = page.findChild(QScrollArea) if page is not None else None
        if page is None or body is None or scroll is None:
            return
        layout, box = self.layout(), body.layout()
        if layout is None or box is None:
            return
        layout.activate()
        margins = layout.contentsMargins()
        # the page without the scroll area, plus the body at the width it will have
        around = page.sizeHint().height() - scroll.sizeHint().height()
        outer = page.layout()
        inner = outer.contentsMargins() if outer is not None else margins
        width = (
            self.width()
            - margins.left()
            - margins.right()
            - inner.left()
            - inner.right()
            - 2 * scroll.frameWidth()
        )
        needed = box.totalHeightForWidth(width) if box.hasHeightForWidth() else -1
        if needed < 0:
            needed = body.sizeHint().height()
        # + a few pixels: a scroll bar appearing would narrow the body and wrap it further
        wanted = around + needed + margins.top() + margins.bottom() + 2 * scroll.frameWidth() + 4
        screen = self.screen()
        limit = screen.availableGeometry().height() - 80 if screen is not None else wanted
        self.resize(self.width(), max(self.minimumSizeHint().height(), min(wanted, limit)))

    # -- the review --
    def _review_page(self, reviewed: ReviewedOffer) -> QWidget:
        resolved = reviewed.resolved
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addLayout(self._issuer_header(reviewed))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: the buttons are
        scroll.setAccessibleName(self.tr("Offered credentials"))
        body = QWidget()
        self._review_body = body
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(plain_label(self.tr("It offers you:"), bold=True))
        for conf in resolved.configurations:
            box.addWidget(offered_credential(resolved, conf, self._locales, self.palette()))
        if resolved.unknown_configuration_ids:
            ids = ", ".join(isolate(i) for i in resolved.unknown_configuration_ids)
            unknown = plain_label(
                self.tr(
                    "Also offered, but not described by the issuer, so not receivable: {ids}"
                ).format(ids=ids)
            )
            unknown.setObjectName("unknownConfigurations")
            box.addWidget(unknown)
        offer = resolved.offer
        if offer.pre_authorized_code is not None and offer.authorization_code is not None:
            box.addWidget(
                grant_choice(resolved.grant, len(resolved.configurations), self.grant_buttons)
            )
        box.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.decline_button = QPushButton(self.tr("Decline"))
        self.profile_section = ProfileSection(resolved)  # "Advanced": the client profile
        self.profile_section.toggle.toggled.connect(lambda _: self._fit_to_content())
        box.addWidget(self.profile_section)
        self.decline_button.setAutoDefault(False)
        self.decline_button.clicked.connect(self.reject)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setProperty("primary", True)
        self.accept_button.clicked.connect(self.accept_offer)
        outer.addLayout(button_row(self.decline_button, self.accept_button))
        return page

    def _issuer_header(self, reviewed: ReviewedOffer) -> QHBoxLayout:
        resolved = reviewed.resolved
        card = build_card(
            resolved.issuer,
            resolved.configurations[0],
            locales=self._locales,
            local=resolved.resolved.local,
        )
        row = QHBoxLayout()
        row.setSpacing(14)
        self.logo_label = QLabel()
        self.logo_label.setFixedSize(56, 56)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.logo_label)
        self._load_logo(card)
        texts = QVBoxLayout()
        self.issuer_label = plain_label(isolate(issuer_name(card, self._locales)), bold=True)
        enlarge(self.issuer_label, 1.4)
        texts.addWidget(self.issuer_label)
        host = urlsplit(resolved.issuer.credential_issuer).netloc
        self.issuer_host_label = plain_label(self.tr("Issued from {host}").format(host=host))
        texts.addWidget(self.issuer_host_label)
        badges = QHBoxLayout()
        badges.setSpacing(6)
        self.badges: list[QLabel] = []
        if resolved.resolved.local:
            self.badges.append(
                badge_label(self.tr("Local issuer on this computer"), "local", name="localBadge")
            )
        if not reviewed.known_issuer:
            self.badges.append(
                badge_label(self.tr("First time from this issuer"), "info", name="firstTimeBadge")
            )
        from wallet_app.gui.trust_view import issuer_trust_pill

        trust = issuer_trust_pill(resolved.resolved.issuer_trust)  # signed metadata
        self.badges += [trust] if trust is not None else []
        for badge in self.badges:
            if badge is not trust:
                badges.addWidget(badge)
        badges.addStretch(1)
        texts.addLayout(badges)
        for pill in provider_badges(resolved.profile):  # a row of its own: a long name
            texts.addWidget(pill, 0, Qt.AlignmentFlag.AlignLeft)
        if trust is not None:  # a row of its own: it names an organisation, or a reason
            trust_row = QHBoxLayout()
            trust_row.addWidget(trust)
            trust_row.addStretch(1)
            texts.addLayout(trust_row)
        row.addLayout(texts, 1)
        return row

    def _load_logo(self, card: dict[str, object]) -> None:
        display = card.get("issuer_display")
        entries = [d for d in display if isinstance(d, dict)] if isinstance(display, list) else []
        chosen = pick_locale(entries, self._locales) or {}
        logo = chosen.get("logo")
        uri = logo.get("uri") if isinstance(logo, dict) else None
        if not isinstance(uri, str) or not uri:
            self.logo_label.hide()
            return
        alt = logo.get("alt_text") if isinstance(logo, dict) else None
        self.logo_label.setAccessibleName(alt if isinstance(alt, str) else self.tr("Issuer logo"))
        try:
            from wallet_app.gui.images import image_cache_for
        except ImportError:  # the image module is optional for this dialog
            self.logo_label.hide()
            return
        cache = image_cache_for(self._ctx.extras, self._ctx.jobs)
        self._logo = (cache, uri, self.logo_label.size())
        # a bound method of this QObject: Qt disconnects it when the dialog is deleted
        cache.image_ready.connect(self._on_logo_ready)
        self._on_logo_ready(uri)

    def _on_logo_ready(self, ready: str) -> None:
        if self._logo is None:
            return
        cache, uri, size = self._logo
        if ready != uri:
            return
        pixmap = cache.pixmap(uri, size)
        if pixmap is not None:
            self.logo_label.setPixmap(pixmap)
        elif cache.failed(uri):
            self.logo_label.hide()

    def chosen_grant(self) -> GrantChoice:
        """The grant the user picked (or the only one offered)."""
        assert self.reviewed is not None
        for grant, button in self.grant_buttons.items():
            if button.isChecked():
                return grant
        return self.reviewed.resolved.grant

    # -- consent --
    def accept_offer(self) -> None:
        """Accept: ask for the transaction code if needed, then start the issuance flow."""
        if self.reviewed is None:
            return
        if self._source == "link" and time.monotonic() - self._shown_at < LINK_ACCEPT_DELAY:
            return  # the key press that confirmed the link's host, not a decision on the offer
        chosen = apply_profile(self._ctx, self.profile_section, self.reviewed.resolved)
        if chosen is None:
            return  # a field of the advanced section needs fixing (it says which)
        resolved, grant = chosen, self.chosen_grant()
        if grant != resolved.grant:
            if _grant_hint(resolved.offer, grant) != _grant_hint(resolved.offer, resolved.grant):
                self.resolve(prefer=grant)  # another authorization server: resolve again
                return
            resolved = replace(resolved, grant=grant)
        pre = resolved.offer.pre_authorized_code
        if grant == "pre-authorized_code" and pre is not None and pre.tx_code is not None:
            self._ask_tx_code(resolved, pre.tx_code)
            return
        self._issue(resolved, None)

    def _ask_tx_code(self, resolved: ResolvedOffer, spec: TxCode) -> None:
        """The transaction code on a page of this dialog; Back returns to the review."""
        host = urlsplit(resolved.auth_server.token_endpoint).hostname or ""
        box = self.tx_page.layout()
        assert box is not None
        while box.count():
            item = box.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        form = TxCodeForm(spec, host, self.tx_page)
        box.addWidget(form)
        self.tx_dialog = form
        form.submitted.connect(lambda code: self._issue(resolved, code))
        form.cancelled.connect(self._back_to_review)
        self.pages.setCurrentWidget(self.tx_page)
        form.activate()

    def _back_to_review(self) -> None:
        self.tx_dialog = None
        if self.review_page is not None:
            self.pages.setCurrentWidget(self.review_page)
            self.accept_button.setDefault(True)
            self.accept_button.setFocus()

    def _issue(self, resolved: ResolvedOffer, tx_code: str | None) -> None:
        from wallet_app.gui.flow_start import start_issuance  # the flow screen, when needed

        flow = self.reviewed.flow if self.reviewed is not None else None
        start_issuance(self._ctx, resolved, tx_code=tx_code, parent=self.parentWidget(), flow=flow)
        self.accept()


def start_offer_review(
    ctx: GuiContext, text: str, source: str, parent: QWidget | None
) -> OfferReviewDialog:
    """Open the review of an offer (``source`` "link" asks before any network request)."""
    dialog = OfferReviewDialog(ctx, text, source, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog
