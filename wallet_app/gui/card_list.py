"""The main window's list of credential cards: an icon-mode list view laid out as a grid of
cards, drawn by the card delegate. Its texts keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QSize
from PySide6.QtWidgets import QAbstractItemView, QListView

from wallet_app.gui.card_delegate import CardDelegate
from wallet_app.gui.card_layout import CARD_SIZE

if TYPE_CHECKING:
    from wallet_app.gui.images import ImageCache

__all__ = ["card_list_view"]


def card_list_view(images: ImageCache, model: QAbstractItemModel) -> QListView:
    """A list view showing ``model``'s credentials as cards in a grid, one selected at a time."""
    view = QListView()
    view.setObjectName("credentialList")
    view.setAccessibleName(QCoreApplication.translate("MainWindow", "Credentials"))
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setWrapping(True)
    view.setUniformItemSizes(True)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(500)
    view.setGridSize(CARD_SIZE + QSize(20, 20))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalScrollBar().setSingleStep(24)
    view.setFrameShape(QListView.Shape.NoFrame)
    view.setItemDelegate(CardDelegate(images, view))
    view.setModel(model)
    return view
