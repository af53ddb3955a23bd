"""Regenerate tests/data/bad/: files that are not healthy Stagecraft projects, or are
projects that try to trick the editor. Run from the repository root:
``.venv/bin/python tests/data/make_bad_files.py [FOLDER]`` (default: tests/data/bad).

The project-based files are built through the real API (ProjectFile.new, the grid
operations, save_as) and then tampered with through plain sqlite3, as someone else's
program would. UUIDs and timestamps are pinned and every database is VACUUMed, so a run
with the same SQLite gives the same bytes. Anything large (the 10 MB card text, a folder
named like a project) is made by the tests at test time, with the functions below.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

BAD = Path(__file__).with_name("bad")
SEED = 20250601
CREATED_AT = "2025-06-01 09:00:00.000000"
SAVED_WITH = "0.1.0"
# A card text that a careless editor would render as HTML and fetch an image for.
HTML_TEXT = '<b>bold</b><img src="http://example.invalid/x.png"><script>alert(1)</script>'
CARD_TEXTS = ("Books an appointment", "Receives a reminder letter", "Waits at reception")
# What each committed file is, for the tests and for anyone reading the folder.
CORPUS = {
    "empty.blueprint": "an empty file",
    "random.blueprint": "4 KiB of random bytes",
    "text.blueprint": "a text file named like a project",
    "truncated.blueprint": "a real project cut in the middle",
    "other_app.blueprint": "another program's SQLite database (application_id 0)",
    "wrong_app_id.blueprint": "Stagecraft's tables under another application id",
    "newer.blueprint": "a project from a newer Stagecraft (format 99, saved with 9.0.0)",
    "trigger.blueprint": "a project with a trigger that deletes every card",
    "view.blueprint": "a project with a view",
    "html.blueprint": "a valid project whose card text is HTML (plain text to us)",
}


@contextmanager
def _pinned_uuids(seed: int) -> Iterator[None]:
    """Make every new row id come from a seeded generator (uuid.uuid4 is what rows use)."""
    rng = random.Random(seed)
    real = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)
    try:
        yield
    finally:
        uuid.uuid4 = real


@contextmanager
def _private_data_dir() -> Iterator[None]:
    """Working copies go to a throwaway folder, not the user's data folder."""
    old = os.environ.get("STAGECRAFT_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="stagecraft-bad-files-") as folder:
        os.environ["STAGECRAFT_DATA_DIR"] = folder
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("STAGECRAFT_DATA_DIR", None)
            else:
                os.environ["STAGECRAFT_DATA_DIR"] = old


def make_project(target: Path, texts: tuple[str, ...] = CARD_TEXTS, seed: int = SEED) -> None:
    """A small real project saved through the editor's own code path: the minimal
    template with one card per text in the frontstage lane, one per step in turn."""
    from app.model import ops_grid as ops
    from app.model.project_file import ProjectFile

    with _pinned_uuids(seed):
        project_file = ProjectFile.new("Clinic visit", template="minimal")
        try:
            blueprint = project_file.project.blueprints[0]
            lane = blueprint.lanes[1]
            for index, text in enumerate(texts):
                ops.add_card(lane, blueprint.steps[index % len(blueprint.steps)], text)
            project_file.commit()
            project_file.save_as(target, replace=False)
        finally:
            project_file.close()
    statements = [f"UPDATE project SET created_at = '{CREATED_AT}'"]
    connection = sqlite3.connect(target)
    try:
        indexes = connection.execute(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
            "ORDER BY name"
        ).fetchall()
    finally:
        connection.close()
    statements += [f'DROP INDEX "{name}"' for name, _sql in indexes]
    statements += [sql for _name, sql in indexes]
    tamper(target, *statements)


def tamper(target: Path, *statements: str) -> None:
    """Change a saved file with plain sqlite3, as another program would, then VACUUM."""
    connection = sqlite3.connect(target)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


# -- the committed corpus --------------------------------------------------------------------


def empty(target: Path) -> None:
    target.write_bytes(b"")


def random_bytes(target: Path) -> None:
    target.write_bytes(random.Random(SEED).randbytes(4096))


def text_file(target: Path) -> None:
    target.write_text(
        "Meeting notes, 1 June\n\n- map the booking journey\n- ask reception about letters\n",
        encoding="utf-8",
    )


def truncated(target: Path) -> None:
    """A real project cut in the middle, as by an interrupted download or copy."""
    make_project(target)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2 + 1000])


def other_app(target: Path) -> None:
    connection = sqlite3.connect(target)
    try:
        connection.executescript(
            """
            CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT NOT NULL, minutes INTEGER);
            INSERT INTO recipe (title, minutes) VALUES ('Soup', 40), ('Bread', 180);
            """
        )
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def wrong_app_id(target: Path) -> None:
    make_project(target)
    tamper(target, "PRAGMA application_id = 1196444487")  # 'GPKG', GeoPackage's id


def newer(target: Path) -> None:
    """What a future Stagecraft might write: format 99, a new column and a new table."""
    make_project(target)
    tamper(
        target,
        "ALTER TABLE card ADD COLUMN colour VARCHAR(16) NOT NULL DEFAULT ''",
        "CREATE TABLE swimlane_group (id VARCHAR(36) PRIMARY KEY, title VARCHAR(200))",
        "UPDATE alembic_version SET version_num = '0099_future'",
        "UPDATE project SET saved_with = '9.0.0'",
        "PRAGMA user_version = 99",
    )


def trigger(target: Path) -> None:
    make_project(target)
    tamper(target, "CREATE TRIGGER evil AFTER UPDATE ON card BEGIN DELETE FROM card; END")


def view(target: Path) -> None:
    make_project(target)
    tamper(target, "CREATE VIEW evil AS SELECT id, randomblob(1000000000) AS junk FROM card")


def html(target: Path) -> None:
    make_project(target, texts=(HTML_TEXT,))


MAKERS: dict[str, Callable[[Path], None]] = {
    "empty.blueprint": empty,
    "random.blueprint": random_bytes,
    "text.blueprint": text_file,
    "truncated.blueprint": truncated,
    "other_app.blueprint": other_app,
    "wrong_app_id.blueprint": wrong_app_id,
    "newer.blueprint": newer,
    "trigger.blueprint": trigger,
    "view.blueprint": view,
    "html.blueprint": html,
}
assert set(MAKERS) == set(CORPUS)


def make_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with _private_data_dir():
        for name, maker in MAKERS.items():
            target = folder / name
            target.unlink(missing_ok=True)
            maker(target)
            written.append(target)
    return written


# -- made at test time ----------------------------------------------------------------------


def make_huge_text(target: Path, size: int = 10 * 1024 * 1024) -> str:
    """A project whose one card holds ``size`` characters of text; returns the text.

    The caller's STAGECRAFT_DATA_DIR takes the working copy."""
    line = "A long note pasted from a report, line {:07d}.\n"
    text = "".join(line.format(i) for i in range(size // len(line.format(0)) + 1))[:size]
    make_project(target, texts=(text,))
    return text


def make_folder(target: Path) -> None:
    """A folder named like a project file, with something inside."""
    target.mkdir()
    (target / "readme.txt").write_text("not a project\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else BAD
    for path in make_all(folder):
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
