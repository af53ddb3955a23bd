"""Commands on stages: add, rename, move, delete or ungroup, and group steps into a new one."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand, counted, fetch
from app.editing.commands.patterns import (
    CreateCommand,
    DeleteCommand,
    EditFieldsCommand,
    ReorderCommand,
)
from app.model.base import Base
from app.model.changes import ChangeSet
from app.model.errors import ModelError
from app.model.ops_grid import add_stage, delete_stage, move_stage, set_step_stage
from app.model.put_back import put_back_positions
from app.model.structure import Blueprint, Stage, Step
from app.model.subtree import Subtree, remove, restore


class AddStageCommand(CreateCommand):
    """A new, empty stage at ``index`` (None: last)."""

    def __init__(self, blueprint_id: str, title: str, index: int | None = None) -> None:
        super().__init__("Add stage")
        self.blueprint_id, self.title, self.index = blueprint_id, title, index

    def siblings(self, session: Session) -> list[Stage]:
        return fetch(session, Blueprint, self.blueprint_id).stages

    def create(self, session: Session) -> list[Base]:
        return [add_stage(fetch(session, Blueprint, self.blueprint_id), self.title, self.index)]


class RenameStageCommand(EditFieldsCommand):
    kind = Stage

    def __init__(self, stage_id: str, title: str) -> None:
        super().__init__("Rename stage", stage_id, {"title": title})


class MoveStageCommand(ReorderCommand):
    kind = Stage

    def __init__(self, stage_id: str, index: int) -> None:
        super().__init__("Move stage", stage_id, index)

    def siblings(self, item: Stage) -> list[Stage]:
        return item.blueprint.stages

    def reorder(self, item: Stage, index: int) -> None:
        move_stage(item, index)


class DeleteStageCommand(DeleteCommand):
    """Delete a stage; its steps stay in the journey, in no stage."""

    kind = Stage

    def __init__(self, stage_id: str, *, text: str = "Delete stage") -> None:
        super().__init__(text, [stage_id])


def ungroup_stage(stage_id: str) -> DeleteStageCommand:
    """Ungroup: the stage goes, its steps stay where they are (the model's delete_stage)."""
    return DeleteStageCommand(stage_id, text="Ungroup stage")


class GroupStepsCommand(EditCommand):
    """Group consecutive steps into a new stage, placed among the stages in journey order;
    the steps leave the stages they were in."""

    def __init__(self, step_ids: Sequence[str], title: str) -> None:
        super().__init__(f"Group {counted(len(set(step_ids)), 'step')} into stage")
        if not step_ids:
            raise ModelError("choose the steps to group into a stage")
        self.step_ids = list(dict.fromkeys(step_ids))
        self.title = title
        self.stage_id: str | None = None
        self.old_stages: dict[str, str | None] = {}
        self.numbering: dict[str, int] = {}
        self._tree: Subtree | None = None

    def apply(self, session: Session) -> ChangeSet:
        steps = sorted((fetch(session, Step, i) for i in self.step_ids), key=lambda s: s.position)
        blueprint = steps[0].blueprint
        if self._tree is None:
            index = _stage_index(blueprint, steps)
            self.numbering = {stage.id: stage.position for stage in blueprint.stages}
            stage = add_stage(blueprint, self.title, index)
            self.stage_id = stage.id
        else:
            restore(session, self._tree)
            self._tree = None
            stage = fetch(session, Stage, self.stage_id or "")
        self.old_stages = {step.id: step.stage_id for step in steps}
        for step in steps:
            set_step_stage(step, stage)
        return ChangeSet(blueprint.id, steps_changed=True, stages_changed=True)

    def revert(self, session: Session) -> None:
        for step_id, stage_id in self.old_stages.items():
            old = fetch(session, Stage, stage_id) if stage_id else None
            set_step_stage(fetch(session, Step, step_id), old)
        self._tree = remove(fetch(session, Stage, self.stage_id or ""), delete_stage)
        put_back_positions(session, Stage, self.numbering)


def _stage_index(blueprint: Blueprint, steps: list[Step]) -> int:
    """Check the steps are next to each other in one blueprint; the new stage goes after
    the stages of the steps before them."""
    if any(step.blueprint is not blueprint for step in steps):
        raise ModelError("the steps to group belong to different blueprints")
    first, last = steps[0].position, steps[-1].position
    if last - first + 1 != len(steps):
        raise ModelError("a stage groups steps that are next to each other; choose those")
    before = [s.stage for s in blueprint.steps if s.position < first and s.stage is not None]
    return max((stage.position + 1 for stage in before), default=0)
