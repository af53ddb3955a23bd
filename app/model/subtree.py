"""Snapshots of everything deleting an item removes, as plain rows, and their exact restore.

Which rows go with an item is read from the schema: rows that reference it through an
``ON DELETE CASCADE`` foreign key go with it (and what references them, and so on), rows
that reference it through ``ON DELETE SET NULL`` lose that reference, and comments on any
removed row go too (``sessions._drop_comments_of_deleted_item``). The operations in
``ops_grid`` delete the same set through the ORM cascades; the tests compare the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Column, Table, insert, inspect, select, update
from sqlalchemy.orm import Session

from app.model.base import Base
from app.model.catalogue import Comment
from app.model.sessions import session_of

T = TypeVar("T", bound=Base)
Key = tuple[Any, ...]

# SQLite allows 32,766 parameters; stay well below it, however many cards a step holds.
CHUNK = 500
TABLES: dict[str, Table] = dict(Base.metadata.tables)
CLASSES: dict[str, type[Base]] = {
    mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers
}


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


def _references() -> dict[str, list[tuple[Table, Column, str]]]:
    """For each table, the (table, column, on delete) of every foreign key pointing at it."""
    found: dict[str, list[tuple[Table, Column, str]]] = {name: [] for name in TABLES}
    for table in TABLES.values():
        for key in table.foreign_keys:
            rule = (key.ondelete or "NO ACTION").upper()
            found[key.column.table.name].append((table, key.parent, rule))
    return found


REFERENCES = _references()


def _key(table: Table, row: dict[str, Any]) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _rows_where(session: Session, table: Table, column: Column, values: list[Any]) -> list[dict]:
    rows: list[dict] = []
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        rows += [
            dict(r) for r in session.execute(select(table).where(column.in_(chunk))).mappings()
        ]
    return rows


def capture(item: Base) -> Subtree:
    """Snapshot what deleting ``item`` will remove; call it just before deleting."""
    session = session_of(item)
    session.flush()
    root = type(item).__table__
    tree = Subtree(root.name, item.id)
    removed: dict[str, dict[Key, dict]] = {name: {} for name in TABLES}
    (root_row,) = _rows_where(session, root, root.c.id, [item.id])
    removed[root.name][(item.id,)] = root_row
    nulled: list[tuple[Table, dict, Column]] = []
    frontier = {root.name: [item.id]}
    while frontier:
        found: dict[str, list[str]] = {}
        for name, ids in frontier.items():
            for table, column, rule in REFERENCES[name]:
                if rule not in ("CASCADE", "SET NULL"):
                    continue  # such a reference would stop the delete itself
                for row in _rows_where(session, table, column, ids):
                    if rule == "SET NULL":
                        nulled.append((table, row, column))
                        continue
                    key = _key(table, row)
                    if key not in removed[table.name]:
                        removed[table.name][key] = row
                        if "id" in table.c:
                            found.setdefault(table.name, []).append(row["id"])
        frontier = found
    gone = [
        row["id"]
        for name, rows in removed.items()
        if "id" in TABLES[name].c
        for row in rows.values()
    ]
    comments = TABLES[Comment.__tablename__]
    for row in _rows_where(session, comments, comments.c.item_id, gone):
        removed[comments.name].setdefault(_key(comments, row), row)
    for table in Base.metadata.sorted_tables:
        if removed[table.name]:
            tree.rows[table.name] = list(removed[table.name].values())
    tree.nulled = [
        (table.name, row["id"], column.name, row[column.name])
        for table, row, column in nulled
        if _key(table, row) not in removed[table.name]
    ]
    tree.siblings = _sibling_positions(session, root, root_row)
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
    delete(item)
    session.flush()
    for name, rows in tree.rows.items():
        for row in rows:
            stale = _loaded(session, name, _key(TABLES[name], row))
            if stale is not None:
                session.expunge(stale)
    # The operation renumbered the siblings itself; the database cascades did the rest.
    _expire_neighbours(session, tree, positions=False)
    return tree


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
    cls = CLASSES.get(table)
    if cls is None:
        return None
    return session.identity_map.get(Session.identity_key(cls, key))


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
            for row in rows if holders else ():
                if row[key.parent.name] is not None:
                    stale[(parent, (row[key.parent.name],))].update(holders)
    for name, row_id, column, _value in tree.nulled:
        stale[(name, (row_id,))].update(_followers(name, column))
    if positions:
        for sibling in tree.siblings:
            stale[(tree.table, (sibling,))].add("position")
    for (name, key), attributes in stale.items():
        loaded = _loaded(session, name, key)
        if loaded is not None and loaded not in session.deleted:
            session.expire(loaded, sorted(attributes))
