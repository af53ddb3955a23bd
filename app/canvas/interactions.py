"""Gestures that span several events, as objects the view forwards its events to: panning,
dragging cards to another cell, drawing a connector (and, in header_drag.py, dragging lane
titles and step headers). They move items live but never touch the model: they end by
asking the view to emit an intent signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QCursor, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication

from app.canvas.indicators import DropIndicatorItem, RubberLineItem, TargetCardItem

if TYPE_CHECKING:
    from app.canvas.view import BlueprintView

EDGE = 24  # pixels from the viewport's edge where a drag scrolls the view
EDGE_STEP = 18  # pixels scrolled per tick, at the very edge


class Interaction:
    """One gesture; ``finished`` tells the view to drop it."""

    cursor: Qt.CursorShape | None = None

    def __init__(self, view: BlueprintView) -> None:
        self.view = view
        self.finished = False
        self._edge_timer: QTimer | None = None

    def move(self, event: QMouseEvent) -> None:
        pass

    def release(self, event: QMouseEvent) -> None:
        self.finish()

    def key(self, event: QKeyEvent) -> bool:
        """Escape cancels any gesture; other keys are left to the view."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def cancel(self) -> None:
        self.finish()

    def finish(self) -> None:
        self.finished = True
        if self._edge_timer is not None:
            self._edge_timer.stop()

    def paint(self, painter: QPainter) -> None:
        """Draw feedback over the view's foreground (after the frozen panes); the painter
        is in scene coordinates."""

    # -- scrolling while dragging near an edge ----------------------------------------------

    def follow_edges(self, pos: QPoint) -> None:
        """Scroll while the pointer stays near the viewport's edge (call from move)."""
        if self._edge_delta(pos) == (0, 0):
            if self._edge_timer is not None:
                self._edge_timer.stop()
            return
        if self._edge_timer is None:
            self._edge_timer = QTimer(self.view)
            self._edge_timer.setInterval(30)
            self._edge_timer.timeout.connect(self._edge_tick)
        if not self._edge_timer.isActive():
            self._edge_timer.start()

    def _edge_delta(self, pos: QPoint) -> tuple[int, int]:
        rect = self.view.viewport().rect()
        return (
            edge_scroll(pos.x(), rect.left(), rect.right()),
            edge_scroll(pos.y(), rect.top(), rect.bottom()),
        )

    def _edge_tick(self) -> None:
        pos = self.view.viewport().mapFromGlobal(QCursor.pos())
        dx, dy = self._edge_delta(pos)
        if (dx, dy) == (0, 0) or self.finished:
            self._edge_timer.stop()
            return
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)
        self.scrolled(pos)

    def scrolled(self, pos: QPoint) -> None:
        """The view scrolled under a still pointer at ``pos``."""


def edge_scroll(value: float, low: float, high: float) -> int:
    """Pixels to scroll along one axis for a pointer at ``value`` between ``low`` and
    ``high``: more the nearer the edge, none away from it."""
    if value < low + EDGE:
        return -round(EDGE_STEP * (low + EDGE - value) / EDGE)
    if value > high - EDGE:
        return round(EDGE_STEP * (value - high + EDGE) / EDGE)
    return 0


class PanInteraction(Interaction):
    """Drag the map with the middle button, or with the left button while Space is held."""

    cursor = Qt.CursorShape.ClosedHandCursor

    def __init__(self, view: BlueprintView, start: QPoint) -> None:
        super().__init__(view)
        self.last = start

    def move(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        delta = pos - self.last
        self.last = pos
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() - delta.x())
        v.setValue(v.value() - delta.y())


