"""The blueprint view's keyboard: arrows move the selection between cards (Ctrl+arrows ask
to move the cards), Delete, Enter, F2, C, Escape, Space for panning, and the zoom keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent

from app.canvas.navigation import nearest_card

ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
CTRL = Qt.KeyboardModifier.ControlModifier


class KeysMixin:
    """Key handling for BlueprintView."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._interaction is not None:
            if self._interaction.key(event):
                self._drop_interaction()
            event.accept()
            return
        if self.zoom_key(event):
            event.accept()
            return
        key, mods = event.key(), event.modifiers()
        scene = self.blueprint_scene
        if scene is None:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in ARROWS:
            dx, dy = ARROWS[key]
            if mods & CTRL:
                if self._order:
                    self.move_selection_requested.emit(dx, dy)
            else:
                self.navigate(dx, dy)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._order:
                self.delete_requested.emit(list(self._order))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._add_at_cursor()
        elif key == Qt.Key.Key_F2:
            if self._anchor is not None:
                self.edit_card(self._anchor)
        elif key == Qt.Key.Key_C and not mods & (CTRL | Qt.KeyboardModifier.AltModifier):
            if len(self._order) == 2:
                self.connector_requested.emit(self._order[0], self._order[1])
        elif key == Qt.Key.Key_Escape:
            scene.clearSelection()
            self.set_current_cell(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._interaction is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _add_at_cursor(self) -> None:
        """Enter: a new card at the end of the current cell, or after the one selected card."""
        scene = self.blueprint_scene
        if len(self._order) == 1:
            card = scene.geometry.cards[self._order[0]]
            index = scene.cards_in_cell(card.lane_id, card.step_id).index(card.id) + 1
            self.add_card_requested.emit(card.lane_id, card.step_id, index)
        elif not self._order and self.current_cell is not None:
            count = len(scene.cards_in_cell(*self.current_cell))
            self.add_card_requested.emit(*self.current_cell, count)

    def navigate(self, dx: int, dy: int) -> None:
        """Select the nearest card in a direction from the current card (or cell); with
        neither, the card nearest the top-left of what is in view."""
        scene = self.blueprint_scene
        cards = scene.geometry.cards
        if not cards:
            return
        if self._anchor in cards:
            origin = cards[self._anchor].rect.center
            target = nearest_card(cards.values(), origin, (dx, dy), self._anchor)
        elif self.current_cell is not None:
            origin = scene.geometry.cells[self.current_cell].center
            target = nearest_card(cards.values(), origin, (dx, dy))
        else:
            layout = self._panes.layout()
            corner = self.mapToScene(
                QPoint(int(layout.title_width), int(layout.header_height)) if layout else QPoint()
            )
            target = min(
                cards.values(),
                key=lambda c: abs(c.rect.x - corner.x()) + abs(c.rect.y - corner.y()),
            ).id
        if target is not None:
            scene.select_cards([target])
            self._anchor = target
            self.reveal(cards[target].rect)
