"""The blueprint view's mouse: clicks and Ctrl/Shift-clicks select cards, a press on a card
starts dragging the selection, a press on a selected card's handle draws a connector, a
press on a lane title or step header starts reordering them (on a lane title's bottom edge,
resizing the lane), a press elsewhere selects the cell and starts a rubber band,
double-clicks edit or add, the middle button (or Space) pans, and the context menu names
what is under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent

from app.canvas.card_item import CardItem
from app.canvas.connector_item import ConnectorItem, ConnectorLabelItem
from app.canvas.emotion_band import band_handle_at, band_press_at
from app.canvas.header_drag import lane_edge_at, pane_drag_at
from app.canvas.header_items import StageHeaderItem, StepHeaderItem
from app.canvas.interactions import (
    ConnectInteraction,
    Interaction,
    MoveCardsInteraction,
    PanInteraction,
)
from app.canvas.lane_item import LaneItem
from app.canvas.lod import FAR

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class MouseMixin:
    """Mouse handling for BlueprintView; gestures that span events are Interaction objects."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        scene = self.blueprint_scene
        if self._interaction is not None or scene is None:
            event.accept()
            return
        pos = event.position()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space
        ):
            self._start(PanInteraction(self, pos.toPoint()))
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton:
            drag = pane_drag_at(self, pos)
            if drag is not None:
                self._start(drag)
                event.accept()
                return
            hit = self._panes.hit(pos)
            if hit is not None:
                if hit[0] == "stage":
                    self._select_step_under(pos)  # the step of the stage under the pointer
                event.accept()
                return
            band = band_press_at(self, pos)
            if band is not None:
                self._start(band)
                event.accept()
                return
            point = self.mapToScene(pos.toPoint())
            source = self._handle_at(point)
            if source is not None:
                start = scene.cards[source].handle_rect().center()
                self._start(ConnectInteraction(self, source, start))
                event.accept()
                return
            card = scene.card_at(point)
            if card is not None:
                self._press_card(card, event)
                event.accept()
                return
            self.select_step(None)
            self.set_current_cell(scene.cell_at(point))
        super().mousePressEvent(event)

    def _select_step_under(self, pos: QPointF) -> None:
        layout = self._panes.layout()
        x = layout.scene_x(pos.x())
        for step in self.blueprint_scene.geometry.steps:
            if step.column.x <= x <= step.column.right:
                self.select_step(step.id)
                return

    def _press_card(self, card: CardItem, event: QMouseEvent) -> None:
        mods = event.modifiers()
        if mods & CTRL:
            card.setSelected(not card.isSelected())
            return
        if mods & SHIFT:
            card.setSelected(True)
            self._anchor = card.card_id
            return
        if not card.isSelected():
            self.blueprint_scene.select_cards([card.card_id])
        self._anchor = card.card_id
        self._start(
            MoveCardsInteraction(self, event.position().toPoint(), list(self._order), card.card_id)
        )

    def click_card(self, card_id: str, event: QMouseEvent) -> None:
        """A press and release on a card without dragging: it alone is selected."""
        self.blueprint_scene.select_cards([card_id])
        self._anchor = card_id

    def _handle_at(self, point: QPointF) -> str | None:
        if self.zoom() < FAR:
            return None
        cards = self.blueprint_scene.cards
        for card_id in self._order:
            item = cards.get(card_id)
            if item is not None and item.handle_rect().contains(point):
                return card_id
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.move(event)
            self._drop_interaction_if_finished()
            event.accept()
            return
        if self.blueprint_scene is not None and event.buttons() == Qt.MouseButton.NoButton:
            point = self.mapToScene(event.position().toPoint())
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            elif self._handle_at(point) is not None:
                self.viewport().setCursor(Qt.CursorShape.CrossCursor)
            elif any(
                found(self, event.position()) is not None
                for found in (lane_edge_at, band_handle_at)  # both drag up and down
            ):
                self.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
            else:
                self.viewport().unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.release(event)
            self._drop_interaction()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        scene = self.blueprint_scene
        if scene is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self._drop_interaction(cancel=True)
        pos = event.position()
        edge = lane_edge_at(self, pos)
        if edge is not None:
            self.lane_height_requested.emit(edge, None)  # fit the lane to its cards again
            event.accept()
            return
        if self._panes.hit(pos) is not None:
            event.accept()
            return
        point = self.mapToScene(pos.toPoint())
        card = scene.card_at(point)
        if card is not None:
            self.edit_card(card.card_id)
        else:
            cell = scene.cell_at(point)
            if cell is not None:
                self.set_current_cell(cell)
                self.add_card_requested.emit(*cell, scene.drop_index(*cell, point.y()))
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        scene = self.blueprint_scene
        if scene is None:
            return
        kind, ident = self._panes.hit(QPointF(event.pos())) or self._thing_at(event.pos())
        if kind == "card" and ident not in self._order:
            scene.select_cards([ident])
        elif kind == "step":
            self.select_step(ident)  # K (Mark Key Moment) then acts on it
        self.context_menu_requested.emit(kind, ident, event.globalPos())
        event.accept()

    def _thing_at(self, pos: QPoint) -> tuple[str, object]:
        """What a context menu is about: card, connector, step, stage, lane, cell or canvas."""
        scene = self.blueprint_scene
        point = self.mapToScene(pos)
        for item in scene.items(point):
            if isinstance(item, CardItem):
                return ("card", item.card_id)
            if isinstance(item, ConnectorItem) and item.shape().contains(item.mapFromScene(point)):
                return ("connector", item.connector_id)
            if isinstance(item, ConnectorLabelItem):
                return ("connector", item.connector.connector_id)
            if isinstance(item, StepHeaderItem):
                return ("step", item.step_id)
            if isinstance(item, StageHeaderItem):
                return ("stage", item.stage_id)
            if isinstance(item, LaneItem) and point.x() <= scene.title_width:
                return ("lane", item.lane_id)
        cell = scene.cell_at(point)
        if cell is not None:
            return ("cell", cell)
        return ("canvas", None)

    def _start(self, interaction: Interaction) -> None:
        self._interaction = interaction
        if interaction.cursor is not None:
            self.viewport().setCursor(interaction.cursor)

    def _drop_interaction_if_finished(self) -> None:
        if self._interaction is not None and self._interaction.finished:
            self._drop_interaction()

    def _drop_interaction(self, cancel: bool = False) -> None:
        interaction, self._interaction = self._interaction, None
        if interaction is None:
            return
        if cancel and not interaction.finished:
            interaction.cancel()
        if self._space:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()
