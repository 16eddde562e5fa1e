"""Settings: language, redirect mode, client id per issuer, http on loopback, extra CA
certificates, proxy, data location. Saved to the preferences file (``wallet_app.preferences``).

Also shown, and acted on at once (not by Save): whether the wallet opens credential offer
links (``gui.link_handler``) and where the log file is."""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wallet_app.errors import WalletError
from wallet_app.gui.context import GuiContext
from wallet_app.gui.i18n import available_languages
from wallet_app.gui.link_handler import HandlerSection
from wallet_app.gui.log_folder import open_log_folder
from wallet_app.gui.messages import user_text
from wallet_app.gui.screen_fit import available_area
from wallet_app.gui.theme import colour
from wallet_app.logs import LOG_FILE_NAME, log_dir
from wallet_app.preferences import (
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)
from wallet_app.settings import DEFAULT_CLIENT_ID

#: the environment variable that overrides each field of the dialog (see ``load_settings``)
OVERRIDING_ENV = {
    "language": "WALLET_APP_LANG",
    "redirect_mode": "WALLET_APP_REDIRECT",
    "client_ids": "WALLET_APP_CLIENT_ID",
    "extra_ca_file": "WALLET_APP_CA_FILE",
    "data_dir": "WALLET_APP_DATA_DIR",
    "proxy": "WALLET_APP_PROXY",
}

__all__ = ["SettingsDialog", "check_ca_file"]


def check_ca_file(path: str) -> str | None:
    """None when ``path`` holds PEM CA certificates Python's TLS accepts, else the reason."""
    try:
        ssl.create_default_context().load_verify_locations(cafile=path)
    except FileNotFoundError:
        return "The file does not exist."
    except (OSError, ssl.SSLError, ValueError) as exc:
        return f"The file holds no usable PEM certificates ({exc})."
    return None


def _scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that only scrolls when the screen is too small."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no unnamed focus stop; Tab goes inside
    return area


def _language_name(code: str) -> str:
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


