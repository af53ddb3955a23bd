"""One project file, more than one program or person: another user on this machine, a
second editor process, a lock left half-written by a crash, a file from a newer
Stagecraft, and the same file reached by another path in one window.

Already proven elsewhere, not repeated here: a second process learns who has the file
and the lock of a killed holder is cleared (tests/model/test_lock_processes.py); a lock
from another machine is respected (test_project_file, test_lock_processes); a file
changed on disk before saving is caught and saved as a copy or overwritten by choice
(test_project_file, tests/ui/test_save_flow.py); a newer file opens read-only at the
model level (test_project_file, test_bad_files); the same path twice in one window or in
two windows (tests/ui/test_open_flow.py); the stale lock of a crashed editor is cleared
on every trial of test_crash_editing_session.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_files import listing, sha256, texts

from app.editing.commands.cards import AddCardCommand
from app.model import ops_grid as ops
from app.model.base import SCHEMA_VERSION
from app.model.datadir import working_root
from app.model.errors import FileLockedError
from app.model.lockfile import ABANDONED_AFTER, lock_path, read_holder
from app.model.processes import machine_name, user_name
from app.model.project_file import ProjectFile
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.locked_file import LockedFileDialog
from tests.ui.conftest import answers, make_window, settings, windows

__all__ = ["answers", "make_window", "settings", "windows"]

HOLDER = Path(__file__).parents[1] / "model" / "lock_holder_child.py"


@pytest.fixture
def saved(tmp_path) -> Path:
    project_file = ProjectFile.new("Clinic", template="minimal")
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "Phones surgery")
    project_file.commit()
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


def lock_as(target: Path, user: str, pid: int) -> bytes:
    lock_path(target).write_text(
        json.dumps(
            {
                "user": user,
                "machine": machine_name(),
                "pid": pid,
                "since": "2026-12-07T09:00:00+00:00",
                "app": "Stagecraft 0.1.0",
            }
        ),
        encoding="utf-8",
    )
    return lock_path(target).read_bytes()


def test_another_user_on_this_machine_keeps_the_file_until_their_program_ends(saved) -> None:
    # Sam's editor, on the same machine (a shared workstation, a terminal server).
    sams_program = subprocess.Popen(["sleep", "60"])
    try:
        lock_bytes = lock_as(saved, "sam", sams_program.pid)
        assert user_name() != "sam"
        with pytest.raises(FileLockedError, match=f"open by sam on {machine_name()}") as raised:
            ProjectFile.open(saved)
        assert not raised.value.holder.is_stale and not raised.value.holder.is_mine
        viewer = ProjectFile.open(saved, read_only=True)
        assert texts(viewer) == {"Phones surgery"}
        viewer.close()
        assert lock_path(saved).read_bytes() == lock_bytes
    finally:
        sams_program.kill()
        sams_program.wait()
    # Sam's program is gone without closing: the lock is stale and cleared.
    project_file = ProjectFile.open(saved)
    assert read_holder(saved).user == user_name() and read_holder(saved).is_mine
    project_file.close()
    assert listing(saved.parent) == [saved.name]


@pytest.mark.parametrize("content", [b"", b'{"user": "sam", "machi'])
def test_a_lock_left_half_written_by_a_crash_is_cleared_once_it_is_old(saved, content) -> None:
    lock_path(saved).write_bytes(content)
    # Just written: someone may be writing it this moment.
    with pytest.raises(FileLockedError, match="open by someone on an unknown machine"):
        ProjectFile.open(saved)
    assert lock_path(saved).read_bytes() == content
    # Unreadable long after it was written: its writer stopped while taking the lock.
    old = time.time() - ABANDONED_AFTER - 5
    os.utime(lock_path(saved), (old, old))
    project_file = ProjectFile.open(saved)
    assert read_holder(saved).is_mine and not project_file.read_only
    project_file.close()
    assert listing(saved.parent) == [saved.name]


def test_a_second_editor_process_is_named_and_the_window_opens_a_copy(
    make_window, answers, saved, tmp_path
) -> None:
    first = subprocess.Popen(
        [sys.executable, str(HOLDER), str(saved)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first.stdout.readline().split()
        assert line[:1] == ["ready"], first.stderr.read()
        before, lock_bytes = sha256(saved), lock_path(saved).read_bytes()
        window = make_window()
        answers.click(LockedFileDialog, "copyButton")
        assert window.files.open_path(saved)
        (dialog,) = answers.seen
        assert dialog.text().startswith(f"clinic.blueprint is open by {user_name()} on ")
        assert machine_name() in dialog.text()
        project_file = window.project_file
        assert project_file.path is None and project_file.lock is None
        blueprint = project_file.project.blueprints[0]
        assert window._push(AddCardCommand(blueprint.lanes[0].id, blueprint.steps[0].id, "Mine"))
        mine = tmp_path / "mine.blueprint"
        answers.choose_file(mine)
        assert window.files.save()  # a copy has no file yet: Save asks for a name
        assert project_file.path == mine and not window.isWindowModified()
        # The first process's file and lock are as they were.
        assert sha256(saved) == before and lock_path(saved).read_bytes() == lock_bytes
        _out, err = first.communicate("close\n", timeout=30)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert listing(saved.parent) == sorted([saved.name, mine.name, lock_path(mine).name])
    window.files.release()
    reopened = ProjectFile.open(mine)
    assert texts(reopened) == {"Phones surgery", "Mine"}
    reopened.close()


def test_a_file_from_a_newer_stagecraft_in_the_window(make_window, answers, saved) -> None:
    connection = sqlite3.connect(saved)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = sha256(saved)
    window = make_window()
    assert window.files.open_path(saved)
    assert window.project_file.read_only
    assert "(read-only)" in window.windowTitle()
    (notice,) = window.message_bar.notices()
    assert f"in file format {SCHEMA_VERSION + 1}" in notice
    assert f"install Stagecraft that reads format {SCHEMA_VERSION + 1} to edit it" in notice
    # An edit is refused with a message; nothing is written, and no lock is taken.
    blueprint = window.project_file.project.blueprints[0]
    answers.click(ErrorDialog, "okButton")
    assert not window._push(AddCardCommand(blueprint.lanes[0].id, blueprint.steps[0].id, "x"))
    assert "is open read-only, so it cannot be changed" in answers.seen[0].text()
    assert texts(window.project_file) == {"Phones surgery"}
    window.files.release()
    assert sha256(saved) == before
    assert listing(saved.parent) == [saved.name]


@pytest.mark.parametrize("spelling", ["link", "dots", "relative"])
def test_the_same_file_by_another_path_is_not_opened_twice(
    make_window, answers, saved, tmp_path, monkeypatch, spelling
) -> None:
    window = make_window(ProjectFile.open(saved))
    first = window.project_file
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if spelling == "link":
        other = elsewhere / "shortcut.blueprint"
        other.symlink_to(saved)
    elif spelling == "dots":
        other = elsewhere / ".." / saved.name
    else:
        monkeypatch.chdir(elsewhere)
        other = Path("..") / saved.name
    assert not window.files.open_path(other)
    assert window.project_file is first
    assert answers.seen == []
    assert "clinic.blueprint is already open in this window" in window.message_bar.notices()
    assert list(working_root().iterdir()) == [first.working.folder]
