"""One credential in detail: its card, labelled claims, validity, holder binding, raw views.

Claims, validity and holder key come from :func:`wallet_app.wallet.details.credential_details`
(the same document ``wallet-app show`` prints); the decoded views from
:func:`wallet_app.formats.decode_credential`. mdoc CBOR is shown in diagnostic notation
(RFC 8949 §8, with ``<< >>`` for embedded CBOR from RFC 8610 App. G).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime

import cbor2
import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import NotFound, WalletError
from wallet_app.formats import CredentialView, decode_credential
from wallet_app.gui.card_delegate import CardWidget
from wallet_app.gui.context import GuiContext
from wallet_app.gui.credential_model import card_info
from wallet_app.gui.images import image_cache_for
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.wallet.details import credential_details, format_claim_value
from wallet_app.wallet.store import CredentialRecord

__all__ = ["CredentialDetailsDialog", "cbor_diagnostic", "confirm_and_delete", "jwk_thumbprint"]

_THUMBPRINT_MEMBERS = {
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "RSA": ("e", "kty", "n"),
}


def cbor_diagnostic(value: object, indent: int = 0) -> str:
    """``value`` (as decoded by cbor2) in CBOR diagnostic notation, pretty-printed."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, cbor2.CBORTag):
        if value.tag == 24 and isinstance(value.value, bytes):
            try:
                embedded = cbor2.loads(value.value)
            except (cbor2.CBORDecodeError, ValueError):
                return f"24({cbor_diagnostic(value.value, indent)})"
            return f"24(<< {cbor_diagnostic(embedded, indent)} >>)"
        return f"{value.tag}({cbor_diagnostic(value.value, indent)})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else ("Infinity" if math.isinf(value) else repr(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return f"h'{value.hex()}'"
    if isinstance(value, datetime):
        return f'0("{value.isoformat().replace("+00:00", "Z")}")'
    if isinstance(value, date):
        return f'1004("{value.isoformat()}")'
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [
            f"{inner}{cbor_diagnostic(k, indent + 1)}: {cbor_diagnostic(v, indent + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [f"{inner}{cbor_diagnostic(v, indent + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return str(value)  # undefined and simple values print as cbor2 names them


def jwk_thumbprint(jwk: Mapping[str, object]) -> str | None:
    """The RFC 7638 SHA-256 thumbprint of a public JWK, or None for an unknown key type."""
    members = _THUMBPRINT_MEMBERS.get(str(jwk.get("kty")))
    if members is None or any(not isinstance(jwk.get(m), str) for m in members):
        return None
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _pretty(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _value_text(value: object) -> str:
    return format_claim_value(
        value,
        yes=QCoreApplication.translate("CredentialDetailsDialog", "yes"),
        no=QCoreApplication.translate("CredentialDetailsDialog", "no"),
    )


def _when(iso: object) -> str:
    if not isinstance(iso, str):
        return "—"
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no user locale: an unambiguous form
        return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")
    return locale.toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def confirm_and_delete(
    ctx: GuiContext, credential_id: str, parent: QWidget, *, name: str | None = None
) -> bool:
    """Ask, then delete a credential from the store; True when it was deleted."""
    if name is None:
        try:
            name = card_info(
                ctx.store.get_credential(credential_id).stored, ctx.settings.locales
            ).name
        except WalletError:
            name = credential_id[:8]
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("CredentialDetailsDialog", "Delete credential"),
        QCoreApplication.translate(
            "CredentialDetailsDialog", "Delete “{name}” from this wallet? This cannot be undone."
        ).format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        ctx.store.delete_credential(credential_id)
    except WalletError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("CredentialDetailsDialog", "Delete credential"),
            user_text(exc),
        )
        return False
    ctx.events.credentials_changed.emit()
    ctx.events.status_message.emit(
        QCoreApplication.translate("CredentialDetailsDialog", "Deleted “{name}”.").format(name=name)
    )
    return True


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
        self.resize(760, 640)
        self.record: CredentialRecord = ctx.store.get_credential(credential_id)
        self.details = credential_details(self.record, ctx.settings, raw=True)
        self.view: CredentialView | None = self._decode()
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        if self.record.stored.status == "deferred":
            layout.addWidget(self._pending_box())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Credential views"))
        self._add_tabs()
        layout.addWidget(self.tabs, 1)
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
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ctx.events.credentials_changed.connect(self._on_credentials_changed)

    def _decode(self) -> CredentialView | None:
        if not self.record.instances:
            return None
        try:
            return decode_credential(self.record.stored.format, self.record.instances[0].credential)
        except WalletError:
            return None

    # -- header --------------------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        info = card_info(self.record.stored, self.ctx.settings.locales)
        card = CardWidget(info, image_cache_for(self.ctx.extras, self.ctx.jobs), self)
        title = QLabel(info.name)
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
            ("issuer", self.tr("Issuer"), f"{info.issuer_name} ({self.record.stored.issuer})"),
            ("format", self.tr("Format"), self.record.stored.format),
            ("type", self.tr("Type"), info.type),
            ("issued", self.tr("Issued"), _when(validity.get("issued_at"))),
            ("expires", self.tr("Expires"), _when(validity.get("expires_at"))),
            ("holder", self.tr("Holder binding"), self._holder_text()),
            ("received", self.tr("Received"), _when(self.record.stored.received_at)),
        )
        for key, label, value in rows:
            field = QLabel(value)
            field.setWordWrap(False)
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
        self.claims_tree.setUniformRowHeights(True)
        self._fill_claims(self.details.get("claims"))
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
            self.tabs.addTab(self._disclosures(view), self.tr("Disclosures"))
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

    def _fill_claims(self, rows: object) -> None:
        parents: list[QTreeWidgetItem] = []
        for row in rows if isinstance(rows, Sequence) else []:
            if not isinstance(row, Mapping):
                continue
            depth = row.get("depth")
            depth = depth if isinstance(depth, int) else 0
            del parents[depth:]
            item = QTreeWidgetItem([str(row.get("label", "")), _value_text(row.get("value"))])
            item.setToolTip(1, item.text(1))
            if parents:
                parents[-1].addChild(item)
            else:
                self.claims_tree.addTopLevelItem(item)
            parents.append(item)
        self.claims_tree.expandAll()
        self.claims_tree.resizeColumnToContents(0)

    def _disclosures(self, view: CredentialView) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName(self.tr("Disclosures"))
        tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Value"), self.tr("Salt"), self.tr("Digest")]
        )
        for d in view.disclosures:
            tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        d.name if d.name is not None else self.tr("(array element)"),
                        json.dumps(d.value, ensure_ascii=False),
                        d.salt,
                        d.digest,
                    ]
                )
            )
        for column in range(4):
            tree.resizeColumnToContents(column)
            tree.setColumnWidth(column, min(tree.columnWidth(column), 280))
        return tree

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

    def _on_credentials_changed(self) -> None:
        try:
            self.ctx.store.get_credential(self.record.stored.id)
        except NotFound:
            self.reject()
