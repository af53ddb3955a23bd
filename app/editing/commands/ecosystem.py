"""Commands on the ecosystem map: nodes moved (dragged, or nudged with the arrow keys),
and Reset Layout. Each map (the whole project's, or one blueprint's) keeps its own
positions; ``blueprint_id`` None is the whole project's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand, counted
from app.model.changes import ChangeSet
from app.model.ops_ecosystem import (
    Point,
    clear_positions,
    position_ids,
    saved_positions,
    set_positions,
)

# QUndoCommand.id of the commands that merge with the one before them; unique in the app.
NUDGE_ID = 1201


def _changes() -> ChangeSet:
    # Project-wide: no canvas follows the ecosystem map's positions.
    return ChangeSet(ecosystem_changed=True)


class MoveEcosystemNodesCommand(EditCommand):
    """Nodes of one map placed at new centres, pushed once when a drag ends. Nudges with
    the arrow keys (``nudge=True``) of the same nodes, one after another, are one step."""

    def __init__(
        self, blueprint_id: str | None, positions: Mapping[str, Point], *, nudge: bool = False
    ) -> None:
        super().__init__(f"Move {counted(len(positions), 'node')} on the ecosystem map")
        self.blueprint_id = blueprint_id
        self.new: dict[str, Point] = {
            key: (float(x), float(y)) for key, (x, y) in positions.items()
        }
        self.old: dict[str, Point | None] | None = None
        self.ids: dict[str, str] = {}  # the rows' UUIDs, kept through undo and redo
        self.nudge = nudge

    def apply(self, session: Session) -> ChangeSet:
        if self.old is None:
            saved = saved_positions(session, self.blueprint_id)
            self.old = {key: saved.get(key) for key in self.new}
        set_positions(session, self.blueprint_id, self.new, self.ids)
        self.ids.update(
            (key, row_id)
            for key, row_id in position_ids(session, self.blueprint_id).items()
            if key in self.new
        )
        return _changes()

    def revert(self, session: Session) -> None:
        set_positions(session, self.blueprint_id, self.old or {}, self.ids)

    def id(self) -> int:
        return NUDGE_ID if self.nudge else -1

    def mergeWith(self, other: Any) -> bool:
        if (
            not isinstance(other, MoveEcosystemNodesCommand)
            or not (self.nudge and other.nudge)
            or other.blueprint_id != self.blueprint_id
            or set(other.new) != set(self.new)
        ):
            return False
        self.new = dict(other.new)
        self.setObsolete(all(self.old and self.old.get(k) == p for k, p in self.new.items()))
        return True


class ResetEcosystemLayoutCommand(EditCommand):
    """Forget every position the user chose on one map: its nodes go back to the layers."""

    def __init__(self, blueprint_id: str | None) -> None:
        super().__init__("Reset the ecosystem map's layout")
        self.blueprint_id = blueprint_id
        self.before: dict[str, Point] = {}
        self.ids: dict[str, str] = {}

    def apply(self, session: Session) -> ChangeSet:
        self.ids = position_ids(session, self.blueprint_id)
        self.before = clear_positions(session, self.blueprint_id)
        return _changes()

    def revert(self, session: Session) -> None:
        set_positions(session, self.blueprint_id, self.before, self.ids)
