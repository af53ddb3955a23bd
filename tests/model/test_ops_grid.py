"""Operations on the grid: add, edit, move, delete and reorder every kind of grid item."""

import pytest
from sqlalchemy import func, select

from app.model import ops_grid as ops
from app.model.errors import ModelError
from app.model.kinds import BlueprintKind, ConnectorKind, LaneKind
from app.model.ops_catalogue import add_comment
from app.model.schema import Card, Comment, Connector, Step


def titles(items) -> list[str]:
    return [getattr(item, "title", None) or getattr(item, "name", None) for item in items]


def positions(items) -> list[int]:
    return [item.position for item in items]


def test_every_row_gets_a_uuid(blueprint) -> None:
    ids = [blueprint.id] + [lane.id for lane in blueprint.lanes] + [s.id for s in blueprint.steps]
    assert all(len(i) == 36 and i.count("-") == 4 for i in ids)
    assert len(set(ids)) == len(ids)


def test_create_project_refuses_a_second_project(session, project) -> None:
    with pytest.raises(ModelError, match="already holds a project"):
        ops.create_project(session, "Another")


def test_blueprints_are_added_at_a_position_and_reordered(project) -> None:
    a = ops.add_blueprint(project, "A")
    b = ops.add_blueprint(project, "B", kind="to-be")
    c = ops.add_blueprint(project, "C", index=0)
    assert titles(project.blueprints) == ["C", "A", "B"]
    assert positions(project.blueprints) == [0, 1, 2]
    assert b.kind is BlueprintKind.TO_BE
    ops.move_blueprint(c, 2)
    assert titles(project.blueprints) == ["A", "B", "C"]
    ops.delete_blueprint(a)
    assert titles(project.blueprints) == ["B", "C"]
    assert positions(project.blueprints) == [0, 1]


def test_edit_checks_and_returns_old_values(blueprint) -> None:
    old = ops.edit(blueprint, name="  Renamed  ", description="notes")
    assert old == {"name": "As-is", "description": ""}
    assert blueprint.name == "Renamed"
    with pytest.raises(ModelError, match="cannot be empty"):
        ops.edit(blueprint, name="   ")
    with pytest.raises(ModelError, match="kind must be one of: as-is, to-be"):
        ops.edit(blueprint, kind="future")
    with pytest.raises(ModelError, match="no editable field 'project_id'"):
        ops.edit(blueprint, project_id="x")
    assert blueprint.name == "Renamed"


def test_lanes_default_titles_reorder_and_delete(blueprint) -> None:
    systems = ops.add_lane(blueprint, LaneKind.SYSTEMS)
    custom = ops.add_lane(blueprint, "custom", title="Volunteers", index=1)
    assert systems.title == "Systems"
    assert titles(blueprint.lanes) == [
        "Customer actions",
        "Volunteers",
        "Frontstage",
        "Backstage",
        "Systems",
    ]
    ops.move_lane(systems, 0)
    assert titles(blueprint.lanes)[0] == "Systems"
    assert positions(blueprint.lanes) == [0, 1, 2, 3, 4]
    ops.delete_lane(custom)
    assert titles(blueprint.lanes) == ["Systems", "Customer actions", "Frontstage", "Backstage"]
    with pytest.raises(ModelError, match="height must be from 20 to 5000"):
        ops.edit(systems, height=5)


def test_steps_reorder_and_change_stage(blueprint) -> None:
    booking, attending = blueprint.stages
    step = ops.add_step(blueprint, "Reminder", stage=booking, index=1)
    assert titles(blueprint.steps) == [
        "Reminder" if i == 1 else t
        for i, t in enumerate(["Booking 1", "x", "Booking 2", "Attending 1", "Attending 2"])
    ]
    ops.move_step(step, 4)
    assert titles(blueprint.steps)[4] == "Reminder"
    assert positions(blueprint.steps) == list(range(5))
    ops.set_step_stage(step, attending)
    assert step in attending.steps and step not in booking.steps
    ops.set_step_stage(step, None)
    assert step.stage is None


def test_deleting_a_stage_keeps_its_steps(session, blueprint) -> None:
    booking = blueprint.stages[0]
    ops.delete_stage(booking)
    assert titles(blueprint.stages) == ["Attending"]
    assert blueprint.stages[0].position == 0
    assert len(blueprint.steps) == 4
    assert blueprint.steps[0].stage is None


def test_cards_stack_in_their_cell(blueprint) -> None:
    lane, step = blueprint.lanes[0], blueprint.steps[0]
    first = ops.add_card(lane, step, "Receives letter")
    second = ops.add_card(lane, step, "Phones surgery")
    top = ops.add_card(lane, step, "Reads leaflet", index=0, fail_point=True, duration_minutes=5)
    assert [c.text for c in ops.cell_cards(lane, step)] == [
        "Reads leaflet",
        "Receives letter",
        "Phones surgery",
    ]
    assert top.fail_point and top.duration_minutes == 5 and not top.wait_point
    assert positions(ops.cell_cards(lane, step)) == [0, 1, 2]
    assert first.position == 1 and second.position == 2


