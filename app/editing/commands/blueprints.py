"""Commands on the project's blueprints: add, rename, move, delete, duplicate as to-be."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.editing.commands.base import fetch
from app.editing.commands.patterns import (
    CreateCommand,
    DeleteCommand,
    EditFieldsCommand,
    ReorderCommand,
)
from app.model.base import Base
from app.model.duplicate import duplicate_as_to_be
from app.model.kinds import BlueprintKind
from app.model.ops_grid import add_blueprint, get_project, move_blueprint
from app.model.structure import Blueprint


class AddBlueprintCommand(CreateCommand):
    """A new, empty blueprint at ``index`` (None: last)."""

    def __init__(
        self,
        name: str,
        kind: BlueprintKind | str = BlueprintKind.AS_IS,
        description: str = "",
        index: int | None = None,
    ) -> None:
        super().__init__("Add blueprint")
        self.name, self.kind, self.description, self.index = name, kind, description, index

    def siblings(self, session: Session) -> list[Blueprint]:
        return get_project(session).blueprints

    def create(self, session: Session) -> list[Base]:
        project = get_project(session)
        return [add_blueprint(project, self.name, self.kind, self.description, self.index)]


class RenameBlueprintCommand(EditFieldsCommand):
    kind = Blueprint

    def __init__(self, blueprint_id: str, name: str) -> None:
        super().__init__("Rename blueprint", blueprint_id, {"name": name})


class MoveBlueprintCommand(ReorderCommand):
    kind = Blueprint

    def __init__(self, blueprint_id: str, index: int) -> None:
        super().__init__("Move blueprint", blueprint_id, index)

    def siblings(self, item: Blueprint) -> list[Blueprint]:
        return item.project.blueprints

    def reorder(self, item: Blueprint, index: int) -> None:
        move_blueprint(item, index)


class DeleteBlueprintCommand(DeleteCommand):
    """Delete a blueprint with everything in it; a to-be derived from it forgets it."""

    kind = Blueprint

    def __init__(self, blueprint_id: str) -> None:
        super().__init__("Delete blueprint", [blueprint_id])


class DuplicateAsToBeCommand(CreateCommand):
    """A to-be copy placed after the blueprint, keeping the lineage of every item."""

    def __init__(self, blueprint_id: str, name: str | None = None) -> None:
        super().__init__("Duplicate as to-be")
        self.blueprint_id, self.name = blueprint_id, name

    def siblings(self, session: Session) -> list[Blueprint]:
        return get_project(session).blueprints

    def create(self, session: Session) -> list[Base]:
        return [duplicate_as_to_be(fetch(session, Blueprint, self.blueprint_id), self.name)]
