"""Subtree snapshots: they name exactly the rows a delete removes and put them back exactly."""

from collections.abc import Callable
from typing import Any

import pytest

from app.model import ops_grid as ops
from app.model.dump import dump
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.schema import Base, Blueprint, Card, Connector, Lane, Stage, Step
from app.model.subtree import TABLES, Subtree, capture, remove, restore

Rows = dict[str, list[dict[str, Any]]]


def keyed(rows: Rows) -> dict[tuple, dict]:
    out = {}
    for name, table_rows in rows.items():
        columns = [column.name for column in TABLES[name].primary_key.columns]
        for row in table_rows:
            out[(name, *(row[c] for c in columns))] = row
    return out


def check_delete(project_file: ProjectFile, item: Base, delete: Callable[[Any], None]) -> Subtree:
    """Delete ``item`` through the model operation; the snapshot must name every row that
    went and explain every row that changed; restoring it must give back the same dump."""
    session = project_file.session
    before = dump(session)
    tree = remove(item, delete)
    after = dump(session)
    was, now = keyed(before), keyed(after)
    gone = {key: row for key, row in was.items() if key not in now}
    assert gone == keyed(tree.rows)
    changed = {key for key in was.keys() & now.keys() if was[key] != now[key]}
    explained = {(name, row_id) for name, row_id, _column, _value in tree.nulled}
    explained |= {(tree.table, row_id) for row_id in tree.siblings}
    assert changed <= explained
    restore(session, tree)
    assert dump(session) == before
    return tree


@pytest.fixture
def as_is(sample_file: ProjectFile) -> Blueprint:
    return load_blueprints(sample_file.session)[0]


def test_every_card_of_the_sample(sample_file: ProjectFile, as_is: Blueprint) -> None:
    cards = [card for lane in as_is.lanes for card in lane.cards]
    assert len(cards) > 40
    kinds: set[str] = set()
    for card in cards:
        tree = check_delete(sample_file, sample_file.session.get(Card, card.id), ops.delete_card)
        kinds |= set(tree.rows)
    # Between them the cards carried every kind of attached row.
    assert {"connector", "pain_point", "card_system", "opportunity_pain_point", "comment"} <= kinds


def test_every_step_lane_stage_and_connector(sample_file: ProjectFile, as_is: Blueprint) -> None:
    session = sample_file.session
    for kind, delete in (
        (Step, ops.delete_step),
        (Lane, ops.delete_lane),
        (Stage, ops.delete_stage),
        (Connector, ops.delete_connector),
    ):
        ids = [item.id for item in getattr(as_is, f"{kind.__tablename__}s")]
        assert ids
        for item_id in ids:
            check_delete(sample_file, session.get(kind, item_id), delete)


def test_a_stage_takes_only_its_row_and_its_steps_stage(sample_file, as_is) -> None:
    stage = as_is.stages[1]
    step_ids = [step.id for step in stage.steps]
    tree = check_delete(sample_file, stage, ops.delete_stage)
    assert list(tree.rows) == ["stage"]
    assert [(name, row_id) for name, row_id, *_ in tree.nulled] == [
        ("step", step_id) for step_id in step_ids
    ]
    assert {column for _name, _id, column, _value in tree.nulled} == {"stage_id"}


def test_a_blueprint_takes_everything_and_its_to_be_forgets_it(sample_file, as_is) -> None:
    to_be = sample_file.project.blueprints[1]
    assert to_be.derived_from_id == as_is.id
    tree = check_delete(sample_file, as_is, ops.delete_blueprint)
    assert {"blueprint", "lane", "step", "stage", "card", "connector", "comment"} <= set(tree.rows)
    assert tree.nulled == [("blueprint", to_be.id, "derived_from_id", as_is.id)]
    # Restoring told the loaded to-be about its source again.
    assert to_be.derived_from_id == as_is.id


def test_loaded_objects_follow_the_remove_and_the_restore(sample_file, as_is) -> None:
    """The loaded lanes, steps and cards see the change at once (no stale collections)."""
    session = sample_file.session
    step = as_is.steps[3]
    counts = {lane.id: len(lane.cards) for lane in as_is.lanes}
    tree = remove(step, ops.delete_step)
    for lane in as_is.lanes:
        taken = sum(1 for row in tree.rows["card"] if row["lane_id"] == lane.id)
        assert len(lane.cards) == counts[lane.id] - taken
    assert [s.position for s in as_is.steps] == list(range(len(as_is.steps)))
    restore(session, tree)
    assert {lane.id: len(lane.cards) for lane in as_is.lanes} == counts
    assert session.get(Step, step.id) in as_is.steps
    assert [s.position for s in as_is.steps] == list(range(len(as_is.steps)))
    connector_ids = set(tree.ids("connector"))
    assert connector_ids <= {c.id for c in as_is.connectors}


def test_capture_alone_changes_nothing(sample_file, as_is) -> None:
    before = dump(sample_file.session)
    tree = capture(as_is.lanes[0].cards[0])
    assert tree.table == "card" and tree.rows["card"][0]["id"] == tree.id
    assert dump(sample_file.session) == before


def test_a_card_in_a_fresh_project(project_file: ProjectFile) -> None:
    blueprint = project_file.project.blueprints[0]
    lane, step = blueprint.lanes[0], blueprint.steps[0]
    first = ops.add_card(lane, step, "first")
    middle = ops.add_card(lane, step, "middle")
    ops.add_card(lane, step, "last")
    project_file.commit()
    tree = check_delete(project_file, middle, ops.delete_card)
    assert tree.siblings[first.id] == 0 and len(tree.siblings) == 2
    assert [c.text for c in ops.cell_cards(lane, step)] == ["first", "middle", "last"]
