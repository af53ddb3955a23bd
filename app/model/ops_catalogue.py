"""Operations on the project's catalogues: systems and their data items, actors, comments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.base import Base
from app.model.catalogue import Actor, Comment, DataItem, System, card_system
from app.model.editing_rules import checked
from app.model.errors import ModelError
from app.model.kinds import ActorKind
from app.model.ordering import insert_ordered, move_ordered, remove_ordered
from app.model.sessions import session_of
from app.model.structure import Card, Project


def add_system(
    project: Project, name: str, data_items: Iterable[str] = (), **fields: Any
) -> System:
    system = System(**checked("System", {"name": name, **fields}))
    project.systems.append(system)
    for item in data_items:
        add_data_item(system, item)
    session_of(project).flush()
    return system


def delete_system(system: System) -> None:
    system.cards.clear()
    system.project.systems.remove(system)
    session_of(system).flush()


def edit_system(system: System, **changes: Any) -> dict[str, Any]:
    """Change a system's name, owner or description after checking them; return the old
    values (for undo)."""
    values = checked("System", changes)
    old = {field: getattr(system, field) for field in values}
    for field, value in values.items():
        setattr(system, field, value)
    session_of(system).flush()
    return old


def card_ids_using(session: Session, system_ids: Iterable[str]) -> set[str]:
    """The cards, of any blueprint, that name one of these systems (one query)."""
    wanted = list(system_ids)
    if not wanted:
        return set()
    query = select(card_system.c.card_id).where(card_system.c.system_id.in_(wanted))
    return set(session.scalars(query))


def add_data_item(system: System, name: str, index: int | None = None) -> DataItem:
    item = DataItem(**checked("DataItem", {"name": name}))
    insert_ordered(system.data_items, item, index)
    return item


def rename_data_item(item: DataItem, name: str) -> str:
    """Give a data item another name; return the old one (for undo)."""
    old = item.name
    item.name = checked("DataItem", {"name": name})["name"]
    session_of(item).flush()
    return old


def move_data_item(item: DataItem, index: int) -> None:
    """Move a data item to ``index`` among its system's data items."""
    move_ordered(item.system.data_items, item, index)
    session_of(item).flush()


def delete_data_item(item: DataItem) -> None:
    system = item.system
    remove_ordered(system.data_items, item)
    session_of(system).flush()


def set_card_systems(card: Card, systems: Iterable[System]) -> None:
    """Name the catalogue systems a card uses (normally a card in the systems lane)."""
    wanted = list(dict.fromkeys(systems))
    for system in wanted:
        if system.project is not card.lane.blueprint.project:
            raise ModelError(f"system {system.name!r} belongs to another project")
    card.systems[:] = sorted(wanted, key=lambda system: system.name)
    session_of(card).flush()


def add_actor(project: Project, name: str, kind: ActorKind | str, **fields: Any) -> Actor:
    actor = Actor(**checked("Actor", {"name": name, "kind": kind, **fields}))
    project.actors.append(actor)
    session_of(project).flush()
    return actor


def set_card_actor(card: Card, actor: Actor | None) -> None:
    card.actor = actor
    session_of(card).flush()


def delete_actor(actor: Actor) -> None:
    """Remove an actor; the cards that named it keep their text and lose the link."""
    session = session_of(actor)
    for card in session.scalars(select(Card).where(Card.actor_id == actor.id)):
        card.actor = None
    actor.project.actors.remove(actor)
    session.flush()


def add_comment(item: Base, author: str, text: str, at: datetime | None = None) -> Comment:
    session = session_of(item)
    values = checked("Comment", {"author": author, "text": text})
    comment = Comment(
        item_id=item.id,
        item_kind=type(item).__name__,
        created_at=at or datetime.now(UTC),
        **values,
    )
    session.add(comment)
    session.flush()
    return comment


def comments_on(item: Base) -> list[Comment]:
    session = session_of(item)
    query = select(Comment).where(Comment.item_id == item.id).order_by(Comment.created_at)
    return list(session.scalars(query))


def delete_comment(comment: Comment) -> None:
    session = session_of(comment)
    session.delete(comment)
    session.flush()
