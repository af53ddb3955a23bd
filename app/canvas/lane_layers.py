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
_CONTAINS_CHILDREN = QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape
MARGIN = 10.0  # room for what cards draw just outside their box (marks, the handle)


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
        # The cards' container holds everything its cards draw (the lane's band), so Qt
        # skips them all when the band is out of sight and does not re-index each card
        # when the lane moves. Routes reach into the lanes below, so their containers
        # claim no area (a map-sized one would be redrawn with everything).
        self.cards = _container(scene, CARD_Z)
        self.cards.setFlag(_CONTAINS_CHILDREN, True)
        self.connectors = _container(scene, CONNECTOR_Z)
        self.labels = _container(scene, LABEL_Z)
        self.top = 0.0

    def place(self, top: float, width: float, height: float) -> None:
        """Put the containers at the lane's top."""
        if top != self.top or self.cards.pos().y() != top:
            self.top = top
            for item in (self.cards, self.connectors, self.labels):
                item.setPos(0.0, top)
        m = MARGIN
        band = QRectF(-m, -m, width + 2 * m, height + 2 * m)
        if self.cards.rect() != band:
            self.cards.setRect(band)

    def remove(self, scene: QGraphicsScene) -> None:
        for item in (self.cards, self.connectors, self.labels):
            if item.scene() is scene:
                scene.removeItem(item)
