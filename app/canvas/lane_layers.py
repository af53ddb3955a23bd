"""The containers of one lane's items: its cards, the connectors that start at or below
its top, and their labels. Each container sits at the lane's top, so when a lane above
grows taller the lanes below move by moving three containers each, not every item.

Inside each container the items are grouped in tiles of a few columns, and the tiles in
groups. A tile's or a group's rectangle holds everything its items draw, so Qt skips a
group or a tile out of sight without looking inside: the scene needs no spatial index
(which would have to re-index every item of a lane that moved), and a frame looks at a
few dozen tiles however long the journey.
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
BLOCK = 16  # columns per tile
GROUP = 12  # tiles per group


def _item(parent: QGraphicsItem | None, z: float = 0.0) -> QGraphicsRectItem:
    item = QGraphicsRectItem(parent)
    item.setPen(NO_PEN)
    item.setFlag(_NO_CONTENTS, True)
    item.setZValue(z)
    return item


class TileGrid:
    """Items placed by their left edge in tiles of BLOCK columns, in groups of GROUP
    tiles, under ``container``. With a ``height``, tiles span the columns and that height
    (a lane's cards); without, they grow to hold what is put in them (routes, labels,
    headers)."""

    def __init__(
        self, container: QGraphicsItem, columns: list[float], height: float | None = None
    ) -> None:
        self.container = container
        self.columns = columns  # the scene's column edges, shared
        self.height = height
        self._tiles: dict[int, QGraphicsRectItem] = {}
        self._groups: dict[int, QGraphicsRectItem] = {}
        self.deferred = False  # while True, hold() waits for fit() (building many items)

    def tile(self, x: float) -> QGraphicsRectItem:
        """The tile for an item whose left edge is at ``x``."""
        block = max(0, bisect_right(self.columns, x) - 1) // BLOCK
        tile = self._tiles.get(block)
        if tile is None:
            group = self._groups.get(block // GROUP)
            if group is None:
                group = self._groups[block // GROUP] = self._new(self.container)
                if self.height is not None:
                    group.setRect(self._span(block // GROUP * GROUP, GROUP))
            tile = self._tiles[block] = self._new(group)
            if self.height is not None:
                tile.setRect(self._span(block, 1))
        return tile

    def put(self, item: QGraphicsItem, x: float) -> None:
        """Put ``item`` in the tile for ``x`` and make the tile hold it."""
        tile = self.tile(x)
        if item.parentItem() is not tile:
            item.setParentItem(tile)
        self.hold(tile, item)

    def hold(self, tile: QGraphicsItem, item: QGraphicsItem) -> None:
        """Grow ``tile`` (and its group) to hold everything ``item`` draws."""
        if self.height is not None or self.deferred:
            return  # fixed tiles hold their lane's band, where cards stay
        area = item.mapRectToParent(item.boundingRect())
        for box in (tile, tile.parentItem()):
            rect = box.rect()
            if rect.contains(area):
                return
            box.setRect(area if rect.isEmpty() else rect.united(area))
            area = box.mapRectToParent(box.rect())

    def fit(self) -> None:
        """Make every growing tile and group hold its items (after building many)."""
        self.deferred = False
        if self.height is not None:
            return
        for tile in self._tiles.values():
            tile.setRect(tile.childrenBoundingRect())
        for group in self._groups.values():
            group.setRect(group.childrenBoundingRect())

    def set_height(self, height: float) -> None:
        if height != self.height:
            self.height = height
            self.columns_changed()

    def columns_changed(self) -> None:
        """Steps were added, removed or moved (or the lane's height changed)."""
        if self.height is None:
            return
        for block, tile in self._tiles.items():
            tile.setRect(self._span(block, 1))
        for group_index, group in self._groups.items():
            group.setRect(self._span(group_index * GROUP, GROUP))

    def _new(self, parent: QGraphicsItem) -> QGraphicsRectItem:
        # A box with "contents" (an empty rectangle: no pen, no brush): Qt skips the
        # children of an item out of sight only when the item itself would be drawn.
        box = QGraphicsRectItem(parent)
        box.setPen(NO_PEN)
        box.setFlag(_CONTAINS_CHILDREN, True)
        return box

    def _span(self, first_block: int, blocks: int) -> QRectF:
        columns, m = self.columns, MARGIN
        if not columns or self.height is None:
            return QRectF()
        first = min(first_block * BLOCK, len(columns) - 1)
        last = min((first_block + blocks) * BLOCK, len(columns) - 1)
        width = columns[last] - columns[first]
        return QRectF(columns[first] - m, -m, width + 2 * m, self.height + 2 * m)


class LaneLayers:
    """Three containers at one lane's top: its cards, the connectors whose highest point
    is in this lane, and their labels, each in a TileGrid."""

    def __init__(self, scene: QGraphicsScene, columns: list[float]) -> None:
        self.containers = [_item(None, z) for z in (CARD_Z, CONNECTOR_Z, LABEL_Z)]
        for container in self.containers:
            scene.addItem(container)
        cards, links, labels = self.containers
        self.cards = TileGrid(cards, columns, 0.0)
        self.links = TileGrid(links, columns)
        self.labels = TileGrid(labels, columns)
        self.top = 0.0

    @property
    def grids(self) -> tuple[TileGrid, TileGrid, TileGrid]:
        return (self.cards, self.links, self.labels)

    def place(self, top: float, height: float) -> None:
        """Put the containers at the lane's top; card tiles take the lane's height."""
        if top != self.top or self.containers[0].pos().y() != top:
            self.top = top
            for item in self.containers:
                item.setPos(0.0, top)
        self.cards.set_height(height)

    def remove(self, scene: QGraphicsScene) -> None:
        for item in self.containers:
            if item.scene() is scene:
                scene.removeItem(item)
