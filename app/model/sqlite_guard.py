"""Defensive handling of SQLite files that may come from anyone: header checks before SQLite
parses anything, hardened connections, and checks of what the schema contains."""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from app.model.base import APPLICATION_ID
from app.model.errors import DamagedFileError, NotAProjectError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

# Limits low enough to stop a hostile file from exhausting memory, high enough for a
# 10 MB card note and for the parameter lists SQLAlchemy writes.
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: 64 * 1024 * 1024,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 1024 * 1024,
    sqlite3.SQLITE_LIMIT_COLUMN: 200,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 16,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 10,
}


@dataclass(frozen=True)
class Header:
    application_id: int
    user_version: int
    page_size: int


def read_header(path: Path) -> Header:
    """Read the 100-byte SQLite header without letting SQLite open the file."""
    if not path.exists():
        raise NotAProjectError(f"{path} does not exist; check the name and folder")
    if path.is_dir():
        raise NotAProjectError(f"{path} is a folder, not a Stagecraft project file")
    try:
        with path.open("rb") as stream:
            head = stream.read(HEADER_SIZE)
    except PermissionError:
        raise NotAProjectError(f"{path} cannot be read: permission denied") from None
    except OSError as error:
        raise NotAProjectError(f"{path} cannot be read: {error.strerror}") from None
    if not head:
        raise NotAProjectError(f"{path} is empty, not a Stagecraft project")
    if not head.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{path} is not a Stagecraft project (not an SQLite database)")
    if len(head) < HEADER_SIZE:
        raise NotAProjectError(f"{path} is truncated: it ends inside the file header")
    raw_page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    user_version, application_id = struct.unpack(">iI", head[60:64] + head[68:72])
    if application_id != APPLICATION_ID:
        raise NotAProjectError(
            f"{path} is an SQLite database of another program, not a Stagecraft project"
        )
    # The file format's write and read versions: 1 (rollback journal) or 2 (WAL). Any
    # other value makes SQLite open the file read-only or not at all.
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        raise DamagedFileError(
            f"{path} is damaged (its header names an unknown file format); open a backup or "
            "an earlier copy"
        )
    size = path.stat().st_size
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise DamagedFileError(
            f"{path} is damaged (truncated or cut short); open a backup or an earlier copy"
        )
    return Header(application_id, user_version, page_size)


def harden(connection: sqlite3.Connection, *, read_only: bool = False) -> None:
    """Settings for every connection to a project database, working copy included."""
    for category, limit in LIMITS.items():
        connection.setlimit(category, limit)
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cell_size_check = ON")
    connection.execute("PRAGMA mmap_size = 0")
    connection.execute("PRAGMA foreign_keys = ON")
    if read_only:
        connection.execute("PRAGMA query_only = ON")


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    mode = "ro" if read_only else "rwc"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)
    harden(connection, read_only=read_only)
    return connection


def quick_check(connection: sqlite3.Connection, path: Path, *, full: bool = False) -> list[str]:
    """Problems SQLite finds in the database structure (empty when healthy)."""
    pragma = "integrity_check(20)" if full else "quick_check(20)"
    try:
        rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        raise DamagedFileError(
            f"{path} is damaged ({error}); open a backup or an earlier copy"
        ) from None
    except UnicodeDecodeError:
        # SQLite's message quotes the damaged schema, in bytes that are not UTF-8.
        raise DamagedFileError(
            f"{path} is damaged (its schema is not readable text); open a backup or an earlier copy"
        ) from None
    if rows == ["ok"]:
        return []
    # One report row may hold several lines ("*** in database main ***\nPage 3: ..."); each
    # problem is one line, without SQLite's banner, so messages built from it stay one line.
    lines = (line.strip() for row in rows for line in str(row).splitlines())
    found = [line for line in lines if line and not line.startswith("***")]
    return found or ["the database structure is damaged"]


def foreign_objects(connection: sqlite3.Connection) -> list[str]:
    """Triggers and views: Stagecraft never creates them, so a file that has them was
    made or changed by something else and could run code on edit."""
    rows = connection.execute(
        "SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') ORDER BY name"
    )
    return [f"{kind} {name!r}" for kind, name in rows]


def missing_tables(connection: sqlite3.Connection, expected: set[str]) -> list[str]:
    rows = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
    present = {name for (name,) in rows}
    return sorted(expected - present)
