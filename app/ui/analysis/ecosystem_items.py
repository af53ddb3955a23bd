"""The items of the ecosystem map's scene: a node (dragged by the user when the project
can be edited), an edge that follows its two nodes, and the sheet (title, legend, column
titles). They draw with the PNG export's painting (app.export.ecosystem_image) and know
nothing of the model: the scene turns a finished drag into a command."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.analysis.ecosystem import EcosystemNode
from app.analysis.ecosystem_layout import NODE_HEIGHT, NODE_WIDTH, Point
from app.export.ecosystem_drawing import Segment, Sheet, label_lines
from app.export.ecosystem_image import edge_path, edge_pen, node_shape, paint_node, paint_sheet

# The route of the edge between two nodes (by key), as they stand now.
Router = Callable[[str, str], list[Segment]]

NODE_Z, LIT_EDGE_Z, EDGE_Z, SHEET_Z = 3.0, 2.0, 1.0, 0.0
LIT_WIDTH = 2.5
SELECTION_MARGIN = 3.0
# What a node's edges follow: its moves, and its selection (they are lit while selected).
FOLLOWED_CHANGES = (
    QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged,
    QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged,
)


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows it as written: Qt would render a tooltip that looks
    like markup ("<b>Files</b>"), so such text goes in escaped."""
    if not QtGui.Qt.mightBeRichText(text):  # in QtGui, not QtCore's Qt
        return text
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


class NodeItem(QGraphicsItem):
    """One node, centred on its position; its edges are told when it moves."""

    def __init__(self, node: EcosystemNode, centre: Point, *, movable: bool) -> None:
        super().__init__()
        self.node = node
        self.key = node.key
        self.lines = label_lines(node.label)
        self.edges: list[EdgeItem] = []
        self.setPos(*centre)
        self.setZValue(NODE_Z)
        self.setToolTip(plain_tip(node.detail))
        flags = (
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        if movable:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setFlags(flags)
        self.setAcceptHoverEvents(True)

    @property
    def centre(self) -> Point:
        return (self.pos().x(), self.pos().y())

    def boundingRect(self) -> QRectF:
        margin = SELECTION_MARGIN
        return QRectF(
            -NODE_WIDTH / 2 - margin,
            -NODE_HEIGHT / 2 - margin,
            NODE_WIDTH + 2 * margin,
            NODE_HEIGHT + 2 * margin,
        )

    def shape(self) -> QPainterPath:
        return node_shape(self.node.layer)

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        paint_node(painter, self.node.layer, self.lines, selected=self.isSelected())

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change in FOLLOWED_CHANGES:
            for edge in self.edges:
                edge.follow()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        for edge in self.edges:
            edge.set_highlighted(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        for edge in self.edges:
            edge.set_highlighted(False)
        super().hoverLeaveEvent(event)


class EdgeItem(QGraphicsPathItem):
    """A curve between two nodes, as thick as the number of cards and connectors behind it;
    highlighted while the pointer is on one of its nodes or one of them is selected."""

    def __init__(
        self, source: NodeItem, target: NodeItem, width: float, words: str, router: Router
    ) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.router = router
        self.width = width
        self.hovered = False
        self.setZValue(EDGE_Z)
        self.setToolTip(plain_tip(words))
        source.edges.append(self)
        target.edges.append(self)
        self.follow()

    def follow(self) -> None:
        self.setPath(edge_path(self.router(self.source.key, self.target.key)))
        lit = self.hovered or self.source.isSelected() or self.target.isSelected()
        # Lit: over the other edges, and thick enough to follow across the map.
        self.setPen(edge_pen(max(self.width, LIT_WIDTH) if lit else self.width, lit))
        self.setZValue(LIT_EDGE_Z if lit else EDGE_Z)

    def set_highlighted(self, on: bool) -> None:
        self.hovered = on
        self.follow()

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.width, 6.0))  # easy to point at, for its tooltip
        return stroker.createStroke(self.path())


class SheetItem(QGraphicsItem):
    """The title, the legend and the column titles."""

    def __init__(self, drawn: Sheet) -> None:
        super().__init__()
        self.drawn = drawn
        self.setZValue(SHEET_Z)
        left, top, right, bottom = drawn.bounds
        self._rect = QRectF(left, top, right - left, bottom - top)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        paint_sheet(painter, self.drawn)
