"""Lane, step, stage and blueprint commands: each round-trips exactly through undo and redo."""

import pytest
from editing_helpers import blueprint_of, busy_card, round_trip

from app.editing.commands.blueprints import (
    AddBlueprintCommand,
    DeleteBlueprintCommand,
    DuplicateAsToBeCommand,
    MoveBlueprintCommand,
    RenameBlueprintCommand,
)
from app.editing.commands.lanes import (
    AddLaneCommand,
    DeleteLaneCommand,
    MoveLaneCommand,
    RenameLaneCommand,
    SetLaneHeightCommand,
)
from app.editing.commands.stages import (
    AddStageCommand,
    DeleteStageCommand,
    GroupStepsCommand,
    MoveStageCommand,
    RenameStageCommand,
    ungroup_stage,
)
from app.editing.commands.steps import (
    AddStepCommand,
    DeleteStepCommand,
    MoveStepCommand,
    RenameStepCommand,
    SetStepStageCommand,
)
from app.editing.document import EditingDocument
from app.model.errors import ModelError


def titles(items) -> list[str]:
    return [getattr(item, "title", None) or item.name for item in items]


def stage_titles(document: EditingDocument) -> list[str | None]:
    """Each step's stage title, in journey order."""
    return [s.stage.title if s.stage else None for s in blueprint_of(document).steps]


def test_lane_commands(document: EditingDocument) -> None:
    busy_card(document)
    blueprint = blueprint_of(document)
    lane = blueprint.lanes[1]
    cases = [
        (AddLaneCommand(blueprint.id, "custom", "Volunteers"), "Add lane"),
        (AddLaneCommand(blueprint.id, "custom", "Carers", index=1), "Insert lane"),
        (RenameLaneCommand(lane.id, "Patient actions"), "Rename lane"),
        (SetLaneHeightCommand(lane.id, 240), "Resize lane"),
        (MoveLaneCommand(lane.id, 4), "Move lane"),
        (DeleteLaneCommand(lane.id), "Delete lane"),
    ]
    for command, text in cases:
        assert command.text() == text
        round_trip(document, command)
    assert "Patient actions" not in titles(blueprint.lanes)
    assert titles(blueprint.lanes)[1] == "Carers"


def test_step_commands(document: EditingDocument) -> None:
    busy_card(document)
    blueprint = blueprint_of(document)
    step = blueprint.steps[0]
    during = blueprint.stages[1]
    cases = [
        (AddStepCommand(blueprint.id, "Step 6"), "Add step"),
        (AddStepCommand(blueprint.id, "Step 0", during.id, index=0), "Insert step"),
        (RenameStepCommand(step.id, "Receives letter"), "Rename step"),
        (MoveStepCommand(step.id, 3), "Move step"),
        (SetStepStageCommand(step.id, during.id), "Move step to stage"),
        (SetStepStageCommand(step.id, None), "Remove step from stage"),
        (DeleteStepCommand(step.id), "Delete step"),
    ]
    for command, text in cases:
        assert command.text() == text
        round_trip(document, command)
    assert titles(blueprint.steps)[0] == "Step 0"
    assert "Receives letter" not in titles(blueprint.steps)


def test_stage_commands(document: EditingDocument) -> None:
    blueprint = blueprint_of(document)
    before, during, after = blueprint.stages
    cases = [
        (AddStageCommand(blueprint.id, "Referral", index=0), "Add stage"),
        (RenameStageCommand(during.id, "Attending"), "Rename stage"),
        (MoveStageCommand(after.id, 0), "Move stage"),
        (DeleteStageCommand(before.id), "Delete stage"),
        (ungroup_stage(during.id), "Ungroup stage"),
    ]
    for command, text in cases:
        assert command.text() == text
        round_trip(document, command)
    assert titles(blueprint.stages) == ["After", "Referral"]
    assert stage_titles(document) == [None, None, None, None, "After"]


def test_group_steps_into_a_new_stage_and_ungroup(document: EditingDocument) -> None:
    blueprint = blueprint_of(document)
    steps = blueprint.steps  # Before: 1 2, During: 3 4, After: 5
    command = GroupStepsCommand([steps[2].id, steps[1].id], "Booking")
    assert command.text() == "Group 2 steps into stage"
    round_trip(document, command)
    assert stage_titles(document) == ["Before", "Booking", "Booking", "During", "After"]
    assert titles(blueprint.stages) == ["Before", "Booking", "During", "After"]
    booking = blueprint.steps[1].stage
    round_trip(document, ungroup_stage(booking.id))
    assert stage_titles(document) == ["Before", None, None, "During", "After"]


def test_grouping_steps_apart_is_refused(document: EditingDocument) -> None:
    steps = blueprint_of(document).steps
    with pytest.raises(ModelError, match="next to each other"):
        document.push(GroupStepsCommand([steps[0].id, steps[2].id], "Apart"))
    assert document.undo_stack.count() == 0


def test_blueprint_commands(document: EditingDocument) -> None:
    busy_card(document)
    project = document.project
    as_is = blueprint_of(document)
    cases = [
        (AddBlueprintCommand("Referral", "as-is"), "Add blueprint"),
        (RenameBlueprintCommand(as_is.id, "Health check"), "Rename blueprint"),
        (DuplicateAsToBeCommand(as_is.id), "Duplicate as to-be"),
        (MoveBlueprintCommand(as_is.id, 2), "Move blueprint"),
    ]
    for command, text in cases:
        assert command.text() == text
        round_trip(document, command)
    assert titles(project.blueprints) == ["Health check (to-be)", "Referral", "Health check"]
    to_be = project.blueprints[0]
    assert to_be.derived_from_id == as_is.id
    command = DeleteBlueprintCommand(as_is.id)
    assert command.text() == "Delete blueprint"
    round_trip(document, command)
    assert titles(project.blueprints) == ["Health check (to-be)", "Referral"]
    assert to_be.derived_from_id is None
    document.undo()
    assert to_be.derived_from_id == as_is.id


def test_deleting_the_sample_as_is_and_undoing(sample: EditingDocument) -> None:
    as_is = blueprint_of(sample)
    round_trip(sample, DeleteBlueprintCommand(as_is.id))
    round_trip(sample, DeleteStepCommand(blueprint_of(sample).steps[2].id))
    round_trip(sample, DeleteLaneCommand(blueprint_of(sample).lanes[5].id))
