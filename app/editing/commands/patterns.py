"""The recurring shapes of commands: create items, delete items, edit fields, reorder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand, fetch
from app.model.base import Base
from app.model.catalogue import Comment
from app.model.changes import ChangeSet
from app.model.errors import ModelError
from app.model.method import Emotion, KeyMoment, Opportunity, PainPoint
from app.model.ops_catalogue import delete_comment
from app.model.ops_grid import (
    delete_blueprint,
    delete_card,
    delete_connector,
    delete_lane,
    delete_stage,
    delete_step,
    edit,
)
from app.model.ops_method import delete_opportunity, delete_pain_point
from app.model.put_back import put_back, put_back_positions
from app.model.structure import Blueprint, Card, Connector, Lane, Stage, Step
from app.model.subtree import Subtree, remove, restore_all

DELETERS: dict[type[Base], Callable[[Any], None]] = {
    Blueprint: delete_blueprint,
    Stage: delete_stage,
    Step: delete_step,
    Lane: delete_lane,
    Card: delete_card,
    Connector: delete_connector,
    PainPoint: delete_pain_point,
    Opportunity: delete_opportunity,
    Comment: delete_comment,
}
# Which ChangeSet flag an added, changed or removed item of each kind raises.
STRUCTURE_FLAGS: dict[type[Base], str] = {
    Lane: "lanes_changed",
    Step: "steps_changed",
    Stage: "stages_changed",
    Blueprint: "blueprints_changed",
    PainPoint: "pain_points_changed",
    Emotion: "moments_changed",
    KeyMoment: "moments_changed",
    Opportunity: "opportunities_changed",
    Comment: "comments_changed",
}


def blueprint_id_of(item: Base) -> str | None:
    """The blueprint an item belongs to; None for the project's own items (opportunities,
    comments on them)."""
    if isinstance(item, Blueprint):
        return item.id
    if isinstance(item, Card):
        return item.lane.blueprint_id
    if isinstance(item, PainPoint):
        return blueprint_id_of(item.card) if item.card is not None else item.step.blueprint_id
    if isinstance(item, (Emotion, KeyMoment)):
        return item.step.blueprint_id
    if isinstance(item, (Opportunity, Comment)):
        return None
    return item.blueprint_id  # type: ignore[attr-defined]


def change_of(items: Sequence[Base], how: str) -> ChangeSet:
    """What adding (``how="added"``) or changing (``"changed"``) these items changed."""
    if not items:
        return ChangeSet()
    values: dict[str, Any] = {"blueprint_id": blueprint_id_of(items[0])}
    for item in items:
        kind = type(item)
        if kind in (Card, Connector):
            name = f"{kind.__tablename__}s_{how}"
            values[name] = values.get(name, frozenset()) | {item.id}
        else:
            values[STRUCTURE_FLAGS[kind]] = True
    return ChangeSet(**values)


def removal_of(blueprint_id: str | None, trees: Iterable[Subtree]) -> ChangeSet:
    """What removing these snapshots' items changed."""
    trees = list(trees)
    rows = {name for tree in trees for name in tree.rows}
    if "blueprint" in rows:
        return ChangeSet(blueprint_id, blueprints_changed=True)
    nulled = {name for tree in trees for name, *_rest in tree.nulled}
    return ChangeSet(
        blueprint_id,
        cards_removed=frozenset(i for tree in trees for i in tree.ids("card")),
        connectors_removed=frozenset(i for tree in trees for i in tree.ids("connector")),
        lanes_changed="lane" in rows,
        steps_changed="step" in rows or "step" in nulled,
        stages_changed="stage" in rows,
        pain_points_changed="pain_point" in rows,
        moments_changed=bool({"emotion", "key_moment"} & rows),
        opportunities_changed=bool({"opportunity", "opportunity_pain_point"} & rows),
        comments_changed="comment" in rows,
    )


