"""Open (with its integrity check), load, save, quick_check and delete the big blueprint
of generated projects of 500, 2,000 and 10,000 cards.

Floors, measured in the same run: raw ``sqlite3`` reading the same rows (for open and
load), the ``sqlite3`` backup API copying the same file (for save, and for save with the
quick_check of the saved file, and the integrity check opening runs), and raw ``sqlite3`` running
``DELETE FROM blueprint WHERE id = ?`` with foreign keys on (the database's cascades do
the rest) on a copy of the same file, journalled as the working copy is (for delete).

Saving does not check what it wrote (the snapshot is SQLite's own backup of a healthy
working copy); opening runs the full ``PRAGMA integrity_check`` on the copy it makes
(quick_check passes files whose indexes no longer match their tables). "save +
quick_check" is a save and SQLite's quick check of what it wrote.

Run: ``python -m bench.project_file [--quick] [--no-record]``.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.editing.commands.blueprints import DeleteBlueprintCommand
from app.editing.document import EditingDocument
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import card_count
from app.model.sqlite_guard import connect, quick_check
from bench.harness import Figure, bench_main, make_project, median_time

TABLES = ("blueprint", "stage", "step", "lane", "card", "connector", "pain_point", "emotion")
TARGETS = {  # cards: (open + load, save) in seconds; save 10,000 < 200 ms is issue 8's
    2_000: (0.3, 0.05),
    10_000: (1.0, 0.2),
}


def raw_read(path: Path) -> int:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    rows = 0
    for table in TABLES:
        rows += len(connection.execute(f"SELECT * FROM {table}").fetchall())
    connection.close()
    return rows


def raw_backup(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()


def checked(path: Path, *, full: bool = False) -> None:
    """``PRAGMA quick_check`` (or, ``full``, the ``integrity_check`` opening runs) through
    the hardened connection."""
    connection = connect(path, read_only=True)
    try:
        problems = quick_check(connection, path, full=full)
    finally:
        connection.close()
    if problems:
        raise RuntimeError(f"{path} failed its check: {problems[0]}")


def delete_blueprint_figure(folder: Path, path: Path, runs: int) -> Figure:
    """Delete the project's first (big) blueprint the way the window does: a
    DeleteBlueprintCommand pushed on the document (snapshot for undo, delete, commit), on
    the project opened and loaded afresh before each run (not timed)."""
    QApplication.instance() or QApplication([])
    state: dict[str, Any] = {}

    def open_loaded() -> None:
        project = ProjectFile.open(path)
        blueprint = load_blueprints(project.session)[0]
        state.update(project=project, document=EditingDocument(project), id=blueprint.id)
        state["cards"] = sum(len(lane.cards) for lane in blueprint.lanes)

    def delete() -> None:
        state["document"].push(DeleteBlueprintCommand(state["id"]))

    def close(_result: object) -> None:
        state.pop("document")
        state.pop("project").close()

    command_time = median_time(delete, runs=runs, setup=open_loaded, teardown=close)
    copy = folder / "delete-floor.blueprint"

    def fresh_copy() -> None:
        shutil.copyfile(path, copy)
        raw = sqlite3.connect(copy)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = NORMAL")
        raw.execute("PRAGMA foreign_keys = ON")
        state["raw"] = raw

    def raw_delete() -> None:
        state["raw"].execute("DELETE FROM blueprint WHERE id = ?", (state["id"],))
        state["raw"].commit()

    floor = median_time(
        raw_delete, runs=runs, setup=fresh_copy, teardown=lambda _r: state.pop("raw").close()
    )
    return Figure(
        f"delete a blueprint of {state['cards']:,} cards (command, commit)",
        command_time,
        "raw sqlite3 DELETE, cascades",
        floor,
        cost="delete a blueprint",
        cards=state["cards"],
    )


def run(sizes: list[int], runs: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        for cards in sizes:
            figures += measure(folder_path, make_project(folder_path, cards, "sample"), runs)
    return figures


def measure(folder: Path, path: Path, runs: int) -> list[Figure]:
    """The figures of one project file."""
    floor_read = median_time(lambda: raw_read(path), runs=runs)

    def open_only() -> ProjectFile:
        return ProjectFile.open(path)

    def open_and_load() -> ProjectFile:
        project = ProjectFile.open(path)
        load_blueprints(project.session)
        return project

    open_time = median_time(open_only, runs=runs, teardown=lambda p: p.close())
    full_time = median_time(open_and_load, runs=runs, teardown=lambda p: p.close())
    project = ProjectFile.open(path)
    count = card_count(project.session)
    load_time = median_time(
        lambda: load_blueprints(project.session),
        runs=runs,
        setup=project.session.expunge_all,
    )
    save_time = median_time(lambda: project.save(overwrite=True), runs=runs)

    def save_and_check() -> None:
        project.save(overwrite=True)
        checked(path)

    check_time = median_time(lambda: checked(path), runs=runs)
    integrity_time = median_time(lambda: checked(path, full=True), runs=runs)
    save_check_time = median_time(save_and_check, runs=runs)
    project.close()
    copy = folder / "backup-floor.blueprint"
    floor_save = median_time(lambda: raw_backup(path, copy), runs=runs)
    open_target, save_target = TARGETS.get(round(count, -3), (None, None))
    return [
        Figure(
            f"open {count:,} cards (copy, integrity_check, checks)",
            open_time,
            "raw sqlite3 read",
            floor_read,
            cost="open (copy, integrity_check, checks)",
            cards=count,
        ),
        Figure(
            f"load {count:,} cards (ORM)",
            load_time,
            "raw sqlite3 read",
            floor_read,
            cost="load (ORM)",
            cards=count,
        ),
        Figure(
            f"open + load {count:,} cards",
            full_time,
            "raw sqlite3 read",
            floor_read,
            f"< {open_target * 1000:.0f} ms" if open_target else "",
            full_time < open_target if open_target else None,
            cost="open + load",
            cards=count,
        ),
        Figure(
            f"save {count:,} cards (snapshot, fsync, replace)",
            save_time,
            "sqlite3 backup API",
            floor_save,
            f"< {save_target * 1000:.0f} ms" if save_target else "",
            save_time < save_target if save_target else None,
            cost="save",
            cards=count,
        ),
        Figure(
            f"quick_check of the saved {count:,} cards",
            check_time,
            "sqlite3 backup API",
            floor_save,
            cost="quick_check",
            cards=count,
        ),
        Figure(
            f"integrity_check of the saved {count:,} cards (as opening runs it)",
            integrity_time,
            "sqlite3 backup API",
            floor_save,
            cost="integrity_check",
            cards=count,
        ),
        Figure(
            f"save + quick_check of the saved file, {count:,} cards",
            save_check_time,
            "sqlite3 backup API",
            floor_save,
            f"< {save_target * 1000:.0f} ms" if save_target else "",
            save_check_time < save_target if save_target else None,
            cost="save + quick_check",
            cards=count,
        ),
        delete_blueprint_figure(folder, path, runs),
    ]


def main() -> int:
    return bench_main(
        "python -m bench.project_file",
        __doc__,
        "Project file: open, load, save, quick_check, delete",
        run,
        [500, 2_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
