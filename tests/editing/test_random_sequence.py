"""A long random sequence of edits: undo all gives back the first state, redo all the last,
and every step in between; the loaded objects agree with the database all along."""

import random

import pytest
from random_edits import check_loaded_objects, random_command

from app.editing.commands.stages import GroupStepsCommand
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.errors import ModelError


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