class CreateCommand(EditCommand):
    """Makes new items. The first apply runs the model operation (``create``); undo removes
    what it made, keeping snapshots, and gives the siblings their old position numbers;
    every later apply restores the snapshots, so the items come back with the same UUIDs
    and positions."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.made: list[tuple[type[Base], str]] = []
        self._trees: list[Subtree] = []
        self._numbering: dict[str, int] = {}
        self._sibling_kind: type[Base] | None = None

    def create(self, session: Session) -> list[Base]:
        """Make the items (first apply only); return them in the order they were made."""
        raise NotImplementedError

    def siblings(self, session: Session) -> Sequence[Any]:
        """The ordered rows the new items go among (a cell's cards, a blueprint's lanes)."""
        return []

    def apply(self, session: Session) -> ChangeSet:
        if self.made:
            restore_all(session, self._trees)
            self._trees = []
            return self.changes
        siblings = self.siblings(session)
        self._sibling_kind = type(siblings[0]) if siblings else None
        self._numbering = {sibling.id: sibling.position for sibling in siblings}
        items = self.create(session)
        self.made = [(type(item), item.id) for item in items]
        return change_of(items, "added")

    def revert(self, session: Session) -> None:
        self._trees = [
            remove(fetch(session, kind, item_id), DELETERS[kind])
            for kind, item_id in reversed(self.made)
        ]
        if self._sibling_kind is not None:
            put_back_positions(session, self._sibling_kind, self._numbering)


class DeleteCommand(EditCommand):
    """Deletes items of one kind, each with everything that goes with it; undo restores
    the snapshots, last deleted first."""

    kind: type[Base]

    def __init__(self, text: str, item_ids: Sequence[str]) -> None:
        super().__init__(text)
        if not item_ids:
            raise ModelError(f"nothing to delete: no {self.kind.__name__.lower()} is selected")
        self.item_ids = list(dict.fromkeys(item_ids))
        self._trees: list[Subtree] = []

    def apply(self, session: Session) -> ChangeSet:
        items = [fetch(session, self.kind, item_id) for item_id in self.item_ids]
        blueprint_id = blueprint_id_of(items[0])
        if any(blueprint_id_of(item) != blueprint_id for item in items):
            raise ModelError("delete items of one blueprint at a time")
        self._trees = [remove(item, DELETERS[self.kind]) for item in items]
        return removal_of(blueprint_id, self._trees)

    def revert(self, session: Session) -> None:
        restore_all(session, self._trees)


class EditFieldsCommand(EditCommand):
    """Changes fields of one item through ``edit``; undo puts the old values back."""

    kind: type[Base]

    def __init__(self, text: str, item_id: str, changes: dict[str, Any]) -> None:
        super().__init__(text)
        self.item_id = item_id
        self.new = dict(changes)
        self.old: dict[str, Any] = {}

    def apply(self, session: Session) -> ChangeSet:
        item = fetch(session, self.kind, self.item_id)
        self.old = edit(item, **self.new)
        return change_of([item], "changed")

    def revert(self, session: Session) -> None:
        put_back(fetch(session, self.kind, self.item_id), self.old)


class ReorderCommand(EditCommand):
    """Moves one item of an ordered list (lanes, steps, stages, blueprints) to ``index``;
    undo moves it back and gives every sibling the position it had."""

    kind: type[Base]

    def __init__(self, text: str, item_id: str, index: int) -> None:
        super().__init__(text)
        self.item_id, self.index = item_id, index
        self.old_index = index
        self.numbering: dict[str, int] = {}

    def siblings(self, item: Any) -> list[Any]:
        """The ordered list ``item`` is in (its blueprint's lanes, its project's blueprints)."""
        raise NotImplementedError

    def reorder(self, item: Any, index: int) -> None:
        raise NotImplementedError

    def apply(self, session: Session) -> ChangeSet:
        item = fetch(session, self.kind, self.item_id)
        self.numbering = {sibling.id: sibling.position for sibling in self.siblings(item)}
        self.old_index = self.siblings(item).index(item)
        self.reorder(item, self.index)
        return change_of([item], "changed")

    def revert(self, session: Session) -> None:
        self.reorder(fetch(session, self.kind, self.item_id), self.old_index)
        put_back_positions(session, self.kind, self.numbering)
