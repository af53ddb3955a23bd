"""The ecosystem map's scene: the items of one map, and the gestures on them. A finished
drag (or arrow-key nudge) of nodes is announced as the new centres, for the window to
push as one command; a double-click on a node asks to show its first card."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from app.analysis.ecosystem import EcosystemGraph, Layer
from app.analysis.ecosystem_layout import EcosystemLayout, Point
from app.export.ecosystem_drawing import (
    BACKGROUND,
    Segment,
    edge_route,
    edge_width,
    edge_words,
    heaviest,
    sheet,
)
from app.ui.analysis.ecosystem_items import EdgeItem, NodeItem, SheetItem

NUDGE = 10.0  # points an arrow key moves the selected nodes (Shift: 1)
ARROWS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


class EcosystemScene(QGraphicsScene):
    nodes_moved = Signal(object)  # {node key: (x, y)} after a drag
    nodes_nudged = Signal(object)  # {node key: (x, y)} after an arrow key
    node_activated = Signal(str)  # a node's key, double-clicked or Enter

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ecosystemScene")
        self.setBackgroundBrush(QColor(BACKGROUND))
        self.nodes: dict[str, NodeItem] = {}
        self.graph: EcosystemGraph | None = None
        self.columns: dict[Layer, float] = {}
        self.editable = False
        self._pressed: dict[str, Point] = {}

    def show_map(self, graph: EcosystemGraph, layout: EcosystemLayout, *, editable: bool) -> None:
        """Draw ``graph`` at ``layout``'s positions; the selection is kept by key."""
        selected = {key for key, item in self.nodes.items() if item.isSelected()}
        self.clear()
        self.nodes = {}
        self.graph, self.editable = graph, editable
        self.columns = dict(layout.columns)
        drawn = sheet(graph, layout)
        self.addItem(SheetItem(drawn))
        for node in graph.nodes:
            item = NodeItem(node, layout.positions[node.key], movable=editable)
            self.nodes[node.key] = item
            self.addItem(item)
            item.setSelected(node.key in selected)
        top = heaviest(graph)
        for edge in graph.edges:
            width = edge_width(edge.weight, top)
            words = edge_words(graph, edge.source, edge.target)
            source, target = self.nodes[edge.source], self.nodes[edge.target]
            self.addItem(EdgeItem(source, target, width, words, self.route))
        left, top_, right, bottom = drawn.bounds
        self.setSceneRect(QRectF(left, top_, right - left, bottom - top_))

    def route(self, source: str, target: str) -> list[Segment]:
        """The edge's route between the two nodes where they stand now, around the others."""
        nodes = self.nodes
        others = [item.centre for key, item in nodes.items() if key not in (source, target)]
        layers = (nodes[source].node.layer, nodes[target].node.layer)
        return edge_route(nodes[source].centre, nodes[target].centre, layers, self.columns, others)

    def grow_to_fit(self) -> None:
        """After a drag past the edge, the scene takes in the node (with a margin)."""
        self.setSceneRect(
            self.sceneRect().united(self.itemsBoundingRect().adjusted(-24, -24, 24, 24))
        )

    def selected_keys(self) -> list[str]:
        return [key for key, item in self.nodes.items() if item.isSelected()]

    # -- gestures ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._pressed = {key: item.centre for key, item in self.nodes.items()}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        before, self._pressed = self._pressed, {}
        moved = {
            key: item.centre
            for key, item in self.nodes.items()
            if key in before and before[key] != item.centre
        }
        if moved:
            self.grow_to_fit()
            self.nodes_moved.emit(moved)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        views = self.views()
        item = self.itemAt(event.scenePos(), views[0].transform() if views else QTransform())
        if isinstance(item, NodeItem):
            event.accept()
            self.node_activated.emit(item.key)
            return
        super().mouseDoubleClickEvent(event)

    def select_only(self, key: str) -> None:
        self.clearSelection()
        item = self.nodes[key]
        item.setSelected(True)
        for view in self.views():
            view.ensureVisible(item, 40, 40)

    def nearest(self, key: str, direction: Point) -> str | None:
        """The node nearest to ``key``'s in ``direction`` (a unit step), favouring those
        straight ahead; None when there is none that way."""
        x0, y0 = self.nodes[key].centre
        best: tuple[float, str] | None = None
        for other, item in self.nodes.items():
            dx, dy = item.centre[0] - x0, item.centre[1] - y0
            ahead = dx * direction[0] + dy * direction[1]
            if other == key or ahead <= 0:
                continue
            aside = abs(dx * direction[1] - dy * direction[0])
            score = ahead + 2 * aside
            if best is None or score < best[0]:
                best = (score, other)
        return best[1] if best else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = self.selected_keys()
        key = Qt.Key(event.key())
        if (
            key in ARROWS
            and self.nodes
            and (not keys or event.modifiers() & Qt.KeyboardModifier.AltModifier)
        ):
            # The keyboard's way to choose a node: an arrow picks the first, Alt+arrow
            # the nearest one that way.
            if not keys:
                first = min(
                    self.nodes, key=lambda k: (self.nodes[k].centre[0], self.nodes[k].centre[1])
                )
                self.select_only(first)
            elif (found := self.nearest(keys[0], ARROWS[key])) is not None:
                self.select_only(found)
            event.accept()
            return
        if keys and key in ARROWS and self.editable:
            step = 1.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
            dx, dy = ARROWS[key]
            moved = {}
            for node_key in keys:
                item = self.nodes[node_key]
                item.moveBy(dx * step, dy * step)
                moved[node_key] = item.centre
            self.grow_to_fit()
            self.nodes_nudged.emit(moved)
            event.accept()
            return
        if keys and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.node_activated.emit(keys[0])
            event.accept()
            return
        super().keyPressEvent(event)
