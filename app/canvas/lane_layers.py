"""The containers of one lane's items: its cards, the connectors that start at or below
its top, and their labels. Each container sits at the lane's top, so when a lane above
grows taller the lanes below move by moving three containers each, not every item.

Inside each container the items are grouped in tiles of a few columns. A tile's
rectangle holds everything its items draw, so Qt skips a tile out of sight without
looking at its items: the scene needs no spatial index (which would have to re-index
every item of a lane that moved).
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from app.canvas.card_item import CARD_Z
from app.canvas.connector_item import CONNECTOR_Z, LABEL_Z
from app.canvas.qtenums import NO_PEN

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_CONTAINS_CHILDREN = QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape
MARGIN = 10.0  # room for what cards draw just outside their box (marks, the handle)
BLOCK = 24  # columns per tile


def _item(parent: QGraphicsItem | None, z: float = 0.0) -> QGraphicsRectItem:
    item = QGraphicsRectItem(parent)
    item.setPen(NO_PEN)
    item.setFlag(_NO_CONTENTS, True)
    item.setZValue(z)
    return item


def _tile(parent: QGraphicsItem, rect: QRectF) -> QGraphicsRectItem:
    tile = _item(parent)
    tile.setFlag(_CONTAINS_CHILDREN, True)
    tile.setRect(rect)
    return tile


class LaneLayers:
    """Three containers at one lane's top: its cards, the connectors whose highest point
    is in this lane, and their labels, each in tiles of BLOCK columns."""

    def __init__(self, scene: QGraphicsScene, columns: list[float]) -> None:
        self.cards = _item(None, CARD_Z)
        self.connectors = _item(None, CONNECTOR_Z)
        self.labels = _item(None, LABEL_Z)
        for container in (self.cards, self.connectors, self.labels):
            scene.addItem(container)
        self.columns = columns  # the scene's column edges, shared
        self.top = 0.0
        self.height = 0.0
        self._card_tiles: dict[int, QGraphicsRectItem] = {}
        self._link_tiles: dict[int, QGraphicsRectItem] = {}
        self._label_tiles: dict[int, QGraphicsRectItem] = {}

    def place(self, top: float, height: float) -> None:
        """Put the containers at the lane's top; card tiles take the lane's height."""
        if top != self.top or self.cards.pos().y() != top:
            self.top = top
            for item in (self.cards, self.connectors, self.labels):
                item.setPos(0.0, top)
        if height != self.height:
            self.height = height
            for block, tile in self._card_tiles.items():
                tile.setRect(self._card_tile_rect(block))

    def block_of(self, x: float) -> int:
        return max(0, bisect_right(self.columns, x) - 1) // BLOCK

    def card_tile(self, x: float) -> QGraphicsRectItem:
        """The tile for a card whose left edge is at ``x``."""
        block = self.block_of(x)
        tile = self._card_tiles.get(block)
        if tile is None:
            tile = self._card_tiles[block] = _tile(self.cards, self._card_tile_rect(block))
        return tile

    def link_tiles(self, x: float) -> tuple[QGraphicsRectItem, QGraphicsRectItem]:
        """The tiles for a route whose leftmost point is at ``x``, and for its label."""
        block = self.block_of(x)
        link = self._link_tiles.get(block)
        if link is None:
            link = self._link_tiles[block] = _tile(self.connectors, QRectF())
            self._label_tiles[block] = _tile(self.labels, QRectF())
        return link, self._label_tiles[block]

    @staticmethod
    def hold(tile: QGraphicsItem, item: QGraphicsItem) -> None:
        """Grow ``tile`` to hold everything ``item`` (one of its children) draws."""
        area = item.mapRectToParent(item.boundingRect())
        rect = tile.rect()
        if not rect.contains(area):
            tile.setRect(area if rect.isEmpty() else rect.united(area))

    def columns_changed(self) -> None:
        """Steps were added, removed or moved: the card tiles span other columns now."""
        for block, tile in self._card_tiles.items():
            tile.setRect(self._card_tile_rect(block))

    def _card_tile_rect(self, block: int) -> QRectF:
        columns, m = self.columns, MARGIN
        if not columns:
            return QRectF()
        first = min(block * BLOCK, len(columns) - 1)
        last = min((block + 1) * BLOCK, len(columns) - 1)
        width = columns[last] - columns[first]
        return QRectF(columns[first] - m, -m, width + 2 * m, self.height + 2 * m)

    def remove(self, scene: QGraphicsScene) -> None:
        for item in (self.cards, self.connectors, self.labels):
            if item.scene() is scene:
                scene.removeItem(item)


class Tiles:
    """Items placed by their left edge in tiles of BLOCK columns, under one container
    (the header rows' items: thousands of steps on a long journey)."""

    def __init__(self, scene: QGraphicsScene, columns: list[float], z: float) -> None:
        self.container = _item(None, z)
        scene.addItem(self.container)
        self.columns = columns
        self._tiles: dict[int, QGraphicsRectItem] = {}

    def put(self, item: QGraphicsItem, x: float) -> None:
        block = max(0, bisect_right(self.columns, x) - 1) // BLOCK
        tile = self._tiles.get(block)
        if tile is None:
            tile = self._tiles[block] = _tile(self.container, QRectF())
        if item.parentItem() is not tile:
            item.setParentItem(tile)
        LaneLayers.hold(tile, item)