class MoveCardsInteraction(Interaction):
    """Drag selected cards: they follow the pointer, the target cell is shown, and on
    release the view is asked to emit cards_move_requested; the items then go back to
    wherever the geometry puts them (the new cell, once the window has applied the move)."""

    def __init__(
        self, view: BlueprintView, start: QPoint, card_ids: list[str], clicked: str
    ) -> None:
        super().__init__(view)
        self.clicked = clicked
        self.start = start
        self.start_scene = view.mapToScene(start)
        scene = view.blueprint_scene
        self.card_ids = sorted(
            card_ids, key=lambda i: (scene.cards[i].geometry.rect.x, scene.cards[i].geometry.rect.y)
        )
        self.dragging = False
        self.target: tuple[str, str, int] | None = None
        self.indicator: DropIndicatorItem | None = None

    def _items(self) -> list:
        cards = self.view.blueprint_scene.cards
        return [cards[i] for i in self.card_ids if i in cards]

    def move(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not self.dragging:
            if (pos - self.start).manhattanLength() < QApplication.startDragDistance():
                return
            self.dragging = True
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            for item in self._items():
                item.lift(True)
                item.setOpacity(0.85)
            self.indicator = DropIndicatorItem()
            self.view.scene().addItem(self.indicator)
        self.drag_to(self.view.mapToScene(pos))
        self.follow_edges(pos)

    def scrolled(self, pos: QPoint) -> None:
        if self.dragging:
            self.drag_to(self.view.mapToScene(pos))

    def drag_to(self, point: QPointF) -> None:
        delta = point - self.start_scene
        for item in self._items():
            item.drag_by(delta.x(), delta.y())
        scene = self.view.blueprint_scene
        cell = scene.cell_at(point)
        if cell is None:
            self.target = None
            self.indicator.hide()
            return
        index = scene.drop_index(*cell, point.y(), leaving=self.card_ids)
        self.target = (cell[0], cell[1], index)
        self.indicator.show_at(scene.cell_rect(*cell), self._bar_y(cell, index), 6.0)

    def _bar_y(self, cell: tuple[str, str], index: int) -> float:
        """The gap the cards would go into."""
        scene = self.view.blueprint_scene
        staying = [i for i in scene.cards_in_cell(*cell) if i not in self.card_ids]
        rects = [scene.geometry.cards[i].rect for i in staying]
        cell_rect = scene.cell_rect(*cell)
        if not rects:
            return cell_rect.y + 6.0
        if index == 0:
            return rects[0].y - 3.0
        if index >= len(rects):
            return rects[-1].bottom + 3.0
        return (rects[index - 1].bottom + rects[index].y) / 2

    def release(self, event: QMouseEvent) -> None:
        if self.dragging:
            self.drag_to(self.view.mapToScene(event.position().toPoint()))
            target = self.target
            self._end()
            if target is not None:
                self.view.cards_move_requested.emit(list(self.card_ids), *target)
            self._snap()
        else:
            self.view.click_card(self.clicked, event)
            self.finish()

    def cancel(self) -> None:
        self._end()
        self._snap()

    def _end(self) -> None:
        if self.indicator is not None:
            self.view.scene().removeItem(self.indicator)
            self.indicator = None
        for item in self._items():
            item.setOpacity(1.0)
        self.view.viewport().unsetCursor()
        self.finish()

    def _snap(self) -> None:
        for item in self._items():
            item.lift(False)
            item.snap()


class ConnectInteraction(Interaction):
    """Draw a connector from a selected card's handle onto another card."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view: BlueprintView, source_id: str, start: QPointF) -> None:
        super().__init__(view)
        self.source_id = source_id
        self.line = RubberLineItem(start)
        self.target_ring = TargetCardItem()
        view.scene().addItem(self.line)
        view.scene().addItem(self.target_ring)

    def _target(self, point: QPointF) -> str | None:
        card = self.view.blueprint_scene.card_at(point)
        if card is None or card.card_id == self.source_id:
            return None
        return card.card_id

    def move(self, event: QMouseEvent) -> None:
        self.scrolled(event.position().toPoint())
        self.follow_edges(event.position().toPoint())

    def scrolled(self, pos: QPoint) -> None:
        point = self.view.mapToScene(pos)
        self.line.stretch_to(point)
        target = self._target(point)
        cards = self.view.blueprint_scene.geometry.cards
        self.target_ring.ring(cards[target].rect if target else None)

    def release(self, event: QMouseEvent) -> None:
        target = self._target(self.view.mapToScene(event.position().toPoint()))
        self._end()
        if target is not None:
            self.view.connector_requested.emit(self.source_id, target)

    def cancel(self) -> None:
        self._end()

    def _end(self) -> None:
        scene = self.view.scene()
        if self.line.scene() is scene:
            scene.removeItem(self.line)
            scene.removeItem(self.target_ring)
        self.finish()
