"""A connector: an orthogonal route with an arrowhead and an optional label on a white
ground. Flow is a solid grey line, data a dashed blue one, and a hand-off a heavier orange
line that starts from a ring (the baton passing from one party to the next)."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import palette
from app.canvas.lod import MIN_RENDER_PIXELS, level_of_detail
from app.canvas.qtenums import INVISIBLE_PEN, NO_BRUSH, NO_PEN
from app.canvas.text import READABLE_PIXELS, PreparedText, prepare, single_line, text_width
from app.layout.fonts import metrics
from app.layout.geometry import ConnectorGeometry, TextBlock
from app.layout.wrap import elide

CONNECTOR_Z = 2.0  # under cards, should a route have to cross one
LABEL_Z = 3.5  # labels over cards: a label must never hide under the card it sits next to
ARROW_LENGTH = 7.0
ARROW_HALF_WIDTH = 3.5
LABEL_SIZE = 7.5
LABEL_MAX_WIDTH = 130.0
LABEL_PAD = 3.0
RING_RADIUS = 2.6
# Every connector's bounds are at least this wide and tall, so the scene's minimum render
# size drops them all at one zoom (below HIDDEN_BELOW), short or long, not one by one.
MIN_SIDE = 24.0
HIDDEN_BELOW = MIN_RENDER_PIXELS / MIN_SIDE

_LABEL_BRUSH = QBrush(QColor("#ffffff"))
_BOUNDS_PEN = QPen(Qt.GlobalColor.transparent, 2 * (ARROW_HALF_WIDTH + 1.5))
_LABEL_BOX_PEN = INVISIBLE_PEN
_LABEL_PEN = QPen(QColor("#d5dbe3"), 0.6)


def connector_pen(kind: str) -> QPen:
    colour = palette.connector_colour(kind)
    if kind == "data":
        pen = QPen(colour, 1.2, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([4.0, 3.0])
    elif kind == "hand-off":
        pen = QPen(colour, 1.8)
    else:
        pen = QPen(colour, 1.2)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def arrowhead(points: tuple[tuple[float, float], ...]) -> tuple[QPolygonF, QPointF] | None:
    """The arrowhead at the route's end and where the line should stop under it."""
    if len(points) < 2:
        return None
    (ax, ay), (bx, by) = points[-2], points[-1]
    length = math.hypot(bx - ax, by - ay)
    if length < 1e-6:
        return None
    ux, uy = (bx - ax) / length, (by - ay) / length
    base = QPointF(bx - ux * ARROW_LENGTH, by - uy * ARROW_LENGTH)
    polygon = QPolygonF(
        [
            QPointF(bx, by),
            QPointF(base.x() - uy * ARROW_HALF_WIDTH, base.y() + ux * ARROW_HALF_WIDTH),
            QPointF(base.x() + uy * ARROW_HALF_WIDTH, base.y() - ux * ARROW_HALF_WIDTH),
        ]
    )
    stop = QPointF(bx - ux * ARROW_LENGTH * 0.6, by - uy * ARROW_LENGTH * 0.6)
    return polygon, stop


def ring_centre(points: tuple[tuple[float, float], ...]) -> QPointF:
    """Where a hand-off's ring sits: just outside the source card, on the first segment."""
    if not points:
        return QPointF()
    (ax, ay), (bx, by) = points[0], points[1] if len(points) > 1 else points[0]
    length = math.hypot(bx - ax, by - ay)
    if length < 1e-6:
        return QPointF(ax, ay)
    step = min(RING_RADIUS + 0.5, length / 2)
    return QPointF(ax + (bx - ax) / length * step, ay + (by - ay) / length * step)


def label_parts(geometry: ConnectorGeometry) -> tuple[QRectF, TextBlock] | None:
    """The label's white box and its line of text, centred where the layout says."""
    if not geometry.label or geometry.label_at is None:
        return None
    text = elide(geometry.label.replace("\n", " "), LABEL_MAX_WIDTH, LABEL_SIZE)
    if not text:
        return None
    cx, cy = geometry.label_at
    width = text_width(text, LABEL_SIZE)
    height = LABEL_SIZE * 1.3
    box = QRectF(cx - width / 2 - LABEL_PAD, cy - height / 2, width + 2 * LABEL_PAD, height)
    top = cy + 0.36 * LABEL_SIZE - metrics().ascent * LABEL_SIZE
    return box, single_line(text, cx - width / 2, top, LABEL_SIZE)


class ConnectorLabelItem(QGraphicsRectItem):
    """A connector's label on a white ground; a scene item of its own so that it can be
    stacked above the cards while its connector runs below them."""

    kind = "connector label"

    def __init__(self, connector: ConnectorItem, box: QRectF, block: TextBlock) -> None:
        super().__init__(box)
        self.connector = connector
        self.setZValue(LABEL_Z)
        self.setPen(_LABEL_BOX_PEN)
        self._block = block
        self._text: PreparedText | None = None

    def set_label(self, box: QRectF, block: TextBlock) -> None:
        """Move or re-word the label in place (adding items to a big scene is costly)."""
        if box != self.rect():
            self.setRect(box)
        if block != self._block:
            self._block, self._text = block, None
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = level_of_detail(painter)
        if self._block.size * lod < READABLE_PIXELS:
            return
        if self._text is None:
            self._text = prepare(self._block)
        painter.setPen(_LABEL_PEN)
        painter.setBrush(_LABEL_BRUSH)
        painter.drawRoundedRect(self.rect(), 2.0, 2.0)
        self._text.draw(painter, palette.CONNECTOR_LABEL_TEXT, lod)


