"""Commands of the systems catalogue: systems with their owner and description, and the data
items each holds.

The catalogue is the project's, not one blueprint's: every change has no ``blueprint_id``
and raises ``catalogue_changed``. A change that alters how cards look (a system renamed,
deleted or brought back changes the system hint of every card naming it, in any blueprint)
names those cards in ``cards_changed``; each canvas re-lays out the ones it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.editing.commands.base import CommandGroup, EditCommand, fetch
from app.model.catalogue import DataItem, System
from app.model.changes import ChangeSet
from app.model.errors import ModelError
from app.model.ops_catalogue import (
    add_data_item,
    add_system,
    card_ids_using,
    delete_data_item,
    delete_system,
    edit_system,
    move_data_item,
    rename_data_item,
)
from app.model.ops_grid import get_project
from app.model.put_back import put_back_positions
from app.model.subtree import Subtree, remove, restore

SYSTEM_FIELDS = ("name", "owner", "description")


def catalogue_change(card_ids: set[str] | frozenset[str] = frozenset()) -> ChangeSet:
    """A change of the catalogue that changes how these cards (of any blueprint) look."""
    return ChangeSet(None, cards_changed=frozenset(card_ids), catalogue_changed=True)


def lose_link(cards: int) -> str:
    """ "1 card loses the link", "3 cards lose the link"."""
    return "1 card loses the link" if cards == 1 else f"{cards} cards lose the link"


def _quoted(name: str, limit: int = 40) -> str:
    name = " ".join(name.split())
    return f"“{name if len(name) <= limit else name[: limit - 1] + '…'}”"


# -- systems -----------------------------------------------------------------------------------


class AddSystemCommand(EditCommand):
    """A new system in the catalogue, with the data items it holds; undo removes it, redo
    brings back the same rows (same UUIDs)."""

    def __init__(
        self, name: str, owner: str = "", description: str = "", data_items: Sequence[str] = ()
    ) -> None:
        super().__init__(f"Add system {_quoted(name)}")
        self.fields = {"name": name, "owner": owner, "description": description}
        self.data_items = [item for item in data_items if item.strip()]
        self.system_id: str | None = None
        self._tree: Subtree | None = None

    def apply(self, session: Session) -> ChangeSet:
        if self._tree is not None:
            restore(session, self._tree)
            self._tree = None
        else:
            system = add_system(get_project(session), data_items=self.data_items, **self.fields)
            session.flush()
            self.system_id = system.id
        return catalogue_change()

    def revert(self, session: Session) -> None:
        self._tree = remove(fetch(session, System, self.system_id), delete_system)


class EditSystemCommand(EditCommand):
    """Change a system's name, owner or description. A new name changes the system hint of
    every card naming it."""

    def __init__(self, system_id: str, **changes: Any) -> None:
        unknown = set(changes) - set(SYSTEM_FIELDS)
        if unknown:
            raise ModelError(f"a system has no field {sorted(unknown)[0]!r}")
        text = "Rename system" if set(changes) == {"name"} else "Edit system"
        super().__init__(text)
        self.system_id = system_id
        self.new = dict(changes)
        self.old: dict[str, Any] = {}

    def apply(self, session: Session) -> ChangeSet:
        system = fetch(session, System, self.system_id)
        self.old = edit_system(system, **self.new)
        return self._change(session)

    def revert(self, session: Session) -> None:
        system = fetch(session, System, self.system_id)
        for field, value in self.old.items():  # its own earlier values: not checked again
            setattr(system, field, value)

    def _change(self, session: Session) -> ChangeSet:
        renamed = "name" in self.new and self.new["name"] != self.old.get("name")
        return catalogue_change(card_ids_using(session, [self.system_id]) if renamed else set())


class DeleteSystemCommand(EditCommand):
    """Delete a system with its data items; the cards that named it lose the link. Undo
    brings back the system, its data items and every card's link, with the same UUIDs."""

    def __init__(self, system_id: str, name: str = "", cards: int = 0) -> None:
        text = f"Delete system {_quoted(name)}" if name else "Delete system"
        if cards:
            text += f" ({lose_link(cards)})"
        super().__init__(text)
        self.system_id = system_id
        self._tree: Subtree | None = None

    def apply(self, session: Session) -> ChangeSet:
        system = fetch(session, System, self.system_id)
        cards = card_ids_using(session, [system.id])
        self._tree = remove(system, delete_system)
        return catalogue_change(cards)

    def revert(self, session: Session) -> None:
        if self._tree is not None:
            restore(session, self._tree)