def test_card_fields_are_checked(blueprint) -> None:
    lane, step = blueprint.lanes[0], blueprint.steps[0]
    with pytest.raises(ModelError, match="duration minutes must be 0 or more"):
        ops.add_card(lane, step, "x", duration_minutes=-1)
    with pytest.raises(ModelError, match="fail point must be true or false"):
        ops.add_card(lane, step, "x", fail_point="yes")
    card = ops.add_card(lane, step, "x")
    ops.edit(card, text="<b>not markup</b>", channel="phone", wait_point=True, notes="n")
    assert card.text == "<b>not markup</b>" and card.wait_point


def test_move_card_between_cells_and_within_a_cell(blueprint) -> None:
    customer, frontstage = blueprint.lanes[0], blueprint.lanes[1]
    step1, step2 = blueprint.steps[0], blueprint.steps[1]
    a, b, c = (ops.add_card(customer, step1, t) for t in "abc")
    ops.move_card(a, frontstage, step2)
    assert (a.lane, a.step, a.position) == (frontstage, step2, 0)
    assert [x.text for x in ops.cell_cards(customer, step1)] == ["b", "c"]
    assert positions(ops.cell_cards(customer, step1)) == [0, 1]
    ops.move_card(c, customer, step1, 0)
    assert [x.text for x in ops.cell_cards(customer, step1)] == ["c", "b"]
    ops.move_card(b, frontstage, step2, 0)
    assert [x.text for x in ops.cell_cards(frontstage, step2)] == ["b", "a"]


def test_cards_cannot_cross_blueprints(project, blueprint) -> None:
    other = ops.add_blueprint(project, "Other")
    lane = ops.add_lane(other, "frontstage")
    step = ops.add_step(other, "Only")
    card = ops.add_card(blueprint.lanes[0], blueprint.steps[0], "x")
    with pytest.raises(ModelError, match="same blueprint"):
        ops.add_card(lane, blueprint.steps[0], "x")
    with pytest.raises(ModelError, match="within its blueprint"):
        ops.move_card(card, lane, step)
    other_card = ops.add_card(lane, step, "y")
    with pytest.raises(ModelError, match="same blueprint"):
        ops.add_connector(card, other_card)


def test_delete_card_renumbers_and_drops_its_connectors_and_comments(session, blueprint) -> None:
    lane, step = blueprint.lanes[0], blueprint.steps[0]
    a, b, c = (ops.add_card(lane, step, t) for t in "abc")
    link = ops.add_connector(a, b, "hand-off", "passes the form")
    ops.add_connector(c, b)
    add_comment(b, "Asha", "Is this right?")
    assert link.kind is ConnectorKind.HAND_OFF
    ops.delete_card(b)
    assert [x.text for x in ops.cell_cards(lane, step)] == ["a", "c"]
    assert positions(ops.cell_cards(lane, step)) == [0, 1]
    assert session.scalar(select(func.count()).select_from(Connector)) == 0
    assert session.scalar(select(func.count()).select_from(Comment)) == 0
    assert a.outgoing == [] and blueprint.connectors == []


def test_connectors_edit_and_delete(blueprint) -> None:
    a = ops.add_card(blueprint.lanes[0], blueprint.steps[0], "a")
    b = ops.add_card(blueprint.lanes[1], blueprint.steps[0], "b")
    with pytest.raises(ModelError, match="two different cards"):
        ops.add_connector(a, a)
    link = ops.add_connector(a, b)
    ops.edit(link, kind="data", label="contact details")
    assert link.kind is ConnectorKind.DATA and link.label == "contact details"
    ops.delete_connector(link)
    assert a.outgoing == [] and b.incoming == [] and blueprint.connectors == []


def test_deleting_a_step_removes_its_cards(session, blueprint) -> None:
    step = blueprint.steps[0]
    ops.add_card(blueprint.lanes[0], step, "gone")
    kept = ops.add_card(blueprint.lanes[0], blueprint.steps[1], "kept")
    ops.delete_step(step)
    assert session.scalars(select(Card)).all() == [kept]
    assert blueprint.lanes[0].cards == [kept]
    assert session.get(Step, step.id) is None
    assert positions(blueprint.steps) == [0, 1, 2]


def test_deleting_a_lane_removes_its_cards(session, blueprint) -> None:
    gone = ops.add_card(blueprint.lanes[0], blueprint.steps[0], "gone")
    kept = ops.add_card(blueprint.lanes[1], blueprint.steps[0], "kept")
    ops.add_connector(gone, kept)
    ops.delete_lane(blueprint.lanes[0])
    assert session.scalars(select(Card)).all() == [kept]
    assert blueprint.steps[0].cards == [kept]
    assert blueprint.connectors == [] and kept.incoming == []
