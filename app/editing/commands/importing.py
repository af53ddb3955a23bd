"""Bringing an import plan into the open project as one undoable step: the blueprints it
makes, and the systems and actors it adds to the catalogue."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand, fetch
from app.importers.build import ImportResult, build_plan
from app.importers.plan import ImportPlan
from app.model.catalogue import Actor, System
from app.model.changes import ChangeSet
from app.model.ops_catalogue import delete_actor, delete_system
from app.model.ops_grid import delete_blueprint, get_project
from app.model.structure import Blueprint
from app.model.subtree import Subtree, remove, restore_all


class ImportCommand(EditCommand):
    """Write ``plan`` into the project (build.build_plan). Undo removes the blueprints it
    made and the catalogue entries it added, keeping snapshots; redo restores them, so they
    come back with the same UUIDs. ``result`` says what the first apply made."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"Import {plan.source}")
        self.plan = plan
        self.result: ImportResult | None = None
        self._trees: list[Subtree] = []

    def apply(self, session: Session) -> ChangeSet:
        if self.result is None:
            self.result = build_plan(get_project(session), self.plan)
        else:
            restore_all(session, self._trees)
            self._trees = []
        return ChangeSet(
            self.result.blueprint_ids[0] if self.result.blueprint_ids else None,
            blueprints_changed=True,
            catalogue_changed=bool(self.result.system_ids or self.result.actor_ids),
        )

    def revert(self, session: Session) -> None:
        result = self.result
        assert result is not None, "an import is undone only after it was done"
        # The blueprints first: their cards name the systems and actors.
        trees = [
            remove(fetch(session, Blueprint, i), delete_blueprint) for i in result.blueprint_ids
        ]
        trees += [remove(fetch(session, System, i), delete_system) for i in result.system_ids]
        trees += [remove(fetch(session, Actor, i), delete_actor) for i in result.actor_ids]
        self._trees = trees
