"""The scene follows the layout's geometry by id: one item per thing, no scene-sized items,
and an incremental update touches only the items the LayoutChange names."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsScene

from app.canvas.card_item import CardItem
from app.canvas.scene import SCENE_MARGIN, BlueprintScene
from app.layout.engine import BlueprintLayout
from app.layout.shape import CardShape


def _positions(scene: BlueprintScene) -> dict[str, tuple[float, float]]:
    return {
        card_id: (item.scenePos().x(), item.scenePos().y()) for card_id, item in scene.cards.items()
    }


def _routes(scene: BlueprintScene) -> dict[str, object]:
    return {cid: item.geometry for cid, item in scene.connectors.items()}


def test_one_item_per_thing_of_the_geometry(scene: BlueprintScene) -> None:
    geometry = scene.geometry
    assert set(scene.cards) == set(geometry.cards)
    assert set(scene.connectors) == set(geometry.connectors)
    assert set(scene.lanes) == {lane.id for lane in geometry.lanes}
    assert set(scene.steps) == {step.id for step in geometry.steps}
    assert len(scene.stages) == len(geometry.stages)
    assert set(scene.lines) == {"interaction", "visibility", "internal interaction"}
    assert set(scene.headers) == set(scene.steps) | set(scene.stages)
    for card_id, item in scene.cards.items():
        rect = geometry.cards[card_id].rect
        assert (item.scenePos().x(), item.scenePos().y()) == (rect.x, rect.y)
        bounds = item.sceneBoundingRect()
        assert (bounds.width(), bounds.height()) == (rect.w, rect.h)


def test_the_scene_rect_is_explicit_and_no_item_is_scene_sized(scene: BlueprintScene) -> None:
    geometry = scene.geometry
    rect = scene.sceneRect()
    m = SCENE_MARGIN
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (
        -m,
        -m,
        geometry.width + 2 * m,
        geometry.height + 2 * m,
    )
    for item in scene.items():
        bounds = item.sceneBoundingRect()
        assert not (
            bounds.width() > 0.8 * geometry.width and bounds.height() > 0.5 * geometry.height
        )
    # Lanes span the width but are only as tall as themselves; the lines are thin strips.
    for lane in geometry.lanes:
        assert scene.lanes[lane.id].sceneBoundingRect().height() <= lane.rect.h + 1
    for line in scene.lines.values():
        assert line.sceneBoundingRect().height() <= 16


def test_items_sit_in_tiles_that_hold_what_they_draw(
    scene: BlueprintScene, layout: BlueprintLayout
) -> None:
    """Without a spatial index, Qt finds what to draw by skipping the tiles out of sight;
    a tile must therefore hold all its items, also after lanes moved."""
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex

    def check() -> None:
        items = [*scene.cards.values(), *scene.connectors.values()]
        items += [i.label_item for i in scene.connectors.values() if i.label_item is not None]
        items += [*scene.steps.values(), *scene.stages.values()]
        for item in items:
            tile = item.parentItem()
            for box in (tile, tile.parentItem()):  # the tile and its group
                assert box.flags() & box.GraphicsItemFlag.ItemContainsChildrenInShape
                assert box.sceneBoundingRect().contains(item.sceneBoundingRect())

    check()
    lane, step = layout.geometry.lanes[1], layout.geometry.steps[0]
    tall = "\n".join(f"line {i}" for i in range(14))
    cell = layout.shape.cell(lane.id, step.id)
    change = layout.update_cells(
        {(lane.id, step.id): [*cell, CardShape("tall", lane.id, step.id, 9, tall)]}
    )
    scene.apply(change, layout.geometry)
    check()


def test_apply_moves_only_the_items_a_change_names(
    scene: BlueprintScene, layout: BlueprintLayout
) -> None:
    geometry = layout.geometry
    first_step = geometry.steps[0].id
    lane = geometry.lanes[-1]  # the systems lane: no lanes below it
    cell = layout.shape.cell(lane.id, first_step)
    before_cards, before_routes = _positions(scene), _routes(scene)
    before_items = dict(scene.cards)
    changed = dataclasses.replace(cell[0], text=cell[0].text + " and the community team's")
    change = layout.update_cells({(lane.id, first_step): [changed, *cell[1:]]})
    scene.apply(change, layout.geometry)
    after_cards, after_routes = _positions(scene), _routes(scene)
    for card_id in scene.cards:
        assert scene.cards[card_id] is before_items[card_id]  # items reused, never rebuilt
        if card_id not in change.cards:
            assert after_cards[card_id] == before_cards[card_id]
        rect = layout.geometry.cards[card_id].rect
        assert after_cards[card_id] == (rect.x, rect.y)
    for connector_id in scene.connectors:
        if connector_id not in change.connectors:
            assert after_routes[connector_id] is before_routes[connector_id]
        assert (
            scene.connectors[connector_id].placed_geometry()
            == (layout.geometry.connectors[connector_id])
        )


def test_apply_follows_lanes_that_moved(scene: BlueprintScene, layout: BlueprintLayout) -> None:
    geometry = layout.geometry
    lane, step = geometry.lanes[0], geometry.steps[0]
    tall = "\n".join(f"line {i}" for i in range(12))
    card = CardShape("new-card", lane.id, step.id, 0, tall)
    change = layout.update_cells({(lane.id, step.id): [card]})
    assert change.lanes_moved and "new-card" in change.cards
    scene.apply(change, layout.geometry)
    assert isinstance(scene.cards["new-card"], CardItem)
    for lane_geometry in layout.geometry.lanes:
        item = scene.lanes[lane_geometry.id]
        assert item.rect().y() == lane_geometry.rect.y
        assert item.rect().height() == lane_geometry.rect.h
    for divider in layout.geometry.lines:
        assert scene.lines[divider.kind].line.y == divider.y
    assert scene.sceneRect().height() == layout.geometry.height + 2 * SCENE_MARGIN
    for card_id, item in scene.cards.items():
        rect = layout.geometry.cards[card_id].rect
        assert (item.scenePos().x(), item.scenePos().y()) == (rect.x, rect.y)
    for connector_id, item in scene.connectors.items():
        assert item.placed_geometry() == layout.geometry.connectors[connector_id]
        if item.label_item is not None:
            box = item.label_item.sceneBoundingRect()
            x, y = layout.geometry.connectors[connector_id].label_at
            assert box.contains(QPointF(x, y))


def test_apply_removes_cards_and_their_connectors(
    scene: BlueprintScene, layout: BlueprintLayout
) -> None:
    shape = layout.shape
    connector = next(iter(shape.connectors.values()))
    source = shape.cards[connector.source_id]
    cell = [c for c in shape.cell(source.lane_id, source.step_id) if c.id != source.id]
    change = layout.update_cells({(source.lane_id, source.step_id): cell})
    scene.apply(change, layout.geometry)
    assert source.id not in scene.cards
    assert connector.id not in scene.connectors
    assert not any(
        isinstance(item, CardItem) and item.card_id == source.id for item in scene.items()
    )


def test_set_geometry_after_a_rebuild_reuses_items(
    scene: BlueprintScene, layout: BlueprintLayout
) -> None:
    items = dict(scene.cards)
    shape = layout.shape
    shape.steps = shape.steps[1:]  # a step deleted: its cards go with it
    shape.cards = {i: c for i, c in shape.cards.items() if c.step_id != layout.geometry.steps[0].id}
    layout.rebuild(shape)
    scene.set_geometry(layout.geometry)
    assert set(scene.cards) == set(layout.geometry.cards)
    assert set(scene.steps) == {step.id for step in layout.geometry.steps}
    assert all(scene.cards[i] is items[i] for i in scene.cards)


def test_where_things_are(scene: BlueprintScene) -> None:
    geometry = scene.geometry
    card = next(iter(geometry.cards.values()))
    x, y = card.rect.center
    assert scene.card_at(QPointF(x, y)).card_id == card.id
    assert scene.cell_at(QPointF(x, y)) == (card.lane_id, card.step_id)
    assert scene.cell_at(QPointF(-5, y)) is None
    stack = scene.cards_in_cell(card.lane_id, card.step_id)
    assert stack[0] == min(stack, key=lambda i: geometry.cards[i].rect.y)
    assert scene.drop_index(card.lane_id, card.step_id, card.rect.y - 1) == 0
    assert scene.drop_index(card.lane_id, card.step_id, 1e9) == len(stack)
    assert scene.drop_index(card.lane_id, card.step_id, 1e9, leaving=[card.id]) == len(stack) - 1


def test_highlight_marks_only_the_found_cards(scene: BlueprintScene) -> None:
    ids = list(scene.cards)[:3]
    scene.highlight(ids)
    assert {i for i, item in scene.cards.items() if item.found} == set(ids)
    scene.highlight([])
    assert not any(item.found for item in scene.cards.values())


def test_routes_stretched_out_of_sight_catch_up(
    qtbot, view, scene: BlueprintScene, layout: BlueprintLayout
) -> None:
    """A lane growing taller stretches the routes that cross it: those in sight at once,
    the others while the application is idle, or as soon as they are scrolled into view."""
    view.resize(1000, 600)
    view.show()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    geometry = layout.geometry
    lane, step = geometry.lanes[1], geometry.steps[0]  # customer actions: routes go down
    tall = "\n".join(f"line {i}" for i in range(14))
    cell = layout.shape.cell(lane.id, step.id)
    change = layout.update_cells(
        {(lane.id, step.id): [*cell, CardShape("tall", lane.id, step.id, 9, tall)]}
    )
    assert change.lanes_moved and change.stretched_connectors
    scene.apply(change, layout.geometry)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()

    def placed_right(connector_id: str) -> bool:
        item = scene.connectors[connector_id]
        return item.placed_geometry() == layout.geometry.connectors[connector_id]

    in_sight = [
        i
        for i in change.stretched_connectors
        if layout.geometry.connectors.x_range(i)[0] < shown.right()
    ]
    assert in_sight and all(placed_right(i) for i in in_sight)
    assert scene.catching_up  # the rest are still to do
    far = max(change.stretched_connectors, key=lambda i: layout.geometry.connectors.x_range(i)[0])
    assert not placed_right(far)
    view.centerOn(QPointF(layout.geometry.connectors.x_range(far)[0], shown.center().y()))
    assert placed_right(far)  # scrolled into view: brought up to date before it is drawn
    qtbot.waitUntil(lambda: not scene.catching_up)
    assert all(placed_right(i) for i in scene.connectors)
