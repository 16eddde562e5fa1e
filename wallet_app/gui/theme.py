"""The look of the app: Fusion style, a light or dark palette, and a small shared stylesheet.

The palette follows the system colour scheme (``QStyleHints.colorScheme()``); the environment
variable ``WALLET_APP_THEME=light|dark`` forces one (screenshots, demos on a projector).
Widgets mark their main action with the dynamic property ``primary`` (``button.setProperty(
"primary", True)``) and get the accent style from the stylesheet.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

__all__ = [
    "ACCENT",
    "ThemeName",
    "apply_theme",
    "chosen_theme",
    "is_dark",
    "palette_for",
    "stylesheet",
]

ThemeName = Literal["light", "dark"]

#: accent colour of primary actions and selection, per theme
ACCENT: Mapping[ThemeName, str] = {"light": "#4f46e5", "dark": "#818cf8"}

_R = QPalette.ColorRole
_G = QPalette.ColorGroup

_LIGHT: Mapping[QPalette.ColorRole, str] = {
    _R.Window: "#f4f5f8",
    _R.WindowText: "#111827",
    _R.Base: "#ffffff",
    _R.AlternateBase: "#f1f3f7",
    _R.ToolTipBase: "#111827",
    _R.ToolTipText: "#f9fafb",
    _R.PlaceholderText: "#6b7280",
    _R.Text: "#111827",
    _R.Button: "#ffffff",
    _R.ButtonText: "#111827",
    _R.BrightText: "#ffffff",
    _R.Highlight: "#4f46e5",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#4338ca",
    _R.LinkVisited: "#6d28d9",
    _R.Light: "#ffffff",
    _R.Midlight: "#e5e7eb",
    _R.Mid: "#c7cbd3",
    _R.Dark: "#9ca3af",
    _R.Shadow: "#6b7280",
}

_DARK: Mapping[QPalette.ColorRole, str] = {
    _R.Window: "#1c1e24",
    _R.WindowText: "#e5e7eb",
    _R.Base: "#15171c",
    _R.AlternateBase: "#22252c",
    _R.ToolTipBase: "#f3f4f6",
    _R.ToolTipText: "#111827",
    _R.PlaceholderText: "#8b93a1",
    _R.Text: "#e5e7eb",
    _R.Button: "#2a2d35",
    _R.ButtonText: "#e5e7eb",
    _R.BrightText: "#ffffff",
    _R.Highlight: "#6366f1",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#a5b4fc",
    _R.LinkVisited: "#c4b5fd",
    _R.Light: "#3a3e48",
    _R.Midlight: "#30343c",
    _R.Mid: "#3f444f",
    _R.Dark: "#0f1115",
    _R.Shadow: "#000000",
}

_DISABLED_TEXT: Mapping[ThemeName, str] = {"light": "#9ca3af", "dark": "#6b7280"}

_STYLESHEET = """
QPushButton, QToolButton[popupMode="1"] {{
    border: 1px solid palette(mid);
    border-radius: 7px;
    padding: 6px 14px;
    background: palette(button);
    min-height: 18px;
}}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:focus {{ border: 2px solid {accent}; padding: 5px 13px; }}
QPushButton:pressed {{ background: palette(midlight); }}
QPushButton:disabled {{ color: palette(placeholder-text); border-color: palette(midlight); }}
QPushButton[primary="true"] {{
    background: {accent};
    color: {on_accent};
    border: 1px solid {accent};
    font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {accent_hover}; border-color: {accent_hover}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid {focus_ring}; padding: 5px 13px; }}
QPushButton[primary="true"]:disabled {{
    background: palette(midlight); color: palette(placeholder-text); border-color: palette(mid);
}}
QLineEdit, QPlainTextEdit, QTextEdit {{
    border: 1px solid palette(mid);
    border-radius: 6px;
    padding: 4px 6px;
    background: palette(base);
    selection-background-color: {accent};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 1px solid {accent};
}}
QGroupBox {{ border: 1px solid palette(midlight); border-radius: 8px; margin-top: 14px;
    padding: 10px 8px 8px 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid palette(midlight); border-radius: 6px; top: -1px; }}
QToolTip {{ border: 0; padding: 4px 6px; }}
QDockWidget::title {{ padding: 6px 8px; font-weight: 600; }}
QRadioButton::indicator {{
    width: 12px; height: 12px; border-radius: 8px;
    border: 2px solid {indicator}; background: palette(base);
}}
QRadioButton::indicator:checked {{
    border: 2px solid {accent};
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {accent}, stop: 0.55 {accent}, stop: 0.65 palette(base));
}}
QRadioButton::indicator:focus {{ border-color: {focus_ring}; }}
"""


class _WalletStyle(QProxyStyle):
    """Fusion without icons on dialog buttons (they clashed with our plain buttons)."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def chosen_theme(env: Mapping[str, str] | None = None) -> ThemeName:
    """``light`` or ``dark``: ``WALLET_APP_THEME`` when set, else the system colour scheme.

    Raises nothing (an unknown value of the variable is ignored).
    """
    forced = (os.environ if env is None else env).get("WALLET_APP_THEME", "").strip().lower()
    if forced in ("light", "dark"):
        return "dark" if forced == "dark" else "light"
    # The platform theme's own palette says whether the desktop is dark. (Asking
    # styleHints().colorScheme() instead would create PySide's whole Qt enum namespace,
    # ~20 ms, before the first window is painted.)
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        return "dark" if window.lightness() < 128 else "light"
    return "light"


def palette_for(theme: ThemeName) -> QPalette:
    """The app palette for ``theme`` (every group; disabled text greyed). Raises nothing."""
    palette = QPalette()
    for role, colour in (_DARK if theme == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    grey = QColor(_DISABLED_TEXT[theme])
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.HighlightedText):
        palette.setColor(_G.Disabled, role, grey)
    palette.setColor(
        _G.Disabled, _R.Highlight, QColor(_LIGHT[_R.Mid] if theme == "light" else "#3f444f")
    )
    return palette


def is_dark(palette: QPalette) -> bool:
    """True when ``palette`` is dark (window darker than its text). Raises nothing."""
    window = palette.color(_R.Window).lightness()
    text = palette.color(_R.WindowText).lightness()
    return window < text


def stylesheet(theme: ThemeName) -> str:
    """The shared stylesheet for ``theme``. Raises nothing."""
    accent = ACCENT[theme]
    return _STYLESHEET.format(
        accent=accent,
        accent_hover="#4338ca" if theme == "light" else "#a5b4fc",
        on_accent="#ffffff" if theme == "light" else "#0f1115",
        focus_ring="#1e1b4b" if theme == "light" else "#e0e7ff",
        indicator="#6b7280" if theme == "light" else "#9ca3af",
    )


def apply_theme(app: QApplication, theme: ThemeName | None = None) -> ThemeName:
    """Give ``app`` the Fusion style, the palette and the stylesheet; return the theme used.

    ``theme`` None: ``chosen_theme()``. Raises nothing.
    """
    chosen = theme or chosen_theme()
    app.setStyle(_WalletStyle("Fusion"))
    app.setPalette(palette_for(chosen))
    app.setStyleSheet(stylesheet(chosen))
    return chosen
