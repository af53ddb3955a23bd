"""Showing an item of the method on the canvas: its blueprint, then its card or step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.model.method import PainPoint
from app.model.structure import Card, Step

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def jump_to(window: MainWindow, item: Card | Step | PainPoint) -> bool:
    """Show ``item``'s blueprint, select the card (or scroll its step into view) and
    centre on it; a pain point jumps to its card or step. False when it has no place."""
    if isinstance(item, PainPoint):
        owner = item.card if item.card is not None else item.step
        if owner is None:
            return False
        item = owner
    blueprint_id = item.lane.blueprint_id if isinstance(item, Card) else item.blueprint_id
    window.blueprint_list.select(blueprint_id)
    editor = window.workspace.current
    if editor is None or editor.blueprint_id != blueprint_id:
        return False
    view = editor.view
    if isinstance(item, Card):
        view.blueprint_scene.select_cards([item.id])
        view.center_on_card(item.id)
    else:
        step = view.blueprint_scene.geometry.step(item.id)
        if step is None:
            return False
        view.reveal(step.header, centre=True)
    view.setFocus()
    return True