class SettingsDialog(QDialog):
    """Edit the preferences; Save writes them to the preferences file.

    The form shows the preferences file, not the effective settings, so a value that only an
    environment variable or a command-line option set is never saved; a note says when one
    overrides a field for the running wallet.
    """

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path or preferences_path()
        self.saved: Preferences | None = None
        self.env: Mapping[str, str] = os.environ if env is None else env
        prefs = self.prefs = load_preferences(self.path)
        self.override_notes: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(620)

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System"), None)
        for code in available_languages():
            self.language.addItem(_language_name(code), code)
        index = self.language.findData(prefs.language)
        self.language.setCurrentIndex(max(index, 0))

        self.scheme = QRadioButton(self.tr("Wallet link (io.github.walletapp:)"))
        self.loopback = QRadioButton(self.tr("Local address (http://127.0.0.1)"))
        group = QButtonGroup(self)
        group.addButton(self.scheme)
        group.addButton(self.loopback)
        mode = prefs.redirect_mode or "scheme"
        settings = ctx.settings
        (self.loopback if mode == "loopback" else self.scheme).setChecked(True)
        explain = QLabel(
            self.tr(
                "After you sign in at an issuer, the browser hands the result back to the "
                "wallet. A wallet link needs the wallet registered as its handler; the local "
                "address works everywhere but some issuers accept only registered addresses."
            )
        )
        explain.setWordWrap(True)
        redirect_box = QGroupBox(self.tr("Return from the browser"))
        rbox = QVBoxLayout(redirect_box)
        for w in (self.scheme, self.loopback, explain):
            rbox.addWidget(w)
        self._add_note(rbox, "redirect_mode", cli=settings.redirect_mode != mode)

        self.client_ids = QTableWidget(0, 2)
        self.client_ids.setHorizontalHeaderLabels([self.tr("Issuer URL"), self.tr("Client id")])
        self.client_ids.setAccessibleName(self.tr("Client id per issuer"))
        self.client_ids.verticalHeader().hide()
        self.client_ids.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.client_ids.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.client_ids.setMinimumHeight(110)
        for issuer, client_id in prefs.client_ids.items():
            self.add_client_id(issuer, client_id)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(lambda: self.add_client_id("https://", ""))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        default_note = QLabel(
            self.tr("Other issuers get “{client_id}”.").format(client_id=ctx.settings.client_id)
        )
        client_box = QGroupBox(self.tr("Client id per issuer"))
        cbox = QVBoxLayout(client_box)
        cbox.addWidget(self.client_ids)
        cbox.addLayout(buttons)
        cbox.addWidget(default_note)
        self._add_note(cbox, "client_ids", cli=settings.client_id != DEFAULT_CLIENT_ID)

        self.allow_http = QCheckBox(
            self.tr("Allow plain http for issuers on this computer (loopback)")
        )
        self.allow_http.setChecked(prefs.allow_http_loopback)

        self.ca_file = QLineEdit(prefs.extra_ca_file or "")
        self.ca_file.setPlaceholderText(self.tr("None"))
        self.ca_file.setAccessibleName(self.tr("Extra trusted CA certificates"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._on_browse_clicked)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)

        from wallet_app.gui.network_settings import ProxyRow

        self.proxy = ProxyRow(prefs.proxy, env=self.env)

        self._shown_data_dir = prefs.data_dir or str(ctx.settings.data_dir)
        self.data_dir = QLineEdit(self._shown_data_dir)
        self.data_dir.setAccessibleName(self.tr("Data location"))
        change = QPushButton(self.tr("Change…"))
        change.clicked.connect(self._on_change_data_clicked)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_dir, 1)
        data_row.addWidget(change)
        data_note = QLabel(
            self.tr(
                "Changing the data location takes effect after a restart; credentials stored "
                "at the old location are not moved."
            )
        )
        data_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        self._add_note(form, "language")
        form.addRow(self.tr("Trusted CA certificates:"), ca_row)
        ca_cli = settings.ca_file is not None and str(settings.ca_file) != (
            prefs.extra_ca_file or self.env.get("SSL_CERT_FILE")
        )
        self._add_note(form, "extra_ca_file", cli=ca_cli)
        form.addRow(self.tr("Proxy:"), self.proxy)
        self._add_note(form, "proxy")
        form.addRow(self.tr("Data location:"), data_row)
        self._add_note(form, "data_dir")
        form.addRow("", data_note)
        form.addRow(self.tr("Log file:"), self._log_row())

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {colour('error_text')};")
        self.error.hide()
        note = QLabel(
            self.tr(
                "Language and data location apply after a restart. The other changes apply "
                "from the next time the wallet starts."
            )
        )
        note.setWordWrap(True)
        box_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        box_buttons.accepted.connect(self.save)
        box_buttons.rejected.connect(self.reject)
        # two pages keep the dialog within a small screen's height
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        self.handler_section: HandlerSection | None = None
        if ctx.link_handler is not None:  # a desktop run (tests pass a fake of the OS)
            self.handler_section = HandlerSection(ctx, ctx.link_handler, self, path=self.path)
            general_layout.addWidget(self.handler_section)
        general_layout.addStretch(1)
        issuers = QWidget()
        issuers_layout = QVBoxLayout(issuers)
        issuers_layout.addWidget(redirect_box)
        issuers_layout.addWidget(client_box)
        issuers_layout.addWidget(self.allow_http)
        self.tabs = QTabWidget()
        # each page scrolls, so Save and Cancel stay on screen at 1280x720 and at 200 %
        self.tabs.addTab(_scrolling(general), self.tr("General"))
        self.tabs.addTab(_scrolling(issuers), self.tr("Issuers"))
        from wallet_app.gui.trust_settings import TrustPage

        self.trust_page = TrustPage(ctx, prefs)
        self.tabs.addTab(_scrolling(self.trust_page), self.tr("Trust"))
        from wallet_app.gui.settings_profiles import ProfilesPage

        self.profiles_page = ProfilesPage(ctx, prefs, self)  # remembered client profiles
        self.tabs.addTab(_scrolling(self.profiles_page), self.tr("Profiles"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(box_buttons)
        self.resize(self._wanted_size())

    def _wanted_size(self) -> QSize:
        """The size that shows each page without scrolling, bounded by the screen."""
        inner, shown = QSize(0, 0), QSize(0, 0)
        for i in range(self.tabs.count()):
            area = self.tabs.widget(i)
            page = area.widget() if isinstance(area, QScrollArea) else None
            if isinstance(area, QScrollArea) and page is not None:
                inner = inner.expandedTo(page.sizeHint())
                shown = shown.expandedTo(area.sizeHint())
        hint = self.sizeHint()
        wanted = QSize(
            max(hint.width(), hint.width() - shown.width() + inner.width()),
            max(hint.height(), hint.height() - shown.height() + inner.height()),
        )
        return wanted.boundedTo(available_area(self).size() - QSize(40, 80))

    def _add_note(
        self, layout: QVBoxLayout | QFormLayout, field: str, *, cli: bool = False
    ) -> None:
        """Say under a field when the environment (or a command-line option) overrides it."""
        name = OVERRIDING_ENV[field]
        if self.env.get(name):
            text = self.tr(
                "The environment variable {name} overrides this setting while it is set; "
                "what you save here applies once it is gone."
            ).format(name=name)
        elif cli:
            text = self.tr(
                "A command-line option overrides this setting for this session; what you "
                "save here applies from the next start without it."
            )
        else:
            return
        note = QLabel(text)
        note.setWordWrap(True)
        note.setObjectName(f"override_{field}")
        note.setStyleSheet("color: palette(placeholder-text);")
        self.override_notes[field] = note
        if isinstance(layout, QFormLayout):
            layout.addRow("", note)
        else:
            layout.addWidget(note)

    def _log_row(self) -> QHBoxLayout:
        self.log_path = QLabel(str(log_dir() / LOG_FILE_NAME))
        self.log_path.setTextFormat(Qt.TextFormat.PlainText)
        self.log_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_path.setWordWrap(True)
        self.log_path.setAccessibleName(self.tr("Log file"))
        self.open_log = QPushButton(self.tr("Open folder"))
        self.open_log.setAccessibleName(self.tr("Open the log folder"))
        self.open_log.setAutoDefault(False)
        self.open_log.clicked.connect(self._on_open_log_clicked)
        row = QHBoxLayout()
        row.addWidget(self.log_path, 1)
        row.addWidget(self.open_log)
        return row

    def _on_open_log_clicked(self) -> None:
        folder = log_dir()
        if not open_log_folder(folder):
            self._show_error(
                self.tr("The log folder could not be opened. It is {path}").format(path=folder)
            )

    # -- client ids ------------------------------------------------------------------------------
    def add_client_id(self, issuer: str, client_id: str) -> None:
        """Append a row to the client id table."""
        row = self.client_ids.rowCount()
        self.client_ids.insertRow(row)
        self.client_ids.setItem(row, 0, QTableWidgetItem(issuer))
        self.client_ids.setItem(row, 1, QTableWidgetItem(client_id))
        self.client_ids.setCurrentCell(row, 0)

    def _on_remove_clicked(self) -> None:
        row = self.client_ids.currentRow()
        if row >= 0:
            self.client_ids.removeRow(row)

    def _table_client_ids(self) -> dict[str, str] | str:
        result: dict[str, str] = {}
        for row in range(self.client_ids.rowCount()):
            cells = [self.client_ids.item(row, c) for c in (0, 1)]
            issuer, client_id = ((i.text().strip() if i else "") for i in cells)
            if not client_id and issuer in ("", "https://"):
                continue  # an empty new row
            if not issuer.startswith(("https://", "http://")) or not client_id:
                return self.tr("Row {row}: enter an issuer URL and a client id.").format(
                    row=row + 1
                )
            result[issuer] = client_id
        return result

    # -- files -------------------------------------------------------------------------------------
    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Extra trusted CA certificates"), "", self.tr("PEM files (*.pem *.crt)")
        )
        if name:
            self.ca_file.setText(name)

    def _on_change_data_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Data location"), self.data_dir.text()
        )
        if name:
            self.data_dir.setText(name)

    # -- saving ------------------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def collect(self) -> Preferences | str:
        """The preferences entered, or a sentence saying what to fix."""
        ids = self._table_client_ids()
        if isinstance(ids, str):
            return ids
        ca = self.ca_file.text().strip()
        if ca:
            problem = check_ca_file(ca)
            if problem is not None:
                return self.tr("Trusted CA certificates: {problem}").format(problem=problem)
        try:
            proxy = self.proxy.value()
        except ValueError as exc:
            return str(exc)
        data = self.data_dir.text().strip()
        language = self.language.currentData()
        mode: Literal["scheme", "loopback"] = "loopback" if self.loopback.isChecked() else "scheme"
        # the link offer's answer is not on the form; the links section may have written it
        answered = load_preferences(self.path).handler_offer_answered
        return replace(
            self.prefs,  # other members this form does not show stay as they were
            handler_offer_answered=self.prefs.handler_offer_answered or answered,
            language=language if isinstance(language, str) else None,
            # the untouched default stays unset, so a later default change reaches the user
            redirect_mode=self.prefs.redirect_mode
            if mode == (self.prefs.redirect_mode or "scheme")
            else mode,
            client_ids=ids,
            signed_metadata=self.trust_page.chosen_policy(),
            profiles=self.profiles_page.kept(),
            allow_http_loopback=self.allow_http.isChecked(),
            extra_ca_file=ca or None,
            proxy=proxy,
            # an untouched field keeps the saved choice (the shown value may come from
            # WALLET_APP_DATA_DIR or --data-dir, which must not be pinned)
            data_dir=self.prefs.data_dir if data == self._shown_data_dir else data or None,
        )

    def save(self) -> None:
        """Validate and write the preferences; close on success."""
        prefs = self.collect()
        if isinstance(prefs, str):
            self._show_error(prefs)
            return
        try:
            save_preferences(self.path, prefs)
        except WalletError as exc:
            self._show_error(user_text(exc))
            return
        self.saved = prefs
        self.ctx.events.status_message.emit(self.tr("Settings saved."))
        self.accept()
