"""The blueprint layout: cards in cells, text in cards, the three lines, orthogonal
connectors that avoid cards, and incremental updates equal to a full layout."""

import dataclasses
import random
from itertools import pairwise

import pytest

from app.layout.engine import BlueprintLayout
from app.layout.fonts import metrics
from app.layout.geometry import Rect
from app.layout.shape import BlueprintShape, CardShape, LaneShape, StepShape
from app.layout.style import DEFAULT_STYLE


def test_every_card_inside_its_cell_and_every_line_inside_its_card(sample_shapes) -> None:
    for shape in sample_shapes:
        geometry = BlueprintLayout(shape).geometry
        assert len(geometry.cards) == len(shape.cards)
        for card in geometry.cards.values():
            assert geometry.cells[(card.lane_id, card.step_id)].contains(card.rect)
            for block in (card.text, card.hint):
                if block is None:
                    continue
                assert block.y + block.height <= card.rect.bottom + 1e-6
                for line in block.lines:
                    width = metrics().width(line, block.size)
                    assert block.x + width <= card.rect.right - DEFAULT_STYLE.card_padding + 1e-6


def test_cards_in_a_cell_do_not_overlap(sample_shapes) -> None:
    geometry = BlueprintLayout(sample_shapes[0]).geometry
    cards = list(geometry.cards.values())
    for a in cards:
        for b in cards:
            if a.id < b.id:
                assert not a.rect.intersects(b.rect)


def test_the_three_lines_fall_between_the_right_lanes(sample_shapes) -> None:
    geometry = BlueprintLayout(sample_shapes[0]).geometry
    kinds = [lane.kind for lane in geometry.lanes]
    by_kind = {lane.kind: lane for lane in geometry.lanes}
    lines = {line.kind: line for line in geometry.lines}
    assert kinds[:3] == ["physical evidence", "customer actions", "frontstage"]
    assert lines["interaction"].y == by_kind["customer actions"].rect.bottom
    assert lines["interaction"].y == by_kind["frontstage"].rect.y
    assert lines["visibility"].y == by_kind["backstage"].rect.y
    assert lines["internal interaction"].y == by_kind["backstage"].rect.bottom
    assert lines["visibility"].label == "Line of visibility"


def _segments_cross(a: tuple, b: tuple, rect: Rect) -> bool:
    (x0, y0), (x1, y1) = a, b
    box = Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
    inner = Rect(rect.x + 0.5, rect.y + 0.5, rect.w - 1, rect.h - 1)
    if box.w == 0:
        return inner.x < x0 < inner.right and box.y < inner.bottom and box.bottom > inner.y
    return inner.y < y0 < inner.bottom and box.x < inner.right and box.right > inner.x


def test_connectors_are_orthogonal_and_avoid_other_cards(sample_shapes) -> None:
    for shape in sample_shapes:
        geometry = BlueprintLayout(shape).geometry
        assert len(geometry.connectors) == len(shape.connectors)
        for connector in geometry.connectors.values():
            points = connector.points
            assert len(points) >= 2
            for a, b in pairwise(points):
                assert a[0] == pytest.approx(b[0]) or a[1] == pytest.approx(b[1])
                for card in geometry.cards.values():
                    if card.id in (connector.source_id, connector.target_id):
                        continue
                    assert not _segments_cross(a, b, card.rect), (connector.label, card.id)


def test_cells_grow_with_their_text() -> None:
    shape = BlueprintShape(
        "b",
        "B",
        lanes=[LaneShape("l1", "customer actions", "Customer"), LaneShape("l2", "frontstage", "F")],
        steps=[StepShape("s1", "One"), StepShape("s2", "Two")],
    )
    shape.cards["c1"] = CardShape("c1", "l1", "s1", 0, "short")
    small = BlueprintLayout(shape).geometry.lanes[0].rect.h
    shape.cards["c2"] = CardShape("c2", "l1", "s2", 0, "a long text " * 40)
    layout = BlueprintLayout(shape)
    assert layout.geometry.lanes[0].rect.h > small
    assert layout.geometry.lanes[1].rect.y == layout.geometry.lanes[0].rect.bottom
    assert layout.geometry.cells[("l1", "s1")].h == layout.geometry.lanes[0].rect.h


