"""The look of the app: Fusion style, a light or dark palette, and a small shared stylesheet.

The palette follows the system colour scheme (``QStyleHints.colorScheme()``); the environment
variable ``WALLET_APP_THEME=light|dark`` forces one (screenshots, demos on a projector).
Widgets mark their main action with the dynamic property ``primary`` (``button.setProperty(
"primary", True)``) and get the accent style from the stylesheet.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, cast

# no `Qt` namespace and no QPainter here: importing them makes PySide create ~100 enum types,
# 20 ms before the first paint (tests/benchmarks/bench_startup.py); the painting code imports them
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

__all__ = [
    "ACCENT",
    "BADGE_ROLES",
    "CONTRAST_PAIRS",
    "ROLES",
    "RoleName",
    "ThemeName",
    "apply_theme",
    "chosen_theme",
    "colour",
    "current_theme",
    "is_dark",
    "palette_for",
    "stylesheet",
]

ThemeName = Literal["light", "dark"]

#: Every colour the GUI paints with, by role (``colour("error_text")``). Widgets take colours
#: from here or from the palette, never from literals of their own, so the contrast test sees
#: them all. ``*_bg``/``*_fg`` pairs are a background and the text drawn on it.
RoleName = Literal[
    "accent",
    "accent_hover",
    "on_accent",
    "focus_ring",
    "indicator",
    "disabled_text",
    "disabled_button",
    "error_text",
    "success_text",
    "warning_text",
    "info_text",
    "badge_pending_bg",
    "badge_pending_fg",
    "badge_local_bg",
    "badge_local_fg",
    "badge_new_bg",
    "badge_new_fg",
    "badge_error_bg",
    "badge_error_fg",
    "badge_info_bg",
    "badge_info_fg",
    "badge_positive_bg",
    "badge_positive_fg",
    "badge_neutral_bg",
    "badge_neutral_fg",
    "badge_negative_bg",
    "badge_negative_fg",
    "card_text_on_light",
    "card_text_on_dark",
    "bar_info_bg",
    "bar_info_border",
    "bar_info_fg",
    "bar_positive_bg",
    "bar_positive_border",
    "bar_positive_fg",
    "bar_warning_bg",
    "bar_warning_border",
    "bar_warning_fg",
    "bar_error_bg",
    "bar_error_border",
    "bar_error_fg",
    "camera_backdrop",
    "camera_frame",
    "camera_viewfinder",
    "overlay",
    "overlay_text",
    "qr_background",
    "demo_stripe_1",
    "demo_stripe_2",
    "demo_stripe_3",
    "demo_stripe_4",
    "demo_stripe_5",
]

# Shared by both themes. Badges sit on card art and dialogs alike, so they are solid pills
# with the same colours in both themes (white on a dark fill: >= 4.5:1).
_SHARED: Mapping[RoleName, str] = {
    "badge_pending_bg": "#b45309",
    "badge_pending_fg": "#ffffff",
    "badge_local_bg": "#0f766e",
    "badge_local_fg": "#ffffff",
    "badge_new_bg": "#1d4ed8",
    "badge_new_fg": "#ffffff",
    "badge_error_bg": "#b91c1c",
    "badge_error_fg": "#ffffff",
    "badge_info_bg": "#4338ca",
    "badge_info_fg": "#ffffff",
    # issuer trust (gui.trust_badge): trusted, not in the trust list, invalid/revoked/suspended
    "badge_positive_bg": "#15803d",
    "badge_positive_fg": "#ffffff",
    "badge_neutral_bg": "#4b5563",
    "badge_neutral_fg": "#ffffff",
    "badge_negative_bg": "#b91c1c",
    "badge_negative_fg": "#ffffff",
    "card_text_on_light": "#111827",
    "card_text_on_dark": "#ffffff",
    "camera_backdrop": "#202124",
    "camera_frame": "#3daee9",
    "camera_viewfinder": "#ffffff",
    "overlay": "#000000",  # drawn with alpha over a screenshot
    "overlay_text": "#ffffff",
    "qr_background": "#ffffff",
    # the demo panel's scenario stripes (decoration beside the text, no text on them)
    "demo_stripe_1": "#1e3a8a",
    "demo_stripe_2": "#7c2d12",
    "demo_stripe_3": "#065f46",
    "demo_stripe_4": "#6d28d9",
    "demo_stripe_5": "#0e7490",
}

ROLES: Mapping[ThemeName, Mapping[RoleName, str]] = {
    "light": {
        "accent": "#4f46e5",
        "accent_hover": "#4338ca",
        "on_accent": "#ffffff",
        "focus_ring": "#1e1b4b",
        "indicator": "#6b7280",
        "disabled_text": "#5b6270",
        "disabled_button": "#e5e7eb",
        "error_text": "#b91c1c",
        "success_text": "#15803d",
        "warning_text": "#b45309",
        "info_text": "#1d4ed8",
        "bar_info_bg": "#eef2ff",
        "bar_info_border": "#c7d2fe",
        "bar_info_fg": "#1e1b4b",
        "bar_positive_bg": "#ecfdf3",
        "bar_positive_border": "#9be3b8",
        "bar_positive_fg": "#14532d",
        "bar_warning_bg": "#fff7e6",
        "bar_warning_border": "#f0c36d",
        "bar_warning_fg": "#5c3d00",
        "bar_error_bg": "#fef2f2",
        "bar_error_border": "#f5a9a9",
        "bar_error_fg": "#7f1d1d",
        **_SHARED,
    },
    "dark": {
        "accent": "#818cf8",
        "accent_hover": "#a5b4fc",
        "on_accent": "#0f1115",
        "focus_ring": "#e0e7ff",
        "indicator": "#9ca3af",
        "disabled_text": "#9ca3af",
        "disabled_button": "#30343c",
        "error_text": "#f87171",
        "success_text": "#4ade80",
        "warning_text": "#fbbf24",
        "info_text": "#93c5fd",
        "bar_info_bg": "#262a4d",
        "bar_info_border": "#434a8c",
        "bar_info_fg": "#e0e7ff",
        "bar_positive_bg": "#17301f",
        "bar_positive_border": "#2f6b43",
        "bar_positive_fg": "#c9f7d9",
        "bar_warning_bg": "#3a2e14",
        "bar_warning_border": "#8a6a1f",
        "bar_warning_fg": "#fde9b6",
        "bar_error_bg": "#3b1c1c",
        "bar_error_border": "#8a3434",
        "bar_error_fg": "#fecaca",
        **_SHARED,
    },
}

#: badge kinds and their (background, text) roles
BADGE_ROLES: Mapping[str, tuple[RoleName, RoleName]] = {
    kind: (cast(RoleName, f"badge_{kind}_bg"), cast(RoleName, f"badge_{kind}_fg"))
    for kind in ("pending", "local", "new", "error", "info", "positive", "neutral", "negative")
}

#: (text or boundary, background, minimum ratio) the contrast test checks besides the palette
#: and the stylesheet: texts 4.5:1 (WCAG AA), UI component boundaries 3:1
CONTRAST_PAIRS: tuple[tuple[RoleName, RoleName | QPalette.ColorRole, float], ...] = (
    *((fg, bg, 4.5) for bg, fg in BADGE_ROLES.values()),
    *(
        (text, background, 4.5)
        for text in ("error_text", "success_text", "warning_text", "info_text", "disabled_text")
        for background in (QPalette.ColorRole.Window, QPalette.ColorRole.Base)
    ),
    *(
        (cast(RoleName, f"bar_{kind}_fg"), cast(RoleName, f"bar_{kind}_bg"), 4.5)
        for kind in ("info", "positive", "warning", "error")
    ),
    ("on_accent", "accent", 4.5),
    ("on_accent", "accent_hover", 4.5),
    ("disabled_text", "disabled_button", 4.5),
    ("indicator", QPalette.ColorRole.Base, 3.0),
    ("indicator", QPalette.ColorRole.Window, 3.0),
    ("focus_ring", QPalette.ColorRole.Button, 3.0),
    ("focus_ring", QPalette.ColorRole.Window, 3.0),
    ("card_text_on_light", "qr_background", 4.5),
    ("camera_frame", "camera_backdrop", 3.0),
    ("camera_viewfinder", "camera_backdrop", 3.0),
    ("overlay_text", "overlay", 4.5),
)

#: accent colour of primary actions and selection, per theme
ACCENT: Mapping[ThemeName, str] = {t: ROLES[t]["accent"] for t in ("light", "dark")}

_R = QPalette.ColorRole
_G = QPalette.ColorGroup

_LIGHT: Mapping[QPalette.ColorRole, str] = {
    _R.Window: "#f4f5f8",
    _R.WindowText: "#111827",
    _R.Base: "#ffffff",
    _R.AlternateBase: "#f1f3f7",
    _R.ToolTipBase: "#111827",
    _R.ToolTipText: "#f9fafb",
    _R.PlaceholderText: "#5b6270",
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
    _R.PlaceholderText: "#9ca3af",
    _R.Text: "#e5e7eb",
    _R.Button: "#2a2d35",
    _R.ButtonText: "#e5e7eb",
    _R.BrightText: "#ffffff",
    _R.Highlight: "#5558e8",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#a5b4fc",
    _R.LinkVisited: "#c4b5fd",
    _R.Light: "#3a3e48",
    _R.Midlight: "#30343c",
    _R.Mid: "#3f444f",
    _R.Dark: "#0f1115",
    _R.Shadow: "#000000",
}

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
QPushButton:disabled {{ color: {disabled_text}; border-color: palette(midlight); }}
QPushButton[primary="true"] {{
    background: {accent};
    color: {on_accent};
    border: 1px solid {accent};
    font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {accent_hover}; border-color: {accent_hover}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid {focus_ring}; padding: 5px 13px; }}
QPushButton[primary="true"]:disabled {{
    background: {disabled_button}; color: {disabled_text}; border-color: palette(mid);
}}
QLineEdit, QPlainTextEdit, QTextEdit {{
    border: 1px solid palette(mid);
    border-radius: 6px;
    padding: 4px 6px;
    background: palette(base);
    selection-background-color: {accent};
    selection-color: {on_accent};
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
QProgressBar {{
    border: 0; border-radius: 3px; background: palette(midlight); text-align: center;
}}
QProgressBar::chunk {{ background: {accent}; border-radius: 3px; }}
"""
# The QProgressBar rules matter for busy bars (range 0,0): Fusion fills a thin busy bar from
# end to end and only its faint stripes move, so it looks frozen; with a styled chunk Qt
# slides a block of accent colour to and fro instead (tests/gui/test_gui_theme.py).


