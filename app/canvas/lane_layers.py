"""The containers of one lane's items: its cards, the connectors that start at or below
its top, and their labels. Each container sits at the lane's top, so when a lane above
grows taller the lanes below move by moving three containers each, not every item."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from app.canvas.card_item import CARD_Z
from app.canvas.connector_item import CONNECTOR_Z, LABEL_Z
from app.canvas.qtenums import NO_PEN

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _container(scene: QGraphicsScene, z: float) -> QGraphicsRectItem:
    item = QGraphicsRectItem()
    item.setPen(NO_PEN)
    item.setFlag(_NO_CONTENTS, True)
    item.setZValue(z)
    scene.addItem(item)
    return item


class LaneLayers:
    """Three containers at one lane's top: its cards, the connectors whose highest point
    is in this lane, and their labels."""

    def __init__(self, scene: QGraphicsScene) -> None:
        # Not ItemContainsChildrenInShape: Qt would then never find the cards with a
        # rubber band that does not enclose the whole lane.
        self.cards = _container(scene, CARD_Z)
        self.connectors = _container(scene, CONNECTOR_Z)
        self.labels = _container(scene, LABEL_Z)
        self.top = 0.0

    def place(self, top: float, width: float, height: float) -> None:
        if top != self.top or self.cards.pos().y() != top:
            self.top = top
            for item in (self.cards, self.connectors, self.labels):
                item.setPos(0.0, top)
        band = QRectF(0.0, 0.0, width, height)
        if self.cards.rect() != band:
            self.cards.setRect(band)

    def remove(self, scene: QGraphicsScene) -> None:
        for item in (self.cards, self.connectors, self.labels):
            if item.scene() is scene:
                scene.removeItem(item)
