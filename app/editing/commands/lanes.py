"""Commands on lanes: add or insert, rename, resize, move, delete (with its cards)."""

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
from app.model.kinds import LaneKind
from app.model.ops_grid import add_lane, move_lane
from app.model.structure import Blueprint, Lane


class AddLaneCommand(CreateCommand):
    """A new lane at ``index`` ("Insert lane"), or at the bottom ("Add lane")."""

    def __init__(
        self,
        blueprint_id: str,
        kind: LaneKind | str = LaneKind.CUSTOM,
        title: str | None = None,
        index: int | None = None,
        height: int | None = None,
    ) -> None:
        super().__init__("Add lane" if index is None else "Insert lane")
        self.blueprint_id, self.kind, self.title = blueprint_id, kind, title
        self.index, self.height = index, height

    def siblings(self, session: Session) -> list[Lane]:
        return fetch(session, Blueprint, self.blueprint_id).lanes

    def create(self, session: Session) -> list[Base]:
        blueprint = fetch(session, Blueprint, self.blueprint_id)
        return [add_lane(blueprint, self.kind, self.title, self.index, self.height)]


class RenameLaneCommand(EditFieldsCommand):
    kind = Lane

    def __init__(self, lane_id: str, title: str) -> None:
        super().__init__("Rename lane", lane_id, {"title": title})


class SetLaneHeightCommand(EditFieldsCommand):
    """The lane's least height, pushed once when a resize drag ends (None: fit the cards)."""

    kind = Lane

    def __init__(self, lane_id: str, height: int | None) -> None:
        super().__init__("Resize lane", lane_id, {"height": height})


class MoveLaneCommand(ReorderCommand):
    kind = Lane

    def __init__(self, lane_id: str, index: int) -> None:
        super().__init__("Move lane", lane_id, index)

    def siblings(self, item: Lane) -> list[Lane]:
        return item.blueprint.lanes

    def reorder(self, item: Lane, index: int) -> None:
        move_lane(item, index)


class DeleteLaneCommand(DeleteCommand):
    """Delete a lane with its cards."""

    kind = Lane

    def __init__(self, lane_id: str) -> None:
        super().__init__("Delete lane", [lane_id])