def _comparable(geometry) -> dict:
    """Everything the geometry says, with cards and routes where they are on the map."""
    return {
        "size": (geometry.width, geometry.height),
        "lanes": [dataclasses.asdict(lane) for lane in geometry.lanes],
        "steps": [(dataclasses.asdict(step), step.column) for step in geometry.steps],
        "stages": [dataclasses.asdict(stage) for stage in geometry.stages],
        "cards": {key: dataclasses.asdict(card) for key, card in geometry.cards.items()},
        "cells": sorted(geometry.cells.items()),
        "lines": [dataclasses.asdict(line) for line in geometry.lines],
        "connectors": {key: dataclasses.asdict(c) for key, c in geometry.connectors.items()},
    }


def test_incremental_updates_equal_a_full_layout(sample_shapes) -> None:
    rng = random.Random(7)
    shape = dataclasses.replace(sample_shapes[0], cards=dict(sample_shapes[0].cards))
    layout = BlueprintLayout(shape)
    lanes = [lane.id for lane in shape.lanes]
    steps = [step.id for step in shape.steps]
    for round_ in range(150):
        card = rng.choice(list(shape.cards.values()))
        old_key = (card.lane_id, card.step_id)
        action = rng.choice(["text", "move", "delete", "add"])
        cells = {old_key: [c for c in shape.cell(*old_key) if c.id != card.id]}
        if action == "text":
            words = rng.randint(0, 60)
            changed = dataclasses.replace(card, text="word " * words)
            cells[old_key] = [changed if c.id == card.id else c for c in shape.cell(*old_key)]
        elif action in ("move", "add"):
            key = (rng.choice(lanes), rng.choice(steps))
            moved = dataclasses.replace(
                card,
                id=card.id if action == "move" else f"new-{round_}",
                lane_id=key[0],
                step_id=key[1],
            )
            if action == "add":
                cells[old_key] = shape.cell(*old_key)
            siblings = [c for c in shape.cell(*key) if c.id != moved.id]
            siblings.insert(rng.randint(0, len(siblings)), moved)
            cells[key] = [dataclasses.replace(c, position=i) for i, c in enumerate(siblings)]
        cells = {
            k: [dataclasses.replace(c, position=i) for i, c in enumerate(v)]
            for k, v in cells.items()
        }
        change = layout.update_cells(cells)
        assert set(change.cards) <= set(layout.geometry.cards)
        fresh = BlueprintLayout(dataclasses.replace(shape, cards=dict(shape.cards)))
        mine, theirs = _comparable(layout.geometry), _comparable(fresh.geometry)
        for key in mine:
            if key == "connectors":
                for cid in set(mine[key]) | set(theirs[key]):
                    assert mine[key].get(cid) == theirs[key].get(cid), (round_, action, cid)
            assert mine[key] == theirs[key], (round_, action, key)


def test_cell_shapes_read_the_cards_of_the_named_cells_in_order() -> None:
    from app.layout.source import cell_shapes
    from app.model import ops_grid as ops
    from app.model.project_file import ProjectFile

    project = ProjectFile.new("Cells")
    blueprint = project.project.blueprints[0]
    lane, other_lane = blueprint.lanes[1], blueprint.lanes[2]
    step = blueprint.steps[0]
    second = ops.add_card(lane, step, "second")
    ops.add_card(lane, step, "first", index=0)
    ops.add_card(other_lane, step, "elsewhere")
    project.commit()
    found = cell_shapes(project.session, {(lane.id, step.id)})
    assert [card.text for card in found[(lane.id, step.id)]] == ["first", "second"]
    assert found[(lane.id, step.id)][1].id == second.id
    project.close()


def test_cell_shapes_give_what_the_whole_shape_gives(sample_file) -> None:
    """Read cell by cell (actor, channel and systems in each hint), the cards come out as
    they do when the whole blueprint is read."""
    from app.layout.source import cell_shapes, shape_from_blueprint

    session = sample_file.session
    for blueprint in sample_file.project.blueprints:
        whole = shape_from_blueprint(session, blueprint)
        cells = {(card.lane_id, card.step_id) for card in whole.cards.values()}
        found = cell_shapes(session, cells)
        by_id = {card.id: card for shapes in found.values() for card in shapes}
        assert by_id == whole.cards
        assert any(" · " in card.hint for card in by_id.values())
