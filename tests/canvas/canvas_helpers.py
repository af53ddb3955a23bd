"""Aiming real input at the canvas, and finding cells of the sample blueprint."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF

from app.canvas.view import BlueprintView
from app.layout.geometry import BlueprintGeometry, Rect


def aim(view: BlueprintView, x: float, y: float) -> QPoint:
    """The viewport point of scene point (x, y), scrolled into the clear part of the view."""
    view.reveal(Rect(x - 20, y - 20, 40, 40))
    return view.mapFromScene(QPointF(x, y))


def aim_at_card(view: BlueprintView, card_id: str) -> QPoint:
    rect = view.blueprint_scene.geometry.cards[card_id].rect
    view.reveal(rect)
    return view.mapFromScene(QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2))


def empty_cells(geometry: BlueprintGeometry) -> list[tuple[str, str]]:
    filled = {(card.lane_id, card.step_id) for card in geometry.cards.values()}
    return [cell for cell in geometry.cells if cell not in filled]


def cards_in(geometry: BlueprintGeometry, lane_id: str, step_id: str) -> list[str]:
    found = [c for c in geometry.cards.values() if (c.lane_id, c.step_id) == (lane_id, step_id)]
    return [c.id for c in sorted(found, key=lambda c: c.rect.y)]
