"""The project files the fuzzing first found mishandled, kept as fixed cases: each is refused
with one line naming the file and what is wrong, `stagecraft check` finishes and does not
call it healthy, and the file is left as it was."""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.model.check import Health, check_file
from app.model.errors import DamagedFileError
from app.model.project_file import ProjectFile

DATA = Path(__file__).parents[1] / "data"
RECURSIVE = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"


def _maker():
    spec = importlib.util.spec_from_file_location("make_bad_files", DATA / "make_bad_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _maker()


def _project(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "folder" / "clinic.blueprint"
    path.parent.mkdir()
    maker.make_project(path)
    maker.tamper(path, "PRAGMA legacy_alter_table = ON", *statements)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("statements", "says"),
    [
        # SQLite reads a double-quoted name it does not know as a string, so a check by
        # typeof("text") passed on a renamed column and loading failed later.
        (['ALTER TABLE card RENAME COLUMN "text" TO "text_old"'], "has no column 'text'"),
        (['ALTER TABLE lane RENAME COLUMN "id" TO "id_old"'], "has no column 'id'"),
        (["ALTER TABLE actor DROP COLUMN description"], "has no column 'description'"),
        # Past the editor's 64 MiB length limit: loading failed with "string or blob too big".
        (
            ["UPDATE card SET notes = printf('%.*c', 70 * 1024 * 1024, 'x')"],
            "a card holds a value too big to open",
        ),
        # SQLite keeps any text in a date column; loading it raised ValueError.
        (
            ["UPDATE project SET created_at = char(26, 26) || '16:20:00.000000'"],
            "a project has an unreadable created at",
        ),
    ],
    ids=["renamed-text", "renamed-id", "dropped-column", "enormous-value", "unreadable-date"],
)
def test_a_file_the_editor_cannot_read_is_refused_at_open(
    tmp_path: Path, statements: list[str], says: str
) -> None:
    path = _project(tmp_path, *statements)
    before = _digest(path)
    with pytest.raises(DamagedFileError) as raised:
        ProjectFile.open(path)
    message = str(raised.value)
    assert says in message and path.name in message and "\n" not in message
    report = check_file(path)
    assert report.health is Health.PROBLEMS
    assert any(says in problem for problem in report.problems), report.problems
    assert _digest(path) == before


def test_a_zeroed_page_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _project(tmp_path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[-3 * page : -2 * page] = b"\x00" * page
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedFileError) as raised:
        ProjectFile.open(path)
    assert "damaged" in str(raised.value) and "\n" not in str(raised.value)
    assert "***" not in str(raised.value)
    assert all("\n" not in problem for problem in check_file(path).problems)


def test_check_does_not_count_the_rows_of_an_endless_view(tmp_path: Path) -> None:
    """A newer file is read without the current format's table checks; check counted the
    rows of every table by name, so a recursive view under a table's name never ended."""
    path = _project(
        tmp_path,
        "ALTER TABLE card RENAME TO card_real",
        f"CREATE VIEW card AS {RECURSIVE}",
        "PRAGMA user_version = 99",
    )
    finished = subprocess.run(
        [sys.executable, "-m", "app", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == int(Health.PROBLEMS), finished.stderr
    assert "view 'card'" in finished.stdout
    assert "  card:" not in finished.stdout


def _schema_text(tmp_path: Path, name: bytes, sql: bytes) -> Path:
    """The CREATE statement of one index replaced through writable_schema (no VACUUM after:
    SQLite could not read the schema back)."""
    path = _project(tmp_path)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_schema SET name = CAST(? AS TEXT), sql = CAST(? AS TEXT) WHERE rowid = "
            "(SELECT min(rowid) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL)",
            (name, sql),
        )
        connection.commit()
    finally:
        connection.close()
    return path


@pytest.mark.parametrize(
    ("name", "sql"),
    [
        # SQLite's message quotes the schema in bytes that are not UTF-8: Python's sqlite3
        # raised UnicodeDecodeError, which reached the command line as "unexpected".
        pytest.param(b"i\xa0", b"CREATE INDEX \xa0 ON card (text)", id="not-utf8"),
        # SQLite's message quotes a statement that runs over several lines.
        pytest.param(b"x", b"CREATE INDEX x ON card (`text,\n\tlane_id)", id="several-lines"),
    ],
)
def test_a_damaged_schema_text_is_one_line_everywhere(
    tmp_path: Path, name: bytes, sql: bytes
) -> None:
    path = _schema_text(tmp_path, name, sql)
    before = _digest(path)
    with pytest.raises(DamagedFileError) as raised:
        ProjectFile.open(path)
    message = str(raised.value)
    assert "damaged" in message and path.name in message and "\n" not in message
    report = check_file(path)
    assert report.health is not Health.HEALTHY
    assert report.problems and all("\n" not in problem for problem in report.problems)
    finished = subprocess.run(
        [sys.executable, "-m", "app", "export", str(path), "--out", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 2
    assert finished.stderr.startswith("stagecraft: error: ") and finished.stderr.count("\n") == 1
    assert "unexpected" not in finished.stderr
    assert _digest(path) == before


def test_indexes_that_no_longer_match_their_table_are_refused_at_open(tmp_path: Path) -> None:
    """Each b-tree sound, their keys not: quick_check passed such files, and reading them
    later failed with "database disk image is malformed"."""
    path = _project(tmp_path)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA writable_schema = ON")
        roots = dict(
            connection.execute(
                "SELECT name, rootpage FROM sqlite_schema "
                "WHERE name IN ('ix_card_cell', 'sqlite_autoindex_card_1')"
            ).fetchall()
        )
        name, other = "ix_card_cell", "sqlite_autoindex_card_1"
        swap = "UPDATE sqlite_schema SET rootpage = ? WHERE name = ?"
        connection.execute(swap, (roots[other], name))
        connection.execute(swap, (roots[name], other))
        connection.commit()
    finally:
        connection.close()
    before = _digest(path)
    with pytest.raises(DamagedFileError, match="missing from index") as raised:
        ProjectFile.open(path)
    assert path.name in str(raised.value) and "\n" not in str(raised.value)
    assert check_file(path).health is Health.PROBLEMS
    assert _digest(path) == before


def test_a_check_constraint_naming_no_column_is_reported_by_check(tmp_path: Path) -> None:
    """SQLite resolves CHECK constraints only on a connection that may write: check (read
    only) called such a file healthy, and open refused it."""
    path = _project(tmp_path)
    connection = sqlite3.connect(path)
    try:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_schema WHERE name = 'opportunity'"
        ).fetchone()
        assert "CHECK (operational_capacity IS NULL" in sql
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE name = 'opportunity'",
            (sql.replace("CHECK (operational_capacity", "CHECK (operational_catacity"),),
        )
        connection.commit()
    finally:
        connection.close()
    before = _digest(path)
    with pytest.raises(DamagedFileError, match="no such column: operational_catacity"):
        ProjectFile.open(path)
    report = check_file(path)
    assert report.health is Health.PROBLEMS
    assert any("operational_catacity" in problem for problem in report.problems)
    assert _digest(path) == before


@pytest.mark.parametrize(("offset", "value"), [(18, 33), (19, 3), (18, 0)])
def test_an_unknown_file_format_version_in_the_header_is_refused(
    tmp_path: Path, offset: int, value: int
) -> None:
    """A write version above 2 made SQLite open the working copy read-only, and opening
    failed with an uncaught "attempt to write a readonly database"."""
    path = _project(tmp_path)
    data = bytearray(path.read_bytes())
    data[offset] = value
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedFileError, match="unknown file format") as raised:
        ProjectFile.open(path)
    assert path.name in str(raised.value)
    assert check_file(path).health is Health.PROBLEMS
    assert path.read_bytes() == bytes(data)


def test_a_declared_type_that_is_not_utf8_opens_as_check_says(tmp_path: Path) -> None:
    """Only the columns' names are read: reading their declared types (not UTF-8 here) made
    open refuse a file that check called healthy and that the editor reads."""
    path = _project(tmp_path)
    connection = sqlite3.connect(path)
    try:
        (sql,) = connection.execute("SELECT sql FROM sqlite_schema WHERE name = 'card'").fetchone()
        assert "position INTEGER" in sql
        broken = sql.encode().replace(b"position INTEGER", b"position INTEG\xe9R")
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_schema SET sql = CAST(? AS TEXT) WHERE name = 'card'", (broken,)
        )
        connection.commit()
    finally:
        connection.close()
    assert check_file(path).health is Health.HEALTHY
    project_file = ProjectFile.open(path)
    try:
        assert len(project_file.project.blueprints[0].lanes[1].cards) == 3
    finally:
        project_file.close()
