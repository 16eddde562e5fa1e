"""The settings dialog's proxy row: the system's proxy, none, or one the person names.

It says what "the system's proxy" is right now (the environment's or the OS's, or none), so
a person behind a company proxy sees whether the wallet found it. A password is not accepted
here: the preferences file is plain JSON, so a proxy that needs one is set in the environment
(``HTTPS_PROXY``), where the person's other tools read it too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from wallet_app.host.proxy import UnusableProxy, plan_proxies
from wallet_app.proxy_choice import parse_proxy_setting, redact_proxy

__all__ = ["ProxyRow"]


class ProxyRow(QWidget):
    """A choice (system / none / manual) and the manual proxy's address."""

    def __init__(
        self,
        saved: str | None,
        *,
        env: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._env: Mapping[str, str] = os.environ if env is None else env
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Proxy"))
        self.choice.addItem(self.tr("The system's proxy"), "system")
        self.choice.addItem(self.tr("No proxy"), "none")
        self.choice.addItem(self.tr("This proxy:"), "manual")
        self.address = QLineEdit()
        self.address.setAccessibleName(self.tr("Proxy address"))
        self.address.setPlaceholderText("http://proxy.example:8080")
        value = saved or "system"
        if value in ("system", "none"):
            self.choice.setCurrentIndex(self.choice.findData(value))
        else:
            self.choice.setCurrentIndex(self.choice.findData("manual"))
            self.address.setText(value)
        self.found = QLabel()
        self.found.setObjectName("proxy_found")
        self.found.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice)
        row.addWidget(self.address, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.found)
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self._on_choice_changed()

    def _on_choice_changed(self) -> None:
        manual = self.choice.currentData() == "manual"
        self.address.setEnabled(manual)
        self.found.setVisible(self.choice.currentData() == "system")
        self.found.setText(self._system_text())

    def _system_text(self) -> str:
        """What the system's proxy is for https right now, in one sentence."""
        plan = plan_proxies("system", self._env)
        chosen = plan.proxies.get("https")
        if chosen is None:
            return self.tr("No system proxy is set: the wallet connects directly.")
        shown = chosen.address if isinstance(chosen, UnusableProxy) else redact_proxy(chosen)
        if plan.source == "os":
            text = self.tr("Found in the system settings: {proxy}")
        else:
            text = self.tr("Found in the environment: {proxy}")
        text = text.format(proxy=shown)
        if isinstance(chosen, UnusableProxy):
            text += " " + self.tr("(the wallet cannot use it: only http:// proxies are supported)")
        return text

    def value(self) -> str | None:
        """The setting to save: None for the system's proxy (the default), ``none`` or a URL.

        Raises ValueError with a sentence to show when the address is not a usable proxy.
        """
        data = self.choice.currentData()
        if data == "system":
            return None
        if data == "none":
            return "none"
        text = self.address.text().strip()
        if not text:
            raise ValueError(self.tr("Enter the proxy's address, such as http://proxy:8080."))
        if "@" in urlsplit(text if "://" in text else f"http://{text}").netloc:
            raise ValueError(
                self.tr(
                    "A proxy password is not saved in the settings. Set HTTPS_PROXY in the "
                    "environment instead, or use a proxy without a password."
                )
            )
        try:
            return parse_proxy_setting(text)
        except ValueError as exc:
            raise ValueError(
                self.tr(
                    "The proxy address cannot be used. Enter http://host:port (SOCKS "
                    "proxies are not supported)."
                )
            ) from exc
