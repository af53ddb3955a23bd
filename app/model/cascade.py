"""What the database deletes along with a row, read from the schema's foreign keys.

Rows that reference a deleted row through an ``ON DELETE CASCADE`` foreign key go with it
(and what references them, and so on); rows that reference it through ``ON DELETE SET
NULL`` stay and lose the reference. The comment cleanup (``sessions``), the undo snapshots
(``subtree``) and the check that a file's foreign keys really cascade all read it here.

Both ways of asking are plain SQL, with no list of ids however many cards go:
``reach`` selects every row that goes (nested ``IN`` subqueries, walking down from the
deleted row: for snapshots), ``comments_going`` tells for each comment whether its item
goes (correlated ``EXISTS``, walking up from the comment's item: a few index lookups per
comment, where walking down would list all ten thousand cards of a blueprint).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    String,
    Table,
    bindparam,
    exists,
    or_,
    select,
)

from app.model.base import Base
from app.model.errors import ModelError

# The name of the bound parameter that holds the deleted row's id in ``comments_going``.
ROW_ID = "deleted_row_id"


@dataclass(frozen=True)
class Reference:
    """A foreign key: ``column`` of ``table`` holds a value of ``target``; ``rule`` is its
    ON DELETE action ("CASCADE", "SET NULL", "NO ACTION" …)."""

    table: Table
    column: Column
    target: Column
    rule: str


@cache
def references() -> dict[str, tuple[Reference, ...]]:
    """For each table, every foreign key pointing at it (read once all tables are known)."""
    found: dict[str, list[Reference]] = {name: [] for name in Base.metadata.tables}
    for table in Base.metadata.tables.values():
        for key in table.foreign_keys:
            rule = (key.ondelete or "NO ACTION").upper()
            found[key.column.table.name].append(Reference(table, key.parent, key.column, rule))
    return {name: tuple(refs) for name, refs in found.items()}


@cache
def cascades(table_name: str) -> tuple[tuple[Table, tuple[Reference, ...]], ...]:
    """The tables whose rows go when a row of ``table_name`` is deleted, each once, parents
    before children, with the cascading foreign keys by which their rows go (a card goes
    with its lane or with its step). The table itself comes first, with none. (No table
    cascades to itself: the blueprint's reference to its source sets null.)"""
    tables = Base.metadata.sorted_tables  # a table comes after every table it references
    start = next(i for i, table in enumerate(tables) if table.name == table_name)
    reached: dict[str, tuple[Reference, ...]] = {table_name: ()}
    for table in tables[start + 1 :]:
        by = tuple(
            ref
            for parent in reached
            for ref in references()[parent]
            if ref.rule == "CASCADE" and ref.table is table
        )
        if by:
            reached[table.name] = by
    return tuple((Base.metadata.tables[name], by) for name, by in reached.items())


def reach(table: Table, where: ColumnElement[bool]) -> Iterator[tuple[Table, ColumnElement[bool]]]:
    """``(table, where)`` for the rows ``where`` selects, then ``(child, condition)`` for
    the rows of each table that deleting them takes along."""
    conditions: dict[str, ColumnElement[bool]] = {}
    for reached, by in cascades(table.name):
        if not by:
            condition = where
        else:
            # correlate(None): the subqueries stand alone, whatever table the outer query has.
            condition = or_(
                *(
                    ref.column.in_(
                        select(ref.target).where(conditions[ref.target.table.name]).correlate(None)
                    )
                    for ref in by
                )
            )
        conditions[reached.name] = condition
        yield reached, condition


@cache
def comments_going(table_name: str) -> ColumnElement[bool]:
    """A condition on the comment table: the comment is on the row of ``table_name`` whose
    id is the ``deleted_row_id`` parameter, or on a row the database deletes with it.
    Each comment's item is looked up and followed up its foreign keys by primary key."""
    comment = Base.metadata.tables["comment"]
    goes: dict[str, ColumnElement[bool]] = {}  # a row of the table goes (correlated)
    going: list[ColumnElement[bool]] = []
    for table, by in cascades(table_name):
        if not by:
            goes[table.name] = table.c.id == bindparam(ROW_ID, type_=String(36))
            going.append(comment.c.item_id == bindparam(ROW_ID, type_=String(36)))
            continue
        goes[table.name] = or_(
            *(
                # ... when the parent row its foreign key points at goes
                exists()
                .where(ref.target == ref.column, goes[ref.target.table.name])
                .correlate(table)
                for ref in by
            )
        )
        if "id" in table.c:
            going.append(
                exists().where(table.c.id == comment.c.item_id, goes[table.name]).correlate(comment)
            )
    return or_(*going)


def check_cascades(connection: Connection) -> None:
    """Raise ModelError unless this connection enforces foreign keys and the file's foreign
    keys delete (or set null) exactly as the model declares: deleting an item counts on
    the database to take its contents along. Checked once per connection."""
    if connection.info.get("cascades_checked"):
        return
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar() != 1:
        raise ModelError("foreign keys are not enforced on this project database")
    for table in Base.metadata.sorted_tables:
        declared = {
            (key.parent.name, key.column.table.name, (key.ondelete or "NO ACTION").upper())
            for key in table.foreign_keys
        }
        # PRAGMA foreign_key_list: id, seq, table, from, to, on_update, on_delete, match
        present = {
            (row[3], row[2], row[6].upper())
            for row in connection.exec_driver_sql(f'PRAGMA foreign_key_list("{table.name}")')
        }
        if declared != present:
            raise ModelError(
                f"the table {table.name!r} of this file does not delete its rows with their "
                "items as Stagecraft expects; the file may have been changed by another program"
            )
    connection.info["cascades_checked"] = True