class ConnectorItem(QGraphicsRectItem):
    """One connector. Its rectangle bounds the route (Qt keeps the bounds in C++); the
    line, arrowhead and hit shape are built the first time they are needed. Its label, if
    any, is ``label_item``, a child of ``label_layer`` (or of the scene, without one).
    Both live in containers at a lane's top, and their geometry is relative to it."""

    kind = "connector"

    def __init__(
        self,
        geometry: ConnectorGeometry,
        parent: QGraphicsItem | None = None,
        label_layer: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.label_layer = label_layer
        self.setZValue(CONNECTOR_Z)
        # The arrowhead and the ring stick out by at most ARROW_HALF_WIDTH + 1; this pen
        # (transparent, never drawn) widens the bounds to take that in.
        self.setPen(_BOUNDS_PEN)
        self.geometry: ConnectorGeometry | None = None
        self.label_item: ConnectorLabelItem | None = None
        self.set_geometry(geometry)

    @property
    def connector_id(self) -> str:
        return self.geometry.id

    def placed_geometry(self) -> ConnectorGeometry:
        """The route this item draws, in map coordinates."""
        dy = self.scenePos().y()
        label_at = self.geometry.label_at
        return replace(
            self.geometry,
            points=tuple((x, y + dy) for x, y in self.geometry.points),
            label_at=None if label_at is None else (label_at[0], label_at[1] + dy),
        )

    def move_to_layers(self, parent: QGraphicsItem, label_layer: QGraphicsItem) -> None:
        """Go into another lane's containers (when the route's highest lane changed)."""
        if self.parentItem() is not parent:
            self.setParentItem(parent)
        self.label_layer = label_layer
        if self.label_item is not None and self.label_item.parentItem() is not label_layer:
            self.label_item.setParentItem(label_layer)

    def set_geometry(self, geometry: ConnectorGeometry) -> None:
        if geometry == self.geometry:
            return
        self.geometry = geometry
        xs = [x for x, _y in geometry.points] or [0.0]
        ys = [y for _x, y in geometry.points] or [0.0]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        grow_x = max(0.0, (MIN_SIDE - (right - left)) / 2)
        grow_y = max(0.0, (MIN_SIDE - (bottom - top)) / 2)
        width, height = right - left + 2 * grow_x, bottom - top + 2 * grow_y
        self.setRect(QRectF(left - grow_x, top - grow_y, width, height))
        self._drawing: tuple | None = None
        self._shape: QPainterPath | None = None
        parts = label_parts(geometry)
        old_label = self.label_item
        if parts and old_label is not None:
            old_label.set_label(*parts)
        else:
            self.label_item = ConnectorLabelItem(self, *parts) if parts else None
            scene = self.scene()
            if old_label is not None and old_label.scene() is not None:
                old_label.scene().removeItem(old_label)
            if self.label_item is not None:
                if self.label_layer is not None:
                    self.label_item.setParentItem(self.label_layer)
                elif scene is not None:
                    scene.addItem(self.label_item)
        self.update()

    def _parts(self) -> tuple:
        if self._drawing is None:
            points = self.geometry.points
            head = arrowhead(points)
            line = [QPointF(x, y) for x, y in points]
            if head and len(line) >= 2:
                line[-1] = head[1]
            self._drawing = (
                QPolygonF(line),
                head[0] if head else None,
                ring_centre(points),
                connector_pen(self.geometry.kind),
                QPen(palette.connector_colour(self.geometry.kind), 0.0),
            )
        return self._drawing

    def shape(self) -> QPainterPath:
        """The route, six units wide, and the label: what a click or a context menu hits."""
        if self._shape is None:
            route = QPainterPath()
            route.addPolygon(QPolygonF([QPointF(x, y) for x, y in self.geometry.points]))
            stroker = QPainterPathStroker()
            stroker.setWidth(6.0)
            self._shape = stroker.createStroke(route)
            if self.label_item is not None:
                self._shape.addRect(self.label_item.rect())
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = level_of_detail(painter)
        if lod < HIDDEN_BELOW:
            return
        line, arrow, ring, pen, thin = self._parts()
        if lod < 2 * HIDDEN_BELOW:
            painter.setPen(thin)
            painter.drawPolyline(line)
            return
        painter.setPen(pen)
        painter.setBrush(NO_BRUSH)
        painter.drawPolyline(line)
        colour = pen.color()
        if self.geometry.kind == "hand-off":
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(_LABEL_BRUSH)
            painter.drawEllipse(ring, RING_RADIUS, RING_RADIUS)
        if arrow is not None:
            painter.setPen(NO_PEN)
            painter.setBrush(colour)
            painter.drawPolygon(arrow)
