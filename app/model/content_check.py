"""Checks of a project's rows that the schema alone cannot promise in a file from anyone:
one project, known values in every closed vocabulary, no broken references."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Text

from app.model.base import Base


def _vocabularies() -> list[tuple[str, str, tuple[str, ...]]]:
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Enum):
                found.append((table.name, column.name, tuple(column.type.enums)))
    return found


VOCABULARIES = _vocabularies()

# The storage classes SQLite may hold for each kind of column (SQLite itself lets any
# value into any column, so a file from anyone needs this check before use).
STORAGE = [
    ((Boolean, Integer), ("integer",)),
    ((Float,), ("real", "integer")),
    ((String, Text, Date, DateTime), ("text",)),
]


def _typed_columns() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            for kinds, classes in STORAGE:
                if isinstance(column.type, kinds):
                    found.setdefault(table.name, []).append((column.name, classes))
                    break
    return found


TYPED_COLUMNS = _typed_columns()


def missing_columns(connection: sqlite3.Connection) -> list[str]:
    """Columns the editor reads that a table lacks (dropped or renamed by another program).
    Checked by name, since SQLite reads a double-quoted name it does not know as text."""
    problems = []
    for table in Base.metadata.sorted_tables:
        # Only the names: a declared type is not read, and may be text that is not UTF-8.
        rows = connection.execute("SELECT name FROM pragma_table_info(?)", (table.name,))
        present = {name for (name,) in rows}
        if not present:
            problems.append(f"the table {table.name!r} is missing")
            continue
        problems += [
            f"the table {table.name!r} has no column {column.name!r}"
            for column in table.columns
            if column.name not in present
        ]
    return problems


def oversized_values(connection: sqlite3.Connection) -> list[str]:
    """Tables holding a value longer than the editor reads (SQLite's length limit on the
    connection): each is read once, here, rather than failing later when it is shown."""
    problems = []
    for table, columns in TYPED_COLUMNS.items():
        lengths = ", ".join(f'max(length("{name}"))' for name, _classes in columns)
        try:
            connection.execute(f'SELECT {lengths} FROM "{table}"').fetchone()
        except sqlite3.DataError:
            label = table.replace("_", " ")
            problems.append(f"a {label} holds a value too big to open")
    return problems


def unreadable_dates(connection: sqlite3.Connection) -> list[str]:
    """Dates and times stored as text the editor cannot read back (SQLite keeps any text)."""
    problems = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, Date | DateTime):
                continue
            parse = (
                datetime.fromisoformat if isinstance(column.type, DateTime) else date.fromisoformat
            )
            rows = connection.execute(
                f'SELECT "{column.name}" FROM "{table.name}" '
                f"WHERE typeof(\"{column.name}\") = 'text'"
            )
            for (value,) in rows:
                try:
                    parse(value)
                except ValueError:
                    label, name = table.name.replace("_", " "), column.name.replace("_", " ")
                    problems.append(f"a {label} has an unreadable {name} {value[:40]!r}")
                    break
    return problems


def content_problems(connection: sqlite3.Connection) -> list[str]:
    """Plain sentences for what would stop the editor from showing the project."""
    problems = missing_columns(connection)
    if problems:
        return problems
    (projects,) = connection.execute("SELECT COUNT(*) FROM project").fetchone()
    if projects != 1:
        problems.append("it holds no project" if projects == 0 else f"it holds {projects} projects")
    for table, column, allowed in VOCABULARIES:
        marks = ", ".join("?" * len(allowed))
        row = connection.execute(
            f'SELECT "{column}" FROM "{table}" '
            f'WHERE "{column}" IS NOT NULL AND "{column}" NOT IN ({marks}) LIMIT 1',
            allowed,
        ).fetchone()
        if row is not None:
            label = table.replace("_", " ")
            problems.append(f"a {label} has an unknown {column.replace('_', ' ')} {row[0]!r}")
    for table, columns in TYPED_COLUMNS.items():
        tests = " OR ".join(
            f'typeof("{name}") NOT IN ({", ".join(repr(c) for c in (*classes, "null"))})'
            for name, classes in columns
        )
        if connection.execute(f'SELECT 1 FROM "{table}" WHERE {tests} LIMIT 1').fetchone():
            problems.append(f"a {table.replace('_', ' ')} holds a value of the wrong type")
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        problems.append(f"{len(broken)} rows refer to items that do not exist")
    problems += oversized_values(connection)
    problems += unreadable_dates(connection)
    return problems


def decode_text(raw: bytes) -> str:
    """Text as stored; bytes that are not UTF-8 are shown as U+FFFD rather than failing."""
    return raw.decode("utf-8", "replace")
