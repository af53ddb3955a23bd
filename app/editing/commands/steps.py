"""Commands on steps: add or insert, rename, move, set its stage, delete (with its cards)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand, fetch
from app.editing.commands.patterns import (
    CreateCommand,
    DeleteCommand,
    EditFieldsCommand,
    ReorderCommand,
)
from app.model.base import Base
from app.model.changes import ChangeSet
from app.model.ops_grid import add_step, move_step, set_step_stage
from app.model.structure import Blueprint, Stage, Step


class AddStepCommand(CreateCommand):
    """A new step at ``index`` ("Insert step"), or at the end ("Add step"), in a stage or none."""

    def __init__(
        self,
        blueprint_id: str,
        title: str,
        stage_id: str | None = None,
        index: int | None = None,
    ) -> None:
        super().__init__("Add step" if index is None else "Insert step")
        self.blueprint_id, self.title, self.stage_id, self.index = (
            blueprint_id,
            title,
            stage_id,
            index,
        )

    def siblings(self, session: Session) -> list[Step]:
        return fetch(session, Blueprint, self.blueprint_id).steps

    def create(self, session: Session) -> list[Base]:
        blueprint = fetch(session, Blueprint, self.blueprint_id)
        stage = fetch(session, Stage, self.stage_id) if self.stage_id else None
        return [add_step(blueprint, self.title, stage, self.index)]


class RenameStepCommand(EditFieldsCommand):
    kind = Step

    def __init__(self, step_id: str, title: str) -> None:
        super().__init__("Rename step", step_id, {"title": title})


class MoveStepCommand(ReorderCommand):
    kind = Step

    def __init__(self, step_id: str, index: int) -> None:
        super().__init__("Move step", step_id, index)

    def siblings(self, item: Step) -> list[Step]:
        return item.blueprint.steps

    def reorder(self, item: Step, index: int) -> None:
        move_step(item, index)


class SetStepStageCommand(EditCommand):
    """Put a step into a stage of its blueprint, or (None) into no stage."""

    def __init__(self, step_id: str, stage_id: str | None) -> None:
        super().__init__("Move step to stage" if stage_id else "Remove step from stage")
        self.step_id, self.stage_id = step_id, stage_id
        self.old_stage_id: str | None = None

    def apply(self, session: Session) -> ChangeSet:
        step = fetch(session, Step, self.step_id)
        self.old_stage_id = step.stage_id
        set_step_stage(step, fetch(session, Stage, self.stage_id) if self.stage_id else None)
        return ChangeSet(step.blueprint_id, steps_changed=True, stages_changed=True)

    def revert(self, session: Session) -> None:
        stage = fetch(session, Stage, self.old_stage_id) if self.old_stage_id else None
        set_step_stage(fetch(session, Step, self.step_id), stage)


class DeleteStepCommand(DeleteCommand):
    """Delete a step with its cards, pain points, emotion and key moment."""

    kind = Step

    def __init__(self, step_id: str) -> None:
        super().__init__("Delete step", [step_id])
