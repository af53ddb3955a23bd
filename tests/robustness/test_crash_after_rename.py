"""A crash in the instant between a save's rename and the record of it: the file on disk
is our own new version, so the recovered work saves without a false "changed on disk by
someone else" (found by test_crash_editing_session); a real change by someone else made
after such a crash is still caught."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.model import atomic
from app.model import ops_grid as ops
from app.model.errors import ChangedOnDiskError
from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile
from app.model.working_copy import recoverable

DEAD_PID = 2**22 + 19  # above Linux's largest pid: no such process


class Killed(BaseException):
    """The process stopping where it is (nothing after it runs, not even except clauses
    that catch Exception)."""


def add(project_file: ProjectFile, text: str) -> None:
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], text)
    project_file.commit()


def texts(project_file: ProjectFile) -> list[str]:
    return sorted(c.text for lane in project_file.project.blueprints[0].lanes for c in lane.cards)


def crash_after_rename(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Open ``target``, edit, and die in the save right after the rename."""
    project_file = ProjectFile.open(target)
    add(project_file, "Saved as the process died")

    def die(_folder: Path) -> None:
        raise Killed

    with monkeypatch.context() as patch, pytest.raises(Killed):
        patch.setattr(atomic, "sync_folder", die)
        project_file.save()
    # Gone without closing: its process is no more.
    project_file.session.close()
    project_file.engine.dispose()
    project_file.working.record.pid = DEAD_PID
    project_file.working.write_record()
    holder = json.loads(lock_path(target).read_text())
    lock_path(target).write_text(json.dumps({**holder, "pid": DEAD_PID}))


@pytest.fixture
def target(tmp_path: Path) -> Path:
    project_file = ProjectFile.new("Clinic", template="minimal")
    add(project_file, "First")
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


def test_the_recovered_work_saves_over_our_own_half_recorded_save(target, monkeypatch) -> None:
    crash_after_rename(target, monkeypatch)
    (copy,) = recoverable()
    recovered = ProjectFile.recover(copy)
    assert texts(recovered) == ["First", "Saved as the process died"]
    assert not recovered.changed_on_disk()
    add(recovered, "After recovery")
    recovered.save()
    recovered.close()
    reopened = ProjectFile.open(target)
    assert texts(reopened) == ["After recovery", "First", "Saved as the process died"]
    reopened.close()


def test_someone_elses_change_after_such_a_crash_is_still_caught(target, monkeypatch) -> None:
    crash_after_rename(target, monkeypatch)
    (copy,) = recoverable()
    recovered = ProjectFile.recover(copy)
    theirs = target.read_bytes() + b"\0" * 4096
    target.write_bytes(theirs)
    assert recovered.changed_on_disk()
    with pytest.raises(ChangedOnDiskError, match="changed on disk by someone else"):
        recovered.save()
    assert target.read_bytes() == theirs
    recovered.close()
    assert os.listdir(target.parent) == [target.name]


def test_recovering_sweeps_the_copy_a_crashed_save_left_beside_the_file(target) -> None:
    project_file = ProjectFile.open(target)
    add(project_file, "Unsaved")
    # What a save cut short leaves: its copy beside the file, named for the dead process.
    left = atomic.temp_name(target).with_name(
        atomic.temp_name(target).name.replace(f".{os.getpid()}.", f".{DEAD_PID}.")
    )
    left.write_bytes(b"half a database")
    project_file.session.close()
    project_file.engine.dispose()
    project_file.working.record.pid = DEAD_PID
    project_file.working.write_record()
    project_file.lock.path.unlink()
    (copy,) = recoverable()
    recovered = ProjectFile.recover(copy)
    assert sorted(os.listdir(target.parent)) == [lock_path(target).name, target.name]
    assert "Unsaved" in texts(recovered)
    recovered.close()
