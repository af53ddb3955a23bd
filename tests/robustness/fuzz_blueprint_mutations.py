"""Mutated project files for the fuzzing runs: damage at the byte level (bit flips, overwritten
runs, truncations, moved pages) and tampering through plain sqlite3 as another program could
do it (dropped and renamed columns and tables, values of the wrong type or enormous size, a
changed user_version or application_id, triggers, views shadowing tables, recursive views).

``mutate(rng, base, target)`` writes one mutated copy of ``base`` to ``target`` and returns the
name of what was done; the same seed always gives the same file.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

SCHEMA_VERSION_NEAR = (-1, 0, 1, 2, 3, 4, 5, 99, 2**31 - 1, -(2**31))
# SQLite's own default length limit is 1e9; the editor's is 64 MiB. A value past the
# editor's limit is made only where a case asks for it (writing it takes a second).
HUGE = 70 * 1024 * 1024
RECURSIVE = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"
WRONG_VALUES = (
    "NULL",
    "X'00ff10'",
    "1e308",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "0.5",
    "'text'",
    "''",
    "zeroblob(70000)",
    "randomblob(64)",
    "CAST(X'c328ff' AS TEXT)",
    "'a' || char(0) || 'b'",
    "printf('%.*c', 300000, 'x')",
    "'<b>bold</b><img src=\"http://example.invalid/x.png\">'",
    "'{0} %s {card.__class__}'",
    "'=HYPERLINK(\"http://example.invalid\")'",
    "char(8238) || 'txt.exe'",
)


def _bytes(target: Path) -> bytearray:
    return bytearray(target.read_bytes())


def _page_size(data: bytes) -> int:
    raw = int.from_bytes(data[16:18], "big")
    return 65536 if raw == 1 else max(raw, 512)


# -- damage at the byte level ---------------------------------------------------------------


def bit_flips(rng: random.Random, target: Path) -> str:
    data = _bytes(target)
    for _ in range(rng.choice((1, 1, 2, 4, 16, 64))):
        spot = rng.randrange(len(data))
        data[spot] ^= 1 << rng.randrange(8)
    target.write_bytes(data)
    return "bit flips"


def header_flips(rng: random.Random, target: Path) -> str:
    data = _bytes(target)
    for _ in range(rng.choice((1, 2, 3))):
        spot = rng.randrange(16, 100)
        data[spot] ^= 1 << rng.randrange(8)
    target.write_bytes(data)
    return "header bit flips"


def overwritten_run(rng: random.Random, target: Path) -> str:
    data = _bytes(target)
    length = rng.choice((1, 4, 32, 512, 4096))
    start = rng.randrange(max(1, len(data) - length))
    filler = rng.choice(
        (
            rng.randbytes(length),
            b"\x00" * length,
            b"\xff" * length,
            bytes([rng.randrange(256)]) * length,
        )
    )
    data[start : start + length] = filler
    target.write_bytes(data)
    return "overwritten run"


def truncated(rng: random.Random, target: Path) -> str:
    data = target.read_bytes()
    page = _page_size(data)
    if rng.random() < 0.5:
        cut = rng.randrange(1, len(data) // page) * page
        name = "truncated at a page boundary"
    else:
        cut = rng.randrange(1, len(data))
        name = "truncated"
    target.write_bytes(data[:cut])
    return name


def extended(rng: random.Random, target: Path) -> str:
    data = target.read_bytes()
    page = _page_size(data)
    extra = rng.choice(
        (rng.randbytes(page), b"\x00" * page * rng.randrange(1, 4), rng.randbytes(37))
    )
    target.write_bytes(data + extra)
    return "extended"


def moved_page(rng: random.Random, target: Path) -> str:
    data = _bytes(target)
    page = _page_size(data)
    pages = len(data) // page
    source, into = rng.randrange(pages), rng.randrange(1, pages)
    if rng.random() < 0.3:
        data[into * page : (into + 1) * page] = b"\x00" * page
        name = "zeroed page"
    else:
        data[into * page : (into + 1) * page] = data[source * page : (source + 1) * page]
        name = "page copied over another"
    target.write_bytes(data)
    return name


# -- tampering through sqlite3 --------------------------------------------------------------


def _tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def _pick(rng: random.Random, connection: sqlite3.Connection) -> tuple[str, str]:
    table = rng.choice(_tables(connection))
    return table, rng.choice(_columns(connection, table))


def _tamper(target: Path, statements: list[str]) -> None:
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA legacy_alter_table = ON")
        for statement in statements:
            # SQLite may refuse a change (a column in an index, say): keep the rest.
            with contextlib.suppress(sqlite3.DatabaseError):
                connection.execute(statement)
    finally:
        connection.close()
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _with_connection(target: Path, build: Callable[[sqlite3.Connection], list[str]]) -> None:
    connection = sqlite3.connect(target)
    try:
        statements = build(connection)
    finally:
        connection.close()
    _tamper(target, statements)


def user_version(rng: random.Random, target: Path) -> str:
    _tamper(target, [f"PRAGMA user_version = {rng.choice(SCHEMA_VERSION_NEAR)}"])
    return "user_version changed"


def application_id(rng: random.Random, target: Path) -> str:
    value = rng.choice((0, 1, 0x47504B47, rng.randrange(-(2**31), 2**31)))
    _tamper(target, [f"PRAGMA application_id = {value}"])
    return "application_id changed"


def dropped_column(rng: random.Random, target: Path) -> str:
    def build(connection: sqlite3.Connection) -> list[str]:
        table, column = _pick(rng, connection)
        return [f'ALTER TABLE "{table}" DROP COLUMN "{column}"']

    _with_connection(target, build)
    return "dropped column"


def renamed_column(rng: random.Random, target: Path) -> str:
    def build(connection: sqlite3.Connection) -> list[str]:
        table, column = _pick(rng, connection)
        return [f'ALTER TABLE "{table}" RENAME COLUMN "{column}" TO "{column}_old"']

    _with_connection(target, build)
    return "renamed column"


def dropped_or_renamed_table(rng: random.Random, target: Path) -> str:
    def build(connection: sqlite3.Connection) -> list[str]:
        table = rng.choice(_tables(connection))
        if rng.random() < 0.5:
            return [f'DROP TABLE "{table}"']
        return [f'ALTER TABLE "{table}" RENAME TO "{table}_old"']

    _with_connection(target, build)
    return "dropped or renamed table"


def retyped_table(rng: random.Random, target: Path) -> str:
    """A table rebuilt with every column of another declared type and no constraints."""

    def build(connection: sqlite3.Connection) -> list[str]:
        table = rng.choice(_tables(connection))
        kind = rng.choice(("BLOB", "REAL", "INTEGER", "TEXT", "", "NUMERIC"))
        columns = ", ".join(f'"{c}" {kind}' for c in _columns(connection, table))
        return [
            f'CREATE TABLE "{table}_new" ({columns})',
            f'INSERT INTO "{table}_new" SELECT * FROM "{table}"',
            f'DROP TABLE "{table}"',
            f'ALTER TABLE "{table}_new" RENAME TO "{table}"',
        ]

    _with_connection(target, build)
    return "table retyped without constraints"


def wrong_values(rng: random.Random, target: Path) -> str:
    def build(connection: sqlite3.Connection) -> list[str]:
        statements = []
        for _ in range(rng.choice((1, 1, 3))):
            table, column = _pick(rng, connection)
            value = rng.choice(WRONG_VALUES)
            statements.append(
                f'UPDATE "{table}" SET "{column}" = {value} WHERE rowid IN '
                f'(SELECT rowid FROM "{table}" ORDER BY random() LIMIT {rng.choice((1, 3, 1000))})'
            )
        return statements

    _with_connection(target, build)
    return "values of the wrong type"


def alembic_tampered(rng: random.Random, target: Path) -> str:
    statement = rng.choice(
        (
            "DELETE FROM alembic_version",
            "UPDATE alembic_version SET version_num = 'ffffffffffff'",
            "INSERT INTO alembic_version VALUES ('second')",
            "DROP TABLE alembic_version",
            "UPDATE alembic_version SET version_num = X'00ff'",
        )
    )
    _tamper(target, [statement])
    return "schema revision tampered"


def trigger(rng: random.Random, target: Path) -> str:
    def build(connection: sqlite3.Connection) -> list[str]:
        table = rng.choice(_tables(connection))
        event = rng.choice(("INSERT", "UPDATE", "DELETE"))
        body = rng.choice(
            (
                f'DELETE FROM "{table}";',
                "UPDATE project SET name = 'owned';",
                "SELECT randomblob(1000000000);",
                f'INSERT INTO "{table}" SELECT * FROM "{table}";',
            )
        )
        when = rng.choice(("BEFORE", "AFTER"))
        return [f'CREATE TRIGGER evil_{event.lower()} {when} {event} ON "{table}" BEGIN {body} END']

    _with_connection(target, build)
    return "trigger"


def view(rng: random.Random, target: Path) -> str:
    def build(connection: sqlite3.Connection) -> list[str]:
        table = rng.choice(_tables(connection))
        shadow = [f'ALTER TABLE "{table}" RENAME TO "{table}_real"']
        choice = rng.randrange(4)
        if choice == 0:  # a view standing in for a table, under its name
            return [*shadow, f'CREATE VIEW "{table}" AS SELECT * FROM "{table}_real"']
        if choice == 1:  # an endless recursive view under a table's name
            return [*shadow, f'CREATE VIEW "{table}" AS {RECURSIVE}']
        if choice == 2:  # a view that would allocate a gigabyte
            return ["CREATE VIEW evil AS SELECT randomblob(1000000000) AS junk"]
        return [f"CREATE VIEW evil AS {RECURSIVE} ORDER BY x DESC"]

    _with_connection(target, build)
    return "view"


def schema_objects(rng: random.Random, target: Path) -> str:
    """Other things a schema may carry: expression indexes, generated columns, a checked
    column, WAL mode in the header, an extra table."""

    def build(connection: sqlite3.Connection) -> list[str]:
        table, column = _pick(rng, connection)
        return [
            rng.choice(
                (
                    f'CREATE INDEX evil_index ON "{table}" (length("{column}") * 2)',
                    f'ALTER TABLE "{table}" ADD COLUMN evil_generated AS (length("{column}"))',
                    f'ALTER TABLE "{table}" ADD COLUMN evil_checked INT CHECK (evil_checked > 0)',
                    "PRAGMA journal_mode = WAL",
                    "CREATE TABLE evil_extra (x BLOB)",
                    f'ALTER TABLE "{table}" ADD COLUMN evil_default DEFAULT (hex(randomblob(8)))',
                )
            )
        ]

    _with_connection(target, build)
    return "other schema objects"


def recursive_view_in_newer_file(rng: random.Random, target: Path) -> str:
    """A view in place of a table in a file claiming a newer format, which is read without
    the checks of the current format."""

    def build(connection: sqlite3.Connection) -> list[str]:
        table = rng.choice(_tables(connection))
        return [
            f'ALTER TABLE "{table}" RENAME TO "{table}_real"',
            f'CREATE VIEW "{table}" AS {RECURSIVE}',
            f"PRAGMA user_version = {rng.choice((2, 99))}",
        ]

    _with_connection(target, build)
    return "recursive view in a newer file"


def malformed_schema(rng: random.Random, target: Path) -> str:
    """The text of a CREATE statement changed in sqlite_schema (writable_schema)."""
    connection = sqlite3.connect(target)
    try:
        rows = connection.execute(
            "SELECT rowid, sql FROM sqlite_schema WHERE sql IS NOT NULL"
        ).fetchall()
    finally:
        connection.close()
    rowid, sql = rng.choice(rows)
    spot = rng.randrange(len(sql))
    broken = (
        sql[:spot] + rng.choice(("", "(", ")", "'", ",", " x ", "\x00", "--")) + sql[spot + 1 :]
    )
    _tamper(
        target,
        [
            "PRAGMA writable_schema = ON",
            f"UPDATE sqlite_schema SET sql = {_quote(broken)} WHERE rowid = {rowid}",
            "PRAGMA writable_schema = OFF",
        ],
    )
    return "malformed schema text"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def enormous_value(rng: random.Random, target: Path) -> str:
    """A text past the editor's 64 MiB length limit in a card (written with SQLite's own)."""
    column = rng.choice(("text", "notes", "id"))
    _tamper(
        target,
        [
            f"UPDATE card SET {column} = printf('%.*c', {HUGE}, 'x') "
            "WHERE rowid = (SELECT min(rowid) FROM card)"
        ],
    )
    return "enormous value"


def hot_journal_beside(rng: random.Random, target: Path) -> str:
    """A rollback journal left beside the file, as a crash of another program leaves one:
    SQLite would roll it back into the user's file if it opened the file itself."""
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("BEGIN")
        connection.execute("UPDATE card SET text = 'from the journal'")
        journal = Path(f"{target}-journal")
        saved = journal.read_bytes() if journal.exists() else rng.randbytes(512)
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    Path(f"{target}-journal").write_bytes(saved)
    return "hot journal beside the file"


