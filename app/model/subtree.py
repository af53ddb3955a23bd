"""Snapshots of everything deleting an item removes, as plain rows, and their exact restore.

Which rows go with an item is read from the schema (``cascade``): rows that reference it
through an ``ON DELETE CASCADE`` foreign key go with it (and what references them, and so
on), rows that reference it through ``ON DELETE SET NULL`` lose that reference, and
comments on any removed row go too (``sessions._drop_comments_of_deleted_item``). The
operations in ``ops_grid`` delete the item through the ORM and the rest through the
database's cascades (``delete_by_cascade``); the tests compare the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Column, Select, Table, insert, inspect, select, update
from sqlalchemy.orm import Mapper, Session

from app.model.base import Base
from app.model.cascade import ROW_ID, check_cascades, comments_going, reach, references
from app.model.catalogue import Comment
from app.model.sessions import session_of

T = TypeVar("T", bound=Base)
Key = tuple[Any, ...]

TABLES: dict[str, Table] = dict(Base.metadata.tables)
CLASSES: dict[str, type[Base]] = {
    mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers
}
MAPPERS: dict[str, Mapper] = {mapper.local_table.name: mapper for mapper in Base.registry.mappers}
PRIMARY: dict[str, tuple[str, ...]] = {
    name: tuple(column.name for column in table.primary_key.columns)
    for name, table in TABLES.items()
}


@dataclass
class _Taking:
    """The snapshot ``remove`` took of the item it is deleting, lent to
    ``delete_by_cascade`` so that it need not take another; ``forgotten``: it forgot it."""

    tree: Subtree
    forgotten: bool = False


_taking_now: ContextVar[_Taking | None] = ContextVar("taking_now", default=None)


@dataclass
class Subtree:
    """The rows deleting one item removes, and the references and positions it changes."""

    table: str
    id: str
    # Every removed row, per table, in the order they must be inserted back.
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Rows that stay but lose a reference: (table, id, column, old value).
    nulled: list[tuple[str, str, str, Any]] = field(default_factory=list)
    # Positions of the item's siblings before deleting it renumbered them.
    siblings: dict[str, int] = field(default_factory=dict)

    def ids(self, table: str) -> list[str]:
        """The ids of the removed rows of ``table`` (say ``"card"``)."""
        return [row["id"] for row in self.rows.get(table, ())]


def _key(table: Table, row: dict[str, Any]) -> Key:
    names = PRIMARY[table.name]
    return (row[names[0]],) if len(names) == 1 else tuple([row[name] for name in names])


def _rows(session: Session, query: Select, params: dict | None = None) -> list[dict]:
    result = session.execute(query, params)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def _columns(table: Table, keys_only: bool) -> list[Column]:
    """All columns, or just what finding the row's object and its holders needs."""
    if not keys_only:
        return list(table.c)
    return [column for column in table.c if column.primary_key or column.foreign_keys]


def capture(item: Base, *, keys_only: bool = False) -> Subtree:
    """Snapshot what deleting ``item`` will remove; call it just before deleting.
    ``keys_only``: only the keys and references of the rows, enough to ``forget`` them
    but not to restore them."""
    session = session_of(item)
    session.flush()
    root = type(item).__table__
    tree = Subtree(root.name, item.id)
    removed: dict[str, dict[Key, dict]] = {name: {} for name in TABLES}
    nulled: dict[tuple[str, Key, str], tuple[Table, dict, Column]] = {}
    for table, where in reach(root, root.c.id == item.id):
        found = removed[table.name]
        for row in _rows(session, select(*_columns(table, keys_only)).where(where)):
            found.setdefault(_key(table, row), row)
        for ref in references()[table.name]:
            if ref.rule != "SET NULL":
                continue  # CASCADE is followed by reach; any other rule stops the delete
            parents = select(ref.target).where(where).correlate(None)
            query = select(*_columns(ref.table, keys_only)).where(ref.column.in_(parents))
            for row in _rows(session, query):
                nulled[(ref.table.name, _key(ref.table, row), ref.column.name)] = (
                    ref.table,
                    row,
                    ref.column,
                )
    comments = TABLES[Comment.__tablename__]
    query = select(*_columns(comments, keys_only)).where(comments_going(root.name))
    for row in _rows(session, query, {ROW_ID: item.id}):
        removed[comments.name].setdefault(_key(comments, row), row)
    for table in Base.metadata.sorted_tables:
        if removed[table.name]:
            tree.rows[table.name] = list(removed[table.name].values())
    tree.nulled = [
        (table.name, row["id"], column.name, row[column.name])
        for table, row, column in nulled.values()
        if _key(table, row) not in removed[table.name]
    ]
    if not keys_only:
        tree.siblings = _sibling_positions(session, root, removed[root.name][(item.id,)])
    return tree


def _sibling_positions(session: Session, table: Table, row: dict) -> dict[str, int]:
    """Siblings share the item's cascading parents (a card's lane and step, a lane's
    blueprint); deleting the item renumbers them, restoring it numbers them back."""
    if "position" not in table.c:
        return {}
    scope = [key.parent for key in table.foreign_keys if (key.ondelete or "").upper() == "CASCADE"]
    query = select(table.c.id, table.c.position).where(table.c.id != row["id"])
    for column in scope:
        query = query.where(column == row[column.name])
    return {sid: position for sid, position in session.execute(query)}


