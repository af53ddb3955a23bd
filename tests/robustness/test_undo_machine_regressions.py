"""Defects the undo/redo state machine (test_undo_machine.py) found, each kept as the
plain sequence of edits that showed it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.editing.commands.method import AddCommentCommand, SetEmotionCommand, SetKeyMomentCommand
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.ops_grid import add_card
from app.model.project_file import ProjectFile
from app.model.structure import Card


@pytest.fixture
def document(qapp) -> Iterator[EditingDocument]:
    project_file = ProjectFile.new("Regressions")
    yield EditingDocument(project_file)
    project_file.close()


def test_add_comment_keeps_its_name_for_edit_undo(document: EditingDocument) -> None:
    """The comment's text once hid QUndoCommand.text(): asking the step's name (as the
    message of a failed undo does) raised TypeError."""
    blueprint = document.project.blueprints[0]
    card_lane, step = blueprint.lanes[0], blueprint.steps[0]
    card = add_card(card_lane, step, "Reads letter")
    document.project_file.commit()
    before = dump(document.session)
    command = AddCommentCommand(Card, card.id, "Ann", "Seen twice")
    document.push(command)
    assert command.text() == "Add comment"
    assert document.undo_stack.undoText() == "Add comment"
    document.undo()
    assert dump(document.session) == before


def _emotion_round_trip(document: EditingDocument, first, then) -> None:
    step = document.project.blueprints[0].steps[0]
    before, steps = dump(document.session), document.undo_stack.count()
    document.push(SetEmotionCommand(step.id, *first))
    document.push(SetEmotionCommand(step.id, *then))  # dragged on: one undo step
    assert document.undo_stack.count() == steps + 1
    after = dump(document.session)
    for _cycle in range(2):
        document.undo()
        assert dump(document.session) == before
        document.redo()
        assert dump(document.session) == after


def test_emotion_set_after_clearing_redoes_with_the_same_row(document) -> None:
    """Cleared (no emotion yet), then set, merged into one step: redo made a new row with
    a new UUID, so redo all did not give back the last model."""
    _emotion_round_trip(document, (None, None), (0, -2))


def test_emotion_cleared_then_set_again_undoes_to_its_first_row(document) -> None:
    """Cleared, then set again, merged into one step: undo changed the new row in place,
    so the step's emotion came back under another UUID."""
    step = document.project.blueprints[0].steps[0]
    document.push(SetEmotionCommand(step.id, 1, 1))
    document.push(SetKeyMomentCommand(step.id, 3, 3))  # not merged with what follows
    _emotion_round_trip(document, (None, None), (2, 2))