def delete_system_command(session: Session, system_id: str) -> DeleteSystemCommand:
    """Delete the system, its undo text naming it and the count of cards losing the link."""
    system = fetch(session, System, system_id)
    return DeleteSystemCommand(system_id, system.name, len(card_ids_using(session, [system_id])))


# -- data items ---------------------------------------------------------------------------------


class AddDataItemCommand(EditCommand):
    """A new data item held by a system, at ``index`` (None: last)."""

    def __init__(self, system_id: str, name: str, index: int | None = None) -> None:
        super().__init__(f"Add data item {_quoted(name)}")
        self.system_id, self.name, self.index = system_id, name, index
        self.data_item_id: str | None = None
        self._tree: Subtree | None = None

    def apply(self, session: Session) -> ChangeSet:
        if self._tree is not None:
            restore(session, self._tree)
            self._tree = None
        else:
            item = add_data_item(fetch(session, System, self.system_id), self.name, self.index)
            session.flush()
            self.data_item_id = item.id
        return catalogue_change()

    def revert(self, session: Session) -> None:
        self._tree = remove(fetch(session, DataItem, self.data_item_id), delete_data_item)


class RenameDataItemCommand(EditCommand):
    def __init__(self, data_item_id: str, name: str) -> None:
        super().__init__(f"Rename data item to {_quoted(name)}")
        self.data_item_id, self.name = data_item_id, name
        self.old = ""

    def apply(self, session: Session) -> ChangeSet:
        self.old = rename_data_item(fetch(session, DataItem, self.data_item_id), self.name)
        return catalogue_change()

    def revert(self, session: Session) -> None:
        fetch(session, DataItem, self.data_item_id).name = self.old


class DeleteDataItemCommand(EditCommand):
    """Delete a data item; undo puts it back in its place with the same UUID."""

    def __init__(self, data_item_id: str, name: str = "") -> None:
        super().__init__(f"Delete data item {_quoted(name)}" if name else "Delete data item")
        self.data_item_id = data_item_id
        self._tree: Subtree | None = None

    def apply(self, session: Session) -> ChangeSet:
        self._tree = remove(fetch(session, DataItem, self.data_item_id), delete_data_item)
        return catalogue_change()

    def revert(self, session: Session) -> None:
        if self._tree is not None:
            restore(session, self._tree)


class MoveDataItemCommand(EditCommand):
    """Move a data item to ``index`` among its system's; undo gives every sibling back the
    position it had."""

    def __init__(self, data_item_id: str, index: int) -> None:
        super().__init__("Move data item")
        self.data_item_id, self.index = data_item_id, index
        self.numbering: dict[str, int] = {}

    def apply(self, session: Session) -> ChangeSet:
        item = fetch(session, DataItem, self.data_item_id)
        self.numbering = {sibling.id: sibling.position for sibling in item.system.data_items}
        move_data_item(item, self.index)
        return catalogue_change()

    def revert(self, session: Session) -> None:
        put_back_positions(session, DataItem, self.numbering)
        item = fetch(session, DataItem, self.data_item_id)
        session.expire(item.system, ["data_items"])  # read again in the old order


# -- a whole system at once (the system dialog) ---------------------------------------------------


def edit_system_command(
    system: System, fields: dict[str, str], data_items: Sequence[tuple[str | None, str]]
) -> EditCommand | None:
    """One undo step that makes ``system`` as the dialog left it: its fields, and its data
    items as ``(id, name)`` in order (id None: a new one; an id missing: deleted). None
    when nothing changed."""
    commands: list[EditCommand] = []
    changes = {field: value for field, value in fields.items() if getattr(system, field) != value}
    if changes:
        commands.append(EditSystemCommand(system.id, **changes))
    wanted = [(item_id, name) for item_id, name in data_items if name.strip()]
    kept = {item_id for item_id, _name in wanted if item_id}
    order: list[str] = []
    for item in system.data_items:
        if item.id in kept:
            order.append(item.id)
        else:
            commands.append(DeleteDataItemCommand(item.id, item.name))
    names = {item.id: item.name for item in system.data_items}
    for item_id, name in wanted:
        if item_id and name != names.get(item_id):
            commands.append(RenameDataItemCommand(item_id, name))
    for index, (item_id, name) in enumerate(wanted):
        if item_id is None:
            commands.append(AddDataItemCommand(system.id, name, index))
            order.insert(index, "")
        elif order[index] != item_id:
            commands.append(MoveDataItemCommand(item_id, index))
            order.remove(item_id)
            order.insert(index, item_id)
    if not commands:
        return None
    if len(commands) == 1 and isinstance(commands[0], EditSystemCommand):
        return commands[0]
    name = fields.get("name", system.name)
    return CommandGroup(f"Edit system {_quoted(name)}", commands)
