"""The lock file between real processes: who has the file, what the second one may do,
and when a lock is stale (its process is gone on this machine) or must be respected."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model import ops_grid as ops
from app.model.errors import FileLockedError
from app.model.lockfile import lock_path, read_holder
from app.model.processes import machine_name, user_name
from app.model.project_file import ProjectFile

HOLDER = Path(__file__).with_name("lock_holder_child.py")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def saved(tmp_path) -> Path:
    project_file = ProjectFile.new("Clinic", template="minimal")
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "Phones the surgery")
    project_file.commit()
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


@pytest.fixture
def holder(saved) -> Iterator[subprocess.Popen[str]]:
    """Process A, with the file open and its lock taken."""
    process = subprocess.Popen(
        [sys.executable, str(HOLDER), str(saved)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline().split()
    if line[:1] != ["ready"]:
        process.kill()
        pytest.fail(f"process A did not open the file: {line} {process.communicate()[1]}")
    assert int(line[1]) == process.pid
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


def test_a_second_process_learns_who_has_the_file(saved, holder) -> None:
    before = sha256(saved)
    lock_bytes = lock_path(saved).read_bytes()
    with pytest.raises(FileLockedError) as raised:
        ProjectFile.open(saved)
    who = raised.value.holder
    assert (who.user, who.machine, who.pid) == (user_name(), machine_name(), holder.pid)
    assert not who.is_mine and not who.is_stale
    message = str(raised.value)
    assert "\n" not in message
    assert saved.name in message and user_name() in message and machine_name() in message

    read_only = ProjectFile.open(saved, read_only=True)
    assert read_only.read_only and read_only.lock is None
    assert [c.text for c in read_only.project.blueprints[0].lanes[0].cards] == [
        "Phones the surgery"
    ]
    copy = ProjectFile.open(saved, as_copy=True)
    assert copy.path is None and copy.lock is None and not copy.read_only
    read_only.close()
    copy.close()
    # A's lock is untouched by B's attempts, and so is the file.
    assert lock_path(saved).read_bytes() == lock_bytes
    assert sha256(saved) == before


def test_the_lock_goes_when_the_holder_closes(saved, holder) -> None:
    assert read_holder(saved).pid == holder.pid
    out, err = holder.communicate("close\n", timeout=30)
    assert holder.returncode == 0, err
    assert out.split() == ["closed"]
    assert not lock_path(saved).exists()
    assert listing(saved.parent) == [saved.name]
    project_file = ProjectFile.open(saved)
    assert read_holder(saved).is_mine
    project_file.close()
    assert listing(saved.parent) == [saved.name]


def test_the_lock_of_a_killed_holder_is_cleared_by_the_next_open(saved, holder) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    stale = read_holder(saved)
    assert stale is not None and stale.pid == holder.pid and stale.is_stale
    project_file = ProjectFile.open(saved)
    assert read_holder(saved).is_mine
    assert project_file.lock is not None and not project_file.read_only
    project_file.close()
    assert listing(saved.parent) == [saved.name]


def test_a_lock_from_another_machine_is_never_cleared(saved) -> None:
    # Even with a process id that is not running here: on another machine it may be.
    dead_pid = 2**22 + 17
    assert not _running(dead_pid)
    lock_path(saved).write_text(
        json.dumps(
            {
                "user": "sam",
                "machine": "other-host",
                "pid": dead_pid,
                "since": "2026-11-23T09:00:00+00:00",
                "app": "Stagecraft 0.1.0",
            }
        ),
        encoding="utf-8",
    )
    lock_bytes = lock_path(saved).read_bytes()
    with pytest.raises(FileLockedError, match="open by sam on other-host") as raised:
        ProjectFile.open(saved)
    assert raised.value.holder.machine == "other-host"
    assert not raised.value.holder.is_stale
    assert lock_path(saved).read_bytes() == lock_bytes
    read_only = ProjectFile.open(saved, read_only=True)
    read_only.close()
    assert lock_path(saved).read_bytes() == lock_bytes


def test_opening_the_same_file_twice_in_one_process(saved) -> None:
    first = ProjectFile.open(saved)
    with pytest.raises(FileLockedError) as raised:
        ProjectFile.open(saved)
    assert raised.value.holder.is_mine
    assert raised.value.holder.pid == os.getpid()
    first.close()
    assert listing(saved.parent) == [saved.name]


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
