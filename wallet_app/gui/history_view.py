"""Activity: what happened to the wallet, or to one credential, in plain language.

The entries come from :func:`wallet_app.wallet.history.load_activity` (read in a job); each
shows its localized date, an icon for its kind, the sentence in the UI language, and, when
the flow left a protocol trace, a button that opens it in the protocol inspector.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wallet_app.gui.card_text import local_date
from wallet_app.gui.context import GuiContext
from wallet_app.gui.messages import sentence_text, user_text
from wallet_app.wallet.history import ActivityEntry, ActivityKind, load_activity

__all__ = ["ActivityList", "HistoryDialog", "kind_label"]

_ICONS: dict[ActivityKind, QStyle.StandardPixmap] = {
    "received": QStyle.StandardPixmap.SP_DialogApplyButton,
    "completed": QStyle.StandardPixmap.SP_DialogApplyButton,
    "pending": QStyle.StandardPixmap.SP_BrowserReload,
    "notified": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "deleted": QStyle.StandardPixmap.SP_TrashIcon,
    "failed": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "cancelled": QStyle.StandardPixmap.SP_DialogCancelButton,
}


def kind_label(kind: ActivityKind) -> str:
    """The translated name of an activity kind (read with the entry by screen readers)."""
    labels = {
        "received": QCoreApplication.translate("HistoryDialog", "Received"),
        "completed": QCoreApplication.translate("HistoryDialog", "Completed later"),
        "pending": QCoreApplication.translate("HistoryDialog", "Pending"),
        "notified": QCoreApplication.translate("HistoryDialog", "Notification sent"),
        "deleted": QCoreApplication.translate("HistoryDialog", "Deleted"),
        "failed": QCoreApplication.translate("HistoryDialog", "Failed"),
        "cancelled": QCoreApplication.translate("HistoryDialog", "Cancelled"),
    }
    return labels[kind]


class _EntryRow(QFrame):
    """One entry: icon, date, sentence, and "Show in inspector" when there is a trace."""

    def __init__(self, ctx: GuiContext, entry: ActivityEntry, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.setObjectName("activityEntry")
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(_ICONS[entry.kind]).pixmap(size, size))
        icon.setAccessibleName(kind_label(entry.kind))
        when = local_date(entry.at, with_time=True) if entry.at else ""
        self.when_label = QLabel(when)
        self.when_label.setEnabled(False)  # muted text in every palette
        self.text_label = QLabel(sentence_text(entry.sentence))
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(f"{when}, {kind_label(entry.kind)}: {self.text_label.text()}")
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.when_label)
        text.addWidget(self.text_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self.inspect_button: QPushButton | None = None
        if entry.flow_id is not None:
            button = QPushButton(self.tr("Show in inspector"))
            button.setAccessibleName(
                self.tr("Show in inspector: {entry}").format(entry=self.text_label.text())
            )
            button.clicked.connect(self.open_flow)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.inspect_button = button

    def open_flow(self) -> QWidget | None:
        """Open the protocol inspector on this entry's flow; returns its window."""
        if self.entry.flow_id is None:
            return None
        from wallet_app.gui.inspector import InspectorWindow

        window = InspectorWindow(self.ctx, self.entry.flow_id, self.window())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window


class ActivityList(QWidget):
    """Entries, newest first, as rows (used by the dialog and by the details' Activity part)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[_EntryRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        self._layout.addWidget(self.status)
        self._layout.addStretch(1)

    def set_entries(self, entries: Sequence[ActivityEntry], empty_text: str) -> None:
        """Show ``entries`` (replacing what was shown)."""
        for row in self.rows:
            row.deleteLater()
        self.rows = [_EntryRow(self.ctx, entry, self) for entry in entries]
        for index, row in enumerate(self.rows):
            self._layout.insertWidget(index, row)
        self.status.setText(empty_text)
        self.status.setVisible(not self.rows)

    def set_error(self, text: str) -> None:
        """Say why the activity could not be read."""
        self.status.setText(text)
        self.status.setVisible(True)


class HistoryDialog(QDialog):
    """The activity of the wallet (``credential_id`` None) or of one credential."""

    def __init__(
        self, ctx: GuiContext, credential_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.credential_id = credential_id
        self.setWindowTitle(
            self.tr("Activity") if credential_id is None else self.tr("Card activity")
        )
        self.entries: list[ActivityEntry] = []
        self.list = ActivityList(ctx)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll
        intro = QLabel(
            self.tr("What happened in this wallet, newest first.")
            if credential_id is None
            else self.tr("What happened to this credential, newest first.")
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self.reload()

    def reload(self) -> None:
        """Read the activity again (in a job)."""
        store, credential_id = self.ctx.store, self.credential_id
        locales = tuple(self.ctx.settings.locales)

        self.ctx.jobs.run(
            lambda: load_activity(store, credential_id=credential_id, locales=locales),
            self._on_loaded,
            lambda exc: self.list.set_error(user_text(exc)),
            owner=self,
        )

    def _on_loaded(self, entries: list[ActivityEntry]) -> None:
        self.entries = entries
        self.list.set_entries(entries, self.tr("Nothing has happened yet."))
        first = next((row.inspect_button for row in self.list.rows if row.inspect_button), None)
        if first is not None and not self.focusWidget():
            first.setFocus()