# (mutation, weight): byte damage most often, as files from disks and mail would be.
MUTATIONS: list[tuple[Callable[[random.Random, Path], str], int]] = [
    (bit_flips, 20),
    (header_flips, 6),
    (overwritten_run, 10),
    (truncated, 6),
    (extended, 3),
    (moved_page, 6),
    (user_version, 4),
    (application_id, 2),
    (dropped_column, 5),
    (renamed_column, 4),
    (dropped_or_renamed_table, 4),
    (retyped_table, 4),
    (wrong_values, 12),
    (alembic_tampered, 2),
    (trigger, 3),
    (view, 4),
    (schema_objects, 3),
    (recursive_view_in_newer_file, 2),
    (malformed_schema, 3),
    (hot_journal_beside, 1),
]
# Every kind once, in order, before the weighted random choice: the short run covers all.
FIRST = [mutation for mutation, _weight in MUTATIONS] + [enormous_value]


def mutate(rng: random.Random, index: int, target: Path) -> str:
    """Mutate ``target`` in place (a copy of a base project) and name what was done."""
    if index < len(FIRST):
        mutation = FIRST[index]
    else:
        mutation = rng.choices([m for m, _w in MUTATIONS], weights=[w for _m, w in MUTATIONS])[0]
    name = mutation(rng, target)
    # Sometimes a second, different mutation on top.
    if index >= len(FIRST) and rng.random() < 0.1:
        second = rng.choices([m for m, _w in MUTATIONS], weights=[w for _m, w in MUTATIONS])[0]
        try:
            name = f"{name} + {second(rng, target)}"
        except Exception:  # the first broke what sqlite3 needs to read the schema
            name = f"{name} + {bit_flips(rng, target)}"
    return name
