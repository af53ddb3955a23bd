"""Killing the real editor at random moments of an editing session loses nothing it had
shown as done, and never breaks the saved file.

Each trial starts the editor the way ``stagecraft`` with no FILE does (session_child.py:
``app.cli.main([])`` with the main window, offscreen, in a process forked from one that
has done the imports), which offers the work the last trial's crash left behind; the
session restores it and goes on editing through the window's undo stack (add, retype,
move, delete, undo, redo), saving every few edits.
The parent kills it with SIGKILL at a moment drawn from a seeded RNG: mostly while it
edits and saves, sometimes while it is still starting up or recovering.

The parent follows the edits the child prints and checks, after every kill:

- the saved file passes ``PRAGMA integrity_check`` and holds exactly the cards of the
  last finished save or of the save under way (the previous version or the new one);
  nothing of SQLite's lies beside it;
- the next start offers the work for recovery (or, when everything was saved, opens the
  file) and what it shows is exactly every edit printed as ``done``, plus at most the one
  edit under way when the kill came.

After the last trial the parent recovers the work with the model's own API (what the
window calls), saves it and closes: the folder holds the file alone.
"""

from __future__ import annotations

import json
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
from app.model.base import APPLICATION_ID
from app.model.datadir import working_root
from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile
from app.model.working_copy import recoverable

CHILD = Path(__file__).with_name("session_child.py")
MAX_EDITING = 0.4  # seconds of editing before the kill (an edit takes ~12 ms here)
EARLY_KILLS = 0.15  # the share of kills aimed at start-up and recovery instead
EARLY_WINDOW = 0.6  # seconds after "go" in which those land
START_TIMEOUT = 60.0
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")

State = dict[str, tuple[str, str, str]]  # card name -> (text, lane id, step id)


@dataclass
class Tally:
    trials: int = 0
    recovered: int = 0  # the start offered the work and the child restored it
    opened: int = 0  # nothing to offer: everything was saved
    killed_early: int = 0  # killed before it showed the project
    edits_done: int = 0
    in_flight_landed: int = 0  # the edit under way at the kill was in the working copy
    during_save: int = 0
    new_version_kept: int = 0  # killed during a save that had already replaced the file


@dataclass
class Expected:
    """What the parent knows: the states the work may be in, and the file."""

    work: list[State]  # the state of the work: every done edit, or that plus the one under way
    file: list[State]  # the last finished save, or the one under way
    unswept: frozenset[int] = frozenset()  # sessions whose temporary files may remain


@dataclass
class Run:
    """What one child printed, read as the edits of an undo stack."""

    history: list[State] = field(default_factory=list)
    at: int = 0
    pending: tuple[str, list[str]] | None = None
    saving: State | None = None
    saved: State | None = None
    shown: str | None = None  # "recovered" or "opened"
    done: int = 0

    @property
    def current(self) -> State:
        return self.history[self.at]

    def apply(self, op: str, args: list[str]) -> tuple[list[State], int]:
        """The history and position after the edit ``op``."""
        if op == "undo":
            return self.history, self.at - 1
        if op == "redo":
            return self.history, self.at + 1
        state = dict(self.current)
        if op == "add":
            name, lane, step = args
            state[name] = (name, lane, step)
        elif op == "text":
            name, text = args[0], json.loads(" ".join(args[1:]))
            state[name] = (text, *state[name][1:])
        elif op == "move":
            name, lane, step = args
            state[name] = (state[name][0], lane, step)
        elif op == "delete":
            del state[args[0]]
        else:
            raise AssertionError(f"unknown edit {op}")
        return [*self.history[: self.at + 1], state], self.at + 1


class Sessions:
    """The fork server of session_child.py: one editor session per trial."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        self.count = 0

    def start(self, target: Path, seed: int) -> tuple[int, Path]:
        self.count += 1
        out = self.folder / f"session-{self.count}.out"
        self.server.stdin.write(f"{target} {seed} {out}\n")
        self.server.stdin.flush()
        line = self.server.stdout.readline().split()
        if line[:1] != ["pid"]:
            self.close()
            pytest.fail(f"the session server failed: {line} {self.server.stderr.read()[-2000:]}")
        return int(line[1]), out

    def close(self) -> None:
        if self.server.poll() is None:
            self.server.stdin.close()
            self.server.wait(timeout=30)


def wait_for_state(out: Path, deadline: float) -> None:
    """Wait until the session shows the project (or has ended, or time is up)."""
    while time.monotonic() < deadline:
        if out.exists() and b"state " in out.read_bytes():
            return
        time.sleep(0.005)


def kill(pid: int) -> bool:
    """SIGKILL the session and wait until it is gone; False if it had already ended."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.001)


def file_state(target: Path) -> State:
    """The cards in the saved file, read-only with plain sqlite3 after checking integrity."""
    connection = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        rows = connection.execute("SELECT text, lane_id, step_id FROM card").fetchall()
    finally:
        connection.close()
    return {text.split()[0]: (text, lane, step) for text, lane, step in rows}


def as_state(data: dict[str, list[str]]) -> State:
    return {name: tuple(value) for name, value in data.items()}


def make_project(target: Path) -> State:
    project_file = ProjectFile.new("Crash session", template="minimal")
    blueprint = project_file.project.blueprints[0]
    for index, lane in enumerate(blueprint.lanes):
        ops.add_card(lane, blueprint.steps[index % len(blueprint.steps)], f"a{index}")
    project_file.commit()
    project_file.save_as(target)
    project_file.close()
    return file_state(target)


