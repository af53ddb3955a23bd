"""Schema versions: read a file's revision, upgrade a working copy with Alembic, stamp new files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.pool import NullPool

from app.model.base import SCHEMA_REVISIONS, SCHEMA_VERSION

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = SCHEMA_REVISIONS[SCHEMA_VERSION]


def current_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def stamp_head(connection: Connection) -> None:
    """Mark a database built from the current metadata as being at the newest revision."""
    connection.execute(
        text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    )
    connection.execute(text("DELETE FROM alembic_version"))
    connection.execute(text("INSERT INTO alembic_version VALUES (:head)"), {"head": HEAD})
    connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(working_copy: Path, to: str = "head") -> None:
    """Run the Alembic migrations on a working copy (never on the user's own file)."""
    from alembic import command
    from alembic.config import Config

    from app.model.sqlite_guard import harden

    def _connect() -> sqlite3.Connection:
        raw = sqlite3.connect(working_copy)
        harden(raw)
        # Batch migrations copy tables; foreign keys are checked again afterwards.
        raw.execute("PRAGMA foreign_keys = OFF")
        return raw

    engine = create_engine("sqlite://", creator=_connect, poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, to)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left {len(problems)} broken references")
    finally:
        engine.dispose()
