"""``stagecraft check``: is a file a healthy Stagecraft project, which format, what it holds.

The user's file is copied to a private folder first, so checking never lets SQLite write
anything beside it (no -journal, -wal or -shm), even for a damaged or hostile file.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from app.model.atomic import copy_file
from app.model.base import SCHEMA_REVISIONS, SCHEMA_VERSION
from app.model.content_check import content_problems, decode_text
from app.model.datadir import data_dir
from app.model.errors import DamagedFileError, NotAProjectError
from app.model.migrate import current_revision
from app.model.schema import ENTITIES
from app.model.sqlite_guard import (
    connect,
    foreign_objects,
    missing_tables,
    quick_check,
    read_header,
)


class Health(IntEnum):
    """Also the exit status of ``stagecraft check``."""

    HEALTHY = 0
    PROBLEMS = 1
    UNREADABLE = 2


@dataclass
class CheckReport:
    path: str
    health: Health = Health.HEALTHY
    format_version: int | None = None
    readable_format: int = SCHEMA_VERSION
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "status": self.health.name.lower(),
            "is_project": self.health is not Health.UNREADABLE,
            "format_version": self.format_version,
            "readable_format": self.readable_format,
            "problems": self.problems,
            "notes": self.notes,
            "counts": self.counts,
        }


COUNTED = {entity.__tablename__: entity.__tablename__.replace("_", " ") for entity in ENTITIES}


def check_file(path: Path) -> CheckReport:
    report = CheckReport(path=str(path))
    try:
        header = read_header(path)
    except NotAProjectError as error:
        report.health = Health.UNREADABLE
        report.problems.append(str(error))
        return report
    except DamagedFileError as error:
        report.health = Health.PROBLEMS
        report.problems.append(str(error))
        return report
    report.format_version = header.user_version
    if header.user_version > SCHEMA_VERSION:
        report.problems.append(
            f"made by a newer Stagecraft: file format {header.user_version}, this version "
            f"reads format {SCHEMA_VERSION} at most; install a newer Stagecraft to edit it"
        )
    folder = data_dir() / "check"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as private:
        copy = Path(private) / "copy.blueprint"
        try:
            copy_file(path, copy)
        except OSError as error:
            report.health = Health.UNREADABLE
            report.problems.append(f"{path} cannot be read: {error.strerror}")
            return report
        _inspect(copy, header.user_version, report)
    # One line each: SQLite's messages may quote a damaged schema across several lines.
    report.problems = [" ".join(problem.split()) for problem in report.problems]
    if report.problems and report.health is Health.HEALTHY:
        report.health = Health.PROBLEMS
    return report


def _inspect(copy: Path, version: int, report: CheckReport) -> None:
    # Read-write on the private copy (and query_only): SQLite checks a schema in full, its
    # CHECK constraints among it, only on a connection that may write, as opening does.
    connection = connect(copy)
    connection.execute("PRAGMA query_only = ON")
    connection.text_factory = decode_text
    try:
        report.problems += [f"integrity: {p}" for p in quick_check(connection, copy, full=True)]
        report.problems += [
            f"contains a {item} that Stagecraft never makes (tampered with?)"
            for item in foreign_objects(connection)
        ]
        revision = current_revision(connection)
        if version <= SCHEMA_VERSION and SCHEMA_REVISIONS.get(version) != revision:
            report.problems.append(
                f"unknown schema revision {revision!r} for file format {version}"
            )
        elif version < SCHEMA_VERSION:
            report.notes.append(
                f"older file format {version}: Stagecraft upgrades it to format "
                f"{SCHEMA_VERSION} when opened and saved"
            )
        missing = missing_tables(connection, set(COUNTED)) if version == SCHEMA_VERSION else []
        report.problems += [f"the table {name!r} is missing" for name in missing]
        if version == SCHEMA_VERSION and not missing:
            report.problems += content_problems(connection)
        # Only real tables are counted: a view standing in for one may never end.
        tables = set(COUNTED) - set(missing_tables(connection, set(COUNTED)))
        for table, label in COUNTED.items():
            if table not in tables:
                continue
            try:
                (count,) = connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
            except sqlite3.DatabaseError:
                continue
            report.counts[label] = count
    except DamagedFileError as error:
        report.problems.append(str(error).replace(str(copy), report.path))
    except sqlite3.DatabaseError as error:
        report.problems.append(f"damaged: {error}")
    except UnicodeDecodeError:
        report.problems.append("damaged: its schema is not readable text")
    finally:
        connection.close()