def read_run(lines: list[str], expected: Expected, tally: Tally) -> Run:
    run = Run()
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "offered":
            assert rest == "1", f"more than one piece of work offered: {line}"
        elif word == "state":
            shown, _, data = rest.partition(" ")
            state = as_state(json.loads(data))
            assert state in expected.work, (
                f"the {shown} project is not the work the last session had done:\n"
                f"{describe_difference(expected.work[0], state)}"
            )
            run.history, run.at, run.shown = [state], 0, shown
            tally.in_flight_landed += len(expected.work) > 1 and state != expected.work[0]
        elif word == "doing":
            _number, op, *args = rest.split(" ")
            run.pending = (op, args)
        elif word == "done":
            run.history, run.at = run.apply(*run.pending)
            run.pending = None
            run.done += 1
        elif word == "saving":
            run.saving = run.current
        elif word == "saved":
            run.saved, run.saving = run.saving, None
        else:
            pytest.fail(f"the editor reported a failure: {line}")
    return run


def describe_difference(want: State, got: State) -> str:
    lines = [f"  lost {name}: {want[name]}" for name in sorted(set(want) - set(got))]
    lines += [f"  extra {name}: {got[name]}" for name in sorted(set(got) - set(want))]
    lines += [
        f"  changed {name}: {want[name]} -> {got[name]}"
        for name in sorted(set(want) & set(got))
        if want[name] != got[name]
    ]
    return "\n".join(lines[:20])


def one_trial(
    sessions: Sessions,
    seed: int,
    target: Path,
    expected: Expected,
    rng: random.Random,
    tally: Tally,
) -> Expected:
    pid, out_path = sessions.start(target, seed)
    started = time.monotonic()
    if rng.random() < EARLY_KILLS:
        time.sleep(rng.uniform(0, EARLY_WINDOW))
    else:
        wait_for_state(out_path, started + START_TIMEOUT)
        time.sleep(rng.uniform(0, MAX_EDITING))
    killed = kill(pid)
    out = out_path.read_bytes().decode() if out_path.exists() else ""
    lines = out.splitlines()
    err = Path(f"{out_path}.err")
    assert killed, f"the editor ended on its own: {lines[-3:]} {err.read_text()[-2000:]}"
    assert out == "" or out.endswith("\n"), out[-200:]
    run = read_run(lines, expected, tally)

    folder = target.parent
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(SQLITE_SIDE_FILES)], names
    # Temporary files of saves cut short by this kill, or by kills since the last start
    # that got as far as showing the project (opening or recovering sweeps them).
    pids = {*expected.unswept, pid}
    temp = {n for n in names if n.endswith(SUFFIX) and any(f".{p}{SUFFIX}" in n for p in pids)}
    assert set(names) - {target.name, lock_path(target).name} <= temp, names

    on_disk = file_state(target)
    allowed = [run.saved] if run.saved is not None else list(expected.file)
    if run.saving is not None:
        allowed.append(run.saving)
    assert on_disk in allowed, "the file is neither the previous version nor the new one"

    tally.trials += 1
    if run.shown is None:
        tally.killed_early += 1
        return Expected(expected.work, [on_disk], expected.unswept | {pid})
    tally.recovered += run.shown == "recovered"
    tally.opened += run.shown == "opened"
    tally.edits_done += run.done
    tally.during_save += run.saving is not None
    tally.new_version_kept += run.saving is not None and on_disk == run.saving
    work = [run.current]
    if run.pending is not None:
        history, at = run.apply(*run.pending)
        work.append(history[at])
    return Expected(work, [on_disk], frozenset({pid}))


def run_trials(target: Path, trials: int, seed: int) -> Tally:
    target.parent.mkdir()
    rng = random.Random(seed)
    initial = make_project(target)
    expected = Expected([initial], [initial])
    tally = Tally()
    sessions = Sessions(target.parent.parent / "sessions")
    sessions.folder.mkdir()
    try:
        for trial in range(trials):
            seed_of_session = seed * 100_000 + trial
            expected = one_trial(sessions, seed_of_session, target, expected, rng, tally)
    finally:
        sessions.close()

    # The last crash's work, recovered through the model API the window calls on start.
    copies = recoverable()
    assert len(copies) <= 1
    project_file = ProjectFile.recover(copies[0]) if copies else ProjectFile.open(target)
    blueprint = project_file.project.blueprints[0]
    state = {
        card.text.split()[0]: (card.text, card.lane_id, card.step_id)
        for lane in blueprint.lanes
        for card in lane.cards
    }
    assert state in expected.work
    project_file.save()
    project_file.close()
    assert file_state(target) == state
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    assert list(working_root().iterdir()) == []
    return tally


def report(tally: Tally, seconds: float) -> str:
    return (
        f"{tally.trials} kills of the editor in {seconds:.1f}s: {tally.edits_done} edits "
        f"done, {tally.recovered} recovered, {tally.opened} opened with nothing to recover, "
        f"{tally.killed_early} killed while starting, {tally.in_flight_landed} with the edit "
        f"under way kept; {tally.during_save} during a save ({tally.new_version_kept} after "
        "the rename)"
    )


def test_killing_the_editor_while_editing_loses_no_edit_it_showed_done(tmp_path) -> None:
    started = time.monotonic()
    tally = run_trials(tmp_path / "project" / "session.blueprint", trials=50, seed=11)
    print(report(tally, time.monotonic() - started))
    assert tally.trials == 50
    # The kills landed where they matter: work was recovered and saves were cut short.
    assert tally.recovered >= 20 and tally.edits_done >= 150
    assert tally.during_save > 0


@pytest.mark.slow
def test_killing_the_editor_a_thousand_times_while_editing(tmp_path) -> None:
    started = time.monotonic()
    tally = run_trials(tmp_path / "project" / "session.blueprint", trials=1000, seed=12)
    print(report(tally, time.monotonic() - started))
    assert tally.trials == 1000
    assert tally.recovered >= 400 and tally.edits_done >= 3000
    assert tally.new_version_kept > 0
