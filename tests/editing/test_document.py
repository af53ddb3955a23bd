"""The editing document: commits each change, announces it, tracks "modified", refuses edits
to read-only projects and leaves everything as it was when an operation fails."""

import sqlite3
from pathlib import Path

import pytest
from editing_helpers import blueprint_of, busy_card

from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    EditCardCommand,
    EditCardTextCommand,
    MoveCardsCommand,
)
from app.editing.commands.connectors import (
    AddConnectorCommand,
    DeleteConnectorsCommand,
    EditConnectorCommand,
)
from app.editing.commands.lanes import AddLaneCommand
from app.editing.commands.stages import GroupStepsCommand
from app.editing.commands.steps import DeleteStepCommand
from app.editing.document import EditingDocument
from app.model.changes import ChangeSet
from app.model.dump import dump
from app.model.errors import ModelError, ReadOnlyError
from app.model.project_file import ProjectFile


def pushed(qtbot, document: EditingDocument, command) -> ChangeSet:
    with qtbot.waitSignal(document.changed, timeout=1000) as signal:
        document.push(command)
    return signal.args[0]


def undone(qtbot, document: EditingDocument) -> ChangeSet:
    with qtbot.waitSignal(document.changed, timeout=1000) as signal:
        document.undo()
    return signal.args[0]


def test_change_sets_name_what_changed(qtbot, document: EditingDocument) -> None:
    card = busy_card(document)
    blueprint = blueprint_of(document)
    lane, step = blueprint.lanes[0], blueprint.steps[0]

    added = pushed(qtbot, document, AddCardCommand(lane.id, step.id, "Letter"))
    new_id = next(iter(added.cards_added))
    assert added == ChangeSet(blueprint.id, cards_added=frozenset({new_id}))
    assert undone(qtbot, document) == ChangeSet(blueprint.id, cards_removed=frozenset({new_id}))
    document.redo()

    typed = pushed(qtbot, document, EditCardTextCommand(card.id, "Rings"))
    assert typed == ChangeSet(blueprint.id, cards_changed=frozenset({card.id}))
    moved = pushed(qtbot, document, MoveCardsCommand([CardMove(card.id, lane.id, step.id, 0)]))
    assert moved.cards_changed == {card.id} and not moved.structure_changed

    connector = pushed(qtbot, document, AddConnectorCommand(new_id, card.id, "data"))
    (connector_id,) = connector.connectors_added
    edited = pushed(qtbot, document, EditConnectorCommand(connector_id, label="sends"))
    assert edited == ChangeSet(blueprint.id, connectors_changed=frozenset({connector_id}))
    removed = pushed(qtbot, document, DeleteConnectorsCommand([connector_id]))
    assert removed.connectors_removed == {connector_id}

    deleted = pushed(qtbot, document, DeleteCardsCommand([card.id]))
    assert deleted.cards_removed == {card.id}
    assert len(deleted.connectors_removed) == 2  # the busy card's two connectors
    assert not deleted.structure_changed


def test_change_sets_of_structure(qtbot, document: EditingDocument) -> None:
    busy_card(document)
    blueprint = blueprint_of(document)
    step = blueprint.steps[0]
    card_ids = {c.id for c in step.cards}
    lane = pushed(qtbot, document, AddLaneCommand(blueprint.id, "custom", "Carers"))
    assert lane == ChangeSet(blueprint.id, lanes_changed=True)
    group = pushed(qtbot, document, GroupStepsCommand([step.id], "First"))
    assert group.steps_changed and group.stages_changed and not group.lanes_changed
    gone = pushed(qtbot, document, DeleteStepCommand(step.id))
    assert gone.steps_changed and gone.cards_removed == card_ids
    assert gone.blueprint_id == blueprint.id and not gone.blueprints_changed


def test_every_push_undo_and_redo_is_committed_to_the_working_copy(
    document: EditingDocument,
) -> None:
    card = busy_card(document)
    database = document.project_file.working.database

    def text_on_disk() -> str:
        # A second connection sees only what was committed.
        connection = sqlite3.connect(database)
        try:
            row = connection.execute("SELECT text FROM card WHERE id = ?", (card.id,)).fetchone()
            return row[0]
        finally:
            connection.close()

    document.push(EditCardCommand(card.id, text="Rings the surgery"))
    assert text_on_disk() == "Rings the surgery"
    document.undo()
    assert text_on_disk() == "Phones surgery"
    document.redo()
    assert text_on_disk() == "Rings the surgery"
    assert document.project_file.modified


