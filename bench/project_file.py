"""Open (with quick_check), load, save and delete the big blueprint of generated projects
of 2,000 and 10,000 cards.

Floors, measured in the same run: raw ``sqlite3`` reading the same rows (for open and
load), the ``sqlite3`` backup API copying the same file (for save), and raw ``sqlite3``
running ``DELETE FROM blueprint WHERE id = ?`` with foreign keys on (the database's
cascades do the rest) on a copy of the same file, journalled as the working copy is (for
delete).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.editing.commands.blueprints import DeleteBlueprintCommand
from app.editing.document import EditingDocument
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from bench.harness import Figure, make_project, median_time

TABLES = ("blueprint", "stage", "step", "lane", "card", "connector", "pain_point", "emotion")
TARGETS = {  # cards: (open, save) in seconds, from the foundation issue
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
    )


def run(sizes: list[int], runs: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        for cards in sizes:
            path = make_project(folder_path, cards, "sample")
            floor_read = median_time(lambda path=path: raw_read(path), runs=runs)

            def open_only(path: Path = path) -> ProjectFile:
                return ProjectFile.open(path)

            def open_and_load(path: Path = path) -> ProjectFile:
                project = ProjectFile.open(path)
                load_blueprints(project.session)
                return project

            open_time = median_time(open_only, runs=runs, teardown=lambda p: p.close())
            full_time = median_time(open_and_load, runs=runs, teardown=lambda p: p.close())
            project = ProjectFile.open(path)
            load_time = median_time(
                lambda project=project: load_blueprints(project.session),
                runs=runs,
                setup=lambda project=project: project.session.expunge_all(),
            )
            save_time = median_time(lambda project=project: project.save(overwrite=True), runs=runs)
            project.close()
            copy = folder_path / "backup-floor.blueprint"
            floor_save = median_time(lambda path=path, copy=copy: raw_backup(path, copy), runs=runs)
            open_target, save_target = TARGETS.get(cards, (None, None))
            figures += [
                Figure(
                    f"open {cards:,} cards (copy, quick_check, checks)",
                    open_time,
                    "raw sqlite3 read",
                    floor_read,
                ),
                Figure(f"load {cards:,} cards (ORM)", load_time, "raw sqlite3 read", floor_read),
                Figure(
                    f"open + load {cards:,} cards",
                    full_time,
                    "raw sqlite3 read",
                    floor_read,
                    f"< {open_target * 1000:.0f} ms" if open_target else "",
                    full_time < open_target if open_target else None,
                ),
                Figure(
                    f"save {cards:,} cards (snapshot, fsync, replace)",
                    save_time,
                    "sqlite3 backup API",
                    floor_save,
                    f"< {save_target * 1000:.0f} ms" if save_target else "",
                    save_time < save_target if save_target else None,
                ),
                delete_blueprint_figure(folder_path, path, runs),
            ]
    return figures
