"""The trees of a credential's details dialog: its claims (groups, localized dates, image
claims as images) and its SD-JWT disclosures."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem

from wallet_app.formats import CredentialView, binary_claim
from wallet_app.gui.card_text import claim_text

__all__ = ["disclosures_tree", "fill_claims"]


def fill_claims(tree: QTreeWidget, rows: object) -> dict[str, QLabel]:
    """Nested objects and arrays of objects as groups with a header row; dates in the
    locale; an image claim as the image (P6, P13, P16); full paths as tooltips. Returns the
    image claims' labels by claim path."""
    parents: list[QTreeWidgetItem] = []
    images: dict[str, QLabel] = {}
    for row in rows if isinstance(rows, Sequence) else []:
        if not isinstance(row, Mapping):
            continue
        depth = row.get("depth")
        depth = depth if isinstance(depth, int) else 0
        del parents[depth:]
        value = row.get("value")
        group = value is None
        item = QTreeWidgetItem([str(row.get("label", "")), "" if group else claim_text(value)])
        path = row.get("path")
        path_text = ".".join(str(p) for p in path) if isinstance(path, list) else ""
        item.setToolTip(0, f"{item.text(0)}\n{path_text}" if path_text else item.text(0))
        item.setToolTip(1, item.text(1))
        if group:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        if parents:
            parents[-1].addChild(item)
        else:
            tree.addTopLevelItem(item)
        if group:
            item.setFirstColumnSpanned(True)
        _claim_image(tree, images, item, value, path_text)
        parents.append(item)
    tree.expandAll()
    tree.resizeColumnToContents(0)
    return images


def _claim_image(
    tree: QTreeWidget, images: dict[str, QLabel], item: QTreeWidgetItem, value: object, path: str
) -> None:
    binary = binary_claim(value)
    image = QImage.fromData(binary.data) if binary is not None and binary.is_image else None
    if image is None or image.isNull():
        return
    label = QLabel()
    label.setPixmap(
        QPixmap.fromImage(
            image.scaled(
                96,
                120,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
    )
    label.setAccessibleName(item.text(0))
    label.setToolTip(item.text(1))
    item.setText(1, "")
    tree.setItemWidget(item, 1, label)
    images[path] = label


def disclosures_tree(view: CredentialView) -> QTreeWidget:
    """The SD-JWT disclosures of ``view``: name, value, salt and digest."""
    tree = QTreeWidget()
    tree.setAccessibleName(QCoreApplication.translate("CredentialDetailsDialog", "Disclosures"))
    tree.setHeaderLabels(
        [
            QCoreApplication.translate("CredentialDetailsDialog", "Name"),
            QCoreApplication.translate("CredentialDetailsDialog", "Value"),
            QCoreApplication.translate("CredentialDetailsDialog", "Salt"),
            QCoreApplication.translate("CredentialDetailsDialog", "Digest"),
        ]
    )
    for d in view.disclosures:
        tree.addTopLevelItem(
            QTreeWidgetItem(
                [
                    d.name
                    if d.name is not None
                    else QCoreApplication.translate("CredentialDetailsDialog", "(array element)"),
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
