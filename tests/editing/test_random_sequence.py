"""A long random sequence of edits: undo all gives back the first state, redo all the last,
and every step in between; the loaded objects agree with the database all along."""

import random

import pytest
from random_edits import random_command
from sqlalchemy import select

from app.editing.commands.stages import GroupStepsCommand
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.errors import ModelError
from app.model.schema import Blueprint, Card, Connector, Lane, Stage, Step


def check_loaded_objects(document: EditingDocument) -> None:
    """The ORM collections the canvas reads agree with the rows in the database."""
    session = document.session

    def ids(query) -> list[str]:
        return list(session.scalars(query))

    assert [b.id for b in document.project.blueprints] == ids(
        select(Blueprint.id).order_by(Blueprint.position)
    )
    for blueprint in document.project.blueprints:
        for kind, items in ((Lane, blueprint.lanes), (Step, blueprint.steps)):
            query = select(kind.id).where(kind.blueprint_id == blueprint.id)
            assert [i.id for i in items] == ids(query.order_by(kind.position))
        query = select(Stage.id).where(Stage.blueprint_id == blueprint.id)
        assert [s.id for s in blueprint.stages] == ids(query.order_by(Stage.position))
        query = select(Connector.id).where(Connector.blueprint_id == blueprint.id)
        assert sorted(c.id for c in blueprint.connectors) == sorted(ids(query))
        for lane in blueprint.lanes:
            query = select(Card.id).where(Card.lane_id == lane.id)
            assert sorted(c.id for c in lane.cards) == sorted(ids(query))
        for step in blueprint.steps:
            query = select(Card.id).where(Card.step_id == step.id)
            assert sorted(c.id for c in step.cards) == sorted(ids(query))
            assert (step.stage.id if step.stage else None) == step.stage_id


@pytest.mark.parametrize("seed", [7, 2024])
def test_two_hundred_random_edits_undo_and_redo_exactly(sample: EditingDocument, seed: int) -> None:
    rng = random.Random(seed)
    stack = sample.undo_stack
    states = {0: dump(sample.session)}
    pushed = refused = 0
    while pushed < 200:
        if stack.index() > 0 and rng.random() < 0.05:
            sample.undo()  # the next push drops the undone command
            assert dump(sample.session) == states[stack.index()]
            continue
        command = random_command(rng, sample.project)
        if command is None:
            continue
        before = states[stack.index()]
        try:
            sample.push(command)
        except ModelError:
            # Only grouping steps that are not next to each other may be refused.
            assert isinstance(command, GroupStepsCommand)
            assert dump(sample.session) == before
            refused += 1
            continue
        pushed += 1
        states[stack.index()] = dump(sample.session)
        check_loaded_objects(sample)
    last = stack.index()
    assert last > 100  # typing merged some steps, not most
    while stack.canUndo():
        sample.undo()
        assert dump(sample.session) == states[stack.index()]
    check_loaded_objects(sample)
    while stack.canRedo():
        sample.redo()
        assert dump(sample.session) == states[stack.index()]
    assert stack.index() == last
    check_loaded_objects(sample)