class _WalletStyle(QProxyStyle):
    """Fusion without icons on dialog buttons (they clashed with our plain buttons), check
    boxes with a frame that stands out from the background (3:1) in both themes, and every
    label plain text (see :meth:`polish`)."""

    def __init__(self, base: str, indicator: str) -> None:
        super().__init__(base)
        self._indicator = QColor(indicator)

    def polish(self, target: object) -> object:  # type: ignore[override]
        """Every QLabel is plain text when it is first shown: message boxes' and tooltips'
        labels too. The wallet shows no rich text, and issuer text (names, descriptions,
        error texts) that looks like HTML must show as the characters it is, never as
        markup or an image fetched from a URL."""
        if isinstance(target, QLabel):
            # the enum through the label: importing the Qt namespace costs start-up time
            target.setTextFormat(type(target.textFormat()).PlainText)
        return super().polish(target)  # type: ignore[call-overload]

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

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        ):
            # Fusion's frame is a shade of the window colour: nearly invisible in dark mode.
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QPainter

            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self._indicator)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


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


def current_theme(palette: QPalette | None = None) -> ThemeName:
    """The theme of ``palette`` (default: the application's). Raises nothing."""
    if palette is None:
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            return "light"
        palette = QGuiApplication.palette()
    return "dark" if is_dark(palette) else "light"


