"""The offer review's "Advanced" section: how the wallet presents itself to this issuer.

A client profile (:mod:`wallet_app.profiles`): a preset, the protocol draft (Auto shows
the detected one), the client id, the return from the browser (our link, a local address, or a
custom address another wallet registered: the wallet cannot catch that one, so the person
pastes the address the browser went to, and the section says so), the wallet provider (None,
the development one, clearly labelled as not for production, or a provider file), DPoP, and
"Remember for this issuer". Folded by default; the review applies it on Accept.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.context import GuiContext
from wallet_app.gui.offer_parts import plain_label
from wallet_app.gui.theme import colour
from wallet_app.profiles import DRAFTS, PRESETS, ClientProfile
from wallet_app.settings import REDIRECT_URI
from wallet_app.wallet.resolve import ResolvedOffer

__all__ = ["ProfileSection", "apply_profile"]


def _preset_label(name: str) -> str:
    labels = {
        "default": QCoreApplication.translate("ProfileSection", "Wallet default (OpenID4VCI 1.0)"),
        "haip": QCoreApplication.translate("ProfileSection", "HAIP (attestation, DPoP)"),
        "eudi": QCoreApplication.translate("ProfileSection", "EU reference issuer"),
        "draft13": QCoreApplication.translate("ProfileSection", "Draft 13 issuers"),
        "draft11": QCoreApplication.translate("ProfileSection", "Draft 11 issuers"),
        "loopback": QCoreApplication.translate("ProfileSection", "Local address only"),
    }
    return labels.get(name, name)


class ProfileSection(QWidget):
    """A folded "Advanced" section choosing the client profile for one offer."""

    #: a field changed (the preset shown becomes "Custom")
    changed = Signal()

    def __init__(self, resolved: ResolvedOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # "default" for this issuer: the settings' redirect and its old per-issuer client id
        default = resolved.profile.name == "default"
        self._default = resolved.profile if default else PRESETS["default"]
        self._provider_file: str | None = None
        # the wallet provider shown before the last choice (a cancelled file dialog returns to it)
        self._provider_before = 0
        self._filling = False
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Advanced"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleName(self.tr("Advanced: how the wallet presents itself"))
        self.toggle.toggled.connect(self._on_toggle_toggled)
        box.addWidget(self.toggle)
        self.body = QWidget()
        self.body.hide()
        box.addWidget(self.body)
        self._build_body(resolved)
        self.show_profile(resolved.profile)

    # -- building --------------------------------------------------------------------------
    def _build_body(self, resolved: ResolvedOffer) -> None:
        form = QFormLayout(self.body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.preset = QComboBox()
        for name in PRESETS:
            self.preset.addItem(_preset_label(name), name)
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.activated.connect(self._on_preset_activated)
        form.addRow(self.tr("Profile"), self.preset)
        self.draft = QComboBox()
        detected = replace(resolved, profile=replace(resolved.profile, draft=None)).draft
        self.draft.addItem(self.tr("Auto (detected: {draft})").format(draft=detected), None)
        for draft in DRAFTS:
            self.draft.addItem(draft, draft)
        form.addRow(self.tr("Protocol draft"), self.draft)
        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText(self.tr("The wallet's default"))
        form.addRow(self.tr("Client id"), self.client_id)
        self.redirect = QComboBox()
        self.redirect.addItem(self.tr("Wallet link ({uri})").format(uri=REDIRECT_URI), "scheme")
        self.redirect.addItem(self.tr("Local address (http://127.0.0.1)"), "loopback")
        self.redirect.addItem(self.tr("Custom address…"), "custom")
        form.addRow(self.tr("Return from the browser"), self.redirect)
        self.redirect_uri = QLineEdit()
        self.redirect_uri.setPlaceholderText("eudi-openid4ci://authorize")
        self.redirect_uri.setAccessibleName(self.tr("Custom return address"))
        form.addRow("", self.redirect_uri)
        self.redirect_note = plain_label(
            self.tr(
                "The wallet cannot catch a return to a custom address by itself. After "
                "signing in, copy the address your browser went to and paste it into the "
                "wallet's sign-in window."
            )
        )
        form.addRow("", self.redirect_note)
        self.provider = QComboBox()
        self.provider.addItem(self.tr("None"), None)
        self.provider.addItem(self.tr("Development (self-issued, not for production)"), "dev")
        self.provider.addItem(self.tr("From a file…"), "file")
        self.provider.setAccessibleName(self.tr("Wallet provider"))
        form.addRow(self.tr("Wallet provider"), self.provider)
        self.provider_note = plain_label("")
        self.provider_note.setObjectName("providerNote")
        form.addRow("", self.provider_note)
        self.dpop = QComboBox()
        self.dpop.addItem(self.tr("Automatic (when the issuer supports it)"), "auto")
        self.dpop.addItem(self.tr("Always"), "always")
        self.dpop.addItem(self.tr("Never"), "never")
        form.addRow(self.tr("Proof of possession (DPoP)"), self.dpop)
        self.remember = QCheckBox(self.tr("Remember for this issuer"))
        form.addRow("", self.remember)
        self.problem = plain_label("")
        self.problem.setObjectName("profileProblem")
        self.problem.setStyleSheet(f"color: {colour('error_text')};")
        self.problem.hide()
        form.addRow("", self.problem)
        for combo in (self.draft, self.redirect, self.dpop):
            combo.currentIndexChanged.connect(self._on_field_changed)
        self.provider.activated.connect(self._on_provider_activated)
        self.client_id.textEdited.connect(self._on_field_changed)
        self.redirect_uri.textEdited.connect(self._on_field_changed)

    # -- showing ---------------------------------------------------------------------------
    def show_profile(self, profile: ClientProfile) -> None:
        """Fill the fields from ``profile``."""
        self._filling = True
        try:
            index = self.preset.findData(profile.name if profile.name in PRESETS else "custom")
            self.preset.setCurrentIndex(max(index, 0))
            self.draft.setCurrentIndex(max(self.draft.findData(profile.draft), 0))
            self.client_id.setText(profile.client_id or "")
            self.redirect.setCurrentIndex(max(self.redirect.findData(profile.redirect), 0))
            self.redirect_uri.setText(profile.redirect_uri or "")
            provider = profile.wallet_provider
            self._provider_file = provider if provider not in (None, "dev") else None
            key = "file" if self._provider_file else provider
            self.provider.setCurrentIndex(max(self.provider.findData(key), 0))
            self.dpop.setCurrentIndex(max(self.dpop.findData(profile.dpop), 0))
        finally:
            self._filling = False
        self._sync()

    def _sync(self) -> None:
        self._provider_before = self.provider.currentIndex()
        custom = self.redirect.currentData() == "custom"
        self.redirect_uri.setVisible(custom)
        self.redirect_note.setVisible(custom)
        key = self.provider.currentData()
        if key == "dev":
            self.provider_note.setText(
                self.tr(
                    "The wallet attests itself and its keys. Issuers in production do not "
                    "accept this; use it to explore and test."
                )
            )
        elif key == "file" and self._provider_file:
            self.provider_note.setText(
                self.tr("Attestations from {file}").format(file=Path(self._provider_file).name)
            )
        self.provider_note.setVisible(key == "dev" or (key == "file" and bool(self._provider_file)))
        self.problem.hide()

    def _on_toggle_toggled(self, shown: bool) -> None:
        self.body.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.toggle.setArrowType(arrow)
        if shown:
            self.preset.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_preset_activated(self, index: int) -> None:
        name = self.preset.itemData(index)
        if name in PRESETS:
            self.show_profile(self._default if name == "default" else PRESETS[name])
            self.changed.emit()

    def _on_field_changed(self, *_: object) -> None:
        if self._filling:
            return
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self._sync()
        self.changed.emit()

    def _on_provider_activated(self, index: int) -> None:
        if self.provider.itemData(index) == "file":
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Wallet provider file"), "", self.tr("Wallet provider (*.json)")
            )
            if chosen:
                self.set_provider_file(chosen)
                return
            # cancelled (an arrow key may have reached "From a file…"): back to what it was
            self.provider.setCurrentIndex(self._provider_before)
        self._on_field_changed()

    def set_provider_file(self, path: str) -> None:
        """Use the wallet provider described by the file at ``path``."""
        self._provider_file = path
        self.provider.setCurrentIndex(self.provider.findData("file"))
        self._on_field_changed()

    # -- reading ---------------------------------------------------------------------------
    def chosen(self) -> ClientProfile | str:
        """The profile the fields describe, or a sentence saying what to fix."""
        redirect = self.redirect.currentData()
        uri = self.redirect_uri.text().strip() if redirect == "custom" else None
        if redirect == "custom":
            parts = urlsplit(uri or "")
            if not parts.scheme or not (parts.netloc or parts.path) or " " in (uri or ""):
                return self.tr("Enter the custom return address, for example app-name://callback.")
        provider = self.provider.currentData()
        name = self.preset.currentData()
        profile = ClientProfile(
            name=name if isinstance(name, str) else "custom",
            client_id=self.client_id.text().strip() or None,
            redirect=redirect if redirect in ("scheme", "loopback", "custom") else "scheme",
            redirect_uri=uri,
            wallet_provider=self._provider_file if provider == "file" else provider,
            dpop=self.dpop.currentData(),
            draft=self.draft.currentData(),
        )
        return profile

    def show_problem(self, text: str) -> None:
        """Unfold and say what to fix."""
        self.toggle.setChecked(True)
        self.problem.setText(text)
        self.problem.show()


def apply_profile(
    ctx: GuiContext, section: ProfileSection, resolved: ResolvedOffer
) -> ResolvedOffer | None:
    """``resolved`` with the section's profile (remembered for the issuer when asked: in the
    preferences file and for this run); None when a field needs fixing (shown)."""
    profile = section.chosen()
    if isinstance(profile, str):
        section.show_problem(profile)
        return None
    if section.remember.isChecked():
        from wallet_app.errors import WalletError
        from wallet_app.gui.messages import user_text
        from wallet_app.preferences import preferences_path, remember_profile

        issuer = resolved.issuer.credential_issuer
        try:
            remember_profile(preferences_path(), issuer, profile)
        except WalletError as exc:
            section.show_problem(user_text(exc))
            return None
        ctx.wallet.options = ctx.wallet.options.with_profile(issuer, profile)
    return resolved if profile == resolved.profile else replace(resolved, profile=profile)
