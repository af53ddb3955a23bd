"""Open (with quick_check), load and save generated projects of 2,000 and 10,000 cards.

Floors, measured in the same run: raw ``sqlite3`` reading the same rows (for open and
load), and the ``sqlite3`` backup API copying the same file (for save).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from bench.harness import Figure, median_time

TABLES = ("blueprint", "stage", "step", "lane", "card", "connector", "pain_point", "emotion")
TARGETS = {  # cards: (open, save) in seconds, from the foundation issue
    2_000: (0.3, 0.05),
    10_000: (1.0, 0.2),
}


def make_project(folder: Path, cards: int) -> Path:
    target = folder / f"sample-{cards}.blueprint"
    project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, cards))
    project.save_as(target)
    project.close()
    return target


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


def run(sizes: list[int], runs: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        for cards in sizes:
            path = make_project(folder_path, cards)
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
            ]
    return figures
