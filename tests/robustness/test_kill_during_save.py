"""A crash at any moment of editing or saving leaves the user's file whole: the old version
or the new one, never a broken one, and nothing of SQLite's beside it.

A child process (save_loop_child.py) opens the project and loops forever: add a card,
commit, save. The parent kills it with SIGKILL after a random delay from a seeded RNG,
then checks the file with plain sqlite3 (integrity, application id, card count) and the
folder beside it. The next child opens the file again with ProjectFile.open, which must
clear the stale lock and sweep the dead child's temporary save file.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.model import ops_grid as ops
from app.model.atomic import SUFFIX
from app.model.base import APPLICATION_ID, SCHEMA_VERSION
from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile

CHILD = Path(__file__).with_name("save_loop_child.py")
MAX_DELAY = 0.25  # seconds of editing and saving before the kill; ~10 ms per round here
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


@dataclass
class Tally:
    """What the trials saw, to show the kills landed where they matter."""

    trials: int = 0
    during_save: int = 0  # killed between "saving N" and "saved N"
    new_version_kept: int = 0  # ... and the file already held N (the rename was done)
    temp_left: int = 0  # a .stagecraft-save temporary file was left beside the file
    counts: list[int] = field(default_factory=list)


def start_child(target: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def read_file_state(target: Path) -> tuple[int, int, int]:
    """(application_id, user_version, cards) after checking integrity, read-only, so that
    SQLite writes nothing beside the file."""
    connection = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
        (user_version,) = connection.execute("PRAGMA user_version").fetchone()
        (cards,) = connection.execute("SELECT COUNT(*) FROM card").fetchone()
    finally:
        connection.close()
    return application_id, user_version, cards


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(SUFFIX))


def make_project(target: Path) -> int:
    project_file = ProjectFile.new("Crash test", template="minimal")
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "First card")
    project_file.commit()
    project_file.save_as(target)
    project_file.close()
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    return 1


def one_trial(
    child: subprocess.Popen[str], target: Path, known: int, delay: float, tally: Tally
) -> int:
    """Let ``child`` open the file and edit and save for ``delay`` seconds, kill it, and
    check what is on disk. Returns the card count now in the file."""
    folder = target.parent
    child.stdin.write("go\n")
    child.stdin.flush()
    ready = child.stdout.readline().split()
    if ready[:1] != ["ready"]:
        child.kill()
        _out, err = child.communicate()
        pytest.fail(f"the child did not open the file: {ready} {err[-2000:]}")
    # ProjectFile.open saw exactly what the last check read with sqlite3.
    assert int(ready[1]) == known
    # It has swept the temporary files of the children killed before it.
    assert [name for name in temp_files(folder) if f".{child.pid}{SUFFIX}" not in name] == []

    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, f"the child ended on its own: {err[-2000:]}"

    assert out == "" or out.endswith("\n"), out[-200:]
    saved, in_flight = known, None
    for line in out.splitlines():
        word, number = line.split()
        if word == "saving":
            in_flight = int(number)
        elif word == "saved":
            assert int(number) == in_flight
            saved, in_flight = int(number), None

    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(SQLITE_SIDE_FILES)], names
    leftovers = set(names) - {target.name, lock_path(target).name}
    assert leftovers <= {n for n in temp_files(folder) if f".{child.pid}{SUFFIX}" in n}, names

    application_id, user_version, cards = read_file_state(target)
    assert application_id == APPLICATION_ID
    assert user_version == SCHEMA_VERSION
    # The old version or the new one: the last save that finished, or the one under way.
    allowed = {saved} if in_flight is None else {saved, in_flight}
    assert cards in allowed, (cards, saved, in_flight)

    tally.trials += 1
    tally.counts.append(cards)
    tally.during_save += in_flight is not None
    tally.new_version_kept += in_flight is not None and cards == in_flight
    tally.temp_left += bool(leftovers - {lock_path(target).name})
    return cards


def run_trials(target: Path, trials: int, seed: int) -> Tally:
    rng = random.Random(seed)
    known = make_project(target)
    tally = Tally()
    # Each child is started once, for its own trial, but one trial early: it imports
    # while the previous one is editing, which halves the time on a small machine.
    children = [start_child(target)]
    try:
        for trial in range(trials):
            if trial + 1 < trials:
                children.append(start_child(target))
            known = one_trial(children[trial], target, known, rng.uniform(0, MAX_DELAY), tally)
    finally:
        for process in children:
            if process.poll() is None:
                process.kill()
            process.communicate()

    # The next open and save clears the last child's stale lock and temporary file.
    project_file = ProjectFile.open(target)
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "After the crashes")
    project_file.commit()
    project_file.save()
    project_file.close()
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    assert read_file_state(target)[2] == known + 1
    return tally


def report(tally: Tally, seconds: float) -> str:
    return (
        f"{tally.trials} kills in {seconds:.1f}s: {tally.during_save} during a save "
        f"({tally.new_version_kept} after the rename), {tally.temp_left} left a temporary "
        f"file; the file grew to {max(tally.counts)} cards"
    )


def test_killing_the_editor_at_random_moments_never_breaks_the_file(tmp_path) -> None:
    started = time.monotonic()
    tally = run_trials(tmp_path / "crash.blueprint", trials=50, seed=1)
    print(report(tally, time.monotonic() - started))
    assert tally.trials == 50
    # The kills are not all landing between saves (which would prove little).
    assert tally.during_save > 0


@pytest.mark.slow
def test_killing_the_editor_a_thousand_times(tmp_path) -> None:
    started = time.monotonic()
    tally = run_trials(tmp_path / "crash.blueprint", trials=1000, seed=2)
    print(report(tally, time.monotonic() - started))
    assert tally.trials == 1000
    assert tally.during_save > 0 and tally.new_version_kept > 0
