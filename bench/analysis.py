"""Analysis times on the sample grown to 500, 2,000 and 10,000 cards: every finding of every
blueprint (``stagecraft analyse FILE``), and the plain-data read it starts with.

The project is saved and opened again as the command line opens it. The floor, measured
in the same run, is raw sqlite3 reading the same rows (blueprints, stages, steps, lanes,
cards with their lanes and steps, connectors, the cards' systems, the catalogue, actors,
pain points, key moments) from the same working copy, with nothing made of them. The three
are timed in turn, round after round (after a garbage collection each); each figure is the
median of its rounds.

Run: ``python -m bench.analysis [--quick] [--no-record]``.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

from app.analysis.facts import read_facts
from app.analysis.findings import analyse
from app.model.project_file import ProjectFile
from bench.harness import Figure, bench_main, interleaved, make_project

TARGET = 1.0  # seconds: the whole analysis of 10,000 cards

FLOOR_QUERIES = (
    "SELECT id, name, kind, position, derived_from_id FROM blueprint",
    "SELECT id, blueprint_id, title, position FROM stage",
    "SELECT id, blueprint_id, stage_id, title, position FROM step",
    "SELECT id, blueprint_id, kind, title, position FROM lane",
    "SELECT card.id, card.lane_id, card.step_id, card.text, card.actor_id, card.channel, "
    "card.duration_minutes, card.fail_point, card.wait_point FROM card "
    "JOIN lane ON lane.id = card.lane_id JOIN step ON step.id = card.step_id "
    "ORDER BY step.position, lane.position, card.position",
    "SELECT id, blueprint_id, source_id, target_id, kind, label FROM connector",
    "SELECT card_id, system_id FROM card_system",
    "SELECT id, system_id, name FROM data_item ORDER BY position",
    "SELECT id, name, owner FROM system ORDER BY name",
    "SELECT id, name, kind FROM actor ORDER BY name",
    "SELECT id, card_id, step_id, description, severity, perspective, evidence, resolved, "
    "people_affected FROM pain_point",
    "SELECT id, step_id, importance_to_user, importance_to_provider, note FROM key_moment",
)


def raw_read(database: Path) -> int:
    """The floor: the same rows through sqlite3, fetched and dropped."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return sum(len(connection.execute(query).fetchall()) for query in FLOOR_QUERIES)
    finally:
        connection.close()


def measure(folder: Path, cards: int, runs: int) -> list[Figure]:
    project = ProjectFile.open(make_project(folder, cards, "analysis"))
    try:
        session = project.session
        database = project.working.database
        count = len(read_facts(session).cards)
        findings = len(analyse(session).findings)
        rounds = interleaved(
            [
                lambda: raw_read(database),
                lambda: read_facts(session),
                lambda: analyse(session),
            ],
            runs,
        )
    finally:
        project.close()
    floor, facts, whole = (statistics.median(found) for found in rounds)
    floor_name = "raw sqlite3: the same rows fetched"
    return [
        Figure(
            f"Analysis: the plain-data read, {count:,} cards",
            facts,
            floor_name,
            floor,
            cost="analysis: the plain-data read",
            cards=count,
        ),
        Figure(
            f"Analysis: every finding ({findings}), {count:,} cards",
            whole,
            floor_name,
            floor,
            f"< {TARGET:.0f} s" if cards == 10_000 else "",
            whole < TARGET if cards == 10_000 else None,
            cost="analysis: every finding",
            cards=count,
        ),
    ]


def run(sizes: list[int], runs: int) -> list[Figure]:
    """Time the analysis of the sample grown to each size."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            figures += measure(Path(folder), cards, runs)
    return figures


def main() -> int:
    return bench_main(
        "python -m bench.analysis",
        __doc__,
        "Analysis: findings of a whole project",
        run,
        [500, 2_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
