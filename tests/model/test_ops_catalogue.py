"""Systems and their data items, actors, and comments on any item."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.model import ops_catalogue as ops
from app.model import ops_grid as grid
from app.model.errors import ModelError
from app.model.kinds import ActorKind
from app.model.schema import Comment, DataItem


def test_systems_hold_data_items_and_cards_name_them(session, project, blueprint) -> None:
    gp = ops.add_system(project, "GP clinical system", ["contact details", "bloods"], owner="GP")
    trust = ops.add_system(project, "Mental health trust records", ["contact details"])
    assert [d.name for d in gp.data_items] == ["contact details", "bloods"]
    assert [d.position for d in gp.data_items] == [0, 1]
    card = grid.add_card(blueprint.lanes[2], blueprint.steps[0], "Pull eligible list")
    ops.set_card_systems(card, [trust, gp, trust])
    assert card.systems == [gp, trust]
    assert gp.cards == [card]
    ops.delete_data_item(gp.data_items[0])
    assert [(d.name, d.position) for d in gp.data_items] == [("bloods", 0)]
    ops.delete_system(trust)
    assert card.systems == [gp]
    assert session.scalar(select(func.count()).select_from(DataItem)) == 1


def test_actors_are_named_on_cards(project, blueprint) -> None:
    nurse = ops.add_actor(project, "Practice nurse", "staff role")
    assert nurse.kind is ActorKind.STAFF_ROLE
    card = grid.add_card(blueprint.lanes[1], blueprint.steps[0], "Runs checks")
    ops.set_card_actor(card, nurse)
    assert card.actor is nurse
    ops.delete_actor(nurse)
    assert card.actor is None
    with pytest.raises(ModelError, match="kind must be one of"):
        ops.add_actor(project, "x", "volunteer")


def test_comments_on_any_item_in_time_order(session, project, blueprint) -> None:
    early = datetime(2026, 1, 5, 10, tzinfo=UTC)
    ops.add_comment(blueprint.steps[0], "Sam", "Second", at=datetime(2026, 1, 6, tzinfo=UTC))
    ops.add_comment(blueprint.steps[0], "Asha", "First", at=early)
    ops.add_comment(project, "Asha", "On the project")
    comments = ops.comments_on(blueprint.steps[0])
    assert [(c.author, c.text, c.item_kind) for c in comments] == [
        ("Asha", "First", "Step"),
        ("Sam", "Second", "Step"),
    ]
    ops.delete_comment(comments[0])
    assert [c.text for c in ops.comments_on(blueprint.steps[0])] == ["Second"]
    with pytest.raises(ModelError, match="author cannot be empty"):
        ops.add_comment(project, " ", "x")


def test_comments_go_with_the_items_they_are_on(session, blueprint) -> None:
    step = blueprint.steps[0]
    card = grid.add_card(blueprint.lanes[0], step, "x")
    ops.add_comment(card, "Asha", "on the card")
    ops.add_comment(step, "Asha", "on the step")
    ops.add_comment(blueprint, "Asha", "on the blueprint")
    grid.delete_step(step)
    remaining = session.scalars(select(Comment.text)).all()
    assert remaining == ["on the blueprint"]
