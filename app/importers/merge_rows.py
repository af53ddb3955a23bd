"""A project's rows as plain values, keyed by UUID, for comparing and merging copies.

Every table of the schema (ENTITIES and the two link tables) is read whole; a row is a
dict of its columns. The link tables (card_system, opportunity_pain_point) are keyed by
their pair of UUIDs. The shape of the schema the merge needs (which columns hold UUIDs of
other rows, which of those delete the row with its parent) is read here from the
foreign keys, so a new table or column is merged without being named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.schema import ENTITIES, Base, card_system, opportunity_pain_point

Key = Any  # a UUID (str), or a pair of UUIDs for a link table
Row = dict[str, Any]
Rows = dict[str, dict[Key, Row]]

LINKS = (card_system.name, opportunity_pain_point.name)
TABLES: tuple[str, ...] = tuple(
    table.name
    for table in Base.metadata.sorted_tables  # parents before children
    if table.name in {entity.__tablename__ for entity in ENTITIES} | set(LINKS)
)
KIND_OF: dict[str, str] = {
    mapper.local_table.name: mapper.class_.__name__ for mapper in Base.registry.mappers
}
# Fields that are not compared: ``position`` is merged as an order among siblings; the
# project's ``saved_with`` and ``created_at`` say how the file was written, not its content.
UNCOMPARED = {"position", "saved_with", "created_at"}
# Rows kept in order among siblings: the columns naming their group.
ORDERED: dict[str, tuple[str, ...]] = {
    "blueprint": ("project_id",),
    "stage": ("blueprint_id",),
    "step": ("blueprint_id",),
    "lane": ("blueprint_id",),
    "card": ("lane_id", "step_id"),
    "data_item": ("system_id",),
}


@dataclass(frozen=True)
class Reference:
    """``column`` of a row holds the UUID of a row of ``parent``; ``cascade``: deleting the
    parent deletes the row (else it sets the column to null)."""

    column: str
    parent: str
    cascade: bool


@cache
def references(table: str) -> tuple[Reference, ...]:
    found = []
    for key in Base.metadata.tables[table].foreign_keys:
        rule = (key.ondelete or "").upper()
        found.append(Reference(key.parent.name, key.column.table.name, rule == "CASCADE"))
    return tuple(sorted(found, key=lambda ref: ref.column))


def key_of(table: str, row: Row) -> Key:
    if table == card_system.name:
        return (row["card_id"], row["system_id"])
    if table == opportunity_pain_point.name:
        return (row["opportunity_id"], row["pain_point_id"])
    return row["id"]


def read_rows(session: Session) -> Rows:
    """Every row of the project, per table, by key."""
    session.flush()
    rows: Rows = {}
    for name in TABLES:
        table = Base.metadata.tables[name]
        result = session.execute(select(table)).mappings()
        rows[name] = {key_of(name, dict(row)): dict(row) for row in result}
    return rows


def project_id(rows: Rows) -> str | None:
    return next(iter(rows["project"]), None)


def ids(rows: Rows) -> set[str]:
    return {key for name in TABLES if name not in LINKS for key in rows[name]}


def compared(table: str, row: Row) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name not in UNCOMPARED}


def differing(table: str, one: Row, other: Row) -> list[str]:
    """The compared fields whose values differ."""
    return [
        name
        for name, value in one.items()
        if name not in UNCOMPARED and name in other and other[name] != value
    ]


def id_columns(table: str) -> tuple[str, ...]:
    """The columns holding UUIDs of rows: the key, the references, a comment's item."""
    names = {ref.column for ref in references(table)}
    if table not in LINKS:
        names.add("id")
    if table == "comment":
        names.add("item_id")
    return tuple(sorted(names))


def remapped(rows: Rows, mapping: dict[str, str]) -> Rows:
    """``rows`` with the UUIDs in ``mapping`` replaced (keys and references alike)."""
    if not mapping:
        return rows
    out: Rows = {}
    for name, table_rows in rows.items():
        columns = id_columns(name)
        out[name] = {}
        for row in table_rows.values():
            new = dict(row)
            for column in columns:
                value = new.get(column)
                if value in mapping:
                    new[column] = mapping[value]
            out[name][key_of(name, new)] = new
    return out


def where(rows: Iterable[Rows], table: str, key: Key) -> Row | None:
    """The first of several row sets holding ``key``'s row (to describe it)."""
    for found in rows:
        row = found.get(table, {}).get(key)
        if row is not None:
            return row
    return None


class Children:
    """Which rows go with a row when it is deleted: the rows whose cascading references
    point at it, and the comments on it."""

    def __init__(self, rows: Rows) -> None:
        self.below: dict[str, list[tuple[str, Key]]] = {}
        for name in TABLES:
            for key, row in rows[name].items():
                for parent in parents(name, row):
                    self.below.setdefault(parent, []).append((name, key))

    def subtree(self, key: str) -> list[tuple[str, Key]]:
        """Every row below ``key`` (not ``key`` itself), each once."""
        found: dict[tuple[str, Key], None] = {}
        todo = [key]
        while todo:
            for child in self.below.get(todo.pop(), ()):
                if child not in found:
                    found[child] = None
                    if isinstance(child[1], str):
                        todo.append(child[1])
        return list(found)


def parents(table: str, row: Row) -> list[str]:
    """The UUIDs of the rows whose deletion deletes this one."""
    found = [row[ref.column] for ref in references(table) if ref.cascade and row[ref.column]]
    if table == "comment" and row.get("item_id"):
        found.append(row["item_id"])
    return found