def remove(item: T, delete: Callable[[T], None]) -> Subtree:
    """Snapshot ``item``, delete it with the model operation ``delete``, and make the
    session forget what it still holds of the removed rows; return the snapshot."""
    session = session_of(item)
    tree = capture(item)
    with _taking(tree) as taking:
        delete(item)
    session.flush()
    # The operation renumbered the siblings itself; the database cascades did the rest.
    if not taking.forgotten:
        forget(session, tree)
    return tree


@contextmanager
def _taking(tree: Subtree) -> Iterator[_Taking]:
    taking = _Taking(tree)
    token = _taking_now.set(taking)
    try:
        yield taking
    finally:
        _taking_now.reset(token)


def delete_by_cascade(item: Base, unlink: Callable[[], None]) -> None:
    """Delete ``item`` through the ORM and what goes with it through the database's
    ``ON DELETE CASCADE``, instead of the ORM loading and deleting ten thousand cards one
    by one; then ``forget`` those rows.

    ``unlink`` deletes the item itself (takes it out of its parent's ordered list, or
    ``session.delete``), so the ORM still renumbers its siblings and runs the comment hook,
    which drops the comments of everything that goes in one statement. The item's
    cascading collections are expired first: ``passive_deletes`` keeps the ORM from loading
    unloaded contents, and with nothing loaded it leaves the loaded ones alone too."""
    session = session_of(item)
    root = type(item).__table__
    check_cascades(session.connection())
    taking = _taking_now.get()
    if taking is not None and (taking.tree.table, taking.tree.id) == (root.name, item.id):
        tree = taking.tree
        taking.forgotten = True
    else:
        tree = capture(item, keys_only=True)
    cascading = [rel.key for rel in inspect(type(item)).relationships if rel.cascade.delete]
    session.expire(item, cascading)
    unlink()
    session.flush()
    forget(session, tree)


def forget(session: Session, tree: Subtree) -> None:
    """The rows of ``tree`` are deleted: their loaded objects leave the session (else a
    ``session.get`` would still find them), and loaded neighbours whose collections or
    references held them reload those on next use."""
    for name, rows in tree.rows.items():
        if name not in MAPPERS:
            continue  # rows of a link table (card_system) are no objects
        table = TABLES[name]
        for row in rows:
            stale = _loaded(session, name, _key(table, row))
            if stale is not None:
                session.expunge(stale)
    _expire_neighbours(session, tree, positions=False)


def restore(session: Session, tree: Subtree) -> None:
    """Put back exactly what ``remove`` took: same rows, same ids, same positions."""
    session.flush()
    for name, rows in tree.rows.items():
        session.execute(insert(TABLES[name]), rows)
    for name, row_id, column, value in tree.nulled:
        table = TABLES[name]
        session.execute(update(table).where(table.c.id == row_id).values({column: value}))
    root = TABLES[tree.table]
    for sibling_id, position in tree.siblings.items():
        session.execute(update(root).where(root.c.id == sibling_id).values(position=position))
    _expire_neighbours(session, tree, positions=True)


def restore_all(session: Session, trees: Iterable[Subtree]) -> None:
    """Restore several snapshots, last removed first."""
    for tree in reversed(list(trees)):
        restore(session, tree)


def _loaded(session: Session, table: str, key: Key) -> Base | None:
    mapper = MAPPERS.get(table)
    if mapper is None:
        return None
    return session.identity_map.get(mapper.identity_key_from_primary_key(key))


@cache
def _holders(parent: str, child: str) -> tuple[str, ...]:
    """The relationships of ``parent``'s rows that hold rows of ``child`` (a lane's
    ``cards``; a system's ``cards`` through the ``card_system`` table)."""
    if parent not in CLASSES:
        return ()
    return tuple(
        rel.key
        for rel in inspect(CLASSES[parent]).relationships
        if rel.mapper.local_table.name == child
        or (rel.secondary is not None and rel.secondary.name == child)
    )


@cache
def _followers(table: str, column: str) -> tuple[str, ...]:
    """The attribute of ``column`` and the relationships that follow it (a blueprint's
    ``derived_from_id`` and ``derived_from``)."""
    mapper = inspect(CLASSES[table])
    found = TABLES[table].c[column]
    keys = [mapper.get_property_by_column(found).key]
    return (*keys, *(rel.key for rel in mapper.relationships if found in rel.local_columns))


def _expire_neighbours(session: Session, tree: Subtree, *, positions: bool) -> None:
    """Loaded rows whose collections, references or positions changed behind the ORM's
    back reload just those attributes on their next use (whole objects are not expired:
    that would cascade and throw away everything ``loading`` filled in)."""
    stale: dict[tuple[str, Key], set[str]] = defaultdict(set)
    for name, rows in tree.rows.items():
        for key in TABLES[name].foreign_keys:
            parent = key.column.table.name
            holders = _holders(parent, name)
            column = key.parent.name
            for value in {row[column] for row in rows} if holders else ():
                if value is not None:
                    stale[(parent, (value,))].update(holders)
    for name, row_id, column, _value in tree.nulled:
        stale[(name, (row_id,))].update(_followers(name, column))
    if positions:
        for sibling in tree.siblings:
            stale[(tree.table, (sibling,))].add("position")
    for (name, key), attributes in stale.items():
        loaded = _loaded(session, name, key)
        if loaded is not None and loaded not in session.deleted:
            session.expire(loaded, sorted(attributes))