def colour(role: RoleName, theme: ThemeName | QPalette | None = None) -> str:
    """The colour (``#rrggbb``) of ``role`` in ``theme``: a theme name, the theme of a palette
    (a widget's ``palette()``), or None for the application's. Raises KeyError for an unknown
    role."""
    name = theme if isinstance(theme, str) else current_theme(theme)
    return ROLES[name][role]


def palette_for(theme: ThemeName) -> QPalette:
    """The app palette for ``theme`` (every group; disabled text greyed). Raises nothing."""
    palette = QPalette()
    for role, value in (_DARK if theme == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(value))
    grey = QColor(ROLES[theme]["disabled_text"])
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.HighlightedText):
        palette.setColor(_G.Disabled, role, grey)
    palette.setColor(_G.Disabled, _R.Highlight, QColor(ROLES[theme]["disabled_button"]))
    return palette


def is_dark(palette: QPalette) -> bool:
    """True when ``palette`` is dark (window darker than its text). Raises nothing."""
    window = palette.color(_R.Window).lightness()
    text = palette.color(_R.WindowText).lightness()
    return window < text


def stylesheet(theme: ThemeName) -> str:
    """The shared stylesheet for ``theme``. Raises nothing."""
    roles = ROLES[theme]
    return _STYLESHEET.format(
        accent=roles["accent"],
        accent_hover=roles["accent_hover"],
        on_accent=roles["on_accent"],
        focus_ring=roles["focus_ring"],
        indicator=roles["indicator"],
        disabled_text=roles["disabled_text"],
        disabled_button=roles["disabled_button"],
    )


def apply_theme(app: QApplication, theme: ThemeName | None = None) -> ThemeName:
    """Give ``app`` the Fusion style, the palette and the stylesheet; return the theme used.

    ``theme`` None: ``chosen_theme()``. Raises nothing.
    """
    chosen = theme or chosen_theme()
    app.setStyle(_WalletStyle("Fusion", ROLES[chosen]["indicator"]))
    app.setPalette(palette_for(chosen))
    app.setStyleSheet(stylesheet(chosen))
    return chosen
