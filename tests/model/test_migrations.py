"""File formats: a format-1 file is upgraded in the working copy only, and the upgraded
schema is exactly the schema a new file gets."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from app.model.base import SCHEMA_VERSION
from app.model.migrate import upgrade
from app.model.project_file import ProjectFile
from app.model.schema import Base

FIXTURE = Path(__file__).parents[1] / "data" / "format1.blueprint"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_differences(database: Path) -> list:
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    return differences


def test_format1_fixture_is_really_format1() -> None:
    connection = sqlite3.connect(FIXTURE)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(blueprint)")]
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    connection.close()
    assert version == 1
    assert "position" not in columns


def test_format1_file_is_upgraded_in_the_working_copy_only(tmp_path) -> None:
    original = tmp_path / "old.blueprint"
    shutil.copy(FIXTURE, original)
    before = sha256(original)

    project_file = ProjectFile.open(original)

    assert sha256(original) == before
    assert any("older Stagecraft (file format 1)" in notice for notice in project_file.notices)
    working = project_file.working.database
    version = sqlite3.connect(working).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    # Format 1 listed blueprints by name; the upgrade keeps that order as positions.
    names = [bp.name for bp in project_file.project.blueprints]
    assert names == ["Alpha as-is", "Middle", "Zeta to-be"]
    assert [bp.position for bp in project_file.project.blueprints] == [0, 1, 2]
    card = project_file.project.blueprints[0].lanes[0].cards[0]
    assert card.text == "Receives a letter they find hard to read" and card.fail_point
    project_file.close()
    assert sha256(original) == before


def test_upgraded_schema_matches_a_new_file(tmp_path) -> None:
    original = tmp_path / "old.blueprint"
    shutil.copy(FIXTURE, original)
    project_file = ProjectFile.open(original)
    upgraded = project_file.working.database
    assert schema_differences(upgraded) == []
    project_file.save()
    project_file.close()
    assert schema_differences(original) == []
    connection = sqlite3.connect(original)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
        "0003_ecosystem_position"
    )
    connection.close()


def test_migrations_from_nothing_build_the_current_schema(tmp_path) -> None:
    empty = tmp_path / "empty.blueprint"
    sqlite3.connect(empty).close()
    upgrade(empty)
    assert schema_differences(empty) == []
    assert sqlite3.connect(empty).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
