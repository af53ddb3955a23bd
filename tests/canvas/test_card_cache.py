"""Cards on screen are drawn once and then copied from a picture kept at the view's zoom;
a card draws afresh when its text changes, when it is selected and when the zoom changes.
A scene rendered for export draws every card afresh, so SVG and PDF stay vector."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from app.canvas.card_item import CardItem
from app.canvas.scene import BlueprintScene
from app.canvas.view import BlueprintView
from app.layout.engine import BlueprintLayout

DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the cards whose paint ran, in order."""
    seen: list[str] = []
    original = CardItem.paint

    def spy(self, painter, option, widget=None) -> None:
        seen.append(self.card_id)
        original(self, painter, option, widget)

    monkeypatch.setattr(CardItem, "paint", spy)
    return seen


def redraw(view: BlueprintView) -> None:
    view.viewport().repaint()
    QApplication.processEvents()


def test_a_second_frame_copies_the_cards_instead_of_drawing_them(
    view: BlueprintView, painted: list[str]
) -> None:
    redraw(view)
    assert painted  # the cards in view were drawn
    painted.clear()
    redraw(view)
    assert painted == []


def test_a_card_whose_text_changes_is_drawn_again(
    view: BlueprintView, layout: BlueprintLayout, painted: list[str]
) -> None:
    scene = view.blueprint_scene
    redraw(view)
    shown = set(painted)
    card_id = next(i for i in scene.cards if i in shown)
    card = layout.shape.cards[card_id]
    cell = layout.shape.cell(card.lane_id, card.step_id)
    edited = [dataclasses.replace(c, text="A new text") if c.id == card_id else c for c in cell]
    painted.clear()
    scene.apply(layout.update_cells({(card.lane_id, card.step_id): edited}), layout.geometry)
    redraw(view)
    assert card_id in painted


def test_selecting_and_zooming_draw_the_cards_again(
    view: BlueprintView, painted: list[str]
) -> None:
    scene = view.blueprint_scene
    redraw(view)
    card_id = next(i for i in scene.cards if i in set(painted))
    painted.clear()
    scene.select_cards([card_id])
    redraw(view)
    assert card_id in painted
    painted.clear()
    view.scale(1.25, 1.25)
    redraw(view)
    assert card_id in painted


def test_cards_added_later_are_cached_too(view: BlueprintView, layout: BlueprintLayout) -> None:
    scene = view.blueprint_scene
    assert {item.cacheMode() for item in scene.cards.values()} == {DEVICE_CACHE}
    lane, step = layout.geometry.lanes[0], layout.geometry.steps[0]
    cell = layout.shape.cell(lane.id, step.id)
    some = next(iter(layout.shape.cards.values()))
    added = dataclasses.replace(
        some, id="added", lane_id=lane.id, step_id=step.id, position=len(cell), text="New"
    )
    scene.apply(layout.update_cells({(lane.id, step.id): [*cell, added]}), layout.geometry)
    assert scene.cards["added"].cacheMode() == DEVICE_CACHE


def test_a_scene_rendered_for_export_draws_every_card(scene: BlueprintScene) -> None:
    # No view shows it: image_export renders it to SVG and PNG.
    assert {item.cacheMode() for item in scene.cards.values()} == {QGraphicsItem.CacheMode.NoCache}
