"""One credential in detail: its card, labelled claims, validity, holder binding, raw views.

Claims, validity and holder key come from :func:`wallet_app.wallet.details.credential_details`
(the same document ``wallet-app show`` prints); the decoded views from
:func:`wallet_app.formats.decode_credential`. mdoc CBOR is shown in diagnostic notation
(RFC 8949 §8, with ``<< >>`` for embedded CBOR from RFC 8610 App. G).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import replace

import cbor2
import shiboken6
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import NotFound, WalletError
from wallet_app.formats import CredentialView, decode_credential
from wallet_app.gui.card_delegate import CardWidget
from wallet_app.gui.card_info import card_info
from wallet_app.gui.card_text import (
    format_text,
    uses_text,
    validity_text,
    when_text,
)
from wallet_app.gui.claim_tree import disclosures_tree, fill_claims
from wallet_app.gui.context import GuiContext
from wallet_app.gui.credential_delete import confirm_and_delete
from wallet_app.gui.credential_model import seen_credentials
from wallet_app.gui.credential_technical import cbor_diagnostic, jwk_thumbprint
from wallet_app.gui.images import image_cache_for
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.gui.trust_view import trust_section
from wallet_app.text import escape_unsafe, isolate
from wallet_app.wallet.cards import CardFacts, facts_of
from wallet_app.wallet.details import credential_details
from wallet_app.wallet.history import ActivityEntry, load_activity
from wallet_app.wallet.store import CredentialRecord

__all__ = ["CredentialDetailsDialog"]


def _pretty(value: object) -> str:
    return escape_unsafe(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _text_view(text: str, name: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setAccessibleName(name)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return view


class CredentialDetailsDialog(QDialog):
    """The details of one stored credential (issue 3 item 6).

    Raises NotFound / StorageError from the store when the credential cannot be opened.
    """

    def __init__(self, ctx: GuiContext, credential_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.credential_id = credential_id
        self.setWindowTitle(self.tr("Credential details"))
        self.record: CredentialRecord = ctx.store.get_credential(credential_id)
        self.details = credential_details(self.record, ctx.settings, raw=True)
        self.view: CredentialView | None = self._decode()
        self.facts = facts_of(self.view) if self.view is not None else CardFacts()
        seen_credentials(ctx.extras).mark(self.record.stored.id)  # no longer "new"
        self.trust = trust_section(ctx, self.record.stored)  # starts a status re-check
        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(self._header())
        if self.trust is not None:
            body.addWidget(self.trust)
            self.trust.verdict_changed.connect(self._on_verdict_changed)
        if self.record.stored.status == "deferred":
            body.addWidget(self._pending_box())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Credential views"))
        self.tabs.setMinimumHeight(260)
        self._add_tabs()
        self.technical_toggle = QCheckBox(self.tr("Show technical details"))
        self.technical_toggle.setAccessibleName(
            self.tr("Show technical details: decoded, raw and format views")
        )
        self.technical_toggle.toggled.connect(self._show_technical)
        self._show_technical(False)
        body.addWidget(self.tabs, 1)
        body.addWidget(self.technical_toggle)
        body.addWidget(self._activity_box())
        # everything scrolls; the buttons stay visible on the smallest screen (P8)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setAccessibleName(self.tr("Copy to clipboard"))
        self.copy_button.clicked.connect(self.copy_current)
        self.delete_button = buttons.addButton(
            self.tr("Delete…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setAccessibleName(self.tr("Delete credential"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.activity_button = buttons.addButton(
            self.tr("Activity…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.activity_button.setAccessibleName(self.tr("Show all activity of this credential"))
        self.activity_button.clicked.connect(self.open_activity)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        ctx.events.credentials_changed.connect(self._on_credentials_changed)
        self._fit_to_screen(parent)

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        """760 x 680, or less on a small screen (960 x 540 logical at 2x on 1920 x 1080)."""
        screen = (parent.screen() if parent is not None else None) or self.screen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 760, 680
        if available is not None:
            width = min(width, available.width() - 24)
            height = min(height, available.height() - 48)  # room for the title bar
        self.resize(width, height)

    def _show_technical(self, shown: bool) -> None:
        """Claims always; the decoded, disclosure, CBOR, raw and warning tabs on request."""
        for index in range(self.tabs.count()):
            self.tabs.setTabVisible(index, shown or self.tabs.widget(index) is self.claims_tree)
        self.tabs.tabBar().setVisible(shown)
        if not shown:
            self.tabs.setCurrentWidget(self.claims_tree)

    def _activity_box(self) -> QWidget:
        from wallet_app.gui.history_view import ActivityList

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        title = QLabel(self.tr("Activity"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        column.addWidget(title)
        self.activity = ActivityList(self.ctx)
        column.addWidget(self.activity)
        store, credential_id = self.ctx.store, self.record.stored.id
        locales = tuple(self.ctx.settings.locales)

        def load() -> list[ActivityEntry]:
            return load_activity(store, credential_id=credential_id, locales=locales)[:3]

        self.ctx.jobs.run(
            load,
            lambda entries: self.activity.set_entries(entries, self.tr("No activity recorded.")),
            lambda exc: self.activity.set_error(user_text(exc)),
            owner=self,
        )
        return box

    def open_activity(self) -> QDialog:
        """Open the full activity of this credential."""
        from wallet_app.gui.history_view import HistoryDialog

        dialog = HistoryDialog(self.ctx, self.record.stored.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _decode(self) -> CredentialView | None:
        if not self.record.instances:
            return None
        try:
            return decode_credential(self.record.stored.format, self.record.instances[0].credential)
        except WalletError:
            return None

    # -- header --------------------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        v = self.trust.verification if self.trust is not None else None
        info = card_info(
            self.record.stored,
            self.ctx.settings.locales,
            self.facts,
            trust=v.verdict if v is not None else None,
        )
        card = self.card = CardWidget(info, image_cache_for(self.ctx.extras, self.ctx.jobs), self)
        title = QLabel(isolate(info.name))  # issuer text: plain (the style), bidi isolated
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setObjectName("detailsTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        validity = self.details.get("validity")
        validity = validity if isinstance(validity, Mapping) else {}
        rows = (
            (
                "issuer",
                self.tr("Issuer"),
                f"{isolate(info.issuer_name)} ({self.record.stored.issuer})",
            ),
            ("format", self.tr("Format"), format_text(self.record.stored.format)),
            ("copies", self.tr("Copies"), uses_text(self.record.stored.instance_count)),
            ("validity", self.tr("Validity"), validity_text(info)),
            ("type", self.tr("Type"), info.type),
            ("issued", self.tr("Issued"), when_text(validity.get("issued_at"))),
            ("expires", self.tr("Expires"), when_text(validity.get("expires_at"))),
            ("holder", self.tr("Holder binding"), self._holder_text()),
            (
                "received",
                # a pending credential was asked for, not received yet
                self.tr("Requested")
                if self.record.stored.status == "deferred"
                else self.tr("Received"),
                when_text(self.record.stored.received_at),
            ),
        )
        for key, label, value in rows:
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setWordWrap(False)  # the content scrolls sideways on a narrow screen
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label)
            self.fields[key] = field
            form.addRow(label, field)
        side = QVBoxLayout()
        side.addWidget(title)
        side.addLayout(form)
        side.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(12)
        header.addLayout(side, 1)
        return header

    def _holder_text(self) -> str:
        key = self.details.get("credential_holder_key")
        ours = self.details.get("holder_key")
        if not isinstance(key, Mapping):
            return self.tr("Not bound to a key")
        thumb = jwk_thumbprint(key) or "?"
        kind = "/".join(str(key[k]) for k in ("kty", "crv") if k in key)
        if isinstance(ours, Mapping) and jwk_thumbprint(ours) == jwk_thumbprint(key):
            verdict = self.tr("matches this wallet's key")
        else:
            verdict = self.tr("does NOT match this wallet's key")
        return f"{kind} · {thumb[:20]}…\n{verdict}"

    def _pending_box(self) -> QWidget:
        box = QWidget()
        box.setObjectName("pendingBox")
        row = QHBoxLayout(box)
        record = next(
            (r for r in self.ctx.store.list_deferred() if r.stored.id == self.record.stored.id),
            None,
        )
        when = (
            QLocale().toString(
                QDateTime.fromSecsSinceEpoch(int(record.next_poll_at)).time(),
                QLocale.FormatType.ShortFormat,
            )
            if record is not None
            else "—"
        )
        self.pending_label = QLabel(
            self.tr("Pending at {issuer}, next check at {when}.").format(
                issuer=self.fields["issuer"].text(), when=when
            )
        )
        self.pending_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pending_label.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setAccessibleName(self.tr("Check now for the pending credential"))
        self.check_button.clicked.connect(self.check_now)
        row.addWidget(self.pending_label, 1)
        row.addWidget(self.check_button)
        return box

    # -- tabs ----------------------------------------------------------------------------------
    def _add_tabs(self) -> None:
        self.claims_tree = QTreeWidget()
        self.claims_tree.setHeaderLabels([self.tr("Claim"), self.tr("Value")])
        self.claims_tree.setAccessibleName(self.tr("Claims"))
        self.claims_tree.setAlternatingRowColors(True)
        self.claims_tree.setWordWrap(True)  # long values wrap, labels are never cut
        header = self.claims_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.claim_images = fill_claims(self.claims_tree, self.details.get("claims"))
        self.tabs.addTab(self.claims_tree, self.tr("Claims"))
        view = self.view
        if (
            view is not None
            and (view.header or view.payload)
            and self.record.stored.format != "mso_mdoc"
        ):
            text = "// header\n" + _pretty(view.header) + "\n\n// payload\n" + _pretty(view.payload)
            self.tabs.addTab(
                _text_view(text, self.tr("JWS header and payload")), self.tr("Decoded")
            )
        if view is not None and view.disclosures:
            self.tabs.addTab(disclosures_tree(view), self.tr("Disclosures"))
        if self.record.stored.format == "mso_mdoc" and self.record.instances:
            self.tabs.addTab(
                _text_view(self._cbor_text(), self.tr("CBOR diagnostic")), self.tr("CBOR")
            )
        raw = "\n\n".join(i.credential for i in self.record.instances)
        self.tabs.addTab(_text_view(raw, self.tr("Raw credential")), self.tr("Raw"))
        warnings = self.details.get("warnings")
        if isinstance(warnings, list) and warnings:
            self.tabs.addTab(
                _text_view(
                    "\n".join(sentence_text(w if isinstance(w, str) else f"{w}") for w in warnings),
                    self.tr("Warnings"),
                ),
                self.tr("Warnings"),
            )

    def _cbor_text(self) -> str:
        text = self.record.instances[0].credential
        try:
            data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            return cbor_diagnostic(cbor2.loads(data))
        except (ValueError, cbor2.CBORDecodeError) as exc:
            return self.tr("The credential is not readable CBOR: {e}").format(e=exc)

    # -- actions -------------------------------------------------------------------------------
    def current_text(self) -> str:
        """The text the Copy button copies: the selected claim's value, or the current tab."""
        widget = self.tabs.currentWidget()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QTreeWidget):
            item = widget.currentItem()
            if item is not None:
                return item.text(1)
            tops = (widget.topLevelItem(i) for i in range(widget.topLevelItemCount()))
            columns = range(widget.columnCount())
            return "\n".join("\t".join(t.text(c) for c in columns) for t in tops if t)
        return ""

    def copy_current(self) -> None:
        """Copy :meth:`current_text` to the clipboard."""
        QGuiApplication.clipboard().setText(self.current_text())
        self.ctx.events.status_message.emit(self.tr("Copied to the clipboard."))

    def _on_delete_clicked(self) -> None:
        name = card_info(self.record.stored, self.ctx.settings.locales).name
        if confirm_and_delete(self.ctx, self.record.stored.id, self, name=name):
            self.accept()

    def check_now(self) -> None:
        """Ask the issuer now whether the pending credential is ready (§9)."""
        self.check_button.setEnabled(False)
        wallet, credential_id = self.ctx.wallet, self.record.stored.id
        events = self.ctx.events

        def checked(results: list[tuple[str, str, str]]) -> None:
            if any(outcome == "issued" for _, outcome, _ in results):
                events.credentials_changed.emit()  # even when this dialog closed meanwhile
            if shiboken6.isValid(self):
                self._on_checked(results)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._on_check_failed(exc)

        self.ctx.jobs.run(
            lambda: wallet.poll_deferred(max_wait=0, credential_id=credential_id), checked, failed
        )

    def _on_checked(self, results: list[tuple[str, str, str]]) -> None:
        self.check_button.setEnabled(True)
        for _, outcome, message in results:
            if outcome == "issued":
                self.pending_label.setText(self.tr("Issued. Reopen the card to see it."))
                self.check_button.setEnabled(False)
                self.ctx.events.credentials_changed.emit()
            elif outcome == "not_due":
                self.pending_label.setText(
                    self.tr("Still pending; the issuer asked to wait ({m}).").format(
                        m=sentence_text(message)
                    )
                )
            elif outcome == "pending":
                self.pending_label.setText(self.tr("Still pending at the issuer."))
            else:  # failed: why (and that the pending entry was removed, if it was)
                self.pending_label.setText(sentence_text(message))

    def _on_check_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        text = user_text(exc) if isinstance(exc, WalletError) else self.tr("The check failed.")
        self.pending_label.setText(text)

    def _on_verdict_changed(self, verdict: str) -> None:
        info = card_info(self.record.stored, self.ctx.settings.locales, self.facts, trust=verdict)
        self.card.set_info(replace(info, is_new=False))
        self.fields["validity"].setText(validity_text(self.card.info))

    def _on_credentials_changed(self) -> None:
        try:
            self.ctx.store.get_credential(self.record.stored.id)
        except NotFound:
            self.reject()