def test_modified_follows_the_clean_state(qtbot, document: EditingDocument) -> None:
    card = busy_card(document)
    assert not document.modified
    with qtbot.waitSignal(document.modified_changed) as signal:
        document.push(EditCardCommand(card.id, notes="n"))
    assert signal.args == [True] and document.modified
    document.saved()
    assert not document.modified
    document.undo()
    assert document.modified
    document.redo()
    assert not document.modified


def test_a_recovered_project_starts_modified(qapp, project_file: ProjectFile) -> None:
    project_file.commit()
    project_file.working.record.modified = True
    assert EditingDocument(project_file).modified


def test_read_only_projects_refuse_edits(qapp, project_file: ProjectFile, tmp_path: Path) -> None:
    path = tmp_path / "clinic.blueprint"
    project_file.save_as(path)
    reader = ProjectFile.open(path, read_only=True)
    try:
        document = EditingDocument(reader)
        blueprint = blueprint_of(document)
        before = dump(reader.session)
        command = AddCardCommand(blueprint.lanes[0].id, blueprint.steps[0].id, "x")
        with pytest.raises(ReadOnlyError, match=r"clinic\.blueprint is open read-only.*Save As"):
            document.push(command)
        assert document.undo_stack.count() == 0
        assert dump(reader.session) == before
    finally:
        reader.close()


def test_a_refused_operation_pushes_nothing_and_rolls_back(
    qtbot, document: EditingDocument
) -> None:
    card = busy_card(document)
    blueprint = blueprint_of(document)
    document.push(EditCardTextCommand(card.id, "kept"))
    before = dump(document.session)
    steps = blueprint.steps
    bad = [
        EditCardCommand(card.id, notes="changed first", duration_minutes=-5),
        MoveCardsCommand(
            [
                CardMove(card.id, blueprint.lanes[3].id, steps[3].id),  # done, then undone
                CardMove(card.id, blueprint.lanes[0].id, "no-such-step"),
            ]
        ),
        GroupStepsCommand([steps[0].id, steps[3].id], "Apart"),
        EditCardTextCommand("no-such-card", "x"),
    ]
    with qtbot.assertNotEmitted(document.changed):
        for command in bad:
            with pytest.raises(ModelError):
                document.push(command)
            assert document.undo_stack.count() == 1
            assert document.undo_stack.undoText() == "Type in card"
            assert dump(document.session) == before
    document.undo()
    assert document.session.get(type(card), card.id).text == "Phones surgery"


def test_a_failing_undo_keeps_the_work_and_drops_the_history(
    qtbot, document: EditingDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = busy_card(document)
    document.push(EditCardTextCommand(card.id, "first"))
    command = EditCardCommand(card.id, notes="second")
    document.push(command)
    after = dump(document.session)

    def broken(_session) -> None:
        raise ModelError("the disk went away")

    monkeypatch.setattr(command, "revert", broken)
    with qtbot.waitSignal(document.failed) as signal, qtbot.assertNotEmitted(document.changed):
        document.undo()
    assert signal.args[0].startswith("Undo Edit card failed (the disk went away)")
    assert dump(document.session) == after
    qtbot.waitUntil(lambda: document.undo_stack.count() == 0)
    assert document.modified


def test_undo_back_to_the_saved_state_leaves_nothing_to_recover(qtbot) -> None:
    from app.editing.commands.cards import AddCardCommand
    from app.editing.document import EditingDocument
    from app.model.project_file import ProjectFile

    project_file = ProjectFile.new("Clinic")
    document = EditingDocument(project_file)
    blueprint = project_file.project.blueprints[0]
    document.push(AddCardCommand(blueprint.lanes[1].id, blueprint.steps[0].id, "x"))
    assert project_file.modified and document.modified
    document.undo()
    assert not project_file.modified and not document.modified
    project_file.close()
