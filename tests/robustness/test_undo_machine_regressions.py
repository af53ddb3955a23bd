"""Defects the undo/redo state machine (test_undo_machine.py) found, each kept as the
plain sequence of edits that showed it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.editing.commands.method import AddCommentCommand
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
